//! The `newsclean` command: parses flags and calls the library. Nothing else.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use newsclean::rules::{self, check};
use newsclean::run::{run, RunOptions};
use newsclean::sink::{Compress, SinkOptions};
use newsclean::source::ReadOptions;
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

// Parsed once per process: the size of the `clean` variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Clean documents: writes clean.jsonl, audit.jsonl and rejected.jsonl.
    Clean {
        /// Files or folders (searched recursively for *.txt, *.jsonl,
        /// *.jsonl.gz, *.jsonl.zst); `-` reads JSONL from standard input.
        #[arg(default_value = "seeds")]
        inputs: Vec<PathBuf>,
        /// Folder of rule files (*.toml, searched recursively).
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
        /// Output folder; `-` writes clean records to standard output.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Write the audit here (compressed by its extension .gz/.zst).
        #[arg(long)]
        audit: Option<PathBuf>,
        /// Write rejected records here (compressed by its extension .gz/.zst).
        #[arg(long)]
        rejected: Option<PathBuf>,
        /// No audit file; with `--out -`, no side file that is not named.
        #[arg(long)]
        no_audit: bool,
        /// Compress the outputs: gz or zst.
        #[arg(long, value_parser = ["gz", "zst"])]
        compress: Option<String>,
        /// Split clean.jsonl into shards of N documents (clean-00000.jsonl, ...).
        #[arg(long)]
        shard_size: Option<u64>,
        /// JSONL field holding the document id.
        #[arg(long, default_value = "id")]
        id_field: String,
        /// JSONL field holding the document text.
        #[arg(long, default_value = "text")]
        text_field: String,
        /// Benchmark floor: read, split lines, write JSONL; no rules.
        #[arg(long, hide = true)]
        floor: bool,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// No progress bar and no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Documents larger than this many bytes are rejected as too_large.
        #[arg(long, default_value_t = 8 << 20)]
        max_doc_bytes: u64,
    },
    /// Write a deterministic benchmark dump (real sentences + boilerplate).
    Generate {
        /// Output: a folder (txt) or a file (jsonl, jsonl.gz, jsonl.zst).
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_parser = ["txt", "jsonl", "jsonl.gz", "jsonl.zst"], default_value = "jsonl")]
        format: String,
        /// Size of document text to write, e.g. 10M, 1G (K, M, G are powers of 1000).
        #[arg(long, default_value = "10M")]
        size: String,
        /// At most this many documents.
        #[arg(long, default_value_t = u64::MAX)]
        docs: u64,
        /// Mean document size in bytes.
        #[arg(long, default_value_t = 4000)]
        doc_bytes: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder of ar_news_bodies.jsonl and en_news_bodies.jsonl.
        #[arg(long, default_value = "../shared/corpus")]
        corpus: PathBuf,
        /// Rule pack whose examples give the boilerplate.
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
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
            audit,
            rejected,
            no_audit,
            compress,
            shard_size,
            id_field,
            text_field,
            floor,
            threads,
            quiet,
            max_doc_bytes,
        } => {
            if threads == Some(0) {
                bail!("--threads must be at least 1");
            }
            if shard_size == Some(0) {
                bail!("--shard-size must be at least 1");
            }
            let to_stdout = out.as_os_str() == "-";
            let pack = rules::load_dir(&rules).context("cannot load the rule pack")?;
            let opts = RunOptions {
                inputs,
                read: ReadOptions {
                    id_field,
                    text_field,
                    max_doc_bytes,
                },
                sink: SinkOptions {
                    out: (!to_stdout).then(|| out.clone()),
                    audit,
                    rejected,
                    no_audit,
                    compress: match compress.as_deref() {
                        Some("gz") => Compress::Gz,
                        Some("zst") => Compress::Zst,
                        _ => Compress::None,
                    },
                    shard_size,
                },
                threads,
                quiet,
                floor,
            };
            let summary = run(&opts, &pack)?;
            // With --out -, standard output carries the records: the summary goes to stderr.
            if to_stdout && !quiet {
                eprint!("{summary}");
            } else if !quiet {
                print!("{summary}");
                println!("output: {}", out.display());
            }
        }
        Command::Generate {
            out,
            format,
            size,
            docs,
            doc_bytes,
            seed,
            corpus,
            rules,
        } => {
            use newsclean::generate::{generate, Format, GenOptions, Material};
            let (num, mult) = match size.char_indices().last() {
                Some((i, 'K' | 'k')) => (&size[..i], 1_000),
                Some((i, 'M' | 'm')) => (&size[..i], 1_000_000),
                Some((i, 'G' | 'g')) => (&size[..i], 1_000_000_000),
                _ => (size.as_str(), 1),
            };
            let bytes = num
                .parse::<f64>()
                .context("--size: a number, then K, M or G")?;
            let pack = rules::load_dir(&rules).context("cannot load the rule pack")?;
            let material = Material::load(&corpus, &pack)?;
            let opts = GenOptions {
                out: out.clone(),
                format: match format.as_str() {
                    "txt" => Format::Txt,
                    "jsonl.gz" => Format::JsonlGz,
                    "jsonl.zst" => Format::JsonlZst,
                    _ => Format::Jsonl,
                },
                bytes: (bytes * mult as f64) as u64,
                docs,
                doc_bytes,
                seed,
            };
            let stats = generate(&material, &opts)?;
            println!(
                "{} documents, {} bytes of text: {}",
                stats.docs,
                stats.bytes,
                out.display()
            );
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
