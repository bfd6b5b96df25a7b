//! Snapshot tests (insta): `explain --plain` of each seed, and the error
//! messages of bad invocations, so a doubled cause or a lost context shows
//! up as a diff. Commands run with relative paths (the seeds from the
//! repository root, the bad invocations in a temp dir), so messages are
//! stable. Review changes with `cargo insta review` (or rerun with
//! `INSTA_UPDATE=always` and read the diff of tests/it/snapshots/).

use crate::common::root;
use std::path::Path;
use std::process::Command;

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn explain_plain_of_each_seed() {
    let mut seeds: Vec<String> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty());
    for name in seeds {
        let path = format!("seeds/{name}");
        let o = run(root(), &["explain", &path, "--plain"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stem = name.trim_end_matches(".txt");
        insta::assert_snapshot!(
            format!("explain_{stem}"),
            String::from_utf8(o.stdout).unwrap()
        );
    }
}

const GOOD_RULE: &str = r#"[[rule]]
id = "test.line"
kind = "line"
description = "A test line."
patterns = ['^\s*read more:']
examples.remove = ["Read more: a headline"]
examples.keep = ["They read more: books."]
"#;

/// A temp dir holding `in/a.txt` and `rules/test.toml` with `rule_file`.
fn setup(rule_file: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir(t.path().join("in")).unwrap();
    std::fs::write(t.path().join("in/a.txt"), "A body line that stays.\n").unwrap();
    std::fs::create_dir(t.path().join("rules")).unwrap();
    std::fs::write(t.path().join("rules/test.toml"), rule_file).unwrap();
    t
}

/// The exit status and stderr of a failing command.
fn failure(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args);
    assert!(!o.status.success(), "{args:?} succeeded");
    format!(
        "$ newsclean {}\nexit: {}\n{}",
        args.join(" "),
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stderr).unwrap()
    )
}

#[test]
fn error_messages_of_bad_invocations() {
    let ok = setup(GOOD_RULE);
    insta::assert_snapshot!(
        "error_missing_rules_folder",
        failure(
            ok.path(),
            &["clean", "in", "--rules", "nope", "--out", "out"]
        )
    );
    insta::assert_snapshot!(
        "error_missing_input",
        failure(ok.path(), &["clean", "missing.txt", "--out", "out"])
    );
    let bad_toml = setup("[[rule]\nid = \"x\"\n");
    insta::assert_snapshot!(
        "error_bad_toml",
        failure(
            bad_toml.path(),
            &["clean", "in", "--rules", "rules", "--out", "out"]
        )
    );
    let bad_regex = setup(&GOOD_RULE.replace(r"^\s*read more:", r"^(read more"));
    insta::assert_snapshot!(
        "error_bad_regex",
        failure(bad_regex.path(), &["rules", "check", "--rules", "rules"])
    );
    let unknown_kind = setup(&GOOD_RULE.replace("kind = \"line\"", "kind = \"nav_menu\""));
    insta::assert_snapshot!(
        "error_unknown_kind",
        failure(unknown_kind.path(), &["rules", "check", "--rules", "rules"])
    );
    let word_boundary = setup(&GOOD_RULE.replace(r"^\s*read more:", r"^read more\b"));
    insta::assert_snapshot!(
        "error_word_boundary",
        failure(
            word_boundary.path(),
            &["rules", "show", "test.line", "--rules", "rules"]
        )
    );
}
