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
    if (0x0600..0x0900).contains(&cp) {
        arabic_table()[(cp - 0x0600) as usize]
    } else {
        is_arabic(c) && c.is_alphabetic()
    }
}

fn arabic_table() -> &'static [bool] {
    static TABLE: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x0600..0x0900)
            .map(|cp| char::from_u32(cp).is_some_and(|c| is_arabic(c) && c.is_alphabetic()))
            .collect()
    })
}

/// Detect the document's main script from a prefix of `text`.
pub fn detect(text: &str) -> Lang {
    let table = arabic_table();
    let (mut arabic, mut latin) = (0usize, 0usize);
    let b = text.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() && n < 4096 {
        n += 1;
        let x = b[i];
        if x < 0x80 {
            latin += usize::from(x.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        // Two-byte characters (U+0080–U+07FF, Latin and Arabic) decoded inline.
        if (0xC2..=0xDF).contains(&x) && i + 1 < b.len() {
            let cp = (u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            i += 2;
            if (0xC0..=0x24F).contains(&cp) {
                latin += 1;
            } else if (0x0600..0x0800).contains(&cp) {
                arabic += usize::from(table[(cp - 0x0600) as usize]);
            }
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if matches!(c, '\u{00C0}'..='\u{024F}') {
            latin += 1;
        } else if is_arabic_letter(c) {
            arabic += 1;
        }
    }
    match (arabic, latin) {
        (0, 0) => Lang::Und,
        (a, l) if a >= l => Lang::Ar,
        _ => Lang::En,
    }
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
        let all: String = (0x20..0x1000).filter_map(char::from_u32).collect();
        for s in [all.as_str(), "قال BBC ﻻ ٱ é", &"ab".repeat(3000)] {
            let (a, l) = plain(s);
            let expected = match (a, l) {
                (0, 0) => Lang::Und,
                (a, l) if a >= l => Lang::Ar,
                _ => Lang::En,
            };
            assert_eq!(detect(s), expected);
        }
    }

    #[test]
    fn script_decides() {
        assert_eq!(detect("قال الوزير إن BBC نشرت الخبر"), Lang::Ar);
        assert_eq!(detect("The minister said قال"), Lang::En);
        assert_eq!(detect("12345 -- !!"), Lang::Und);
    }
}
