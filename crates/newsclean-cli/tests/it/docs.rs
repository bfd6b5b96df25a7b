//! Docs that are tested: every ```toml block of README.md, rules/README.md,
//! docs/*.md
//! and the kind file headers (`//! ```toml` in rules/kinds/*.rs) loads with
//! the project loader and its examples pass; rules/schema.json is what
//! `rules schema` prints; `rules kinds` covers every kind.

use crate::common::root;
use newsclean::rules::{self, check, kinds::KIND_NAMES};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fenced block: where it starts, its info string and its text.
struct Block {
    file: PathBuf,
    line: usize,
    info: String,
    text: String,
}

/// Fenced blocks of a Markdown text; `prefix` is stripped from every line
/// first (`//!` for Rust module docs, whose other lines are skipped).
fn blocks(file: &Path, prefix: Option<&str>) -> Vec<Block> {
    let src = std::fs::read_to_string(file).unwrap();
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, raw) in src.lines().enumerate() {
        let line = match prefix {
            None => raw,
            Some(p) => match raw.trim_start().strip_prefix(p) {
                Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
                None => continue,
            },
        };
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => {
                open = Some(Block {
                    file: file.to_path_buf(),
                    line: i + 1,
                    info: info.trim().to_string(),
                    text: String::new(),
                })
            }
            (Some(_), Some(_)) => out.push(open.take().unwrap()),
            (Some(b), None) => {
                b.text.push_str(line);
                b.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "{}: unclosed fence", file.display());
    out
}

/// The files of `dir` ending in `.ext`, sorted.
fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

fn doc_blocks() -> Vec<Block> {
    let r = root();
    let mut all = blocks(&r.join("README.md"), None);
    all.extend(blocks(&r.join("rules/README.md"), None));
    for d in files_with_ext(&r.join("docs"), "md") {
        all.extend(blocks(&d, None));
    }
    for f in files_with_ext(&r.join("crates/newsclean/src/rules/kinds"), "rs") {
        all.extend(blocks(&f, Some("//!")));
    }
    all
}

#[test]
fn every_toml_block_in_the_docs_loads_and_its_examples_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut ran, mut ignored, mut fails) = (0, 0, Vec::new());
    for b in doc_blocks() {
        let mut info = b.info.split(',').map(str::trim);
        if info.next() != Some("toml") {
            continue;
        }
        // `toml,ignore`: a deliberately partial block (say why beside it).
        if info.any(|f| f == "ignore") {
            ignored += 1;
            continue;
        }
        let at = format!(
            "{}:{}",
            b.file.strip_prefix(root()).unwrap().display(),
            b.line
        );
        let dir = tmp.path().join(format!("block{ran}"));
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("block.toml"), &b.text).unwrap();
        ran += 1;
        let pack = match rules::load_dir(&dir) {
            Ok(p) => p,
            Err(e) => {
                fails.push(format!("{at}: does not load: {e}"));
                continue;
            }
        };
        if pack.rules.is_empty() && b.text.contains("[[rule]]") {
            fails.push(format!("{at}: no rule loaded"));
        }
        for f in check::check_examples(&pack) {
            fails.push(format!("{at}: {}", f.message));
        }
    }
    assert!(
        fails.is_empty(),
        "{} failures:\n{}",
        fails.len(),
        fails.join("\n")
    );
    assert!(ran >= 14, "only {ran} toml blocks found");
    assert!(
        ignored <= 2,
        "{ignored} ignored blocks: use `toml,ignore` sparingly"
    );
}

#[test]
fn every_kind_file_header_has_a_tested_example() {
    let kinds = root().join("crates/newsclean/src/rules/kinds");
    for name in KIND_NAMES {
        let found = std::fs::read_dir(&kinds).unwrap().any(|e| {
            let p = e.unwrap().path();
            blocks(&p, Some("//!"))
                .iter()
                .any(|b| b.info == "toml" && b.text.contains(&format!("kind = \"{name}\"")))
        });
        assert!(found, "no kind file header shows a `{name}` rule");
    }
}

fn newsclean(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn committed_schema_is_the_generated_one() {
    let o = newsclean(&["rules", "schema"]);
    assert!(o.status.success());
    let committed = std::fs::read_to_string(root().join("rules/schema.json")).unwrap();
    assert!(
        String::from_utf8(o.stdout).unwrap() == committed,
        "rules/schema.json is stale: run `cargo run -- rules schema > rules/schema.json`"
    );
}

#[test]
fn rules_kinds_lists_every_kind_with_its_parameters() {
    let o = newsclean(&["rules", "kinds"]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    for name in KIND_NAMES {
        assert!(
            out.contains(&format!("\n{name} (")) || out.starts_with(name),
            "{name}"
        );
    }
    for needle in [
        "max_chars",
        "integer",
        "default 400",
        "words",
        "required",
        "detect stage",
    ] {
        assert!(out.contains(needle), "{needle}");
    }
}
