//! Output records (serialize-only serde structs), rendered to bytes.
//!
//! Schemas are documented in the README. Records are rendered to bytes by
//! the workers (`render`), so the writer thread only appends, in input order
//! (files, shards and compression: `sink`).

pub mod read;

use crate::pipeline::{Cleaned, Outcome};
use crate::rules::{Pack, TIDY_ID};
use crate::text::normalize;
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct CleanRecord<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub metadata: Metadata<'a>,
}

/// The version of the output schema (`schema` in summary.json).
/// 2: every clean record has the same metadata keys with the same types.
/// 3: and no value whose type a reader must guess from a chunk of rows: no
/// empty lists and no nulls a later row could fill (pyarrow, and so
/// `datasets`, takes the first chunk's types for the whole file):
/// `normalized` counts every change (zeros included), `extracted` holds
/// every extract field of the pack (`""` when not found), `removed` always
/// names `tidy.whitespace`; audit records always carry `count` and `note`, and tidy's
/// whitespace is one record per document (`bytes` lists its runs as pairs).
pub const SCHEMA_VERSION: u32 = 3;

/// Every key the pipeline itself writes in `metadata` (the fields of
/// `Metadata` below). An `extract` rule may not write one of these but
/// `source`, the designated `extract` field; with `--carried-top` a carried
/// field of one of these names stays under `metadata.input`.
pub const RESERVED_METADATA_KEYS: &[&str] = &[
    "source_path",
    "title",
    "source",
    "lang",
    "chars_in",
    "chars_out",
    "removed",
    "normalized",
    "extracted",
    "input",
    "duplicate_of",
];

#[derive(Serialize)]
pub struct Metadata<'a> {
    pub source_path: String,
    /// Set by the `title` rule, else `""`.
    pub title: &'a str,
    /// The `extract` field `source`, else `""`.
    pub source: &'a str,
    pub lang: &'static str,
    pub chars_in: usize,
    pub chars_out: usize,
    /// Characters removed per rule id (tidy's whitespace under `tidy.whitespace`).
    pub removed: Vec<RuleChars<'a>>,
    /// Characters changed by normalization, per change: every change of
    /// `normalize::CHANGE_NAMES`, zeros included.
    pub normalized: BTreeMap<&'static str, u64>,
    /// Every field of the pack's `extract` rules but `source`
    /// (`Pack::extracted_fields`): its value, or `""` when not found.
    pub extracted: BTreeMap<&'a str, &'a str>,
    /// A JSONL record's fields other than id and text, untouched; `null` for
    /// text files (and, with `--carried-top`, when no field collides).
    pub input: Option<&'a RawValue>,
    /// With `--carried-top`: the carried fields, at the top of `metadata`.
    #[serde(flatten)]
    pub top: BTreeMap<String, Box<RawValue>>,
    /// Id of the first exact copy of this document in the run, else `""`
    /// (set by the run, which sees documents in order). Always the record's
    /// last field.
    pub duplicate_of: &'a str,
}

#[derive(Serialize)]
pub struct RuleChars<'a> {
    pub rule: &'a str,
    pub chars: usize,
}

#[derive(Serialize)]
pub struct AuditRecord<'a> {
    pub doc: &'a str,
    pub rule: &'a str,
    pub kind: &'a str,
    pub stage: crate::rules::kinds::Stage,
    /// 1-based, inclusive line range in the normalized input.
    pub lines: [usize; 2],
    /// Byte ranges in the normalized input, end exclusive, as flat
    /// `start, end` pairs: one pair for a rule's removal, every run of
    /// whitespace for the document's one `tidy.whitespace` record.
    pub bytes: &'a [usize],
    /// Exactly the bytes of those ranges, concatenated.
    pub text: &'a str,
    /// Evidence: for `repeated_line` and `template`, in how many documents
    /// of the dump the line or template occurs; for tidy, how many runs it
    /// removed; else 0.
    pub count: u32,
    /// Evidence in words: for `template`, `template: ` and the template
    /// (folded); for `model`, the score, the threshold and the top feature
    /// contributions; else `""`.
    pub note: String,
}

#[derive(Serialize)]
pub struct RejectRecord<'a> {
    pub id: &'a str,
    pub source_path: String,
    pub reason: &'static str,
    pub detail: &'a str,
}

/// Per-rule figures of one document: (lines removed, chars removed).
pub type RuleHits = BTreeMap<String, (usize, usize)>;

/// One document rendered to JSONL bytes, plus its figures for the summary.
#[derive(Default)]
pub struct Rendered {
    /// The document's id (for the run's duplicate bookkeeping).
    pub id: String,
    /// The document's `source_path` (for a duplicate's reject record).
    pub source_path: String,
    pub clean: Vec<u8>,
    pub audit: Vec<u8>,
    pub rejected: Vec<u8>,
    pub reject_reason: Option<&'static str>,
    pub chars_in: usize,
    pub chars_out: usize,
    pub rules: RuleHits,
}

fn line(buf: &mut Vec<u8>, value: &impl Serialize) {
    serde_json::to_writer(&mut *buf, value).expect("serializing to memory cannot fail");
    buf.push(b'\n');
}

/// Who a document is, for its records.
pub struct DocInfo<'a> {
    pub id: &'a str,
    pub source_path: &'a str,
    /// A JSONL record's other fields (`metadata.input`).
    pub carried: Option<&'a RawValue>,
    /// Put the carried fields at the top of `metadata` (`--carried-top`).
    pub carried_top: bool,
}

/// Render the records of one document.
pub fn render(file: &DocInfo, outcome: &Outcome, pack: &Pack) -> Rendered {
    let mut r = Rendered {
        id: file.id.to_string(),
        source_path: file.source_path.to_string(),
        ..Rendered::default()
    };
    let source_path = file.source_path.to_string();
    let cleaned = match outcome {
        Outcome::Kept(c) => Some(c),
        Outcome::Rejected {
            reason,
            detail,
            cleaned,
        } => {
            r.reject_reason = Some(reason.as_str());
            let rec = RejectRecord {
                id: file.id,
                source_path: source_path.clone(),
                reason: reason.as_str(),
                detail,
            };
            line(&mut r.rejected, &rec);
            cleaned.as_deref()
        }
    };
    let Some(c) = cleaned else {
        return r;
    };
    let removed: usize = c.removals.iter().map(|rem| rem.bytes.len()).sum();
    r.audit.reserve(removed + 160 * c.removals.len());
    audit(&mut r, file.id, c, pack);
    r.chars_in = c.normalized.chars().count();
    r.chars_out = c.text.chars().count();
    if matches!(outcome, Outcome::Kept(_)) {
        // tidy.whitespace always: the list is never empty (see SCHEMA_VERSION).
        r.rules.entry(TIDY_ID.to_string()).or_default();
        let removed = r
            .rules
            .iter()
            .map(|(k, v)| RuleChars {
                rule: k.as_str(),
                chars: v.1,
            })
            .collect();
        let (input, top, lifted) = carried(file);
        let rec = CleanRecord {
            id: file.id,
            text: &c.text,
            metadata: Metadata {
                source_path,
                title: c.title.as_deref().unwrap_or(""),
                source: c.fields.get("source").map_or("", String::as_str),
                lang: c.lang.as_str(),
                chars_in: r.chars_in,
                chars_out: r.chars_out,
                removed,
                normalized: normalize::CHANGE_NAMES
                    .iter()
                    .map(|&n| (n, c.changes.get(n).copied().unwrap_or(0)))
                    .collect(),
                extracted: pack
                    .extracted_fields
                    .iter()
                    .map(|f| {
                        let v = c.fields.get(f).map_or("", String::as_str);
                        (f.as_str(), v)
                    })
                    .collect(),
                input: if lifted {
                    input.as_deref()
                } else {
                    file.carried
                },
                top,
                duplicate_of: "",
            },
        };
        let mut buf = Vec::with_capacity(c.text.len() + 1024);
        line(&mut buf, &rec);
        r.clean = buf;
    }
    r
}

/// `metadata.input` and the top-level fields, with `--carried-top`: the
/// carried fields go to the top of `metadata`, but those named like a
/// newsclean key, which stay under `input` (whole, never dropped or renamed).
/// The bool says the carried fields were lifted.
fn carried(file: &DocInfo) -> (Option<Box<RawValue>>, BTreeMap<String, Box<RawValue>>, bool) {
    let mut top = BTreeMap::new();
    let Some(raw) = file.carried.filter(|_| file.carried_top) else {
        return (None, top, false);
    };
    let Ok(fields) = serde_json::from_str::<BTreeMap<String, Box<RawValue>>>(raw.get()) else {
        return (None, top, false);
    };
    let mut kept = BTreeMap::new();
    for (k, v) in fields {
        if RESERVED_METADATA_KEYS.contains(&k.as_str()) {
            kept.insert(k, v);
        } else {
            top.insert(k, v);
        }
    }
    let input = (!kept.is_empty()).then(|| {
        serde_json::value::to_raw_value(&kept).expect("serializing to memory cannot fail")
    });
    (input, top, true)
}

/// The audit records of a document: each rule's removal in byte order, then
/// tidy's runs of whitespace as one record.
fn audit(r: &mut Rendered, id: &str, c: &Cleaned, pack: &Pack) {
    let mut tidy_bytes: Vec<usize> = Vec::new();
    let mut tidy_text = String::new();
    let mut tidy_lines = [usize::MAX, 0];
    for rem in &c.removals {
        let text = c.removed_text(rem);
        let Some(rule) = pack.rule(rem.rule) else {
            tidy_bytes.extend([rem.bytes.start, rem.bytes.end]);
            tidy_text.push_str(text);
            tidy_lines = [
                tidy_lines[0].min(rem.lines.start + 1),
                tidy_lines[1].max(rem.lines.end),
            ];
            continue;
        };
        let rec = AuditRecord {
            doc: id,
            rule: &rule.id,
            kind: rule.kind.name(),
            stage: rule.kind.stage(),
            lines: [rem.lines.start + 1, rem.lines.end],
            bytes: &[rem.bytes.start, rem.bytes.end],
            text,
            count: rem.count.unwrap_or(0),
            note: note_of(c, rem, pack, text),
        };
        line(&mut r.audit, &rec);
        let lines = if rem.whole_lines {
            text.lines().filter(|l| !l.trim().is_empty()).count()
        } else {
            0
        };
        let e = r.rules.entry(rule.id.clone()).or_default();
        e.0 += lines;
        e.1 += text.chars().count();
    }
    if !tidy_bytes.is_empty() {
        let rec = AuditRecord {
            doc: id,
            rule: TIDY_ID,
            kind: "tidy",
            stage: crate::rules::kinds::Stage::Tidy,
            lines: tidy_lines,
            bytes: &tidy_bytes,
            text: &tidy_text,
            count: (tidy_bytes.len() / 2) as u32,
            note: String::new(),
        };
        line(&mut r.audit, &rec);
        r.rules.entry(TIDY_ID.to_string()).or_default().1 += tidy_text.chars().count();
    }
}

/// A removal's evidence in words (`AuditRecord::note`): for a `template`
/// rule, the template the line starts with (recomputed from the removed
/// line, as the rule found it); for the model, its note.
fn note_of(
    c: &Cleaned,
    rem: &crate::pipeline::resolve::Removal,
    pack: &Pack,
    text: &str,
) -> String {
    match pack.rule(rem.rule).map(|r| &r.kind) {
        Some(crate::rules::Kind::Template(_)) => {
            let folded = crate::text::fold::fold(text);
            crate::corpus_pass::templates::head(&folded.text)
                .map(|h| format!("template: {}", h.text()))
                .unwrap_or_default()
        }
        Some(crate::rules::Kind::Model(_)) => {
            c.notes.get(&rem.bytes.start).cloned().unwrap_or_default()
        }
        _ => String::new(),
    }
}

/// Write a small file atomically: to a temporary name beside `dest`, synced,
/// then renamed into place (the JSONL outputs stream through `sink`).
pub fn write_atomic(dest: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = crate::io::sink::tmp_beside(dest);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dest)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reserved list is exactly the keys `Metadata` writes.
    #[test]
    fn reserved_keys_are_the_metadata_keys() {
        let raw = RawValue::from_string("{}".into()).unwrap();
        let m = Metadata {
            source_path: String::new(),
            title: "",
            source: "",
            lang: "en",
            chars_in: 0,
            chars_out: 0,
            removed: Vec::new(),
            normalized: BTreeMap::new(),
            extracted: BTreeMap::new(),
            input: Some(&*raw),
            top: BTreeMap::new(),
            duplicate_of: "",
        };
        let v = serde_json::to_value(&m).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut want = RESERVED_METADATA_KEYS.to_vec();
        want.sort_unstable();
        assert_eq!(keys, want);
    }
}
