//! `newsclean.CorpusStats`: the first pass, by documents added in order.

use crate::args::{column, load_pack, texts_arg};
use newsclean::corpus_pass::{self, Counter, CounterState, DocKeys};
use newsclean::io::source::decode_field;
use newsclean::Pack;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Corpus-wide statistics (the first pass of `newsclean clean`): which
/// lines repeat across documents. Add documents in order, merge shards,
/// save and load; pass to `Cleaner(corpus=...)`.
#[pyclass(module = "newsclean")]
pub(crate) struct CorpusStats {
    pub(crate) pack: Arc<Pack>,
    pub(crate) min_chars: usize,
    pub(crate) max_doc_bytes: u64,
    pub(crate) counter: Counter,
    /// Documents added (unreadable and duplicate ones included).
    pub(crate) seen: usize,
    pub(crate) first_ids: HashMap<u64, String>,
}

/// What `CorpusStats.save` writes (JSON).
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct SavedStats {
    pub(crate) format: String,
    pub(crate) version: u32,
    pub(crate) min_chars: usize,
    pub(crate) seen: usize,
    pub(crate) counter: CounterState,
    pub(crate) first_ids: Vec<(u64, String)>,
}

const FORMAT: &str = "newsclean-corpus-stats";

impl CorpusStats {
    pub(crate) fn empty(pack: Pack, max_doc_bytes: u64) -> PyResult<CorpusStats> {
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
    pub(crate) fn new(
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
    pub(crate) fn add(
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
    pub(crate) fn merge(&mut self, other: &Bound<'_, CorpusStats>) -> PyResult<()> {
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
    pub(crate) fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
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
    pub(crate) fn load(
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
    pub(crate) fn __len__(&self) -> usize {
        self.seen
    }

    /// Distinct documents counted.
    #[getter]
    pub(crate) fn distinct_documents(&self) -> usize {
        self.counter.state().docs
    }

    pub(crate) fn __repr__(&self) -> String {
        format!("CorpusStats({} documents)", self.seen)
    }
}
