//! The rule pack: every example holds, and broken packs fail loudly.

use crate::common::{pack, root};
use newsclean::rules::{check, load_dir};
use std::path::Path;
use std::process::Command;

#[test]
fn every_rule_example_of_the_default_pack_holds() {
    let fails = check::check_examples(pack());
    let msgs: Vec<String> = fails.iter().map(|f| f.to_string()).collect();
    assert!(msgs.is_empty(), "{}", msgs.join("\n"));
    assert!(pack().rules.len() >= 10);
}

fn pack_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn rules_check(dir: &Path) -> (bool, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(["rules", "check", "--rules"])
        .arg(dir)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout),
    )
}

#[test]
fn rules_check_passes_on_the_default_pack() {
    let (ok, out) = rules_check(&root().join("rules"));
    assert!(ok, "{out}");
    assert!(out.contains("all pass"));
}

const EAGER: &str = r#"
[[rule]]
id = "test.eager"
kind = "line"
description = "Removes every line mentioning the minister."
patterns = ['الوزير']
examples.remove = ["الوزير يصل"]
examples.keep = ["قال الوزير إن الاجتماع كان مثمرا."]
"#;

#[test]
fn rules_check_fails_naming_a_rule_that_removes_its_keep_example() {
    let dir = pack_dir(&[("eager.toml", EAGER)]);
    let (ok, out) = rules_check(dir.path());
    assert!(!ok);
    assert!(
        out.contains("test.eager") && out.contains("keep-example 1 was touched"),
        "{out}"
    );
}

#[test]
fn a_syntax_error_names_the_file() {
    let dir = pack_dir(&[("broken.toml", "[[rule]]\nid = \"x\"\nkind = \n")]);
    let (ok, out) = rules_check(dir.path());
    assert!(!ok);
    assert!(
        out.contains("broken.toml") && out.contains("TOML syntax error"),
        "{out}"
    );
    assert!(out.contains("line 3"), "{out}");
}

#[test]
fn a_bad_regex_names_file_line_and_rule() {
    let bad = EAGER.replace("['الوزير']", "['(الوزير']");
    let dir = pack_dir(&[("bad.toml", &bad)]);
    let (ok, out) = rules_check(dir.path());
    assert!(!ok);
    assert!(
        out.contains("bad.toml:3: rule `test.eager`: bad pattern"),
        "{out}"
    );
    // The same from `clean`.
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(["clean", "--rules"])
        .arg(dir.path())
        .current_dir(root())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("rule `test.eager`"));
}

#[test]
fn pack_errors_are_specific() {
    let cases: &[(&str, &str)] = &[
        (
            &EAGER.replace("kind = \"line\"", "kind = \"lines\""),
            "unknown kind `lines`",
        ),
        (
            &EAGER.replace("patterns", "max_chars = 3\nbogus = 1\npatterns"),
            "unknown field `bogus`",
        ),
        (
            &EAGER.replace("الوزير']", "أيضاً']"),
            "which the folded view never holds",
        ),
        (&format!("{EAGER}{EAGER}"), "duplicate id"),
        (
            &EAGER.replace("kind = \"line\"", "kind = \"extract\"\nfield = \"x\""),
            "has no (?P<value>...) group",
        ),
        (
            &EAGER.replace("kind = \"line\"", "kind = \"tail\"\nmin_position = 2.0"),
            "min_position must be between 0 and 1",
        ),
    ];
    for (text, want) in cases {
        let dir = pack_dir(&[("p.toml", text)]);
        let err = load_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains(want), "want {want:?} in {err:?}");
        assert!(err.contains("p.toml"), "{err}");
    }
    let empty = tempfile::tempdir().unwrap();
    assert!(load_dir(empty.path())
        .unwrap_err()
        .to_string()
        .contains("no rule files"));
}
