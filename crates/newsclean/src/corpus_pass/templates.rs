//! Line templates mined by the first pass: a line's *head* — its leading
//! words up to a separator (`:`, ` - `, `|`, `•`, `»`, a closing bracket),
//! or its first `TOKEN_HEAD` words when there is none — counted once per
//! distinct document, with how many of its lines look like headlines (short,
//! no final stop), a few distinct tails and sample lines. A head that starts
//! lines in many documents while what follows varies ("read more: …",
//! "photo: …", a site name and a dash before a headline) is boilerplate of
//! that dump; `rules::kinds::template` decides with the pack's thresholds.
//!
//! Heads are cut from the folded line (what the pass already computes), so
//! no second tokenisation. **Bounded memory**: the table holds at most `cap`
//! heads; when full, every head in at most a rising `floor` of documents is
//! dropped (lossy counting, as the line table: counts only go under).

use std::collections::HashMap;

/// Longest separator head (characters) and most words in it.
pub const MAX_HEAD_CHARS: usize = 30;
pub const MAX_HEAD_WORDS: usize = 4;
/// Words of a head taken from a line with no separator near its start.
pub const TOKEN_HEAD: usize = 3;
/// Lines longer than this (characters) are never headline-like.
pub const HEADLINE_CHARS: usize = 200;
/// Distinct tails remembered per head, and sample lines kept.
pub const TAILS: usize = 8;
pub const SAMPLES: usize = 3;
/// Heads the table holds: each a head (at most 4 short words), 8 tail
/// hashes and, from its second document on, up to 3 sample lines of at most
/// 200 characters (a few MiB in practice; 40 MiB if every head had samples
/// of the longest lines).
pub const TEMPLATE_CAP: usize = 32_768;

/// The first separator of `s`: its byte offset and itself (dashes with
/// the spaces around them: `a-b` is a word). One pass over the characters.
fn separator(s: &str) -> Option<(usize, &'static str)> {
    let b = s.as_bytes();
    let spaced = |i: usize, len: usize| i > 0 && b[i - 1] == b' ' && b.get(i + len) == Some(&b' ');
    for (i, c) in s.char_indices() {
        let sep = match c {
            ':' => ":",
            '：' => "：",
            '|' => "|",
            '•' => "•",
            '»' => "»",
            ')' => ")",
            ']' => "]",
            '-' if spaced(i, 1) => " - ",
            '–' if spaced(i, 3) => " – ",
            '—' if spaced(i, 3) => " — ",
            _ => continue,
        };
        let at = if sep.starts_with(' ') { i - 1 } else { i };
        return Some((at, sep));
    }
    None
}

/// A line's head and what follows it (both from the folded, trimmed line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head<'a> {
    /// The head's words (whitespace as in the line).
    pub words: &'a str,
    /// The separator (trimmed), `""` for a head of the first words.
    pub sep: &'static str,
    pub tail: &'a str,
}

impl Head<'_> {
    /// The head as counted and shown: its words, whitespace collapsed, then
    /// the separator: `read more :`, `bbc news -`, `follow us on`.
    pub fn text(&self) -> String {
        let mut t = self.words.split_whitespace().collect::<Vec<_>>().join(" ");
        if !self.sep.is_empty() {
            t.push(' ');
            t.push_str(self.sep);
        }
        t
    }

    /// Hash of `text()`, computed without building it.
    pub fn key(&self) -> u64 {
        use std::hash::Hasher;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (i, w) in self.words.split_whitespace().enumerate() {
            if i > 0 {
                h.write(b" ");
            }
            h.write(w.as_bytes());
        }
        if !self.sep.is_empty() {
            h.write(b" ");
            h.write(self.sep.as_bytes());
        }
        h.finish()
    }
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// The head of a folded line, if it has one.
pub fn head(folded_line: &str) -> Option<Head<'_>> {
    let line = folded_line.trim();
    // A separator head ends within MAX_HEAD_CHARS characters (4 bytes at most each).
    let mut window = line.len().min(4 * (MAX_HEAD_CHARS + 2));
    while !line.is_char_boundary(window) {
        window -= 1;
    }
    let sep = separator(&line[..window]);
    if let Some((i, s)) = sep {
        let words = &line[..i];
        let tail = line[i + s.len()..].trim();
        let url = s == ":" && tail.starts_with("//");
        let s = s.trim();
        let (mut n, mut chars) = (0, 0);
        for w in words.split_whitespace() {
            n += 1;
            chars += w.chars().count() + 1;
        }
        if n > 0
            && n <= MAX_HEAD_WORDS
            && chars <= MAX_HEAD_CHARS + 1
            && has_letter(words)
            && !tail.is_empty()
            && !url
        {
            return Some(Head {
                words,
                sep: s,
                tail,
            });
        }
    }
    // The first TOKEN_HEAD words, when more follow.
    let mut at = 0;
    let mut n = 0;
    for (i, w) in line.split_whitespace().enumerate() {
        let start = w.as_ptr() as usize - line.as_ptr() as usize;
        if i == TOKEN_HEAD {
            at = start;
            break;
        }
        n += 1;
    }
    if n < TOKEN_HEAD || at == 0 || !has_letter(&line[..at]) {
        return None;
    }
    Some(Head {
        words: &line[..at],
        sep: "",
        tail: &line[at..],
    })
}

/// Whether a line reads as a headline or label rather than a body sentence.
pub fn headline_like(folded_line: &str) -> bool {
    let l = folded_line.trim();
    l.chars().count() <= HEADLINE_CHARS && !crate::rules::kinds::ends_sentence(l)
}

/// One line of a document that has a head.
#[derive(Debug, Clone)]
pub struct Hit {
    pub key: u64,
    /// Whether the line is headline-like; only those carry the rest.
    pub headline: bool,
    /// `Head::text` (empty for a line that is not headline-like).
    pub head: String,
    pub tail: u32,
    /// The line as written (normalized, trimmed): a sample.
    pub line: String,
}

/// Every head-starting line of one document, sorted by head: `folded` is
/// the folded view of `text` (lines correspond one to one).
pub fn hits(text: &str, folded: &str) -> Vec<Hit> {
    let mut out: Vec<Hit> = folded
        .split('\n')
        .zip(text.split('\n'))
        .filter_map(|(l, original)| {
            let h = head(l)?;
            let key = h.key();
            if !headline_like(l) {
                return Some(Hit {
                    key,
                    headline: false,
                    head: String::new(),
                    tail: 0,
                    line: String::new(),
                });
            }
            Some(Hit {
                key,
                headline: true,
                head: h.text(),
                tail: super::key(h.tail) as u32,
                line: original.trim().to_string(),
            })
        })
        .collect();
    out.sort_by_key(|h| h.key);
    out
}

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

    /// Add one document's hits (sorted by key, as `hits` returns them). A
    /// head is entered by a headline-like line; lines that are not (body
    /// paragraphs) count against a head already in the table.
    pub fn add(&mut self, hits: &[Hit]) {
        for group in hits.chunk_by(|a, b| a.key == b.key) {
            let key = group[0].key;
            let opener = group.iter().find(|h| h.headline);
            if !self.heads.contains_key(&key) {
                let Some(o) = opener else { continue };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_stop_at_the_first_separator_or_take_the_first_words() {
        let h = |l| head(l).map(|h| (h.text(), h.tail.to_string()));
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(
            h("  اقرا ايضا: خبر عن الاقتصاد"),
            pair("اقرا ايضا :", "خبر عن الاقتصاد")
        );
        assert_eq!(
            h("bbc news - talks resume"),
            pair("bbc news -", "talks resume")
        );
        assert_eq!(h("photo | reuters"), pair("photo |", "reuters"));
        assert_eq!(h("follow us on twitter"), pair("follow us on", "twitter"));
        // A head too long for a separator head falls back to the first words.
        assert_eq!(
            h("the minister of foreign affairs said: we agree"),
            pair("the minister of", "foreign affairs said: we agree")
        );
        // No head: a URL, nothing after the separator, too few words, no letters.
        assert_eq!(h("https://example.com/a"), None);
        assert_eq!(h("photo:"), None);
        assert_eq!(h("read more"), None);
        assert_eq!(h("12: 30 40 50"), None);
    }

    #[test]
    fn a_head_counts_once_per_document_and_the_table_stays_bounded() {
        let mut t = Table::new(4);
        for i in 0..40 {
            let doc =
                format!("read more: story {i}\nread more: other {i}\nunique head {i} here now");
            t.add(&hits(&doc, &doc));
        }
        let e = &t.heads[&head("read more: x").unwrap().key()];
        assert_eq!((e.docs, e.lines, e.headline), (40, 80, 80));
        assert_eq!((e.tails.len(), e.samples.len()), (TAILS, SAMPLES));
        assert_eq!(e.samples[0], "read more: story 1");
        assert!(t.heads.len() <= 4, "{}", t.heads.len());
        assert!(t.floor > 0);
    }
}
