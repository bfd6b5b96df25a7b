//! `newsclean explain`: one document in the terminal, like a diff.
//!
//! Every line of the normalized input is printed with its line number; a
//! line removed by a rule is marked `-` with the rule id in the margin (red
//! in colour mode), a line with only part removed (a span) is marked `~`
//! with the removed part in colour or, in plain mode, between ⟦ ⟧ (the
//! notation of rule examples). Whitespace tidied away is not marked. The
//! document comes from a file cleaned now with the pack, or from an output
//! folder by id (rebuilt from clean.jsonl and audit.jsonl).

use crate::docview::{DocView, Segment};
use newsclean::io::records::read::{self as stats, AuditRow, ReadError, RejectRow};
use newsclean::io::source;
use newsclean::pipeline::Outcome;
use newsclean::rules::{Pack, TIDY_ID};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error(transparent)]
    Run(#[from] newsclean::RunError),
    #[error("document {id} is not in {dir} (not in clean.jsonl or rejected.jsonl)")]
    NotFound { id: String, dir: String },
    #[error("no document with id {id} in {file} (ids are the id field, or {name}:LINE)")]
    NoSuchDoc {
        id: String,
        file: String,
        name: String,
    },
    #[error("document {id} was rejected before cleaning: {reason} ({detail})")]
    Rejected {
        id: String,
        reason: String,
        detail: String,
    },
}

/// Clean `path` with `pack` as `clean` would (`run::clean_doc`: same
/// reading, same site context) and return its view. A JSONL file shows the
/// record whose id is `pick` (its id field, or `FILE:LINE`), else its first
/// record; the flag says whether the file holds other documents.
pub fn from_file(
    path: &Path,
    pack: &Pack,
    max_bytes: u64,
    pick: Option<&str>,
) -> Result<(DocView, bool), ExplainError> {
    let read = source::ReadOptions {
        max_doc_bytes: max_bytes,
        ..Default::default()
    };
    let inputs = source::Inputs::discover(&[path.to_path_buf()], read)?;
    let mut docs = inputs.docs()?;
    let found = match pick {
        None => docs.next(),
        Some(id) => docs.find(|d| d.load(&inputs.opts).id == id),
    };
    let Some(doc) = found else {
        return Err(match pick {
            None => ExplainError::Rejected {
                id: path.display().to_string(),
                reason: "empty".into(),
                detail: "no document in it".into(),
            },
            Some(id) => ExplainError::NoSuchDoc {
                id: id.into(),
                file: path.display().to_string(),
                name: file_name(path),
            },
        });
    };
    let more = pick.is_none() && docs.next().is_some();
    let p = newsclean::run::clean_doc(&doc, pack, &inputs.opts, None);
    match p.outcome {
        Outcome::Kept(c) => Ok((DocView::from_cleaned(&p.id, &c, pack), more)),
        Outcome::Rejected {
            cleaned: Some(c), ..
        } => Ok((DocView::from_cleaned(&p.id, &c, pack), more)),
        Outcome::Rejected { reason, detail, .. } => Err(ExplainError::Rejected {
            id: p.id,
            reason: reason.as_str().into(),
            detail,
        }),
    }
}

/// A file's name, as the ids of its JSONL records without an id field
/// start (`NAME:LINE`).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The document `id` of the output folder `dir`.
pub fn from_output(dir: &Path, id: &str) -> Result<DocView, ExplainError> {
    let key = serde_json::to_string(id).expect("a string serializes");
    let mut clean = stats::open::<stats::CleanRow>(dir, "clean.jsonl")?;
    let mut found = None;
    while let Some(raw) = clean.next_raw() {
        let raw = raw?;
        if raw.contains(&key) {
            let row = clean.parse(&raw)?;
            if row.id == id {
                found = Some(row);
                break;
            }
        }
    }
    let (lang, title, kept, removed) = match found {
        Some(r) => (
            r.metadata.lang,
            r.metadata.title,
            r.text,
            Some(r.metadata.removed),
        ),
        None => {
            let rej = stats::open::<RejectRow>(dir, "rejected.jsonl")?
                .find(|r| r.as_ref().map_or(true, |r| r.id == id))
                .transpose()?
                .ok_or_else(|| ExplainError::NotFound {
                    id: id.into(),
                    dir: dir.display().to_string(),
                })?;
            if rej.reason != "empty_after_cleaning" {
                return Err(ExplainError::Rejected {
                    id: id.into(),
                    reason: rej.reason,
                    detail: rej.detail,
                });
            }
            (String::new(), None, String::new(), None)
        }
    };
    let rows = audit_rows(dir, id, &key, removed.as_ref())?;
    let view = DocView::from_output(id, &lang, title, &kept, &rows).map_err(ReadError::Other)?;
    Ok(view)
}

/// The audit rows of one document (they are contiguous in audit.jsonl, in
/// byte order). Ids are used as given, so several documents may share `id`:
/// the rows are split where byte ranges start again, and the first group that
/// fits the clean record's `removed` is taken (for a document rejected as
/// `empty_after_cleaning`, which has no such counts, the first group).
fn audit_rows(
    dir: &Path,
    id: &str,
    key: &str,
    removed: Option<&BTreeMap<String, usize>>,
) -> Result<Vec<AuditRow>, ReadError> {
    let fits = |rows: &[AuditRow]| removed.is_none_or(|r| stats::rows_fit(rows, r));
    let mut audit = stats::open::<AuditRow>(dir, "audit.jsonl")?;
    let mut rows: Vec<AuditRow> = Vec::new();
    let mut first = None;
    while let Some(raw) = audit.next_raw() {
        let raw = raw?;
        let Some(row) = (if raw.contains(key) {
            Some(audit.parse(&raw)?).filter(|r| r.doc == id)
        } else {
            None
        }) else {
            if fits(&rows) && !rows.is_empty() {
                return Ok(rows);
            }
            first = first
                .or(Some(std::mem::take(&mut rows)))
                .filter(|f| !f.is_empty());
            rows.clear();
            continue;
        };
        if rows.last().is_some_and(|p| stats::starts_again(p, &row)) {
            if fits(&rows) {
                return Ok(rows);
            }
            first = first
                .or(Some(std::mem::take(&mut rows)))
                .filter(|f| !f.is_empty());
            rows.clear();
        }
        rows.push(row);
    }
    if fits(&rows) && !rows.is_empty() {
        return Ok(rows);
    }
    // No group fits: show the first one (the view then says it does not fit).
    Ok(first.unwrap_or(rows))
}

const RED: &str = "\x1b[31m";
const RED_BG: &str = "\x1b[41;97m";
const CYAN: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The pieces of each line: (text, removing rule or None), newlines
/// dropped; and the audit notes of the removals that start on each line.
type Lines<'a> = (Vec<Vec<(&'a str, Option<&'a str>)>>, Vec<Vec<&'a str>>);

fn lines(view: &DocView) -> Lines<'_> {
    let mut out = vec![Vec::new()];
    let mut notes = vec![Vec::new()];
    for Segment { text, rule, note } in &view.segments {
        if let Some(n) = note {
            notes.last_mut().expect("never empty").push(n.as_str());
        }
        let rule = rule.as_deref().filter(|r| *r != TIDY_ID);
        for (i, piece) in text.split('\n').enumerate() {
            if i > 0 {
                out.push(Vec::new());
                notes.push(Vec::new());
            }
            if !piece.is_empty() {
                out.last_mut().expect("never empty").push((piece, rule));
            }
        }
    }
    (out, notes)
}

/// Render `view` for a terminal (`color`) or as plain text.
pub fn render(view: &DocView, color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    let (all, notes) = lines(view);
    let width = view
        .segments
        .iter()
        .filter_map(|s| s.rule.as_deref())
        .filter(|r| *r != TIDY_ID)
        .map(str::len)
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let title = view
        .title
        .as_deref()
        .map(|t| format!(" · title: {t}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        paint(DIM, &format!("# {} · {}{title}", view.id, view.lang))
    );
    let (mut removed_lines, mut partial_lines) = (0, 0);
    for (n, pieces) in all.iter().enumerate() {
        let ink = |p: &&(&str, Option<&str>)| !p.0.trim().is_empty();
        let rules: Vec<&str> = pieces.iter().filter(ink).filter_map(|p| p.1).collect();
        let whole = !rules.is_empty() && pieces.iter().filter(ink).all(|p| p.1.is_some());
        let (sign, margin) = match rules.first() {
            Some(first) if whole => ("-", *first),
            Some(first) => ("~", *first),
            None => (" ", ""),
        };
        let mut text = String::new();
        for (piece, rule) in pieces {
            match rule {
                Some(_) if whole => text.push_str(&paint(RED, piece)),
                Some(_) if color => text.push_str(&paint(RED_BG, piece)),
                Some(_) => {
                    text.push('⟦');
                    text.push_str(piece);
                    text.push('⟧');
                }
                None => text.push_str(piece),
            }
        }
        if whole {
            removed_lines += 1;
        } else if !rules.is_empty() {
            partial_lines += 1;
        }
        let margin = if margin.is_empty() {
            " ".repeat(width)
        } else {
            paint(CYAN, &format!("{margin:<width$}"))
        };
        let _ = writeln!(out, "{:>4} {sign} {margin} │ {text}", n + 1);
        for note in &notes[n] {
            let pad = " ".repeat(width);
            let _ = writeln!(out, "       {pad} │ {}", paint(DIM, &format!("↳ {note}")));
        }
    }
    let _ = writeln!(
        out,
        "{}",
        paint(
            DIM,
            &format!("# {removed_lines} lines removed, {partial_lines} partly removed")
        )
    );
    out
}
