//! The per-document function: decoded text in, `Outcome` out. Pure, no I/O,
//! so it is easy to test and to call from any front end.
//!
//! Stages, in order: normalize → cut glued words (`glued::cut_points`) →
//! segment (`Document`) → rules and detectors claim lines, phase by phase
//! (each kind's `Behaviour`, see `rules::kinds`) → resolve → removals →
//! tidy → cut marks in the audit.

mod compose;
pub mod document;
pub mod rebuild;
pub mod resolve;
pub mod tidy;
pub mod work;

use crate::corpus_pass::CorpusStats;
use crate::pipeline::document::Document;
use crate::pipeline::resolve::{Removal, SpanClaim};
use crate::pipeline::tidy::tidy;
use crate::pipeline::work::{At, Work};
use crate::rules::kinds::{extract, glued, Phase};
use crate::rules::{Kind, Pack, Rule, RuleRef};
use crate::text::lang::{self, Lang};
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
    /// Audit notes of removals, by their first byte: the model's score and
    /// top feature contributions.
    pub notes: BTreeMap<usize, String>,
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
pub(crate) fn active<'x>(pack: &'x Pack, lang: Lang, ctx: &Context) -> Vec<(u32, &'x Rule)> {
    pack.rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.applies_to(lang) && r.applies_to_site(ctx.site))
        .map(|(i, r)| (i as u32, r))
        .collect()
}

/// Run every stage after normalization, with the language the kept text
/// confirms (see `text::lang`): the script count of the whole text first;
/// when the kept text reads as the other language, that language, if its own
/// kept text confirms it; when neither does, only language-neutral rules,
/// then the rules of the language the kept text reads as (`compose`).
pub fn clean_normalized(norm: String, pack: &Pack, ctx: &Context, changes: Changes) -> Cleaned {
    let first = lang::detect(&norm);
    let c = clean_as(norm, pack, ctx, changes, first);
    let confirmed = |c: &Cleaned, l: Lang| lang::confirms(&c.text, l);
    if confirmed(&c, first) {
        return c;
    }
    let other = lang::detect(&c.text);
    let (norm, changes) = (c.normalized.clone(), c.changes.clone());
    let c = clean_as(norm.clone(), pack, ctx, changes.clone(), other);
    if confirmed(&c, other) {
        return c;
    }
    let c = clean_as(norm, pack, ctx, changes, Lang::Und);
    // With the neutral rules' removals gone, the kept text may read as one
    // language: a second clean would run its rules. Run them now (when that
    // language's cleaning of the kept text confirms it) so the output is a
    // fixed point.
    let again = lang::detect(&c.text);
    if again == Lang::Und {
        return c;
    }
    let (kept, more) = normalize(&c.text, &pack.normalize);
    if kept != c.text || !more.is_empty() {
        return c;
    }
    let second = clean_as(kept, pack, ctx, more, again);
    if confirmed(&second, again) {
        compose::compose(c, second)
    } else {
        c
    }
}

/// Rounds of shape and trailing detectors after the first (see `clean_as`).
const SETTLE_ROUNDS: usize = 4;

/// Run every stage after normalization with the rules of `lang`.
fn clean_as(norm: String, pack: &Pack, ctx: &Context, changes: Changes, lang: Lang) -> Cleaned {
    let active = active(pack, lang, ctx);
    let cuts = glued::cut_points(&active, &norm);
    let doc = Document::with_splits(norm, &cuts.points, lang);
    let mut work = Work::new(doc.lines.len());
    let at = At::on(&doc, pack, ctx);

    // Rules and detectors claim lines, phase by phase (see `rules::kinds`).
    let hits: Vec<(usize, u32)> = pack
        .matcher
        .hits(&doc)
        .into_iter()
        .filter(|&(_, ri)| pack.rules[ri as usize].applies_to_site(ctx.site))
        .collect();
    for &(line, ri) in &hits {
        let rule = &pack.rules[ri as usize];
        rule.kind
            .behaviour()
            .on_match(&at(ri, rule), line, &mut work);
    }
    let claim = |phase: Phase, work: &mut Work| {
        for &(ri, rule) in active.iter().filter(|(_, r)| r.kind.phase() == phase) {
            rule.kind.behaviour().claim(&at(ri, rule), work);
        }
    };
    claim(Phase::Repeated, &mut work);
    claim(Phase::Tail, &mut work);
    work.resolve();
    for phase in [Phase::Title, Phase::Shape, Phase::Glued, Phase::Trailing] {
        claim(phase, &mut work);
    }
    // Shape detectors judge a line by the free lines around it ("no body
    // after this run of headlines"), and trailing claims lines after the
    // body: what one claimed changes what the other sees. A second clean of
    // the output would see those lines gone and judge again, so judge again
    // now, until a round claims no new line (claims only take free lines, so
    // this ends; at most `SETTLE_ROUNDS` more rounds).
    // The segment model runs on what they left, and what it takes changes
    // what they see in turn: it is part of the rounds.
    // Pattern rules whose claim depends on the lines around the match judge
    // again too (`Behaviour::resettle`), and the title rule, when no title
    // was taken yet (the first kept line may now be another one).
    // (The model runs again only after a round claimed something: it
    // settles its own rounds inside, and costs the most.)
    claim(Phase::Model, &mut work);
    for _ in 0..SETTLE_ROUNDS {
        let owned = work.owners.claims.len();
        for &(line, ri) in &hits {
            let rule = &pack.rules[ri as usize];
            rule.kind
                .behaviour()
                .resettle(&at(ri, rule), line, &mut work);
        }
        claim(Phase::Title, &mut work);
        claim(Phase::Shape, &mut work);
        claim(Phase::Trailing, &mut work);
        if work.owners.claims.len() == owned {
            break;
        }
        claim(Phase::Model, &mut work);
    }
    claim(Phase::Span, &mut work);
    drop_spans_that_make_claims(&doc, pack, ctx, &mut work.spans);

    drop(at); // an opaque closure: its borrow of `doc` ends here
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
    let notes = work.notes.into_iter().collect();

    Cleaned {
        lang: doc.lang,
        normalized: doc.text,
        text,
        title: work.title,
        fields,
        removals,
        changes,
        notes,
    }
}

/// The physical line (0-based) of each byte offset of `text`.
fn line_index(text: &str) -> impl Fn(usize) -> usize {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    move |b: usize| line_starts.partition_point(|&s| s <= b).saturating_sub(1)
}

/// Span removals happen after line rules judged the whole line: what a
/// span leaves of a line may be a line that a rule claims ("المصدر: <quote>
/// إقرأ أيضاً: ء" without its trailing read-also span is a source line), and
/// cleaning the output again would remove it (and lines around it whose
/// context changes). So a line's spans are dropped, the line kept whole,
/// when its remainder is claimed by a rule (or a per-line shape detector)
/// that does not claim the whole line: the second pass sees the same line
/// and decides the same.
fn drop_spans_that_make_claims(
    doc: &Document,
    pack: &Pack,
    ctx: &Context,
    spans: &mut Vec<SpanClaim>,
) {
    let mut lines: Vec<usize> = spans.iter().map(|s| s.line).collect();
    lines.sort_unstable();
    lines.dedup();
    let mut drop = Vec::new();
    for line in lines {
        let seg = doc.lines[line].text.clone();
        let mut ranges: Vec<_> = spans
            .iter()
            .filter(|s| s.line == line)
            .map(|s| s.bytes.clone())
            .collect();
        ranges.sort_by_key(|r| r.start);
        let mut rest = String::new();
        let mut at = seg.start;
        for r in ranges {
            if r.start > at {
                rest.push_str(&doc.text[at..r.start]);
            }
            at = at.max(r.end);
        }
        if seg.end > at {
            rest.push_str(&doc.text[at..seg.end]);
        }
        let before = line_claimers(doc.line(line).trim(), doc.lang, pack, ctx);
        let after = line_claimers(rest.trim(), doc.lang, pack, ctx);
        if after.iter().any(|r| !before.contains(r)) {
            drop.push(line);
        }
    }
    spans.retain(|s| !drop.contains(&s.line));
}

/// The rules, and per-line shape detectors, that claim `line` as a
/// document of its own.
fn line_claimers(line: &str, lang: Lang, pack: &Pack, ctx: &Context) -> Vec<u32> {
    if line.is_empty() {
        return Vec::new();
    }
    let doc = Document::with_splits(line.to_string(), &[], lang);
    let at = At::on(&doc, pack, ctx);
    let mut out = Vec::new();
    // Pattern kinds that would claim the line (tails: their marker).
    for (i, ri) in pack.matcher.hits(&doc) {
        let rule = &pack.rules[ri as usize];
        if !rule.applies_to_site(ctx.site) || matches!(rule.kind, Kind::Span(_)) {
            continue;
        }
        let mut work = Work::new(doc.lines.len());
        rule.kind.behaviour().on_match(&at(ri, rule), i, &mut work);
        if !work.claims.is_empty() || !work.marks.is_empty() {
            out.push(ri);
        }
    }
    // Per-line shape detectors.
    for (ri, rule) in active(pack, lang, ctx) {
        if matches!(rule.kind, Kind::TagCloud(_) | Kind::VocabLine(_)) {
            let mut work = Work::new(doc.lines.len());
            rule.kind.behaviour().claim(&at(ri, rule), &mut work);
            if (0..doc.lines.len()).any(|l| work.owners.is_owned(l)) {
                out.push(ri);
            }
        }
    }
    out
}
