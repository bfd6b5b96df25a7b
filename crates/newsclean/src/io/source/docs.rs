//! The ordered document stream of `Inputs::docs`: text files pass through
//! as paths; JSONL inputs are opened one at a time and read line by line
//! with a cap per line, so memory does not depend on a file's size.

use super::{lines, stream, txt, Body, Compression, Inputs, RawDoc, Unit};
use crate::pipeline::RejectReason;

pub(super) struct OpenJsonl {
    stream: stream::LineStream,
    count: stream::Counter,
    seen: u64,
    name: String,
    source: String,
    compression: Compression,
    line: u64,
}

/// The ordered document stream of `Inputs::docs`.
pub struct Docs<'a> {
    pub(super) inputs: &'a Inputs,
    pub(super) next: usize,
    pub(super) open: Option<OpenJsonl>,
    pub(super) buf: Vec<u8>,
}

impl Iterator for Docs<'_> {
    type Item = RawDoc;

    fn next(&mut self) -> Option<RawDoc> {
        loop {
            if let Some(doc) = self.next_line() {
                return Some(doc);
            }
            let unit = self.inputs.units.get(self.next)?;
            self.next += 1;
            match unit {
                Unit::Txt { id, path, size } => {
                    return Some(RawDoc {
                        id: id.clone(),
                        source_path: path.to_string_lossy().into_owned(),
                        body: Body::File(path.clone()),
                        bytes: *size,
                        disk_bytes: *size,
                    })
                }
                Unit::Failed { id, path, error } => {
                    return Some(RawDoc {
                        id: id.clone(),
                        source_path: path.to_string_lossy().into_owned(),
                        body: Body::Failed(error.clone()),
                        bytes: 0,
                        disk_bytes: 0,
                    })
                }
                Unit::Jsonl {
                    name,
                    path,
                    compression,
                    size,
                } => {
                    let source = path
                        .as_ref()
                        .map_or("-".into(), |p| p.to_string_lossy().into_owned());
                    match stream::open(path.as_deref(), *compression) {
                        Ok((stream, count)) => {
                            self.open = Some(OpenJsonl {
                                stream,
                                count,
                                seen: 0,
                                name: name.clone(),
                                source,
                                compression: *compression,
                                line: 0,
                            })
                        }
                        Err(e) => {
                            return Some(RawDoc {
                                id: name.clone(),
                                source_path: source,
                                body: Body::Failed((
                                    RejectReason::Unreadable,
                                    format!("cannot open: {e}"),
                                )),
                                bytes: 0,
                                disk_bytes: *size,
                            })
                        }
                    }
                }
            }
        }
    }
}

/// The UTF-8 encoding of U+FEFF.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

impl Docs<'_> {
    /// The next document of the open JSONL input; `None` (and closed) at its end.
    fn next_line(&mut self) -> Option<RawDoc> {
        let max = self.inputs.opts.max_doc_bytes.min(usize::MAX as u64) as usize;
        let f = self.open.as_mut()?;
        loop {
            let got = lines::next_line(&mut f.stream, &mut self.buf, max);
            f.line += 1;
            let (body, bytes) = match got {
                Ok(None) => {
                    self.open = None;
                    return None;
                }
                Ok(Some(lines::Line::Whole)) => {
                    // A byte-order mark before the first record (Windows
                    // tools write one) is file framing, not JSON.
                    if f.line == 1 && self.buf.starts_with(UTF8_BOM) {
                        self.buf.drain(..UTF8_BOM.len());
                    }
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue; // blank lines are not records
                    }
                    let n = self.buf.len() as u64 + 1;
                    (Body::Line(self.buf.clone()), n)
                }
                Ok(Some(lines::Line::TooLong(n))) => {
                    (Body::Failed(txt::too_large(n, max as u64)), n + 1)
                }
                Err(e) => {
                    let detail = format!(
                        "{} stream broken after line {}: {e}",
                        f.compression.name(),
                        f.line - 1
                    );
                    (Body::Failed((RejectReason::Unreadable, detail)), 0)
                }
            };
            let now = f.count.get();
            let doc = RawDoc {
                id: format!("{}:{}", f.name, f.line),
                source_path: format!("{}:{}", f.source, f.line),
                body,
                bytes,
                disk_bytes: now - f.seen,
            };
            f.seen = now;
            if matches!(doc.body, Body::Failed((RejectReason::Unreadable, _))) {
                self.open = None; // nothing more can be read from a broken stream
            }
            return Some(doc);
        }
    }
}
