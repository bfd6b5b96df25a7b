//! What the model's features read of one segment alone (`Facts`): its
//! shape, content words, digits, separators, words and capitals, and the
//! key of its folded text. None of it depends on which other segments are
//! kept, so it is computed once per segment and the rounds of `model::run`
//! (which score again what the previous round left) reuse it; `features`
//! turns it and the segment's context into bins.

use super::spec::fnv;
use crate::pipeline::document::Document;
use crate::rules::kinds::{ends_sentence, has_sentence_punct_strict};
use crate::text::count_bytes;

/// A segment is short under this many characters.
pub(super) const SHORT: usize = 80;
/// A body-like segment: at least this long, with sentence punctuation.
const BODY_CHARS: usize = 100;
/// A content word: at least this many characters.
const CONTENT_CHARS: usize = 4;

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

/// Separator characters in `line`: `| > / : -` and `• · » « – —`. The
/// ASCII ones are counted by `count_bytes` (vectorized); the others
/// by their UTF-8 bytes after each 0xC2 or 0xE2 (`line` is valid UTF-8, so
/// those bytes only ever start a character).
fn separators(line: &str) -> usize {
    let b = line.as_bytes();
    let ascii = count_bytes(b, |x| matches!(x, b'|' | b'>' | b'/' | b':' | b'-'));
    let at = |k: usize| b.get(k).copied();
    let wide = memchr::memchr2_iter(0xC2, 0xE2, b)
        .filter(|&k| match b[k] {
            0xC2 => matches!(at(k + 1), Some(0xB7 | 0xBB | 0xAB)),
            _ => at(k + 1) == Some(0x80) && matches!(at(k + 2), Some(0xA2 | 0x93 | 0x94)),
        })
        .count();
    ascii + wide
}

/// Whether `line` starts with a number of one to three digits and `.` or
/// `)` (`1.`, `12)`): what is before its first `.` or `)` is such a number.
/// Only the first four bytes can tell (`.` and `)` are ASCII, never inside
/// another character), so a long line is not searched to its end.
fn numbered(line: &str) -> bool {
    let head = &line.as_bytes()[..line.len().min(4)];
    head.iter()
        .position(|&b| b == b'.' || b == b')')
        .is_some_and(|p| p > 0 && head[..p].iter().all(u8::is_ascii_digit))
}

/// The facts of one segment (see the module doc).
pub struct Facts {
    pub chars: usize,
    /// 0 no sentence punctuation, 1 some inside, 2 ends a sentence, 3 ends
    /// with a colon.
    pub end: u8,
    pub short: bool,
    pub body_like: bool,
    /// Content words, hashed (`content_words`).
    pub words: Vec<u64>,
    /// Hash of the trimmed folded text (copies among the kept segments).
    pub text_key: u64,
    /// ASCII digits of the folded text (Arabic-Indic digits are ASCII there).
    pub digits: usize,
    pub seps: usize,
    /// Words split at ASCII whitespace; of them, those whose first
    /// non-punctuation byte is an ASCII letter, and capital.
    pub word_count: usize,
    pub cased: usize,
    pub caps: usize,
    /// Starts like a list item (`-`, `•`, `1.`, `2)`).
    pub list: bool,
}

/// The facts of segment `i` of `doc`.
pub fn facts(doc: &Document, i: usize) -> Facts {
    let line = doc.line(i).trim();
    let folded = doc.folded_line(i);
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
    // Digits on the folded view; separators and capitals by byte: no
    // Unicode tables per character.
    let (mut cased, mut caps, mut word_count) = (0usize, 0usize, 0usize);
    for w in line.split_ascii_whitespace() {
        word_count += 1;
        if let Some(&c) = w.as_bytes().iter().find(|c| !c.is_ascii_punctuation()) {
            if c.is_ascii_alphabetic() {
                cased += 1;
                caps += usize::from(c.is_ascii_uppercase());
            }
        }
    }
    let list = line.starts_with(['-', '•', '*', '·', '–']) || numbered(line);
    Facts {
        chars,
        end,
        short: chars < SHORT && end != 2,
        body_like: chars >= BODY_CHARS && end != 0,
        words: content_words(folded),
        text_key: fnv(folded.trim().as_bytes()),
        digits: count_bytes(folded.as_bytes(), |b| b.is_ascii_digit()),
        seps: separators(line),
        word_count,
        cased,
        caps,
        list,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_count_as_str_matches_does() {
        for line in [
            "a | b > c",
            "• one · two » three « four – five — six",
            "أ-ب: ج",
            "¬ ‒ ‘",
        ] {
            let want = line
                .bytes()
                .filter(|b| matches!(b, b'|' | b'>' | b'/' | b':' | b'-'))
                .count()
                + line.matches(['•', '·', '»', '«', '–', '—']).count();
            assert_eq!(separators(line), want, "{line}");
        }
    }

    #[test]
    fn numbered_is_a_short_number_before_the_first_stop() {
        for line in [
            "1. a", "12) b", "123.", "1234. c", ". d", "a1. e", "1 .", "١. f", "1", "7)",
        ] {
            let want = line.split_once(['.', ')']).is_some_and(|(h, _)| {
                !h.is_empty() && h.len() <= 3 && h.chars().all(|c| c.is_ascii_digit())
            });
            assert_eq!(numbered(line), want, "{line}");
        }
    }
}
