//! `newsclean explain`: Show one document with its removals, like a diff.

use super::prelude::*;
use std::io::IsTerminal;

/// Show one document with its removals, like a diff.
#[derive(clap::Args)]
pub struct Args {
    /// A file to clean now, or (with --out) a document id of a run.
    pub target: String,
    /// Output folder of a run: explain the document with this id there.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// No colour (also the default when stdout is not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// Colour even when stdout is not a terminal.
    #[arg(long, conflicts_with = "plain")]
    pub color: bool,
    #[arg(long, default_value_t = 8 << 20)]
    pub max_doc_bytes: u64,
    /// With a JSONL file: the record with this id (its id field, or
    /// FILE:LINE) instead of the first.
    #[arg(long, conflicts_with = "out")]
    pub doc: Option<String>,
}

pub fn run(args: Args) -> Result<()> {
    let Args {
        target,
        out,
        rules,
        plain,
        color,
        max_doc_bytes,
        doc,
    } = args;
    let mut more = false;
    let view = match out {
        Some(dir) => explain::from_output(&dir, &target)?,
        None => {
            let path = PathBuf::from(&target);
            if !path.is_file() {
                bail!("no file {target} (to explain a document of a run, give --out DIR)");
            }
            let pack = rules.load()?;
            let (view, others) = explain::from_file(&path, &pack, max_doc_bytes, doc.as_deref())?;
            more = others;
            view
        }
    };
    let tty = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    out!("{}", explain::render(&view, color || (tty && !plain)));
    if more {
        let name = explain::file_name(&PathBuf::from(&target));
        out!("# {target} holds more documents: `--doc ID` shows another (its id field, or {name}:LINE)\n");
    }
    Ok(())
}
