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
pub fn fold(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let before = out.len();
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else if let Some(f) = fold_char(c) {
            out.push(f);
        }
        map.extend(std::iter::repeat_n(i as u32, out.len() - before));
    }
    map.push(text.len() as u32);
    Folded { text: out, map }
}

#[cfg(test)]
mod tests {
    use super::*;

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
