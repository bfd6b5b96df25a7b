//! `newsclean generate`: Write a deterministic benchmark dump (real sentences + boilerplate).

use super::prelude::*;

/// Write a deterministic benchmark dump (real sentences + boilerplate).
#[derive(clap::Args)]
pub struct Args {
    /// Output: a folder (txt) or a file (jsonl, jsonl.gz, jsonl.zst).
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, value_parser = ["txt", "jsonl", "jsonl.gz", "jsonl.zst"], default_value = "jsonl")]
    pub format: String,
    /// Size of document text to write, e.g. 10M, 1G (K, M, G are powers of 1000).
    #[arg(long, default_value = "10M")]
    pub size: String,
    /// At most this many documents.
    #[arg(long, default_value_t = u64::MAX)]
    pub docs: u64,
    /// Mean document size in bytes.
    #[arg(long, default_value_t = 4000)]
    pub doc_bytes: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder of ar_news_bodies.jsonl and en_news_bodies.jsonl.
    #[arg(long, default_value = "../shared/corpus")]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub rules: RulesArgs,
}

pub fn run(args: Args) -> Result<()> {
    let Args {
        out,
        format,
        size,
        docs,
        doc_bytes,
        seed,
        corpus,
        rules,
    } = args;
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
    Ok(())
}
