//! What kinds see and fill in while claiming lines of one document: the rule
//! at work (`At`) and the claims so far (`Work`). See `rules::kinds::Behaviour`.

use crate::pipeline::document::Document;
use crate::pipeline::resolve::{LineClaim, Owners, SpanClaim};
use crate::pipeline::Context;
use crate::rules::{Pack, Rule};
use std::collections::HashMap;
use std::ops::Range;

/// One rule at work on one document.
pub struct At<'a> {
    pub doc: &'a Document,
    pub pack: &'a Pack,
    pub ctx: &'a Context<'a>,
    /// The rule's index in the pack.
    pub index: u32,
    pub rule: &'a Rule,
}

impl<'a> At<'a> {
    /// The rules at work on `doc`: rule index and rule → `At`.
    pub fn on(
        doc: &'a Document,
        pack: &'a Pack,
        ctx: &'a Context<'a>,
    ) -> impl Fn(u32, &'a Rule) -> At<'a> {
        move |index, rule| At {
            doc,
            pack,
            ctx,
            index,
            rule,
        }
    }

    /// A claim of this rule on `lines`, ranked by its kind.
    pub fn claim(&self, lines: Range<usize>, value: Option<String>) -> LineClaim {
        LineClaim::new(self.index, lines, self.rule.kind.rank(), value)
    }
}

/// The claims made on one document so far.
pub struct Work {
    /// Line claims made before resolution (phases `Match`, `Repeated`,
    /// `Tail`); `resolve` hands them to `owners` together.
    pub claims: Vec<LineClaim>,
    /// Lines a pattern matched that a kind claims in a later phase (tail
    /// markers, spans): (line, rule index), in match order.
    pub marks: Vec<(usize, u32)>,
    /// Who owns each line: filled by `resolve`, then by the later phases.
    pub owners: Owners,
    /// `metadata.title`, when the title rule took the first line.
    pub title: Option<String>,
    /// Span claims (phase `Span`), applied when removals are built.
    pub spans: Vec<SpanClaim>,
    /// Notes for the audit (the model's score and top features), by the
    /// byte offset where the claimed segment starts.
    pub notes: Vec<(usize, String)>,
    /// Per-line verdicts of detectors that judge a line by its own text, by
    /// rule index (`verdict`).
    verdicts: HashMap<u32, Vec<Option<bool>>>,
}

impl Work {
    pub fn new(lines: usize) -> Work {
        Work {
            claims: Vec::new(),
            marks: Vec::new(),
            owners: Owners::new(lines),
            title: None,
            spans: Vec::new(),
            notes: Vec::new(),
            verdicts: HashMap::new(),
        }
    }

    /// Rule `index`'s verdict on line `line` of a document of `lines`
    /// lines, judged once: a detector that judges a line by its own text
    /// alone is asked again in every settling round, and its answer cannot
    /// change.
    pub fn verdict(
        &mut self,
        index: u32,
        line: usize,
        lines: usize,
        judge: impl FnOnce() -> bool,
    ) -> bool {
        let memo = self
            .verdicts
            .entry(index)
            .or_insert_with(|| vec![None; lines]);
        *memo[line].get_or_insert_with(judge)
    }

    /// Lines noted in `marks` for rule `index`.
    pub fn marks_of(&self, index: u32) -> impl Iterator<Item = usize> + '_ {
        self.marks
            .iter()
            .filter(move |(_, ri)| *ri == index)
            .map(|(line, _)| *line)
    }

    /// Resolve the claims made so far: each line goes to one owner.
    pub fn resolve(&mut self) {
        let claims = std::mem::take(&mut self.claims);
        self.owners.add_all(claims);
    }
}
