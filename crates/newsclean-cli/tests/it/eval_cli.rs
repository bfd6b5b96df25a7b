//! `newsclean devset` and `newsclean eval` from the command line.

use crate::common::{corpus_dir, root};
use std::process::Command;

fn newsclean(args: &[&str]) -> (bool, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (o.status.success(), text(&o.stdout), text(&o.stderr))
}

#[test]
fn devset_writes_a_set_that_eval_reads_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("dev.jsonl");
    let corpus = corpus_dir();
    let (set_s, corpus_s) = (set.to_str().unwrap(), corpus.to_str().unwrap());
    let (ok, _, err) = newsclean(&[
        "devset", "--corpus", corpus_s, "--out", set_s, "--seed", "3",
    ]);
    assert!(ok, "{err}");
    let lines = std::fs::read_to_string(&set).unwrap().lines().count();
    assert!(lines >= 150, "{lines} records");

    let (ok, out, err) = newsclean(&["eval", "--set", set_s, "--show", "2"]);
    assert!(ok, "{err}");
    for needle in [
        "body retention",
        "boilerplate leakage",
        "changed bodies",
        "repeated_site_line",
    ] {
        assert!(out.contains(needle), "{needle:?} missing from:\n{out}");
    }
    // The in-memory set (default seed) is another set than seed 3.
    let (ok, out_default, err) = newsclean(&["eval", "--corpus", corpus_s, "--show", "2"]);
    assert!(ok, "{err}");
    assert_ne!(out, out_default);
}

#[test]
fn eval_fails_loudly_on_a_broken_set() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("bad.jsonl");
    let bad = r#"{"id":"x","lang":"en","text":"abc","spans":[{"start":0,"end":2,"label":"body"}]}"#;
    std::fs::write(&set, bad).unwrap();
    let (ok, _, err) = newsclean(&["eval", "--set", set.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("document x"), "{err}");
    let (ok, _, err) = newsclean(&["eval", "--set", "no/such/file.jsonl"]);
    assert!(!ok && err.contains("cannot read"), "{err}");
}
