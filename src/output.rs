//! Output records (serialize-only serde structs) and the atomic file writer.
//!
//! Schemas are documented in the README. Records are rendered to bytes by
//! the workers (`render`), so the writer thread only appends, in input order.

use crate::pipeline::{Cleaned, Outcome};
use crate::rules::{Pack, TIDY};
use crate::source::SourceFile;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Serialize)]
pub struct CleanRecord<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub metadata: Metadata<'a>,
}

#[derive(Serialize)]
pub struct Metadata<'a> {
    pub source_path: String,
    pub title: Option<&'a str>,
    pub source: Option<&'a str>,
    pub lang: &'static str,
    pub chars_in: usize,
    pub chars_out: usize,
    /// Characters removed per rule id (tidy's whitespace under `tidy.whitespace`).
    pub removed: BTreeMap<&'a str, usize>,
    /// Characters changed by normalization, per change.
    pub normalized: &'a BTreeMap<&'static str, u64>,
    /// Id of the first exact copy of this document in the run, if any.
    pub duplicate_of: Option<&'a str>,
    /// Other fields set by `extract` rules.
    #[serde(flatten)]
    pub extracted: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
pub struct AuditRecord<'a> {
    pub doc: &'a str,
    pub rule: &'a str,
    pub kind: &'a str,
    pub stage: crate::rules::kinds::Stage,
    /// 1-based, inclusive line range in the normalized input.
    pub lines: [usize; 2],
    /// Byte range in the normalized input, end exclusive.
    pub bytes: [usize; 2],
    pub text: &'a str,
    /// For `repeated_line`: in how many documents of the dump the line occurs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
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

/// Render the records of one document.
pub fn render(
    file: &SourceFile,
    outcome: &Outcome,
    pack: &Pack,
    duplicate_of: Option<&str>,
) -> Rendered {
    let mut r = Rendered::default();
    let source_path = file.path.to_string_lossy().into_owned();
    let cleaned = match outcome {
        Outcome::Kept(c) => Some(c),
        Outcome::Rejected {
            reason,
            detail,
            cleaned,
        } => {
            r.reject_reason = Some(reason.as_str());
            let rec = RejectRecord {
                id: &file.id,
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
    audit(&mut r, &file.id, c, pack);
    r.chars_in = c.normalized.chars().count();
    r.chars_out = c.text.chars().count();
    if matches!(outcome, Outcome::Kept(_)) {
        let removed = r.rules.iter().map(|(k, v)| (k.as_str(), v.1)).collect();
        let rec = CleanRecord {
            id: &file.id,
            text: &c.text,
            metadata: Metadata {
                source_path,
                title: c.title.as_deref(),
                source: c.fields.get("source").map(String::as_str),
                lang: c.lang.as_str(),
                chars_in: r.chars_in,
                chars_out: r.chars_out,
                removed,
                normalized: &c.changes,
                duplicate_of,
                extracted: c
                    .fields
                    .iter()
                    .filter(|(k, _)| !matches!(k.as_str(), "source" | "title"))
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
            },
        };
        let mut buf = Vec::new();
        line(&mut buf, &rec);
        r.clean = buf;
    }
    r
}

fn audit(r: &mut Rendered, id: &str, c: &Cleaned, pack: &Pack) {
    for rem in &c.removals {
        let text = c.removed_text(rem);
        let rule_id = pack.id(rem.rule);
        let (kind, stage) = if rem.rule == TIDY {
            ("tidy", crate::rules::kinds::Stage::Tidy)
        } else {
            let k = &pack.rules[rem.rule as usize].kind;
            (k.name(), k.stage())
        };
        let rec = AuditRecord {
            doc: id,
            rule: rule_id,
            kind,
            stage,
            lines: [rem.lines.start + 1, rem.lines.end],
            bytes: [rem.bytes.start, rem.bytes.end],
            text,
            count: rem.count,
        };
        line(&mut r.audit, &rec);
        let lines = if rem.whole_lines {
            text.lines().filter(|l| !l.trim().is_empty()).count()
        } else {
            0
        };
        let e = r.rules.entry(rule_id.to_string()).or_default();
        e.0 += lines;
        e.1 += text.chars().count();
    }
}

/// A file written under a temporary name and renamed into place on
/// `commit`: an interrupted run never leaves a partial file under the final
/// name. Dropped without commit, the temporary file is removed.
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> std::io::Result<AtomicFile> {
        let name = dest
            .file_name()
            .map_or("out".into(), |n| n.to_string_lossy());
        let tmp = dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&tmp)?;
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
            out: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match &mut self.out {
            Some(w) => w.write_all(bytes),
            None => Ok(()),
        }
    }

    /// Flush, sync and rename into place.
    pub fn commit(mut self) -> std::io::Result<()> {
        if let Some(w) = self.out.take() {
            let file = w.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
        }
        std::fs::rename(&self.tmp, &self.dest)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
