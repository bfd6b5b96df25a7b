//! `newsclean.Cleaner`: cleans documents with one rule pack.

use crate::args::{column, load_pack, text_arg, texts_arg};
use crate::engine::{Done, Engine};
use crate::result::{to_result, CleanResult};
use crate::stats::CorpusStats;
use newsclean::corpus_pass;
use newsclean::io::source::ReadOptions;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Cleans documents with one rule pack (and optionally corpus statistics).
#[pyclass(frozen, module = "newsclean")]
pub(crate) struct Cleaner {
    pub(crate) engine: Arc<Engine>,
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (rules=None, extra_rules=None, corpus=None, max_doc_bytes=8 << 20, model=true))]
    pub(crate) fn new(
        rules: Option<PathBuf>,
        extra_rules: Option<PathBuf>,
        corpus: Option<PyRef<'_, CorpusStats>>,
        max_doc_bytes: u64,
        model: bool,
    ) -> PyResult<Cleaner> {
        let mut pack = load_pack(rules, extra_rules)?;
        if !model {
            // `--ignore model`: the learned segment model off.
            pack = pack.without("model");
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
    pub(crate) fn clean(
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
    pub(crate) fn clean_batch(
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
    pub(crate) fn corpus_enabled(&self) -> bool {
        self.engine.corpus.as_ref().is_some_and(|c| c.enabled)
    }
}
