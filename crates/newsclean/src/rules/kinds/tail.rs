//! `tail`: remove everything from a marker line to the end of the document.
//!
//! For footers that open a run of boilerplate down to the end ("من نفس القسم",
//! a standalone "إقرأ أيضاً:" followed by another article's teaser). A guard
//! keeps a cut out of the first part of the document: the marker must come
//! after `min_position` (a fraction, default 0.5) of the document's text.
//! The position is measured on non-whitespace characters of the lines that
//! no other rule removes, so it does not move when the cleaned text is
//! cleaned again (idempotence), and a marker quoted early in the body never
//! erases the article. `max_body_paragraphs` keeps a cut from taking
//! article text that goes on after a marker placed late in the body.
//!
//! ```toml
//! [[rule]]
//! id = "ar.section_footer.tail"
//! kind = "tail"
//! lang = "ar"
//! description = "A section footer and everything after it."
//! # no \b (refused, see rules/README.md): the boundary is written out
//! patterns = ['^\s*من نفس القسم(\s|$|[:\-–|])']
//! min_position = 0.5
//! examples.remove = ["وفي ضوء هذه التطورات، يرتقب أن تعزز العلاقات الثنائية بين البلدين في مختلف المجالات العسكرية والاقتصادية.\n\n⟦من نفس القسم - عدالة وأمن\nالوداد يتأهل إلى النهائي⟧"]
//! examples.keep = ["من نفس القسم خرج ثلاثة وزراء خلال السنوات الماضية، بحسب ما أوردته الصحيفة في تقريرها المطول عن الحكومة."]
//! ```

use super::{ends_sentence, Behaviour, Kind};
use crate::pipeline::document::Document;
use crate::pipeline::work::{At, Work};
use serde::Deserialize;

/// Claims: from a matching marker line to the end of the document, guarded.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tail {
    /// The marker must start after this fraction of the document's text.
    #[serde(default = "default_position")]
    pub min_position: f64,
    /// Longest marker line (characters).
    #[serde(default = "default_marker")]
    pub max_marker_chars: usize,
    /// When false, a marker line that ends a sentence never starts a cut
    /// (footer labels are not sentences; body lines that open alike are).
    #[serde(default = "yes")]
    pub sentences: bool,
    /// Most body-looking paragraphs (a line ending a sentence, at least 60
    /// characters) that may follow the marker; `None`: no limit. A footer is followed by links,
    /// not by article text: a marker with the article going on below it is
    /// not a footer.
    #[serde(default)]
    pub max_body_paragraphs: Option<usize>,
}

fn yes() -> bool {
    true
}

fn default_position() -> f64 {
    0.5
}
fn default_marker() -> usize {
    120
}

impl Tail {
    /// Whether a matching line may start a cut (before the position guard).
    pub fn accepts(&self, line: &str, chars: usize) -> bool {
        chars <= self.max_marker_chars && (self.sentences || !ends_sentence(line))
    }

    pub fn validated(self) -> Result<Tail, String> {
        if (0.0..=1.0).contains(&self.min_position) {
            Ok(self)
        } else {
            Err(format!(
                "min_position must be between 0 and 1, got {}",
                self.min_position
            ))
        }
    }
}

impl Behaviour for Tail {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize::<Tail>(params)?.validated()
    }

    /// Kept for phase `Tail`, which needs every other rule's claims.
    fn on_match(&self, at: &At, line: usize, work: &mut Work) {
        if self.accepts(at.doc.line(line), at.doc.lines[line].chars) {
            work.marks.push((line, at.index));
        }
    }

    /// The guard: a marker claims to the end only past `min_position` of the
    /// text that no other rule claims, and only when at most
    /// `max_body_paragraphs` body-looking paragraphs follow it (counted
    /// whoever claims them: a teaser lead another rule already took still
    /// counts as the one paragraph allowed).
    fn claim(&self, at: &At, work: &mut Work) {
        let markers: Vec<usize> = work.marks_of(at.index).collect();
        if markers.is_empty() {
            return;
        }
        let n = at.doc.lines.len();
        // Lines other rules claim, and (of those) lines claimed by something
        // else than a block: a teaser lead a block took still reads as a body
        // paragraph below; a slogan or a source line does not. Tails do not
        // count: each is guarded against the claims made before this phase.
        let mut claimed = vec![false; n];
        let mut not_text = vec![false; n];
        for c in work.claims.iter() {
            let kind = &at.pack.rules[c.rule as usize].kind;
            if matches!(kind, Kind::Tail(_)) {
                continue;
            }
            claimed[c.lines.clone()].iter_mut().for_each(|x| *x = true);
            if !matches!(kind, Kind::Block(_)) {
                not_text[c.lines.clone()].iter_mut().for_each(|x| *x = true);
            }
        }
        let guard = Guard::new(at.doc, |_| false, |i| claimed[i], |i| not_text[i]);
        for line in markers {
            if self.passes(&guard, line) {
                work.claims.push(at.claim(line..n, None));
            }
        }
    }

    /// Settling: judge a marker again with every owned line absent, as a
    /// second clean of the output sees the document (the lines after the
    /// marker that later phases removed no longer count as body).
    fn resettle(&self, at: &At, line: usize, work: &mut Work) {
        let owners = &work.owners;
        if owners.is_owned(line) || !self.accepts(at.doc.line(line), at.doc.lines[line].chars) {
            return;
        }
        let owned = |i| owners.is_owned(i);
        let guard = Guard::new(at.doc, owned, owned, owned);
        if self.passes(&guard, line) {
            work.owners.add(at.claim(line..at.doc.lines.len(), None));
        }
    }
}

impl Tail {
    fn passes(&self, guard: &Guard, line: usize) -> bool {
        let room = self
            .max_body_paragraphs
            .is_none_or(|m| guard.body_after[line + 1] <= m);
        room && guard.before[line] as f64 / guard.total >= self.min_position
    }
}

/// What the guard measures around every line: the text before it and the
/// body-looking paragraphs after it.
struct Guard {
    /// Non-whitespace characters of the unclaimed lines before each line.
    before: Vec<usize>,
    /// All of them (at least 1).
    total: f64,
    /// Body-looking paragraphs from each line on (see `Tail::claim`).
    body_after: Vec<usize>,
}

impl Guard {
    /// `absent` lines are not there at all (a second clean would not see
    /// them: they neither part nor join paragraphs); `claimed` lines weigh
    /// nothing; `not_text` lines are no body paragraph.
    fn new(
        doc: &Document,
        absent: impl Fn(usize) -> bool,
        claimed: impl Fn(usize) -> bool,
        not_text: impl Fn(usize) -> bool,
    ) -> Guard {
        let n = doc.lines.len();
        let mut before = vec![0usize; n + 1];
        for i in 0..n {
            let weight = if claimed(i) {
                0
            } else {
                doc.line(i).chars().filter(|c| !c.is_whitespace()).count()
            };
            before[i + 1] = before[i] + weight;
        }
        let total = before[n].max(1) as f64;
        // A paragraph is a run of non-blank lines when the document
        // separates paragraphs with blank lines, else a single line.
        let present = (0..n).filter(|&i| !absent(i)).count();
        let blanks = (0..n).filter(|&i| !absent(i) && doc.is_blank(i)).count();
        let blank_style = 3 * blanks >= present - blanks;
        let mut body_after = vec![0usize; n + 1];
        let mut in_body = false;
        for i in (0..n).rev() {
            body_after[i] = body_after[i + 1];
            if absent(i) {
                continue;
            }
            if doc.is_blank(i) || !blank_style {
                in_body = false;
            }
            let text = !doc.is_blank(i) && !not_text(i);
            if text && !in_body && doc.lines[i].chars >= 60 && ends_sentence(doc.line(i)) {
                body_after[i] += 1;
                in_body = true;
            }
        }
        Guard {
            before,
            total,
            body_after,
        }
    }
}
