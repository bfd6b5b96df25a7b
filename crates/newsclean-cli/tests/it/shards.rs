//! Sharded runs (`stats --shard`, `stats merge`, `clean --shard --stats`)
//! give the clean records of a single run, byte for byte.

use crate::common::*;
use std::path::Path;

const SLOGAN: &str = "جريدة الأخبار المغربية، صوت الحقيقة منذ 1999";
const NINE: &str = "هذا السطر يظهر في تسع وثائق فقط من هذا الأرشيف";

fn ok(args: &[&str], cwd: &Path) {
    let o = bin(args, cwd);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `n` corpus texts; every third carries the slogan (20 of 60: repeated
/// for the whole dump, never within one shard of 3 alone).
fn texts(n: usize) -> Vec<String> {
    corpus("ar")
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, body)| {
            let t = body.join("\n\n");
            if i % 3 == 0 {
                format!("{SLOGAN}\n\n{t}\n\n{SLOGAN}")
            } else {
                t
            }
        })
        .collect()
}

fn write_txt(dir: &Path, texts: &[String]) {
    std::fs::create_dir_all(dir).unwrap();
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(dir.join(format!("doc{i:03}.txt")), t).unwrap();
    }
}

/// Single run, then N shards counted, merged and cleaned; returns the
/// single run's clean.jsonl and each shard's, in shard order.
fn both(cwd: &Path, input: &str, n: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    both_with(cwd, input, n, &[])
}

/// `both`, with `extra` arguments to every clean.
fn both_with(cwd: &Path, input: &str, n: usize, extra: &[&str]) -> (Vec<u8>, Vec<Vec<u8>>) {
    let mut single = vec!["clean", input, "--out", "single", "-q"];
    single.extend(extra);
    ok(&single, cwd);
    let mut stats = Vec::new();
    for i in 0..n {
        let (s, f) = (format!("{i}/{n}"), format!("stats-{i}.bin"));
        ok(&["stats", "--shard", &s, "--out", &f, input], cwd);
        stats.push(f);
    }
    stats.reverse(); // any order
    let mut merge = vec!["stats", "merge"];
    merge.extend(stats.iter().map(String::as_str));
    merge.extend(["--out", "merged.bin"]);
    ok(&merge, cwd);
    let mut shards = Vec::new();
    for i in 0..n {
        let (s, o) = (format!("{i}/{n}"), format!("shard-{i}"));
        let mut args = vec![
            "clean",
            "--shard",
            &s,
            "--stats",
            "merged.bin",
            input,
            "--out",
            &o,
            "-q",
        ];
        args.extend(extra);
        ok(&args, cwd);
        shards.push(std::fs::read(cwd.join(o).join("clean.jsonl")).unwrap());
    }
    (
        std::fs::read(cwd.join("single/clean.jsonl")).unwrap(),
        shards,
    )
}

fn sorted_lines(b: &[u8]) -> Vec<&[u8]> {
    let mut l: Vec<&[u8]> = b.split(|&c| c == b'\n').collect();
    l.sort();
    l
}

#[test]
fn file_shards_concatenated_equal_a_single_run() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = texts(60);
    // Exact copies inside shard 0 (files 0..20 of 62): duplicate_of as usual.
    t.insert(2, t[1].clone());
    t.insert(5, t[3].clone());
    write_txt(&tmp.path().join("in"), &t);
    let (single, shards) = both(tmp.path(), "in", 3);
    assert_eq!(
        String::from_utf8_lossy(&shards.concat()),
        String::from_utf8_lossy(&single)
    );
    // The merged counts matter: the slogan is in 7 documents per shard.
    assert!(!String::from_utf8_lossy(&single).contains(SLOGAN));
    ok(
        &[
            "clean",
            "--shard",
            "0/3",
            "--stats",
            "merged.bin",
            "in",
            "--out",
            "s0",
            "-q",
            "--no-repeated",
        ],
        tmp.path(),
    );
    let alone = std::fs::read_to_string(tmp.path().join("s0/clean.jsonl")).unwrap();
    assert!(alone.contains(SLOGAN));
}

#[test]
fn document_shards_interleaved_equal_a_single_run() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = texts(60);
    t.insert(4, t[1].clone()); // same shard (index 1 and 4, mod 3)
    t.insert(9, t[2].clone()); // another shard: a cross-shard copy (index 2, 9)
                               // ... without a repeated line of its own to over-count: doc 2 has no slogan.
    let mut dump = String::new();
    for (i, text) in t.iter().enumerate() {
        let rec = serde_json::json!({"id": format!("n{i}"), "text": text, "url": "https://example.com/a"});
        dump.push_str(&format!("{rec}\n"));
    }
    std::fs::write(tmp.path().join("dump.jsonl"), dump).unwrap();
    let (single, shards) = both(tmp.path(), "dump.jsonl", 3);
    let joined = shards.concat();
    assert_eq!(sorted_lines(&joined), sorted_lines(&single));
    // Shard i holds documents i, i+3, ...: interleaved, they are the single run.
    let lines: Vec<Vec<&[u8]>> = shards
        .iter()
        .map(|s| s.split_inclusive(|&c| c == b'\n').collect())
        .collect();
    let mut inter = Vec::new();
    for k in 0..lines[0].len() {
        for l in &lines {
            if let Some(x) = l.get(k) {
                inter.extend_from_slice(x);
            }
        }
    }
    assert_eq!(inter, single);
    // The cross-shard copy names its first copy, as in the single run.
    let copy = single.split(|&c| c == b'\n').nth(9).unwrap();
    assert!(String::from_utf8_lossy(copy).contains("\"n2\""));
}

/// The documented difference: a copy in another shard of a document had
/// its lines counted in its own shard, so a line in 9 distinct documents
/// plus such a copy counts 10 (the repeated-line threshold) when sharded,
/// 9 in a single run. Everything else is identical.
#[test]
fn a_copy_across_shards_over_counts_its_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = texts(60);
    for x in t.iter_mut().take(9) {
        // In the middle, where no other rule claims it.
        let mut paras: Vec<&str> = x.split("\n\n").collect();
        paras.insert(paras.len() / 2, NINE);
        *x = paras.join("\n\n");
    }
    t.push(t[0].clone()); // file 60: shard 2 of 3; doc000 is in shard 0
    write_txt(&tmp.path().join("in"), &t);
    // Without the model: it weighs the dump count too (a line in 9 of 61
    // documents reads as a site's line), and this is about the threshold.
    let (single, shards) = both_with(tmp.path(), "in", 3, &["--ignore", "model"]);
    let sharded = shards.concat();
    let (s, p) = (
        String::from_utf8_lossy(&single),
        String::from_utf8_lossy(&sharded),
    );
    assert_eq!(s.matches(NINE).count(), 10, "kept in a single run");
    assert_eq!(p.matches(NINE).count(), 0, "removed when sharded");
    let keep = |b: &[u8]| -> Vec<Vec<u8>> {
        b.split(|&c| c == b'\n')
            .filter(|l| {
                !String::from_utf8_lossy(l).contains("doc00")
                    && !String::from_utf8_lossy(l).contains("doc060")
            })
            .map(<[u8]>::to_vec)
            .collect()
    };
    assert_eq!(
        keep(&single),
        keep(&sharded),
        "the other records are identical"
    );
    // duplicate_of still names the first copy, in the other shard.
    let last =
        |b: &[u8]| String::from_utf8_lossy(b.split(|&c| c == b'\n').nth(60).unwrap()).into_owned();
    assert!(last(&single).contains("\"doc000.txt\""));
    assert!(last(&sharded).contains("\"doc000.txt\""));
}

#[test]
fn shard_errors_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    write_txt(&tmp.path().join("in"), &texts(6));
    let o = bin(
        &["stats", "--shard", "3/3", "--out", "x.bin", "in"],
        tmp.path(),
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 <= i < N"));
    ok(
        &["stats", "--shard", "0/2", "--out", "a.bin", "in"],
        tmp.path(),
    );
    let o = bin(&["stats", "merge", "a.bin", "--out", "m.bin"], tmp.path());
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("exactly once"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn template_counts_merge_across_shards() {
    // "Daily Planet - <another article's first words>" in 9 of 60 documents,
    // 3 per shard of 20: a template (5 documents) only in the merged counts.
    let tmp = tempfile::tempdir().unwrap();
    let bodies: Vec<String> = corpus("ar")
        .iter()
        .take(60)
        .map(|b| b.join("\n\n"))
        .collect();
    let t: Vec<String> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if i % 20 < 3 {
                let other: Vec<&str> = bodies[(i + 30) % 60].split_whitespace().take(7).collect();
                let head = other.join(" ");
                let head = head.trim_end_matches(['.', '،', ',', ':']);
                let (first, rest) = b.split_once("\n\n").unwrap_or((b, ""));
                format!("{first}\n\nDaily Planet - {head}\n\n{rest}")
            } else {
                b.clone()
            }
        })
        .collect();
    write_txt(&tmp.path().join("in"), &t);
    let (single, shards) = both(tmp.path(), "in", 3);
    assert_eq!(
        String::from_utf8_lossy(&shards.concat()),
        String::from_utf8_lossy(&single)
    );
    assert!(!String::from_utf8_lossy(&single).contains("Daily Planet"));
    let audit = std::fs::read_to_string(tmp.path().join("single/audit.jsonl")).unwrap();
    let rows = audit
        .lines()
        .filter(|l| l.contains(r#""note":"template: daily planet -""#));
    assert_eq!(rows.count(), 9, "{audit}");
    // One shard's own counts hold 3 documents: no template there.
    ok(
        &["stats", "--shard", "0/3", "--out", "one.bin", "in"],
        tmp.path(),
    );
    let one = zstd::decode_all(&std::fs::read(tmp.path().join("one.bin")).unwrap()[..]).unwrap();
    let one: serde_json::Value = serde_json::from_slice(&one).unwrap();
    let heads = one["counter"]["templates"]["heads"].as_array().unwrap();
    let planet = heads
        .iter()
        .find(|h| h[1]["head"] == "daily planet -")
        .unwrap();
    assert_eq!(planet[1]["docs"], 3);
}
