//! A whole `clean` run: discover inputs, clean them in parallel in ordered
//! batches, write the three JSONL files atomically, and total the figures.
//!
//! Workers (rayon) read, clean and render documents to bytes; the calling
//! thread writes each batch in input order, so output is byte-identical for
//! any thread count. Memory is bounded by the batch size, not the dump size.

use crate::corpus::{self, CorpusStats, Counter};
use crate::error::RunError;
use crate::output::{render, AtomicFile, Rendered};
use crate::pipeline::{clean_text_in, Context, Outcome};
use crate::rules::Pack;
use crate::source::{self, SourceFile};
use crate::summary::Summary;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options of a run, already checked by the front end.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    /// Worker threads; `None`: one per core.
    pub threads: Option<usize>,
    /// Hide the progress bar.
    pub quiet: bool,
    pub max_doc_bytes: u64,
    /// Run the corpus-wide repeated-line pass (when the pack has the rule).
    pub repeated: bool,
}

/// Batches hold up to this many bytes of input (or `BATCH_FILES` files).
const BATCH_BYTES: u64 = 8 << 20;
const BATCH_FILES: usize = 1024;

/// Clean one document: read, decode, clean, render.
pub fn process(
    file: &SourceFile,
    pack: &Pack,
    max_doc_bytes: u64,
    corpus: Option<&CorpusStats>,
    duplicate_of: Option<&str>,
) -> Rendered {
    let site = file.path.to_string_lossy().to_lowercase();
    let ctx = Context {
        site: Some(&site),
        corpus,
    };
    let outcome = match source::read(file, max_doc_bytes) {
        Ok(text) => clean_text_in(&text, pack, &ctx),
        Err((reason, detail)) => Outcome::Rejected {
            reason,
            detail,
            cleaned: None,
        },
    };
    render(file, &outcome, pack, duplicate_of)
}

/// Cap on the line-count table of the first pass (see `corpus`).
const COUNT_CAP: usize = 4_000_000;

/// The corpus-wide first pass over the same files, when the pack asks for it.
fn first_pass(
    files: &[SourceFile],
    pack: &Pack,
    opts: &RunOptions,
    pool: &rayon::ThreadPool,
) -> Option<CorpusStats> {
    let rule = corpus::rule(pack)?;
    if !opts.repeated {
        return None;
    }
    let mut counter = Counter::new(COUNT_CAP);
    let mut index = 0;
    for batch in batches(files) {
        let keys: Vec<Option<corpus::DocKeys>> = pool.install(|| {
            batch
                .par_iter()
                .map(|f| {
                    let text = source::read(f, opts.max_doc_bytes).ok()?;
                    let norm = crate::normalize::normalize(&text, &pack.normalize).0;
                    Some(corpus::doc_keys(&norm, rule.min_chars))
                })
                .collect()
        });
        for k in keys {
            if let Some(k) = k {
                counter.add(index, &k);
            }
            index += 1;
        }
    }
    Some(counter.finish(rule))
}

struct Writers {
    clean: AtomicFile,
    audit: AtomicFile,
    rejected: AtomicFile,
}

impl Writers {
    fn create(out: &Path) -> Result<Writers, RunError> {
        let err = |source| RunError::Output {
            path: out.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(out).map_err(err)?;
        Ok(Writers {
            clean: AtomicFile::create(&out.join("clean.jsonl")).map_err(err)?,
            audit: AtomicFile::create(&out.join("audit.jsonl")).map_err(err)?,
            rejected: AtomicFile::create(&out.join("rejected.jsonl")).map_err(err)?,
        })
    }

    fn write(&mut self, r: &Rendered) -> std::io::Result<()> {
        self.clean.write_all(&r.clean)?;
        self.audit.write_all(&r.audit)?;
        self.rejected.write_all(&r.rejected)
    }

    fn commit(self) -> std::io::Result<()> {
        self.clean.commit()?;
        self.audit.commit()?;
        self.rejected.commit()
    }
}

fn batches(files: &[SourceFile]) -> Vec<&[SourceFile]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, f) in files.iter().enumerate() {
        if i > start && (bytes + f.size > BATCH_BYTES || i - start >= BATCH_FILES) {
            out.push(&files[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += f.size;
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

fn progress(total_bytes: u64, files: usize, quiet: bool) -> ProgressBar {
    let target = if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let pb = ProgressBar::with_draw_target(Some(total_bytes), target);
    let style = ProgressStyle::with_template(
        "{bar:30} {msg} files  {binary_bytes_per_sec}  elapsed {elapsed}  ETA {eta}",
    )
    .expect("static template");
    pb.set_style(style);
    pb.set_message(format!("0/{files}"));
    pb
}

/// Run `clean` over the inputs with `pack`.
pub fn run(opts: &RunOptions, pack: &Pack) -> Result<Summary, RunError> {
    let started = Instant::now();
    let files = source::discover(&opts.inputs)?;
    let mut writers = Writers::create(&opts.out)?;
    let threads = opts.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Threads {
            threads,
            message: e.to_string(),
        })?;
    let corpus = first_pass(&files, pack, opts, &pool);
    let total: u64 = files.iter().map(|f| f.size).sum();
    let pb = progress(total, files.len(), opts.quiet);
    let mut summary = Summary {
        corpus: corpus
            .as_ref()
            .map(|c| (c.enabled, c.distinct_docs, c.repeated.len(), c.floor)),
        ..Summary::default()
    };
    let mut start = 0;
    let write_err = |source| RunError::Output {
        path: opts.out.clone(),
        source,
    };
    for batch in batches(&files) {
        let dup = |i: usize| {
            let first = corpus.as_ref()?.duplicate_of.get(&(start + i))?;
            Some(files[*first].id.as_str())
        };
        let rendered: Vec<Rendered> = pool.install(|| {
            batch
                .par_iter()
                .enumerate()
                .map(|(i, f)| process(f, pack, opts.max_doc_bytes, corpus.as_ref(), dup(i)))
                .collect()
        });
        start += batch.len();
        for (f, r) in batch.iter().zip(&rendered) {
            writers.write(r).map_err(write_err)?;
            summary.add(r, f.size);
            pb.inc(f.size);
        }
        pb.set_message(format!("{}/{}", summary.read, files.len()));
    }
    writers.commit().map_err(write_err)?;
    pb.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    crate::report::finish_run(&opts.out, &summary, pack).map_err(|e| RunError::Output {
        path: opts.out.clone(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(summary)
}
