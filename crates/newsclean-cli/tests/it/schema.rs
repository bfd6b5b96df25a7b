//! The output schema (`SCHEMA_VERSION` 3): every record of clean.jsonl, and
//! every record of audit.jsonl, has the same *shape*: the same keys, the same
//! JSON types, recursively, with no empty list and no null whose type a
//! reader would have to guess from a chunk of rows (pyarrow, and so
//! `datasets`, takes the first chunk's types for the whole file; the Python
//! tests load the same outputs with the real packages).

use crate::common::{bin, generate_dump};
use serde_json::Value;
use std::collections::BTreeSet;

/// The shape of a value: its type, and for objects the shapes of its
/// fields, for lists the shape of their items (all items must agree).
fn shape(v: &Value, at: &str) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "bool".into(),
        Value::Number(n) if n.is_f64() => "float".into(),
        Value::Number(_) => "int".into(),
        Value::String(_) => "string".into(),
        Value::Array(items) => {
            assert!(!items.is_empty(), "an empty list at {at}");
            let shapes: BTreeSet<String> = items.iter().map(|i| shape(i, at)).collect();
            assert_eq!(
                shapes.len(),
                1,
                "list items of two shapes at {at}: {shapes:?}"
            );
            format!("[{}]", shapes.into_iter().next().unwrap())
        }
        Value::Object(fields) => {
            let inner: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", shape(v, &format!("{at}.{k}"))))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

fn shapes(path: &std::path::Path, skip: &[&str]) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let mut v: Value = serde_json::from_str(line).unwrap();
        for k in skip {
            v.as_object_mut().unwrap().remove(*k);
        }
        out.insert(shape(&v, &format!("{}:{}", path.display(), i + 1)));
    }
    out
}

#[test]
fn every_record_has_one_shape_without_empty_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = generate_dump(tmp.path(), "600K");
    // Clean bodies too: documents with no extracted field, no normalization
    // change and nothing removed but whitespace.
    let bodies = tmp.path().join("bodies");
    std::fs::create_dir_all(&bodies).unwrap();
    std::fs::write(
        bodies.join("a.txt"),
        "A plain body line.\n\n\nAnother one.\n",
    )
    .unwrap();
    std::fs::write(bodies.join("b.txt"), "Nothing to remove here.").unwrap();
    let o = bin(
        &[
            "clean",
            dump.to_str().unwrap(),
            "bodies",
            "--out",
            "out",
            "-q",
        ],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = tmp.path().join("out");
    // metadata.input is the input's own fields (null for text files): not ours.
    let clean_text = std::fs::read_to_string(out.join("clean.jsonl")).unwrap();
    let mut clean = BTreeSet::new();
    for (i, line) in clean_text.lines().enumerate() {
        let mut v: Value = serde_json::from_str(line).unwrap();
        v["metadata"].as_object_mut().unwrap().remove("input");
        clean.insert(shape(&v, &format!("clean.jsonl:{}", i + 1)));
    }
    assert_eq!(clean.len(), 1, "{clean:#?}");
    let audit = shapes(&out.join("audit.jsonl"), &[]);
    assert_eq!(audit.len(), 1, "{audit:#?}");
    // The generated dump does extract fields, in some documents only.
    let found = regex::Regex::new(r#""author":"[^"]"#).unwrap();
    assert!(clean_text.contains(r#""author":"""#) && found.is_match(&clean_text));
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["schema"], 3);
}

#[test]
fn tidy_is_one_audit_record_per_document_that_rebuilds_its_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "  First line.  \n\n\n\nSecond line.\t\n\n\n",
    )
    .unwrap();
    let o = bin(&["clean", "in", "--out", "out", "-q"], tmp.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let audit = std::fs::read_to_string(tmp.path().join("out/audit.jsonl")).unwrap();
    let tidy: Vec<Value> = audit
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["rule"] == "tidy.whitespace")
        .collect();
    assert_eq!(tidy.len(), 1, "{audit}");
    let bytes: Vec<usize> = tidy[0]["bytes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as usize)
        .collect();
    // Leading spaces, trailing spaces + two extra blank lines, the tab, the end.
    assert_eq!(tidy[0]["count"], bytes.len() / 2);
    assert!(bytes.len() >= 8, "{bytes:?}");
    let input = "  First line.  \n\n\n\nSecond line.\t\n\n\n";
    let text: String = bytes.chunks(2).map(|p| &input[p[0]..p[1]]).collect();
    assert_eq!(tidy[0]["text"], text);
    // And the kept text plus every range rebuilds the input (explain does it).
    let o = bin(&["explain", "a.txt", "--out", "out", "--plain"], tmp.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
