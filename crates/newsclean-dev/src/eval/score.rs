//! The scorer: clean every dev-set document and compare with the gold spans.
//!
//! Spans partition the raw text and normalization is character-local, so each
//! span's normalized text, concatenated, must equal `Cleaned::normalized`
//! (checked; a mismatch is an error, never a silent misalignment). A gold
//! character counts as *removed* when a non-tidy removal covers it. Only
//! non-whitespace characters are counted.

use super::{DevDoc, EvalError, Label};
use newsclean::pipeline::{clean_text_in, Cleaned, Context, Outcome};
use newsclean::rules::{Pack, RuleRef};
use newsclean::text::normalize::{normalize, NormalizeConfig};
use std::collections::BTreeMap;
use std::ops::Range;

/// Issue 3 targets.
pub const TARGET_RETENTION: f64 = 0.995;
pub const TARGET_LEAKAGE: f64 = 0.02;
/// A body span with fewer non-whitespace characters is a short body line.
pub const SHORT_BODY: u64 = 80;

/// Non-whitespace characters of some gold spans, and how many survived.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub chars: u64,
    pub kept: u64,
    pub spans: u64,
}

impl Tally {
    fn add(&mut self, chars: u64, kept: u64) {
        self.chars += chars;
        self.kept += kept;
        self.spans += 1;
    }
    /// kept / chars (1.0 when there is nothing to count).
    pub fn kept_share(&self) -> f64 {
        if self.chars == 0 {
            1.0
        } else {
            self.kept as f64 / self.chars as f64
        }
    }
}

/// A document that lost body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    pub id: String,
    pub chars: u64,
    /// Rule id → body characters it removed.
    pub rules: BTreeMap<String, u64>,
    /// The first removed body text.
    pub snippet: String,
}

/// A boilerplate span that survived (wholly or partly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub id: String,
    pub category: String,
    pub kept: u64,
    pub chars: u64,
    pub snippet: String,
}

/// Everything `newsclean eval` prints.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub docs: BTreeMap<String, u64>,
    pub body: Tally,
    /// Short body lines (spans under `SHORT_BODY` characters: subheadings,
    /// list items), counted per span: kept only when kept whole.
    pub short_body: Tally,
    pub boilerplate: Tally,
    pub body_by_lang: BTreeMap<String, Tally>,
    pub boilerplate_by_lang: BTreeMap<String, Tally>,
    pub categories: BTreeMap<String, Tally>,
    pub titles: u64,
    pub titles_exact: u64,
    /// Documents without a gold title that got `metadata.title`.
    pub spurious_titles: Vec<String>,
    /// Documents without boilerplate, and those whose body came out changed.
    pub clean_docs: u64,
    pub clean_changed: Vec<String>,
    pub losses: Vec<Loss>,
    pub leaks: Vec<Leak>,
}

impl Report {
    pub fn retention(&self) -> f64 {
        self.body.kept_share()
    }
    pub fn leakage(&self) -> f64 {
        self.boilerplate.kept_share()
    }
    /// The targets that do not hold, as sentences (empty: all hold).
    pub fn target_failures(&self) -> Vec<String> {
        let mut f = Vec::new();
        if self.retention() < TARGET_RETENTION {
            f.push(format!(
                "body retention {:.4} < {TARGET_RETENTION}",
                self.retention()
            ));
        }
        if self.leakage() > TARGET_LEAKAGE {
            f.push(format!(
                "boilerplate leakage {:.4} > {TARGET_LEAKAGE}",
                self.leakage()
            ));
        }
        if !self.clean_changed.is_empty() {
            f.push(format!(
                "{} documents without boilerplate changed",
                self.clean_changed.len()
            ));
        }
        f
    }
}

/// Clean `docs` as one dump would be: the corpus-wide first pass
/// (repeated lines, duplicates, templates) runs over all of them first, and
/// each document's id stands for its path (for site-scoped rules). Each
/// document, its context and its outcome go to `f`, in order. Shared by the
/// scorer and the trainer, so both see what a run does.
pub fn clean_as_dump(
    docs: &[DevDoc],
    pack: &Pack,
    mut f: impl FnMut(&DevDoc, &Context, Outcome) -> Result<(), EvalError>,
) -> Result<(), EvalError> {
    let corpus =
        newsclean::corpus_pass::stats_for(docs.iter().map(|d| d.text.as_str()), pack, 1 << 22);
    for doc in docs {
        doc.validate()?;
        let site = doc.id.to_lowercase();
        let ctx = Context::new(Some(&site), corpus.as_ref());
        f(doc, &ctx, clean_text_in(&doc.text, pack, &ctx))?;
    }
    Ok(())
}

/// Clean every document with `pack` (`clean_as_dump`) and score it.
pub fn evaluate(docs: &[DevDoc], pack: &Pack) -> Result<Report, EvalError> {
    let mut report = Report::default();
    clean_as_dump(docs, pack, |doc, _, outcome| {
        let cleaned = match outcome {
            Outcome::Kept(c) => c,
            Outcome::Rejected {
                cleaned: Some(c), ..
            } => *c,
            Outcome::Rejected { reason, detail, .. } => {
                return Err(EvalError::Rejected {
                    id: doc.id.clone(),
                    reason: format!("{} ({detail})", reason.as_str()),
                })
            }
        };
        score_doc(
            doc,
            &cleaned,
            &pack.normalize,
            &|r| pack.id(r).to_string(),
            &mut report,
        )
    })?;
    Ok(report)
}

fn snippet(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.char_indices().nth(90) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Score one cleaned document into `report`. `name` gives a rule's id.
pub fn score_doc(
    doc: &DevDoc,
    c: &Cleaned,
    cfg: &NormalizeConfig,
    name: &dyn Fn(RuleRef) -> String,
    report: &mut Report,
) -> Result<(), EvalError> {
    let ranges = map_spans(doc, c, cfg)?;
    let removals: Vec<_> = c.removals.iter().filter(|r| !r.rule.is_tidy()).collect();
    let owner = |b: usize| {
        let i = removals.partition_point(|r| r.bytes.start <= b);
        (i > 0 && removals[i - 1].bytes.end > b).then(|| i - 1)
    };
    *report.docs.entry(doc.lang.clone()).or_default() += 1;
    let (mut lost, mut rules, mut first_lost) = (0u64, BTreeMap::new(), None);
    let (mut gold_title, mut expected) = (None, String::new());
    for (s, r) in doc.spans.iter().zip(&ranges) {
        let text = &c.normalized[r.clone()];
        let (mut chars, mut kept) = (0u64, 0u64);
        for (i, _) in text.char_indices().filter(|(_, ch)| !ch.is_whitespace()) {
            chars += 1;
            match owner(r.start + i) {
                None => kept += 1,
                Some(ri) if s.label == Label::Body => {
                    lost += 1;
                    *rules.entry(name(removals[ri].rule)).or_insert(0u64) += 1;
                    let rb = &removals[ri].bytes;
                    first_lost.get_or_insert_with(|| {
                        c.normalized[rb.start.max(r.start)..rb.end.min(r.end)].to_string()
                    });
                }
                Some(_) => {}
            }
        }
        match s.label {
            Label::Body => {
                report.body.add(chars, kept);
                if chars > 0 && chars < SHORT_BODY {
                    report.short_body.add(1, u64::from(kept == chars));
                }
                report
                    .body_by_lang
                    .entry(doc.lang.clone())
                    .or_default()
                    .add(chars, kept);
                expected.push_str(text);
            }
            Label::Boilerplate => {
                let cat = s.category.clone().unwrap_or_default();
                report.boilerplate.add(chars, kept);
                report
                    .boilerplate_by_lang
                    .entry(doc.lang.clone())
                    .or_default()
                    .add(chars, kept);
                report
                    .categories
                    .entry(cat.clone())
                    .or_default()
                    .add(chars, kept);
                if kept > 0 {
                    let (id, snippet) = (doc.id.clone(), snippet(text));
                    report.leaks.push(Leak {
                        id,
                        category: cat,
                        kept,
                        chars,
                        snippet,
                    });
                }
            }
            Label::Title => {
                report.titles += 1;
                let exact = kept == 0 && c.title.as_deref().map(str::trim) == Some(text.trim());
                report.titles_exact += u64::from(exact);
                gold_title = Some(text.trim().to_string());
            }
            Label::Sep => expected.push_str(text),
        }
    }
    if gold_title.is_none() && c.title.is_some() {
        report.spurious_titles.push(doc.id.clone());
    }
    if lost > 0 {
        let snippet = snippet(first_lost.as_deref().unwrap_or(""));
        report.losses.push(Loss {
            id: doc.id.clone(),
            chars: lost,
            rules,
            snippet,
        });
    }
    if !doc.has_boilerplate() {
        report.clean_docs += 1;
        let lines = |s: &str| -> Vec<String> {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        };
        let mut actual = lines(&c.text);
        if gold_title.is_some() && actual.first() == gold_title.as_ref() {
            actual.remove(0);
        }
        if lost > 0 || actual != lines(&expected) {
            report.clean_changed.push(doc.id.clone());
        }
    }
    Ok(())
}

/// Each gold span's byte range in the normalized text.
pub fn map_spans(
    doc: &DevDoc,
    c: &Cleaned,
    cfg: &NormalizeConfig,
) -> Result<Vec<Range<usize>>, EvalError> {
    let mut at = 0;
    let mut out = Vec::with_capacity(doc.spans.len());
    for s in &doc.spans {
        let norm = normalize(doc.span_text(s), cfg).0;
        let end = at + norm.len();
        if c.normalized.get(at..end) != Some(norm.as_str()) {
            return Err(EvalError::Mapping {
                id: doc.id.clone(),
                message: format!(
                    "span {}..{} ({:?}) differs at normalized byte {at}",
                    s.start, s.end, s.label
                ),
            });
        }
        out.push(at..end);
        at = end;
    }
    if at != c.normalized.len() {
        return Err(EvalError::Mapping {
            id: doc.id.clone(),
            message: format!(
                "spans end at {at}, normalized text at {}",
                c.normalized.len()
            ),
        });
    }
    Ok(out)
}
