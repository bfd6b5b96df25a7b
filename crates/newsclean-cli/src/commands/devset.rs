//! `newsclean devset`: Write the labeled dev set (JSONL: id, lang, text, spans) built from the corpus.

use super::prelude::*;
use newsclean_dev::eval;

/// Write the labeled dev set (JSONL: id, lang, text, spans) built from the corpus.
#[derive(clap::Args)]
pub struct Args {
    /// Folder holding ar_news_bodies.jsonl and en_news_bodies.jsonl.
    #[arg(long, default_value = "../shared/corpus")]
    pub corpus: PathBuf,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long, default_value_t = newsclean_dev::eval::DEFAULT_SEED)]
    pub seed: u64,
}

pub fn run(args: Args) -> Result<()> {
    let Args { corpus, out, seed } = args;
    let corpus = eval::corpus::Corpus::load(&corpus)?;
    let docs = eval::build(&corpus, seed)?;
    match out {
        Some(path) => {
            let f = std::fs::File::create(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            eval::write_jsonl(&docs, std::io::BufWriter::new(f))?;
            eprintln!("{} documents written to {}", docs.len(), path.display());
        }
        None => eval::write_jsonl(&docs, std::io::stdout().lock())?,
    }
    Ok(())
}
