//! Where each output may be written, checked before anything is read.
//!
//! * A side file (`--audit`, `--rejected`) that is missing or a regular file
//!   is staged beside itself and renamed into place at commit.
//! * One that exists and is anything else — a device (`/dev/null`), a FIFO,
//!   a symlink (`/dev/stdout`) — is written in place, streaming, never
//!   replaced.
//! * No two outputs may be one file, and no output may be an input file or
//!   lie inside an input folder (the next run would clean it as articles).

use crate::error::RunError;
use std::os::unix::fs::FileTypeExt;
use std::path::{Component, Path, PathBuf};

/// How a side file is written.
#[derive(Debug)]
pub(super) enum Dest {
    /// Staged beside `dest`, renamed at commit.
    Staged { dest: PathBuf },
    /// Opened and written where it is (truncated only when regular).
    InPlace { path: PathBuf, regular: bool },
}

fn bad(path: &Path, what: &str) -> RunError {
    RunError::Options(format!("{}: {what}", path.display()))
}

/// Classify a side file given by the user.
pub(super) fn side(path: &Path) -> Result<Dest, RunError> {
    let lmeta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Dest::Staged {
                dest: path.to_path_buf(),
            })
        }
        Err(e) => return Err(bad(path, &format!("cannot inspect it: {e}"))),
    };
    let ft = lmeta.file_type();
    if ft.is_file() {
        return Ok(Dest::Staged {
            dest: path.to_path_buf(),
        });
    }
    if ft.is_dir() {
        return Err(bad(path, "is a folder, not a file"));
    }
    let meta = if ft.is_symlink() {
        std::fs::metadata(path).map_err(|e| bad(path, &format!("a symlink to nothing ({e})")))?
    } else {
        lmeta
    };
    if meta.is_dir() {
        return Err(bad(path, "is a symlink to a folder, not a file"));
    }
    if meta.file_type().is_socket() {
        return Err(bad(path, "is a socket: newsclean cannot write to it"));
    }
    Ok(Dest::InPlace {
        path: path.to_path_buf(),
        regular: meta.is_file(),
    })
}

/// The absolute, symlink-free path of `p`, which need not exist: its
/// longest existing ancestor is resolved and the rest appended.
pub(super) fn resolve(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = std::fs::canonicalize(existing) {
            let mut out = c;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    c => out.push(c),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// One output to check: what the user calls it and where it resolves.
pub(super) struct Named {
    pub what: String,
    pub path: PathBuf,
}

fn is_char_device(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.file_type().is_char_device())
}

/// Refuse outputs that would overwrite an input, each other, or land in an
/// input folder. `out_dir` is the output folder, if any.
pub(super) fn check(
    outputs: &[Named],
    out_dir: Option<&Path>,
    inputs: &[PathBuf],
) -> Result<(), RunError> {
    let resolved: Vec<(&Named, PathBuf)> = outputs
        .iter()
        .filter(|n| !is_char_device(&n.path))
        .map(|n| (n, resolve(&n.path)))
        .collect();
    for (i, (a, pa)) in resolved.iter().enumerate() {
        if let Some((b, _)) = resolved[..i].iter().find(|(_, pb)| pb == pa) {
            return Err(RunError::Options(format!(
                "{} and {} are the same file ({}): each output needs its own",
                b.what,
                a.what,
                pa.display()
            )));
        }
    }
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        let Ok(meta) = std::fs::metadata(input) else {
            continue; // discovery reports a missing input
        };
        let pin = resolve(input);
        if meta.is_dir() {
            if let Some(dir) = out_dir.map(resolve).filter(|d| d.starts_with(&pin)) {
                return Err(RunError::Options(format!(
                    "the output folder {} is inside the input folder {}: the next run would \
                     clean its own outputs as articles; choose another --out",
                    dir.display(),
                    input.display()
                )));
            }
        }
        for (n, p) in &resolved {
            if (meta.is_dir() && p.starts_with(&pin)) || (!meta.is_dir() && *p == pin) {
                let how = if meta.is_dir() {
                    "is inside the input folder"
                } else {
                    "is the input file"
                };
                return Err(RunError::Options(format!(
                    "{} ({}) {how} {}: newsclean never writes over its inputs",
                    n.what,
                    n.path.display(),
                    input.display()
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_handles_missing_tails() {
        let tmp = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(tmp.path()).unwrap();
        assert_eq!(resolve(&tmp.path().join("a/b/../c")), real.join("a/c"));
        assert_eq!(resolve(tmp.path()), real);
    }
}
