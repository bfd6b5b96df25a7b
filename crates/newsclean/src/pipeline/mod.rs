//! The per-document function: decoded text in, `Outcome` out. Pure, no I/O,
//! so it is easy to test and to call from any front end.
//!
//! Stages, in order: normalize → cut glued words → segment (`Document`) →
//! rules claim lines and spans → tails (guarded) → repeated lines → title →
//! detectors → resolve → tidy. See `rules::kinds` for precedence.

pub mod document;
pub mod rebuild;
pub mod resolve;
pub mod tidy;

use crate::corpus_pass::CorpusStats;
use crate::pipeline::document::Document;
use crate::pipeline::resolve::{LineClaim, Owners, Removal, SpanClaim};
use crate::pipeline::tidy::tidy;
use crate::rules::kinds::ends_sentence;
use crate::rules::kinds::span::Span;
use crate::rules::kinds::tail::Tail;
use crate::rules::{Kind, Pack, Rule, TIDY};
use crate::text::lang::{self, Lang};
use crate::text::normalize::{normalize, Changes};
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

/// What the pipeline may know about a document besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// Lower-cased URL, domain or path: selects site-scoped rules.
    pub site: Option<&'a str>,
    /// The corpus-wide first pass, when it ran.
    pub corpus: Option<&'a CorpusStats>,
}

/// A cleaned document: the kept text, metadata, and every removal.
#[derive(Debug, Clone)]
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
fn active<'x>(
    pack: &'x Pack,
    lang: Lang,
    ctx: &Context<'x>,
) -> impl Iterator<Item = (u32, &'x Rule)> + 'x {
    let site = ctx.site;
    pack.rules
        .iter()
        .enumerate()
        .filter(move |(_, r)| r.applies_to(lang) && r.applies_to_site(site))
        .map(|(i, r)| (i as u32, r))
}

/// Run every stage after normalization, with the language the kept text
/// confirms (see `text::lang`): the script count of the whole text first;
/// when the kept text reads as the other language, that language, if its own
/// kept text confirms it; when neither does, only language-neutral rules.
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
    clean_as(norm, pack, ctx, changes, Lang::Und)
}

/// Run every stage after normalization with the rules of `lang`.
fn clean_as(norm: String, pack: &Pack, ctx: &Context, changes: Changes, lang: Lang) -> Cleaned {
    let mut cuts = Vec::new();
    let mut cut_rule = None;
    for (ri, rule) in active(pack, lang, ctx) {
        if let Kind::Glued(g) = &rule.kind {
            g.points(&rule.patterns, &norm, &mut cuts);
            cut_rule.get_or_insert(ri);
        }
    }
    let doc = Document::with_splits(norm, &cuts, lang);
    let n = doc.lines.len();
    let mut claims = Vec::new();
    let mut tails = Vec::new();
    let mut span_hits = Vec::new();
    for (line, ri) in pack.matcher.hits(&doc) {
        let rule = &pack.rules[ri as usize];
        if !rule.applies_to_site(ctx.site) {
            continue;
        }
        let chars = doc.lines[line].chars;
        let claim = |lines, value| LineClaim::new(ri, lines, rule.kind.rank(), value);
        match &rule.kind {
            Kind::Line(k) if k.accepts(doc.line(line), chars) => {
                claims.push(claim(line..line + 1, None))
            }
            Kind::Block(k) => claims.extend(k.claim(&doc, line).map(|r| claim(r, None))),
            Kind::Extract(k) if chars <= k.max_chars => {
                if let Some(v) = extract_value(&doc, line, rule) {
                    claims.push(claim(line..line + 1, Some(v)));
                }
            }
            Kind::Tail(k) if k.accepts(doc.line(line), chars) => tails.push((line, ri, k)),
            Kind::Span(_) => span_hits.push((line, ri)),
            _ => {}
        }
    }
    claims.extend(repeated_lines(&doc, pack, ctx));
    guard_tails(&doc, pack, tails, &mut claims);

    let mut owners = Owners::new(n);
    owners.add_all(claims);
    let title = find_title(&doc, pack, ctx, &mut owners);
    detect(&doc, pack, ctx, &mut owners, DetectPhase::Shape);
    detect(&doc, pack, ctx, &mut owners, DetectPhase::Glued);
    detect(&doc, pack, ctx, &mut owners, DetectPhase::Trailing);

    let mut spans = Vec::new();
    for (line, ri) in span_hits {
        if owners.is_owned(line) {
            continue;
        }
        let mut ranges = Vec::new();
        for re in &pack.rules[ri as usize].patterns {
            Span::ranges(re, doc.folded_line(line), &mut ranges);
        }
        spans.extend(ranges.into_iter().map(|r| SpanClaim {
            rule: ri,
            line,
            bytes: doc.unfold_span(line, r),
        }));
    }
    drop_spans_that_make_claims(&doc, pack, ctx, &mut spans);

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
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(doc.text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |b: usize| line_starts.partition_point(|&s| s <= b).saturating_sub(1);
    removals.extend(tidy_dels.into_iter().map(|bytes| Removal {
        rule: TIDY,
        lines: line_of(bytes.start)..line_of(bytes.end - 1) + 1,
        bytes,
        whole_lines: false,
        count: None,
    }));
    removals.sort_by_key(|r| (r.bytes.start, r.bytes.end));
    // Each cut is audited as an empty removal at the cut point, unless one
    // removal (a rule's or tidy's) swallowed both sides of it: an empty
    // removal inside another would put the audit out of byte order.
    if let Some(ri) = cut_rule {
        let inside = |p: usize| {
            let k = removals.partition_point(|r| r.bytes.start < p);
            k > 0 && removals[k - 1].bytes.end > p
        };
        let marks: Vec<Removal> = cuts
            .iter()
            .filter(|&&p| !inside(p))
            .map(|&p| Removal {
                rule: ri,
                lines: line_of(p)..line_of(p) + 1,
                bytes: p..p,
                whole_lines: false,
                count: None,
            })
            .collect();
        removals.extend(marks);
        removals.sort_by_key(|r| (r.bytes.start, r.bytes.end));
    }

    Cleaned {
        lang: doc.lang,
        normalized: doc.text,
        text,
        title,
        fields,
        removals,
        changes,
    }
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
    let mut out = Vec::new();
    for (i, ri) in pack.matcher.hits(&doc) {
        let rule = &pack.rules[ri as usize];
        if !rule.applies_to_site(ctx.site) {
            continue;
        }
        let chars = doc.lines[i].chars;
        let claims = match &rule.kind {
            Kind::Line(k) => k.accepts(doc.line(i), chars),
            Kind::Block(k) => k.claim(&doc, i).is_some(),
            Kind::Extract(k) => chars <= k.max_chars && extract_value(&doc, i, rule).is_some(),
            Kind::Tail(k) => k.accepts(doc.line(i), chars),
            _ => false,
        };
        if claims {
            out.push(ri);
        }
    }
    for (ri, rule) in active(pack, lang, ctx) {
        let shape = |f: &dyn Fn(&str) -> bool| (0..doc.lines.len()).any(|i| f(doc.folded_line(i)));
        let claims = match &rule.kind {
            Kind::TagCloud(k) => shape(&|l| k.detect(l)),
            Kind::VocabLine(k) => shape(&|l| k.detect(l)),
            _ => false,
        };
        if claims {
            out.push(ri);
        }
    }
    out
}

/// Tails claim only past `min_position` of the text that no other rule
/// claims, and only when at most `max_body_paragraphs` body-looking
/// paragraphs follow the marker (counted whoever claims them: a teaser lead
/// another rule already took still counts as the one paragraph allowed).
fn guard_tails(
    doc: &Document,
    pack: &Pack,
    tails: Vec<(usize, u32, &Tail)>,
    claims: &mut Vec<LineClaim>,
) {
    if tails.is_empty() {
        return;
    }
    let n = doc.lines.len();
    // Lines other rules claim, and (of those) lines claimed by something
    // else than a block: a teaser lead a block took still reads as a body
    // paragraph below; a slogan or a source line does not.
    let mut claimed = vec![false; n];
    let mut not_text = vec![false; n];
    for c in claims.iter() {
        claimed[c.lines.clone()].iter_mut().for_each(|x| *x = true);
        if !matches!(pack.rules[c.rule as usize].kind, Kind::Block(_)) {
            not_text[c.lines.clone()].iter_mut().for_each(|x| *x = true);
        }
    }
    let mut before = vec![0usize; n + 1];
    for i in 0..n {
        let weight = if claimed[i] {
            0
        } else {
            doc.line(i).chars().filter(|c| !c.is_whitespace()).count()
        };
        before[i + 1] = before[i] + weight;
    }
    let total = before[n].max(1) as f64;
    // Body-looking paragraphs after each line (see `not_text`). A paragraph
    // is a run of non-blank lines when the document separates paragraphs
    // with blank lines, else a single line.
    let blanks = (0..n).filter(|&i| doc.is_blank(i)).count();
    let blank_style = 3 * blanks >= n - blanks;
    let mut body_after = vec![0usize; n + 1];
    let mut in_body = false;
    for i in (0..n).rev() {
        body_after[i] = body_after[i + 1];
        if doc.is_blank(i) || !blank_style {
            in_body = false;
        }
        let text = !doc.is_blank(i) && !not_text[i];
        if text && !in_body && doc.lines[i].chars >= 60 && ends_sentence(doc.line(i)) {
            body_after[i] += 1;
            in_body = true;
        }
    }
    for (line, ri, k) in tails {
        let room = k
            .max_body_paragraphs
            .is_none_or(|m| body_after[line + 1] <= m);
        if room && before[line] as f64 / total >= k.min_position {
            let rank = pack.rules[ri as usize].kind.rank();
            claims.push(LineClaim::new(ri, line..n, rank, None));
        }
    }
}

/// The `value` group of the first of the rule's patterns that captures on the line.
fn extract_value(doc: &Document, line: usize, rule: &Rule) -> Option<String> {
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
fn find_title(doc: &Document, pack: &Pack, ctx: &Context, owners: &mut Owners) -> Option<String> {
    let (ri, t) = active(pack, doc.lang, ctx).find_map(|(i, r)| match &r.kind {
        Kind::Title(t) => Some((i, t)),
        _ => None,
    })?;
    let kept = |i: &usize| !doc.is_blank(*i) && !owners.is_owned(*i);
    let first = (0..doc.lines.len()).find(kept)?;
    // A title cut at glued words (a brand like "WorldCom") is still one line:
    // all its pieces must be kept, and it is judged and claimed whole.
    let phys = doc.lines[first].phys;
    let end = (first..doc.lines.len())
        .find(|&i| doc.lines[i].phys != phys)
        .unwrap_or(doc.lines.len());
    if first > 0 && doc.lines[first - 1].phys == phys {
        return None; // the line's first piece is removed: not a title
    }
    if !(first..end).all(|i| kept(&i)) {
        return None;
    }
    let next = (end..doc.lines.len()).find(kept)?;
    let line = |p: usize| doc.phys_line(p);
    let title = line(phys);
    // The body test reads the whole physical line, even when it was cut.
    let next_phys = doc.lines[next].phys;
    if !t.accepts(title, line(next_phys)) {
        return None;
    }
    // When the next line would be a title as well (a headline-shaped lede
    // before a body paragraph), which of the two is the headline is a
    // guess: taking the first would make the second the title of the
    // cleaned text, so cleaning it again would remove it too. Take neither.
    let after = (next..doc.lines.len()).find(|&i| doc.lines[i].phys != next_phys && kept(&i));
    if after.is_some_and(|a| t.accepts(line(next_phys), line(doc.lines[a].phys))) {
        return None;
    }
    owners.add(LineClaim::new(ri, first..end, 0, None));
    Some(title.trim().to_string())
}

/// Corpus-wide repeated lines, claimed with the rules (before tails and the
/// title, so a repeated site line at the top is never taken for a headline).
fn repeated_lines(doc: &Document, pack: &Pack, ctx: &Context) -> Vec<LineClaim> {
    let Some(corpus) = ctx.corpus.filter(|c| c.enabled) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (ri, rule) in active(pack, doc.lang, ctx) {
        if !matches!(rule.kind, Kind::Repeated(_)) {
            continue;
        }
        for i in 0..doc.lines.len() {
            if doc.is_blank(i) || doc.lines[i].cut {
                continue;
            }
            if let Some(count) = corpus.count(doc.folded_line(i)) {
                out.push(LineClaim {
                    count: Some(count),
                    ..LineClaim::new(ri, i..i + 1, rule.kind.rank(), None)
                });
            }
        }
    }
    out
}

#[derive(PartialEq)]
enum DetectPhase {
    /// Shape detectors, after rules and title.
    Shape,
    /// Glued headline pieces, once everything else has claimed its lines.
    Glued,
    /// Short leftovers after the article, last of all.
    Trailing,
}

/// Detectors claim only non-blank lines that nothing owns yet.
fn detect(doc: &Document, pack: &Pack, ctx: &Context, owners: &mut Owners, phase: DetectPhase) {
    let free = |o: &Owners, i: usize| !doc.is_blank(i) && !o.is_owned(i);
    for (ri, rule) in active(pack, doc.lang, ctx) {
        let rank = rule.kind.rank();
        let one = |i: usize, count| LineClaim {
            count,
            ..LineClaim::new(ri, i..i + 1, rank, None)
        };
        match (&rule.kind, &phase) {
            (Kind::TagCloud(k), DetectPhase::Shape) => {
                for i in 0..doc.lines.len() {
                    if free(owners, i) && !doc.lines[i].cut && k.detect(doc.folded_line(i)) {
                        owners.add(one(i, None));
                    }
                }
            }
            (Kind::VocabLine(k), DetectPhase::Shape) => {
                for i in 0..doc.lines.len() {
                    if free(owners, i) && !doc.lines[i].cut && k.detect(doc.folded_line(i)) {
                        owners.add(one(i, None));
                    }
                }
            }
            (Kind::HeadlineList(k), DetectPhase::Shape) => {
                for r in k.claims(doc, |i| owners.is_owned(i)) {
                    owners.add(LineClaim::new(ri, r, rank, None));
                }
            }
            (Kind::Trailing(k), DetectPhase::Trailing) => {
                for i in k.claims(doc, |i| owners.is_owned(i)) {
                    owners.add(one(i, None));
                }
            }
            (Kind::Glued(k), DetectPhase::Glued) => {
                for i in k.headline_pieces(doc, |i| owners.is_owned(i)) {
                    owners.add(one(i, None));
                }
            }
            _ => {}
        }
    }
}
