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
use crate::rules::kinds::glued;
use crate::rules::Pack;

/// Rounds of scoring on what is left, at most.
const MAX_ROUNDS: usize = 8;

/// Run the model on `doc` whose segments `kept` no rule owns: score the
/// kept segments, claim those at or above `threshold`, and score again what
/// is left until nothing more is claimed (so a second clean of the output,
/// which sees exactly the kept segments, claims nothing). Never claims every
/// kept segment. Returns the claimed segments with their features.
pub fn run(
    model: &SegmentModel,
    doc: &Document,
    mut kept: Vec<usize>,
    threshold: i32,
) -> Vec<(usize, features::Bins)> {
    let mut claimed = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let bins = features::compute(doc, &kept);
        let hit: Vec<bool> = bins.iter().map(|b| model.score(b) >= threshold).collect();
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
