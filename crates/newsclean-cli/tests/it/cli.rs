//! End-to-end tests of the `newsclean` binary.

use crate::common::{jsonl, root};
use std::path::Path;
use std::process::Output;

fn newsclean(args: &[&str], cwd: &Path) -> Output {
    crate::common::bin(args, cwd)
}

fn rules_dir() -> String {
    root().join("rules").to_string_lossy().into_owned()
}

/// seeds/ plus an empty, a binary and a Latin-1 file.
fn input_with_bad_files(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("binary.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"caf\xe9 cr\xe8me").unwrap();
}

#[test]
fn bad_files_are_rejected_and_seeds_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    input_with_bad_files(&input);
    let out = tmp.path().join("out");
    let o = newsclean(
        &[
            "clean",
            "in",
            "--out",
            "out",
            "--rules",
            &rules_dir(),
            "--quiet",
        ],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let kept = jsonl(&out.join("clean.jsonl"));
    let ids: Vec<&str> = kept.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["000_18f17586899a5c35.txt", "001_e4b4c0894e14bddb.txt"]
    );
    let rejected = jsonl(&out.join("rejected.jsonl"));
    let got: Vec<(&str, &str)> = rejected
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("binary.txt", "binary"),
            ("empty.txt", "empty"),
            ("latin1.txt", "not_utf8")
        ]
    );
    assert!(rejected
        .iter()
        .all(|r| !r["detail"].as_str().unwrap().is_empty()));
    // Metadata of a kept record.
    let m = &kept[1]["metadata"];
    assert_eq!(m["source"], "عربي21");
    assert_eq!(m["title"], "");
    assert_eq!(m["lang"], "ar");
    let related = m["removed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "ar.related.block")
        .unwrap();
    assert!(related["chars"].as_u64().unwrap() > 0);
    assert_eq!(
        m["chars_out"].as_u64().unwrap(),
        kept[1]["text"].as_str().unwrap().chars().count() as u64
    );
    // Audit lines point into the normalized input.
    let audit = jsonl(&out.join("audit.jsonl"));
    assert!(audit.iter().any(|a| a["rule"] == "ar.source.extract"
        && a["doc"] == "001_e4b4c0894e14bddb.txt"
        && a["text"] == "المصدر: عربي21\n"));
    // No temporary files left behind: hidden, only the run's manifest.
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let hidden: Vec<&String> = names.iter().filter(|n| n.starts_with('.')).collect();
    assert_eq!(hidden, [".newsclean-manifest.json"], "{names:?}");
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    input_with_bad_files(&input);
    // More documents than one per thread: copies under sub-folders.
    for i in 0..40 {
        let sub = input.join(format!("sub{i:02}"));
        std::fs::create_dir_all(&sub).unwrap();
        for e in std::fs::read_dir(root().join("seeds")).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, sub.join(p.file_name().unwrap())).unwrap();
        }
    }
    let mut outputs = Vec::new();
    for threads in ["1", "2", "2"] {
        let out = tmp.path().join(format!("out{}", outputs.len()));
        let o = newsclean(
            &[
                "clean",
                "in",
                "--out",
                out.to_str().unwrap(),
                "--rules",
                &rules_dir(),
                "--threads",
                threads,
                "-q",
            ],
            tmp.path(),
        );
        assert!(o.status.success());
        let files: Vec<Vec<u8>> = ["clean.jsonl", "audit.jsonl", "rejected.jsonl"]
            .iter()
            .map(|f| std::fs::read(out.join(f)).unwrap())
            .collect();
        outputs.push(files);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[1], outputs[2]);
    assert_eq!(jsonl(&tmp.path().join("out0/clean.jsonl")).len(), 82);
}

#[test]
fn summary_lists_counts_and_rules() {
    let o = newsclean(&["clean", "--out", "", "--quiet"], root());
    assert!(!o.status.success(), "an empty --out is an error");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let seeds = root().join("seeds");
    let o = newsclean(
        &[
            "clean",
            seeds.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--rules",
            &rules_dir(),
        ],
        tmp.path(),
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("documents: 2 read, 2 kept, 0 rejected"),
        "{stdout}"
    );
    for id in [
        "ar.read_also.line",
        "ar.related.block",
        "ar.tags.line",
        "title",
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(id)),
            "{id} missing:\n{stdout}"
        );
    }
}

#[test]
fn run_errors_exit_non_zero_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    // Output path is a file: cannot create the folder.
    std::fs::write(tmp.path().join("file"), "x").unwrap();
    let seeds = root().join("seeds");
    let o = newsclean(
        &[
            "clean",
            seeds.to_str().unwrap(),
            "--out",
            "file/out",
            "--rules",
            &rules_dir(),
        ],
        tmp.path(),
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write output in file/out"));
    // Missing input.
    let o = newsclean(&["clean", "nope", "--rules", &rules_dir()], tmp.path());
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("input nope does not exist"));
}
