//! `char::is_alphanumeric` with a fast path for the scripts of the dumps.
//!
//! Word splitting (`article::words`, the stem index, `vocab_line`) asks it
//! of every character; for a character outside ASCII the standard library
//! searches Unicode tables (1.7% of a run on the generated dump). ASCII
//! answers by byte, the Arabic block (U+0600 to U+06FF) from a table filled
//! once from `char::is_alphanumeric` itself, so the answers cannot differ.

use std::sync::OnceLock;

/// `is_alphanumeric` of each character of the Arabic block.
fn arabic() -> &'static [bool; 256] {
    static TABLE: OnceLock<[bool; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|k| {
            char::from_u32(0x0600 + k as u32).is_some_and(char::is_alphanumeric)
        })
    })
}

/// Exactly `c.is_alphanumeric()`.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        cp @ 0x0600..=0x06FF => arabic()[(cp - 0x0600) as usize],
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn agrees_with_the_standard_library() {
        for cp in (0..0x3000).chain(0xFB50..0xFF00) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "U+{cp:04X}");
            }
        }
    }
}
