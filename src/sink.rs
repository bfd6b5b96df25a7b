//! Where rendered records go: the clean, audit and rejected streams, each to
//! a file (optionally compressed, clean optionally in shards), to standard
//! output (clean only), or nowhere.
//!
//! Files are written under a temporary name (`.NAME.tmp-PID`) and renamed
//! into place only when the whole run has been written and synced, so a run
//! killed at any moment leaves no partial file under a final name; temporary
//! files left by a killed run are removed by the next run. After the renames
//! the output folder holds exactly this run's outputs: outputs of an earlier
//! run under other names (other shards, other compression) are removed.

use crate::error::RunError;
use flate2::write::GzEncoder;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Output compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compress {
    #[default]
    None,
    Gz,
    Zst,
}

impl Compress {
    pub fn ext(self) -> &'static str {
        match self {
            Compress::None => "",
            Compress::Gz => ".gz",
            Compress::Zst => ".zst",
        }
    }

    /// The compression a file name asks for by its extension.
    pub fn of_name(p: &Path) -> Compress {
        match p.extension().and_then(|e| e.to_str()) {
            Some("gz") => Compress::Gz,
            Some("zst") => Compress::Zst,
            _ => Compress::None,
        }
    }
}

/// Where the outputs go, as the front end asked.
#[derive(Debug, Clone, Default)]
pub struct SinkOptions {
    /// Output folder; `None`: clean records to standard output.
    pub out: Option<PathBuf>,
    /// Audit file instead of `OUT/audit.jsonl` (compression by its extension).
    pub audit: Option<PathBuf>,
    /// Rejected file instead of `OUT/rejected.jsonl`.
    pub rejected: Option<PathBuf>,
    /// Drop the audit; with standard output, drop every side file not named.
    pub no_audit: bool,
    /// Compression of the files named after the output folder, and of stdout.
    pub compress: Compress,
    /// Documents per clean shard (`clean-00000.jsonl`, ...); `None`: one file.
    pub shard_size: Option<u64>,
}

/// A compressing (or not) writer over `W`.
enum Enc<W: Write> {
    Plain(W),
    Gz(GzEncoder<W>),
    Zst(zstd::Encoder<'static, W>),
}

impl<W: Write> Enc<W> {
    fn new(w: W, c: Compress) -> io::Result<Enc<W>> {
        Ok(match c {
            Compress::None => Enc::Plain(w),
            Compress::Gz => Enc::Gz(GzEncoder::new(w, flate2::Compression::fast())),
            Compress::Zst => Enc::Zst(zstd::Encoder::new(w, 3)?),
        })
    }

    fn write_all(&mut self, b: &[u8]) -> io::Result<()> {
        match self {
            Enc::Plain(w) => w.write_all(b),
            Enc::Gz(w) => w.write_all(b),
            Enc::Zst(w) => w.write_all(b),
        }
    }

    fn finish(self) -> io::Result<W> {
        match self {
            Enc::Plain(w) => Ok(w),
            Enc::Gz(w) => w.finish(),
            Enc::Zst(w) => w.finish(),
        }
    }
}

/// A file fully written and synced under its temporary name, waiting to be
/// renamed; removed if dropped before that.
struct Ready {
    tmp: PathBuf,
    dest: PathBuf,
}

impl Ready {
    fn rename(self) -> io::Result<()> {
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
struct Pending {
    file: Ready,
    enc: Enc<BufWriter<File>>,
}

fn tmp_name(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy());
    dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

impl Pending {
    fn create(dest: PathBuf, c: Compress) -> io::Result<Pending> {
        let tmp = tmp_name(&dest);
        let f = File::create(&tmp)?;
        let file = Ready { tmp, dest };
        let enc = Enc::new(BufWriter::with_capacity(1 << 20, f), c)?;
        Ok(Pending { file, enc })
    }

    fn finish(self) -> io::Result<Ready> {
        let f = self
            .enc
            .finish()?
            .into_inner()
            .map_err(|e| e.into_error())?;
        f.sync_all()?;
        Ok(self.file)
    }
}

enum Stream {
    Drop,
    Stdout(Enc<BufWriter<io::Stdout>>),
    File(Pending),
    Shards {
        dir: PathBuf,
        compress: Compress,
        size: u64,
        in_current: u64,
        current: Pending,
        done: Vec<Ready>,
    },
}

fn shard_name(i: usize, c: Compress) -> String {
    format!("clean-{i:05}.jsonl{}", c.ext())
}

impl Stream {
    fn write(&mut self, b: &[u8]) -> io::Result<()> {
        if b.is_empty() {
            return Ok(());
        }
        match self {
            Stream::Drop => Ok(()),
            Stream::Stdout(w) => w.write_all(b),
            Stream::File(p) => p.enc.write_all(b),
            Stream::Shards {
                dir,
                compress,
                size,
                in_current,
                current,
                done,
            } => {
                if *in_current == *size {
                    let next = Pending::create(
                        dir.join(shard_name(done.len() + 1, *compress)),
                        *compress,
                    )?;
                    done.push(std::mem::replace(current, next).finish()?);
                    *in_current = 0;
                }
                *in_current += 1;
                current.enc.write_all(b)
            }
        }
    }

    /// Finish writing; files come back ready to rename.
    fn finish(self) -> io::Result<Vec<Ready>> {
        Ok(match self {
            Stream::Drop => vec![],
            Stream::Stdout(w) => {
                w.finish()?.flush()?;
                vec![]
            }
            Stream::File(p) => vec![p.finish()?],
            Stream::Shards {
                current, mut done, ..
            } => {
                done.push(current.finish()?);
                done
            }
        })
    }
}

/// The three output streams of a run.
pub struct Sink {
    clean: Stream,
    audit: Stream,
    rejected: Stream,
    /// The output folder, cleared of other runs' outputs at commit.
    dir: Option<PathBuf>,
}

impl Sink {
    pub fn create(o: &SinkOptions) -> Result<Sink, RunError> {
        let err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| RunError::Output { path, source }
        };
        let side = |named: &Option<PathBuf>, default: &str| -> Result<Stream, RunError> {
            let dest = match (named, &o.out) {
                (Some(p), _) => p.clone(),
                (None, _) if o.no_audit && (default == "audit" || o.out.is_none()) => {
                    return Ok(Stream::Drop)
                }
                (None, Some(dir)) => dir.join(format!("{default}.jsonl{}", o.compress.ext())),
                (None, None) => {
                    return Err(RunError::Options(format!(
                        "with --out -, name the {default} file (--{default} FILE) or drop it with --no-audit"
                    )))
                }
            };
            let c = if named.is_some() {
                Compress::of_name(&dest)
            } else {
                o.compress
            };
            let parent = dest.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(parent) = parent {
                std::fs::create_dir_all(parent).map_err(err(parent))?;
            }
            remove_stale_tmp(&dest);
            Ok(Stream::File(
                Pending::create(dest.clone(), c).map_err(err(&dest))?,
            ))
        };
        if let Some(dir) = &o.out {
            std::fs::create_dir_all(dir).map_err(err(dir))?;
        }
        let audit = side(&o.audit, "audit")?;
        let rejected = side(&o.rejected, "rejected")?;
        let clean = match (&o.out, o.shard_size) {
            (None, _) => Stream::Stdout(
                Enc::new(BufWriter::with_capacity(1 << 20, io::stdout()), o.compress)
                    .map_err(err(Path::new("-")))?,
            ),
            (Some(dir), None) => {
                let dest = dir.join(format!("clean.jsonl{}", o.compress.ext()));
                remove_stale_tmp(&dest);
                Stream::File(Pending::create(dest, o.compress).map_err(err(dir))?)
            }
            (Some(dir), Some(size)) => {
                remove_stale_tmp(&dir.join("clean-00000.jsonl"));
                Stream::Shards {
                    dir: dir.clone(),
                    compress: o.compress,
                    size: size.max(1),
                    in_current: 0,
                    current: Pending::create(dir.join(shard_name(0, o.compress)), o.compress)
                        .map_err(err(dir))?,
                    done: vec![],
                }
            }
        };
        Ok(Sink {
            clean,
            audit,
            rejected,
            dir: o.out.clone(),
        })
    }

    /// Append one document's records.
    pub fn write(&mut self, clean: &[u8], audit: &[u8], rejected: &[u8]) -> io::Result<()> {
        self.clean.write(clean)?;
        self.audit.write(audit)?;
        self.rejected.write(rejected)
    }

    /// Finish and sync every file, then rename them all into place and
    /// remove other runs' outputs from the folder.
    pub fn commit(self) -> io::Result<()> {
        let mut ready = self.clean.finish()?;
        ready.extend(self.audit.finish()?);
        ready.extend(self.rejected.finish()?);
        let written: Vec<PathBuf> = ready.iter().map(|r| r.dest.clone()).collect();
        for r in ready {
            r.rename()?;
        }
        if let Some(dir) = &self.dir {
            remove_other_outputs(dir, &written)?;
        }
        Ok(())
    }
}

/// Is `name` one of the names a run writes in its output folder?
fn is_output_name(name: &str) -> bool {
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

fn remove_other_outputs(dir: &Path, written: &[PathBuf]) -> io::Result<()> {
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
fn remove_stale_tmp(dest: &Path) {
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
