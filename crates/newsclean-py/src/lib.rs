//! Python bindings of newsclean (the `newsclean._newsclean` extension module;
//! the Python package `newsclean` re-exports it, see python/newsclean).
//!
//! Every document goes through the library exactly as `newsclean clean`
//! reads a JSONL record's text field: `decode_field` (empty, too large,
//! binary), `clean_text_in` with the site (url, else the source path) and
//! the corpus pass, then `render`: `metadata` and `removals` are parsed back
//! from the very bytes the CLI writes, so they cannot drift from it.

use newsclean::corpus_pass::{self, CorpusStats as Stats, Counter, CounterState, DocKeys};
use newsclean::io::records::{render, DocInfo};
use newsclean::io::source::{decode_field, ReadOptions};
use newsclean::pipeline::{clean_text_in, Context, Outcome};
use newsclean::Pack;
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

create_exception!(
    newsclean,
    RulePackError,
    PyValueError,
    "A rule pack that cannot be loaded (the message is the CLI's)."
);

/// The pack `--rules DIR` / `--extra-rules DIR` / neither would load, with
/// the CLI's error message.
fn load_pack(rules: Option<PathBuf>, extra_rules: Option<PathBuf>) -> PyResult<Pack> {
    let pack = match (&rules, &extra_rules) {
        (Some(_), Some(_)) => {
            return Err(PyValueError::new_err(
                "rules and extra_rules cannot be used together (extra_rules adds to the built-in pack, rules replaces it)",
            ))
        }
        (Some(dir), None) => newsclean::rules::load_dir(dir),
        (None, Some(extra)) => Pack::builtin_with(extra),
        (None, None) => Pack::builtin(),
    };
    pack.map_err(|e| RulePackError::new_err(format!("cannot load the rule pack: {e}")))
}

/// A `str` argument, or a TypeError that says what was given instead.
fn text_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = obj.downcast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let ty = obj.get_type().name()?.to_string();
    let hint = if obj.is_none() {
        " (every document needs a text; skip missing ones before cleaning)"
    } else if ty == "bytes" || ty == "bytearray" {
        " (decode it first, e.g. data.decode(\"utf-8\"))"
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "{what} must be str, not {ty}{hint}"
    )))
}

/// A list argument of str (texts), or a TypeError.
fn texts_arg(texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str, not a str (use clean() for one document)",
        ));
    }
    let mut out = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        out.push(text_arg(&item?, &format!("texts[{i}]"))?);
    }
    Ok(out)
}

/// Optional per-document strings (ids, urls) of a batch of `n`.
fn column(
    values: Option<Vec<Option<String>>>,
    n: usize,
    what: &str,
) -> PyResult<Vec<Option<String>>> {
    match values {
        None => Ok(vec![None; n]),
        Some(v) if v.len() == n => Ok(v),
        Some(v) => Err(PyValueError::new_err(format!(
            "{what} has {} items but texts has {n}",
            v.len()
        ))),
    }
}

/// One document cleaned, in plain Rust values (built without the GIL).
struct Done {
    id: Option<String>,
    text: Option<String>,
    rejected: Option<&'static str>,
    detail: Option<String>,
    metadata: Option<Value>,
    removals: Vec<Value>,
}

/// What a `Cleaner` holds: shared with rayon workers.
struct Engine {
    pack: Pack,
    read: ReadOptions,
    corpus: Option<Stats>,
    /// Document hash → id of its first copy (from `CorpusStats.add(ids=)`).
    first_ids: HashMap<u64, String>,
}

impl Engine {
    fn clean(
        &self,
        text: String,
        id: Option<String>,
        url: Option<String>,
        source_path: Option<String>,
    ) -> Done {
        let source_path = source_path.or_else(|| id.clone()).unwrap_or_default();
        let site = url.as_deref().unwrap_or(&source_path).to_lowercase();
        let ctx = Context::new(Some(&site), self.corpus.as_ref());
        let decoded = decode_field(text, self.read.max_doc_bytes);
        let outcome = match &decoded {
            Ok(t) => clean_text_in(t, &self.pack, &ctx),
            Err((reason, detail)) => Outcome::Rejected {
                reason: *reason,
                detail: detail.clone(),
                cleaned: None,
            },
        };
        let info = DocInfo {
            id: id.as_deref().unwrap_or(""),
            source_path: &source_path,
            carried: None,
            carried_top: false,
        };
        let r = render(&info, &outcome, &self.pack);
        let removals = r
            .audit
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| {
                let mut v: Value = serde_json::from_slice(l).expect("the library writes JSON");
                if let Some(o) = v.as_object_mut() {
                    o.remove("doc");
                }
                v
            })
            .collect();
        match outcome {
            Outcome::Kept(c) => {
                let mut rec: Value =
                    serde_json::from_slice(&r.clean).expect("the library writes JSON");
                let mut metadata = rec
                    .get_mut("metadata")
                    .map(Value::take)
                    .unwrap_or(Value::Null);
                if let (Some(first), Some(m)) =
                    (self.duplicate_of(&decoded, &id), metadata.as_object_mut())
                {
                    m.insert("duplicate_of".into(), Value::String(first));
                }
                Done {
                    id,
                    text: Some(c.text),
                    rejected: None,
                    detail: None,
                    metadata: Some(metadata),
                    removals,
                }
            }
            Outcome::Rejected { reason, detail, .. } => Done {
                id,
                text: None,
                rejected: Some(reason.as_str()),
                detail: Some(detail),
                metadata: None,
                removals,
            },
        }
    }

    /// The id of the first copy of this text, when the corpus stats know it
    /// (ids given to `CorpusStats.add`) and it is another document's.
    fn duplicate_of(
        &self,
        decoded: &Result<String, newsclean::io::source::ReadError>,
        id: &Option<String>,
    ) -> Option<String> {
        if self.first_ids.is_empty() {
            return None;
        }
        let text = decoded.as_ref().ok()?;
        let norm = newsclean::text::normalize::normalize(text, &self.pack.normalize).0;
        let first = self.first_ids.get(&corpus_pass::key(&norm))?;
        (Some(first) != id.as_ref()).then(|| first.clone())
    }
}

fn to_py(py: Python<'_>, v: &Value) -> PyResult<PyObject> {
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => b.into_py_any(py)?,
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                u.into_py_any(py)?
            } else if let Some(i) = n.as_i64() {
                i.into_py_any(py)?
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_py_any(py)?
            }
        }
        Value::String(s) => s.into_py_any(py)?,
        Value::Array(a) => {
            let list = PyList::empty(py);
            for x in a {
                list.append(to_py(py, x)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, to_py(py, x)?)?;
            }
            d.into_any().unbind()
        }
    })
}

/// The result of cleaning one document.
#[pyclass(frozen, get_all, name = "Result", module = "newsclean")]
struct CleanResult {
    /// The id given (None if none was).
    id: Option<String>,
    /// The cleaned text; None when the document was rejected.
    text: Option<String>,
    /// Why the document was rejected (`empty`, `empty_after_cleaning`,
    /// `too_large`, `binary`), or None when it was kept.
    rejected: Option<String>,
    /// The rejected record's detail, or None.
    detail: Option<String>,
    /// The clean record's `metadata` dict (None when rejected).
    metadata: PyObject,
    /// The audit records of the document (without `doc`): rule removals in
    /// byte order, then tidy's runs of whitespace as one record.
    removals: PyObject,
}

#[pymethods]
impl CleanResult {
    fn __repr__(&self) -> String {
        let id = self.id.as_ref().map_or("None".into(), |i| format!("{i:?}"));
        match (&self.rejected, &self.text) {
            (Some(r), _) => format!("Result(id={id}, rejected={r:?})"),
            (None, Some(t)) => format!("Result(id={id}, text=<{} chars>)", t.chars().count()),
            (None, None) => format!("Result(id={id})"),
        }
    }
}

fn to_result(py: Python<'_>, d: Done) -> PyResult<CleanResult> {
    let removals = PyList::empty(py);
    for r in &d.removals {
        removals.append(to_py(py, r)?)?;
    }
    Ok(CleanResult {
        id: d.id,
        text: d.text,
        rejected: d.rejected.map(str::to_string),
        detail: d.detail,
        metadata: match &d.metadata {
            Some(m) => to_py(py, m)?,
            None => py.None(),
        },
        removals: removals.into_any().unbind(),
    })
}

/// Cleans documents with one rule pack (and optionally corpus statistics).
#[pyclass(frozen, module = "newsclean")]
struct Cleaner {
    engine: Arc<Engine>,
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (rules=None, extra_rules=None, corpus=None, max_doc_bytes=8 << 20, model=true))]
    fn new(
        rules: Option<PathBuf>,
        extra_rules: Option<PathBuf>,
        corpus: Option<PyRef<'_, CorpusStats>>,
        max_doc_bytes: u64,
        model: bool,
    ) -> PyResult<Cleaner> {
        let mut pack = load_pack(rules, extra_rules)?;
        if !model {
            // `--ignore model`: the learned segment model off.
            let rules = pack
                .rules
                .iter()
                .filter(|r| !r.id.starts_with("model."))
                .cloned()
                .collect();
            pack = Pack::new(rules, pack.normalize.clone())
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
        }
        let (mut stats, mut first_ids) = (None, HashMap::new());
        if let (Some(c), Some(rule)) = (corpus, corpus_pass::rule(&pack)) {
            if c.min_chars != rule.min_chars {
                return Err(PyValueError::new_err(format!(
                    "corpus was counted with lines of at least {} characters, but this rule pack's repeated_line rule has min_chars = {}: count with the same rules",
                    c.min_chars, rule.min_chars
                )));
            }
            stats = Some(c.counter.stats(rule));
            first_ids = c.first_ids.clone();
        }
        let read = ReadOptions {
            max_doc_bytes,
            ..ReadOptions::default()
        };
        Ok(Cleaner {
            engine: Arc::new(Engine {
                pack,
                read,
                corpus: stats,
                first_ids,
            }),
        })
    }

    /// Clean one document.
    #[pyo3(signature = (text, id=None, url=None, *, source_path=None))]
    fn clean(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        id: Option<String>,
        url: Option<String>,
        source_path: Option<String>,
    ) -> PyResult<CleanResult> {
        let text = text_arg(text, "text")?;
        let engine = self.engine.clone();
        let done = py.allow_threads(move || engine.clean(text, id, url, source_path));
        to_result(py, done)
    }

    /// Clean many documents in parallel (rayon, without the GIL); results
    /// in input order.
    #[pyo3(signature = (texts, ids=None, urls=None, *, source_paths=None))]
    fn clean_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        ids: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        source_paths: Option<Vec<Option<String>>>,
    ) -> PyResult<Vec<CleanResult>> {
        let texts = texts_arg(texts)?;
        let n = texts.len();
        let ids = column(ids, n, "ids")?;
        let urls = column(urls, n, "urls")?;
        let paths = column(source_paths, n, "source_paths")?;
        let engine = self.engine.clone();
        let done: Vec<Done> = py.allow_threads(move || {
            texts
                .into_par_iter()
                .zip(ids)
                .zip(urls)
                .zip(paths)
                .map(|(((t, id), url), path)| engine.clean(t, id, url, path))
                .collect()
        });
        done.into_iter().map(|d| to_result(py, d)).collect()
    }

    /// Whether the cleaner uses corpus statistics (and they are enabled:
    /// enough distinct documents).
    #[getter]
    fn corpus_enabled(&self) -> bool {
        self.engine.corpus.as_ref().is_some_and(|c| c.enabled)
    }
}

/// Corpus-wide statistics (the first pass of `newsclean clean`): which
/// lines repeat across documents. Add documents in order, merge shards,
/// save and load; pass to `Cleaner(corpus=...)`.
#[pyclass(module = "newsclean")]
struct CorpusStats {
    pack: Arc<Pack>,
    min_chars: usize,
    max_doc_bytes: u64,
    counter: Counter,
    /// Documents added (unreadable and duplicate ones included).
    seen: usize,
    first_ids: HashMap<u64, String>,
}

/// What `CorpusStats.save` writes (JSON).
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedStats {
    format: String,
    version: u32,
    min_chars: usize,
    seen: usize,
    counter: CounterState,
    first_ids: Vec<(u64, String)>,
}

const FORMAT: &str = "newsclean-corpus-stats";

impl CorpusStats {
    fn empty(pack: Pack, max_doc_bytes: u64) -> PyResult<CorpusStats> {
        let Some(rule) = corpus_pass::rule(&pack) else {
            return Err(PyValueError::new_err(
                "the rule pack has no repeated_line rule: there is no corpus pass to count for",
            ));
        };
        let min_chars = rule.min_chars;
        Ok(CorpusStats {
            pack: Arc::new(pack),
            min_chars,
            max_doc_bytes,
            counter: Counter::new(newsclean::run::COUNT_CAP),
            seen: 0,
            first_ids: HashMap::new(),
        })
    }
}

#[pymethods]
impl CorpusStats {
    #[new]
    #[pyo3(signature = (rules=None, extra_rules=None, max_doc_bytes=8 << 20))]
    fn new(
        rules: Option<PathBuf>,
        extra_rules: Option<PathBuf>,
        max_doc_bytes: u64,
    ) -> PyResult<CorpusStats> {
        CorpusStats::empty(load_pack(rules, extra_rules)?, max_doc_bytes)
    }

    /// Count documents, in input order (after those already added). With
    /// `ids`, the first copy of each distinct text is remembered by id, so
    /// a `Cleaner` sets `metadata.duplicate_of` on later copies.
    #[pyo3(signature = (texts, ids=None))]
    fn add(
        &mut self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        ids: Option<Vec<Option<String>>>,
    ) -> PyResult<()> {
        let texts = texts_arg(texts)?;
        let ids = column(ids, texts.len(), "ids")?;
        let (pack, min_chars, max) = (self.pack.clone(), self.min_chars, self.max_doc_bytes);
        let keys: Vec<Option<DocKeys>> = py.allow_threads(move || {
            texts
                .into_par_iter()
                .map(|t| {
                    let text = decode_field(t, max).ok()?;
                    let norm = newsclean::text::normalize::normalize(&text, &pack.normalize).0;
                    Some(corpus_pass::doc_keys(&norm, min_chars))
                })
                .collect()
        });
        for (k, id) in keys.into_iter().zip(ids) {
            let index = self.seen;
            self.seen += 1;
            let Some(k) = k else { continue };
            let new = self.counter.first_copy_of(k.doc).is_none();
            self.counter.add(index, &k);
            if let (true, Some(id)) = (new, id) {
                if self.counter.first_copy_of(k.doc) == Some(index) {
                    self.first_ids.insert(k.doc, id);
                }
            }
        }
        Ok(())
    }

    /// Add the counts of `other`, whose documents follow these. Exact for
    /// shards that share no document; a document of `other` that copies one
    /// counted here is marked a duplicate but its lines stay counted.
    fn merge(&mut self, other: &Bound<'_, CorpusStats>) -> PyResult<()> {
        let other = other
            .try_borrow()
            .map_err(|_| PyValueError::new_err("cannot merge a CorpusStats into itself"))?;
        if other.min_chars != self.min_chars {
            return Err(PyValueError::new_err(
                "cannot merge statistics counted with different rule packs (repeated_line min_chars differ)",
            ));
        }
        self.counter.merge(&other.counter, self.seen);
        self.seen += other.seen;
        for (k, id) in &other.first_ids {
            self.first_ids.entry(*k).or_insert_with(|| id.clone());
        }
        Ok(())
    }

    /// Write the statistics to a file (JSON).
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let mut first_ids: Vec<(u64, String)> = self
            .first_ids
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        first_ids.sort_unstable();
        let saved = SavedStats {
            format: FORMAT.into(),
            version: 1,
            min_chars: self.min_chars,
            seen: self.seen,
            counter: self.counter.state(),
            first_ids,
        };
        py.allow_threads(|| {
            let bytes = serde_json::to_vec(&saved).expect("serializing to memory cannot fail");
            newsclean::io::records::write_atomic(&path, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        })
        .map_err(pyo3::exceptions::PyOSError::new_err)
    }

    /// Read statistics written by `save` (count with the same rules).
    #[staticmethod]
    #[pyo3(signature = (path, rules=None, extra_rules=None, max_doc_bytes=8 << 20))]
    fn load(
        py: Python<'_>,
        path: PathBuf,
        rules: Option<PathBuf>,
        extra_rules: Option<PathBuf>,
        max_doc_bytes: u64,
    ) -> PyResult<CorpusStats> {
        let mut stats = CorpusStats::empty(load_pack(rules, extra_rules)?, max_doc_bytes)?;
        let saved: SavedStats = py
            .allow_threads(|| {
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                serde_json::from_slice::<SavedStats>(&bytes)
                    .map_err(|e| format!("{}: not a saved CorpusStats: {e}", path.display()))
            })
            .map_err(PyValueError::new_err)?;
        if saved.format != FORMAT || saved.version != 1 {
            return Err(PyValueError::new_err(format!(
                "{}: not a saved CorpusStats (format {:?} version {})",
                path.display(),
                saved.format,
                saved.version
            )));
        }
        if saved.min_chars != stats.min_chars {
            return Err(PyValueError::new_err(format!(
                "{}: counted with repeated_line min_chars = {}, this rule pack has {}",
                path.display(),
                saved.min_chars,
                stats.min_chars
            )));
        }
        stats.counter = Counter::from_state(&saved.counter);
        stats.seen = saved.seen;
        stats.first_ids = saved.first_ids.into_iter().collect();
        Ok(stats)
    }

    /// Documents added (unreadable and duplicate ones included).
    fn __len__(&self) -> usize {
        self.seen
    }

    /// Distinct documents counted.
    #[getter]
    fn distinct_documents(&self) -> usize {
        self.counter.state().docs
    }

    fn __repr__(&self) -> String {
        format!("CorpusStats({} documents)", self.seen)
    }
}

#[pymodule]
fn _newsclean(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Cleaner>()?;
    m.add_class::<CleanResult>()?;
    m.add_class::<CorpusStats>()?;
    m.add("RulePackError", m.py().get_type::<RulePackError>())?;
    Ok(())
}
