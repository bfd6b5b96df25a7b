//! The corpus-wide first pass: which lines repeat across documents, and which
//! documents are exact duplicates of an earlier one.
//!
//! Each document contributes the 64-bit hashes of its distinct lines (folded,
//! trimmed, at least `min_chars` characters) once, so a line is counted once
//! per document; a document whose normalized text was already seen is a
//! duplicate: it counts nothing and is marked `duplicate_of` the first copy.
//!
//! **Bounded memory.** Both tables grow with what they hold up to a fixed
//! bound: the line table holds at most `cap` line hashes (2 million in
//! `clean`, 64 MiB), the duplicate table one hash per distinct document for
//! the first 1.5 million of them (32 MiB; copies of later documents are not
//! detected).
//! When the line table is full, every entry with a count at or below a
//! rising `floor` is dropped (lossy counting): counts can then be *under* by
//! at most `floor`, never over, so the pass never removes a line that is not
//! repeated; a line present in at least `threshold + floor` documents is
//! always caught. The floor is reported in the summary.

mod bounded_table;
pub mod template_table;
pub mod templates;

use crate::rules::kinds::repeated_line::Repeated;
use crate::text::fold::fold_text;
use bounded_table::BoundedTable;
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
    /// Lines that start with a head (`templates`), sorted by head.
    pub templates: Vec<templates::Hit>,
}

/// Compute a document's keys from its normalized text.
pub fn doc_keys(normalized: &str, min_chars: usize) -> DocKeys {
    let folded = fold_text(normalized);
    let mut lines: Vec<u64> = folded
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
        templates: templates::hits(normalized, &folded),
    }
}

/// Slots of the duplicate table (2^21 × 16 bytes = 32 MiB): exact copies
/// are found among the first 1.5 million distinct documents.
const DOC_SLOTS: usize = 1 << 21;

/// Accumulates `DocKeys` in input order.
pub struct Counter {
    counts: BoundedTable,
    cap: usize,
    floor: u32,
    docs: usize,
    first_copy: BoundedTable,
    duplicate_of: HashMap<usize, usize>,
    templates: templates::Table,
}

impl Counter {
    /// A counter holding at most `cap` line hashes.
    pub fn new(cap: usize) -> Counter {
        let cap = cap.max(2);
        Counter {
            counts: BoundedTable::new(cap + cap / 3 + 1),
            cap,
            floor: 0,
            docs: 0,
            first_copy: BoundedTable::new(DOC_SLOTS),
            duplicate_of: HashMap::new(),
            templates: templates::Table::new(templates::TEMPLATE_CAP),
        }
    }

    /// Add document number `index` (documents must come in input order).
    pub fn add(&mut self, index: usize, keys: &DocKeys) {
        if let Some(first) = self.first_copy.get(keys.doc) {
            self.duplicate_of.insert(index, first as usize);
            return;
        }
        self.docs += 1;
        if !self.first_copy.full() {
            *self.first_copy.entry(keys.doc) = index as u32;
        }
        for &k in &keys.lines {
            if self.counts.len >= self.cap {
                self.prune();
            }
            *self.counts.entry(k) += 1;
        }
        self.templates.add(&keys.templates);
    }

    /// Drop every count at or below a rising floor until a third of the
    /// table is free again (lossy counting: counts only ever go under).
    fn prune(&mut self) {
        while self.counts.len * 3 > self.cap * 2 {
            self.floor += 1;
            let floor = self.floor;
            self.counts.retain(|c| c > floor);
        }
    }

    /// The lines that pass `rule`'s thresholds, and the duplicates.
    pub fn finish(mut self, rule: &Repeated) -> CorpusStats {
        let duplicate_of = std::mem::take(&mut self.duplicate_of);
        self.stats_with(rule, duplicate_of)
    }

    fn stats_with(&self, rule: &Repeated, duplicate_of: HashMap<usize, usize>) -> CorpusStats {
        let threshold = rule.threshold(self.docs);
        let enabled = self.docs >= rule.min_corpus_docs;
        let (repeated, recurring) = if enabled {
            self.counts
                .iter()
                .filter(|&(_, c)| c >= 2)
                .partition(|&(_, c)| c >= threshold)
        } else {
            (HashMap::new(), HashMap::new())
        };
        let templates = if enabled {
            self.templates.frequent(2)
        } else {
            HashMap::new()
        };
        CorpusStats {
            distinct_docs: self.docs,
            threshold,
            floor: self.floor,
            enabled,
            repeated,
            recurring,
            duplicate_of,
            templates,
            template_floor: self.templates.floor,
            assume_templates: false,
        }
    }
}

/// A `Counter` in a portable form (`Counter::state`, `Counter::from_state`):
/// for library users that run the two passes themselves (the Python
/// package's `CorpusStats`), save the counts between them, or count shards
/// apart and merge them (`Counter::merge`). Entries are sorted, so equal
/// counters give equal states.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CounterState {
    pub cap: usize,
    pub floor: u32,
    /// Distinct documents counted.
    pub docs: usize,
    /// Line hash → number of distinct documents it occurs in.
    pub lines: Vec<(u64, u32)>,
    /// Document hash → index of its first copy.
    pub firsts: Vec<(u64, u32)>,
    /// Document index → index of its first exact copy.
    pub duplicate_of: Vec<(usize, usize)>,
    /// Line templates (empty in states saved before they were counted).
    #[serde(default)]
    pub templates: templates::TableState,
}

impl Counter {
    /// The index of the first document added with this document hash
    /// (`DocKeys::doc`), if it is in the duplicate table.
    pub fn first_copy_of(&self, doc: u64) -> Option<usize> {
        self.first_copy.get(doc).map(|i| i as usize)
    }

    /// What `finish` returns, without consuming the counter (more documents
    /// may be added afterwards).
    pub fn stats(&self, rule: &Repeated) -> CorpusStats {
        self.stats_with(rule, self.duplicate_of.clone())
    }

    /// The counter's contents, to save.
    pub fn state(&self) -> CounterState {
        let mut lines: Vec<(u64, u32)> = self.counts.iter().collect();
        lines.sort_unstable();
        let mut firsts: Vec<(u64, u32)> = self.first_copy.iter().collect();
        firsts.sort_unstable();
        let mut duplicate_of: Vec<(usize, usize)> =
            self.duplicate_of.iter().map(|(&a, &b)| (a, b)).collect();
        duplicate_of.sort_unstable();
        CounterState {
            cap: self.cap,
            floor: self.floor,
            docs: self.docs,
            lines,
            firsts,
            duplicate_of,
            templates: self.templates.state(),
        }
    }

    /// A counter holding `state` (as saved by `state`): adding more
    /// documents to it counts as if they had followed without a break.
    pub fn from_state(state: &CounterState) -> Counter {
        let mut c = Counter::new(state.cap);
        c.floor = state.floor;
        c.docs = state.docs;
        for &(k, v) in &state.lines {
            if c.counts.len >= c.cap {
                c.prune();
            }
            *c.counts.entry(k) += v;
        }
        for &(k, v) in &state.firsts {
            if !c.first_copy.full() {
                *c.first_copy.entry(k) = v;
            }
        }
        c.duplicate_of = state.duplicate_of.iter().copied().collect();
        c.templates = templates::Table::from_state(&state.templates);
        c
    }

    /// Add the counts of `other`, whose documents follow this counter's:
    /// its document `i` becomes document `offset + i` (`offset`: how many
    /// documents, duplicates and unreadable ones included, this counter's
    /// stream had). Exact, except for a document of `other` that is an exact
    /// copy of one counted here: it becomes a duplicate (`duplicate_of`,
    /// `docs` counts it once) but its lines were counted in `other` and stay
    /// counted, so a line count can be over by the number of such copies.
    /// The largest undercount (`floor`) is the sum of both.
    pub fn merge(&mut self, other: &Counter, offset: usize) {
        self.floor += other.floor;
        self.docs += other.docs;
        // Other's first copies: a new document here, or a copy of one seen.
        let mut moved: HashMap<usize, usize> = HashMap::new();
        for (k, i) in other.first_copy.iter() {
            let idx = offset + i as usize;
            match self.first_copy.get(k) {
                Some(first) => {
                    moved.insert(idx, first as usize);
                    self.duplicate_of.insert(idx, first as usize);
                    self.docs -= 1;
                }
                None => {
                    if !self.first_copy.full() {
                        *self.first_copy.entry(k) = idx as u32;
                    }
                }
            }
        }
        for (&i, &first) in &other.duplicate_of {
            let first = offset + first;
            let first = moved.get(&first).copied().unwrap_or(first);
            self.duplicate_of.insert(offset + i, first);
        }
        for (k, v) in other.counts.iter() {
            if self.counts.len >= self.cap {
                self.prune();
            }
            *self.counts.entry(k) += v;
        }
        self.templates.merge(&other.templates);
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
        let norm = crate::text::normalize::normalize(t, &pack.normalize).0;
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
    /// The same for lines in at least two documents but fewer than
    /// `threshold`: evidence the segment model weighs (`dump_docs`).
    pub recurring: HashMap<u64, u32>,
    /// Document index → index of its first exact copy.
    pub duplicate_of: HashMap<usize, usize>,
    /// Line templates (head hash → evidence) in at least two documents;
    /// `rules::kinds::template` applies its thresholds to them.
    pub templates: HashMap<u64, templates::Evidence>,
    /// Largest possible undercount of a template's documents.
    pub template_floor: u32,
    /// Every head in `templates` counts as a template, whatever its
    /// evidence: how `rules check` runs the examples of `template` rules.
    pub assume_templates: bool,
}

impl CorpusStats {
    /// Statistics in which every head of `texts` is a template (for the
    /// examples of `template` rules: one document each, no dump to count).
    pub fn assuming_templates<'a>(texts: impl IntoIterator<Item = &'a str>) -> CorpusStats {
        let mut table = templates::Table::new(templates::TEMPLATE_CAP);
        for t in texts {
            table.add(&templates::hits(t, &fold_text(t)));
        }
        CorpusStats {
            enabled: true,
            templates: table.frequent(1),
            assume_templates: true,
            ..CorpusStats::default()
        }
    }

    /// The head of a (folded) line and what the dump says about it, when
    /// it starts lines in at least two documents.
    pub fn template<'a>(
        &self,
        folded_line: &'a str,
    ) -> Option<(templates::Head<'a>, &templates::Evidence)> {
        if self.templates.is_empty() {
            return None;
        }
        let h = templates::head(folded_line)?;
        let e = self.templates.get(&h.key())?;
        Some((h, e))
    }

    /// In how many documents of the dump a (folded) line occurs, when the
    /// pass counted it in two or more; 0 otherwise.
    pub fn docs_holding(&self, folded_line: &str) -> u32 {
        if self.repeated.is_empty() && self.recurring.is_empty() {
            return 0;
        }
        let k = key(folded_line.trim());
        self.repeated
            .get(&k)
            .or_else(|| self.recurring.get(&k))
            .copied()
            .unwrap_or(0)
    }

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
        assert_eq!(stats.count(&fold_text(slogan)), Some(4));
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

    /// `docs` counted by one counter, and by two (split at `at`) merged
    /// after the second went through its saved state.
    fn whole_and_merged(docs: &[String], at: usize) -> (Counter, Counter) {
        let keys: Vec<DocKeys> = docs.iter().map(|d| doc_keys(d, 5)).collect();
        let count = |keys: &[DocKeys]| {
            let mut c = Counter::new(1000);
            for (i, k) in keys.iter().enumerate() {
                c.add(i, k);
            }
            c
        };
        let whole = count(&keys);
        let mut a = count(&keys[..at]);
        a.merge(&Counter::from_state(&count(&keys[at..]).state()), at);
        (whole, a)
    }

    #[test]
    fn state_round_trips_and_merge_equals_one_counter() {
        let docs: Vec<String> = (0..12)
            .map(|i| format!("doc {} body\nthe shared footer line\nline {}", i % 9, i % 4))
            .collect();
        // Shards that share no document: the merge is exact.
        let (whole, a) = whole_and_merged(&docs, 9);
        assert_eq!(a.state(), whole.state());
        let r = rule(2);
        let (x, y) = (a.stats(&r), whole.finish(&r));
        assert_eq!((x.repeated, x.duplicate_of), (y.repeated, y.duplicate_of));
    }

    #[test]
    fn template_counts_survive_state_and_merge() {
        let docs: Vec<String> = (0..12)
            .map(|i| format!("story {i} body text here.\nread more: headline {}", i % 5))
            .collect();
        let (whole, a) = whole_and_merged(&docs, 7);
        let r = rule(2);
        let (x, y) = (a.stats(&r), whole.finish(&r));
        let (ex, ey) = (x.template("read more: x"), y.template("read more: x"));
        let counts = |e: &templates::Evidence| {
            let mut t = e.tails.clone();
            t.sort_unstable();
            (e.head.clone(), e.docs, e.lines, e.headline, t)
        };
        let (ex, ey) = (counts(ex.expect("merged").1), counts(ey.expect("whole").1));
        assert_eq!(ex, ey);
        assert_eq!((ex.1, ex.4.len()), (12, 5));
    }
}
