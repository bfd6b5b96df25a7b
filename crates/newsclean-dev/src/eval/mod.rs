//! Accuracy measurement: a labeled dev set and its scorer (`newsclean eval`).
//!
//! The dev set is generated on demand and deterministically from the real
//! article bodies in the shared corpus (`corpus`) plus boilerplate written in
//! many variants (`boilerplate`, `compose`, `devset`). Every record's spans
//! *partition* its text, each labelled `body`, `title`, `boilerplate` (with a
//! category) or `sep`. `score` cleans every document with a pack and counts,
//! per label and category, the non-whitespace characters that survive;
//! `report` prints the figures against the targets of issue 3.

pub mod boilerplate;
pub mod compose;
pub mod corpus;
pub mod devset;
pub mod layers;
pub mod pieces;
pub mod report;
pub mod rng;
pub mod score;

use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

pub use devset::{build, DEFAULT_SEED};
pub use score::{evaluate, Report};

/// What a span of a dev-set document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Body,
    Title,
    Boilerplate,
    /// The newlines between lines and paragraphs.
    Sep,
}

/// A labelled byte range of a document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// For boilerplate: what kind (`read_also_line`, `tags`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

/// One labelled document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevDoc {
    pub id: String,
    pub lang: String,
    pub text: String,
    pub spans: Vec<Span>,
}

impl DevDoc {
    /// The spans must cover the text exactly, in order, on char boundaries,
    /// and boilerplate must name its category.
    pub fn validate(&self) -> Result<(), EvalError> {
        let bad = |message: String| EvalError::BadSpans {
            id: self.id.clone(),
            message,
        };
        let mut at = 0;
        for s in &self.spans {
            if s.start != at || s.end <= s.start || s.end > self.text.len() {
                return Err(bad(format!(
                    "span {}..{} does not follow {at}",
                    s.start, s.end
                )));
            }
            if !self.text.is_char_boundary(s.start) || !self.text.is_char_boundary(s.end) {
                return Err(bad(format!(
                    "span {}..{} splits a character",
                    s.start, s.end
                )));
            }
            if (s.label == Label::Boilerplate) != s.category.is_some() {
                return Err(bad(format!(
                    "span {}..{}: category iff boilerplate",
                    s.start, s.end
                )));
            }
            at = s.end;
        }
        if at != self.text.len() {
            return Err(bad(format!(
                "spans end at {at}, text at {}",
                self.text.len()
            )));
        }
        Ok(())
    }

    pub fn span_text(&self, s: &Span) -> &str {
        &self.text[s.start..s.end]
    }

    pub fn has_boilerplate(&self) -> bool {
        self.spans.iter().any(|s| s.label == Label::Boilerplate)
    }
}

/// Errors of the dev-set generator and the scorer.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the dev set: {0}")]
    Write(std::io::Error),
    #[error("{path}:{line}: bad JSON record: {message}")]
    Json {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Corpus { path: PathBuf, message: String },
    #[error("document {id}: {message}")]
    BadSpans { id: String, message: String },
    #[error("document {id}: gold spans do not map onto the normalized text ({message})")]
    Mapping { id: String, message: String },
    #[error("document {id} was rejected: {reason}")]
    Rejected { id: String, reason: String },
}

/// Write documents as JSONL, one record a line.
pub fn write_jsonl(docs: &[DevDoc], mut out: impl Write) -> Result<(), EvalError> {
    for d in docs {
        serde_json::to_writer(&mut out, d).map_err(|e| EvalError::Write(e.into()))?;
        out.write_all(b"\n").map_err(EvalError::Write)?;
    }
    out.flush().map_err(EvalError::Write)
}

/// Read a JSONL dev set and validate every record's spans.
pub fn read_jsonl(path: &Path) -> Result<Vec<DevDoc>, EvalError> {
    let read_err = |source| EvalError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut docs = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(read_err)?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: DevDoc = serde_json::from_str(&line).map_err(|e| EvalError::Json {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        doc.validate()?;
        docs.push(doc);
    }
    Ok(docs)
}
