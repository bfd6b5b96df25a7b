//! Where rendered records go: the clean, audit and rejected streams, each to
//! a file (optionally compressed, clean optionally in shards), to standard
//! output (clean only), or nowhere.
//!
//! What newsclean touches on disk (README "Safety"):
//! * files in the output folder are written as one generation, staged and
//!   switched in one step (`generation`); only files an earlier run's
//!   manifest lists are ever removed, and only after the new run is written;
//! * side files (`--audit`, `--rejected`) are staged beside themselves and
//!   renamed at commit, except devices, FIFOs and symlinks, which are written
//!   in place and never replaced (`dest`);
//! * no output may be an input, another output, or inside an input folder:
//!   checked before anything is read (`dest::check`).

mod dest;
mod file;
mod generation;

use crate::error::RunError;
use dest::{Dest, Named};
use file::{Enc, Pending, Staged};
pub(crate) use generation::tmp_beside;
use generation::Generation;
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
        staging: PathBuf,
        dir: PathBuf,
        compress: Compress,
        size: u64,
        in_current: u64,
        current: Pending,
        done: Vec<Staged>,
    },
}

/// The name of clean shard `i` (`records::read::open` finds them by it).
pub(crate) fn shard_name(i: usize, c: Compress) -> String {
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
                staging,
                dir,
                compress,
                size,
                in_current,
                current,
                done,
            } => {
                if *in_current == *size {
                    let name = shard_name(done.len() + 1, *compress);
                    let next = Pending::staged(staging.join(&name), dir.join(&name), *compress)?;
                    done.extend(std::mem::replace(current, next).finish()?);
                    *in_current = 0;
                }
                *in_current += 1;
                current.enc.write_all(b)
            }
        }
    }

    /// Finish writing; staged files come back ready to rename.
    fn finish(self) -> io::Result<Vec<Staged>> {
        Ok(match self {
            Stream::Drop => vec![],
            Stream::Stdout(w) => {
                w.finish()?.flush()?;
                vec![]
            }
            Stream::File(p) => p.finish()?.into_iter().collect(),
            Stream::Shards {
                current, mut done, ..
            } => {
                done.extend(current.finish()?);
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
    /// The output folder's new generation (`None` with `--out -`).
    generation: Option<Generation>,
}

/// Names a run writes in its output folder besides the JSONL streams.
pub const SUMMARY: &str = "summary.json";
pub const REPORT: &str = "report.html";

impl Sink {
    /// Check every destination against the others and the `inputs`, then
    /// open the streams. Nothing is read or replaced before this succeeds.
    pub fn create(o: &SinkOptions, inputs: &[PathBuf]) -> Result<Sink, RunError> {
        if o.out.is_none() && o.shard_size.is_some() {
            return Err(RunError::Options(
                "--shard-size needs an output folder, not --out -".into(),
            ));
        }
        // The side files, as the user named them or defaulted into the folder.
        let side_of = |named: &Option<PathBuf>,
                       default: &str|
         -> Result<Option<(PathBuf, Compress, bool)>, RunError> {
            Ok(match (named, &o.out) {
                (Some(p), _) => Some((p.clone(), Compress::of_name(p), true)),
                (None, _) if o.no_audit && (default == "audit" || o.out.is_none()) => None,
                (None, Some(dir)) => Some((
                    dir.join(format!("{default}.jsonl{}", o.compress.ext())),
                    o.compress,
                    false,
                )),
                (None, None) => {
                    return Err(RunError::Options(format!(
                        "with --out -, name the {default} file (--{default} FILE) or drop it with --no-audit"
                    )))
                }
            })
        };
        let audit = side_of(&o.audit, "audit")?;
        let rejected = side_of(&o.rejected, "rejected")?;

        let mut named = Vec::new();
        if let Some(dir) = &o.out {
            if dir.as_os_str().is_empty() {
                return Err(RunError::Options(
                    "--out is empty: name a folder, or - for standard output".into(),
                ));
            }
            if dir.exists() && !dir.is_dir() {
                return Err(RunError::Output {
                    path: dir.clone(),
                    source: io::Error::other("exists and is not a folder"),
                });
            }
            let clean = match o.shard_size {
                Some(_) => format!("clean-NNNNN.jsonl{}", o.compress.ext()),
                None => format!("clean.jsonl{}", o.compress.ext()),
            };
            for name in [clean.as_str(), SUMMARY, REPORT, generation::MANIFEST] {
                named.push(Named {
                    what: format!("the output {name}"),
                    path: dir.join(name),
                });
            }
        }
        for (flag, side) in [("--audit", &audit), ("--rejected", &rejected)] {
            if let Some((path, _, by_user)) = side {
                let what = if *by_user {
                    flag.to_string()
                } else {
                    format!("the output {}", path.display())
                };
                if *by_user && o.out.as_ref().is_some_and(|d| in_folder_name(d, path, o)) {
                    return Err(RunError::Options(format!(
                        "{flag} {} is a file the run writes in its output folder: name another file",
                        path.display()
                    )));
                }
                named.push(Named {
                    what,
                    path: path.clone(),
                });
            }
        }
        dest::check(&named, o.out.as_deref(), inputs)?;

        let err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| RunError::Output { path, source }
        };
        let generation = match &o.out {
            Some(dir) => Some(Generation::begin(dir).map_err(err(dir))?),
            None => None,
        };
        let staging = generation.as_ref().map(|g| g.staging().to_path_buf());
        let open = |side: Option<(PathBuf, Compress, bool)>| -> Result<Stream, RunError> {
            let Some((path, c, by_user)) = side else {
                return Ok(Stream::Drop);
            };
            let pending = match (by_user, &staging) {
                (false, Some(st)) => {
                    let name = path.file_name().expect("a name we built");
                    Pending::staged(st.join(name), path.clone(), c)
                }
                _ => match dest::side(&path)? {
                    Dest::Staged { dest } => {
                        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
                            std::fs::create_dir_all(parent).map_err(err(parent))?;
                        }
                        Pending::staged(tmp_beside(&dest), dest, c)
                    }
                    Dest::InPlace { path, regular } => Pending::in_place(path, regular, c),
                },
            };
            Ok(Stream::File(pending.map_err(err(&path))?))
        };
        let audit = open(audit)?;
        let rejected = open(rejected)?;
        let clean = match (&o.out, &staging, o.shard_size) {
            (Some(dir), Some(st), size) => {
                let name = match size {
                    Some(_) => shard_name(0, o.compress),
                    None => format!("clean.jsonl{}", o.compress.ext()),
                };
                let current = Pending::staged(st.join(&name), dir.join(&name), o.compress)
                    .map_err(err(&dir.join(&name)))?;
                match size {
                    None => Stream::File(current),
                    Some(size) => Stream::Shards {
                        staging: st.clone(),
                        dir: dir.clone(),
                        compress: o.compress,
                        size: size.max(1),
                        in_current: 0,
                        current,
                        done: vec![],
                    },
                }
            }
            _ => Stream::Stdout(
                Enc::new(BufWriter::with_capacity(1 << 20, io::stdout()), o.compress)
                    .map_err(err(Path::new("-")))?,
            ),
        };
        Ok(Sink {
            clean,
            audit,
            rejected,
            generation,
        })
    }

    /// Append one document's records.
    pub fn write(&mut self, clean: &[u8], audit: &[u8], rejected: &[u8]) -> io::Result<()> {
        self.clean.write(clean)?;
        self.audit.write(audit)?;
        self.rejected.write(rejected)
    }

    /// Finish and sync every stream. Nothing is in place yet: the caller
    /// may add files to the generation (`Finished::folder`), then commits.
    pub fn finish(self) -> io::Result<Finished> {
        let mut staged = self.clean.finish()?;
        staged.extend(self.audit.finish()?);
        staged.extend(self.rejected.finish()?);
        Ok(Finished {
            staged,
            extra: vec![],
            generation: self.generation,
        })
    }
}

/// Does `path` name, inside the output folder `dir`, a file the run writes there?
fn in_folder_name(dir: &Path, path: &Path, o: &SinkOptions) -> bool {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    if dest::resolve(parent) != dest::resolve(dir) {
        return false;
    }
    let name = name.to_string_lossy();
    let shard = name
        .strip_prefix("clean-")
        .and_then(|n| n.strip_suffix(&format!(".jsonl{}", o.compress.ext())))
        .is_some_and(|n| n.len() == 5 && n.bytes().all(|b| b.is_ascii_digit()));
    let stream = |s: &str| name == format!("{s}.jsonl{}", o.compress.ext());
    (o.shard_size.is_some() && shard)
        || (o.shard_size.is_none() && stream("clean"))
        || stream("audit")
        || stream("rejected")
        || name == SUMMARY
        || name == REPORT
        || name.starts_with(".newsclean-")
}

/// A run's outputs, written and synced, not yet in place.
pub struct Finished {
    staged: Vec<Staged>,
    /// Names of files added to the staging folder (summary, report).
    extra: Vec<String>,
    generation: Option<Generation>,
}

impl Finished {
    /// The staging folder, holding the folder's new files under their final
    /// names (`None` with `--out -`). Files written here with `add` are
    /// switched into place with the rest.
    pub fn folder(&self) -> Option<&Path> {
        self.generation.as_ref().map(|g| g.staging())
    }

    /// Register a file written into `folder()`.
    pub fn add(&mut self, name: &str) {
        self.extra.push(name.to_string());
    }

    /// Put everything in place in one step (see `generation`).
    pub fn commit(self) -> io::Result<()> {
        let staging = self.folder().map(Path::to_path_buf);
        let mut files = self.extra;
        let mut side = Vec::new();
        for s in self.staged {
            let (tmp, dest) = s.disarm();
            match &staging {
                Some(st) if tmp.parent() == Some(st.as_path()) => files.push(
                    dest.file_name()
                        .expect("named")
                        .to_string_lossy()
                        .into_owned(),
                ),
                _ => side.push((tmp, dest)),
            }
        }
        match self.generation {
            Some(g) => {
                let side = side
                    .into_iter()
                    .map(|(t, d)| (dest::resolve(&t), dest::resolve(&d)))
                    .collect();
                g.switch(files, side)
            }
            None => side
                .into_iter()
                .try_for_each(|(t, d)| std::fs::rename(t, d)),
        }
    }
}
