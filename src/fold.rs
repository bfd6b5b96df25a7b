//! The matching view: a folded copy of the text with a byte map back to it.
//!
//! Rules match against the folded view so that one plainly written pattern
//! (`اقرا ايضا`) catches every spelling (إقرأ أيضاً, اقرأ ايضا, ...), while the
//! kept text is never folded. Folding: Arabic diacritics, Quranic marks and
//! tatweel dropped; أ إ آ ٱ → ا; ى → ي; ة → ه; Arabic-Indic and Persian digits →
//! ASCII; letters lower-cased. Newlines are kept one-to-one, so line *k* of the
//! folded view is line *k* of the text.

/// Folded text plus `map`, where `map[i]` is the byte offset in the source of
/// the character that produced folded byte `i`; `map[len]` is the source end.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    pub map: Vec<u32>,
}

impl Folded {
    /// Source byte offset of folded byte offset `i` (valid for `0..=len`).
    pub fn to_source(&self, i: usize) -> usize {
        self.map[i] as usize
    }
}

fn is_dropped(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ if is_dropped(c) => return None,
        _ => c,
    })
}

/// Fold `text` (see module doc).
///
/// Characters that fold to themselves (most of any text) are copied in runs;
/// only the others go through `fold_char`. `fold_simple` in the tests is the
/// plain per-character definition this must equal.
pub fn fold(text: &str) -> Folded {
    let same = same_table();
    let mut out = String::with_capacity(text.len());
    let mut map: Vec<u32> = Vec::with_capacity(text.len() + 1);
    let mut run = 0;
    for (i, c) in text.char_indices() {
        let cp = c as usize;
        let unchanged = if cp < SAME_END {
            same[cp]
        } else {
            fold_one(c) == Fold::Same
        };
        if unchanged {
            continue;
        }
        copy_run(text, run, i, &mut out, &mut map);
        match fold_one(c) {
            Fold::Same => out.push(c),
            Fold::Drop => {}
            Fold::To(f) => out.push(f),
            Fold::Lower => out.extend(c.to_lowercase()),
        }
        map.resize(out.len(), i as u32);
        run = i + c.len_utf8();
    }
    copy_run(text, run, text.len(), &mut out, &mut map);
    map.push(text.len() as u32);
    Folded { text: out, map }
}

/// Append `text[from..to]` unchanged; each byte maps to the start of its character.
fn copy_run(text: &str, from: usize, to: usize, out: &mut String, map: &mut Vec<u32>) {
    out.push_str(&text[from..to]);
    let base = map.len();
    map.extend(from as u32..to as u32);
    // Continuation bytes take their character's start (one multi-byte
    // character at a time; ASCII and lead bytes already hold their own).
    let bytes = &text.as_bytes()[from..to];
    for (k, &byte) in bytes.iter().enumerate().skip(1) {
        if byte & 0xC0 == 0x80 {
            map[base + k] = map[base + k - 1];
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Fold {
    Same,
    Drop,
    To(char),
    Lower,
}

fn fold_one(c: char) -> Fold {
    if c.is_ascii() {
        return if c.is_ascii_uppercase() {
            Fold::To(c.to_ascii_lowercase())
        } else {
            Fold::Same
        };
    }
    let arabic = ('\u{0600}'..='\u{06FF}').contains(&c);
    if !arabic && c.is_uppercase() {
        return Fold::Lower;
    }
    match fold_char(c) {
        None => Fold::Drop,
        Some(f) if f == c => Fold::Same,
        Some(f) => Fold::To(f),
    }
}

const SAME_END: usize = 0x0800;

/// Whether each code point below U+0800 folds to itself, built once from
/// `fold_one` (the lookup replaces a chain of tests and `is_uppercase`).
fn same_table() -> &'static [bool] {
    static TABLE: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..SAME_END as u32)
            .map(|cp| char::from_u32(cp).is_some_and(|c| fold_one(c) == Fold::Same))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The plain definition `fold` must equal.
    fn fold_simple(text: &str) -> Folded {
        let mut out = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else if let Some(f) = fold_char(c) {
                out.push(f);
            }
            map.resize(out.len(), i as u32);
        }
        map.push(text.len() as u32);
        Folded { text: out, map }
    }

    #[test]
    fn fast_fold_equals_the_plain_definition() {
        let mut samples: Vec<String> = vec![
            "إقرأ أيضاً: ABC Ünïcode ΣΑΣ İ ﻻ ـ ٢٠٢٥ ۱۲ ة ى ٱ\n\nx".into(),
            "".into(),
            "A".into(),
            "\u{0640}\u{064B}Zz".into(),
        ];
        for lang in ["ar", "en"] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("../shared/corpus/{lang}_news_bodies.jsonl"));
            if let Ok(text) = std::fs::read_to_string(path) {
                samples.extend(text.lines().take(100).map(String::from));
            }
        }
        for s in &samples {
            let (a, b) = (fold(s), fold_simple(s));
            assert_eq!(a.text, b.text);
            assert_eq!(a.map, b.map, "{s}");
        }
    }

    #[test]
    fn spelling_variants_fold_to_one_form() {
        for s in ["إقرأ أيضاً", "اقرأ ايضا", "أقرأ أيضًا", "إقـرأ أيضا"]
        {
            assert_eq!(fold(s).text, "اقرا ايضا", "{s}");
        }
        assert_eq!(fold("مدرسة على").text, "مدرسه علي");
        assert_eq!(fold("٢٠٢٥ Read MORE").text, "2025 read more");
    }

    #[test]
    fn map_points_back_into_the_source() {
        let src = "قال: إقرأ أيضاً هنا";
        let f = fold(src);
        let start = f.text.find("اقرا ايضا").unwrap();
        let end = start + "اقرا ايضا".len();
        // The dropped tanween after the last letter belongs to the match.
        assert_eq!(&src[f.to_source(start)..f.to_source(end)], "إقرأ أيضاً");
        assert_eq!(f.map.len(), f.text.len() + 1);
    }
}
