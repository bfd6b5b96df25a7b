//! Text inputs: reading a `.txt` file, and decoding raw bytes or a JSON text
//! field into the text the pipeline cleans (with the same rejects for both).

use super::ReadError;
use crate::pipeline::RejectReason;
use std::path::Path;

/// Read a file and decode it (see `decode`). A FIFO (named directly on the
/// command line; folders never hand one over) is read as a stream, at most
/// `max_bytes + 1` bytes of it, so `too_large` holds for it too.
pub fn read(path: &Path, max_bytes: u64) -> Result<String, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path)
        .map_err(|e| (RejectReason::Unreadable, format!("cannot stat: {e}")))?;
    if meta.is_dir() {
        return Err((RejectReason::Unreadable, "is a folder".into()));
    }
    if meta.is_file() && meta.len() > max_bytes {
        return Err(too_large(meta.len(), max_bytes));
    }
    let cannot = |e: std::io::Error| (RejectReason::Unreadable, format!("cannot read: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        0
    });
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > max_bytes {
        let len = if meta.is_file() {
            meta.len().max(bytes.len() as u64)
        } else {
            bytes.len() as u64
        };
        return Err(too_large(len, max_bytes));
    }
    decode(bytes, max_bytes)
}

pub fn too_large(len: u64, max: u64) -> ReadError {
    (
        RejectReason::TooLarge,
        format!("{len} bytes, over the limit of {max} (--max-doc-bytes)"),
    )
}

/// How much of the start of a text the binary check looks at.
pub const BINARY_PROBE: usize = 4096;

/// A C0 control character other than tab, newline and carriage return, or
/// DEL: what normalization removes (`control_chars`) and what makes a text
/// binary when there are many.
pub fn is_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f
}

/// `binary` when more than 1% of the first `BINARY_PROBE` bytes are control
/// characters (see `is_control_byte`): a few stray ones in a real page are
/// removed by normalization instead, and counted.
fn binary(bytes: &[u8]) -> Result<(), ReadError> {
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    let n = crate::text::count_bytes(probe, is_control_byte);
    if n * 100 <= probe.len() {
        return Ok(());
    }
    let at = probe.iter().position(|&b| is_control_byte(b)).unwrap_or(0);
    let what = match probe[at] {
        0 => "NUL character".to_string(),
        b => format!("control character U+{b:04X}"),
    };
    Err((
        RejectReason::Binary,
        format!(
            "{n} of the first {} bytes are control characters (over 1%), the first a {what} at byte {at}",
            probe.len()
        ),
    ))
}

/// Decode raw bytes: reject empty, too large, binary (see `binary`) and
/// non-UTF-8 input; strip a BOM; turn CRLF and CR into LF.
pub fn decode(bytes: Vec<u8>, max_bytes: u64) -> Result<String, ReadError> {
    if bytes.is_empty() {
        return Err((RejectReason::Empty, "file is empty (0 bytes)".into()));
    }
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64, max_bytes));
    }
    binary(&bytes)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        (RejectReason::NotUtf8, format!("invalid UTF-8 at byte {at}"))
    })?;
    Ok(tidy_ends(text))
}

/// Decode the text field of a JSON record: the same checks as `decode`
/// (a JSON string is already valid UTF-8).
pub fn decode_field(text: String, max_bytes: u64) -> Result<String, ReadError> {
    if text.is_empty() {
        return Err((RejectReason::Empty, "text field is empty".into()));
    }
    if text.len() as u64 > max_bytes {
        return Err(too_large(text.len() as u64, max_bytes));
    }
    binary(text.as_bytes())?;
    Ok(tidy_ends(text))
}

/// Strip a BOM; CRLF and CR → LF. Reuses the string when there is nothing to do.
fn tidy_ends(text: String) -> String {
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_with_reasons() {
        let max = 100;
        assert_eq!(decode(vec![], max).unwrap_err().0, RejectReason::Empty);
        assert_eq!(
            decode(vec![b'a'; 101], max).unwrap_err().0,
            RejectReason::TooLarge
        );
        assert_eq!(
            decode(b"a\0b".to_vec(), max).unwrap_err().0,
            RejectReason::Binary
        );
        let e = decode(vec![b'a', 0xff], max).unwrap_err();
        assert_eq!(
            (e.0, e.1.as_str()),
            (RejectReason::NotUtf8, "invalid UTF-8 at byte 1")
        );
        // One stray NUL in a page is kept (normalization removes it); a
        // text of more than 1% control characters is binary.
        let page = format!("{}\0{}", "a".repeat(60), "b".repeat(60));
        assert!(decode(page.clone().into_bytes(), 1000).is_ok());
        assert!(decode_field(page, 1000).is_ok());
        let e = decode(b"PK\x03\x04\0\0binary".to_vec(), max).unwrap_err();
        assert_eq!(e.0, RejectReason::Binary);
        assert!(e.1.contains("4 of the first 12 bytes"), "{}", e.1);
        let mostly_nul = [b"text".as_slice(), &[0; 5000]].concat();
        assert_eq!(
            decode(mostly_nul, 10_000).unwrap_err().0,
            RejectReason::Binary
        );
        let field = |s: &str| decode_field(s.to_string(), max).map_err(|e| e.0);
        assert_eq!(field(""), Err(RejectReason::Empty));
        assert_eq!(field("a\0"), Err(RejectReason::Binary));
        assert_eq!(field(&"a".repeat(101)), Err(RejectReason::TooLarge));
    }

    #[test]
    fn decode_strips_bom_and_line_ends() {
        let s = decode("\u{FEFF}a\r\nb\rc".as_bytes().to_vec(), 100).unwrap();
        assert_eq!(s, "a\nb\nc");
        let s = decode_field("\u{FEFF}a\r\nb".to_string(), 100).unwrap();
        assert_eq!(s, "a\nb");
    }
}
