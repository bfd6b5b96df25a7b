//! A whole `clean` run: discover inputs → (issue 3: a corpus-wide first pass
//! over the same document stream) → the ordered parallel cleaning pass →
//! commit the outputs, and total the figures.
//!
//! Workers (rayon) read, parse, clean and render documents to bytes
//! (`process`); one thread writes them in input order (`batch::ordered`), so
//! output is byte-identical for any thread count, and memory is bounded by
//! the batch size, not the dump size.

use crate::batch;
use crate::corpus::{self, CorpusStats, Counter};
use crate::error::RunError;
use crate::output::{render, DocInfo, Rendered};
use crate::pipeline::{clean_text_in, Context, Outcome};
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
    /// Run the corpus-wide repeated-line pass (when the pack has the rule).
    pub repeated: bool,
}

/// The URL-like field of a JSONL record's carried fields, if any: what
/// site-scoped rules match (else the document's path).
fn url_of(carried: Option<&serde_json::value::RawValue>) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Url {
        url: Option<String>,
        link: Option<String>,
        domain: Option<String>,
    }
    let u: Url = serde_json::from_str(carried?.get()).ok()?;
    u.url.or(u.link).or(u.domain)
}

/// Clean one document: load (read, parse, decode), clean, render.
pub fn process(
    doc: &RawDoc,
    pack: &Pack,
    read: &ReadOptions,
    corpus: Option<&CorpusStats>,
) -> Rendered {
    let loaded = doc.load(read);
    let site = url_of(loaded.carried.as_deref())
        .unwrap_or_else(|| doc.source_path.clone())
        .to_lowercase();
    let ctx = Context {
        site: Some(&site),
        corpus,
    };
    let outcome = match loaded.text {
        Ok(text) => clean_text_in(&text, pack, &ctx),
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
    let corpus = if opts.repeated && !opts.floor {
        first_pass(&inputs, pack, &pool)?
    } else {
        None
    };
    let mut sink = Sink::create(&opts.sink, &opts.inputs)?;
    let mut summary = clean_into(&mut sink, &inputs, opts, pack, &pool, corpus.as_ref())?;
    summary.corpus = corpus
        .as_ref()
        .map(|c| (c.enabled, c.distinct_docs, c.repeated.len(), c.floor));
    summary.seconds = started.elapsed().as_secs_f64();
    let out_err = |path: &std::path::Path| {
        let path = path.to_path_buf();
        move |source| RunError::Output { path, source }
    };
    let out = opts.sink.out.clone().unwrap_or_else(|| "-".into());
    let mut finished = sink.finish().map_err(out_err(&out))?;
    // summary.json goes with every output folder; the report page reads the
    // three plain JSONL files back, so only beside those.
    let o = &opts.sink;
    let plain = o.audit.is_none()
        && o.rejected.is_none()
        && !o.no_audit
        && o.shard_size.is_none()
        && matches!(o.compress, crate::sink::Compress::None);
    if let (Some(staging), false) = (finished.folder().map(|p| p.to_path_buf()), opts.floor) {
        let page =
            crate::report::finish_run(&staging, &out, &summary, pack, plain).map_err(|e| {
                RunError::Output {
                    path: out.clone(),
                    source: std::io::Error::other(e.to_string()),
                }
            })?;
        finished.add(crate::sink::SUMMARY);
        if page {
            finished.add(crate::sink::REPORT);
            summary.report = Some(out.join(crate::sink::REPORT));
        }
    }
    finished.commit().map_err(out_err(&out))?;
    Ok(summary)
}

/// Cap on the line-count table of the first pass (see `corpus`).
const COUNT_CAP: usize = 2_000_000;

/// The corpus-wide first pass over the same document stream, when the pack
/// has a `repeated_line` rule. Standard input cannot be read twice: then the
/// pass is skipped (the summary says so).
fn first_pass(
    inputs: &Inputs,
    pack: &Pack,
    pool: &ThreadPool,
) -> Result<Option<CorpusStats>, RunError> {
    let Some(rule) = corpus::rule(pack) else {
        return Ok(None);
    };
    if !inputs.reopenable() {
        return Ok(None);
    }
    let mut counter = Counter::new(COUNT_CAP);
    let mut index = 0;
    let keys = |doc: &RawDoc| {
        let text = doc.load(&inputs.opts).text.ok()?;
        let norm = crate::normalize::normalize(&text, &pack.normalize).0;
        Some(corpus::doc_keys(&norm, rule.min_chars))
    };
    batch::ordered(
        inputs.docs()?,
        pool,
        keys,
        |_, k: Option<corpus::DocKeys>| {
            if let Some(k) = k {
                counter.add(index, &k);
            }
            index += 1;
            Ok::<(), std::convert::Infallible>(())
        },
    )
    .unwrap_or_else(|never| match never {});
    Ok(Some(counter.finish(rule)))
}

/// Exact duplicates: `metadata.duplicate_of` names the first copy's id. The
/// first copy always comes earlier in the (ordered) stream, so its id is
/// remembered as it passes and the duplicate's record — rendered with
/// `"duplicate_of":null` as its last field — is completed before writing.
struct Duplicates<'a> {
    of: &'a std::collections::HashMap<usize, usize>,
    firsts: std::collections::HashSet<usize>,
    ids: std::collections::HashMap<usize, String>,
}

impl<'a> Duplicates<'a> {
    fn new(corpus: Option<&'a CorpusStats>) -> Option<Duplicates<'a>> {
        let of = &corpus?.duplicate_of;
        Some(Duplicates {
            of,
            firsts: of.values().copied().collect(),
            ids: std::collections::HashMap::new(),
        })
    }

    fn apply(&mut self, index: usize, r: &mut Rendered) {
        if self.firsts.contains(&index) {
            self.ids.insert(index, r.id.clone());
        }
        let Some(first) = self.of.get(&index).and_then(|f| self.ids.get(f)) else {
            return;
        };
        const NULL: &[u8] = b"\"duplicate_of\":null}}\n";
        if r.clean.ends_with(NULL) {
            r.clean.truncate(r.clean.len() - NULL.len());
            r.clean.extend_from_slice(b"\"duplicate_of\":");
            serde_json::to_writer(&mut r.clean, first).expect("serializing to memory cannot fail");
            r.clean.extend_from_slice(b"}}\n");
        }
    }
}

/// The cleaning pass alone (no summary or report): every document cleaned,
/// written in order, committed.
pub fn clean_pass(
    inputs: &Inputs,
    opts: &RunOptions,
    pack: &Pack,
    pool: &ThreadPool,
    corpus: Option<&CorpusStats>,
) -> Result<Summary, RunError> {
    let mut sink = Sink::create(&opts.sink, &opts.inputs)?;
    let summary = clean_into(&mut sink, inputs, opts, pack, pool, corpus)?;
    let out = opts.sink.out.clone().unwrap_or_else(|| "-".into());
    let commit = sink.finish().and_then(|f| f.commit());
    commit.map_err(|source| RunError::Output { path: out, source })?;
    Ok(summary)
}

/// Clean every document into `sink`, in order.
fn clean_into(
    sink: &mut Sink,
    inputs: &Inputs,
    opts: &RunOptions,
    pack: &Pack,
    pool: &ThreadPool,
    corpus: Option<&CorpusStats>,
) -> Result<Summary, RunError> {
    let out_path = opts.sink.out.clone().unwrap_or_else(|| "-".into());
    let write_err = |source| RunError::Output {
        path: out_path.clone(),
        source,
    };
    let pb = progress(inputs.disk_bytes(), opts.quiet);
    let mut summary = Summary::default();
    let mut dups = Duplicates::new(corpus);
    let mut index = 0;
    batch::ordered(
        inputs.docs()?,
        pool,
        |doc| {
            if opts.floor {
                process_floor(doc, pack, &inputs.opts)
            } else {
                process(doc, pack, &inputs.opts, corpus)
            }
        },
        |doc, mut r: Rendered| {
            if let Some(d) = dups.as_mut() {
                d.apply(index, &mut r);
            }
            index += 1;
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
    pb.finish_and_clear();
    Ok(summary)
}
