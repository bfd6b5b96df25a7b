//! `newsclean eval`: Clean a labeled dev set and report body retention and boilerplate leakage.

use super::prelude::*;
use newsclean_dev::eval;

/// Clean a labeled dev set and report body retention and boilerplate leakage.
#[derive(clap::Args)]
pub struct Args {
    /// A dev set written by `devset` (default: build it in memory from --corpus).
    #[arg(long)]
    pub set: Option<PathBuf>,
    #[arg(long, default_value = "../shared/corpus")]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Longest list of documents to print.
    #[arg(long, default_value_t = 10)]
    pub show: usize,
}

pub fn run(args: Args) -> Result<()> {
    let Args {
        set,
        corpus,
        rules,
        show,
    } = args;
    let pack = rules.load()?;
    let docs = match set {
        Some(path) => eval::read_jsonl(&path)?,
        None => eval::build(&eval::corpus::Corpus::load(&corpus)?, eval::DEFAULT_SEED)?,
    };
    let report = eval::evaluate(&docs, &pack)?;
    out!("{}", eval::report::render(&report, show));
    Ok(())
}
