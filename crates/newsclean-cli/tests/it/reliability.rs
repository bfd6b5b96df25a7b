//! Reliability at scale (issue 5): a run killed at any moment leaves no
//! partial file under a final name and a rerun gives identical output; bad
//! inputs of every kind are rejected with a reason while the rest is cleaned,
//! and the counts reconcile.

use crate::common::{corpus_dir, jsonl, pack, root};
use newsclean::io::sink::{Compress, SinkOptions};
use newsclean::io::source::{Inputs, ReadOptions};
use newsclean::run::{clean_pass, pool, RunOptions};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsclean"))
}

/// Every file of a folder, by name, with its bytes (summary.json and
/// report.html, which hold the run's time, by name only; a staging folder as
/// an empty entry).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().path())
                .map(|p| {
                    if p.is_dir() || p.ends_with("summary.json") || p.ends_with("report.html") {
                        let name = p.file_name().unwrap().to_string_lossy().into_owned();
                        return (name, vec![]);
                    }
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read(&p).unwrap())
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_killed_run_leaves_no_partial_file_and_a_rerun_is_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = tmp.path().join("dump.jsonl");
    let o = bin()
        .args(["generate", "--size", "3M", "--out"])
        .arg(&dump)
        .arg("--corpus")
        .arg(corpus_dir())
        .arg("--rules")
        .arg(root().join("rules"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let clean = |out: &Path| {
        let mut c = bin();
        c.arg("clean")
            .arg(&dump)
            .arg("--rules")
            .arg(root().join("rules"))
            .arg("--out")
            .arg(out)
            .args(["--shard-size", "200", "--compress", "zst", "-q"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let reference = tmp.path().join("ref");
    assert!(clean(&reference).status().unwrap().success());
    let want = files(&reference);
    assert!(want.len() > 4, "several shards: {:?}", want.keys());

    let out = tmp.path().join("out");
    for (i, delay) in [0u64, 20, 60, 150, 300, 600].iter().enumerate() {
        let mut child = clean(&out).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(*delay));
        if i % 2 == 0 {
            child.kill().unwrap(); // SIGKILL
        } else {
            let pid = child.id().to_string();
            Command::new("kill").args(["-INT", &pid]).status().unwrap();
        }
        child.wait().unwrap();
        // Whatever is under a final name is complete: equal to the reference.
        for (name, bytes) in files(&out) {
            if !name.starts_with('.') {
                assert!(
                    want.get(&name) == Some(&bytes),
                    "partial {name} after {delay} ms"
                );
            }
        }
    }
    assert!(clean(&out).status().unwrap().success());
    assert_eq!(
        files(&out),
        want,
        "a rerun gives the same files, and no temporary ones"
    );
}

fn record(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string() + "\n"
}

#[test]
fn bad_inputs_are_rejected_with_reasons_and_the_counts_reconcile() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let body = crate::common::seed("001_e4b4c0894e14bddb.txt");
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();

    // Forty good records, gzipped, then cut short inside the stream.
    let articles = crate::common::corpus("ar");
    let good: String = (0..40)
        .map(|i| record(&format!("gz{i}"), &articles[i].join("\n\n")))
        .collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(good.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    write("a_truncated.jsonl.gz", &gz[..gz.len() * 3 / 5]);
    write(
        "b_invalid.jsonl.zst",
        b"\x28\xb5\x2f\xfd this is not a zstd frame",
    );
    // One 50 MB line between two good ones.
    let huge = record("huge", &"ا".repeat(25 << 20));
    write(
        "c_huge.jsonl",
        format!(
            "{}{huge}{}",
            record("before", &body),
            record("after", &body)
        )
        .as_bytes(),
    );
    let deep = format!(
        "{{\"text\":\"x\",\"v\":{}{}}}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let lines = [
        deep.as_str(),
        "{\"id\": \"num\", \"text\": 42}\n",
        "{\"id\": \"utf8\", \"text\": \"caf\u{e9}\"}\n",
        "{\"id\": \"nul\", \"text\": \"a\\u0000b\"}\n",
    ];
    let mut bad = lines.concat().into_bytes();
    let at = bad.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    bad.splice(at..at + 2, [0xE9]); // invalid UTF-8 inside a JSON string
    write("d_bad_values.jsonl", &bad);
    write("e_good.txt", body.as_bytes());
    write("f_gone.txt", body.as_bytes());
    write("g_gone.jsonl", record("never", &body).as_bytes());

    let opts = RunOptions {
        inputs: vec![dir.clone()],
        sink: SinkOptions {
            out: Some(tmp.path().join("out")),
            compress: Compress::None,
            ..SinkOptions::default()
        },
        threads: Some(2),
        ..RunOptions::default()
    };
    let inputs = Inputs::discover(&opts.inputs, ReadOptions::default()).unwrap();
    // Files that disappear between discovery and reading.
    std::fs::remove_file(dir.join("f_gone.txt")).unwrap();
    std::fs::remove_file(dir.join("g_gone.jsonl")).unwrap();
    let summary = clean_pass(&inputs, &opts, pack(), &pool(Some(2)).unwrap(), None).unwrap();

    let out = tmp.path().join("out");
    let kept = jsonl(&out.join("clean.jsonl"));
    let rejected = jsonl(&out.join("rejected.jsonl"));
    let kept_ids: Vec<&str> = kept.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let got: Vec<(&str, &str, &str)> = rejected
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap();
            (s("id"), s("reason"), s("detail"))
        })
        .collect();
    let expect: [(&str, &str, &str); 9] = [
        (
            "a_truncated.jsonl.gz:",
            "unreadable",
            "gzip stream broken after line",
        ),
        (
            "b_invalid.jsonl.zst:1",
            "unreadable",
            "zstd stream broken after line 0",
        ),
        ("c_huge.jsonl:2", "too_large", "over the limit of 8388608"),
        (
            "d_bad_values.jsonl:1",
            "malformed",
            "nested deeper than 128",
        ),
        (
            "d_bad_values.jsonl:2",
            "malformed",
            "field `text`: invalid type: integer `42`",
        ),
        ("d_bad_values.jsonl:3", "not_utf8", "invalid UTF-8 at byte"),
        ("nul", "binary", "NUL character"),
        ("f_gone.txt", "unreadable", "No such file"),
        ("g_gone.jsonl", "unreadable", "cannot open"),
    ];
    assert_eq!(got.len(), expect.len(), "{got:#?}");
    for (g, e) in got.iter().zip(expect) {
        assert!(
            g.0.starts_with(e.0) && g.1 == e.1 && g.2.contains(e.2),
            "{g:?} vs {e:?}"
        );
    }
    // The records before the cut, and the lines around the huge one, are kept.
    let gz_kept = kept_ids.iter().filter(|i| i.starts_with("gz")).count();
    assert!((1..40).contains(&gz_kept), "{kept_ids:?}");
    assert_eq!(&kept_ids[gz_kept..], ["before", "after", "e_good.txt"]);
    assert_eq!(summary.read, summary.kept + summary.rejected_total());
    assert_eq!(summary.kept, kept.len());
    assert_eq!(summary.rejected_total(), rejected.len());
}
