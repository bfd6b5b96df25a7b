//! Stage 1: finding input files and reading them into decoded text.
//!
//! Folders are searched recursively for `*.txt`; a file named directly is
//! taken whatever its extension. Files are ordered by path within each input,
//! inputs in the order given, so output order never depends on the file
//! system. A document's id is its path relative to its input root.

use crate::error::RunError;
use crate::pipeline::RejectReason;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One input document to read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub id: String,
    pub path: PathBuf,
    pub size: u64,
}

/// List the documents under `inputs`, in stable order.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<SourceFile>, RunError> {
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    let mut paths = HashSet::new();
    for input in inputs {
        if !input.exists() {
            return Err(RunError::MissingInput(input.clone()));
        }
        let (root, files) = if input.is_file() {
            let root = input.parent().unwrap_or(Path::new("")).to_path_buf();
            (root, vec![input.clone()])
        } else {
            let mut files = Vec::new();
            for e in walkdir::WalkDir::new(input).sort_by_file_name() {
                let e = e.map_err(|source| RunError::Walk {
                    path: input.clone(),
                    source,
                })?;
                if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt") {
                    files.push(e.into_path());
                }
            }
            (input.clone(), files)
        };
        for path in files {
            if !paths.insert(path.clone()) {
                continue; // the same file named twice
            }
            let rel = path.strip_prefix(&root).unwrap_or(&path);
            let mut id = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if !ids.insert(id.clone()) {
                id = path.to_string_lossy().into_owned();
                ids.insert(id.clone());
            }
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            out.push(SourceFile { id, path, size });
        }
    }
    Ok(out)
}

/// A document that cannot be read or decoded.
pub type ReadError = (RejectReason, String);

/// Read a file and decode it (see `decode`).
pub fn read(file: &SourceFile, max_bytes: u64) -> Result<String, ReadError> {
    let meta = std::fs::metadata(&file.path)
        .map_err(|e| (RejectReason::Unreadable, format!("cannot stat: {e}")))?;
    if meta.len() > max_bytes {
        return Err(too_large(meta.len(), max_bytes));
    }
    let bytes = std::fs::read(&file.path)
        .map_err(|e| (RejectReason::Unreadable, format!("cannot read: {e}")))?;
    decode(bytes, max_bytes)
}

fn too_large(len: u64, max: u64) -> ReadError {
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
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err((RejectReason::Binary, format!("NUL byte at offset {at}")));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        (RejectReason::NotUtf8, format!("invalid UTF-8 at byte {at}"))
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
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
    }

    #[test]
    fn decode_strips_bom_and_line_ends() {
        let s = decode("\u{FEFF}a\r\nb\rc".as_bytes().to_vec(), 100).unwrap();
        assert_eq!(s, "a\nb\nc");
    }
}
