//! A rule pack can never make a run lose a user's file or panic: rules that
//! cut in odd places, write reserved metadata keys, carry broken example
//! marks or patterns that can never match are handled or refused at load.

use newsclean::io::records::RESERVED_METADATA_KEYS;
use newsclean::pipeline::{Cleaned, Outcome};
use newsclean::rules::{load_dir, Pack};
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

fn pack_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn load_err(text: &str) -> String {
    let dir = pack_dir(&[("p.toml", text)]);
    load_dir(dir.path()).unwrap_err().to_string()
}

const GLUED_EVERYWHERE: &str = r#"
[[rule]]
id = "t.glued"
kind = "glued"
description = "Cuts at every position."
patterns = ['(?P<at>)']
examples.remove = ["a⟦⟧b"]
examples.keep = ["x"]
"#;

fn cleaned(outcome: &Outcome) -> Option<&Cleaned> {
    match outcome {
        Outcome::Kept(c) => Some(c),
        Outcome::Rejected { cleaned, .. } => cleaned.as_deref(),
    }
}

#[test]
fn glued_cuts_inside_whitespace_keep_the_audit_in_order() {
    let dir = pack_dir(&[("g.toml", GLUED_EVERYWHERE)]);
    let pack: Pack = load_dir(dir.path()).unwrap();
    for text in [
        "  x",
        "x  ",
        " \n  x y \n\n\n z\t\n",
        "\n\nab\n  \ncd  ",
        "عنوان   \n\n  نص  ",
    ] {
        let outcome = newsclean::clean_text(text, &pack);
        let c = cleaned(&outcome).expect("not empty");
        crate::common::assert_sound(c);
        // A cut is recorded only between two non-blank characters.
        for r in c.removals.iter().filter(|r| r.bytes.is_empty()) {
            let p = r.bytes.start;
            let before = c.normalized[..p].chars().next_back();
            let after = c.normalized[p..].chars().next();
            assert!(
                before.is_some_and(|b| !b.is_whitespace())
                    && after.is_some_and(|a| !a.is_whitespace()),
                "cut at {p} in {text:?}"
            );
        }
    }
}

#[test]
fn a_run_with_a_glued_rule_cutting_whitespace_completes() {
    let rules = pack_dir(&[("g.toml", GLUED_EVERYWHERE)]);
    let input = pack_dir(&[("a.txt", "  x")]);
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(["clean", "--quiet", "--rules"])
        .arg(rules.path())
        .arg("--out")
        .arg(out.path())
        .arg(input.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let clean = std::fs::read_to_string(out.path().join("clean.jsonl")).unwrap();
    assert!(clean.contains("\"text\":\"x\""), "{clean}");
}

const EXTRACT: &str = r#"
[[rule]]
id = "t.extract"
kind = "extract"
description = "Takes the author line."
field = "FIELD"
patterns = ['^by (?P<value>.+)$']
examples.remove = ["by someone"]
examples.keep = ["a sentence by someone."]
"#;

#[test]
fn extract_rules_may_not_write_reserved_metadata_keys() {
    // `source` is reserved for the extract rules that fill it.
    for key in RESERVED_METADATA_KEYS.iter().filter(|k| **k != "source") {
        let err = load_err(&EXTRACT.replace("FIELD", key));
        assert!(
            err.contains("p.toml:3: rule `t.extract`")
                && err.contains(&format!("`{key}`"))
                && err.contains("reserved"),
            "{err}"
        );
    }
    for ok in ["source", "author"] {
        let dir = pack_dir(&[("p.toml", &EXTRACT.replace("FIELD", ok))]);
        load_dir(dir.path()).unwrap();
    }
}

const LINE: &str = r#"
[[rule]]
id = "t.line"
kind = "line"
description = "Removes the read-more line."
patterns = ['PATTERN']
examples.remove = [REMOVE]
examples.keep = [KEEP]
"#;

fn line_rule(pattern: &str, remove: &str, keep: &str) -> String {
    LINE.replace("PATTERN", pattern)
        .replace("REMOVE", remove)
        .replace("KEEP", keep)
}

#[test]
fn the_tidy_id_is_reserved() {
    let err = load_err(
        &line_rule("^read more", r#""read more: x""#, r#""Body.""#)
            .replace("t.line", "tidy.whitespace"),
    );
    assert!(
        err.contains("p.toml:3: rule `tidy.whitespace`") && err.contains("reserved"),
        "{err}"
    );
}

#[test]
fn unbalanced_example_marks_are_load_errors() {
    for (remove, keep) in [
        (r#""Body.\n⟦read more: x""#, r#""Body.""#),
        (r#""Body.\nread more: x⟧""#, r#""Body.""#),
        (r#""⟦read ⟦more⟧: x⟧""#, r#""Body.""#),
        (r#""⟦read more: x⟧""#, r#""Body ⟦x⟧.""#),
    ] {
        let err = load_err(&line_rule("^read more", remove, keep));
        assert!(err.contains("p.toml:3: rule `t.line`"), "{err}");
        assert!(err.contains("example"), "{err}");
    }
    let dir = pack_dir(&[(
        "p.toml",
        &line_rule("^read more", r#""Body.\n⟦read more: x⟧""#, r#""Body.""#),
    )]);
    let pack = load_dir(dir.path()).unwrap();
    assert!(newsclean::rules::check::check_examples(&pack).is_empty());
}

#[test]
fn upper_case_letters_in_folded_patterns_are_load_errors() {
    for bad in ["^Read more", r"^read [A-Z]\S+"] {
        let err = load_err(&line_rule(bad, r#""read more: x""#, r#""Body.""#));
        assert!(
            err.contains("p.toml:3: rule `t.line`")
                && err.contains("upper-case letter")
                && err.contains("lower-cased"),
            "{err}"
        );
    }
    for ok in [
        r"^read\S+\W\D",
        r"^read \p{Lu}?\P{Lu}*",
        r"^read (?P<x>[^A-Z]+)",
        r"(?i)^Read",
    ] {
        let dir = pack_dir(&[("p.toml", &line_rule(ok, r#""read more: x""#, r#""Body.""#))]);
        load_dir(dir.path()).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
}

/// A pack of `n` simple line rules in one file (the worst case for per-rule
/// scans of the file), `id = "gen.rule<i>"` on line `2 + 7 * i`.
pub fn generated_pack(dir: &Path, n: usize) {
    let mut s = String::new();
    for i in 0..n {
        writeln!(
            s,
            "[[rule]]\nid = \"gen.rule{i}\"\nkind = \"line\"\ndescription = \"Generated {i}.\"\n\
             patterns = ['^marker{i} ']\nexamples.remove = [\"marker{i} x\"]\nexamples.keep = [\"body.\"]"
        )
        .unwrap();
    }
    std::fs::write(dir.join("gen.toml"), s).unwrap();
}

#[test]
fn a_generated_pack_of_many_rules_loads_with_the_right_lines() {
    let dir = tempfile::tempdir().unwrap();
    generated_pack(dir.path(), 2000);
    let pack = load_dir(dir.path()).unwrap();
    assert_eq!(pack.rules.len(), 2000);
    for i in [0, 1, 999, 1999] {
        let r = &pack.rules[i];
        assert_eq!(r.id, format!("gen.rule{i}"));
        assert_eq!(r.line, 2 + 7 * i);
    }
}
