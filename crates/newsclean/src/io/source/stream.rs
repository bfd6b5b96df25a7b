//! Opening a JSONL input as a buffered line stream: plain, gzip or zstd
//! (by extension), or standard input, with a count of the bytes taken from
//! disk so the progress bar can follow compressed files.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How a JSONL input is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gz,
    Zst,
}

impl Compression {
    /// The compression of a JSON Lines file name (`.jsonl`, `.ndjson`, or
    /// `.json`, as Hugging Face `datasets` names its JSON Lines; each maybe
    /// `.gz` or `.zst`), or `None` when it is not one.
    pub fn of_jsonl(name: &str) -> Option<Compression> {
        let (stem, compression) = if let Some(s) = name.strip_suffix(".gz") {
            (s, Compression::Gz)
        } else if let Some(s) = name.strip_suffix(".zst") {
            (s, Compression::Zst)
        } else {
            (name, Compression::None)
        };
        [".jsonl", ".ndjson", ".json"]
            .iter()
            .any(|ext| stem.ends_with(ext))
            .then_some(compression)
    }

    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "JSONL",
            Compression::Gz => "gzip",
            Compression::Zst => "zstd",
        }
    }
}

/// Bytes read from the underlying file so far (shared with the stream).
#[derive(Debug, Clone, Default)]
pub struct Counter(Arc<AtomicU64>);

impl Counter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

struct Counting<R> {
    inner: R,
    count: Counter,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

pub type LineStream = Box<dyn BufRead + Send>;

const BUF: usize = 1 << 20;

/// Open `path` (or standard input when `None`) for reading lines.
pub fn open(path: Option<&Path>, c: Compression) -> io::Result<(LineStream, Counter)> {
    let count = Counter::default();
    let raw: Box<dyn Read + Send> = match path {
        Some(p) => Box::new(File::open(p)?),
        None => Box::new(io::stdin()),
    };
    let counted = Counting {
        inner: raw,
        count: count.clone(),
    };
    let stream: LineStream = match c {
        Compression::None => Box::new(BufReader::with_capacity(BUF, counted)),
        Compression::Gz => Box::new(BufReader::with_capacity(
            BUF,
            flate2::read::MultiGzDecoder::new(BufReader::with_capacity(BUF, counted)),
        )),
        Compression::Zst => Box::new(BufReader::with_capacity(
            BUF,
            zstd::stream::read::Decoder::new(counted)?,
        )),
    };
    Ok((stream, count))
}
