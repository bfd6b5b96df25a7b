//! The per-document function: decoded text in, `Outcome` out. Pure, no I/O,
//! so it is easy to test and to call from any front end.
//!
//! Stages, in order: normalize → segment (`Document`) → rules claim lines and
//! spans → tails (guarded) → title → detectors → resolve → tidy.

use crate::document::Document;
use crate::lang::Lang;
use crate::normalize::{normalize, Changes};
use crate::resolve::{LineClaim, Owners, Removal, SpanClaim};
use crate::rules::{Kind, Pack, TIDY};
use crate::tidy::tidy;
use serde::Serialize;
use std::collections::BTreeMap;

/// Why a document has no record in clean.jsonl.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    Empty,
    EmptyAfterCleaning,
    NotUtf8,
    Binary,
    Unreadable,
    TooLarge,
    /// A JSONL line that is not a usable record (bad JSON, no text string).
    Malformed,
}

impl RejectReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Empty => "empty",
            RejectReason::EmptyAfterCleaning => "empty_after_cleaning",
            RejectReason::NotUtf8 => "not_utf8",
            RejectReason::Binary => "binary",
            RejectReason::Unreadable => "unreadable",
            RejectReason::TooLarge => "too_large",
            RejectReason::Malformed => "malformed",
        }
    }
}

/// A cleaned document: the kept text, metadata, and every removal.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The normalized input: what removals' byte ranges refer to.
    pub normalized: String,
    /// Line start offsets of `normalized` (for line numbers in the audit).
    pub line_starts: Vec<usize>,
    pub text: String,
    pub lang: Lang,
    pub title: Option<String>,
    /// Values of `extract` rules, by field (`source`, ...).
    pub fields: BTreeMap<String, String>,
    /// Sorted, disjoint; kept text plus these rebuild `normalized`.
    pub removals: Vec<Removal>,
    /// Normalization changes, by kind.
    pub changes: Changes,
}

impl Cleaned {
    pub fn removed_text(&self, r: &Removal) -> &str {
        &self.normalized[r.bytes.clone()]
    }
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Kept(Cleaned),
    Rejected {
        reason: RejectReason,
        detail: String,
        /// For `EmptyAfterCleaning`: what was removed, for the audit.
        cleaned: Option<Box<Cleaned>>,
    },
}

/// Clean one decoded document (stages 2–6).
pub fn clean_text(decoded: &str, pack: &Pack) -> Outcome {
    let (norm, changes) = normalize(decoded, &pack.normalize);
    if norm.trim().is_empty() {
        return Outcome::Rejected {
            reason: RejectReason::Empty,
            detail: "no text (only whitespace or invisible characters)".into(),
            cleaned: None,
        };
    }
    let cleaned = clean_document(Document::new(norm), pack, changes);
    if cleaned.text.is_empty() {
        let n = cleaned.removals.len();
        return Outcome::Rejected {
            reason: RejectReason::EmptyAfterCleaning,
            detail: format!("all text removed ({n} removals, see audit)"),
            cleaned: Some(Box::new(cleaned)),
        };
    }
    Outcome::Kept(cleaned)
}

/// Run rules, detectors, resolve and tidy on a segmented document.
pub fn clean_document(doc: Document, pack: &Pack, changes: Changes) -> Cleaned {
    let n = doc.lines.len();
    let mut claims = Vec::new();
    let mut tails = Vec::new();
    let mut span_hits = Vec::new();
    for (line, ri) in pack.matcher.hits(&doc) {
        let rule = &pack.rules[ri as usize];
        let chars = doc.lines[line].chars;
        let claim = |lines, value| LineClaim {
            rule: ri,
            lines,
            rank: rule.kind.rank(),
            value,
        };
        match &rule.kind {
            Kind::Line(k) if k.accepts(chars) => claims.push(claim(line..line + 1, None)),
            Kind::Block(k) => claims.extend(k.claim(&doc, line).map(|r| claim(r, None))),
            Kind::Extract(k) if chars <= k.max_chars => {
                if let Some(v) = extract_value(&doc, line, rule) {
                    claims.push(claim(line..line + 1, Some(v)));
                }
            }
            Kind::Tail(k) if chars <= k.max_marker_chars => tails.push((line, ri, k.min_position)),
            Kind::Span(_) => span_hits.push((line, ri)),
            _ => {}
        }
    }

    // Tails are guarded by their position among the lines no other rule claims.
    if !tails.is_empty() {
        let mut claimed = vec![false; n];
        for c in &claims {
            claimed[c.lines.clone()].iter_mut().for_each(|x| *x = true);
        }
        let weight = |i: usize| -> usize {
            if claimed[i] {
                0
            } else {
                doc.line(i).chars().filter(|c| !c.is_whitespace()).count()
            }
        };
        let mut before = vec![0usize; n + 1];
        for i in 0..n {
            before[i + 1] = before[i] + weight(i);
        }
        let total = before[n].max(1) as f64;
        for (line, ri, min_pos) in tails {
            if before[line] as f64 / total >= min_pos {
                claims.push(LineClaim {
                    rule: ri,
                    lines: line..n,
                    rank: pack.rules[ri as usize].kind.rank(),
                    value: None,
                });
            }
        }
    }

    let mut owners = Owners::new(n);
    owners.add_all(claims);
    let title = find_title(&doc, pack, &mut owners);
    detect(&doc, pack, &mut owners);

    let mut spans = Vec::new();
    for (line, ri) in span_hits {
        if owners.is_owned(line) {
            continue;
        }
        let folded = doc.folded_line(line);
        for re in &pack.rules[ri as usize].patterns {
            for m in re.find_iter(folded) {
                spans.push(SpanClaim {
                    rule: ri,
                    line,
                    bytes: doc.unfold_span(line, m.range()),
                });
            }
        }
    }

    let mut fields = BTreeMap::new();
    for (ci, c) in owners.claims.iter().enumerate() {
        let rule = &pack.rules[c.rule as usize];
        if let (Kind::Extract(k), Some(v)) = (&rule.kind, &c.value) {
            if owners.owns_all(ci as u32) && !fields.contains_key(&k.field) {
                fields.insert(k.field.clone(), v.clone());
            }
        }
    }

    let mut removals = owners.removals(&doc, spans);
    let ranges: Vec<_> = removals.iter().map(|r| r.bytes.clone()).collect();
    let (text, tidy_dels) = tidy(&doc.text, &ranges);
    let line_starts: Vec<usize> = doc.lines.iter().map(|l| l.text.start).collect();
    let line_of = |b: usize| line_starts.partition_point(|&s| s <= b).saturating_sub(1);
    removals.extend(tidy_dels.into_iter().map(|bytes| Removal {
        rule: TIDY,
        lines: line_of(bytes.start)..line_of(bytes.end - 1) + 1,
        bytes,
        whole_lines: false,
    }));
    removals.sort_by_key(|r| r.bytes.start);

    Cleaned {
        lang: doc.lang,
        normalized: doc.text,
        line_starts,
        text,
        title,
        fields,
        removals,
        changes,
    }
}

/// The `value` group of the first of the rule's patterns that captures on the line.
fn extract_value(doc: &Document, line: usize, rule: &crate::rules::Rule) -> Option<String> {
    let folded = doc.folded_line(line);
    rule.patterns.iter().find_map(|re| {
        let m = re.captures(folded)?.name("value")?;
        let v = doc.text[doc.unfold_span(line, m.range())]
            .trim()
            .to_string();
        (!v.is_empty()).then_some(v)
    })
}

/// The first kept non-blank line, if a title rule accepts it.
fn find_title(doc: &Document, pack: &Pack, owners: &mut Owners) -> Option<String> {
    let (ri, rule) = pack
        .rules
        .iter()
        .enumerate()
        .find(|(_, r)| matches!(r.kind, Kind::Title(_)) && r.applies_to(doc.lang))?;
    let Kind::Title(t) = &rule.kind else {
        return None;
    };
    let kept = |i: &usize| !doc.is_blank(*i) && !owners.is_owned(*i);
    let first = (0..doc.lines.len()).find(kept)?;
    let next = (first + 1..doc.lines.len()).find(kept)?;
    if !t.accepts(doc.line(first), doc.line(next)) {
        return None;
    }
    owners.add(LineClaim {
        rule: ri as u32,
        lines: first..first + 1,
        rank: rule.kind.rank(),
        value: None,
    });
    Some(doc.line(first).trim().to_string())
}

/// Detectors look only at non-blank lines that no rule owns.
fn detect(doc: &Document, pack: &Pack, owners: &mut Owners) {
    for (ri, rule) in pack.rules.iter().enumerate() {
        if !rule.applies_to(doc.lang) {
            continue;
        }
        let Kind::TagCloud(tc) = &rule.kind else {
            continue;
        };
        for i in 0..doc.lines.len() {
            if !doc.is_blank(i) && !owners.is_owned(i) && tc.detect(doc.folded_line(i)) {
                owners.add(LineClaim {
                    rule: ri as u32,
                    lines: i..i + 1,
                    rank: rule.kind.rank(),
                    value: None,
                });
            }
        }
    }
}
