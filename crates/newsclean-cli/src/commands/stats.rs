//! `newsclean stats`: the first pass of one shard (`--shard i/N`), and
//! `stats merge` of the N shard counts, for `clean --shard i/N --stats FILE`
//! (a Slurm array; see newsclean::run::shard for what a shard is).

use super::prelude::*;
use newsclean::io::source::{Inputs, ReadOptions};
use newsclean::run::shard::{self, Shard, ShardStats};

/// Count the corpus pass of one shard, or merge shard counts.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub merge: Option<Merge>,
    /// Files or folders, the same for every shard and in the same order.
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Count shard i of N (`0/4`): with at least N input files, the i-th
    /// contiguous block of files; else documents whose index ≡ i (mod N).
    #[arg(long)]
    pub shard: Option<Shard>,
    /// Write the counts here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// JSONL field holding the document id.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSONL field holding the document text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Documents larger than this many bytes are not counted (too_large).
    #[arg(long, default_value_t = 8 << 20)]
    pub max_doc_bytes: u64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(clap::Subcommand)]
pub enum Merge {
    /// Merge the counts of all N shards into one file for `clean --stats`.
    Merge {
        /// Shard counts (`stats --shard` outputs), each shard once.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the merged counts here.
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(args: Args) -> Result<()> {
    if let Some(Merge::Merge { files, out }) = args.merge {
        let parts = files
            .iter()
            .map(|f| ShardStats::load(f))
            .collect::<Result<Vec<_>, _>>()?;
        let merged = shard::merge(parts)?;
        merged.save(&out)?;
        eprintln!(
            "merged {} shards: {} documents, {} distinct; wrote {}",
            merged.count,
            merged.docs.iter().sum::<usize>(),
            merged.counter.docs,
            out.display()
        );
        return Ok(());
    }
    let (Some(s), Some(out)) = (args.shard, args.out) else {
        bail!("`newsclean stats` needs --shard i/N and --out FILE (or: stats merge FILE... --out FILE)");
    };
    if args.inputs.is_empty() {
        bail!("give the inputs (the same for every shard)");
    }
    let pack = args.rules.load()?;
    let read = ReadOptions {
        id_field: args.id_field,
        text_field: args.text_field,
        max_doc_bytes: args.max_doc_bytes,
        ..ReadOptions::default()
    };
    let inputs = Inputs::discover(&args.inputs, read)?;
    let pool = newsclean::run::pool(args.threads)?;
    let stats = shard::count(inputs, s, &pack, &pool, &newsclean::run::Silent)?;
    stats.save(&out)?;
    eprintln!(
        "shard {}/{} ({:?}): {} documents, {} distinct; wrote {}",
        s.index,
        s.count,
        stats.mode,
        stats.docs[0],
        stats.counter.docs,
        out.display()
    );
    Ok(())
}
