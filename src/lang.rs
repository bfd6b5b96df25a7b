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

/// Detect the document's main script from a prefix of `text`.
pub fn detect(text: &str) -> Lang {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars().take(4096) {
        if c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}') {
            latin += 1;
        } else if is_arabic(c) && c.is_alphabetic() {
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
    fn script_decides() {
        assert_eq!(detect("قال الوزير إن BBC نشرت الخبر"), Lang::Ar);
        assert_eq!(detect("The minister said قال"), Lang::En);
        assert_eq!(detect("12345 -- !!"), Lang::Und);
    }
}
