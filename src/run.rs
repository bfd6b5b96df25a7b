//! A whole `clean` run: discover inputs → (issue 3: a corpus-wide first pass
//! over the same document stream) → the ordered parallel cleaning pass →
//! commit the outputs, and total the figures.
//!
//! Workers (rayon) read, parse, clean and render documents to bytes
//! (`process`); one thread writes them in input order (`batch::ordered`), so
//! output is byte-identical for any thread count, and memory is bounded by
//! the batch size, not the dump size.

use crate::batch;
use crate::error::RunError;
use crate::output::{render, DocInfo, Rendered};
use crate::pipeline::{clean_text, Outcome};
use crate::rules::Pack;
use crate::sink::{Sink, SinkOptions};
use crate::source::{Inputs, RawDoc, ReadOptions};
use crate::summary::Summary;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::ThreadPool;
use std::path::PathBuf;
use std::time::Instant;

/// Options of a run, already checked by the front end.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Files, folders, or `-` for JSONL on standard input.
    pub inputs: Vec<PathBuf>,
    pub read: ReadOptions,
    pub sink: SinkOptions,
    /// Worker threads; `None`: one per core.
    pub threads: Option<usize>,
    /// Hide the progress bar.
    pub quiet: bool,
    /// Benchmark floor: read, decode, split lines and write JSONL, no rules.
    pub floor: bool,
}

/// Clean one document: load (read, parse, decode), clean, render.
pub fn process(doc: &RawDoc, pack: &Pack, read: &ReadOptions) -> Rendered {
    let loaded = doc.load(read);
    let outcome = match loaded.text {
        Ok(text) => clean_text(&text, pack),
        Err((reason, detail)) => Outcome::Rejected {
            reason,
            detail,
            cleaned: None,
        },
    };
    let info = DocInfo {
        id: &loaded.id,
        source_path: &doc.source_path,
        carried: loaded.carried.as_deref(),
    };
    render(&info, &outcome, pack)
}

/// The benchmark floor: everything but the rules. Load the document, split
/// it into lines and write them back as one JSONL record.
pub fn process_floor(doc: &RawDoc, pack: &Pack, read: &ReadOptions) -> Rendered {
    let loaded = doc.load(read);
    match loaded.text {
        Ok(text) => {
            let lines: Vec<&str> = text.split('\n').collect();
            let rec = serde_json::json!({ "id": loaded.id, "text": lines.join("\n") });
            let mut clean = serde_json::to_vec(&rec).expect("serializing to memory cannot fail");
            clean.push(b'\n');
            Rendered {
                clean,
                ..Rendered::default()
            }
        }
        Err((reason, detail)) => {
            let info = DocInfo {
                id: &loaded.id,
                source_path: &doc.source_path,
                carried: None,
            };
            let outcome = Outcome::Rejected {
                reason,
                detail,
                cleaned: None,
            };
            render(&info, &outcome, pack)
        }
    }
}

/// The worker pool of a run (`None`: one thread per core).
pub fn pool(threads: Option<usize>) -> Result<ThreadPool, RunError> {
    let threads = threads.unwrap_or(0);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Threads {
            threads,
            message: e.to_string(),
        })
}

fn progress(total_bytes: u64, quiet: bool) -> ProgressBar {
    let target = if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let pb = ProgressBar::with_draw_target(Some(total_bytes), target);
    let style = ProgressStyle::with_template(
        "{bar:30} {msg} documents  {binary_bytes_per_sec}  elapsed {elapsed}  ETA {eta}",
    )
    .expect("static template");
    pb.set_style(style);
    pb
}

/// Run `clean` over the inputs with `pack`.
pub fn run(opts: &RunOptions, pack: &Pack) -> Result<Summary, RunError> {
    let started = Instant::now();
    let inputs = Inputs::discover(&opts.inputs, opts.read.clone())?;
    let pool = pool(opts.threads)?;
    // Issue 3 plugs its corpus-wide first pass in here: it runs over
    // `inputs.docs()?` with `batch::ordered` in `pool`, and what it learns
    // goes to the cleaning pass below.
    let mut summary = clean_pass(&inputs, opts, pack, &pool)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The cleaning pass: every document cleaned, written in order, committed.
pub fn clean_pass(
    inputs: &Inputs,
    opts: &RunOptions,
    pack: &Pack,
    pool: &ThreadPool,
) -> Result<Summary, RunError> {
    let mut sink = Sink::create(&opts.sink)?;
    let out_path = opts.sink.out.clone().unwrap_or_else(|| "-".into());
    let write_err = |source| RunError::Output {
        path: out_path.clone(),
        source,
    };
    let pb = progress(inputs.disk_bytes(), opts.quiet);
    let mut summary = Summary::default();
    let step = if opts.floor { process_floor } else { process };
    batch::ordered(
        inputs.docs()?,
        pool,
        |doc| step(doc, pack, &inputs.opts),
        |doc, r: Rendered| {
            sink.write(&r.clean, &r.audit, &r.rejected)?;
            summary.add(&r, doc.bytes);
            pb.inc(doc.disk_bytes);
            if summary.read % 1024 == 0 {
                pb.set_message(summary.read.to_string());
            }
            Ok(())
        },
    )
    .map_err(write_err)?;
    sink.commit().map_err(write_err)?;
    pb.finish_and_clear();
    Ok(summary)
}
