//! Text strategies: nasty characters and fragments, mutated real articles.

use crate::common::*;
use proptest::prelude::*;
use std::sync::OnceLock;

// ------------------------------------------------------------ generators

/// Characters scrapers leave in news text, and a few anything-goes ones.
pub(super) fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('\u{0621}', '\u{064A}'),
        3 => Just(' '),
        3 => Just('\n'),
        2 => prop::sample::select(vec![
            '\r', '\u{FEFF}', '\u{200F}', '\u{200E}', '\u{202B}', '\u{202C}', '\u{202E}',
            '\u{2066}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{00A0}', '\u{202F}', '\u{0640}',
            '\u{064B}', '\u{0651}', '\u{0670}', '\u{06D6}', '\u{0301}', '\u{0300}', '\u{20DD}',
            '\t', ':', '-', '.', '|', '»', '•', '،', '؛', '؟', '(', ')', '[', ']', '"', '0',
            '٣', '۴', '\u{06CC}', '\u{06A9}', 'ـ', '\u{0000}', '\u{000B}', '\u{000C}',
            '\u{0085}', '\u{2028}', '\u{2029}', '©', 'İ', 'ẞ', 'Σ', '\u{1F600}', '\u{FFFD}',
        ]),
        1 => prop::char::range('\u{FE70}', '\u{FEFF}'),
        1 => prop::char::range('\u{FB50}', '\u{FDFF}'),
        2 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        1 => any::<char>(),
    ]
}

/// Pieces of boilerplate that rules look for, to reach their code paths.
pub(super) const FRAGMENTS: &[&str] = &[
    "إقرأ أيضاً: ",
    "اقرأ المزيد: ",
    "المصدر: ",
    "كلمات دلالية: ",
    "مقالات مشابهة\n",
    "مواضيع ذات صلة\n",
    "تابعونا على فيسبوك",
    "من نفس القسم",
    "• ",
    "- ",
    "\n\n",
    "Read more: ",
    "Related stories\n",
    "Tags: ",
    "Source: ",
    "Share this article",
    "© 2020 Example News. All rights reserved.",
    "Advertisement",
    "وكالة الأنباء ",
    "سياسة اقتصاد رياضة ثقافة ",
    // "(شاهد)" is left out: after a label ("المصدر: (شاهد)إقرأ أيضاً: ء")
    // `ar.widget.inline_span` removes it and leaves a line that a line rule
    // (`ar.source.extract`) takes on a second pass: line rules judge the line
    // before span removals. The read-also cases are fixed (the patterns take
    // the label); the general fix is open (see docs/internals.md, Fuzzing).
    "الرئيس يستقبل وفدا برلمانيا.",
    "The minister said on Monday that talks would continue. ",
];

pub(super) fn nasty_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => nasty_char().prop_map(String::from),
            1 => prop::sample::select(FRAGMENTS).prop_map(String::from),
        ],
        0..max,
    )
    .prop_map(|v| v.concat())
}

/// Real article bodies (both languages), paragraphs joined by blank lines.
pub(super) fn articles() -> &'static Vec<String> {
    static A: OnceLock<Vec<String>> = OnceLock::new();
    A.get_or_init(|| {
        let mut v: Vec<String> = corpus("ar").iter().map(|p| p.join("\n\n")).collect();
        v.extend(corpus("en").iter().map(|p| p.join("\n\n")));
        v
    })
}

/// The char boundary at or before `pos % (len + 1)`.
pub(super) fn boundary(s: &str, pos: usize) -> usize {
    let mut p = pos % (s.len() + 1);
    while !s.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// One mutation of a text: (what, where, which).
pub(super) type Mutation = (u8, usize, usize);

pub(super) const INSERTS: &[&str] = &[
    "\u{200F}",
    "\u{200E}",
    "\u{202B}",
    "\u{202C}",
    "\u{FEFF}",
    "\u{0000}",
    "\r",
    "\r\n",
    "\u{0640}",
    "\u{0640}\u{0640}\u{0640}",
    "\u{064B}",
    "\u{0651}\u{064E}",
    "\u{0301}",
    "\u{00A0}",
    "\u{200B}",
    "\n",
    "\n\n",
    " \n \n",
    "\t",
];

pub(super) fn mutate(text: &mut String, (what, at, pick): Mutation) {
    let p = boundary(text, at);
    // Growing mutations stop at 1 MB (repeated long-line inserts would
    // otherwise multiply the text by up to 220 each: an OOM of the test).
    if text.len() > 1 << 20 && matches!(what % 12, 6 | 8 | 11) {
        return;
    }
    match what % 12 {
        0 => text.insert_str(p, INSERTS[pick % INSERTS.len()]),
        1 => *text = text.replace('\n', "\r\n"),
        2 => *text = text.replace('\n', "\r"),
        3 => text.insert(0, '\u{FEFF}'),
        4 => {
            // An Arabic presentation form.
            let c = if pick % 2 == 0 {
                0xFE70 + (pick / 2) as u32 % 0x8F
            } else {
                0xFB50 + (pick / 2) as u32 % 0x2B0
            };
            text.insert(p, char::from_u32(c).unwrap_or('\u{FE8D}'));
        }
        5 => {
            // Glue the line at `p` to the next one.
            if let Some(nl) = text[p..].find('\n') {
                let end = p + nl + text[p + nl..].len() - text[p + nl..].trim_start().len();
                let glue = [" ", "", "\u{00A0}"][pick % 3];
                text.replace_range(p + nl..end, glue);
            }
        }
        6 => {
            // A very long line: a paragraph repeated without newlines.
            let para: String = text
                .lines()
                .next()
                .unwrap_or("x")
                .chars()
                .take(2000)
                .collect();
            let long = vec![para; 20 + pick % 200].join(" ");
            text.insert_str(p, &long);
        }
        7 => text.insert_str(p, FRAGMENTS[pick % FRAGMENTS.len()]),
        8 => {
            // Duplicate the line holding `p`.
            let start = text[..p].rfind('\n').map_or(0, |i| i + 1);
            let end = text[p..].find('\n').map_or(text.len(), |i| p + i);
            let line = format!("{}\n", &text[start..end]);
            text.insert_str(start, &line);
        }
        9 => {
            // Combining marks stacked after one character.
            let marks = "\u{0301}\u{0327}\u{0651}\u{064B}\u{20DD}";
            let n = 1 + pick % 12;
            text.insert_str(p, &marks.chars().cycle().take(n).collect::<String>());
        }
        10 => {
            // Cut the text at `p`.
            text.truncate(p);
        }
        _ => {
            // Another article glued on.
            let a = &articles()[pick % articles().len()];
            text.insert_str(p, a);
        }
    }
}

pub(super) fn mutated_article() -> impl Strategy<Value = String> {
    (
        any::<usize>(),
        prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 0..8),
    )
        .prop_map(|(a, muts)| {
            let mut t = articles()[a % articles().len()].clone();
            for m in muts {
                mutate(&mut t, m);
            }
            t
        })
}
