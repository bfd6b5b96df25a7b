//! Configuration mistakes stop the run with a message that says what was
//! seen, instead of exit 0 with every record rejected; `--keep-going` cleans
//! what it can. Pipe mode says plainly that the corpus pass did not run.

use crate::common::{bin, root};
use std::io::Write;
use std::process::{Command, Stdio};

fn write(dir: &std::path::Path, name: &str, lines: &[String]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, lines.concat()).unwrap();
    p.to_string_lossy().into_owned()
}

fn records(field: &str, n: usize) -> Vec<String> {
    let body = crate::common::corpus("en")[0].join("\n\n");
    (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("d{i}"), field: body, "url": "x"}).to_string() + "\n"
        })
        .collect()
}

#[test]
fn a_wrong_text_field_stops_the_run_and_names_the_fields_seen() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(tmp.path(), "dump.jsonl", &records("content", 30));
    let o = bin(&["clean", &f, "-q", "--out", "o"], tmp.path());
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("30 of the first 30"), "{err}");
    assert!(
        err.contains("`content`") && err.contains("--text-field"),
        "{err}"
    );
    assert!(
        !tmp.path().join("o/clean.jsonl").exists(),
        "nothing put in place"
    );
    // The right field, or --keep-going.
    let o = bin(
        &["clean", &f, "-q", "--out", "o", "--text-field", "content"],
        tmp.path(),
    );
    assert!(o.status.success());
    let o = bin(
        &["clean", &f, "-q", "--out", "k", "--keep-going"],
        tmp.path(),
    );
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("k/rejected.jsonl"))
            .unwrap()
            .lines()
            .count(),
        30
    );
}

#[test]
fn plain_text_piped_as_jsonl_stops_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .current_dir(tmp.path())
        .args(["clean", "-", "-q", "--out", "o", "--rules"])
        .arg(root().join("rules"))
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read_to_string(root().join("seeds/000_18f17586899a5c35.txt")).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("is the input not JSONL"));
}

#[test]
fn a_named_id_field_no_record_has_stops_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let f = write(tmp.path(), "dump.jsonl", &records("text", 5));
    let o = bin(
        &["clean", &f, "-q", "--out", "o", "--id-field", "nope"],
        tmp.path(),
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("id field `nope`"));
    // The default `id` may be absent: ids are then <file>:<line>, as documented.
    let lines: Vec<String> = records("text", 3)
        .iter()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("id");
            v.to_string() + "\n"
        })
        .collect();
    let g = write(tmp.path(), "noid.jsonl", &lines);
    let o = bin(&["clean", &g, "-q", "--out", "p"], tmp.path());
    assert!(o.status.success());
}

#[test]
fn pipe_mode_says_the_corpus_pass_did_not_run() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .current_dir(tmp.path())
        .args(["clean", "-", "--out", "-", "--no-audit"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(records("text", 3).concat().as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("repeated-line pass: skipped: the input is a stream"),
        "{err}"
    );
}
