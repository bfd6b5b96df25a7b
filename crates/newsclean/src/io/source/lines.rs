//! Reading a stream line by line with a cap on the bytes kept per line.
//!
//! `BufRead::read_until` would grow its buffer to the longest line, so one
//! 50 MB line (or a file with no newline at all) would cost 50 MB. Here a line
//! longer than the cap is skipped to its end and reported with its length;
//! memory stays at the cap plus the reader's buffer.

use std::io::{self, BufRead};

/// What `next_line` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A whole line is in the buffer, without its `\n`.
    Whole,
    /// The line had this many bytes (without `\n`), over the cap: skipped.
    TooLong(u64),
}

/// Read the next line into `buf` (cleared first), keeping at most `max`
/// bytes. `Ok(None)` at the end of the stream.
pub fn next_line<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<Line>> {
    buf.clear();
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            // End of stream: a last line without a newline still counts.
            return Ok(any.then(|| finish(len, max)));
        }
        any = true;
        let (part, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if len + part.len() as u64 <= max as u64 {
            buf.extend_from_slice(part);
        } else {
            buf.clear();
        }
        len += part.len() as u64;
        let used = done.unwrap_or(chunk.len());
        r.consume(used);
        if done.is_some() {
            return Ok(Some(finish(len, max)));
        }
    }
}

fn finish(len: u64, max: usize) -> Line {
    if len > max as u64 {
        Line::TooLong(len)
    } else {
        Line::Whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], max: usize, cap: usize) -> Vec<(Line, Vec<u8>)> {
        let mut r = io::BufReader::with_capacity(cap, input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(l) = next_line(&mut r, &mut buf, max).unwrap() {
            out.push((l, buf.clone()));
        }
        out
    }

    #[test]
    fn splits_lines_and_skips_long_ones_in_small_reads() {
        for cap in [1, 3, 64] {
            let got = all(b"ab\n\nlonger line\nxyz", 5, cap);
            assert_eq!(
                got,
                vec![
                    (Line::Whole, b"ab".to_vec()),
                    (Line::Whole, b"".to_vec()),
                    (Line::TooLong(11), b"".to_vec()),
                    (Line::Whole, b"xyz".to_vec()),
                ],
                "buffer {cap}"
            );
        }
        assert!(all(b"", 5, 8).is_empty());
        assert_eq!(all(b"a\n", 5, 8).len(), 1);
    }
}
