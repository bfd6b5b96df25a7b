//! Input kinds (txt, JSONL, .jsonl.gz, .jsonl.zst, stdin) and output forms
//! (stdout, named side files, compression, shards), end to end (issue 5).

use crate::common::root;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn newsclean(args: &[&str], cwd: &Path, stdin: Option<&[u8]>) -> Output {
    let rules = root().join("rules");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(args)
        .args(["--rules", rules.to_str().unwrap(), "--quiet"])
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsclean");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn parse(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn read(path: &Path) -> Vec<Value> {
    parse(&std::fs::read(path).expect("output file"))
}

fn seeds() -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Five lines: two seeds (one with an id and extra fields, one without id),
/// a blank line (skipped), a text that is not a string, and broken JSON.
fn records() -> Vec<u8> {
    let s = seeds();
    let lines = [
        json!({"id": "a", "text": s[0], "url": "http://x/a", "title": "kept as given", "n": 1.50})
            .to_string(),
        json!({"text": s[1]}).to_string(),
        String::new(),
        r#"{"id": "c", "text": 12}"#.to_string(),
        r#"{"id": "d", "text": "#.to_string(),
    ];
    (lines.join("\n") + "\n").into_bytes()
}

#[test]
fn jsonl_plain_gz_zst_and_txt_mix_in_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(dir.join("txt")).unwrap();
    for (i, s) in seeds().iter().enumerate() {
        std::fs::write(dir.join(format!("txt/{i}.txt")), s).unwrap();
    }
    let data = records();
    std::fs::write(dir.join("a.jsonl"), &data).unwrap();
    std::fs::write(dir.join("b.jsonl.gz"), gzip(&data)).unwrap();
    std::fs::write(
        dir.join("c.jsonl.zst"),
        zstd::encode_all(&data[..], 3).unwrap(),
    )
    .unwrap();
    newsclean(&["clean", "in", "--out", "out"], tmp.path(), None);
    let kept = read(&tmp.path().join("out/clean.jsonl"));
    let rejected = read(&tmp.path().join("out/rejected.jsonl"));
    let ids: Vec<&str> = kept.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "a",
            "a.jsonl:2",
            "a",
            "b.jsonl.gz:2",
            "a",
            "c.jsonl.zst:2",
            "txt/0.txt",
            "txt/1.txt"
        ]
    );
    // The same document cleans the same whatever its container.
    for (i, r) in kept.iter().enumerate() {
        assert_eq!(r["text"], kept[6 + i % 2]["text"], "{}", r["id"]);
    }
    let m = &kept[0]["metadata"];
    assert_eq!(m["source_path"], "in/a.jsonl:1");
    assert_eq!(
        m["input"],
        json!({"url": "http://x/a", "title": "kept as given", "n": 1.50})
    );
    assert_eq!(
        m["title"], kept[6]["metadata"]["title"],
        "pipeline keys stay"
    );
    assert!(kept[1]["metadata"]["input"].is_null());
    // A line that does not parse has no id field to take: `<file>:<line>`.
    let expected: Vec<(String, &str)> = ["a.jsonl", "b.jsonl.gz", "c.jsonl.zst"]
        .iter()
        .flat_map(|f| {
            [
                (format!("{f}:4"), "malformed"),
                (format!("{f}:5"), "malformed"),
            ]
        })
        .collect();
    let bad: Vec<(String, &str)> = rejected
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(bad, expected);
    assert_eq!(rejected[1]["source_path"], "in/a.jsonl:5");
    assert!(rejected[0]["detail"]
        .as_str()
        .unwrap()
        .contains("expected a string"));
    assert!(rejected[1]["detail"]
        .as_str()
        .unwrap()
        .contains("invalid JSON"));
}

/// A UTF-8 byte-order mark before the first record (as Windows tools write
/// it) is skipped, in a plain and a compressed file; the first pass and the
/// clean pass see the same record.
#[test]
fn a_byte_order_mark_before_the_first_record_is_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let body =
        b"{\"id\": \"a\", \"text\": \"A body line.\"}\n{\"id\": \"b\", \"text\": \"Another.\"}\n";
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(body);
    std::fs::write(tmp.path().join("bom.jsonl"), &bom).unwrap();
    std::fs::write(tmp.path().join("bom2.jsonl.gz"), gzip(&bom)).unwrap();
    newsclean(
        &["clean", "bom.jsonl", "bom2.jsonl.gz", "--out", "o"],
        tmp.path(),
        None,
    );
    let kept = read(&tmp.path().join("o/clean.jsonl"));
    let ids: Vec<&str> = kept.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "a", "b"]);
    assert_eq!(kept[0]["text"], "A body line.");
    assert!(read(&tmp.path().join("o/rejected.jsonl")).is_empty());
}

/// `.ndjson` and `.json` files are JSON Lines too (Hugging Face `datasets`
/// writes JSON Lines as `.json`), compressed or not; a file in an input
/// folder that is neither text nor JSON Lines is not read, and the summary
/// says so, with its count and the first one.
#[test]
fn ndjson_and_json_are_json_lines_and_other_files_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("in");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("a.json"), "{\"id\": \"a\", \"text\": \"One.\"}\n").unwrap();
    std::fs::write(
        d.join("b.ndjson.gz"),
        gzip(b"{\"id\": \"b\", \"text\": \"Two.\"}\n"),
    )
    .unwrap();
    std::fs::write(d.join("c.md"), "# not an article\n").unwrap();
    // A pretty-printed JSON document is not JSON Lines: not read either.
    std::fs::write(d.join("info.json"), "{\n  \"name\": \"dump\"\n}\n").unwrap();
    std::fs::write(d.join("d.html"), "<p>nor this</p>\n").unwrap();
    let rules = root().join("rules");
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args([
            "clean",
            "in",
            "--out",
            "o",
            "--rules",
            rules.to_str().unwrap(),
        ])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let kept = read(&tmp.path().join("o/clean.jsonl"));
    let ids: Vec<&str> = kept.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b"]);
    let printed =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(
        printed.contains("not read: 3 files in input folders") && printed.contains("c.md"),
        "{printed}"
    );
}

#[test]
fn field_names_are_configurable() {
    let tmp = tempfile::tempdir().unwrap();
    let s = &seeds()[1];
    let line = json!({"doc": 42, "body": s, "text": "carried, not cleaned"}).to_string();
    std::fs::write(tmp.path().join("x.jsonl"), line + "\n").unwrap();
    newsclean(
        &[
            "clean",
            "x.jsonl",
            "--out",
            "o",
            "--id-field",
            "doc",
            "--text-field",
            "body",
        ],
        tmp.path(),
        None,
    );
    let kept = read(&tmp.path().join("o/clean.jsonl"));
    assert_eq!(kept[0]["id"], "42");
    assert_eq!(
        kept[0]["metadata"]["input"],
        json!({"text": "carried, not cleaned"})
    );
    assert!(kept[0]["text"].as_str().unwrap().len() > 1000);
}

#[test]
fn stdin_to_stdout_with_named_side_files() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.jsonl"), records()).unwrap();
    newsclean(&["clean", "a.jsonl", "--out", "ref"], tmp.path(), None);
    let o = newsclean(
        &[
            "clean",
            "-",
            "--out",
            "-",
            "--audit",
            "side/a.jsonl.zst",
            "--rejected",
            "side/r.jsonl",
        ],
        tmp.path(),
        Some(&records()),
    );
    let kept = parse(&o.stdout);
    let reference = read(&tmp.path().join("ref/clean.jsonl"));
    assert_eq!(kept.len(), reference.len());
    for (a, b) in kept.iter().zip(&reference) {
        assert_eq!(a["text"], b["text"]);
    }
    assert_eq!(kept[1]["id"], "stdin:2");
    let audit = zstd::decode_all(&std::fs::read(tmp.path().join("side/a.jsonl.zst")).unwrap()[..]);
    let audit = parse(&audit.unwrap());
    let reference = read(&tmp.path().join("ref/audit.jsonl"));
    assert_eq!(audit.len(), reference.len());
    for (a, b) in audit.iter().zip(&reference) {
        assert_eq!(
            (&a["rule"], &a["bytes"], &a["text"]),
            (&b["rule"], &b["bytes"], &b["text"])
        );
    }
    assert_eq!(read(&tmp.path().join("side/r.jsonl")).len(), 2);
    // Side files must be named or dropped.
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(["clean", "a.jsonl", "--out", "-", "-q", "--rules"])
        .arg(root().join("rules"))
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--no-audit"));
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args([
            "clean",
            "a.jsonl",
            "--out",
            "-",
            "--no-audit",
            "--shard-size",
            "2",
            "--rules",
        ])
        .arg(root().join("rules"))
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--shard-size needs an output folder"));
    let o = newsclean(
        &["clean", "-", "--out", "-", "--no-audit"],
        tmp.path(),
        Some(&records()),
    );
    assert_eq!(parse(&o.stdout).len(), 2);
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b).unwrap();
    gz.finish().unwrap()
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(b)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn compressed_shards_hold_the_same_records() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..5 {
        for (j, s) in seeds().iter().enumerate() {
            std::fs::write(dir.join(format!("{i}{j}.txt")), s).unwrap();
        }
    }
    newsclean(&["clean", "in", "--out", "plain"], tmp.path(), None);
    let plain = |f: &str| std::fs::read(tmp.path().join("plain").join(f)).unwrap();
    for (c, unpack) in [
        ("gz", gunzip as fn(&[u8]) -> Vec<u8>),
        ("zst", |b: &[u8]| zstd::decode_all(b).unwrap()),
    ] {
        newsclean(
            &[
                "clean",
                "in",
                "--out",
                c,
                "--compress",
                c,
                "--shard-size",
                "4",
            ],
            tmp.path(),
            None,
        );
        let out = tmp.path().join(c);
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let shards: Vec<String> = (0..3).map(|i| format!("clean-{i:05}.jsonl.{c}")).collect();
        let mut expected = shards.clone();
        expected.extend([format!("audit.jsonl.{c}"), format!("rejected.jsonl.{c}")]);
        expected.extend([".newsclean-manifest.json".into(), "summary.json".into()]);
        expected.push("report.html".into()); // read from the compressed shards
        expected.sort();
        assert_eq!(names, expected);
        let joined: Vec<u8> = shards
            .iter()
            .flat_map(|s| unpack(&std::fs::read(out.join(s)).unwrap()))
            .collect();
        assert_eq!(joined, plain("clean.jsonl"));
        assert_eq!(
            parse(&unpack(&std::fs::read(out.join(&shards[2])).unwrap())).len(),
            2
        );
        assert_eq!(
            unpack(&std::fs::read(out.join(format!("audit.jsonl.{c}"))).unwrap()),
            plain("audit.jsonl")
        );
    }
    // A later run into the same folder leaves only its own outputs.
    newsclean(
        &["clean", "in", "--out", "zst", "--no-audit"],
        tmp.path(),
        None,
    );
    let mut names: Vec<String> = std::fs::read_dir(tmp.path().join("zst"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".newsclean-manifest.json",
            "clean.jsonl",
            "rejected.jsonl",
            "summary.json"
        ]
    );
}

#[test]
fn jsonl_output_is_identical_for_one_and_two_threads_across_batches() {
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(["generate", "--out", "d.jsonl.zst", "--format", "jsonl.zst"])
        .args(["--docs", "2500", "--doc-bytes", "400", "--corpus"])
        .arg(crate::common::corpus_dir())
        .arg("--rules")
        .arg(root().join("rules"))
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut outs = Vec::new();
    for t in ["1", "2"] {
        let out = format!("o{t}");
        newsclean(
            &["clean", "d.jsonl.zst", "--out", &out, "--threads", t],
            tmp.path(),
            None,
        );
        outs.push(
            ["clean.jsonl", "audit.jsonl", "rejected.jsonl"]
                .map(|f| std::fs::read(tmp.path().join(&out).join(f)).unwrap()),
        );
    }
    assert_eq!(outs[0], outs[1]);
    let kept = parse(&outs[0][0]);
    assert_eq!(kept.len(), 2500, "more than two batches of 1024, all kept");
    assert_eq!(kept[2499]["id"], "gen-000002499");
}

#[test]
fn carried_top_lifts_fields_but_keeps_colliding_ones_under_input() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = [
        json!({"id": "a", "text": "Some words about the weather today.", "url": "http://x/a", "title": "given", "n": 2}),
        json!({"id": "b", "text": "Other words about the sea tomorrow."}),
    ];
    let data: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(tmp.path().join("d.jsonl"), data).unwrap();
    newsclean(
        &["clean", "d.jsonl", "--out", "out", "--carried-top"],
        tmp.path(),
        None,
    );
    let kept = read(&tmp.path().join("out/clean.jsonl"));
    let m = &kept[0]["metadata"];
    assert_eq!(m["url"], "http://x/a");
    assert_eq!(m["n"], 2);
    assert_eq!(m["title"], "", "the pipeline's title stays");
    assert_eq!(m["input"], json!({"title": "given"}));
    let raw = std::fs::read_to_string(tmp.path().join("out/clean.jsonl")).unwrap();
    assert!(raw.lines().all(|l| l.ends_with(r#""duplicate_of":""}}"#)));
    assert!(kept[1]["metadata"]["input"].is_null());
}
