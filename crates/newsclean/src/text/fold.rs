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
/// Runs on every byte of every document, so ASCII and the two-byte Arabic
/// block (lead bytes 0xD8–0xDB) take a byte-level path; other characters go
/// through the general, char-level one.
pub fn fold(text: &str) -> Folded {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut map: Vec<u32> = Vec::with_capacity(text.len() + 1);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            out.push(b.to_ascii_lowercase());
            map.push(i as u32);
            i += 1;
            continue;
        }
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let w = c.len_utf8();
        let before = out.len();
        if (0xD8..=0xDB).contains(&b) {
            // Arabic has no case: only the fold table applies.
            match fold_char(c) {
                Some(f) if f == c => out.extend_from_slice(&bytes[i..i + w]),
                Some(f) => out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes()),
                None => {}
            }
        } else if c.is_uppercase() {
            let mut buf = [0; 4];
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        } else if let Some(f) = fold_char(c) {
            out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
        }
        map.extend(std::iter::repeat_n(i as u32, out.len() - before));
        i += w;
    }
    map.push(text.len() as u32);
    // SAFETY: `out` only ever receives whole characters: bytes copied from
    // `text` in full character widths (`text` is a str), or the UTF-8
    // encoding of a char. Validating again would cost a full pass per
    // document on the hottest path.
    let text = unsafe { String::from_utf8_unchecked(out) };
    Folded { text, map }
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
