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

mod file;

use crate::error::RunError;
use file::{remove_other_outputs, remove_stale_tmp, Enc, Pending, Ready};
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
        if o.out.is_none() && o.shard_size.is_some() {
            return Err(RunError::Options(
                "--shard-size needs an output folder, not --out -".into(),
            ));
        }
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
