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

use super::spec::F;
pub use super::spec::{fnv, spec_hash, Bins, Feature, Rest, FEATURES, N};
use crate::pipeline::document::Document;
use crate::rules::kinds::{ends_sentence, has_sentence_punct_strict};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A segment is short under this many characters.
const SHORT: usize = 80;
/// A body-like segment: at least this long, with sentence punctuation.
const BODY_CHARS: usize = 100;
/// A content word: at least this many characters.
const CONTENT_CHARS: usize = 4;

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

/// The content words of a folded segment, hashed (deduplicated, sorted).
fn content_words(folded: &str) -> Vec<u64> {
    let mut out: Vec<u64> = folded
        .split_ascii_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| {
                c.is_ascii_punctuation()
                    || matches!(
                        c,
                        '،' | '؛' | '؟' | '«' | '»' | '“' | '”' | '‘' | '’' | '…' | '–' | '—'
                    )
            })
        })
        .filter(|w| {
            w.chars().nth(CONTENT_CHARS - 1).is_some() && !w.bytes().any(|b| b.is_ascii_digit())
        })
        .map(|w| fnv(w.as_bytes()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Per-segment facts the features of it and of its neighbours need.
struct Shape {
    chars: usize,
    end: u8,
    short: bool,
    body_like: bool,
    words: Vec<u64>,
}

fn shape(doc: &Document, i: usize) -> Shape {
    let line = doc.line(i).trim();
    let chars = doc.lines[i].chars;
    let end = if ends_sentence(line) {
        2
    } else if line.ends_with([':', '：']) {
        3
    } else if has_sentence_punct_strict(line) {
        1
    } else {
        0
    };
    Shape {
        chars,
        end,
        short: chars < SHORT && end != 2,
        body_like: chars >= BODY_CHARS && end != 0,
        words: content_words(doc.folded_line(i)),
    }
}

fn neighbour_bin(s: Option<&Shape>) -> u8 {
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
fn main_block(shapes: &[Shape]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None;
    let mut cur: Option<(usize, usize, usize)> = None;
    for (k, s) in shapes.iter().enumerate().filter(|(_, s)| s.body_like) {
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
    let ruled = around.ruled;
    let shapes: Vec<Shape> = kept.iter().map(|&i| shape(doc, i)).collect();
    // In how many body-like segments each content word occurs (the words
    // are hashes already: the table does not hash them again).
    let mut body_words: HashMap<u64, u32, BuildHasherDefault<Prehashed>> = HashMap::default();
    let mut body_lines = 0;
    for s in shapes.iter().filter(|s| s.body_like) {
        body_lines += 1;
        for &w in &s.words {
            *body_words.entry(w).or_insert(0) += 1;
        }
    }
    let in_body = |w: &u64| body_words.get(w).copied().unwrap_or(0);
    // Runs of short segments.
    let mut run = vec![0usize; shapes.len()];
    let mut k = 0;
    while k < shapes.len() {
        let start = k;
        while k < shapes.len() && shapes[k].short {
            k += 1;
        }
        run[start..k].iter_mut().for_each(|r| *r = k - start);
        k = k.max(start + 1);
    }
    // Copies of each folded text among the kept segments.
    let mut copies: HashMap<u64, u32, BuildHasherDefault<Prehashed>> = HashMap::default();
    let text_keys: Vec<u64> = kept
        .iter()
        .map(|&i| fnv(doc.folded_line(i).trim().as_bytes()))
        .collect();
    for &t in &text_keys {
        *copies.entry(t).or_insert(0) += 1;
    }
    let n = shapes.len();
    let bodies: Vec<usize> = (0..n).filter(|&k| shapes[k].body_like).collect();
    let main = main_block(&shapes);
    let mut out = Vec::with_capacity(n);
    for (k, (&i, s)) in kept.iter().zip(&shapes).enumerate() {
        let mut b: Bins = [0; N];
        let line = doc.line(i).trim();
        // Digits on the folded view (Arabic-Indic digits are ASCII there);
        // separators and capitals by byte: no Unicode tables per character.
        let total = s.chars;
        let digits = doc
            .folded_line(i)
            .bytes()
            .filter(u8::is_ascii_digit)
            .count();
        let seps = line
            .bytes()
            .filter(|b| matches!(b, b'|' | b'>' | b'/' | b':' | b'-'))
            .count()
            + line.matches(['•', '·', '»', '«', '–', '—']).count();
        let (mut cased, mut caps, mut words) = (0usize, 0usize, 0usize);
        for w in line.split_ascii_whitespace() {
            words += 1;
            if let Some(&c) = w.as_bytes().iter().find(|c| !c.is_ascii_punctuation()) {
                if c.is_ascii_alphabetic() {
                    cased += 1;
                    caps += usize::from(c.is_ascii_uppercase());
                }
            }
        }
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
        let list = line.starts_with(['-', '•', '*', '·', '–'])
            || line.split_once(['.', ')']).is_some_and(|(h, _)| {
                !h.is_empty() && h.len() <= 3 && h.chars().all(|c| c.is_ascii_digit())
            });
        let chars_bin = edge_bin(s.chars, &[8, 16, 24, 32, 48, 64, 96, 140, 220]);
        b[F::CHARS as usize] = chars_bin;
        b[F::WORDS as usize] = edge_bin(words, &[1, 2, 3, 4, 6, 8, 12, 20, 40]);
        b[F::END as usize] = s.end;
        b[F::SHORT_RUN as usize] = short_run;
        b[F::DIGITS as usize] = share_bin(digits, total, &[49, 149, 299]);
        b[F::SEPS as usize] = edge_bin(seps, &[0, 1, 2, 4]);
        b[F::CAPS as usize] = (caps * 1000)
            .checked_div(cased)
            .map_or(0, |pm| 1 + edge_bin(pm, &[199, 499, 799]));
        b[F::TOP as usize] = edge_bin(k, &[0, 1, 2, 4, 9]);
        b[F::END_POS as usize] = edge_bin(n - 1 - k, &[0, 1, 2, 4, 9]);
        b[F::REL as usize] = (k * 5 / n.max(1)).min(4) as u8;
        b[F::PREV as usize] = neighbour_bin(k.checked_sub(1).map(|p| &shapes[p]));
        b[F::NEXT as usize] = neighbour_bin(shapes.get(k + 1));
        b[F::COH as usize] = coh;
        b[F::LIST as usize] = u8::from(list);
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
        b[F::COPIES as usize] = edge_bin(copies[&text_keys[k]] as usize, &[1, 2]);
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
