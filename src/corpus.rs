//! The corpus-wide first pass: which lines repeat across documents, and which
//! documents are exact duplicates of an earlier one.
//!
//! Each document contributes the 64-bit hashes of its distinct lines (folded,
//! trimmed, at least `min_chars` characters) once, so a line is counted once
//! per document; a document whose normalized text was already seen is a
//! duplicate: it counts nothing and is marked `duplicate_of` the first copy.
//!
//! **Bounded memory.** The count table holds at most `cap` line hashes
//! (default 4 million, about 100 MB). When it is full, every entry with a
//! count at or below a rising `floor` is dropped (lossy counting): counts
//! can then be *under* by at most `floor`, never over, so the pass never
//! removes a line that is not repeated; a line present in at least
//! `threshold + floor` documents is always caught. The floor is reported.
//! The duplicate table keeps one 64-bit hash per distinct document.

use crate::fold::fold;
use crate::rules::kinds::repeated::Repeated;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Hash of a (folded, trimmed) line or of a document text. `DefaultHasher::new()`
/// uses fixed keys, so hashes are the same in every run.
pub fn key(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// What one document contributes to the count.
#[derive(Debug, Clone)]
pub struct DocKeys {
    pub doc: u64,
    pub lines: Vec<u64>,
}

/// Compute a document's keys from its normalized text.
pub fn doc_keys(normalized: &str, min_chars: usize) -> DocKeys {
    let folded = fold(normalized);
    let mut lines: Vec<u64> = folded
        .text
        .split('\n')
        .map(str::trim)
        .filter(|l| l.chars().count() >= min_chars)
        .map(key)
        .collect();
    lines.sort_unstable();
    lines.dedup();
    DocKeys {
        doc: key(normalized),
        lines,
    }
}

/// Accumulates `DocKeys` in input order.
pub struct Counter {
    counts: HashMap<u64, u32>,
    cap: usize,
    floor: u32,
    first_copy: HashMap<u64, usize>,
    duplicate_of: HashMap<usize, usize>,
}

impl Counter {
    pub fn new(cap: usize) -> Counter {
        Counter {
            counts: HashMap::new(),
            cap: cap.max(2),
            floor: 0,
            first_copy: HashMap::new(),
            duplicate_of: HashMap::new(),
        }
    }

    /// Add document number `index` (documents must come in input order).
    pub fn add(&mut self, index: usize, keys: &DocKeys) {
        if let Some(&first) = self.first_copy.get(&keys.doc) {
            self.duplicate_of.insert(index, first);
            return;
        }
        self.first_copy.insert(keys.doc, index);
        for k in &keys.lines {
            *self.counts.entry(*k).or_insert(0) += 1;
        }
        while self.counts.len() > self.cap {
            self.floor += 1;
            let floor = self.floor;
            self.counts.retain(|_, c| *c > floor);
        }
    }

    /// The lines that pass `rule`'s thresholds, and the duplicates.
    pub fn finish(self, rule: &Repeated) -> CorpusStats {
        let docs = self.first_copy.len();
        let threshold = rule.threshold(docs);
        let enabled = docs >= rule.min_corpus_docs;
        let repeated = if enabled {
            self.counts
                .into_iter()
                .filter(|(_, c)| *c >= threshold)
                .collect()
        } else {
            HashMap::new()
        };
        CorpusStats {
            distinct_docs: docs,
            threshold,
            floor: self.floor,
            enabled,
            repeated,
            duplicate_of: self.duplicate_of,
        }
    }
}

/// The pack's repeated-line rule, if it has one.
pub fn rule(pack: &crate::rules::Pack) -> Option<&Repeated> {
    pack.rules.iter().find_map(|r| match &r.kind {
        crate::rules::Kind::Repeated(k) => Some(k),
        _ => None,
    })
}

/// The first pass over in-memory documents (decoded text), in order: for
/// `eval` and library users. `run` streams files through `Counter` instead.
pub fn stats_for<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    pack: &crate::rules::Pack,
    cap: usize,
) -> Option<CorpusStats> {
    let rule = rule(pack)?;
    let mut counter = Counter::new(cap);
    for (i, t) in texts.into_iter().enumerate() {
        let norm = crate::normalize::normalize(t, &pack.normalize).0;
        counter.add(i, &doc_keys(&norm, rule.min_chars));
    }
    Some(counter.finish(rule))
}

/// The result of the first pass, read by the cleaning pass.
#[derive(Debug, Clone, Default)]
pub struct CorpusStats {
    pub distinct_docs: usize,
    /// Documents a line must occur in to count as repeated.
    pub threshold: u32,
    /// Largest possible undercount (0 unless the table filled up).
    pub floor: u32,
    /// False when the input had too few distinct documents.
    pub enabled: bool,
    /// Repeated line hash → number of documents it occurs in.
    pub repeated: HashMap<u64, u32>,
    /// Document index → index of its first exact copy.
    pub duplicate_of: HashMap<usize, usize>,
}

impl CorpusStats {
    /// Document count of a repeated line (folded, trimmed), if it is one.
    pub fn count(&self, folded_line: &str) -> Option<u32> {
        if self.repeated.is_empty() {
            return None;
        }
        self.repeated.get(&key(folded_line.trim())).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(min_docs: u32) -> Repeated {
        Repeated {
            min_docs,
            min_share: 0.0,
            min_chars: 5,
            min_corpus_docs: 2,
        }
    }

    #[test]
    fn lines_count_once_per_distinct_document() {
        let mut c = Counter::new(1000);
        let slogan = "صحيفة الجزائر اليوم: الخبر اليقين";
        for i in 0..4 {
            let text = format!("خبر رقم {i} عن الاقتصاد\n{slogan}\n{slogan}");
            c.add(i, &doc_keys(&text, 5));
        }
        // An exact duplicate of document 1 does not count again.
        c.add(
            4,
            &doc_keys(&format!("خبر رقم 1 عن الاقتصاد\n{slogan}\n{slogan}"), 5),
        );
        let stats = c.finish(&rule(4));
        assert_eq!(stats.distinct_docs, 4);
        assert_eq!(stats.count(&fold(slogan).text), Some(4));
        assert_eq!(stats.count("خبر رقم 1 عن الاقتصاد"), None);
        assert_eq!(stats.duplicate_of.get(&4), Some(&1));
        assert_eq!(c_threshold(4), Some(4));
        assert_eq!(c_threshold(5), None);
    }

    fn c_threshold(min_docs: u32) -> Option<u32> {
        let mut c = Counter::new(1000);
        for i in 0..4 {
            c.add(
                i,
                &doc_keys(&format!("doc {i} text\nthe same line here"), 5),
            );
        }
        c.finish(&rule(min_docs)).count("the same line here")
    }

    #[test]
    fn a_full_table_undercounts_but_never_overcounts() {
        let mut c = Counter::new(10);
        for i in 0..50 {
            c.add(
                i,
                &doc_keys(&format!("unique line number {i}\nthe common line"), 5),
            );
        }
        let stats = c.finish(&rule(1));
        let got = stats.count("the common line").expect("kept");
        assert!(
            got <= 50 && got + stats.floor >= 50,
            "{got} floor {}",
            stats.floor
        );
        assert!(stats.floor > 0);
    }
}
