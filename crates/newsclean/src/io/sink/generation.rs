//! Generations of an output folder: a run's files appear together or not at
//! all, and newsclean removes only files that it wrote itself.
//!
//! A run holds an exclusive lock on the folder, writes every file of its
//! generation under `.newsclean-staging-PID/` inside it, and then switches:
//!
//! 1. the manifest `.newsclean-manifest.json` records the switch (the files
//!    of the new generation, the staging folder, the side files to rename);
//! 2. each staged file is renamed into the folder;
//! 3. files of the previous generation that the new one does not have (other
//!    shards, other compression) are removed — only names the previous
//!    manifest lists;
//! 4. the manifest is rewritten with the new generation alone.
//!
//! A run killed before step 1 leaves the previous generation untouched (its
//! staging folder is listed in the manifest and removed by the next run); a
//! run killed during steps 2–4 is rolled forward by the next run, so the
//! folder never mixes two generations for longer than a kill.

use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

pub(crate) const MANIFEST: &str = ".newsclean-manifest.json";
const STAGING_PREFIX: &str = ".newsclean-staging-";
/// In the name of every temporary file newsclean writes beside a file.
pub(crate) const TMP_MARK: &str = ".newsclean-tmp-";

/// The temporary name beside `dest` under which it is written.
pub(crate) fn tmp_beside(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy());
    dest.with_file_name(format!(".{name}{TMP_MARK}{}", std::process::id()))
}

/// What the manifest says. Written atomically (temporary file, sync, rename).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// Format of this file.
    newsclean_manifest: u32,
    /// Names (in the folder) of the files of the current generation.
    files: Vec<String>,
    /// Staging folders of runs that started (removed by the next run).
    #[serde(default)]
    staging: Vec<String>,
    /// A switch in progress: rolled forward by the next run.
    #[serde(default)]
    switch: Option<Switch>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Switch {
    staging: String,
    files: Vec<String>,
    /// Side files outside the folder: (temporary, final) absolute paths.
    #[serde(default)]
    side: Vec<(PathBuf, PathBuf)>,
}

/// Only plain names (no separators, no `..`) are ever acted on.
fn plain_name(n: &str) -> bool {
    !n.is_empty() && n != "." && n != ".." && !n.contains('/') && !n.contains('\0')
}

/// The output folder of a run, locked, with its staging folder.
pub(crate) struct Generation {
    dir: PathBuf,
    staging: PathBuf,
    manifest: Manifest,
    /// Holds the folder's lock until the run ends.
    _lock: File,
    /// Switched or abandoned: nothing left to clear on drop.
    done: bool,
}

impl Drop for Generation {
    /// A run that failed: its staging folder goes (a killed run's is
    /// removed by the next run, from the manifest).
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

impl Generation {
    /// Lock `dir` (created if missing), finish or clear what a killed run
    /// left, and create this run's staging folder.
    pub(crate) fn begin(dir: &Path) -> io::Result<Generation> {
        std::fs::create_dir_all(dir)?;
        let lock = File::open(dir)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(io::Error::other(
                    "another newsclean run is writing to this folder",
                ))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        let mut manifest = read_manifest(dir)?;
        recover(dir, &mut manifest)?;
        let name = format!("{STAGING_PREFIX}{}", std::process::id());
        manifest.staging.push(name.clone());
        write_manifest(dir, &manifest)?;
        let staging = dir.join(&name);
        std::fs::create_dir(&staging)?;
        Ok(Generation {
            dir: dir.to_path_buf(),
            staging,
            manifest,
            _lock: lock,
            done: false,
        })
    }

    /// Where files of the new generation are written before the switch.
    pub(crate) fn staging(&self) -> &Path {
        &self.staging
    }

    /// Switch to the generation in the staging folder, whose files are
    /// `files` (names), and rename the side files with it.
    pub(crate) fn switch(
        mut self,
        files: Vec<String>,
        side: Vec<(PathBuf, PathBuf)>,
    ) -> io::Result<()> {
        sync_dir(&self.staging)?;
        let staging = file_name(&self.staging);
        self.manifest.switch = Some(Switch {
            staging,
            files,
            side,
        });
        write_manifest(&self.dir, &self.manifest)?;
        self.done = true;
        recover(&self.dir, &mut self.manifest)?;
        write_manifest(&self.dir, &self.manifest)
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_manifest(dir: &Path) -> io::Result<Manifest> {
    match std::fs::read(dir.join(MANIFEST)) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{MANIFEST} is not a newsclean manifest ({e}); remove it by hand if you wrote it"),
            )
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Manifest {
            newsclean_manifest: 1,
            ..Manifest::default()
        }),
        Err(e) => Err(e),
    }
}

fn write_manifest(dir: &Path, m: &Manifest) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(m).map_err(io::Error::other)?;
    bytes.push(b'\n');
    crate::io::records::write_atomic(&dir.join(MANIFEST), &bytes)?;
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Finish a switch a killed run left half done, then remove staging folders
/// of runs that never switched. Called with the folder locked, so no other
/// run is using them.
fn recover(dir: &Path, m: &mut Manifest) -> io::Result<()> {
    if let Some(sw) = m.switch.take() {
        let staging = dir.join(&sw.staging);
        for name in sw.files.iter().filter(|n| plain_name(n)) {
            let from = staging.join(name);
            if from.exists() {
                std::fs::rename(&from, dir.join(name))?;
            }
        }
        for (tmp, dest) in &sw.side {
            let ours = file_name(tmp).contains(TMP_MARK);
            if ours && tmp.exists() {
                std::fs::rename(tmp, dest)?;
            }
        }
        for old in m.files.iter().filter(|n| plain_name(n)) {
            if !sw.files.contains(old) {
                match std::fs::remove_file(dir.join(old)) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
            }
        }
        m.files = sw.files;
    }
    for s in std::mem::take(&mut m.staging) {
        if plain_name(&s) && s.starts_with(STAGING_PREFIX) {
            match std::fs::remove_dir_all(dir.join(&s)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// A run that died in the middle of its switch (the manifest records
    /// it; one file renamed, one not) is completed by the next run, which
    /// also removes the previous generation's other files — and nothing else.
    #[test]
    fn a_switch_cut_short_is_rolled_forward_by_the_next_run() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("old-only.jsonl"), "old").unwrap();
        std::fs::write(dir.join("clean.jsonl"), "old").unwrap();
        std::fs::write(dir.join("mine.txt"), "user").unwrap();
        let staging = ".newsclean-staging-1";
        std::fs::create_dir(dir.join(staging)).unwrap();
        // The dead run had renamed summary.json already; clean.jsonl is
        // still staged.
        std::fs::write(dir.join("summary.json"), "new").unwrap();
        std::fs::write(dir.join(staging).join("clean.jsonl"), "new").unwrap();
        let m = Manifest {
            newsclean_manifest: 1,
            files: vec!["clean.jsonl".into(), "old-only.jsonl".into()],
            staging: vec![staging.into()],
            switch: Some(Switch {
                staging: staging.into(),
                files: vec!["clean.jsonl".into(), "summary.json".into()],
                side: vec![],
            }),
        };
        write_manifest(dir, &m).unwrap();

        let g = Generation::begin(dir).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("clean.jsonl")).unwrap(),
            "new"
        );
        assert!(!dir.join("old-only.jsonl").exists());
        assert_eq!(
            std::fs::read_to_string(dir.join("mine.txt")).unwrap(),
            "user"
        );
        assert!(!dir.join(staging).exists());
        let own = file_name(g.staging());
        drop(g); // a failed run: its staging folder goes, the rest stays
        let mut want = vec![MANIFEST, "clean.jsonl", "mine.txt", "summary.json"];
        want.sort();
        assert_eq!(names(dir), want, "{own} left behind?");
        let m = read_manifest(dir).unwrap();
        assert!(m.switch.is_none());
        assert_eq!(m.files, ["clean.jsonl", "summary.json"]);
    }

    #[test]
    fn a_second_run_into_a_locked_folder_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let _first = Generation::begin(tmp.path()).unwrap();
        let err = Generation::begin(tmp.path()).err().expect("refused");
        assert!(err.to_string().contains("another newsclean run"), "{err}");
    }
}
