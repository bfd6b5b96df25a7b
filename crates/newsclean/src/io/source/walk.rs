//! Listing an input folder: the files that are inputs, in stable order, and
//! one entry with its reason for each one that cannot be read.

use super::{Compression, ReadError};
use crate::error::RunError;
use crate::pipeline::RejectReason;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

/// An entry of a folder walk: its path, and why it cannot be read (then it
/// becomes one rejected record).
type Entry = (PathBuf, Option<ReadError>);

/// Files under a folder that are inputs, sorted by name at each level.
/// Symlinks are followed (a loop is one record, not a run error); a dangling
/// symlink, a FIFO, a socket or a device is one record with its reason, never
/// opened (opening a FIFO would block). Only an error on the folder itself
/// stops the run.
/// Files whose names are neither text nor JSONL are counted in `not_read`.
pub(super) fn walk(
    dir: &Path,
    not_read: &mut (usize, Option<PathBuf>),
) -> Result<Vec<Entry>, RunError> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for e in walker {
        let e = match e {
            Ok(e) => e,
            Err(err) if err.depth() == 0 => {
                return Err(RunError::Walk {
                    path: dir.to_path_buf(),
                    source: err,
                })
            }
            Err(err) => {
                let Some(path) = err.path().map(Path::to_path_buf) else {
                    return Err(RunError::Walk {
                        path: dir.to_path_buf(),
                        source: err,
                    });
                };
                let detail = match (err.loop_ancestor(), err.io_error()) {
                    (Some(a), _) => format!("symlink loop back to {}", a.display()),
                    (None, Some(io)) if is_dangling(&path) => {
                        format!("dangling symlink: {io}")
                    }
                    (None, Some(io)) => format!("cannot list: {io}"),
                    (None, None) => format!("cannot list: {err}"),
                };
                files.push((path, Some((RejectReason::Unreadable, detail))));
                continue;
            }
        };
        let t = e.file_type();
        if t.is_dir() {
            continue;
        }
        if !t.is_file() {
            let what = if t.is_fifo() {
                "FIFO"
            } else if t.is_socket() {
                "socket"
            } else if t.is_char_device() {
                "character device"
            } else if t.is_block_device() {
                "block device"
            } else {
                "unknown kind"
            };
            let detail = format!("not a regular file ({what}): not read");
            files.push((e.into_path(), Some((RejectReason::Unreadable, detail))));
            continue;
        }
        let name = e.file_name().to_string_lossy();
        let jsonl = Compression::of_jsonl(&name).is_some()
            && (!name.ends_with(".json") || json_lines_inside(e.path()));
        if name.ends_with(".txt") || jsonl {
            files.push((e.into_path(), None));
        } else if e.file_type().is_file() {
            not_read.0 += 1;
            not_read.1.get_or_insert_with(|| e.into_path());
        }
    }
    Ok(files)
}

/// Whether a plain `.json` file in a folder holds JSON Lines: its first
/// non-blank line opens an object and is not a lone `{` (a pretty-printed
/// JSON document, like a dataset's `dataset_info.json`, is not a dump of
/// records). Only the first 64 KiB are read.
fn json_lines_inside(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(64 << 10).read_to_end(&mut head));
    if read.is_err() {
        return true; // read as JSONL, so the error becomes its record
    }
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return true; // blank: no records either way
    };
    let line = head[start..]
        .split(|&b| b == b'\n')
        .next()
        .unwrap_or_default();
    line.first() == Some(&b'{') && line.trim_ascii() != b"{"
}

/// A symlink whose target does not exist.
fn is_dangling(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err()
}
