//! The learned segment model (issue 10): features of the segments no rule
//! claimed (`features`), the additive fixed-point model over them (`table`),
//! and its deterministic fitting (`train`). The `model` rule kind
//! (`rules::kinds::model`) runs it in the pipeline.

pub mod features;
pub mod segment;
pub mod spec;
pub mod table;
pub mod train;

pub use table::SegmentModel;

use crate::corpus_pass::CorpusStats;
use crate::pipeline::document::Document;
use crate::pipeline::{Cleaned, Context};
use crate::rules::kinds::article::{body_line, vouches};
use crate::rules::kinds::glued;
use crate::rules::Pack;

/// Rounds of scoring on what is left, at most.
const MAX_ROUNDS: usize = 8;

/// Run the model on `doc` whose segments `kept` no rule owns (`around`:
/// the lines rules removed and the dump's counts, see `features::Around`):
/// score the kept segments, claim those at or above `threshold`, and score
/// again what is left until nothing more is claimed (so a second clean of the output, which sees
/// exactly the kept segments and no ruled line, claims nothing). Never
/// claims every kept segment, nor a `protected` one. Returns the claimed
/// segments with their features.
pub fn run(
    model: &SegmentModel,
    doc: &Document,
    mut kept: Vec<usize>,
    around: features::Around,
    threshold: i32,
) -> Vec<(usize, features::Bins)> {
    let protected = {
        let mut free = vec![false; doc.lines.len()];
        for &i in &kept {
            free[i] = true;
        }
        vouched_blocks(doc, &|i: usize| free[i])
    };
    let protected = |i: usize| protected[i];
    let scorer = model.scorer();
    // What the features read of each segment alone, once: a round only
    // changes which segments are kept around the others.
    let all: Vec<segment::Facts> = kept.iter().map(|&i| segment::facts(doc, i)).collect();
    let mut facts: Vec<&segment::Facts> = all.iter().collect();
    let mut claimed = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let bins = features::compute_with(&kept, &facts, around);
        let hit: Vec<bool> = bins
            .iter()
            .zip(&kept)
            .map(|(b, &i)| scorer.score(b) >= threshold && !protected(i))
            .collect();
        let hits = hit.iter().filter(|&&h| h).count();
        if hits == 0 || hits == kept.len() {
            break;
        }
        let (mut left, mut left_facts) = (Vec::new(), Vec::new());
        for (((i, f), b), h) in kept.into_iter().zip(facts).zip(bins).zip(hit) {
            if h {
                claimed.push((i, b));
            } else {
                left.push(i);
                left_facts.push(f);
            }
        }
        (kept, facts) = (left, left_facts);
    }
    claimed
}

/// Lines the model never claims: the blocks of short lines (two or more
/// free lines that are not body paragraphs, blank and owned lines between
/// them allowed) that the article vouches for (`article::vouches`: a
/// ranking, a timeline, verse after "في قصيدته:", a list whose words the
/// body uses). Shape alone cannot tell such a block from a widget; the
/// article's own words can, and the detectors ask the same question.
fn vouched_blocks(doc: &Document, free: &impl Fn(usize) -> bool) -> Vec<bool> {
    let n = doc.lines.len();
    let mut protected = vec![false; n];
    let short = |i: usize| free(i) && !body_line(doc, i);
    let mut i = 0;
    while i < n {
        if !short(i) {
            i += 1;
            continue;
        }
        let (first, mut end, mut count) = (i, i + 1, 1);
        let mut j = i + 1;
        while j < n && (short(j) || !free(j)) {
            if short(j) {
                count += 1;
                end = j + 1;
            }
            j += 1;
        }
        if count >= 2 && vouches(doc, first..end, free, MIN_COHERENCE) {
            for p in &mut protected[first..end] {
                *p = true;
            }
        }
        i = end.max(i + 1);
    }
    protected
}

/// Share of a block's content words the body must use to vouch for it (as
/// `detect.headline_list`'s default `min_coherence`).
const MIN_COHERENCE: f64 = 0.5;

/// The lines of `doc` that are neither blank nor `kept` (indices in
/// order): what the rules removed, when `kept` is what they left.
pub fn ruled_lines(doc: &Document, kept: &[usize]) -> Vec<bool> {
    let mut ruled: Vec<bool> = (0..doc.lines.len()).map(|i| !doc.is_blank(i)).collect();
    for &i in kept {
        ruled[i] = false;
    }
    ruled
}

/// What the dump's first pass says about one line of a document.
#[derive(Debug, Clone, Copy, Default)]
pub struct DumpCounts {
    /// Documents holding the line (0 when the pass did not count it in two).
    pub line: u32,
    /// Documents with a line that starts with its head (`corpus_pass::templates`).
    pub head: u32,
}

/// The dump's counts for the `kept` lines of `doc` (0 for the others, for
/// lines the first pass did not count, and without a first pass; a piece
/// of a cut line is looked up as it is). Only the kept lines: the features
/// read no other.
pub fn dump_counts(
    doc: &Document,
    kept: &[usize],
    corpus: Option<&CorpusStats>,
) -> Vec<DumpCounts> {
    let mut out = vec![DumpCounts::default(); doc.lines.len()];
    let Some(c) = corpus.filter(|c| c.enabled) else {
        return out;
    };
    for &i in kept {
        let folded = doc.folded_line(i);
        out[i] = DumpCounts {
            line: c.docs_holding(folded),
            head: c.template(folded).map_or(0, |(_, e)| e.docs),
        };
    }
    out
}

/// What the model sees of a document cleaned by `pack` (a pack without the
/// model): its segments and the kept ones among them, with their features.
/// For training: the same segments and features the `model` kind scores.
pub fn kept_view(
    c: &Cleaned,
    pack: &Pack,
    ctx: &Context,
) -> (Document, Vec<usize>, Vec<features::Bins>) {
    let active = crate::pipeline::active(pack, c.lang, ctx);
    let cuts = glued::cut_points(&active, &c.normalized);
    let doc = Document::with_splits(c.normalized.clone(), &cuts.points, c.lang);
    let owned: Vec<_> = c
        .removals
        .iter()
        .filter(|r| r.whole_lines && !r.rule.is_tidy())
        .map(|r| r.bytes.clone())
        .collect();
    let kept: Vec<usize> = (0..doc.lines.len())
        .filter(|&i| {
            let t = &doc.lines[i].text;
            !doc.is_blank(i) && !owned.iter().any(|r| r.start <= t.start && t.end <= r.end)
        })
        .collect();
    let around = features::Around {
        ruled: &ruled_lines(&doc, &kept),
        dump: &dump_counts(&doc, &kept, ctx.corpus),
    };
    let bins = features::compute(&doc, &kept, around);
    (doc, kept, bins)
}
