//! Typed errors of the library. `main` wraps them with anyhow; nothing else does.

use std::path::PathBuf;

/// A rule pack that cannot be loaded. Every variant names the file, and the
/// rule id (and line) where one applies, so a user can go straight to it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PackError {
    #[error("cannot read rules folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: TOML syntax error: {message}")]
    Syntax { path: PathBuf, message: String },
    #[error("{path}:{line}: rule `{rule}`: {message}")]
    Rule {
        path: PathBuf,
        line: usize,
        rule: String,
        message: String,
    },
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("no rule files (*.toml) found under {0}")]
    Empty(PathBuf),
}

/// A run that could not complete (bad arguments, unwritable output).
/// Bad *documents* are never errors: they become rejected records.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    #[error("input {0} does not exist")]
    MissingInput(PathBuf),
    #[error("cannot read input {path}: {source}")]
    Input {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot list {path}: {source}")]
    Walk {
        path: PathBuf,
        source: walkdir::Error,
    },
    #[error("cannot write output in {path}: {source}")]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot start {threads} worker threads: {message}")]
    Threads { threads: usize, message: String },
    #[error("standard input (`-`) can be read only once: no second pass over it")]
    StdinTwice,
    #[error("{0}")]
    Options(String),
}
