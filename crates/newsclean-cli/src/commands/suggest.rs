//! `newsclean suggest`: Mine a dump for boilerplate no rule removes; write candidate rules as TOML.

use super::prelude::*;

/// Mine a dump for boilerplate no rule removes; write candidate rules as TOML.
#[derive(clap::Args)]
pub struct Args {
    /// Files or folders, read as `clean` reads them (txt, JSONL, gz, zst).
    #[arg(default_value = "seeds")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Write the TOML here (default: stdout).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Minimum documents a candidate must be in (default: 3 or 0.5% of the documents).
    #[arg(long)]
    pub min_docs: Option<usize>,
    /// At most this many candidates.
    #[arg(long, default_value_t = 40)]
    pub max: usize,
}

pub fn run(args: Args) -> Result<()> {
    let Args {
        inputs,
        rules,
        out,
        min_docs,
        max,
    } = args;
    let pack = rules.load()?;
    let opts = suggest::SuggestOptions {
        min_docs,
        max,
        ..Default::default()
    };
    let found = suggest::suggest(&inputs, &pack, &opts)?;
    let toml = found.to_toml();
    match out {
        Some(path) => {
            std::fs::write(&path, toml)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "{} candidate rules from {} documents: {}",
                found.candidates.len(),
                found.docs,
                path.display()
            );
        }
        None => out!("{toml}"),
    }
    Ok(())
}
