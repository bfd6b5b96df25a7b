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
    let mut bytes = Vec::with_capacity(if meta.is_file() { meta.len() as usize } else { 0 });
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > max_bytes {
        let len = if meta.is_file() { meta.len().max(bytes.len() as u64) } else { bytes.len() as u64 };
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

/// Decode raw bytes: reject empty, too large, binary (NUL) and non-UTF-8
/// input; strip a BOM; turn CRLF and CR into LF.
pub fn decode(bytes: Vec<u8>, max_bytes: u64) -> Result<String, ReadError> {
    if bytes.is_empty() {
        return Err((RejectReason::Empty, "file is empty (0 bytes)".into()));
    }
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64, max_bytes));
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err((RejectReason::Binary, format!("NUL byte at offset {at}")));
    }
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
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err((RejectReason::Binary, format!("NUL character at byte {at}")));
    }
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
