//! A cheap per-document script check that picks which language's rules run.
//!
//! Counts Arabic-script and Latin letters in the first 8 KB; whichever has
//! more wins. Latin text is labelled `en` (the only Latin pack so far); text
//! with neither is `und`, and only language-neutral rules run on it.

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
