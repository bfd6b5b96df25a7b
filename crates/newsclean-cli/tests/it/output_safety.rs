//! What newsclean will and will not touch on disk (README "Safety"): each
//! reproduction of a lost or replaced user file is a test here.

use crate::common::{bin, jsonl, root};
use std::collections::BTreeMap;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn rules() -> String {
    root().join("rules").to_string_lossy().into_owned()
}

/// A folder with the two seeds, and a JSONL copy of them.
fn inputs(tmp: &Path) -> (PathBuf, PathBuf) {
    let dir = tmp.join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let mut lines = String::new();
    for (i, e) in std::fs::read_dir(root().join("seeds")).unwrap().enumerate() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let name = format!("seed_{}.txt", i + 1);
        std::fs::write(dir.join(&name), &text).unwrap();
        lines.push_str(&serde_json::json!({"id": name, "text": text}).to_string());
        lines.push('\n');
    }
    let file = tmp.join("in.jsonl");
    std::fs::write(&file, lines).unwrap();
    (dir, file)
}

fn clean(args: &[&str], cwd: &Path) -> std::process::Output {
    let mut all = vec!["clean", "--rules", &rules_static(), "-q"];
    all.extend_from_slice(args);
    bin(&all, cwd)
}

fn rules_static() -> &'static str {
    Box::leak(rules().into_boxed_str())
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file of a folder (not its hidden ones), by name, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .filter(|(n, _)| !n.starts_with('.'))
        .collect()
}

#[test]
fn a_side_file_naming_an_input_is_refused_before_anything_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, file) = inputs(tmp.path());
    let before = std::fs::read(&file).unwrap();
    for flag in ["--rejected", "--audit"] {
        let o = clean(
            &[
                file.to_str().unwrap(),
                flag,
                file.to_str().unwrap(),
                "--out",
                "o",
            ],
            tmp.path(),
        );
        assert!(!o.status.success(), "{flag}");
        assert!(stderr(&o).contains("is the input file"), "{}", stderr(&o));
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{flag} changed the input"
        );
    }
    // Inside an input folder: the next run would clean it as an article.
    let inside = dir.join("audit.jsonl");
    let o = clean(
        &[
            dir.to_str().unwrap(),
            "--audit",
            inside.to_str().unwrap(),
            "--out",
            "o",
        ],
        tmp.path(),
    );
    assert!(
        stderr(&o).contains("inside the input folder"),
        "{}",
        stderr(&o)
    );
    assert!(!inside.exists());
    // The output folder inside the input folder.
    let o = clean(
        &[
            dir.to_str().unwrap(),
            "--out",
            dir.join("out").to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert!(
        stderr(&o).contains("is inside the input folder"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("out").exists());
    // An output of the run given as input: its clean.jsonl.
    let o = clean(&["--out", "o", dir.to_str().unwrap()], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let prev = std::fs::read(tmp.path().join("o/clean.jsonl")).unwrap();
    let o = clean(&["o/clean.jsonl", "--out", "o"], tmp.path());
    assert!(stderr(&o).contains("is the input file"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(tmp.path().join("o/clean.jsonl")).unwrap(),
        prev
    );
}

#[test]
fn two_outputs_on_one_path_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = inputs(tmp.path());
    let d = dir.to_str().unwrap();
    let o = clean(&[d, "--out", "o"], tmp.path());
    assert!(o.status.success());
    let good = std::fs::read(tmp.path().join("o/clean.jsonl")).unwrap();
    let o = clean(&[d, "--out", "o", "--audit", "o/clean.jsonl"], tmp.path());
    assert!(!o.status.success());
    assert!(stderr(&o).contains("o/clean.jsonl"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(tmp.path().join("o/clean.jsonl")).unwrap(),
        good
    );
    let o = clean(
        &[
            d,
            "--out",
            "o",
            "--audit",
            "x.jsonl",
            "--rejected",
            "x.jsonl",
        ],
        tmp.path(),
    );
    assert!(stderr(&o).contains("are the same file"), "{}", stderr(&o));
    assert!(!tmp.path().join("x.jsonl").exists());
    // Through a symlink too.
    std::os::unix::fs::symlink(tmp.path().join("o/clean.jsonl"), tmp.path().join("link")).unwrap();
    let o = clean(&[d, "--out", "o", "--audit", "link"], tmp.path());
    assert!(stderr(&o).contains("are the same file"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(tmp.path().join("o/clean.jsonl")).unwrap(),
        good
    );
}

#[test]
fn devices_symlinks_and_fifos_are_written_in_place_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = inputs(tmp.path());
    let d = dir.to_str().unwrap();
    // /dev/null stays a device (the test runs as root in CI: a rename would succeed).
    let o = clean(&[d, "--out", "o", "--audit", "/dev/null"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
    assert!(!tmp.path().join("o/audit.jsonl").exists());

    // A symlink: the link stays, its target gets the records.
    let target = tmp.path().join("target.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    let link = tmp.path().join("audit-link.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = clean(
        &[d, "--out", "o", "--audit", link.to_str().unwrap()],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let audit = jsonl(&target);
    assert!(!audit.is_empty() && audit.iter().all(|r| r["rule"].is_string()));

    // A FIFO: a reader gets the records, and the FIFO is still one.
    let fifo = tmp.path().join("rejected.fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).unwrap())
    };
    let bad = dir.join("empty.txt");
    std::fs::write(&bad, "").unwrap();
    let o = clean(
        &[d, "--out", "o2", "--rejected", fifo.to_str().unwrap()],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let got = String::from_utf8(reader.join().unwrap()).unwrap();
    assert!(got.contains("\"reason\":\"empty\""), "{got}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn the_output_folder_only_loses_files_an_earlier_run_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = inputs(tmp.path());
    let d = dir.to_str().unwrap();
    let out = tmp.path().join("o");
    std::fs::create_dir_all(&out).unwrap();
    let theirs = [
        "clean-00007.jsonl.gz",
        "clean.jsonl.zst",
        "audit.jsonl.gz",
        ".clean.jsonl.tmp-99999",
        "notes.txt",
    ];
    for n in theirs {
        std::fs::write(out.join(n), n).unwrap();
    }
    // A sharded, compressed run, then a plain one: the shards go, theirs stay.
    let o = clean(
        &[d, "--out", "o", "--shard-size", "1", "--compress", "zst"],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("clean-00001.jsonl.zst").exists());
    let o = clean(&[d, "--out", "o"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !out.join("clean-00001.jsonl.zst").exists(),
        "the earlier run's shard"
    );
    assert!(!out.join("audit.jsonl.zst").exists());
    for n in theirs {
        assert_eq!(
            std::fs::read(out.join(n)).unwrap(),
            n.as_bytes(),
            "{n} was touched"
        );
    }
    let names: Vec<String> = files(&out).into_keys().collect();
    let mut want = vec![
        "audit.jsonl",
        "clean-00007.jsonl.gz",
        "clean.jsonl",
        "clean.jsonl.zst",
        "audit.jsonl.gz",
        "notes.txt",
        "rejected.jsonl",
        "report.html",
        "summary.json",
    ];
    want.sort();
    assert_eq!(names, want);
    // No staging folder or temporary file is left behind.
    let hidden: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".newsclean") && n != ".newsclean-manifest.json")
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

/// A compressed, sharded run writes its summary and a report read from the
/// compressed shards; `explain` and `report` read such a folder too, and
/// the report is the one a plain run gives.
#[test]
fn compressed_and_sharded_runs_write_their_summary_and_report() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = inputs(tmp.path());
    let run = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "clean",
            dir.to_str().unwrap(),
            "--rules",
            rules_static(),
            "--out",
            out,
        ];
        args.extend_from_slice(extra);
        let o = bin(&args, tmp.path());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    run("plain", &[]);
    let stdout = run("o", &["--compress", "gz", "--shard-size", "1"]);
    assert!(stdout.contains("report: o/report.html"), "{stdout}");
    assert!(tmp.path().join("o/summary.json").exists());
    assert!(tmp.path().join("o/clean-00001.jsonl.gz").exists());
    // The whole page but the folder's name and the run's timing cards.
    let page = |d: &str| {
        let html = std::fs::read_to_string(tmp.path().join(d).join("report.html")).unwrap();
        let html = html.replace(&format!("Output folder <code>{d}</code>"), "X");
        let a = html.find("id=\"t-seconds\"").unwrap();
        let b = a + html[a..].find("</section>").unwrap();
        format!("{}{}", &html[..a], &html[b..])
    };
    let (a, b) = (page("o"), page("plain"));
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    assert!(
        a == b,
        "pages differ at byte {at}: {:?}",
        String::from_utf8_lossy(&a.as_bytes()[at.saturating_sub(80)..(at + 80).min(a.len())])
    );
    assert!(page("o").contains("id=\"report-data\""));
    // `report` and `explain ID --out` read the compressed shards.
    let o = bin(&["report", "--out", "o"], tmp.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let clean = crate::common::jsonl(&tmp.path().join("plain/clean.jsonl"));
    let id = clean.last().unwrap()["id"].as_str().unwrap().to_string();
    let show = |d: &str| {
        let o = bin(&["explain", &id, "--out", d, "--plain"], tmp.path());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    assert_eq!(show("o"), show("plain"));
}

/// A run killed at any moment — writing, or writing its report — leaves the
/// folder with one whole generation: the earlier run's or the new one's.
#[test]
fn a_killed_run_never_mixes_two_generations() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = crate::common::generate_dump(tmp.path(), "2M");
    let run = |out: &str, shards: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_newsclean"));
        c.current_dir(tmp.path())
            .args([
                "clean",
                dump.to_str().unwrap(),
                "--rules",
                rules_static(),
                "-q",
                "--out",
                out,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if shards {
            c.args(["--shard-size", "300"]);
        }
        c
    };
    assert!(run("a", false).status().unwrap().success());
    assert!(run("b", true).status().unwrap().success());
    let (gen_a, gen_b) = (files(&tmp.path().join("a")), files(&tmp.path().join("b")));
    // summary.json holds the run's time: compare it by presence only.
    let strip = |mut f: BTreeMap<String, Vec<u8>>| {
        f.remove("summary.json");
        f.remove("report.html");
        f
    };
    let (gen_a, gen_b) = (strip(gen_a), strip(gen_b));
    assert!(run("x", false).status().unwrap().success());
    for delay in [5u64, 40, 120, 250, 400, 600, 900, 1300] {
        let mut child = run("x", delay % 2 == 0).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        child.wait().unwrap();
        let now = strip(files(&tmp.path().join("x")));
        assert!(
            now == gen_a || now == gen_b,
            "mixed after {delay} ms: {:?}",
            now.keys()
        );
    }
    assert!(run("x", false).status().unwrap().success());
    assert_eq!(strip(files(&tmp.path().join("x"))), gen_a);
}

/// A full disk: a clear error naming the folder, and the previous
/// generation untouched. Needs a small tmpfs (root); skipped with a message
/// where mounting is not allowed.
#[test]
fn a_full_disk_fails_clearly_and_keeps_the_previous_run() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("small");
    std::fs::create_dir_all(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (not root?)");
        return;
    }
    let (dir, _) = inputs(tmp.path());
    let out = mnt.join("o");
    let o = clean(
        &[
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--no-audit",
        ],
        tmp.path(),
    );
    let first = files(&out);
    let ok = o.status.success();
    // A dump far larger than the disk.
    let big = tmp.path().join("big");
    std::fs::create_dir_all(&big).unwrap();
    for i in 0..40 {
        let text = std::fs::read_to_string(dir.join("seed_1.txt")).unwrap();
        std::fs::write(big.join(format!("d{i:03}.txt")), format!("{i}\n{text}")).unwrap();
    }
    let o2 = clean(
        &[big.to_str().unwrap(), "--out", out.to_str().unwrap()],
        tmp.path(),
    );
    let after = files(&out);
    let leftovers = std::fs::read_dir(&out).unwrap().count();
    let _ = Command::new("umount").arg(&mnt).status();
    assert!(ok, "the small run fits: {}", stderr(&o));
    assert!(!o2.status.success());
    let err = stderr(&o2);
    assert!(
        err.contains("No space left") && err.contains("small/o"),
        "{err}"
    );
    assert_eq!(after, first, "the previous generation changed");
    // Its files and the manifest: the failed run's staging folder is gone.
    assert_eq!(leftovers, first.len() + 1);
}

/// A reader that closes the pipe ends the command normally, silently.
#[test]
fn a_closed_pipe_is_a_normal_end() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = inputs(tmp.path());
    let exe = env!("CARGO_BIN_EXE_newsclean");
    let seed = dir.join("seed_1.txt");
    let big = tmp.path().join("many");
    std::fs::create_dir_all(&big).unwrap();
    let text = std::fs::read_to_string(&seed).unwrap();
    for i in 0..300 {
        std::fs::write(big.join(format!("d{i:03}.txt")), format!("{i}\n{text}")).unwrap();
    }
    for cmd in [
        format!(
            "{exe} explain {} --plain --rules {}",
            seed.display(),
            rules()
        ),
        format!(
            "{exe} clean {} --rules {} --out - --no-audit -q",
            big.display(),
            rules()
        ),
        format!("{exe} rules list --rules {}", rules()),
    ] {
        let o = Command::new("bash")
            .args([
                "-c",
                &format!("set -o pipefail; {cmd} | head -c 10 >/dev/null"),
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{cmd}: {:?} {}", o.status, stderr(&o));
        assert_eq!(stderr(&o), "", "{cmd}");
    }
}
