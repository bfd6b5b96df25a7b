//! Stage 2: character normalization of the decoded text.
//!
//! Only changes that never alter meaning are made here (stray control
//! characters such as NUL, invisible controls, NBSP, presentation forms, tatweel, Persian look-alike letters); spelling
//! variants such as hamza forms are *not* folded in the kept text, only in the
//! matching view (`fold`). Each kind of change is counted so the output can say
//! what was touched. All changes are configurable in the rule pack
//! (`[normalize]` table).

use crate::io::source::is_control_byte;
use serde::Deserialize;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// Which normalizations run. Every switch defaults to on.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizeConfig {
    /// Remove zero-width characters and bidi controls (U+200B–U+200F, U+202A–U+202E, ...).
    pub remove_invisible: bool,
    /// NO-BREAK SPACE and NARROW NO-BREAK SPACE become an ordinary space.
    pub nbsp_to_space: bool,
    /// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) become base letters.
    pub presentation_forms: bool,
    /// Remove tatweel (kashida, U+0640), a purely visual stretch.
    pub remove_tatweel: bool,
    /// Persian yeh and keheh (ی ک) become Arabic yeh and kaf (ي ك).
    pub persian_letters: bool,
    /// Remove stray control characters: C0 controls other than tab, newline
    /// and carriage return (NUL, U+0001–U+0008, U+000B, U+000C,
    /// U+000E–U+001F) and DEL (U+007F). A text with many is rejected as
    /// `binary` before it gets here.
    pub remove_control: bool,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig {
            remove_invisible: true,
            nbsp_to_space: true,
            presentation_forms: true,
            remove_tatweel: true,
            persian_letters: true,
            remove_control: true,
        }
    }
}

/// Per-kind counts of characters changed, keyed by a stable name.
pub type Changes = BTreeMap<&'static str, u64>;

/// Every change normalization counts, by the name `Changes` and
/// `metadata.normalized` use (all of them are written, zeros included).
pub const CHANGE_NAMES: [&str; 6] = [CONTROL, INVISIBLE, NBSP, TATWEEL, PERSIAN, PRESENTATION];
const CONTROL: &str = "control_chars";
const INVISIBLE: &str = "invisible";
const NBSP: &str = "nbsp";
const TATWEEL: &str = "tatweel";
const PERSIAN: &str = "persian_letters";
const PRESENTATION: &str = "presentation_forms";

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Whether `b` holds a control character that `remove_control` removes
/// (chunked so the inner loop has no early exit and vectorizes).
fn has_control(b: &[u8]) -> bool {
    b.chunks(256)
        .any(|c| c.iter().fold(false, |any, &x| any | is_control_byte(x)))
}

/// What to do with one character, if anything.
fn change(c: char, cfg: &NormalizeConfig) -> Option<(&'static str, Option<char>)> {
    match c {
        _ if c.is_ascii() => {
            (cfg.remove_control && is_control_byte(c as u8)).then_some((CONTROL, None))
        }
        _ if cfg.remove_invisible && is_invisible(c) => Some((INVISIBLE, None)),
        '\u{00A0}' | '\u{202F}' if cfg.nbsp_to_space => Some((NBSP, Some(' '))),
        '\u{0640}' if cfg.remove_tatweel => Some((TATWEEL, None)),
        'ی' if cfg.persian_letters => Some((PERSIAN, Some('ي'))),
        'ک' if cfg.persian_letters => Some((PERSIAN, Some('ك'))),
        // (Unassigned code points and noncharacters of the blocks have no
        // decomposition: they are left alone, not counted as changed.)
        _ if cfg.presentation_forms
            && is_presentation_form(c)
            && std::iter::once(c).nfkc().ne(std::iter::once(c)) =>
        {
            Some((PRESENTATION, None))
        }
        _ => None,
    }
}

/// Normalize `text` according to `cfg`. Returns the new text and the counts.
///
/// Every non-ASCII character changed here starts with one of a few lead
/// bytes (two two-byte characters exactly), so SIMD searches (memchr) find
/// every candidate; control characters are found by one vectorized pass and
/// listed only when there are any. Untouched text is copied in runs, never
/// char by char.
pub fn normalize(text: &str, cfg: &NormalizeConfig) -> (String, Changes) {
    let mut changes = Changes::new();
    let b = text.as_bytes();
    let control = cfg.remove_control && has_control(b);
    let ascii = text.is_ascii();
    if ascii && !control {
        return (text.to_string(), changes);
    }
    let mut at: Vec<usize> = Vec::new();
    if !ascii {
        // U+0080–U+00BF, U+0680–U+06FF; U+2000–U+2FFF, U+F000–U+FFFF; U+061C, U+0640.
        at.extend(memchr::memchr3_iter(0xC2, 0xDA, 0xDB, b));
        at.extend(memchr::memchr2_iter(0xE2, 0xEF, b));
        at.extend(memchr::memmem::find_iter(b, "\u{061C}"));
        at.extend(memchr::memmem::find_iter(b, "\u{0640}"));
    }
    if control {
        // Rare: found by one branch-free pass above, listed only when present.
        at.extend((0..b.len()).filter(|&i| is_control_byte(b[i])));
    }
    at.sort_unstable();
    let mut out = String::new();
    let mut copied = 0; // bytes of `text` already handled in `out`
    for i in at {
        // A lead byte: `i` is a character boundary.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let Some((name, replacement)) = change(c, cfg) else {
            continue;
        };
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[copied..i]);
        *changes.entry(name).or_default() += 1;
        match replacement {
            Some(r) => out.push(r),
            None if name == PRESENTATION => {
                // The base letters may hold what the other switches change
                // (U+FE71 → tatweel + fathatan, U+FDFC → ریال): change them
                // too, so normalizing the output again changes nothing.
                for d in std::iter::once(c).nfkc() {
                    match change(d, cfg) {
                        Some((inner, r)) => {
                            *changes.entry(inner).or_default() += 1;
                            out.extend(r);
                        }
                        None => out.push(d),
                    }
                }
            }
            None => {}
        }
        copied = i + c.len_utf8();
    }
    if copied == 0 {
        return (text.to_string(), changes);
    }
    out.push_str(&text[copied..]);
    (out, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_is_made_and_counted() {
        let input = "ك\u{200B}تاب\u{00A0}جميـــل ﻻ ی ک";
        let (out, ch) = normalize(input, &NormalizeConfig::default());
        assert_eq!(out, "كتاب جميل لا ي ك");
        assert_eq!(ch["invisible"], 1);
        assert_eq!(ch["nbsp"], 1);
        assert_eq!(ch["tatweel"], 3);
        assert_eq!(ch["presentation_forms"], 1);
        assert_eq!(ch["persian_letters"], 2);
    }

    #[test]
    fn stray_control_characters_are_removed_and_counted() {
        let cfg = NormalizeConfig::default();
        let (out, ch) = normalize("a\0b\tc\u{1}\u{7f}\r\nd\u{0B}", &cfg);
        assert_eq!(out, "ab\tc\r\nd");
        assert_eq!(ch["control_chars"], 4);
        let (out, ch) = normalize("كتاب\0 جميل", &cfg);
        assert_eq!((out.as_str(), ch["control_chars"]), ("كتاب جميل", 1));
        let off = NormalizeConfig {
            remove_control: false,
            ..cfg
        };
        assert_eq!(normalize("a\0b", &off).0, "a\0b");
    }

    #[test]
    fn switches_turn_changes_off() {
        let cfg = NormalizeConfig {
            remove_tatweel: false,
            nbsp_to_space: false,
            ..NormalizeConfig::default()
        };
        let (out, ch) = normalize("جميـل\u{00A0}x", &cfg);
        assert_eq!(out, "جميـل\u{00A0}x");
        assert!(ch.is_empty());
    }

    #[test]
    fn presentation_forms_decompose_to_normalized_letters() {
        let cfg = NormalizeConfig::default();
        // U+FE71: tatweel with fathatan; U+FDFC: rial sign (Persian yeh).
        let (out, ch) = normalize("\u{FE71}x\u{FDFC}", &cfg);
        assert_eq!(out, "\u{064B}xريال");
        assert_eq!(ch["tatweel"], 1);
        assert_eq!(ch["persian_letters"], 1);
        assert_eq!(normalize(&out, &cfg).0, out);
        // With tatweel kept, it stays (and stays stable).
        let keep = NormalizeConfig {
            remove_tatweel: false,
            ..cfg
        };
        let out = normalize("\u{FE71}", &keep).0;
        assert_eq!(out, "\u{0640}\u{064B}");
        assert_eq!(normalize(&out, &keep).0, out);
        // No decomposition (unassigned, noncharacter): untouched, uncounted.
        let (out, ch) = normalize("\u{FDC8}\u{FDD0}", &cfg);
        assert_eq!(out, "\u{FDC8}\u{FDD0}");
        assert!(ch.is_empty());
    }

    #[test]
    fn diacritics_and_hamza_are_kept() {
        let s = "إقرأ أيضاً";
        assert_eq!(normalize(s, &NormalizeConfig::default()).0, s);
    }
}
