//! The content-word stems of a document, computed once and indexed.
//!
//! `article::coherence` asks, for a block of lines, which of its stems occur
//! in the document's other (body) lines. Detectors and the segment model ask
//! it for many blocks of one document, and stemming every other line again
//! for each block made real pages of many short lines quadratic (28% of a
//! run on real pages). The index stems each line once (lazily, on the first
//! question: most documents never ask) and keeps, per stem, the lines it
//! occurs in, so a question costs a look-up per word of the block. The
//! answers are exactly those of stemming again: stems are compared as
//! strings, the hash only finds candidates.

use super::article::{stem, words};
use crate::model::features::HashedMap;
use crate::pipeline::document::Document;
use std::ops::Range;

/// Per line, its stems (byte ranges of the folded view, in order, repeats
/// kept), and per stem hash the lines it occurs in.
#[derive(Debug, Default)]
pub struct StemIndex {
    /// Stems of line `i`: `stems[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    stems: Vec<Range<u32>>,
    /// FNV hash of a stem → (line, the stem's range) for each occurrence.
    by_hash: HashedMap<Vec<(u32, Range<u32>)>>,
}

impl StemIndex {
    /// Stem every line of `doc`.
    pub fn build(doc: &Document) -> StemIndex {
        let folded = doc.folded.text.as_str();
        let mut index = StemIndex {
            starts: Vec::with_capacity(doc.lines.len() + 1),
            ..StemIndex::default()
        };
        for (i, line) in doc.lines.iter().enumerate() {
            index.starts.push(index.stems.len() as u32);
            let base = line.folded.start;
            let text = &folded[line.folded.clone()];
            for s in words(text).filter_map(stem) {
                let at = base + (s.as_ptr() as usize - text.as_ptr() as usize);
                let r = at as u32..(at + s.len()) as u32;
                index
                    .by_hash
                    .entry(crate::model::features::fnv(s.as_bytes()))
                    .or_default()
                    .push((i as u32, r.clone()));
                index.stems.push(r);
            }
        }
        index.starts.push(index.stems.len() as u32);
        index
    }

    /// The stems of line `i`, in order (a stem that occurs twice is there twice).
    pub fn line<'d>(&'d self, doc: &'d Document, i: usize) -> impl Iterator<Item = &'d str> + 'd {
        let r = self.starts[i] as usize..self.starts[i + 1] as usize;
        self.stems[r]
            .iter()
            .map(move |s| &doc.folded.text[s.start as usize..s.end as usize])
    }

    /// Whether `stem` occurs in a line that `pick` accepts.
    pub fn occurs(&self, doc: &Document, stem: &str, pick: impl Fn(usize) -> bool) -> bool {
        let text = &doc.folded.text;
        self.by_hash
            .get(&crate::model::features::fnv(stem.as_bytes()))
            .is_some_and(|at| {
                at.iter().any(|(l, r)| {
                    pick(*l as usize) && &text[r.start as usize..r.end as usize] == stem
                })
            })
    }
}
