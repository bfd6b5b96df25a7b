//! Text stages that every other stage builds on: `normalize` (the exact
//! text removals refer to), `fold` (the matching view rules see) and `lang`.

pub mod fold;
pub mod lang;
pub mod normalize;
pub mod word_char;

/// How many bytes of `bytes` `hit` accepts: summed in `u8`s over runs of 255
/// bytes, which the compiler turns into vector compares for a simple `hit`
/// (a filtered count goes byte by byte). For per-document and per-line
/// counts on the hot path.
#[inline]
pub fn count_bytes(bytes: &[u8], hit: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(hit(b))) as usize)
        .sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn count_bytes_counts_as_a_filter_does() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 37 % 256) as u8).collect();
        let hit = |b: u8| b < 0x20 || b == b'|';
        let want = bytes.iter().filter(|&&b| hit(b)).count();
        assert_eq!(super::count_bytes(&bytes, hit), want);
        assert_eq!(super::count_bytes(&[0; 600], |b| b == 0), 600);
    }
}
