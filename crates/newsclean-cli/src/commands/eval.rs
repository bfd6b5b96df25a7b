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
    /// Compare the layers (rules; + templates; + model) side by side on the
    /// default seed's dev set, the dev sets of --seeds and the --labeled files.
    #[arg(long)]
    pub layers: bool,
    /// With --layers: other dev-set seeds (held out: not used in training).
    #[arg(long, value_delimiter = ',', default_value = "2,3,4,5,6")]
    pub seeds: Vec<u64>,
    /// With --layers: labelled real pages (test halves).
    #[arg(long, default_value = "../shared/labeled/scrapinghub_en.test.jsonl")]
    pub labeled: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let pack = args.rules.load()?;
    if args.layers {
        let corpus = eval::corpus::Corpus::load(&args.corpus)?;
        let mut sets = Vec::new();
        for seed in std::iter::once(eval::DEFAULT_SEED).chain(args.seeds.iter().copied()) {
            sets.push((format!("dev set, seed {seed}"), eval::build(&corpus, seed)?));
        }
        for path in &args.labeled {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            sets.push((name, eval::read_jsonl(path)?));
        }
        let rows = eval::layers::compare(&sets, &pack)?;
        out!("{}", eval::layers::render(&rows));
        return Ok(());
    }
    let docs = match args.set {
        Some(path) => eval::read_jsonl(&path)?,
        None => eval::build(
            &eval::corpus::Corpus::load(&args.corpus)?,
            eval::DEFAULT_SEED,
        )?,
    };
    let report = eval::evaluate(&docs, &pack)?;
    out!("{}", eval::report::render(&report, args.show));
    Ok(())
}
