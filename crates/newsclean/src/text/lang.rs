//! A cheap per-document script check that picks which language's rules run.
//!
//! Counts Arabic-script and Latin letters in the first 8 KB; whichever has
//! more wins. Latin text is labelled `en` (the only Latin pack so far); text
//! with neither is `und`, and only language-neutral rules run on it.
//!
//! **The language must describe the kept text, not the input.** In a mixed
//! Arabic/English document the removed boilerplate can tip the count: the
//! `ar` rules remove an Arabic "read also" line and what is left counts as
//! `en`, so cleaning the output again would run the `en` rules, which remove
//! more (or everything). Cleaning must be idempotent, so the pipeline
//! (`pipeline::clean_normalized`) takes a language only when the text its
//! rules keep *confirms* it ([`confirms`]: the kept text detects as the same
//! language, or has no letters left, or is empty):
//!
//! 1. the language of the whole text, when its kept text confirms it (almost
//!    every document: one detection more, on the kept text);
//! 2. else the language the kept text detected as, when its own kept text
//!    confirms it;
//! 3. else (each language's rules leave text of the other: boilerplate of
//!    both languages, no stable choice) `und`: only language-neutral rules.
//!
//! A second pass over the output starts from a text its language confirms:
//! step 1 picks the same language, whose rules already ran. No threshold or
//! tie-break is tuned on the dev set; documents whose language is not
//! tipped by their boilerplate are cleaned exactly as before.

use serde::{Deserialize, Serialize};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    PartialOrd,
    Ord,
    schemars::JsonSchema,
)]
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

/// Detect the document's main script from its first 8 KB.
///
/// Works on bytes, with no decoding: a UTF-8 lead byte 0xD8–0xDB starts an
/// Arabic-block character, 0xC3–0xC9 a Latin letter with diacritics; ASCII
/// letters are Latin. This runs once per document, so it must be cheap.
pub fn detect(text: &str) -> Lang {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for &b in text.as_bytes().iter().take(8192) {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | 0xC3..=0xC9 => latin += 1,
            0xD8..=0xDB => arabic += 1,
            _ => {}
        }
    }
    match (arabic, latin) {
        (0, 0) => Lang::Und,
        (a, l) if a >= l => Lang::Ar,
        _ => Lang::En,
    }
}

/// Whether `kept` (what the rules of `lang` keep) confirms `lang`: it
/// detects as `lang`, has no letters, or is empty (nothing a second pass
/// could act on).
pub fn confirms(kept: &str, lang: Lang) -> bool {
    let got = detect(kept);
    got == lang || got == Lang::Und
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_decides() {
        assert_eq!(detect("قال الوزير إن BBC نشرت الخبر"), Lang::Ar);
        assert_eq!(detect("The minister said قال"), Lang::En);
        assert_eq!(detect("12345 -- !!"), Lang::Und);
    }
}
