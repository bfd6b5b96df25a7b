//! What ties a block of lines to the article around it: shared by the
//! detectors that cannot tell furniture from article structure by shape
//! alone (a team line-up and a tag cloud, a ranked list and a widget of
//! other stories' headlines, a fixture and a byline).
//!
//! * `coherence`: the share of a block's content words that occur in the
//!   rest of the document. A list of other stories' headlines shares few of
//!   its words with this article's body; a ranking, a line-up or a list of
//!   fixtures names what the article talks about.
//! * `introduces`: a line ending with a colon ("في قصيدته:", "Think about
//!   it:") announces the lines under it as part of the article.
//! * `dated` / `label_value` / `ranked`: items of a timeline ("15 مارس
//!   2011 - اندلاع ...", "June 9 -- ..."), of a table ("أفضل فيلم: ...") and
//!   of a ranking ("1- الهند 69 مليار دولار", "2- الصين ...").
//!
//! Everything works on the folded view (lower case, ى → ي, ة → ه, digits ASCII).

use crate::pipeline::document::Document;
use crate::text::word_char::is_alphanumeric;
use std::collections::HashSet;
use std::ops::Range;

/// Function words: never content, and their share tells a sentence from a list.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "ان", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين",
    "كان", "كانت", "بين", "بعد", "قبل", "حتي", "كما", "او", "ثم", "لم", "لن", "لا", "ما", "هو",
    "هي", "قد", "كل", "عند", "منذ", "خلال", "حول", "اي", "ايضا", "انه", "انها", "له", "لها", "لقد",
    "وقد", "وفي", "ومن", "الا", "اذا", "لكن", "وان", "بان", "فان", "عليه", "عليها", "فيه", "فيها",
    "منه", "منها", "the", "and", "for", "with", "from", "that", "this", "was", "were", "are", "has",
    "have", "had", "not", "but", "its", "his", "her", "their", "they", "will", "would", "said",
    "about", "into", "over", "after", "than", "which", "who", "been", "our", "you", "your", "can",
    "of", "to", "in", "on", "at", "by", "is", "it", "as", "or", "an", "be", "a", "we",
];

fn is_stopword(w: &str) -> bool {
    // A set, not a scan of the list: every word of a document asks
    // (`stem_index`).
    static SET: std::sync::OnceLock<std::collections::HashSet<&str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(w)
}

/// Words a sentence cannot end on (folded): prepositions, conjunctions,
/// relatives and articles ("في", "إن", "التي", "the", "and"); a first line
/// ending on one is a sentence broken over two lines. (Not English
/// particles that end phrasal verbs: "drags on", "signs off".)
#[rustfmt::skip]
const OPEN_ENDS: &[&str] = &[
    "في", "من", "علي", "الي", "عن", "مع", "ان", "التي", "الذي", "الذين", "ثم", "او", "و", "لكن",
    "بين", "بعد", "قبل", "حتي", "منذ", "خلال", "حول", "كما", "لان", "بان", "وان", "the", "a", "an",
    "and", "or", "of", "to", "with", "that", "which", "whose", "from", "by", "but",
];

/// Past-tense verbs of saying (folded) that open an Arabic lead sentence:
/// "قال وزير الخارجية إن ...", "أعلنت الوزارة أن ...".
#[rustfmt::skip]
const REPORTING: &[&str] = &[
    "قال", "قالت", "اعلن", "اعلنت", "اكد", "اكدت", "كشف", "كشفت", "ذكر", "ذكرت", "افاد", "افادت",
    "اوضح", "اوضحت", "اشار", "اشارت", "اعتبر", "اعتبرت", "صرح", "صرحت", "اضاف", "اضافت", "شدد",
    "شددت", "نفي", "نفت", "ابرز", "ابرزت",
];

/// Whether a (folded) line is reported speech in the form of a lead: a verb
/// of saying first (after an optional و) and the complementizer ان after it.
pub fn reported(line: &str) -> bool {
    let mut w = words(line);
    let first = w.next().unwrap_or("");
    let verb = REPORTING.contains(&first)
        || first
            .strip_prefix('و')
            .is_some_and(|v| REPORTING.contains(&v));
    verb && w.any(|x| x == "ان")
}

/// Whether a folded word leaves its sentence open (see `OPEN_ENDS`).
pub fn leaves_open(w: &str) -> bool {
    OPEN_ENDS.contains(&w)
}

/// How many of a folded text's words are function words, and how many words it has.
pub fn function_words(text: &str) -> (usize, usize) {
    let all: Vec<&str> = words(text).collect();
    (all.iter().filter(|w| is_stopword(w)).count(), all.len())
}

/// Month names (folded) of the Arabic namings and English: what a dated
/// timeline item starts with.
#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر",
    "نوفمبر", "ديسمبر", "ماي", "يوليوز", "غشت", "شتنبر", "نونبر", "دجنبر", "جانفي", "فيفري",
    "افريل", "جوان", "جويليه", "اوت", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "ايلول",
    "تشرين", "كانون", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
];

/// The words of a folded text: runs of letters and digits.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_alphanumeric(c))
        .filter(|w| !w.is_empty())
}

/// A content word's stem: function words, numbers and words of fewer than
/// three letters are none; Arabic words lose a leading و and the article
/// (ال بال لل فال كال وال), so "والحكومة" meets "الحكومة" and "حكومة".
pub(crate) fn stem(w: &str) -> Option<&str> {
    if is_stopword(w) || w.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut s = w;
    for p in ["وال", "بال", "فال", "كال", "لل", "ال", "و"] {
        if let Some(rest) = s.strip_prefix(p) {
            if rest.chars().count() >= 3 {
                s = rest;
                break;
            }
        }
    }
    (s.chars().count() >= 3).then_some(s)
}

/// Fewest content words for a block's coherence to mean anything.
const MIN_CONTENT_WORDS: usize = 3;

/// The share (0–1) of the content words of lines `block` that occur in the
/// other lines of `doc` that `counts` accepts; 0 when the block has fewer
/// than `MIN_CONTENT_WORDS`.
pub fn coherence(doc: &Document, block: Range<usize>, counts: impl Fn(usize) -> bool) -> f64 {
    coherence_of(doc, block, |_| true, counts)
}

/// `coherence` of the lines of `block` that `own` accepts (the block as a
/// second clean sees it: lines other claims own are gone).
fn coherence_of(
    doc: &Document,
    block: Range<usize>,
    own: impl Fn(usize) -> bool,
    counts: impl Fn(usize) -> bool,
) -> f64 {
    // Stems come from the document's index (`stem_index`): stemmed once, not
    // once per block asked about.
    let index = doc.stems();
    let own: Vec<&str> = block
        .clone()
        .filter(|&i| own(i))
        .flat_map(|i| index.line(doc, i))
        .collect();
    if own.len() < MIN_CONTENT_WORDS {
        return 0.0;
    }
    let elsewhere = |i: usize| !block.contains(&i) && counts(i);
    own.iter()
        .filter(|w| index.occurs(doc, w, elsewhere))
        .count() as f64
        / own.len() as f64
}

/// Whether line `i` reads as a body paragraph: 60 characters or more,
/// ending a sentence. Coherence is measured against these only, so the
/// menus and teasers of a scraped page do not vouch for each other.
pub fn body_line(doc: &Document, i: usize) -> bool {
    doc.lines[i].chars >= 60 && super::ends_sentence(doc.line(i))
}

/// The share of a (folded) line's content words that repeat an earlier one
/// (function words and numbers, which any sentence repeats, left out).
pub fn content_repeat_share(line: &str) -> f64 {
    let content: Vec<&str> = words(line)
        .filter(|w| !is_stopword(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if content.is_empty() {
        return 0.0;
    }
    let distinct: HashSet<&str> = content.iter().copied().collect();
    (content.len() - distinct.len()) as f64 / content.len() as f64
}

/// Whether a (folded) date line is a period, not a stamp: two years, no
/// clock time, and no word but month names ("29 november 2018 | 20 january
/// 2019"): an event's dates, which the article gives.
pub fn period(line: &str) -> bool {
    let all: Vec<&str> = words(line).collect();
    let years = all
        .iter()
        .filter(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .count();
    let clock = line.contains(':');
    years == 2
        && !clock
        && all
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || MONTHS.contains(w))
}

/// Whether a (folded) line announces what follows as a sentence of the
/// article: it ends with a colon and reads as a clause, three words or more
/// with a function word ("وجاء الترتيب كما يلي:", "فقال في قصيدته:", "Think
/// about it:"), not a widget's noun-phrase heading ("الأخبار الرئيسية:").
pub fn introduces(line: &str) -> bool {
    let (function, all) = function_words(line);
    line.trim_end().ends_with([':', '：']) && function >= 1 && all >= 3
}

/// Strip a leading item number or bullet ("1-", "10.", "3)", "(2)", "•", "-").
fn unbullet(line: &str) -> &str {
    let t = line.trim_start();
    let t = match t.strip_prefix(['(', '[']) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => {
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            return rest.trim_start_matches([')', ']']).trim_start();
        }
        _ => t,
    };
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = if digits.len() < t.len() && digits.starts_with(['-', '.', ')', '–']) {
        &digits[1..]
    } else {
        t.trim_start_matches(['•', '-', '*', '–', '▪', '·'])
    };
    rest.trim_start()
}

/// Whether a (folded) item starts with a date: a month name among its first
/// three words, a year (1900–2099), or a d/m/y date.
pub fn dated(line: &str) -> bool {
    let t = unbullet(line);
    let first: Vec<&str> = words(t).take(3).collect();
    let year = |w: &str| w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
    first.iter().any(|w| MONTHS.contains(w))
        || first.first().is_some_and(|w| year(w))
        || t.split_whitespace()
            .next()
            .is_some_and(|w| w.matches(['/', '.']).count() == 2 && w.starts_with(char::is_numeric))
}

/// Whether a (folded) item is a label and a value: "أفضل فيلم: ...",
/// "england (group a): 10th appearance", "1- الهند: 69 مليار دولار": one
/// colon, after one to `max_label_words` words, with one to
/// `max_value_words` words after it, and no menu separators (| / · •).
pub fn label_value(line: &str, max_label_words: usize, max_value_words: usize) -> bool {
    let t = unbullet(line);
    if t.contains(['|', '/', '·', '•']) || t.matches([':', '：']).count() != 1 {
        return false;
    }
    match t.split_once([':', '：']) {
        Some((label, value)) => {
            let n = label.split_whitespace().count();
            let v = value.split_whitespace().count();
            (1..=max_label_words).contains(&n) && (1..=max_value_words).contains(&v)
        }
        None => false,
    }
}

/// The item number a (folded) item starts with ("3-", "3.", "3)", "(3)").
pub fn item_number(line: &str) -> Option<u32> {
    let t = line.trim_start();
    let t = t.strip_prefix(['(', '[']).unwrap_or(t);
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    let marked = rest.starts_with(['-', '.', ')', ']', '–']);
    (marked && !digits.is_empty())
        .then(|| digits.parse().ok())
        .flatten()
}

/// Whether (folded) items are a ranking: numbered 1, 2, 3, ... and each
/// holding a number besides its item number ("1- الهند 79 مليار دولار").
pub fn ranked(items: &[&str]) -> bool {
    items.iter().enumerate().all(|(k, t)| {
        item_number(t) == Some(k as u32 + 1) && unbullet(t).chars().any(|c| c.is_ascii_digit())
    })
}

/// Whether a (folded) list line reads as a sentence: function words in at
/// least half of its comma-separated parts ("1 lemon, or about a cup of
/// juice"), or most of its parts after the first joined by "و" / "and" /
/// "or" (an enumeration inside a sentence: "وزراء الخارجية، والداخلية،
/// والدفاع"). Menu separators (| / · •) are no prose punctuation (a / between
/// digits is a fraction: "1/4 cup").
pub fn sentence_like(line: &str) -> bool {
    let b = line.as_bytes();
    let fraction = |i: usize| {
        i > 0 && i + 1 < b.len() && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit()
    };
    let menu = line
        .char_indices()
        .any(|(i, c)| matches!(c, '|' | '·' | '•') || (c == '/' && !fraction(i)));
    if menu {
        return false;
    }
    let parts: Vec<&str> = line
        .split(['،', ',', ';', '؛'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let with_function = parts.iter().filter(|p| function_words(p).0 > 0).count();
    if parts.len() >= 2 && with_function * 2 >= parts.len() {
        return true;
    }
    let rest = parts.get(1..).unwrap_or_default();
    let joined = rest
        .iter()
        .filter(|p| p.starts_with('و') || p.starts_with("and ") || p.starts_with("or "))
        .count();
    rest.len() >= 2 && joined * 2 > rest.len()
}

/// Whether the article vouches for the block of lines `r` (its lines that
/// are `free`, as a second clean of the output sees them): a line above it
/// introduces it, its items are a timeline, a table of labels and values or
/// a ranking (perhaps under the list's own heading, "Tour Dates"), or its
/// content words occur in the document's body lines (`coherence` at least
/// `min_coherence`). Used by the detectors that judge blocks by shape and by
/// the segment model, which keep a vouched-for block whole.
pub fn vouches(
    doc: &Document,
    r: Range<usize>,
    free: &impl Fn(usize) -> bool,
    min_coherence: f64,
) -> bool {
    // A line that introduces it: above it, or its own first line.
    let above = (0..r.start).rev().find(|&k| free(k));
    let first = r.clone().find(|&k| free(k));
    if [above, first]
        .into_iter()
        .flatten()
        .any(|k| introduces(doc.folded_line(k)))
    {
        return true;
    }
    let items: Vec<&str> = r
        .clone()
        .filter(|&k| free(k))
        .map(|k| doc.folded_line(k))
        .collect();
    let listed = |items: &[&str]| {
        items.iter().all(|t| dated(t))
            || items.iter().all(|t| label_value(t, 4, 7))
            || ranked(items)
    };
    if listed(&items) || (items.len() > 2 && listed(&items[1..])) {
        return true;
    }
    coherence_of(doc, r, free, |k| free(k) && body_line(doc, k)) >= min_coherence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coherence_counts_the_blocks_words_found_elsewhere() {
        let d = Document::new(
            "وفاز الوداد البيضاوي على الرجاء في مباراة الديربي\nالوداد البيضاوي - الرجاء\nاخبار الطقس غدا بالرباط\nالوداد - الرجاء".into(),
        );
        assert_eq!(coherence(&d, 1..2, |_| true), 1.0);
        assert_eq!(coherence(&d, 2..3, |_| true), 0.0);
        // Lines the filter leaves out do not count.
        assert_eq!(coherence(&d, 1..2, |i| i == 2), 0.0);
        // Fewer than three content words mean nothing.
        assert_eq!(coherence(&d, 3..4, |_| true), 0.0);
    }

    #[test]
    fn dated_and_label_value_items() {
        assert!(dated("15 مارس 2011 - اندلاع الاحتجاجات"));
        assert!(dated("june 9 -- coral sky amphitheatre"));
        assert!(dated("2011: سقوط النظام"));
        assert!(!dated("الحكومه تعلن عن خطه جديده"));
        assert!(label_value("1- الهند: 69 مليار دولار", 4, 7));
        assert!(label_value("افضل فيلم: الجوكر", 4, 7));
        assert!(!label_value(
            "معهد واشنطن يقول إن مقعد الجزائر بمجلس الامن: قد يؤثر",
            4,
            7
        ));
        assert!(!label_value("قال الوزير:", 4, 7));
        assert!(period("29 november 2018 | 20 january 2019"));
        assert!(!period("published 12 oct 2021 | updated 13 oct 2021"));
        assert!(!period("الاربعاء 13 يوليوز 2017 | 08:17"));
        assert!(!label_value(
            "uefa euro 2020 qualifying: tracking every team to clinch a spot as wales",
            4,
            7
        ));
        assert!(!label_value("updated : 19 november 2019, 09:01 am", 4, 7));
        assert!(ranked(&[
            "1- الهند 79 مليار",
            "2- الصين 67 مليار",
            "3- المكسيك 36 مليار"
        ]));
        assert!(!ranked(&[
            "1. الحكومه تعلن خطه",
            "2. ارتفاع اسعار النفط",
            "3. تبون يستقبل الوزير"
        ]));
        assert!(!ranked(&[
            "2- الهند 79 مليار",
            "3- الصين 67 مليار",
            "4- المكسيك 36 مليار"
        ]));
        assert!(introduces("فقال في قصيدته:") && introduces("think about it:"));
        assert!(reported("قال وزير الخارجيه ان المغرب لن يقبل اي حل"));
        assert!(!reported("الخارجيه: المغرب لن يقبل اي حل") && !reported("قال وزير الخارجيه"));
        assert!(!introduces("الاخبار الرئيسيه:") && !introduces("وجاء الترتيب كما يلي"));
    }

    #[test]
    fn sentences_and_lists() {
        assert!(sentence_like(
            "وشارك في الاجتماع وزراء الخارجية، والداخلية، والدفاع، والمالية"
        ));
        assert!(sentence_like("1 lemon, or about a cup of lemon juice"));
        assert!(sentence_like("1 lemon, or about 1/4 cup lemon juice"));
        assert!(!sentence_like(
            "how to retire early,early retirement,retiring early,money saving,personal finance"
        ));
        assert!(!sentence_like(
            "الجزائر، الولايات المتحده، التعاون العسكري، الساحل، فرنسا"
        ));
        assert!(!sentence_like(
            "politics | business | sport | tech | culture | world"
        ));
        assert!(!sentence_like(
            "about us | stats | advertise with us | terms of service | privacy policy"
        ));
    }
}
