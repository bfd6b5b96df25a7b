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

/// What the model sees of a document cleaned by `pack` (a pack without the
/// model): its segments and the kept ones among them, with their features.
/// For training: the same segments and features the `model` kind scores.
pub fn kept_view(c: &Cleaned, pack: &Pack, ctx: &Context) -> (Document, Vec<usize>, Vec<features::Bins>) {
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
