//! The `newsclean` command: parses flags and calls the library. Nothing else.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use newsclean::io::records::read as stats;
use newsclean::io::sink::{Compress, SinkOptions};
use newsclean::io::source::ReadOptions;
use newsclean::rules::{self, check};
use newsclean::run::{run, RunOptions};
use newsclean_dev::eval;

mod docview;
mod explain;
mod lint;
mod progress;
mod report;
mod ruledoc;
mod suggest;
use std::io::IsTerminal;
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
        #[command(flatten)]
        rules: RulesArgs,
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
        /// JSONL field holding the document id [default: id; without it a
        /// record's id is <file>:<line>]. A field given here must be in the
        /// records (see --keep-going).
        #[arg(long)]
        id_field: Option<String>,
        /// Clean what can be cleaned even when the input looks misconfigured
        /// (most records malformed, the named --id-field in none).
        #[arg(long)]
        keep_going: bool,
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
        /// Skip the corpus-wide repeated-line pass.
        #[arg(long)]
        no_repeated: bool,
        /// Run only these rules: ids or id prefixes (`ar.read_also`), comma-separated or repeated.
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        /// Do not run these rules: ids or id prefixes.
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
    },
    /// Write the labeled dev set (JSONL: id, lang, text, spans) built from the corpus.
    Devset {
        /// Folder holding ar_news_bodies.jsonl and en_news_bodies.jsonl.
        #[arg(long, default_value = "../shared/corpus")]
        corpus: PathBuf,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value_t = newsclean_dev::eval::DEFAULT_SEED)]
        seed: u64,
    },
    /// Clean a labeled dev set and report body retention and boilerplate leakage.
    Eval {
        /// A dev set written by `devset` (default: build it in memory from --corpus).
        #[arg(long)]
        set: Option<PathBuf>,
        #[arg(long, default_value = "../shared/corpus")]
        corpus: PathBuf,
        #[command(flatten)]
        rules: RulesArgs,
        /// Longest list of documents to print.
        #[arg(long, default_value_t = 10)]
        show: usize,
    },
    /// Show one document with its removals, like a diff.
    Explain {
        /// A file to clean now, or (with --out) a document id of a run.
        target: String,
        /// Output folder of a run: explain the document with this id there.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        rules: RulesArgs,
        /// No colour (also the default when stdout is not a terminal).
        #[arg(long)]
        plain: bool,
        /// Colour even when stdout is not a terminal.
        #[arg(long, conflicts_with = "plain")]
        color: bool,
        #[arg(long, default_value_t = 8 << 20)]
        max_doc_bytes: u64,
    },
    /// Mine a dump for boilerplate no rule removes; write candidate rules as TOML.
    Suggest {
        /// Files or folders (searched recursively for *.txt).
        #[arg(default_value = "seeds")]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        rules: RulesArgs,
        /// Write the TOML here (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Minimum documents a candidate must be in (default: 3 or 0.5% of the documents).
        #[arg(long)]
        min_docs: Option<usize>,
        /// At most this many candidates.
        #[arg(long, default_value_t = 40)]
        max: usize,
    },
    /// Rebuild report.html from an output folder.
    Report {
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Documents embedded in the page (an even sample of the kept ones).
        #[arg(long, default_value_t = 500)]
        max_docs: usize,
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
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Inspect and test the rule pack.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Load the pack, report errors, and run every rule's examples; warn
    /// about overlapping rules and, given a run or inputs, unfired rules.
    Check {
        #[command(flatten)]
        rules: RulesArgs,
        /// Output folder of a run: warn about rules that never fired in it.
        #[arg(long)]
        stats: Option<PathBuf>,
        /// Files or folders to clean now: warn about rules that never fire on them.
        #[arg(long, num_args = 1..)]
        input: Vec<PathBuf>,
    },
    /// List every rule with its kind, language and description.
    List {
        #[command(flatten)]
        rules: RulesArgs,
        /// Output folder of a run: add its per-rule counts.
        #[arg(long)]
        stats: Option<PathBuf>,
    },
    /// Write the built-in rule pack out as files, to edit and use with --rules.
    Export {
        /// A folder to create (or an empty one): no file is overwritten.
        dir: PathBuf,
    },
    /// Show one rule: what it removes, why, kind, patterns and examples.
    Show {
        id: String,
        #[command(flatten)]
        rules: RulesArgs,
        /// Output folder of a run: add the rule's counts in it.
        #[arg(long)]
        stats: Option<PathBuf>,
    },
    /// List every rule kind: its stage, what it claims, its parameters with
    /// types and defaults.
    Kinds,
    /// Print the JSON schema of rule files (committed as rules/schema.json),
    /// for editors to check and complete them.
    Schema,
}

/// Which rule pack a command uses: the built-in one (compiled in), a
/// folder replacing it, or a folder added on top of it.
#[derive(clap::Args, Debug, Clone)]
struct RulesArgs {
    /// Folder of rule files (*.toml, searched recursively) replacing the
    /// built-in pack (`newsclean rules export DIR` writes it out to edit).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Folder of rule files added on top of the built-in pack (rule ids must
    /// not clash with it).
    #[arg(long, value_name = "DIR", conflicts_with = "rules")]
    extra_rules: Option<PathBuf>,
}

impl RulesArgs {
    fn load(&self) -> Result<newsclean::Pack> {
        let pack = match (&self.rules, &self.extra_rules) {
            (Some(dir), _) => rules::load_dir(dir),
            (None, Some(extra)) => newsclean::Pack::builtin_with(extra),
            (None, None) => newsclean::Pack::builtin(),
        };
        pack.context("cannot load the rule pack")
    }

    /// How the pack is named in messages.
    fn name(&self) -> String {
        match (&self.rules, &self.extra_rules) {
            (Some(dir), _) => dir.display().to_string(),
            (None, Some(extra)) => format!("the built-in pack + {}", extra.display()),
            (None, None) => "the built-in pack".into(),
        }
    }
}

fn read_stats(dir: &std::path::Path) -> Result<stats::SummaryFile> {
    stats::read_summary(dir).with_context(|| format!("cannot read the run in {}", dir.display()))
}

/// `print!` that returns an error instead of panicking (a closed pipe ends
/// the command normally: see `main`).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)?
    }};
}

fn main() -> std::process::ExitCode {
    let Err(e) = real_main() else {
        return std::process::ExitCode::SUCCESS;
    };
    // A reader that went away (`| head`) is a normal end, as for any CLI.
    let closed = e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if closed {
        return std::process::ExitCode::SUCCESS;
    }
    eprintln!("error: {}", error_chain(&e));
    std::process::ExitCode::FAILURE
}

/// The error and its causes, each printed once: a cause whose text the
/// message before it already contains is skipped.
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
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
            keep_going,
            text_field,
            floor,
            threads,
            quiet,
            max_doc_bytes,
            no_repeated,
            select,
            ignore,
        } => {
            if threads == Some(0) {
                bail!("--threads must be at least 1");
            }
            if shard_size == Some(0) {
                bail!("--shard-size must be at least 1");
            }
            let to_stdout = out.as_os_str() == "-";
            let pack = rules.load()?;
            let pack = pack.select(&select, &ignore)?;
            let opts = RunOptions {
                inputs,
                read: ReadOptions {
                    id_field: id_field.clone().unwrap_or_else(|| "id".into()),
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
                floor,
                repeated: !no_repeated,
                guard: newsclean::run::guard::GuardOptions {
                    enabled: !keep_going,
                    id_field_given: id_field,
                },
            };
            let bar = progress::Bar::new(quiet);
            let hooks = newsclean::run::Hooks {
                progress: &bar,
                report: Some(&report::finish_run),
            };
            let summary = run(&opts, &pack, &hooks)?;
            // With --out -, standard output carries the records: the summary goes to stderr.
            if to_stdout && !quiet {
                eprint!("{summary}");
            } else if !quiet {
                out!("{summary}");
                out!("output: {}\n", out.display());
                if let Some(page) = &summary.report {
                    out!("report: {}\n", page.display());
                }
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
            let pack = rules.load()?;
            let docs = match set {
                Some(path) => eval::read_jsonl(&path)?,
                None => eval::build(&eval::corpus::Corpus::load(&corpus)?, eval::DEFAULT_SEED)?,
            };
            let report = eval::evaluate(&docs, &pack)?;
            out!("{}", eval::report::render(&report, show));
        }
        Command::Explain {
            target,
            out,
            rules,
            plain,
            color,
            max_doc_bytes,
        } => {
            let view = match out {
                Some(dir) => explain::from_output(&dir, &target)?,
                None => {
                    let path = PathBuf::from(&target);
                    if !path.is_file() {
                        bail!("no file {target} (to explain a document of a run, give --out DIR)");
                    }
                    let pack = rules.load()?;
                    explain::from_file(&path, &pack, max_doc_bytes)?
                }
            };
            let tty = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            out!("{}", explain::render(&view, color || (tty && !plain)));
        }
        Command::Suggest {
            inputs,
            rules,
            out,
            min_docs,
            max,
        } => {
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
        }
        Command::Report { out, max_docs } => {
            let opts = report::ReportOptions {
                max_docs,
                ..Default::default()
            };
            report::write(&out, &opts)
                .with_context(|| format!("cannot build the report of {}", out.display()))?;
            out!("report: {}\n", out.join("report.html").display());
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
            use newsclean_dev::generate::{generate, Format, GenOptions, Material};
            let (num, mult) = match size.char_indices().last() {
                Some((i, 'K' | 'k')) => (&size[..i], 1_000),
                Some((i, 'M' | 'm')) => (&size[..i], 1_000_000),
                Some((i, 'G' | 'g')) => (&size[..i], 1_000_000_000),
                _ => (size.as_str(), 1),
            };
            let bytes = num
                .parse::<f64>()
                .context("--size: a number, then K, M or G")?;
            let pack = rules.load()?;
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
            out!(
                "{} documents, {} bytes of text: {}\n",
                stats.docs,
                stats.bytes,
                out.display()
            );
        }
        Command::Rules { command } => match command {
            RulesCommand::Check {
                rules,
                stats,
                input,
            } => {
                let pack = rules.load()?;
                let fails = check::check_examples(&pack);
                let examples: usize = pack
                    .rules
                    .iter()
                    .map(|r| r.examples.remove.len() + r.examples.keep.len())
                    .sum();
                for f in &fails {
                    eprintln!("FAIL {f}");
                }
                let mut warnings = lint::overlaps(&pack);
                if let Some(dir) = stats {
                    warnings.extend(lint::unfired_in_summary(&pack, &read_stats(&dir)?));
                }
                if !input.is_empty() {
                    warnings.extend(lint::unfired_on_inputs(&pack, &input, 8 << 20)?);
                }
                for w in &warnings {
                    eprintln!("warning: {w}");
                }
                if !fails.is_empty() {
                    bail!("{} rule check(s) failed", fails.len());
                }
                out!(
                    "ok: {} rules, {} examples, all pass ({} warnings)\n",
                    pack.rules.len(),
                    examples,
                    warnings.len()
                );
            }
            RulesCommand::List { rules, stats } => {
                let pack = rules.load()?;
                let stats = stats.map(|d| read_stats(&d)).transpose()?;
                out!("{}", ruledoc::list(&pack, stats.as_ref()));
            }
            RulesCommand::Export { dir } => {
                let files = newsclean::rules::builtin_sources();
                if let Some((p, _)) = files.iter().find(|(p, _)| dir.join(p).exists()) {
                    bail!(
                        "{} exists: export writes into a new or empty folder and overwrites nothing",
                        dir.join(p).display()
                    );
                }
                for (p, text) in files {
                    let dest = dir.join(p);
                    if let Some(parent) = dest.parent() {
                        std::fs::create_dir_all(parent)
                            .with_context(|| format!("cannot create {}", parent.display()))?;
                    }
                    std::fs::write(&dest, text)
                        .with_context(|| format!("cannot write {}", dest.display()))?;
                }
                out!(
                    "{} rule files written to {} (use them with --rules {})\n",
                    files.len(),
                    dir.display(),
                    dir.display()
                );
            }
            RulesCommand::Show { id, rules, stats } => {
                let pack = rules.load()?;
                let Some(rule) = pack.find(&id) else {
                    bail!(
                        "no rule `{id}` in {} (see `newsclean rules list`)",
                        rules.name()
                    );
                };
                let stats = stats.map(|d| read_stats(&d)).transpose()?;
                out!("{}", ruledoc::show(rule, stats.as_ref()));
            }
            RulesCommand::Kinds => out!("{}", ruledoc::kinds()),
            RulesCommand::Schema => out!("{}", rules::schema::rule_file_schema_text()),
        },
    }
    Ok(())
}
