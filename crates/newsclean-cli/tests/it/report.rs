//! summary.json and report.html read back from an output folder (no browser).

use crate::common::{corpus, jsonl, root};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn newsclean(args: &[&str]) -> String {
    let o = crate::common::bin(args, root());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// 120 corpus articles, some with a read-also line or a related list, plus an empty file.
fn dump(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for (i, paras) in corpus("ar").iter().take(120).enumerate() {
        let mut parts = paras.clone();
        if i % 3 == 0 {
            parts.insert(1, format!("إقرأ أيضا: خبر رقم {i} عن الاقتصاد"));
        }
        if i % 4 == 0 {
            parts.push("مقالات مشابهة\n• عنوان أول\n• عنوان ثان".into());
        }
        std::fs::write(dir.join(format!("{i:03}.txt")), parts.join("\n\n")).unwrap();
    }
    std::fs::write(dir.join("empty.txt"), "").unwrap();
}

fn report_data(html: &str) -> serde_json::Value {
    let start = html.find("id=\"report-data\">").unwrap() + "id=\"report-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn summary_and_sampled_report_match_the_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    dump(&input);
    let o = out.to_str().unwrap();
    newsclean(&["clean", input.to_str().unwrap(), "--out", o, "-q"]);

    // summary.json agrees with the JSONL files.
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let clean = jsonl(&out.join("clean.jsonl"));
    let audit = jsonl(&out.join("audit.jsonl"));
    assert_eq!(summary["read"], 121);
    assert_eq!(summary["kept"].as_u64().unwrap() as usize, clean.len());
    assert_eq!(summary["rejected"]["empty"], 1);
    let mut chars: BTreeMap<String, u64> = BTreeMap::new();
    for a in &audit {
        *chars.entry(a["rule"].as_str().unwrap().into()).or_default() +=
            a["text"].as_str().unwrap().chars().count() as u64;
    }
    for r in summary["rules"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        assert_eq!(
            r["chars"].as_u64().unwrap(),
            chars.get(id).copied().unwrap_or(0),
            "{id}"
        );
    }
    assert!(chars["ar.read_also.line"] > 0 && chars["ar.related.block"] > 0);

    // `report` rebuilds the page `clean` wrote, byte for byte.
    let written = std::fs::read_to_string(out.join("report.html")).unwrap();
    newsclean(&["report", "--out", o]);
    assert_eq!(
        std::fs::read_to_string(out.join("report.html")).unwrap(),
        written
    );

    // A sample of 10: every 12th kept document, each rebuilt exactly.
    newsclean(&["report", "--out", o, "--max-docs", "10"]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let data = report_data(&html);
    let docs = data["docs"].as_array().unwrap();
    let stride = clean.len().div_ceil(10);
    assert_eq!(data["stride"].as_u64().unwrap() as usize, stride);
    let expected: Vec<&serde_json::Value> = clean.iter().step_by(stride).collect();
    assert_eq!(docs.len(), expected.len());
    for (d, c) in docs.iter().zip(expected) {
        assert_eq!(d["id"], c["id"]);
        let segs = d["segs"].as_array().unwrap();
        let kept: String = segs
            .iter()
            .filter(|s| s[1].is_null())
            .map(|s| s[0].as_str().unwrap())
            .collect();
        assert_eq!(
            kept,
            c["text"].as_str().unwrap(),
            "kept segments = clean text"
        );
        let whole: String = segs.iter().map(|s| s[0].as_str().unwrap()).collect();
        assert_eq!(
            whole.chars().count() as u64,
            c["metadata"]["chars_in"].as_u64().unwrap()
        );
    }
    // Examples in the rules table are real removals.
    assert!(html.contains("خبر رقم 0 عن الاقتصاد"));
    assert!(html.contains("<td><code>empty.txt</code></td><td>empty</td>"));
    // Self-contained: nothing is loaded from elsewhere.
    for outside in ["src=", "<link", "@import", "url(", "https://"] {
        assert!(!html.contains(outside), "the page loads {outside}");
    }
}

#[test]
fn select_and_ignore_pick_rules_and_name_unknown_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = out.to_str().unwrap();
    newsclean(&[
        "clean",
        "seeds",
        "--out",
        o,
        "-q",
        "--select",
        "ar.read_also",
    ]);
    let rules: std::collections::BTreeSet<String> = jsonl(&out.join("audit.jsonl"))
        .iter()
        .map(|a| a["rule"].as_str().unwrap().to_string())
        .collect();
    assert!(
        rules
            .iter()
            .all(|r| r.starts_with("ar.read_also.") || r == "tidy.whitespace"),
        "{rules:?}"
    );
    assert!(rules.contains("ar.read_also.block") && rules.contains("ar.read_also.line"));
    newsclean(&[
        "clean",
        "seeds",
        "--out",
        o,
        "-q",
        "--ignore",
        "ar.read_also.block,title",
    ]);
    let audit = jsonl(&out.join("audit.jsonl"));
    assert!(audit
        .iter()
        .all(|a| a["rule"] != "ar.read_also.block" && a["rule"] != "title"));
    assert!(audit.iter().any(|a| a["rule"] == "ar.read_also.line"));

    let bad = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args([
            "clean",
            "seeds",
            "--out",
            o,
            "-q",
            "--select",
            "ar.nope,ar.read",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("unknown rule id or prefix: ar.nope, ar.read"),
        "{err}"
    );
}
