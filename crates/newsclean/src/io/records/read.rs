//! `summary.json` and reading an output folder back.
//!
//! A run writes `summary.json` beside the three JSONL files: totals, rejected
//! documents by reason, time and throughput, and one row per rule of the pack
//! (description and kind included, with zero counts for rules that never
//! fired). Everything that inspects a finished run — the report, `rules list
//! --stats`, `rules check --stats`, `explain ID` — reads the folder through
//! this module, so the report can be rebuilt from the folder alone. JSONL
//! files are streamed line by line, never read whole (`stream`).

mod stream;

pub use stream::{blank, AuditHead, Jsonl};

use crate::rules::{Pack, TIDY_ID};
use crate::run::summary::Summary;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A finished run's output folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Json {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Other(String),
}

/// One rule's figures in `summary.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RuleRow {
    pub id: String,
    pub kind: String,
    pub description: String,
    /// Documents it removed something from.
    pub docs: usize,
    /// Non-blank whole lines removed.
    pub lines: usize,
    /// Characters removed.
    pub chars: usize,
}

/// The contents of `summary.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SummaryFile {
    /// The output schema version (`records::SCHEMA_VERSION`); 0 when absent
    /// (written before versions).
    #[serde(default)]
    pub schema: u32,
    pub read: usize,
    pub kept: usize,
    pub rejected: BTreeMap<String, usize>,
    pub chars_in: usize,
    pub chars_out: usize,
    pub bytes: u64,
    pub seconds: f64,
    pub mb_per_second: f64,
    /// Every rule of the pack in pack order, then `tidy.whitespace`.
    pub rules: Vec<RuleRow>,
}

impl SummaryFile {
    pub fn new(s: &Summary, pack: &Pack) -> SummaryFile {
        let row = |id: &str, kind: &str, description: &str| {
            let st = s.rules.get(id).cloned().unwrap_or_default();
            RuleRow {
                id: id.to_string(),
                kind: kind.to_string(),
                description: description.to_string(),
                docs: st.docs,
                lines: st.lines,
                chars: st.chars,
            }
        };
        let mut rules: Vec<RuleRow> = pack
            .rules
            .iter()
            .map(|r| row(&r.id, r.kind.name(), &r.description))
            .collect();
        rules.push(row(TIDY_ID, "tidy", "Whitespace trimmed and collapsed."));
        let mb = s.bytes as f64 / 1e6;
        SummaryFile {
            schema: crate::io::records::SCHEMA_VERSION,
            read: s.read,
            kept: s.kept,
            rejected: s
                .rejected
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect(),
            chars_in: s.chars_in,
            chars_out: s.chars_out,
            bytes: s.bytes,
            seconds: s.seconds,
            mb_per_second: if s.seconds > 0.0 { mb / s.seconds } else { 0.0 },
            rules,
        }
    }

    pub fn rejected_total(&self) -> usize {
        self.rejected.values().sum()
    }

    /// Characters removed by all rules together.
    pub fn removed_total(&self) -> usize {
        self.rules.iter().map(|r| r.chars).sum()
    }

    pub fn rule(&self, id: &str) -> Option<&RuleRow> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Write `summary.json` in `out` atomically.
pub fn write_summary(out: &Path, summary: &SummaryFile) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(summary).expect("serializing to memory");
    bytes.push(b'\n');
    crate::io::records::write_atomic(&out.join("summary.json"), &bytes)
}

/// Read `summary.json` from an output folder.
pub fn read_summary(dir: &Path) -> Result<SummaryFile, ReadError> {
    let path = dir.join("summary.json");
    let text = std::fs::read_to_string(&path).map_err(|source| ReadError::Io {
        path: path.clone(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| ReadError::Json {
        path,
        line: e.line(),
        message: format!("{e} (written by another version of newsclean? run clean again)"),
    })
}

/// A clean.jsonl record, as read back (only what readers need).
#[derive(Debug, Clone, Deserialize)]
pub struct CleanRow {
    pub id: String,
    pub text: String,
    pub metadata: CleanMeta,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CleanMeta {
    /// `""` (no title) is read as `None`.
    #[serde(default, deserialize_with = "non_empty")]
    pub title: Option<String>,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub chars_in: usize,
    /// `metadata.removed` (a list of `{rule, chars}`), by rule id.
    #[serde(default, deserialize_with = "rule_chars")]
    pub removed: BTreeMap<String, usize>,
}

fn non_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.is_empty()))
}

/// `[{"rule": ID, "chars": N}, ...]` as a map from rule id to chars.
fn rule_chars<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, usize>, D::Error> {
    #[derive(Deserialize)]
    struct RuleChars {
        rule: String,
        chars: usize,
    }
    let rows = Vec::<RuleChars>::deserialize(d)?;
    // `tidy.whitespace` is written with 0 when tidy removed nothing (the
    // list is never empty, `SCHEMA_VERSION`): that is no removal.
    Ok(rows
        .into_iter()
        .filter(|r| r.rule != TIDY_ID || r.chars > 0)
        .map(|r| (r.rule, r.chars))
        .collect())
}

/// An audit.jsonl record, as read back.
#[derive(Debug, Clone, Deserialize)]
pub struct AuditRow {
    pub doc: String,
    pub rule: String,
    pub kind: String,
    pub lines: [usize; 2],
    /// Flat `start, end` pairs (one pair but for `tidy.whitespace`).
    pub bytes: Vec<usize>,
    pub text: String,
    /// Evidence in words (`""` when none; absent before schema 3): a
    /// template, or the model's score and top feature contributions.
    #[serde(default)]
    pub note: Option<String>,
}

impl AuditRow {
    /// Each removed range with its text: `(start, end, text)`. Fails when
    /// `bytes` is not pairs that `text` fits exactly.
    pub fn pieces(&self) -> Result<Vec<(usize, usize, &str)>, String> {
        let mut out = Vec::with_capacity(self.bytes.len() / 2);
        let mut at: usize = 0;
        for pair in self.bytes.chunks(2) {
            let &[start, end] = pair else {
                return Err(format!("{}: `bytes` is not start/end pairs", self.rule));
            };
            let len = end.checked_sub(start).unwrap_or(usize::MAX);
            let text = at
                .checked_add(len)
                .and_then(|e| self.text.get(at..e))
                .ok_or_else(|| format!("{}: `text` does not fit `bytes`", self.rule))?;
            out.push((start, end, text));
            at += len;
        }
        if at != self.text.len() {
            return Err(format!("{}: `text` is longer than `bytes`", self.rule));
        }
        Ok(out)
    }

    fn first(&self) -> usize {
        self.bytes.first().copied().unwrap_or(0)
    }

    fn last(&self) -> usize {
        self.bytes.last().copied().unwrap_or(0)
    }
}

/// One removed range of a document: start, end, text, rule, note.
pub type Piece<'a> = (usize, usize, &'a str, &'a str, Option<String>);

/// The removed ranges of one document's rows, sorted by start, each with its
/// text, the rule that removed it and its note (when not empty): what
/// `rebuild` and a diff view need.
pub fn pieces(rows: &[AuditRow]) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    for r in rows {
        let note = r.note.clone().filter(|n| !n.is_empty());
        out.extend(
            r.pieces()?
                .into_iter()
                .map(|(s, e, t)| (s, e, t, r.rule.as_str(), note.clone())),
        );
    }
    out.sort_by_key(|p| (p.0, p.1));
    Ok(out)
}

/// Whether `rows` are exactly the removals that a clean record's
/// `metadata.removed` counts (characters per rule). Ids are used as given, so
/// two documents may share one; this tells their audit rows apart.
pub fn rows_fit(rows: &[AuditRow], removed: &BTreeMap<String, usize>) -> bool {
    let mut got: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        *got.entry(r.rule.as_str()).or_default() += r.text.chars().count();
    }
    got.len() <= removed.len()
        && removed
            .iter()
            .all(|(rule, n)| got.get(rule.as_str()).copied().unwrap_or(0) == *n)
}

/// Whether `row` starts a new document after `prev` although both have the
/// same id: one document's rule rows are in byte order and never overlap,
/// and its one tidy row comes last.
pub fn starts_again(prev: &AuditRow, row: &AuditRow) -> bool {
    if prev.rule == TIDY_ID {
        return true;
    }
    if row.rule == TIDY_ID {
        return false;
    }
    row.first() < prev.last() || row.first() < prev.first()
}

/// A rejected.jsonl record, as read back.
#[derive(Debug, Clone, Deserialize)]
pub struct RejectRow {
    pub id: String,
    pub reason: String,
    #[serde(default)]
    pub detail: String,
}

/// Open `name` (clean.jsonl, audit.jsonl, rejected.jsonl) in `dir`, as a
/// run wrote it: plain, compressed (`name.gz`, `name.zst`) or, for
/// clean.jsonl, in shards (`clean-00000.jsonl`, ..., each maybe compressed),
/// read in order.
pub fn open<T: DeserializeOwned>(dir: &Path, name: &str) -> Result<Jsonl<T>, ReadError> {
    Jsonl::open_all(output_files(dir, name)?)
}

/// The files of output `name` in `dir` (see `open`), named as the sink
/// names them (`Compress::ext`, `sink::shard_name`).
pub fn output_files(dir: &Path, name: &str) -> Result<Vec<PathBuf>, ReadError> {
    use crate::io::sink::{shard_name, Compress};
    const ALL: [Compress; 3] = [Compress::None, Compress::Gz, Compress::Zst];
    if let Some(p) = ALL
        .iter()
        .map(|c| dir.join(format!("{name}{}", c.ext())))
        .find(|p| p.is_file())
    {
        return Ok(vec![p]);
    }
    let shards: Vec<PathBuf> = match name {
        "clean.jsonl" => ALL
            .iter()
            .map(|&c| {
                (0..)
                    .map(|i| dir.join(shard_name(i, c)))
                    .take_while(|p| p.is_file())
                    .collect::<Vec<_>>()
            })
            .find(|s| !s.is_empty())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    if shards.is_empty() {
        return Err(ReadError::Other(format!(
            "no {name} in {} (nor {name}.gz, {name}.zst{}): is it the output folder of a \
             run? (a run with --out - or --audit/--rejected elsewhere leaves these files \
             where it was told)",
            dir.display(),
            if name == "clean.jsonl" {
                " or shards clean-00000.jsonl, ..."
            } else {
                ""
            }
        )));
    }
    Ok(shards)
}
