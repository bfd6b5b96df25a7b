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

pub use super::template_table::{Evidence, Table, TableState, TEMPLATE_CAP};

/// Longest separator head (characters) and most words in it.
pub const MAX_HEAD_CHARS: usize = 30;
pub const MAX_HEAD_WORDS: usize = 4;
/// Words of a head taken from a line with no separator near its start.
pub const TOKEN_HEAD: usize = 3;
/// Lines longer than this (characters) are never headline-like.
pub const HEADLINE_CHARS: usize = 200;

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

#[cfg(test)]
mod tests {
    use super::super::template_table::{SAMPLES, TAILS};
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
