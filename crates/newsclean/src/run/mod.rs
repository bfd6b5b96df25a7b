//! A whole `clean` run: discover inputs → (issue 3: a corpus-wide first pass
//! over the same document stream) → the ordered parallel cleaning pass →
//! commit the outputs, and total the figures.
//!
//! Workers (rayon) read, parse, clean and render documents to bytes
//! (`process`); one thread writes them in input order (`batch::ordered`), so
//! output is byte-identical for any thread count, and memory is bounded by
//! the batch size, not the dump size.

pub mod batch;
pub mod guard;
pub mod shard;
pub mod summary;

use crate::corpus_pass::{self as corpus, CorpusStats, Counter};
use crate::error::RunError;
use crate::io::records::{render, DocInfo, Rendered};
use crate::io::sink::{Sink, SinkOptions};
use crate::io::source::{Inputs, RawDoc, ReadOptions};
use crate::pipeline::{clean_text_in, Context, Outcome};
use crate::rules::Pack;
use crate::run::summary::Summary;
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
    /// Benchmark floor: read, decode, split lines and write JSONL, no rules.
    pub floor: bool,
    /// Run the corpus-wide repeated-line pass (when the pack has the rule).
    pub repeated: bool,
    /// Reject exact duplicates (`duplicate`, naming the first copy) instead
    /// of keeping them with `metadata.duplicate_of` set.
    pub drop_duplicates: bool,
    /// Stop on inputs that look misconfigured (see `guard`).
    pub guard: guard::GuardOptions,
    /// Clean only this shard (`clean --shard i/N`), with the merged counts
    /// of `stats merge` instead of a first pass (see `shard`).
    pub shard: Option<(shard::Shard, Option<shard::ShardStats>)>,
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

/// A document read and cleaned exactly as `clean` does it.
pub struct Processed {
    pub id: String,
    /// For a JSONL record that parsed: whether its id came from the id field.
    pub id_from_field: Option<bool>,
    /// A JSONL record's other fields (`metadata.input`).
    pub carried: Option<Box<serde_json::value::RawValue>>,
    pub outcome: Outcome,
}

/// The one way into the pipeline, for every command (`clean`, `explain`,
/// `rules check --input`, `suggest`): load the document (read, parse,
/// decode), build its `Context` (site from the record's url/link/domain
/// field or the document's path; the corpus pass when it ran) and clean it.
pub fn clean_doc(
    doc: &RawDoc,
    pack: &Pack,
    read: &ReadOptions,
    corpus: Option<&CorpusStats>,
) -> Processed {
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
    Processed {
        id: loaded.id,
        id_from_field: loaded.id_from_field,
        carried: loaded.carried,
        outcome,
    }
}

/// Documents cleaned outside a run (`rules check --input`, `suggest`) as a
/// run would clean them: the inputs, and the corpus pass over them.
pub struct Sample {
    pub inputs: Inputs,
    pub corpus: Option<CorpusStats>,
}

impl Sample {
    pub fn open(paths: &[PathBuf], max_doc_bytes: u64, pack: &Pack) -> Result<Sample, RunError> {
        let read = ReadOptions {
            max_doc_bytes,
            ..Default::default()
        };
        let inputs = Inputs::discover(paths, read)?;
        let corpus = first_pass(&inputs, pack, &pool(None)?, &Silent)?;
        Ok(Sample { inputs, corpus })
    }

    /// `clean_doc` with the sample's reading options and corpus pass.
    pub fn clean(&self, doc: &RawDoc, pack: &Pack) -> Processed {
        clean_doc(doc, pack, &self.inputs.opts, self.corpus.as_ref())
    }
}

/// Clean one document (`clean_doc`) and render its records.
pub fn process(
    doc: &RawDoc,
    pack: &Pack,
    read: &ReadOptions,
    corpus: Option<&CorpusStats>,
) -> Rendered {
    process_probed(doc, pack, read, corpus).0
}

/// `process`, with what the input guard needs to know.
fn process_probed(
    doc: &RawDoc,
    pack: &Pack,
    read: &ReadOptions,
    corpus: Option<&CorpusStats>,
) -> (Rendered, guard::Probe) {
    let p = clean_doc(doc, pack, read, corpus);
    let info = DocInfo {
        id: &p.id,
        source_path: &doc.source_path,
        carried: p.carried.as_deref(),
        carried_top: read.carried_top,
    };
    let probe = guard::Probe {
        jsonl: doc.is_jsonl(),
        malformed: match &p.outcome {
            Outcome::Rejected {
                reason: crate::pipeline::RejectReason::Malformed,
                detail,
                ..
            } => Some(detail.clone()),
            _ => None,
        },
        id_from_field: p.id_from_field,
    };
    (render(&info, &p.outcome, pack), probe)
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
                carried_top: false,
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

/// What a front end shows while a run goes (a progress bar, a log line).
/// Called from the thread that writes, in input order.
pub trait Progress: Sync {
    /// A pass over the inputs starts (`"first pass"`, `"cleaning"`); the
    /// total of the input's bytes on disk, when known.
    fn start(&self, _pass: &'static str, _total_bytes: Option<u64>) {}
    /// Documents done so far in this pass, and bytes (on disk) just read.
    fn advance(&self, _docs: usize, _bytes: u64) {}
    /// The pass is over.
    fn finish(&self) {}
}

/// No progress display.
pub struct Silent;
impl Progress for Silent {}

/// What the front end adds to a run beyond the library's own outputs.
pub struct Hooks<'a> {
    pub progress: &'a dyn Progress,
    /// Writes more files into the new generation of the output folder before
    /// it is switched into place (the CLI's report.html): called with the
    /// staging folder, which holds the clean/audit/rejected JSONL (plain,
    /// compressed or sharded: `io::records::read::open` finds them) and
    /// summary.json under their final names, and the output folder's path.
    /// Returns the names of the files it wrote.
    #[allow(clippy::type_complexity)]
    pub report:
        Option<&'a dyn Fn(&std::path::Path, &std::path::Path) -> std::io::Result<Vec<String>>>,
}

impl Default for Hooks<'_> {
    fn default() -> Self {
        Hooks {
            progress: &Silent,
            report: None,
        }
    }
}

/// Run `clean` over the inputs with `pack`.
pub fn run(opts: &RunOptions, pack: &Pack, hooks: &Hooks) -> Result<Summary, RunError> {
    let started = Instant::now();
    let mut inputs = Inputs::discover(&opts.inputs, opts.read.clone())?;
    let pool = pool(opts.threads)?;
    let mut part = None;
    let corpus = match &opts.shard {
        Some((s, stats)) => {
            let (corpus, offset) = match stats {
                Some(st) if opts.repeated && !opts.floor => st.corpus_for(*s, &inputs, pack)?,
                _ => (None, 0),
            };
            let mode = shard::restrict(&mut inputs, *s);
            let ids = stats
                .as_ref()
                .map(|st| st.first_ids.clone())
                .unwrap_or_default();
            part = Some(Part {
                shard: *s,
                mode,
                offset,
                first_ids: ids,
            });
            corpus
        }
        None if opts.repeated && !opts.floor => first_pass(&inputs, pack, &pool, hooks.progress)?,
        None => None,
    };
    let mut sink = Sink::create(&opts.sink, &opts.inputs)?;
    let mut summary = clean_into(
        &mut sink,
        &inputs,
        opts,
        pack,
        &pool,
        corpus.as_ref(),
        part.as_ref(),
        hooks.progress,
    )?;
    summary.not_read = inputs.not_read.clone();
    summary.corpus = corpus
        .as_ref()
        .map(|c| (c.enabled, c.distinct_docs, c.repeated.len(), c.floor));
    if opts.repeated
        && !opts.floor
        && corpus::rule(pack).is_some()
        && !inputs.reopenable()
        && opts.shard.is_none()
    {
        summary.corpus_skipped = Some(
            "the input is a stream (standard input or a FIFO) and can be read only once; \
             save it to a file to run the pass",
        );
    }
    summary.seconds = started.elapsed().as_secs_f64();
    let out_err = |path: &std::path::Path| {
        let path = path.to_path_buf();
        move |source| RunError::Output { path, source }
    };
    let out = opts.sink.out.clone().unwrap_or_else(|| "-".into());
    let mut finished = sink.finish().map_err(out_err(&out))?;
    // summary.json goes with every output folder; the report page reads the
    // three JSONL outputs back (plain, compressed or sharded), so only when
    // all three are in the folder.
    let o = &opts.sink;
    let in_folder = o.audit.is_none() && o.rejected.is_none() && !o.no_audit;
    if let (Some(staging), false) = (finished.folder().map(|p| p.to_path_buf()), opts.floor) {
        let file = crate::io::records::read::SummaryFile::new(&summary, pack);
        crate::io::records::read::write_summary(&staging, &file)
            .map_err(out_err(&out.join(crate::io::sink::SUMMARY)))?;
        finished.add(crate::io::sink::SUMMARY);
        if let (Some(report), true) = (hooks.report, in_folder) {
            for name in report(&staging, &out).map_err(out_err(&out))? {
                summary.report = Some(out.join(&name));
                finished.add(&name);
            }
        }
    }
    finished.commit().map_err(out_err(&out))?;
    Ok(summary)
}

/// Cap on the line-count table of the first pass (see `corpus`); library
/// users that count with `corpus_pass::Counter` use it to count as `clean` does.
pub const COUNT_CAP: usize = 2_000_000;

/// The corpus-wide first pass over the same document stream, when the pack
/// has a `repeated_line` rule. Standard input cannot be read twice: then the
/// pass is skipped (the summary says so). Other commands that clean a sample
/// (`rules check --input`, `suggest`) run it too, to see what `clean` sees.
pub fn first_pass(
    inputs: &Inputs,
    pack: &Pack,
    pool: &ThreadPool,
    progress: &dyn Progress,
) -> Result<Option<CorpusStats>, RunError> {
    let Some(rule) = corpus::rule(pack) else {
        return Ok(None);
    };
    if !inputs.reopenable() {
        return Ok(None);
    }
    let mut counter = Counter::new(COUNT_CAP);
    let mut index = 0;
    progress.start("first pass", inputs.disk_bytes_known());
    let keys = |doc: &RawDoc| {
        let text = doc.load(&inputs.opts).text.ok()?;
        let norm = crate::text::normalize::normalize(&text, &pack.normalize).0;
        Some(corpus::doc_keys(&norm, rule.min_chars))
    };
    batch::ordered(
        inputs.docs()?,
        pool,
        keys,
        |doc, k: Option<corpus::DocKeys>| {
            if let Some(k) = k {
                counter.add(index, &k);
            }
            index += 1;
            progress.advance(index, doc.disk_bytes);
            Ok::<(), std::convert::Infallible>(())
        },
    )
    .unwrap_or_else(|never| match never {});
    progress.finish();
    Ok(Some(counter.finish(rule)))
}

/// Exact duplicates: `metadata.duplicate_of` names the first copy's id. The
/// first copy always comes earlier in the (ordered) stream, so its id is
/// remembered as it passes and the duplicate's record — rendered with
/// `"duplicate_of":""` as its last field — is completed before writing, or,
/// with `drop`, replaced by a `duplicate` reject record.
struct Duplicates<'a> {
    drop: bool,
    of: &'a std::collections::HashMap<usize, usize>,
    firsts: std::collections::HashSet<usize>,
    ids: std::collections::HashMap<usize, String>,
}

impl<'a> Duplicates<'a> {
    fn new(corpus: Option<&'a CorpusStats>, drop: bool) -> Option<Duplicates<'a>> {
        let of = &corpus?.duplicate_of;
        Some(Duplicates {
            drop,
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
        const UNSET: &[u8] = b"\"duplicate_of\":\"\"}}\n";
        if !r.clean.ends_with(UNSET) {
            return;
        }
        if self.drop {
            let detail = format!("an exact copy of {first}");
            let rec = crate::io::records::RejectRecord {
                id: &r.id,
                source_path: r.source_path.clone(),
                reason: "duplicate",
                detail: &detail,
            };
            let mut line = serde_json::to_vec(&rec).expect("serializing to memory cannot fail");
            line.push(b'\n');
            r.rejected = line;
            r.reject_reason = Some("duplicate");
            r.clean.clear();
            r.chars_out = 0;
        } else {
            r.clean.truncate(r.clean.len() - UNSET.len());
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
    let summary = clean_into(&mut sink, inputs, opts, pack, pool, corpus, None, &Silent)?;
    let out = opts.sink.out.clone().unwrap_or_else(|| "-".into());
    let commit = sink.finish().and_then(|f| f.commit());
    commit.map_err(|source| RunError::Output { path: out, source })?;
    Ok(summary)
}

/// The shard a run cleans: which documents, and how their indices map to
/// the whole stream's.
struct Part {
    shard: shard::Shard,
    mode: shard::Mode,
    offset: usize,
    /// Ids of first copies in other shards (from the merged counts).
    first_ids: Vec<(usize, String)>,
}

/// Clean every document into `sink`, in order.
#[allow(clippy::too_many_arguments)]
fn clean_into(
    sink: &mut Sink,
    inputs: &Inputs,
    opts: &RunOptions,
    pack: &Pack,
    pool: &ThreadPool,
    corpus: Option<&CorpusStats>,
    part: Option<&Part>,
    progress: &dyn Progress,
) -> Result<Summary, RunError> {
    let out_path = opts.sink.out.clone().unwrap_or_else(|| "-".into());
    let write_err = |source| RunError::Output {
        path: out_path.clone(),
        source,
    };
    progress.start("cleaning", inputs.disk_bytes_known());
    let mut summary = Summary::default();
    let mut dups = Duplicates::new(corpus, opts.drop_duplicates);
    if let (Some(d), Some(p)) = (dups.as_mut(), part) {
        d.ids.extend(p.first_ids.iter().cloned());
    }
    let mut guard = guard::Guard::default();
    let mut local = 0;
    let docs: Box<dyn Iterator<Item = RawDoc> + Send> = match part {
        Some(p) => Box::new(shard::docs(inputs, p.shard, p.mode)?),
        None => Box::new(inputs.docs()?),
    };
    batch::ordered(
        docs,
        pool,
        |doc| {
            if opts.floor {
                (
                    process_floor(doc, pack, &inputs.opts),
                    guard::Probe::default(),
                )
            } else {
                process_probed(doc, pack, &inputs.opts, corpus)
            }
        },
        |doc, (mut r, probe): (Rendered, guard::Probe)| {
            guard.add(&probe, &opts.guard)?;
            if let Some(d) = dups.as_mut() {
                let index = match part {
                    Some(p) => shard::global(p.mode, p.shard, p.offset, local),
                    None => local,
                };
                d.apply(index, &mut r);
            }
            local += 1;
            sink.write(&r.clean, &r.audit, &r.rejected)
                .map_err(write_err)?;
            summary.add(&r, doc.bytes);
            progress.advance(summary.read, doc.disk_bytes);
            Ok(())
        },
    )?;
    guard.check(&opts.guard)?;
    progress.finish();
    Ok(summary)
}
