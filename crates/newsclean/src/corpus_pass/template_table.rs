//! The table of line templates the first pass fills (`templates` cuts the
//! heads): per head, its documents, lines, headline-like lines, distinct
//! tails and sample lines, bounded by lossy counting (see `templates`).

use super::templates::Hit;
use std::collections::HashMap;

/// Distinct tails remembered per head, and sample lines kept.
pub const TAILS: usize = 8;
pub const SAMPLES: usize = 3;
/// Heads the table holds: each a head (at most 4 short words), 8 tail
/// hashes and, from its second document on, up to 3 sample lines of at most
/// 200 characters (a few MiB in practice; 40 MiB if every head had samples
/// of the longest lines).
pub const TEMPLATE_CAP: usize = 32_768;

/// What the dump says about one head.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    pub head: String,
    /// Distinct documents with a line that starts with it.
    pub docs: u32,
    /// Lines that start with it, and those of them that look like headlines.
    pub lines: u32,
    pub headline: u32,
    /// Hashes of distinct tails (at most `TAILS`).
    pub tails: Vec<u32>,
    /// Sample lines as written (at most `SAMPLES`).
    pub samples: Vec<String>,
}

impl Evidence {
    fn absorb(&mut self, o: &Evidence) {
        self.docs += o.docs;
        self.lines += o.lines;
        self.headline += o.headline;
        for &t in &o.tails {
            if self.tails.len() < TAILS && !self.tails.contains(&t) {
                self.tails.push(t);
            }
        }
        for s in &o.samples {
            if self.samples.len() < SAMPLES && !self.samples.contains(s) {
                self.samples.push(s.clone());
            }
        }
    }
}

/// Head hash → evidence, bounded (see module doc).
#[derive(Debug, Clone)]
pub struct Table {
    pub heads: HashMap<u64, Evidence>,
    pub cap: usize,
    pub floor: u32,
}

impl Table {
    pub fn new(cap: usize) -> Table {
        Table {
            heads: HashMap::new(),
            cap: cap.max(2),
            floor: 0,
        }
    }

    /// Add one document's hits (sorted by key, as `hits` returns them).
    /// Every head counts, whatever the line it starts (a body paragraph's
    /// too), so the counts do not depend on the order of the documents:
    /// shards that share no document merge to the counts of one pass.
    pub fn add(&mut self, hits: &[Hit]) {
        for group in hits.chunk_by(|a, b| a.key == b.key) {
            let key = group[0].key;
            let o = group.iter().find(|h| h.headline).unwrap_or(&group[0]);
            if !self.heads.contains_key(&key) {
                if self.heads.len() >= self.cap {
                    self.prune();
                }
                self.heads.insert(
                    key,
                    Evidence {
                        head: o.head.clone(),
                        ..Evidence::default()
                    },
                );
            }
            let e = self.heads.get_mut(&key).expect("inserted above");
            // Samples from a head's second document on: most heads are in
            // one document only, and hold no line of it.
            let samples = e.docs > 0;
            e.docs += 1;
            for h in group {
                e.lines += 1;
                if !h.headline {
                    continue;
                }
                e.headline += 1;
                if e.tails.len() < TAILS && !e.tails.contains(&h.tail) {
                    e.tails.push(h.tail);
                }
                if samples && e.samples.len() < SAMPLES && !e.samples.contains(&h.line) {
                    e.samples.push(h.line.clone());
                }
            }
        }
    }

    /// Add `e` under `key` (a new head makes room first).
    pub fn insert(&mut self, key: u64, e: &Evidence) {
        if !self.heads.contains_key(&key) && self.heads.len() >= self.cap {
            self.prune();
        }
        match self.heads.get_mut(&key) {
            Some(have) => have.absorb(e),
            None => {
                self.heads.insert(key, e.clone());
            }
        }
    }

    /// Drop every head at or below a rising floor until a third is free.
    fn prune(&mut self) {
        while self.heads.len() * 3 > self.cap * 2 {
            self.floor += 1;
            let floor = self.floor;
            self.heads.retain(|_, e| e.docs > floor);
        }
    }

    /// Add the heads of `other` (documents that follow this table's).
    pub fn merge(&mut self, other: &Table) {
        self.floor += other.floor;
        for (k, e) in other.sorted() {
            self.insert(k, e);
        }
    }

    /// Entries in key order (for a saved state that does not depend on
    /// hashing order).
    pub fn sorted(&self) -> Vec<(u64, &Evidence)> {
        let mut v: Vec<(u64, &Evidence)> = self.heads.iter().map(|(k, e)| (*k, e)).collect();
        v.sort_unstable_by_key(|(k, _)| *k);
        v
    }

    /// The heads in at least `min_docs` documents: what the cleaning pass
    /// needs (the kind applies its own thresholds on top).
    pub fn frequent(&self, min_docs: u32) -> HashMap<u64, Evidence> {
        self.heads
            .iter()
            .filter(|(_, e)| e.docs >= min_docs)
            .map(|(k, e)| (*k, e.clone()))
            .collect()
    }
}

/// A table in a portable form (in `CounterState`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableState {
    pub cap: usize,
    pub floor: u32,
    pub heads: Vec<(u64, Evidence)>,
}

impl Table {
    pub fn state(&self) -> TableState {
        TableState {
            cap: self.cap,
            floor: self.floor,
            heads: self
                .sorted()
                .into_iter()
                .map(|(k, e)| (k, e.clone()))
                .collect(),
        }
    }

    /// A table holding `state`; a state saved before templates existed
    /// (empty, cap 0) gives an empty table of the default size.
    pub fn from_state(state: &TableState) -> Table {
        let cap = if state.cap == 0 {
            TEMPLATE_CAP
        } else {
            state.cap
        };
        let mut t = Table::new(cap);
        t.floor = state.floor;
        for (k, e) in &state.heads {
            t.insert(*k, e);
        }
        t
    }
}
