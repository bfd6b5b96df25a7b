//! The cleaning engine a `Cleaner` holds: documents cleaned and rendered
//! as the CLI does, without the GIL; JSON values turned into Python objects.

use newsclean::corpus_pass::{self, CorpusStats as Stats};
use newsclean::io::records::{render, DocInfo};
use newsclean::io::source::{decode_field, ReadOptions};
use newsclean::pipeline::{clean_text_in, Context, Outcome};
use newsclean::Pack;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::IntoPyObjectExt;
use serde_json::Value;
use std::collections::HashMap;

/// One document cleaned, in plain Rust values (built without the GIL).
pub(crate) struct Done {
    pub(crate) id: Option<String>,
    pub(crate) text: Option<String>,
    pub(crate) rejected: Option<&'static str>,
    pub(crate) detail: Option<String>,
    pub(crate) metadata: Option<Value>,
    pub(crate) removals: Vec<Value>,
}

/// What a `Cleaner` holds: shared with rayon workers.
pub(crate) struct Engine {
    pub(crate) pack: Pack,
    pub(crate) read: ReadOptions,
    pub(crate) corpus: Option<Stats>,
    /// Document hash → id of its first copy (from `CorpusStats.add(ids=)`).
    pub(crate) first_ids: HashMap<u64, String>,
}

impl Engine {
    pub(crate) fn clean(
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
    pub(crate) fn duplicate_of(
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

pub(crate) fn to_py(py: Python<'_>, v: &Value) -> PyResult<PyObject> {
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
