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

const fn is_dropped(c: u32) -> bool {
    matches!(c, 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640)
}

/// What folding makes of code point `c`: itself, another code point, or
/// nothing (`None`: dropped). Letter case is handled by the caller.
const fn fold_code(c: u32) -> Option<u32> {
    Some(match c {
        0x0623 | 0x0625 | 0x0622 | 0x0671 => 0x0627, // أ إ آ ٱ → ا
        0x0649 => 0x064A,                            // ى → ي
        0x0629 => 0x0647,                            // ة → ه
        0x0660..=0x0669 => b'0' as u32 + (c - 0x0660),
        0x06F0..=0x06F9 => b'0' as u32 + (c - 0x06F0),
        _ if is_dropped(c) => return None,
        _ => c,
    })
}

fn fold_char(c: char) -> Option<char> {
    fold_code(c as u32).and_then(char::from_u32)
}

/// Table entry: the character is kept as it is.
const KEEP: u16 = u16::MAX;
/// Table entry: the character is dropped.
const DROP: u16 = u16::MAX - 1;

/// The fold of every two-byte character with lead byte 0xD8–0xDB (U+0600 to
/// U+06FF, the Arabic block), indexed by `(lead - 0xD8) * 64 + (cont & 0x3F)`:
/// `KEEP`, `DROP`, an ASCII byte (< 0x80: the digits) or the two UTF-8 bytes
/// of the replacement (lead in the high byte). Built at compile time from
/// `fold_code`, so the byte path and the char path cannot disagree.
const ARABIC: [u16; 256] = {
    let mut t = [KEEP; 256];
    let mut k = 0;
    while k < 256 {
        let c = 0x0600 + k as u32;
        t[k] = match fold_code(c) {
            None => DROP,
            Some(f) if f == c => KEEP,
            Some(f) if f < 0x80 => f as u16,
            Some(f) => (((0xC0 | (f >> 6)) << 8) | (0x80 | (f & 0x3F))) as u16,
        };
        k += 1;
    }
    t
};

/// Fold `text` (see module doc).
pub fn fold(text: &str) -> Folded {
    let mut map = Vec::with_capacity(text.len() + 1);
    let text = fold_with(text, Some(&mut map));
    Folded { text, map }
}

/// The folded text alone, without the byte map: for the corpus pass, which
/// only hashes lines (half the writes of `fold`).
pub fn fold_text(text: &str) -> String {
    fold_with(text, None)
}

/// Fold `text`, filling `map` (see `Folded::map`) when one is given.
///
/// Runs on every byte of every document, so runs of ASCII are lower-cased in
/// bulk and the two-byte Arabic block (lead bytes 0xD8–0xDB) is folded with
/// the `ARABIC` table; other characters go through the general, char-level
/// path.
#[inline(always)]
fn fold_with(text: &str, mut map: Option<&mut Vec<u32>>) -> String {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let run = bytes[i..]
                .iter()
                .position(|&x| x >= 0x80)
                .unwrap_or(bytes.len() - i);
            out.extend(bytes[i..i + run].iter().map(u8::to_ascii_lowercase));
            if let Some(map) = map.as_deref_mut() {
                map.extend(i as u32..(i + run) as u32);
            }
            i += run;
            continue;
        }
        if (0xD8..=0xDB).contains(&b) {
            // A str: a lead byte in 0xD8..=0xDB is followed by one
            // continuation byte. Arabic has no case: only the table applies.
            let before = out.len();
            let entry = ARABIC[usize::from(b - 0xD8) * 64 + usize::from(bytes[i + 1] & 0x3F)];
            match entry {
                KEEP => out.extend_from_slice(&bytes[i..i + 2]),
                DROP => {}
                e if e < 0x80 => out.push(e as u8),
                e => out.extend_from_slice(&e.to_be_bytes()),
            }
            if let Some(map) = map.as_deref_mut() {
                map.extend(std::iter::repeat_n(i as u32, out.len() - before));
            }
            i += 2;
            continue;
        }
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let w = c.len_utf8();
        let before = out.len();
        if c.is_uppercase() {
            let mut buf = [0; 4];
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        } else if let Some(f) = fold_char(c) {
            out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
        }
        if let Some(map) = map.as_deref_mut() {
            map.extend(std::iter::repeat_n(i as u32, out.len() - before));
        }
        i += w;
    }
    if let Some(map) = map {
        map.push(text.len() as u32);
    }
    // SAFETY: `out` only ever receives whole characters: bytes copied from
    // `text` in full character widths (`text` is a str), the UTF-8 encoding
    // of a char, or a table entry holding one (`ARABIC`). Validating again
    // would cost a full pass per document on the hottest path.
    unsafe { String::from_utf8_unchecked(out) }
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
        assert_eq!(fold_text("إقرأ أيضاً ÉTÉ"), "اقرا ايضا été");
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

    #[test]
    fn the_byte_table_agrees_with_the_char_path_on_the_whole_block() {
        for cp in 0x0600..=0x06FF {
            let c = char::from_u32(cp).unwrap();
            let s = format!("a{c}b");
            let want: String = fold_char(c).map(String::from).unwrap_or_default();
            assert_eq!(fold(&s).text, format!("a{want}b"), "U+{cp:04X}");
        }
    }
}
