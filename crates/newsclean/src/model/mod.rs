//! The learned segment model (issue 10): features of the segments no rule
//! claimed (`features`), the additive fixed-point model over them (`table`),
//! and its deterministic fitting (`train`). The `model` rule kind
//! (`rules::kinds::model`) runs it in the pipeline.

pub mod features;
pub mod table;
pub mod train;

pub use table::SegmentModel;

use crate::pipeline::document::Document;
use crate::pipeline::{Cleaned, Context};
use crate::rules::kinds::article::{body_line, vouches};
use crate::rules::kinds::glued;
use crate::rules::Pack;

/// Rounds of scoring on what is left, at most.
const MAX_ROUNDS: usize = 8;

/// Run the model on `doc` whose segments `kept` no rule owns: score the
/// kept segments, claim those at or above `threshold`, and score again what
/// is left until nothing more is claimed (so a second clean of the output,
/// which sees exactly the kept segments, claims nothing). Never claims every
/// kept segment, nor a `protected` one. Returns the claimed segments with
/// their features.
pub fn run(
    model: &SegmentModel,
    doc: &Document,
    mut kept: Vec<usize>,
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
    let mut claimed = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let bins = features::compute(doc, &kept);
        let hit: Vec<bool> = bins
            .iter()
            .zip(&kept)
            .map(|(b, &i)| model.score(b) >= threshold && !protected(i))
            .collect();
        let hits = hit.iter().filter(|&&h| h).count();
        if hits == 0 || hits == kept.len() {
            break;
        }
        let mut left = Vec::with_capacity(kept.len() - hits);
        for ((i, b), h) in kept.into_iter().zip(bins).zip(hit) {
            if h {
                claimed.push((i, b));
            } else {
                left.push(i);
            }
        }
        kept = left;
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
    let bins = features::compute(&doc, &kept);
    (doc, kept, bins)
}
