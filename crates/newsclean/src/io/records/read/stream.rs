//! Streaming a JSONL output file back: `Jsonl`, line by line with one
//! reused buffer (`next_line`) or as checked records (the iterator), and
//! the head of an audit row (`AuditHead`), read without parsing the rest.

use super::{AuditRow, ReadError};
use crate::io::sink::Compress;
use crate::io::source::{open_lines, Compression, LineStream};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Stream the records of a JSONL file, one parsed line at a time.
///
/// `next_line` reads a line's bytes into the caller's buffer, so a reader
/// that skips most records (the report's sample) neither allocates nor
/// checks UTF-8 for the lines it skips; `next_raw` and the iterator give
/// checked `String`s as `BufRead::lines` does.
///
/// It reads one file or several in turn (the shards of a `--shard-size`
/// run), each plain, gzip or zstd by its name (`.gz`, `.zst`).
pub struct Jsonl<T> {
    path: PathBuf,
    reader: LineStream,
    /// Files still to read after `path`.
    rest: VecDeque<PathBuf>,
    line: usize,
    _t: std::marker::PhantomData<T>,
}

/// Open one file for reading lines, decompressing by its name.
fn open_file(path: &Path) -> Result<LineStream, ReadError> {
    let c = match Compress::of_name(path) {
        Compress::None => Compression::None,
        Compress::Gz => Compression::Gz,
        Compress::Zst => Compression::Zst,
    };
    open_lines(Some(path), c)
        .map(|(stream, _)| stream)
        .map_err(|source| ReadError::Io {
            path: path.to_path_buf(),
            source,
        })
}

impl<T: DeserializeOwned> Jsonl<T> {
    pub fn open(path: &Path) -> Result<Jsonl<T>, ReadError> {
        Self::open_all(vec![path.to_path_buf()])
    }

    /// The records of `paths` (at least one), one file after the other.
    pub fn open_all(paths: Vec<PathBuf>) -> Result<Jsonl<T>, ReadError> {
        let mut rest = VecDeque::from(paths);
        let path = rest.pop_front().expect("at least one file");
        Ok(Jsonl {
            reader: open_file(&path)?,
            path,
            rest,
            line: 0,
            _t: std::marker::PhantomData,
        })
    }

    /// The file the record last returned came from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line number of the record last returned.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Read the next line's bytes into `buf` (cleared first), without its
    /// `\n` or `\r\n`; not parsed, its UTF-8 not checked. `None` at the end.
    pub fn next_line(&mut self, buf: &mut Vec<u8>) -> Option<Result<(), ReadError>> {
        buf.clear();
        loop {
            match read_line(&mut self.reader, buf) {
                Ok(false) => {
                    // The end of this file: go on with the next, if any.
                    let next = self.rest.pop_front()?;
                    match open_file(&next) {
                        Ok(r) => self.reader = r,
                        Err(e) => return Some(Err(e)),
                    }
                    self.path = next;
                    self.line = 0;
                    continue;
                }
                Ok(true) => break,
                Err(source) => {
                    return Some(Err(ReadError::Io {
                        path: self.path.clone(),
                        source,
                    }))
                }
            }
        }
        self.line += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        Some(Ok(()))
    }

    /// The next raw line (not parsed), to skip records cheaply.
    pub fn next_raw(&mut self) -> Option<Result<String, ReadError>> {
        let mut raw = Vec::new();
        if let Err(e) = self.next_line(&mut raw)? {
            return Some(Err(e));
        }
        Some(String::from_utf8(raw).map_err(|_| ReadError::Io {
            path: self.path.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            ),
        }))
    }

    /// Parse one line of this file.
    pub fn parse(&self, raw: &str) -> Result<T, ReadError> {
        self.parse_bytes(raw.as_bytes())
    }

    /// Parse the line last read (`next_line`) as any record type, e.g. one
    /// that borrows only the fields a reader looks at.
    pub fn parse_bytes<'de, U: Deserialize<'de>>(&self, raw: &'de [u8]) -> Result<U, ReadError> {
        serde_json::from_slice(raw).map_err(|e| ReadError::Json {
            path: self.path.clone(),
            line: self.line,
            message: e.to_string(),
        })
    }
}

/// `BufRead::read_until(b'\n')` with the `memchr` crate's search (the
/// standard library's is a plain loop): appends the next line, its `\n`
/// included, to `buf`. False at the end of the input.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any);
        }
        any = true;
        let (used, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        buf.extend_from_slice(&chunk[..used]);
        reader.consume(used);
        if done {
            return Ok(true);
        }
    }
}

/// Whether a line holds only whitespace (`str::trim` would leave nothing):
/// an ASCII test, with the Unicode one only for lines that start with a
/// byte past ASCII.
pub fn blank(raw: &[u8]) -> bool {
    match raw
        .iter()
        .find(|b| !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '))
    {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => std::str::from_utf8(raw).is_ok_and(|s| s.trim().is_empty()),
    }
}

impl<T: DeserializeOwned> Iterator for Jsonl<T> {
    type Item = Result<T, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let raw = match self.next_raw()? {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            if !raw.trim().is_empty() {
                return Some(self.parse(&raw));
            }
        }
    }
}

/// The document and rule of an audit row, read without the rest of it
/// (`Jsonl::<AuditRow>::head`): what a reader that parses few rows whole
/// looks at to choose them.
#[derive(Debug, Deserialize)]
pub struct AuditHead<'a> {
    #[serde(borrow)]
    pub doc: Cow<'a, str>,
    #[serde(borrow)]
    pub rule: Cow<'a, str>,
}

impl<'a> AuditHead<'a> {
    /// The head of a row as a run writes it, `{"doc":"…","rule":"…",`
    /// with no escape in either string; `None` for any other line.
    fn as_written(raw: &'a [u8]) -> Option<AuditHead<'a>> {
        let rest = raw.strip_prefix(b"{\"doc\":\"")?;
        let (doc, rest) = plain_string(rest)?;
        let rest = rest.strip_prefix(b",\"rule\":\"")?;
        let (rule, rest) = plain_string(rest)?;
        matches!(rest.first(), Some(b',' | b'}')).then_some(AuditHead {
            doc: Cow::Borrowed(doc),
            rule: Cow::Borrowed(rule),
        })
    }
}

/// The JSON string that `s` starts with (after its opening quote), when it
/// has no escape or control character, and what follows its closing quote.
fn plain_string(s: &[u8]) -> Option<(&str, &[u8])> {
    let end = memchr::memchr2(b'"', b'\\', s)?;
    let text = std::str::from_utf8(&s[..end]).ok()?;
    (s[end] == b'"' && !text.bytes().any(|b| b < 0x20)).then(|| (text, &s[end + 1..]))
}

impl Jsonl<AuditRow> {
    /// The head of the audit row last read (`next_line`): by its written
    /// form when it has it, else by parsing the line.
    pub fn head<'a>(&self, raw: &'a [u8]) -> Result<AuditHead<'a>, ReadError> {
        match AuditHead::as_written(raw) {
            Some(head) => Ok(head),
            None => self.parse_bytes(raw),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_head_is_read_without_parsing_and_others_are_not() {
        let raw = br#"{"doc":"d1","rule":"r.x","kind":"line","text":"a\"b"}"#;
        let h = AuditHead::as_written(raw).unwrap();
        assert_eq!((&*h.doc, &*h.rule), ("d1", "r.x"));
        // An escape, another field order: left to the parser.
        assert!(AuditHead::as_written(br#"{"doc":"d\"1","rule":"r"}"#).is_none());
        assert!(AuditHead::as_written(br#"{"rule":"r","doc":"d"}"#).is_none());
    }

    #[test]
    fn blank_is_str_trim_empty() {
        for line in ["", " \t\r", "\u{a0}\u{3000}", " {}", "\u{a0}x", "\u{b}"] {
            assert_eq!(blank(line.as_bytes()), line.trim().is_empty(), "{line:?}");
        }
    }

    #[test]
    fn lines_are_read_without_their_ends() {
        let mut r = std::io::BufReader::with_capacity(4, &b"ab\r\ncdefgh\n\nlast"[..]);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        while read_line(&mut r, &mut buf).unwrap() {
            got.push(String::from_utf8(std::mem::take(&mut buf)).unwrap());
        }
        assert_eq!(got, ["ab\r\n", "cdefgh\n", "\n", "last"]);
    }
}
