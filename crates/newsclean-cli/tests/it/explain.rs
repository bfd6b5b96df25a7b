//! `newsclean explain`: a document as a diff, from a file or an output folder.

use crate::common::{pack, root, seed};
use newsclean::text::normalize::normalize;
use std::process::Output;

fn newsclean(args: &[&str]) -> Output {
    crate::common::bin(args, root())
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// (line number, sign, margin, text) of each body line of plain output.
fn parse(out: &str) -> Vec<(usize, char, String, String)> {
    out.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let (head, text) = l.split_once(" │ ").or_else(|| l.split_once(" │")).unwrap();
            let n = head[..4].trim().parse().unwrap();
            let sign = head[5..].chars().next().unwrap();
            (n, sign, head[7..].trim().to_string(), text.to_string())
        })
        .collect()
}

const SEED_B: &str = "001_e4b4c0894e14bddb.txt";

#[test]
fn explain_file_shows_every_input_line_and_who_removed_it() {
    let out = stdout(&newsclean(&[
        "explain",
        &format!("seeds/{SEED_B}"),
        "--plain",
    ]));
    assert!(!out.contains('\x1b'), "no colour with --plain");
    let rows = parse(&out);
    // The lines, without marks, are the normalized input.
    let input = normalize(&seed(SEED_B), &pack().normalize).0;
    let lines: Vec<String> = rows.iter().map(|r| r.3.replace(['⟦', '⟧'], "")).collect();
    assert_eq!(lines.join("\n"), input);
    assert_eq!(
        rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        (1..=rows.len()).collect::<Vec<_>>()
    );
    // Removed lines carry their rule; kept lines have no margin.
    let find = |needle: &str| rows.iter().find(|r| r.3.contains(needle)).unwrap();
    let source = find("المصدر: عربي21");
    assert_eq!((source.1, source.2.as_str()), ('-', "ar.source.extract"));
    let related = find("• بعد إسقاط الحصانة");
    assert_eq!((related.1, related.2.as_str()), ('-', "ar.related.block"));
    let body = find("في خطوة جديدة نحو تعزيز");
    assert_eq!((body.1, body.2.as_str()), (' ', ""));
    assert_eq!(
        out.lines().last().unwrap(),
        "# 20 lines removed, 0 partly removed"
    );
}

#[test]
fn explain_by_id_from_an_output_folder_matches_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let o = tmp.path().to_str().unwrap();
    stdout(&newsclean(&["clean", "seeds", "--out", o, "-q"]));
    let by_id = stdout(&newsclean(&["explain", SEED_B, "--out", o]));
    let by_file = stdout(&newsclean(&["explain", &format!("seeds/{SEED_B}")]));
    assert_eq!(by_id, by_file);
    let coloured = stdout(&newsclean(&["explain", SEED_B, "--out", o, "--color"]));
    assert!(coloured.contains("\x1b[31mالمصدر: عربي21\x1b[0m"));

    let missing = newsclean(&["explain", "nope.txt", "--out", o]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("document nope.txt is not in"));
}

/// A file named `name` holding `text` in a new temporary folder.
fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join(name);
    std::fs::write(&file, text).unwrap();
    (tmp, file)
}

#[test]
fn a_span_is_marked_inside_its_line() {
    let (_tmp, file) = temp_file(
        "span.txt",
        "قال الوزير إن الاجتماع كان مثمرا (اقرأ المزيد) وأكد أن المباحثات ستتواصل خلال الأسابيع المقبلة بين الجانبين.\n",
    );
    let out = stdout(&newsclean(&["explain", file.to_str().unwrap(), "--plain"]));
    let rows = parse(&out);
    assert_eq!(rows[0].1, '~');
    assert_eq!(rows[0].2, "ar.widget.inline_span");
    assert!(
        rows[0].3.contains("مثمرا⟦ (اقرأ المزيد)⟧ وأكد"),
        "{}",
        rows[0].3
    );
}

/// A JSONL file shows its first record and says there are more; `--doc`
/// picks a record by its id field or by FILE:LINE; an unknown id is an
/// error naming it.
#[test]
fn explain_picks_a_record_of_a_jsonl_file() {
    let (_tmp, file) = temp_file(
        "t.jsonl",
        "{\"id\": \"a\", \"text\": \"First body sentence here.\\nRead more: one\"}\n\
         {\"text\": \"Second body sentence here.\\nRead more: two\"}\n",
    );
    let f = file.to_str().unwrap();
    let first = stdout(&newsclean(&["explain", f, "--plain"]));
    assert!(first.starts_with("# a · en"), "{first}");
    assert!(first.contains("holds more documents"), "{first}");
    let second = stdout(&newsclean(&["explain", f, "--plain", "--doc", "t.jsonl:2"]));
    assert!(second.contains("Second body sentence"), "{second}");
    assert!(!second.contains("First body") && !second.contains("holds more"));
    let by_id = stdout(&newsclean(&["explain", f, "--plain", "--doc", "a"]));
    assert!(by_id.contains("First body sentence") && by_id.contains("- en.read_more.line"));
    let o = newsclean(&["explain", f, "--doc", "nope"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no document with id nope"), "{err}");
}
