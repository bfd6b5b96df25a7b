//! The per-document function: decoded text in, `Outcome` out. Pure, no I/O,
//! so it is easy to test and to call from any front end.
//!
//! Stages, in order: normalize → cut glued words (`glued::cut_points`) →
//! segment (`Document`) → rules and detectors claim lines, phase by phase
//! (each kind's `Behaviour`, see `rules::kinds`) → resolve → removals →
//! tidy → cut marks in the audit.

pub mod document;
pub mod rebuild;
pub mod resolve;
pub mod tidy;
pub mod work;

use crate::corpus_pass::CorpusStats;
use crate::pipeline::document::Document;
use crate::pipeline::resolve::Removal;
use crate::pipeline::tidy::tidy;
use crate::pipeline::work::{At, Work};
use crate::rules::kinds::{extract, glued, Phase};
use crate::rules::{Pack, Rule, RuleRef};
use crate::text::lang::Lang;
use crate::text::normalize::{normalize, Changes};
use serde::Serialize;
use std::collections::BTreeMap;

/// Why a document has no record in clean.jsonl.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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

/// What the pipeline may know about a document besides its text.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct Context<'a> {
    /// Lower-cased URL, domain or path: selects site-scoped rules.
    pub site: Option<&'a str>,
    /// The corpus-wide first pass, when it ran.
    pub corpus: Option<&'a CorpusStats>,
}

impl<'a> Context<'a> {
    /// `site`: the lower-cased URL, domain or path of the document;
    /// `corpus`: the statistics of the corpus-wide first pass, if it ran.
    pub fn new(site: Option<&'a str>, corpus: Option<&'a CorpusStats>) -> Context<'a> {
        Context { site, corpus }
    }
}

/// A cleaned document: the kept text, metadata, and every removal.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Cleaned {
    /// The normalized input: what removals' byte ranges refer to.
    pub normalized: String,
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

/// Clean one decoded document with no context (no site, no corpus pass).
pub fn clean_text(decoded: &str, pack: &Pack) -> Outcome {
    clean_text_in(decoded, pack, &Context::default())
}

/// Clean one decoded document (stages 2–6).
pub fn clean_text_in(decoded: &str, pack: &Pack, ctx: &Context) -> Outcome {
    let (norm, changes) = normalize(decoded, &pack.normalize);
    if norm.trim().is_empty() {
        return Outcome::Rejected {
            reason: RejectReason::Empty,
            detail: "no text (only whitespace or invisible characters)".into(),
            cleaned: None,
        };
    }
    // The folded view maps bytes back with u32 offsets: a larger document
    // (possible only with a raised --max-doc-bytes) is refused, not mangled.
    if norm.len() >= u32::MAX as usize {
        return Outcome::Rejected {
            reason: RejectReason::TooLarge,
            detail: format!("{} bytes: the limit per document is 4 GiB", norm.len()),
            cleaned: None,
        };
    }
    let cleaned = clean_normalized(norm, pack, ctx, changes);
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

/// The rules of the pack that run on this document (language and site).
fn active<'x>(pack: &'x Pack, lang: Lang, ctx: &Context) -> Vec<(u32, &'x Rule)> {
    pack.rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.applies_to(lang) && r.applies_to_site(ctx.site))
        .map(|(i, r)| (i as u32, r))
        .collect()
}

/// Run every stage after normalization.
pub fn clean_normalized(norm: String, pack: &Pack, ctx: &Context, changes: Changes) -> Cleaned {
    let lang = crate::text::lang::detect(&norm);
    let active = active(pack, lang, ctx);
    let cuts = glued::cut_points(&active, &norm);
    let doc = Document::with_splits(norm, &cuts.points, lang);
    let mut work = Work::new(doc.lines.len());
    let at = |index: u32, rule| At {
        doc: &doc,
        pack,
        ctx,
        index,
        rule,
    };

    // Rules and detectors claim lines, phase by phase (see `rules::kinds`).
    for (line, ri) in pack.matcher.hits(&doc) {
        let rule = &pack.rules[ri as usize];
        if rule.applies_to_site(ctx.site) {
            rule.kind
                .behaviour()
                .on_match(&at(ri, rule), line, &mut work);
        }
    }
    let claim = |phase: Phase, work: &mut Work| {
        for &(ri, rule) in active.iter().filter(|(_, r)| r.kind.phase() == phase) {
            rule.kind.behaviour().claim(&at(ri, rule), work);
        }
    };
    claim(Phase::Repeated, &mut work);
    claim(Phase::Tail, &mut work);
    work.resolve();
    for phase in [
        Phase::Title,
        Phase::Shape,
        Phase::Glued,
        Phase::Trailing,
        Phase::Span,
    ] {
        claim(phase, &mut work);
    }

    let fields = extract::fields(pack, &work.owners);
    let mut removals = work.owners.removals(&doc, work.spans);
    let ranges: Vec<_> = removals.iter().map(|r| r.bytes.clone()).collect();
    let (text, tidy_dels) = tidy(&doc.text, &ranges);
    let line_of = line_index(&doc.text);
    removals.extend(tidy_dels.into_iter().map(|bytes| Removal {
        rule: RuleRef::Tidy,
        lines: line_of(bytes.start)..line_of(bytes.end - 1) + 1,
        bytes,
        whole_lines: false,
        count: None,
    }));
    removals.sort_by_key(|r| (r.bytes.start, r.bytes.end));
    cuts.audit(&mut removals, line_of);

    Cleaned {
        lang: doc.lang,
        normalized: doc.text,
        text,
        title: work.title,
        fields,
        removals,
        changes,
    }
}

/// The physical line (0-based) of each byte offset of `text`.
fn line_index(text: &str) -> impl Fn(usize) -> usize {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    move |b: usize| line_starts.partition_point(|&s| s <= b).saturating_sub(1)
}
