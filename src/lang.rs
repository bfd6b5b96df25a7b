//! A cheap per-document script check that picks which language's rules run.
//!
//! Counts Arabic-script and Latin letters in the first 4 KB; whichever has
//! more wins. Latin text is labelled `en` (the only Latin pack so far); text
//! with neither is `und`, and only language-neutral rules run on it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    En,
    Und,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ar, Lang::En, Lang::Und];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Und => "und",
        }
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// `is_arabic(c) && c.is_alphabetic()`, with the main Arabic blocks
/// (U+0600–U+08FF) looked up in a table built once: `is_alphabetic` is a
/// binary search, and was the largest cost of a run (see README, "Benchmark").
fn is_arabic_letter(c: char) -> bool {
    let cp = c as u32;
    if (cp as usize) < CLASS_END {
        class_table()[cp as usize] == ARABIC
    } else {
        is_arabic(c) && c.is_alphabetic()
    }
}

/// Detect the document's main script from a prefix of `text`.
pub fn detect(text: &str) -> Lang {
    match counts(text) {
        (0, 0) => Lang::Und,
        (a, l) if a >= l => Lang::Ar,
        _ => Lang::En,
    }
}

/// (Arabic letters, Latin letters) among the first 4096 characters.
fn counts(text: &str) -> (usize, usize) {
    let class = class_table();
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars().take(4096) {
        let cp = c as usize;
        if cp < CLASS_END {
            // One lookup instead of a chain of range tests.
            let k = class[cp];
            latin += usize::from(k == LATIN);
            arabic += usize::from(k == ARABIC);
        } else if is_arabic_letter(c) {
            arabic += 1;
        }
    }
    (arabic, latin)
}

const CLASS_END: usize = 0x0900;
const LATIN: u8 = 1;
const ARABIC: u8 = 2;

/// The class of every code point below U+0900, built once from the plain
/// definitions: `is_alphabetic` is a binary search, and was the largest
/// cost of a run before this table (see README, "Benchmark").
fn class_table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..CLASS_END as u32)
            .map(|cp| match char::from_u32(cp) {
                Some(c) if c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}') => LATIN,
                Some(c) if is_arabic(c) && c.is_alphabetic() => ARABIC,
                _ => 0,
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_is_alphabetic() {
        for cp in 0x0500..0x0A00 {
            let c = char::from_u32(cp).unwrap();
            assert_eq!(
                is_arabic_letter(c),
                is_arabic(c) && c.is_alphabetic(),
                "{cp:X}"
            );
        }
    }

    #[test]
    fn detect_counts_as_the_plain_definition() {
        let plain = |text: &str| {
            let (mut a, mut l) = (0usize, 0usize);
            for c in text.chars().take(4096) {
                if c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}') {
                    l += 1;
                } else if is_arabic(c) && c.is_alphabetic() {
                    a += 1;
                }
            }
            (a, l)
        };
        let all: String = (0x20..0x11000).filter_map(char::from_u32).collect();
        let mut samples = vec![all.clone(), "قال BBC ﻻ ٱ é".into(), "ab".repeat(3000)];
        samples.push(format!("{}ب", "a".repeat(4095)));
        samples.push(format!("{}بب", "ا".repeat(4095)));
        samples.extend(
            all.chars()
                .collect::<Vec<_>>()
                .chunks(97)
                .map(|c| c.iter().collect()),
        );
        for s in &samples {
            assert_eq!(counts(s), plain(s), "{s}");
        }
    }

    #[test]
    fn script_decides() {
        assert_eq!(detect("قال الوزير إن BBC نشرت الخبر"), Lang::Ar);
        assert_eq!(detect("The minister said قال"), Lang::En);
        assert_eq!(detect("12345 -- !!"), Lang::Und);
    }
}
