//! Python bindings of newsclean (the `newsclean._newsclean` extension module;
//! the Python package `newsclean` re-exports it, see python/newsclean).
//!
//! Every document goes through the library exactly as `newsclean clean`
//! reads a JSONL record's text field: `decode_field` (empty, too large,
//! binary), `clean_text_in` with the site (url, else the source path) and
//! the corpus pass, then `render`: `metadata` and `removals` are parsed back
//! from the very bytes the CLI writes, so they cannot drift from it.

mod args;
mod cleaner;
mod engine;
mod result;
mod stats;

use cleaner::Cleaner;
use result::CleanResult;
use stats::CorpusStats;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    newsclean,
    RulePackError,
    PyValueError,
    "A rule pack that cannot be loaded (the message is the CLI's)."
);

#[pymodule]
fn _newsclean(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Cleaner>()?;
    m.add_class::<CleanResult>()?;
    m.add_class::<CorpusStats>()?;
    m.add("RulePackError", m.py().get_type::<RulePackError>())?;
    Ok(())
}
