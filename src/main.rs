//! The `newsclean` command: parses flags and calls the library. Nothing else.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use newsclean::eval;
use newsclean::rules::{self, check};
use newsclean::run::{run, RunOptions};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "newsclean",
    version,
    about = "Strip scraper boilerplate from news dumps, with an exact audit"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean documents: writes clean.jsonl, audit.jsonl and rejected.jsonl.
    Clean {
        /// Files or folders (searched recursively for *.txt).
        #[arg(default_value = "seeds")]
        inputs: Vec<PathBuf>,
        /// Folder of rule files (*.toml, searched recursively).
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// No progress bar and no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Documents larger than this many bytes are rejected as too_large.
        #[arg(long, default_value_t = 8 << 20)]
        max_doc_bytes: u64,
        /// Skip the corpus-wide repeated-line pass.
        #[arg(long)]
        no_repeated: bool,
    },
    /// Write the labeled dev set (JSONL: id, lang, text, spans) built from the corpus.
    Devset {
        /// Folder holding ar_news_bodies.jsonl and en_news_bodies.jsonl.
        #[arg(long, default_value = "../shared/corpus")]
        corpus: PathBuf,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value_t = newsclean::eval::DEFAULT_SEED)]
        seed: u64,
    },
    /// Clean a labeled dev set and report body retention and boilerplate leakage.
    Eval {
        /// A dev set written by `devset` (default: build it in memory from --corpus).
        #[arg(long)]
        set: Option<PathBuf>,
        #[arg(long, default_value = "../shared/corpus")]
        corpus: PathBuf,
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
        /// Longest list of documents to print.
        #[arg(long, default_value_t = 10)]
        show: usize,
    },
    /// Inspect and test the rule pack.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Load the pack, report errors, and run every rule's examples.
    Check {
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
    },
    /// List every rule with its kind, language and description.
    List {
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
    },
}

fn main() {
    if let Err(e) = real_main() {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<()> {
    match Cli::parse().command {
        Command::Clean {
            inputs,
            rules,
            out,
            threads,
            quiet,
            max_doc_bytes,
            no_repeated,
        } => {
            if threads == Some(0) {
                bail!("--threads must be at least 1");
            }
            let pack = rules::load_dir(&rules).context("cannot load the rule pack")?;
            let opts = RunOptions {
                inputs,
                out: out.clone(),
                threads,
                quiet,
                max_doc_bytes,
                repeated: !no_repeated,
            };
            let summary = run(&opts, &pack)?;
            if !quiet {
                print!("{summary}");
                println!("output: {}", out.display());
            }
        }
        Command::Devset { corpus, out, seed } => {
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
        }
        Command::Eval {
            set,
            corpus,
            rules,
            show,
        } => {
            let pack = rules::load_dir(&rules).context("cannot load the rule pack")?;
            let docs = match set {
                Some(path) => eval::read_jsonl(&path)?,
                None => eval::build(&eval::corpus::Corpus::load(&corpus)?, eval::DEFAULT_SEED)?,
            };
            let report = eval::evaluate(&docs, &pack)?;
            print!("{}", eval::report::render(&report, show));
        }
        Command::Rules { command } => match command {
            RulesCommand::Check { rules } => {
                let pack = rules::load_dir(&rules).context("cannot load the rule pack")?;
                let fails = check::check_examples(&pack);
                let examples: usize = pack
                    .rules
                    .iter()
                    .map(|r| r.examples.remove.len() + r.examples.keep.len())
                    .sum();
                for f in &fails {
                    eprintln!("FAIL {f}");
                }
                if !fails.is_empty() {
                    bail!("{} rule check(s) failed", fails.len());
                }
                println!(
                    "ok: {} rules, {} examples, all pass",
                    pack.rules.len(),
                    examples
                );
            }
            RulesCommand::List { rules } => {
                let pack = rules::load_dir(&rules).context("cannot load the rule pack")?;
                for r in &pack.rules {
                    let lang = r.lang.map_or("any", |l| l.as_str());
                    println!(
                        "{:<32} {:<9} {:<4} {}",
                        r.id,
                        r.kind.name(),
                        lang,
                        r.description
                    );
                }
            }
        },
    }
    Ok(())
}
