//! Stage 1: finding inputs and turning them into an ordered stream of
//! documents, read incrementally.
//!
//! Inputs are `.txt` files (one document each), JSON Lines files (`.jsonl`,
//! `.ndjson`, `.json`, each maybe `.gz` or `.zst`: one document per line)
//! and `-` (JSONL on standard input); kinds may be mixed. Folders are
//! searched recursively for all of these (other files in them are counted in
//! `Inputs::not_read`, not read); a file named directly is JSONL by its
//! extension and text otherwise. Files are ordered by path within each input, inputs in the order
//! given, so output order never depends on the file system.
//!
//! `Inputs::docs` yields `RawDoc`s in that order and can be called again for a
//! second pass (except over standard input). A `RawDoc` is cheap: a path, or
//! the raw bytes of one JSONL line; the costly part (reading a text file,
//! parsing JSON, decoding) is `RawDoc::load`, which the workers run in
//! parallel. JSONL is read line by line with a cap per line (`lines`), so
//! memory does not depend on the size of a file.
//!
//! Ids: a text file's path relative to its input root; a JSONL record's id
//! field, or `<file>:<line>` (1-based) when it has none.

mod docs;
mod jsonl;
mod lines;
mod stream;
mod txt;
mod walk;

pub use docs::Docs;
pub use jsonl::{parse as parse_jsonl, Record, MAX_DEPTH};
pub use stream::Compression;
pub(crate) use stream::{open as open_lines, LineStream};
pub use txt::{decode, decode_field, is_control_byte, read, BINARY_PROBE};

use crate::error::RunError;
use crate::pipeline::RejectReason;
use serde_json::value::RawValue;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// A document that cannot be read or decoded: why, and the details.
pub type ReadError = (RejectReason, String);

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub id_field: String,
    pub text_field: String,
    /// Longer documents (or JSONL lines) are rejected as `too_large`.
    pub max_doc_bytes: u64,
    /// Put a JSONL record's carried fields at the top of `metadata` instead
    /// of under `metadata.input` (fields named like a newsclean key stay there).
    pub carried_top: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            id_field: "id".into(),
            text_field: "text".into(),
            max_doc_bytes: 8 << 20,
            carried_top: false,
        }
    }
}

/// One input unit, in run order.
#[derive(Debug, Clone)]
pub enum Unit {
    /// A text file: one document. (A FIFO named on the command line is
    /// read once, as a stream, with the same cap.)
    Txt {
        id: String,
        path: PathBuf,
        size: u64,
    },
    /// An entry of an input folder that is not read: a dangling symlink, a
    /// symlink loop, a FIFO, a socket, a device, an unlistable folder. One
    /// rejected record each, never a silent skip.
    Failed {
        id: String,
        path: PathBuf,
        error: ReadError,
    },
    /// A JSONL file (`path: None`: standard input); `name` prefixes line ids.
    Jsonl {
        name: String,
        path: Option<PathBuf>,
        compression: Compression,
        size: u64,
    },
}

/// The discovered inputs of a run.
#[derive(Debug)]
pub struct Inputs {
    pub units: Vec<Unit>,
    pub opts: ReadOptions,
    stdin_read: AtomicBool,
    /// An input that can be read only once (`-`, a FIFO named directly).
    once: bool,
    /// Files in input folders that are neither text nor JSONL by their name:
    /// how many, and the first (sorted order).
    pub not_read: (usize, Option<PathBuf>),
}

impl Inputs {
    /// List the inputs under `inputs` (files, folders, `-`), in stable order.
    pub fn discover(inputs: &[PathBuf], opts: ReadOptions) -> Result<Inputs, RunError> {
        let mut units = Vec::new();
        let mut ids = HashSet::new();
        let mut paths = HashSet::new();
        let mut once = false;
        let mut not_read = (0, None);
        for input in inputs {
            if input.as_os_str() == "-" {
                once = true;
                units.push(Unit::Jsonl {
                    name: "stdin".into(),
                    path: None,
                    compression: Compression::None,
                    size: 0,
                });
                continue;
            }
            if !input.exists() {
                return Err(RunError::MissingInput(input.clone()));
            }
            let meta = std::fs::metadata(input).map_err(|source| RunError::Input {
                path: input.clone(),
                source,
            })?;
            let (root, files) = if meta.is_dir() {
                (input.clone(), walk::walk(input, &mut not_read)?)
            } else {
                // A file named directly; a FIFO (or character device) named
                // directly is read once, as a stream, like `-`.
                once |= !meta.is_file();
                let root = input.parent().unwrap_or(Path::new("")).to_path_buf();
                (root, vec![(input.clone(), None)])
            };
            for (path, error) in files {
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
                if let Some(error) = error {
                    units.push(Unit::Failed { id, path, error });
                    continue;
                }
                let size = std::fs::metadata(&path)
                    .ok()
                    .filter(|m| m.is_file())
                    .map_or(0, |m| m.len());
                units.push(match Compression::of_jsonl(&id) {
                    Some(compression) => Unit::Jsonl {
                        name: id,
                        path: Some(path),
                        compression,
                        size,
                    },
                    None => Unit::Txt { id, path, size },
                });
            }
        }
        Ok(Inputs {
            units,
            opts,
            stdin_read: AtomicBool::new(false),
            once,
            not_read,
        })
    }

    /// Bytes of the input files on disk (what the progress bar counts).
    pub fn disk_bytes(&self) -> u64 {
        self.units
            .iter()
            .map(|u| match u {
                Unit::Txt { size, .. } | Unit::Jsonl { size, .. } => *size,
                Unit::Failed { .. } => 0,
            })
            .sum()
    }

    /// `disk_bytes`, unless a stream (stdin, a FIFO) makes the total unknown.
    pub fn disk_bytes_known(&self) -> Option<u64> {
        self.reopenable().then(|| self.disk_bytes())
    }

    /// Whether `docs` can be called more than once (not over standard
    /// input or a FIFO named directly).
    pub fn reopenable(&self) -> bool {
        !self.once
    }

    /// The documents, in order. Each call starts again from the first input.
    pub fn docs(&self) -> Result<Docs<'_>, RunError> {
        if !self.reopenable() && self.stdin_read.swap(true, Ordering::SeqCst) {
            return Err(RunError::StdinTwice);
        }
        Ok(Docs {
            inputs: self,
            next: 0,
            open: None,
            buf: Vec::new(),
        })
    }
}

/// One document, not yet read or parsed.
#[derive(Debug)]
pub struct RawDoc {
    /// The text file's id, or `<file>:<line>` for a JSONL line (replaced by
    /// the record's id field when it has one).
    pub id: String,
    /// The file as given; `<file>:<line>` for a JSONL line.
    pub source_path: String,
    pub body: Body,
    /// Input bytes of this document (uncompressed), for the figures.
    pub bytes: u64,
    /// Bytes taken from disk since the previous document, for progress.
    pub disk_bytes: u64,
}

#[derive(Debug)]
pub enum Body {
    File(PathBuf),
    /// One JSONL line, without its newline.
    Line(Vec<u8>),
    /// Known bad before loading (line too long, broken stream, unopenable).
    Failed(ReadError),
}

/// A document read, parsed and decoded (or the reason it could not be).
#[derive(Debug)]
pub struct Loaded {
    pub id: String,
    pub text: Result<String, ReadError>,
    /// A JSONL record's other fields, as one JSON object.
    pub carried: Option<Box<RawValue>>,
    /// For a JSONL record that parsed: whether its id came from the id
    /// field (else it is `<file>:<line>`). `None` for text files.
    pub id_from_field: Option<bool>,
}

impl RawDoc {
    /// Whether the document is a JSONL line.
    pub fn is_jsonl(&self) -> bool {
        matches!(self.body, Body::Line(_))
    }

    /// Read, parse and decode the document. Never fails: a bad document
    /// becomes a `ReadError` with its reason.
    pub fn load(&self, opts: &ReadOptions) -> Loaded {
        let (mut id, mut carried, mut id_from_field) = (self.id.clone(), None, None);
        let text = match &self.body {
            Body::File(path) => read(path, opts.max_doc_bytes),
            Body::Failed(e) => Err(e.clone()),
            Body::Line(line) => match jsonl::parse(line, &opts.id_field, &opts.text_field) {
                Ok(rec) => {
                    id_from_field = Some(rec.id.is_some());
                    id = rec.id.unwrap_or(id);
                    carried = rec.carried;
                    decode_field(rec.text, opts.max_doc_bytes)
                }
                Err(e) => Err(e),
            },
        };
        Loaded {
            id,
            text,
            carried,
            id_from_field,
        }
    }
}
