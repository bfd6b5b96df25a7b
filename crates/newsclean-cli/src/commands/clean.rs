//! `newsclean clean`: Clean documents: writes clean.jsonl, audit.jsonl and rejected.jsonl.

use super::prelude::*;
use newsclean::io::sink::{Compress, SinkOptions};
use newsclean::io::source::ReadOptions;
use newsclean::run::RunOptions;

/// Clean documents: writes clean.jsonl, audit.jsonl and rejected.jsonl.
#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (searched recursively for *.txt and JSON Lines:
    /// *.jsonl, *.ndjson, *.json, each maybe .gz or .zst); `-` reads JSONL
    /// from standard input.
    #[arg(default_value = "seeds")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Output folder; `-` writes clean records to standard output.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Write the audit here (compressed by its extension .gz/.zst).
    #[arg(long)]
    pub audit: Option<PathBuf>,
    /// Write rejected records here (compressed by its extension .gz/.zst).
    #[arg(long)]
    pub rejected: Option<PathBuf>,
    /// No audit file; with `--out -`, no side file that is not named.
    #[arg(long)]
    pub no_audit: bool,
    /// Compress the outputs: gz or zst.
    #[arg(long, value_parser = ["gz", "zst"])]
    pub compress: Option<String>,
    /// Split clean.jsonl into shards of N documents (clean-00000.jsonl, ...).
    #[arg(long)]
    pub shard_size: Option<u64>,
    /// JSONL field holding the document id [default: id; without it a
    /// record's id is <file>:<line>]. A field given here must be in the
    /// records (see --keep-going).
    #[arg(long)]
    pub id_field: Option<String>,
    /// Clean what can be cleaned even when the input looks misconfigured
    /// (most records malformed, the named --id-field in none).
    #[arg(long)]
    pub keep_going: bool,
    /// JSONL field holding the document text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Benchmark floor: read, split lines, write JSONL; no rules.
    #[arg(long, hide = true)]
    pub floor: bool,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Documents larger than this many bytes are rejected as too_large.
    #[arg(long, default_value_t = 8 << 20)]
    pub max_doc_bytes: u64,
    /// Skip the corpus-wide repeated-line pass.
    #[arg(long)]
    pub no_repeated: bool,
    /// Run only these rules: ids or id prefixes (`ar.read_also`), comma-separated or repeated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules: ids or id prefixes.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Reject exact duplicates (found by the corpus pass) as `duplicate`,
    /// naming the first copy, instead of keeping them with
    /// `metadata.duplicate_of` set.
    #[arg(long)]
    pub drop_duplicates: bool,
    /// Put a JSONL record's other fields at the top of `metadata` (as
    /// datatrove's readers do) instead of under `metadata.input`; a field
    /// named like a newsclean key stays under `metadata.input`.
    #[arg(long)]
    pub carried_top: bool,
    /// Clean only shard i of N (`0/4`, as counted by `stats --shard`).
    #[arg(long, requires = "stats")]
    pub shard: Option<newsclean::run::shard::Shard>,
    /// Merged shard counts (`stats merge`): used instead of the first pass.
    #[arg(long, requires = "shard")]
    pub stats: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let Args {
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
        drop_duplicates,
        carried_top,
        shard,
        stats,
    } = args;
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
            carried_top,
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
        drop_duplicates,
        guard: newsclean::run::guard::GuardOptions {
            enabled: !keep_going,
            id_field_given: id_field,
        },
        shard: match (shard, stats) {
            (Some(s), Some(f)) => Some((s, Some(newsclean::run::shard::ShardStats::load(&f)?))),
            _ => None,
        },
    };
    let bar = progress::Bar::new(quiet);
    let hooks = newsclean::run::Hooks {
        progress: &bar,
        report: Some(&report::finish_run),
    };
    let summary = newsclean::run::run(&opts, &pack, &hooks)?;
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
    Ok(())
}
