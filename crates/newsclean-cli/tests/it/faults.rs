//! Faults (issue 8 §5): a read-only output folder, inputs that grow while
//! read, and SIGKILL at twenty moments followed by a rerun. Each ends with a
//! clear error or identical output, and never with a user's file changed.
//! (The full disk and the output folder that is a file: tests/output_safety.rs
//! and tests/cli.rs.)

use crate::common::{bin, jsonl, root};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn rules() -> String {
    root().join("rules").to_string_lossy().into_owned()
}

/// Every non-hidden file of a folder, by name, with its bytes; summary.json
/// and report.html (which hold the run's time) by name only.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = if name == "summary.json" || name == "report.html" {
                vec![]
            } else {
                std::fs::read(&p).unwrap()
            };
            (name, bytes)
        })
        .filter(|(n, _)| !n.starts_with('.'))
        .collect()
}

#[test]
fn a_read_only_output_folder_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let ro = tmp.path().join("ro");
    std::fs::create_dir_all(&ro).unwrap();
    std::fs::write(ro.join("mine.txt"), "mine").unwrap();
    // Root ignores permission bits: a read-only mount is what really refuses.
    let mounted = Command::new("mount")
        .args(["--bind", "-o", "ro"])
        .arg(&ro)
        .arg(&ro)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        && Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(&ro)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot make a read-only bind mount here (not root?)");
        return;
    }
    let seeds = root().join("seeds");
    let o = bin(
        &[
            "clean",
            seeds.to_str().unwrap(),
            "--rules",
            &rules(),
            "--out",
            ro.join("o").to_str().unwrap(),
        ],
        tmp.path(),
    );
    let o2 = bin(
        &[
            "clean",
            seeds.to_str().unwrap(),
            "--rules",
            &rules(),
            "--out",
            ro.to_str().unwrap(),
        ],
        tmp.path(),
    );
    let listing: Vec<_> = std::fs::read_dir(&ro)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let _ = Command::new("umount").arg(&ro).status();
    for o in [&o, &o2] {
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("Read-only file system") && err.contains("/ro"),
            "{err}"
        );
        assert_eq!(
            err.matches("Read-only file system").count(),
            1,
            "cause printed once: {err}"
        );
    }
    assert_eq!(listing, ["mine.txt"]);
}

#[test]
fn an_input_that_grows_while_read_gets_a_record_per_line_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = tmp.path().join("growing.jsonl");
    let body = crate::common::corpus("ar")[0].join("\n");
    let line =
        |i: usize| serde_json::json!({"id": format!("d{i}"), "text": body}).to_string() + "\n";
    let mut f = std::fs::File::create(&dump).unwrap();
    for i in 0..200 {
        f.write_all(line(i).as_bytes()).unwrap();
    }
    f.flush().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .current_dir(tmp.path())
        .args([
            "clean",
            dump.to_str().unwrap(),
            "--rules",
            &rules(),
            "-q",
            "--out",
            "o",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Append while it runs (some lines land before the end, some after).
    for i in 200..2000 {
        f.write_all(line(i).as_bytes()).unwrap();
    }
    drop(f);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kept = jsonl(&tmp.path().join("o/clean.jsonl"));
    let rejected = jsonl(&tmp.path().join("o/rejected.jsonl"));
    let ids: Vec<&str> = kept
        .iter()
        .chain(&rejected)
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Records for a prefix of the lines, in order, each once.
    assert!(ids.len() >= 200, "{}", ids.len());
    let want: Vec<String> = (0..ids.len()).map(|i| format!("d{i}")).collect();
    assert_eq!(ids, want);
}

/// SIGKILL at twenty moments, each followed by a rerun: the rerun's files
/// equal an uninterrupted run's, and the input is untouched.
#[test]
fn twenty_kills_then_a_rerun_give_identical_output() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = crate::common::generate_dump(tmp.path(), "1M");
    let input = std::fs::read(&dump).unwrap();
    let run = |out: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_newsclean"));
        c.current_dir(tmp.path())
            .args([
                "clean",
                dump.to_str().unwrap(),
                "--rules",
                &rules(),
                "-q",
                "--out",
                out,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let started = std::time::Instant::now();
    assert!(run("ref").status().unwrap().success());
    let span = started.elapsed().as_millis() as u64 + 50;
    let want = files(&tmp.path().join("ref"));
    // Moments spread over the whole run by a fixed LCG: reproducible.
    let mut x: u64 = 0x9E37_79B9;
    for _ in 0..20 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = (x >> 33) % span;
        let mut child = run("out").spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        child.wait().unwrap();
        assert!(
            run("out").status().unwrap().success(),
            "rerun after {delay} ms"
        );
        assert_eq!(
            files(&tmp.path().join("out")),
            want,
            "after a kill at {delay} ms"
        );
    }
    assert_eq!(std::fs::read(&dump).unwrap(), input, "the input changed");
}

/// The ids of the documents of `input` whose clean text changes when the
/// clean texts are cleaned again (corpus pass off: its counts belong to the
/// first dump). A document rejected the second time counts as changed.
fn changed_on_a_second_clean(input: &Path) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let clean = |input: &Path, out: &str| {
        let o = bin(
            &[
                "clean",
                input.to_str().unwrap(),
                "--rules",
                &rules(),
                "-q",
                "--no-repeated",
                "--out",
                out,
            ],
            tmp.path(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        jsonl(&tmp.path().join(out).join("clean.jsonl"))
    };
    let first = clean(input, "one");
    let again: String = first
        .iter()
        .map(|r| serde_json::json!({"id": r["id"], "text": r["text"]}).to_string() + "\n")
        .collect();
    let again_path = tmp.path().join("again.jsonl");
    std::fs::write(&again_path, again).unwrap();
    let second: std::collections::HashMap<String, serde_json::Value> = clean(&again_path, "two")
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r["text"].clone()))
        .collect();
    first
        .iter()
        .filter(|a| second.get(a["id"].as_str().unwrap()) != Some(&a["text"]))
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

/// Idempotence on a generated dump: cleaning the clean texts again changes
/// no document.
#[test]
fn a_second_clean_of_a_generated_dump_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = crate::common::generate_dump(tmp.path(), "1M");
    let changed = changed_on_a_second_clean(&dump);
    assert!(changed.is_empty(), "changed on a second clean: {changed:?}");
}

/// Idempotence on real pages (the 161 labelled pages as a naive scraper
/// leaves them: menus, related lists, footers): 26 of them changed on a
/// second clean before detectors judged lines as a second pass sees them
/// (lines other claims own are gone); twincities.com until tail markers
/// were judged again in the settling rounds ("More in Minnesota Wild" fired
/// only once the lines after it were removed); snopes.com until the
/// article's vouching for a block ignored the block's lines that rules own
/// (a "Published 18 November 2019" line inside the byline block lent it the
/// body's words, and a second clean, without that line, took the byline).
#[test]
fn a_second_clean_of_real_pages_changes_nothing() {
    let pages = crate::common::labeled_dir().join("scrapinghub_en.jsonl");
    let changed = changed_on_a_second_clean(&pages);
    assert_eq!(changed, Vec::<String>::new(), "changed on a second clean");
}
