//! File plumbing of the sink: compressing writers, files written under a
//! temporary name and renamed into place, and the clean-up of what earlier
//! (possibly killed) runs left in an output folder.

use super::Compress;
use flate2::write::GzEncoder;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A compressing (or not) writer over `W`.
pub(super) enum Enc<W: Write> {
    Plain(W),
    Gz(GzEncoder<W>),
    Zst(zstd::Encoder<'static, W>),
}

impl<W: Write> Enc<W> {
    pub(super) fn new(w: W, c: Compress) -> io::Result<Enc<W>> {
        Ok(match c {
            Compress::None => Enc::Plain(w),
            Compress::Gz => Enc::Gz(GzEncoder::new(w, flate2::Compression::fast())),
            Compress::Zst => Enc::Zst(zstd::Encoder::new(w, 3)?),
        })
    }

    pub(super) fn write_all(&mut self, b: &[u8]) -> io::Result<()> {
        match self {
            Enc::Plain(w) => w.write_all(b),
            Enc::Gz(w) => w.write_all(b),
            Enc::Zst(w) => w.write_all(b),
        }
    }

    pub(super) fn finish(self) -> io::Result<W> {
        match self {
            Enc::Plain(w) => Ok(w),
            Enc::Gz(w) => w.finish(),
            Enc::Zst(w) => w.finish(),
        }
    }
}

/// A file fully written and synced under its temporary name, waiting to be
/// renamed; removed if dropped before that.
pub(super) struct Ready {
    tmp: PathBuf,
    pub(super) dest: PathBuf,
}

impl Ready {
    pub(super) fn rename(self) -> io::Result<()> {
        std::fs::rename(&self.tmp, &self.dest)?;
        std::mem::forget(self);
        Ok(())
    }
}

impl Drop for Ready {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// A file being written under its temporary name.
pub(super) struct Pending {
    file: Ready,
    pub(super) enc: Enc<BufWriter<File>>,
}

fn tmp_name(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy());
    dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

impl Pending {
    pub(super) fn create(dest: PathBuf, c: Compress) -> io::Result<Pending> {
        let tmp = tmp_name(&dest);
        let f = File::create(&tmp)?;
        let file = Ready { tmp, dest };
        let enc = Enc::new(BufWriter::with_capacity(1 << 20, f), c)?;
        Ok(Pending { file, enc })
    }

    pub(super) fn finish(self) -> io::Result<Ready> {
        let f = self
            .enc
            .finish()?
            .into_inner()
            .map_err(|e| e.into_error())?;
        f.sync_all()?;
        Ok(self.file)
    }
}

/// Is `name` one of the names a run writes in its output folder?
pub(super) fn is_output_name(name: &str) -> bool {
    let base = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(name);
    let shard = base
        .strip_prefix("clean-")
        .and_then(|s| s.strip_suffix(".jsonl"))
        .is_some_and(|n| n.len() == 5 && n.bytes().all(|b| b.is_ascii_digit()));
    shard || matches!(base, "clean.jsonl" | "audit.jsonl" | "rejected.jsonl")
}

pub(super) fn remove_other_outputs(dir: &Path, written: &[PathBuf]) -> io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let path = e?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| is_output_name(&n)) && !written.contains(&path) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// Remove temporary files that a killed run left beside `dest` (for an
/// output-folder file: those of every output name); a live process's are kept.
pub(super) fn remove_stale_tmp(dest: &Path) {
    let Some(dir) = dest.parent() else { return };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let own = dest.file_name().map(|n| n.to_string_lossy().into_owned());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some((base, pid)) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp-")) else {
            continue;
        };
        let ours = Some(base) == own.as_deref() || is_output_name(base);
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|p| Path::new(&format!("/proc/{p}")).exists());
        if ours && !alive {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        for n in [
            "clean.jsonl",
            "clean-00012.jsonl.zst",
            "audit.jsonl.gz",
            "rejected.jsonl",
        ] {
            assert!(is_output_name(n), "{n}");
        }
        for n in [
            "clean-1.jsonl",
            "notes.jsonl",
            "clean.jsonl.bak",
            "report.html",
        ] {
            assert!(!is_output_name(n), "{n}");
        }
    }
}
