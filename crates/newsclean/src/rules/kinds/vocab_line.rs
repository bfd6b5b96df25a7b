//! `vocab_line` (detector): a line made only of words from a list.
//!
//! Scraped pages keep their navigation bar ("الرئيسية | أخبار | سياسة |
//! اقتصاد", "Home News Sport Business") and date lines ("الأربعاء 13 يوليوز
//! 2017 | 08:17", "12 October 2021, 07:37 GMT") as lines of their own. Both
//! are closed vocabularies, so the rule file lists the `words` (folded: ة → ه,
//! no hamza on alef, lower case; phrases of up to three words allowed) and the
//! detector checks the line is made of them.
//!
//! The line is cut into items at menu separators (| • · / > » › : ، , - –)
//! when it has two or more, else into words (a known phrase of up to three
//! words counts as one item; a leading و "and" is ignored). It is removed when
//! it has at least `min_items` items, each of at most `max_item_words` words,
//! no sentence punctuation, and at least `min_share` of the items are known
//! words (or numbers, dates and times when `numbers` is on).
//!
//! With `headings` on (date lines), lines that head the items of a timeline
//! are kept: when two or more matching lines, all different, are dates with
//! a month or year and no clock time, each followed by a kept sentence
//! ("15 مارس 2011" over what happened that day), they are the article's own
//! date headings; and a period ("29 November 2018 | 20 January 2019": two
//! years, only dates) is an event's dates, not a stamp.
//!
//! ```toml
//! [[rule]]
//! id = "detect.nav_menu"
//! kind = "vocab_line"
//! description = "A navigation bar: a line made of section names."
//! words = ["الرئيسيه", "اخبار", "سياسه", "اقتصاد", "رياضه", "home", "news", "sport", "business"]
//! examples.remove = ["الرئيسية | أخبار | سياسة | اقتصاد", "Home > News > Sport > Business"]
//! examples.keep = ["أخبار سياسة واقتصاد في نشرة اليوم."]
//! ```

use super::article::{dated, period};
use super::{ends_sentence, Behaviour};
use crate::pipeline::work::{At, Work};
use crate::text::word_char::is_alphanumeric;
use serde::Deserialize;
use std::collections::HashSet;

/// Claims: a line made only of listed words (menus, breadcrumbs, date lines).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabLineRaw {
    /// The known words and phrases (up to three words), folded.
    pub words: Vec<String>,
    /// Fewest items on the line.
    #[serde(default = "d_items")]
    pub min_items: usize,
    /// Most words in one item.
    #[serde(default = "d_words")]
    pub max_item_words: usize,
    /// Smallest share of items that must be known words.
    #[serde(default = "d_share")]
    pub min_share: f64,
    /// Whether numbers, dates and times count as known items.
    #[serde(default)]
    pub numbers: bool,
    /// Whether matching lines that head timeline items are kept (see the module doc).
    #[serde(default)]
    pub headings: bool,
}

fn d_items() -> usize {
    4
}
fn d_words() -> usize {
    3
}
fn d_share() -> f64 {
    0.75
}

#[derive(Debug, Clone)]
pub struct VocabLine {
    pub words: HashSet<String>,
    /// The first words of the phrases of several words in `words`: a run of
    /// words whose first is none of these (nor one after a و) cannot be a
    /// phrase, so `word_items` does not build it (most words of most lines).
    heads: HashSet<String>,
    pub min_items: usize,
    pub max_item_words: usize,
    pub min_share: f64,
    pub numbers: bool,
    pub headings: bool,
}

impl From<VocabLineRaw> for VocabLine {
    fn from(r: VocabLineRaw) -> VocabLine {
        let words: HashSet<String> = r
            .words
            .iter()
            .map(|w| w.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        VocabLine {
            heads: words
                .iter()
                .filter_map(|w| w.split_once(' ').map(|(h, _)| h.to_string()))
                .collect(),
            words,
            min_items: r.min_items,
            max_item_words: r.max_item_words,
            headings: r.headings,
            min_share: r.min_share,
            numbers: r.numbers,
        }
    }
}

/// Whether `c` separates the items of a line: `| • · / > » › < « ‹ ← → :
/// ، , - – —` (a `match`: asked of every character of every free line).
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '|' | '•'
            | '·'
            | '/'
            | '>'
            | '»'
            | '›'
            | '<'
            | '«'
            | '‹'
            | '←'
            | '→'
            | ':'
            | '،'
            | ','
            | '-'
            | '–'
            | '—'
    )
}

/// Split at separators, except between two digits (08:17, 1-07-2016, 1/01).
/// One pass over the characters, with the one before and the one after.
fn split_items(line: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_separator(c) {
            let next = chars.peek().map(|&(_, n)| n);
            let digits = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            if !digits {
                items.push(line[start..i].trim());
                start = i + c.len_utf8();
            }
        }
        prev = Some(c);
    }
    items.push(line[start..].trim());
    items.retain(|s| !s.is_empty());
    items
}

fn trim_punct(s: &str) -> &str {
    s.trim_matches(|c: char| !is_alphanumeric(c))
}

impl VocabLine {
    fn known(&self, item: &str) -> bool {
        let item = trim_punct(item);
        self.words.contains(item)
            || item
                .strip_prefix('و')
                .is_some_and(|w| self.words.contains(w))
            || (self.numbers && is_number(item))
    }

    /// Items of a line without separators: known phrases of up to three
    /// words first, then single words. Returns (items, known items).
    fn word_items(&self, line: &str) -> (usize, usize) {
        let words: Vec<&str> = line
            .split_whitespace()
            .map(trim_punct)
            .filter(|w| !w.is_empty())
            .collect();
        let (mut i, mut items, mut known) = (0, 0, 0);
        let mut joined = String::new();
        while i < words.len() {
            let w = words[i];
            let head = self.heads.contains(w)
                || w.strip_prefix('و').is_some_and(|w| self.heads.contains(w));
            let phrase = (2..=3).rev().find(|&n| {
                head && i + n <= words.len() && {
                    joined.clear();
                    for (k, w) in words[i..i + n].iter().enumerate() {
                        if k > 0 {
                            joined.push(' ');
                        }
                        joined.push_str(w);
                    }
                    self.known(&joined)
                }
            });
            let n = phrase.unwrap_or(1);
            items += 1;
            if phrase.is_some() || self.known(words[i]) {
                known += 1;
            }
            i += n;
        }
        (items, known)
    }

    /// Whether the (folded) line is made of the vocabulary.
    pub fn detect(&self, line: &str) -> bool {
        if super::has_sentence_punct_strict(line) {
            return false;
        }
        let parts = split_items(line);
        let (items, known) = if parts.len() >= 3 {
            let items = parts;
            if items
                .iter()
                .any(|i| i.split_whitespace().count() > self.max_item_words)
            {
                return false;
            }
            let known = items
                .iter()
                .filter(|i| {
                    let (n, k) = self.word_items(i);
                    n > 0 && n == k
                })
                .count();
            (items.len(), known)
        } else {
            self.word_items(line)
        };
        items >= self.min_items && known as f64 / items as f64 >= self.min_share
    }
}

/// A number, date or time: digits with `:` `/` `-` `.` `,` between them.
fn is_number(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || ":/-.,".contains(c))
}

impl Behaviour for VocabLine {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize::<VocabLineRaw>(params).map(VocabLine::from)
    }

    /// Free, uncut lines that pass `detect`, but for timeline headings.
    fn claim(&self, at: &At, work: &mut Work) {
        if !self.headings {
            return super::claim_free_lines(at, work, |line| self.detect(line));
        }
        let doc = at.doc;
        let n = doc.lines.len();
        let free =
            |w: &Work, i: usize| !doc.is_blank(i) && !w.owners.is_owned(i) && !doc.lines[i].cut;
        let hits: Vec<usize> = (0..n)
            .filter(|&i| {
                free(work, i) && work.verdict(at.index, i, n, || self.detect(doc.folded_line(i)))
            })
            .collect();
        let free = |i: usize| free(work, i);
        let heads = |i: usize| {
            let clock = doc
                .folded_line(i)
                .as_bytes()
                .windows(3)
                .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
            let next = (i + 1..doc.lines.len()).find(|&k| !doc.is_blank(k));
            let item = |k: usize| free(k) && doc.lines[k].chars >= 30 && ends_sentence(doc.line(k));
            !clock && dated(doc.folded_line(i)) && next.is_some_and(item)
        };
        let mut seen = std::collections::HashSet::new();
        let timeline = hits.iter().filter(|&&i| heads(i)).count() >= 2
            && hits.iter().all(|&i| seen.insert(doc.folded_line(i).trim()));
        let claimed: Vec<usize> = hits
            .iter()
            .copied()
            .filter(|&i| !(timeline && heads(i)))
            .collect();
        let claimed = claimed.into_iter().filter(|&i| !period(doc.folded_line(i)));
        for i in claimed {
            work.owners.add(at.claim(i..i + 1, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_split_at_separators_but_between_digits() {
        let seps = "|•·/>»›<«‹←→:،,-–—";
        assert!(seps.chars().all(is_separator));
        assert!(!"a ا.؛;()".chars().any(is_separator));
        assert_eq!(
            split_items("08:17 | أخبار - 1-07-2016/ رياضة"),
            ["08:17", "أخبار", "1-07-2016", "رياضة"]
        );
    }

    fn menu() -> VocabLine {
        VocabLineRaw {
            words: [
                "الرئيسيه",
                "اخبار",
                "سياسه",
                "اقتصاد",
                "رياضه",
                "ثقافه",
                "home",
                "news",
                "sport",
                "كتاب واراء",
            ]
            .map(String::from)
            .to_vec(),
            min_items: 4,
            max_item_words: 3,
            min_share: 0.75,
            numbers: false,
            headings: false,
        }
        .into()
    }

    fn dates() -> VocabLine {
        VocabLineRaw {
            words: [
                "الاربعاء",
                "يوليوز",
                "october",
                "gmt",
                "اخر",
                "تحديث",
                "منذ",
                "دقيقه",
            ]
            .map(String::from)
            .to_vec(),
            min_items: 2,
            max_item_words: 3,
            min_share: 1.0,
            numbers: true,
            headings: true,
        }
        .into()
    }

    #[test]
    fn section_names_make_a_menu() {
        assert!(menu().detect("الرئيسيه | اخبار | سياسه | اقتصاد | رياضه"));
        assert!(menu().detect("الرئيسيه اخبار سياسه رياضه"));
        assert!(menu().detect("home news sport اخبار"));
        assert!(menu().detect("الرئيسيه اخبار كتاب واراء وسياسه"));
    }

    #[test]
    fn date_lines_with_numbers() {
        assert!(dates().detect("الاربعاء 13 يوليوز 2017 | 08:17"));
        assert!(dates().detect("12 october 2021, 07:37 gmt"));
        assert!(dates().detect("اخر تحديث منذ 38 دقيقه"));
        assert!(!dates().detect("الاربعاء 13 يوليوز قال الوزير"));
        assert!(!menu().detect("2017 2018 2019 2020"));
    }

    #[test]
    fn thresholds_hold_on_both_sides() {
        // Three items: one below min_items.
        assert!(!menu().detect("الرئيسيه | اخبار | سياسه"));
        // Half the items unknown: below min_share.
        assert!(!menu().detect("اخبار سياسه الوزير يصل"));
        // A sentence mentioning sections.
        assert!(!menu().detect("اخبار سياسه واقتصاد ورياضه في نشره اليوم."));
    }
}
