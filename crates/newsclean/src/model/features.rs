//! The segment model's features: language-agnostic shape and context of each
//! kept segment (a line, or a piece of a line cut at glued words), binned.
//!
//! Everything comes from what the pipeline already has: the `Document`'s
//! segments, their character counts and folded view (words are the folded
//! view split at whitespace). Features are computed over the *kept view*:
//! the segments no rule owns, in order. Neighbours are the nearest kept
//! segments and positions count kept segments only, so a second clean of the
//! output (which sees exactly the kept segments) computes the same features;
//! that is what makes the model idempotent (see `rules::kinds::model`).
//! Three features see more than the kept segments (the lines rules removed,
//! the dump's counts: `Around`); a second clean can only lower them, and
//! their tables may not score lower bins higher (`spec::Rest`).

use super::segment::{self, Facts, SHORT};
use super::spec::F;
pub use super::spec::{fnv, spec_hash, Bins, Feature, HashedMap, Rest, FEATURES, N};
use crate::pipeline::document::Document;

fn edge_bin(v: usize, edges: &[usize]) -> u8 {
    edges.iter().take_while(|&&e| v > e).count() as u8
}

fn share_bin(part: usize, whole: usize, edges_pm: &[usize]) -> u8 {
    if part == 0 {
        return 0;
    }
    1 + edge_bin(part * 1000 / whole.max(1), edges_pm).min(edges_pm.len() as u8)
}

fn coarse_len(chars: usize) -> u8 {
    edge_bin(chars, &[19, 39, 79, 159])
}

fn neighbour_bin(s: Option<&&Facts>) -> u8 {
    match s {
        None => 0,
        Some(s) => 1 + 2 * u8::from(s.chars >= SHORT) + u8::from(s.end == 2),
    }
}

/// Most kept segments between two body-like ones of one block, plus one.
const BLOCK_GAP: usize = 4;

/// The first and last segment of the main block: the run of body-like
/// segments at most `BLOCK_GAP` apart with the most characters (the first
/// on a tie). A cookie notice or a comment far below the article does not
/// stretch it, as it stretches the span of all body-like segments.
fn main_block(facts: &[&Facts]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    let mut cur: Option<(usize, usize, usize)> = None;
    for (k, s) in facts.iter().enumerate().filter(|(_, s)| s.body_like) {
        cur = match cur {
            Some((first, last, chars)) if k - last <= BLOCK_GAP => {
                Some((first, k, chars + s.chars))
            }
            _ => Some((k, k, s.chars)),
        };
        if cur.is_some_and(|c| best.is_none_or(|b| c.2 > b.2)) {
            best = cur;
        }
    }
    best.map(|(first, last, _)| (first, last))
}

/// What the features see beyond the kept segments; a second clean of the
/// output sees less of it (`Rest`).
#[derive(Clone, Copy)]
pub struct Around<'a> {
    /// `ruled[i]`: line `i` was removed by a rule (not by the model).
    pub ruled: &'a [bool],
    /// `dump[i]`: the dump's counts for line `i` (`model::dump_counts`).
    pub dump: &'a [super::DumpCounts],
}

/// The binned features of each of the `kept` segments (indices into
/// `doc.lines`, in order, none blank).
pub fn compute(doc: &Document, kept: &[usize], around: Around) -> Vec<Bins> {
    let facts: Vec<Facts> = kept.iter().map(|&i| segment::facts(doc, i)).collect();
    compute_with(kept, &facts.iter().collect::<Vec<_>>(), around)
}

/// `compute`, from the facts of the `kept` segments (`facts[k]` those of
/// `kept[k]`, `segment::facts`): what the rounds of `model::run` call,
/// with facts computed once per segment.
pub fn compute_with(kept: &[usize], facts: &[&Facts], around: Around) -> Vec<Bins> {
    let ruled = around.ruled;
    // In how many body-like segments each content word occurs (the words
    // are hashes already: the table does not hash them again).
    let mut body_words: HashedMap<u32> = HashedMap::default();
    let mut body_lines = 0;
    for s in facts.iter().filter(|s| s.body_like) {
        body_lines += 1;
        for &w in &s.words {
            *body_words.entry(w).or_insert(0) += 1;
        }
    }
    let in_body = |w: &u64| body_words.get(w).copied().unwrap_or(0);
    // Runs of short segments.
    let mut run = vec![0usize; facts.len()];
    let mut k = 0;
    while k < facts.len() {
        let start = k;
        while k < facts.len() && facts[k].short {
            k += 1;
        }
        run[start..k].iter_mut().for_each(|r| *r = k - start);
        k = k.max(start + 1);
    }
    // Copies of each folded text among the kept segments.
    let mut copies: HashedMap<u32> = HashedMap::default();
    for s in facts {
        *copies.entry(s.text_key).or_insert(0) += 1;
    }
    let n = facts.len();
    let bodies: Vec<usize> = (0..n).filter(|&k| facts[k].body_like).collect();
    let main = main_block(facts);
    let mut out = Vec::with_capacity(n);
    for (k, (&i, &s)) in kept.iter().zip(facts).enumerate() {
        let mut b: Bins = [0; N];
        let others = (body_lines - usize::from(s.body_like)) > 0;
        let coh = if s.words.is_empty() {
            0
        } else if !others {
            1
        } else {
            let own = u32::from(s.body_like);
            let shared = s.words.iter().filter(|w| in_body(w) > own).count();
            2 + edge_bin(shared * 1000 / s.words.len(), &[0, 199, 399, 599])
        };
        let short_run = if s.short {
            1 + edge_bin(run[k], &[1, 2, 3, 5, 9])
        } else {
            0
        };
        let chars_bin = edge_bin(s.chars, &[8, 16, 24, 32, 48, 64, 96, 140, 220]);
        b[F::CHARS as usize] = chars_bin;
        b[F::WORDS as usize] = edge_bin(s.word_count, &[1, 2, 3, 4, 6, 8, 12, 20, 40]);
        b[F::END as usize] = s.end;
        b[F::SHORT_RUN as usize] = short_run;
        b[F::DIGITS as usize] = share_bin(s.digits, s.chars, &[49, 149, 299]);
        b[F::SEPS as usize] = edge_bin(s.seps, &[0, 1, 2, 4]);
        b[F::CAPS as usize] = (s.caps * 1000)
            .checked_div(s.cased)
            .map_or(0, |pm| 1 + edge_bin(pm, &[199, 499, 799]));
        b[F::TOP as usize] = edge_bin(k, &[0, 1, 2, 4, 9]);
        b[F::END_POS as usize] = edge_bin(n - 1 - k, &[0, 1, 2, 4, 9]);
        b[F::REL as usize] = (k * 5 / n.max(1)).min(4) as u8;
        b[F::PREV as usize] = neighbour_bin(k.checked_sub(1).map(|p| &facts[p]));
        b[F::NEXT as usize] = neighbour_bin(facts.get(k + 1));
        b[F::COH as usize] = coh;
        b[F::LIST as usize] = u8::from(s.list);
        b[F::LEN_END as usize] = coarse_len(s.chars) * 4 + s.end;
        b[F::COH_LEN as usize] = coh * 5 + coarse_len(s.chars);
        b[F::RUN_COH as usize] = short_run * 7 + coh;
        let next = bodies.partition_point(|&j| j < k);
        let dist = [next.checked_sub(1), Some(next)]
            .into_iter()
            .flatten()
            .filter_map(|x| bodies.get(x))
            .map(|&j| j.abs_diff(k))
            .min()
            .unwrap_or(usize::MAX);
        b[F::BODY_DIST as usize] = edge_bin(dist, &[0, 1, 2, 4, 9]);
        let side = match (bodies.first(), bodies.last()) {
            (Some(&first), _) if k < first => 1,
            (_, Some(&last)) if k > last => 3,
            (Some(_), _) => 2,
            _ => 0,
        };
        b[F::SIDE as usize] = side;
        b[F::SIDE_SHORT as usize] = side * 2 + u8::from(s.chars < SHORT);
        let gap = |r: std::ops::Range<usize>| ruled[r].iter().filter(|&&x| x).count();
        let before = gap(k.checked_sub(1).map_or(0, |p| kept[p] + 1)..i);
        let after = gap(i + 1..kept.get(k + 1).map_or(ruled.len(), |&j| j));
        b[F::RULED as usize] = (before + after).min(2) as u8 * 2 + u8::from(s.chars < SHORT);
        let main_side = match main {
            None => 0,
            Some((first, _)) if k < first => 1,
            Some((_, last)) if k <= last => 2,
            Some(_) => 3,
        };
        b[F::MAIN as usize] = main_side * 2 + u8::from(s.chars < SHORT);
        b[F::COPIES as usize] = edge_bin(copies[&s.text_key] as usize, &[1, 2]);
        let dump = around.dump[i];
        b[F::DUMP as usize] = edge_bin(dump.line as usize, &[1, 2, 4, 9]);
        b[F::HEAD as usize] = edge_bin(dump.head as usize, &[1, 2, 4, 9, 24]);
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lang::Lang;

    #[test]
    fn every_bin_is_inside_its_feature() {
        let text = "Title\n\nA body paragraph that talks about the harbour and the city council, at some length, and with a great deal of care.\nRelated\nSomething else entirely\n- a harbour item\nAnother body paragraph about the harbour council and the city budget, long enough to count.\n";
        let doc = Document::with_splits(text.to_string(), &[], Lang::En);
        let kept: Vec<usize> = (0..doc.lines.len()).filter(|&i| !doc.is_blank(i)).collect();
        let ruled = vec![false; doc.lines.len()];
        let dump = vec![super::super::DumpCounts::default(); doc.lines.len()];
        let around = Around {
            ruled: &ruled,
            dump: &dump,
        };
        let bins = compute(&doc, &kept, around);
        assert_eq!(bins.len(), kept.len());
        for b in &bins {
            for (f, &v) in FEATURES.iter().zip(b) {
                assert!((v as usize) < f.bins, "{} bin {v}", f.name);
            }
        }
        // "Something else entirely" shares no word with the body; the list
        // item repeats "harbour".
        let coh = |k: usize| bins[k][F::COH as usize];
        assert_eq!(coh(3), 2);
        assert!(coh(4) > 2);
        assert_eq!(bins[4][F::LIST as usize], 1);
    }

    #[test]
    fn the_spec_hash_is_stable_hex() {
        assert_eq!(spec_hash().len(), 16);
        assert_eq!(spec_hash(), spec_hash());
    }
}
