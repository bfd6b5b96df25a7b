//! The corpus-wide first pass: repeated lines and duplicate documents.

use crate::common::*;
use std::path::Path;
use std::process::Command;

const SLOGAN: &str = "جريدة الأخبار المغربية، صوت الحقيقة منذ 1999";

/// `n` documents from the corpus; every third carries the slogan; the last
/// three are exact copies of the first three.
fn dump(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let bodies = corpus("ar");
    let mut texts = Vec::new();
    for (i, body) in bodies.iter().take(n).enumerate() {
        let mut t = body.join("\n\n");
        if i % 3 == 0 {
            t = format!("{SLOGAN}\n\n{t}\n\n{SLOGAN}");
        }
        texts.push(t);
    }
    for i in 0..3 {
        texts.push(texts[i].clone());
    }
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(dir.join(format!("doc{i:03}.txt")), t).unwrap();
    }
}

fn run(args: &[&str], cwd: &Path) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(args)
        .arg("--rules")
        .arg(root().join("rules"))
        .current_dir(cwd)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn repeated_lines_are_removed_with_counts_and_duplicates_marked() {
    let tmp = tempfile::tempdir().unwrap();
    dump(&tmp.path().join("in"), 60);
    let stdout = run(&["clean", "in", "--out", "out"], tmp.path());
    assert!(
        stdout.contains("repeated-line pass: 60 distinct documents"),
        "{stdout}"
    );
    let clean = jsonl(&tmp.path().join("out/clean.jsonl"));
    assert_eq!(clean.len(), 63, "duplicates are kept");
    assert!(clean
        .iter()
        .all(|r| !r["text"].as_str().unwrap().contains(SLOGAN)));
    let audit = jsonl(&tmp.path().join("out/audit.jsonl"));
    let hits: Vec<_> = audit
        .iter()
        .filter(|a| a["rule"] == "corpus.repeated_line")
        .collect();
    // 20 distinct documents carry it (twice each); so does the copy of doc000.
    assert!(hits
        .iter()
        .all(|a| a["count"] == 20 && a["text"].as_str().unwrap().contains(SLOGAN)));
    assert_eq!(
        hits.len(),
        2 * 21,
        "twice in each of the 20 documents and in the copy of doc000"
    );
    // Exact copies point at the first copy.
    for (i, r) in clean.iter().enumerate() {
        let dup = &r["metadata"]["duplicate_of"];
        if i >= 60 {
            assert_eq!(dup, &serde_json::json!(format!("doc{:03}.txt", i - 60)));
        } else {
            assert_eq!(dup, "");
        }
    }
    // Body paragraphs of a slogan document are all kept.
    let body = corpus("ar")[3].join("\n\n");
    assert_eq!(
        clean[3]["text"].as_str().unwrap(),
        newsclean::text::normalize::normalize(&body, &pack().normalize)
            .0
            .trim()
    );
}

#[test]
fn the_pass_can_be_turned_off_and_needs_enough_documents() {
    let tmp = tempfile::tempdir().unwrap();
    dump(&tmp.path().join("in"), 60);
    run(
        &["clean", "in", "--out", "off", "--no-repeated", "-q"],
        tmp.path(),
    );
    let clean = jsonl(&tmp.path().join("off/clean.jsonl"));
    assert!(clean[0]["text"].as_str().unwrap().contains(SLOGAN));

    let small = tempfile::tempdir().unwrap();
    dump(&small.path().join("in"), 30);
    let stdout = run(&["clean", "in", "--out", "out"], small.path());
    assert!(
        stdout.contains("repeated-line pass: off (30 distinct documents"),
        "{stdout}"
    );
    let clean = jsonl(&small.path().join("out/clean.jsonl"));
    assert!(clean[0]["text"].as_str().unwrap().contains(SLOGAN));
}

#[test]
fn drop_duplicates_rejects_copies_naming_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    dump(&tmp.path().join("in"), 60);
    run(
        &["clean", "in", "--out", "out", "--drop-duplicates"],
        tmp.path(),
    );
    let clean = jsonl(&tmp.path().join("out/clean.jsonl"));
    assert_eq!(clean.len(), 60);
    assert!(clean.iter().all(|r| r["metadata"]["duplicate_of"] == ""));
    let rejected = jsonl(&tmp.path().join("out/rejected.jsonl"));
    let dups: Vec<_> = rejected
        .iter()
        .filter(|r| r["reason"] == "duplicate")
        .collect();
    assert_eq!(dups.len(), 3);
    for (i, r) in dups.iter().enumerate() {
        assert_eq!(r["id"], format!("doc{:03}.txt", 60 + i));
        assert_eq!(r["source_path"], format!("in/doc{:03}.txt", 60 + i));
        assert_eq!(r["detail"], format!("an exact copy of doc{i:03}.txt"));
    }
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("out/summary.json")).unwrap())
            .unwrap();
    assert_eq!(summary["rejected"]["duplicate"], 3);
    assert_eq!(summary["kept"], 60);
}
