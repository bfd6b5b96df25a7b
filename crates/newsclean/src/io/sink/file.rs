//! File plumbing of the sink: compressing writers, and the file a stream
//! writes to — a staged file renamed into place at commit, or a file written
//! in place (devices, FIFOs, symlinks: things a rename would replace).

use super::Compress;
use flate2::write::GzEncoder;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

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

/// A staged file, fully written and synced, waiting to be renamed from
/// `tmp` to `dest` by the commit; removed if dropped before that.
pub(super) struct Staged {
    pub(super) tmp: PathBuf,
    pub(super) dest: PathBuf,
}

impl Staged {
    /// The commit took it over (renamed it, or will roll it forward).
    pub(super) fn disarm(self) -> (PathBuf, PathBuf) {
        let me = std::mem::ManuallyDrop::new(self);
        (me.tmp.clone(), me.dest.clone())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// A file being written: staged under a temporary name (created new, never
/// over an existing file), or opened in place.
pub(super) struct Pending {
    staged: Option<Staged>,
    pub(super) enc: Enc<BufWriter<File>>,
}

impl Pending {
    /// Create `tmp` (which must not exist) to be renamed to `dest` at commit.
    pub(super) fn staged(tmp: PathBuf, dest: PathBuf, c: Compress) -> io::Result<Pending> {
        let f = File::options().write(true).create_new(true).open(&tmp)?;
        let staged = Some(Staged { tmp, dest });
        let enc = Enc::new(BufWriter::with_capacity(1 << 20, f), c)?;
        Ok(Pending { staged, enc })
    }

    /// Write into an existing file that is not to be replaced (a device, a
    /// FIFO, the target of a symlink): opened for writing, truncated only
    /// when it is a regular file.
    pub(super) fn in_place(path: PathBuf, regular: bool, c: Compress) -> io::Result<Pending> {
        let f = File::options().write(true).truncate(regular).open(&path)?;
        let enc = Enc::new(BufWriter::with_capacity(1 << 20, f), c)?;
        Ok(Pending { staged: None, enc })
    }

    /// Finish writing; a staged file comes back synced, ready to rename.
    pub(super) fn finish(self) -> io::Result<Option<Staged>> {
        let f = self
            .enc
            .finish()?
            .into_inner()
            .map_err(|e| e.into_error())?;
        if self.staged.is_some() {
            f.sync_all()?;
        }
        Ok(self.staged)
    }
}
