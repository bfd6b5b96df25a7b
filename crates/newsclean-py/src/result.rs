//! `newsclean.Result`: one cleaned document.

use crate::engine::{to_py, Done};
use pyo3::prelude::*;
use pyo3::types::PyList;

/// The result of cleaning one document.
#[pyclass(frozen, get_all, name = "Result", module = "newsclean")]
pub(crate) struct CleanResult {
    /// The id given (None if none was).
    pub(crate) id: Option<String>,
    /// The cleaned text; None when the document was rejected.
    pub(crate) text: Option<String>,
    /// Why the document was rejected (`empty`, `empty_after_cleaning`,
    /// `too_large`, `binary`), or None when it was kept.
    pub(crate) rejected: Option<String>,
    /// The rejected record's detail, or None.
    pub(crate) detail: Option<String>,
    /// The clean record's `metadata` dict (None when rejected).
    pub(crate) metadata: PyObject,
    /// The audit records of the document (without `doc`): rule removals in
    /// byte order, then tidy's runs of whitespace as one record.
    pub(crate) removals: PyObject,
}

#[pymethods]
impl CleanResult {
    pub(crate) fn __repr__(&self) -> String {
        let id = self.id.as_ref().map_or("None".into(), |i| format!("{i:?}"));
        match (&self.rejected, &self.text) {
            (Some(r), _) => format!("Result(id={id}, rejected={r:?})"),
            (None, Some(t)) => format!("Result(id={id}, text=<{} chars>)", t.chars().count()),
            (None, None) => format!("Result(id={id})"),
        }
    }
}

pub(crate) fn to_result(py: Python<'_>, d: Done) -> PyResult<CleanResult> {
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
