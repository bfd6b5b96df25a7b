//! Never lose a user's file, never a panic, never a silent skip (input
//! side): every entry of an input folder ends in exactly one record, odd ids
//! and odd bytes never abort a run.

use crate::common::{bin, jsonl, root, seed};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

fn seed_text() -> String {
    let mut names: Vec<_> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    seed(&names[0])
}

/// `clean INPUTS --out out` in `cwd`, with the default rules; must exit 0.
fn clean(cwd: &Path, inputs: &[&str]) -> (Vec<Value>, Vec<Value>) {
    let rules = root().join("rules");
    let mut args = vec!["clean"];
    args.extend_from_slice(inputs);
    args.extend([
        "--out",
        "out",
        "--quiet",
        "--rules",
        rules.to_str().unwrap(),
    ]);
    let o = bin(&args, cwd);
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    let out = cwd.join("out");
    (
        jsonl(&out.join("clean.jsonl")),
        jsonl(&out.join("rejected.jsonl")),
    )
}

fn ids(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn symlinks_fifos_and_sockets_in_a_folder_each_get_one_record() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(dir.join("real")).unwrap();
    std::fs::write(tmp.path().join("outside.txt"), seed_text()).unwrap();
    std::fs::write(dir.join("real/a.txt"), seed_text()).unwrap();
    symlink("../outside.txt", dir.join("file_link.txt")).unwrap();
    symlink("real", dir.join("dir_link")).unwrap();
    symlink("nowhere.txt", dir.join("dangling.txt")).unwrap();
    symlink(".", dir.join("real/loop")).unwrap();
    mkfifo(&dir.join("fifo.txt"));
    let _sock = std::os::unix::net::UnixListener::bind(dir.join("sock.txt")).unwrap();

    // A FIFO in a folder is never opened: the run does not block on it.
    let (kept, rejected) = clean(tmp.path(), &["in"]);
    assert_eq!(
        ids(&kept),
        ["dir_link/a.txt", "file_link.txt", "real/a.txt"],
        "symlinks to files and folders are followed"
    );
    let why: Vec<(&str, &str, &str)> = rejected
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["reason"].as_str().unwrap(),
                r["detail"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(why.len(), 5, "{why:?}");
    let has = |id: &str, detail: &str| {
        assert!(
            why.iter()
                .any(|(i, r, d)| *i == id && *r == "unreadable" && d.contains(detail)),
            "no unreadable record for {id} with {detail:?} in {why:?}"
        )
    };
    has("dangling.txt", "dangling symlink");
    has("fifo.txt", "not a regular file (FIFO)");
    has("sock.txt", "not a regular file (socket)");
    has("real/loop", "symlink loop");
    has("dir_link/loop", "symlink loop");
    for r in &rejected {
        let path = r["source_path"].as_str().unwrap();
        assert!(path.starts_with("in/"), "names the path: {path}");
    }
}

#[test]
fn a_fifo_named_directly_is_read_once_as_a_stream() {
    let tmp = tempfile::tempdir().unwrap();
    let (txt, jl) = (tmp.path().join("pipe"), tmp.path().join("pipe.jsonl"));
    mkfifo(&txt);
    mkfifo(&jl);
    let text = seed_text();
    let line = serde_json::json!({"id": "from-pipe", "text": text}).to_string() + "\n";
    let writers = [(txt.clone(), text.clone()), (jl.clone(), line)]
        .map(|(path, data)| std::thread::spawn(move || std::fs::write(path, data).unwrap()));
    let (kept, rejected) = clean(tmp.path(), &["pipe", "pipe.jsonl"]);
    for w in writers {
        w.join().unwrap();
    }
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(ids(&kept), ["pipe", "from-pipe"]);
}

#[test]
fn a_stray_nul_is_removed_and_counted_a_binary_file_is_rejected() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let text = seed_text();
    let cut = text.find('\n').unwrap();
    let page = format!("{}\0{}", &text[..cut], &text[cut..]);
    std::fs::write(dir.join("page.txt"), &page).unwrap();
    let mostly_nul = [b"PK\x03\x04".as_slice(), &[0u8; 5000], b"tail"].concat();
    std::fs::write(dir.join("blob.txt"), mostly_nul).unwrap();
    let line = serde_json::json!({"id": "j", "text": page}).to_string() + "\n";
    std::fs::write(dir.join("recs.jsonl"), line).unwrap();
    let (kept, rejected) = clean(tmp.path(), &["in"]);
    assert_eq!(ids(&kept), ["page.txt", "j"]);
    for k in &kept {
        assert_eq!(
            k["metadata"]["normalized"]["control_chars"],
            json!(1),
            "{k}"
        );
        assert!(!k["text"].as_str().unwrap().contains('\0'));
    }
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0]["id"], "blob.txt");
    assert_eq!(rejected[0]["reason"], "binary");
    let detail = rejected[0]["detail"].as_str().unwrap();
    assert!(detail.contains("4094 of the first 4096 bytes"), "{detail}");
}

/// Lines of a JSONL file from JSON values.
fn write_jsonl(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

#[test]
fn duplicate_ids_never_abort_the_run_report_or_explain() {
    let tmp = tempfile::tempdir().unwrap();
    let text = seed_text();
    let other = seed(&{
        let mut n: Vec<_> = std::fs::read_dir(root().join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n.pop().unwrap()
    });
    write_jsonl(
        &tmp.path().join("dup.jsonl"),
        &[
            serde_json::json!({"id": "a", "text": text}).to_string(),
            serde_json::json!({"id": "a", "text": other}).to_string(),
            serde_json::json!({"id": "b", "text": "x"}).to_string(),
            serde_json::json!({"id": "a", "text": format!("{text}\n\nMore.")}).to_string(),
            r#"{"id":"a","text":"x","k":1,"k":2}"#.to_string(),
        ],
    );
    let (kept, rejected) = clean(tmp.path(), &["dup.jsonl"]);
    let out = tmp.path().join("out");
    assert_eq!(ids(&kept), ["a", "a", "b", "a"], "ids are used as given");
    assert_eq!(ids(&rejected), ["dup.jsonl:5"]);
    assert_eq!(rejected[0]["reason"], "malformed");
    let detail = rejected[0]["detail"].as_str().unwrap();
    assert!(detail.contains("field `k` appears twice"), "{detail}");
    assert!(out.join("summary.json").is_file());
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        page.contains("More."),
        "the third `a` is embedded in the report"
    );
    let rebuilt = bin(&["report", "--out", "out"], tmp.path());
    assert!(rebuilt.status.success(), "{rebuilt:?}");
    let explained = bin(&["explain", "a", "--out", "out", "--plain"], tmp.path());
    assert!(explained.status.success(), "{explained:?}");
    let shown = String::from_utf8_lossy(&explained.stdout);
    assert!(!shown.contains("More."), "explain shows the first `a`");
}

#[test]
fn ids_with_slashes_and_dots_are_never_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let text = seed_text();
    let odd = ["../../escape", "a/b/../c", "/abs/path", "</script><b>x"];
    let lines: Vec<String> = odd
        .iter()
        .map(|id| serde_json::json!({"doc": id, "text": text}).to_string())
        .collect();
    write_jsonl(&work.join("odd.jsonl"), &lines);
    let rules = root().join("rules");
    let args = [
        "clean",
        "odd.jsonl",
        "--id-field",
        "doc",
        "--out",
        "out",
        "--quiet",
        "--rules",
        rules.to_str().unwrap(),
    ];
    let o = bin(&args, &work);
    assert!(o.status.success(), "{o:?}");
    let kept = jsonl(&work.join("out/clean.jsonl"));
    assert_eq!(ids(&kept), odd);
    for id in odd {
        let e = bin(&["explain", id, "--out", "out", "--plain"], &work);
        assert!(e.status.success(), "{id}: {e:?}");
    }
    // Nothing was written outside the output folder, and the report escapes ids.
    let mut names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["work"]);
    let mut names: Vec<_> = std::fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["odd.jsonl", "out"]);
    let page = std::fs::read_to_string(work.join("out/report.html")).unwrap();
    assert!(!page.contains("</script><b>x"));
}
