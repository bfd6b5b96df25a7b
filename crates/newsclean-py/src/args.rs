//! Arguments from Python: the rule pack, texts and per-document columns, with
//! TypeErrors that say what was given instead.

use crate::RulePackError;
use newsclean::Pack;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::path::PathBuf;

/// The pack `--rules DIR` / `--extra-rules DIR` / neither would load, with
/// the CLI's error message.
pub(crate) fn load_pack(rules: Option<PathBuf>, extra_rules: Option<PathBuf>) -> PyResult<Pack> {
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
pub(crate) fn text_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
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
pub(crate) fn texts_arg(texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
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
pub(crate) fn column(
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
