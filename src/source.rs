//! Stage 1: finding inputs and turning them into an ordered stream of
//! documents, read incrementally.
//!
//! Inputs are `.txt` files (one document each), JSONL files (`.jsonl`,
//! `.jsonl.gz`, `.jsonl.zst`: one document per line) and `-` (JSONL on
//! standard input); kinds may be mixed. Folders are searched recursively for
//! all of these; a file named directly is JSONL by its extension and text
//! otherwise. Files are ordered by path within each input, inputs in the order
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

pub use docs::Docs;
pub use jsonl::{parse as parse_jsonl, Record, MAX_DEPTH};
pub use stream::Compression;
pub use txt::{decode, decode_field, read};

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
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            id_field: "id".into(),
            text_field: "text".into(),
            max_doc_bytes: 8 << 20,
        }
    }
}

/// One input unit, in run order.
#[derive(Debug, Clone)]
pub enum Unit {
    /// A text file: one document.
    Txt {
        id: String,
        path: PathBuf,
        size: u64,
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
}

impl Inputs {
    /// List the inputs under `inputs` (files, folders, `-`), in stable order.
    pub fn discover(inputs: &[PathBuf], opts: ReadOptions) -> Result<Inputs, RunError> {
        let mut units = Vec::new();
        let mut ids = HashSet::new();
        let mut paths = HashSet::new();
        for input in inputs {
            if input.as_os_str() == "-" {
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
            let (root, files) = if input.is_file() {
                let root = input.parent().unwrap_or(Path::new("")).to_path_buf();
                (root, vec![input.clone()])
            } else {
                (input.clone(), walk(input)?)
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
        })
    }

    /// Bytes of the input files on disk (what the progress bar counts).
    pub fn disk_bytes(&self) -> u64 {
        self.units
            .iter()
            .map(|u| match u {
                Unit::Txt { size, .. } | Unit::Jsonl { size, .. } => *size,
            })
            .sum()
    }

    /// Whether `docs` can be called more than once (not over standard input).
    pub fn reopenable(&self) -> bool {
        !self
            .units
            .iter()
            .any(|u| matches!(u, Unit::Jsonl { path: None, .. }))
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

/// Files under a folder that are inputs, sorted by name at each level.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, RunError> {
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.map_err(|source| RunError::Walk {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = e.file_name().to_string_lossy();
        if e.file_type().is_file()
            && (name.ends_with(".txt") || Compression::of_jsonl(&name).is_some())
        {
            files.push(e.into_path());
        }
    }
    Ok(files)
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
}

impl RawDoc {
    /// Read, parse and decode the document. Never fails: a bad document
    /// becomes a `ReadError` with its reason.
    pub fn load(&self, opts: &ReadOptions) -> Loaded {
        let (mut id, mut carried) = (self.id.clone(), None);
        let text = match &self.body {
            Body::File(path) => read(path, opts.max_doc_bytes),
            Body::Failed(e) => Err(e.clone()),
            Body::Line(line) => match jsonl::parse(line, &opts.id_field, &opts.text_field) {
                Ok(rec) => {
                    id = rec.id.unwrap_or(id);
                    carried = rec.carried;
                    decode_field(rec.text, opts.max_doc_bytes)
                }
                Err(e) => Err(e),
            },
        };
        Loaded { id, text, carried }
    }
}
