//! The eval scorer on small hand-made documents and a tiny pack written here,
//! so every figure can be counted by hand.

use newsclean::pipeline::Outcome;
use newsclean::rules::{load_dir, Pack};
use newsclean_dev::eval::score::{score_doc, Report};
use newsclean_dev::eval::{evaluate, DevDoc, EvalError, Label, Span};

const PACK: &str = r#"
[[rule]]
id = "test.zap"
kind = "span"
description = "From 'zap' to the end of the line."
patterns = ['zap.*$']

[[rule]]
id = "test.junk"
kind = "line"
description = "A line starting with 'junk'."
patterns = ['^\s*junk(\s|$)']

[[rule]]
id = "title"
kind = "title"
description = "The headline on the first line."
max_chars = 100
max_words = 12
min_body_chars = 60
"#;

fn pack() -> (tempfile::TempDir, Pack) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("test.toml"), PACK).unwrap();
    let pack = load_dir(dir.path()).unwrap();
    (dir, pack)
}

/// A document from (text, label, category) pieces.
fn doc(id: &str, pieces: &[(&str, Label, Option<&str>)]) -> DevDoc {
    let (mut text, mut spans) = (String::new(), Vec::new());
    for (s, label, cat) in pieces {
        let start = text.len();
        text.push_str(s);
        spans.push(Span {
            start,
            end: text.len(),
            label: *label,
            category: cat.map(String::from),
        });
    }
    let d = DevDoc {
        id: id.into(),
        lang: "en".into(),
        text,
        spans,
    };
    d.validate().unwrap();
    d
}

const SEP: (&str, Label, Option<&str>) = ("\n\n", Label::Sep, None);

#[test]
fn half_a_body_line_removed_gives_exact_retention_and_leakage() {
    let (_d, pack) = pack();
    let d = doc(
        "a",
        &[
            ("Alpha beta.", Label::Body, None),
            SEP,
            ("Gamma zap delta.", Label::Body, None),
            SEP,
            ("junk line here", Label::Boilerplate, Some("share_follow")),
            SEP,
            // A zero-width space and an NBSP: normalization drops / changes them.
            ("keep\u{200B} me\u{a0}too", Label::Boilerplate, Some("tags")),
        ],
    );
    let r = evaluate(&[d], &pack).unwrap();
    // Body: "Alpha beta." 10 + "Gamma zap delta." 14; "zap delta." (9) removed.
    assert_eq!((r.body.chars, r.body.kept), (24, 15));
    assert!((r.retention() - 15.0 / 24.0).abs() < 1e-12);
    // Boilerplate: the junk line (12) removed, "keep me too" (9) kept.
    assert_eq!((r.boilerplate.chars, r.boilerplate.kept), (21, 9));
    assert_eq!(r.categories["share_follow"].kept, 0);
    assert_eq!(r.categories["tags"].kept_share(), 1.0);
    assert_eq!(r.losses.len(), 1);
    let loss = &r.losses[0];
    assert_eq!((loss.id.as_str(), loss.chars), ("a", 9));
    assert_eq!(loss.rules.get("test.zap"), Some(&9));
    assert_eq!(loss.snippet, "zap delta.");
    assert_eq!(r.leaks.len(), 1);
    assert_eq!(r.leaks[0].category, "tags");
    assert_eq!(r.clean_docs, 0);
    assert_eq!(r.target_failures().len(), 2);
}

#[test]
fn documents_without_boilerplate_must_come_out_unchanged() {
    let (_d, pack) = pack();
    let untouched = doc(
        "clean",
        &[
            ("  First line.  ", Label::Body, None),
            ("\n\n\n", Label::Sep, None),
            ("Second line.", Label::Body, None),
        ],
    );
    let touched = doc(
        "touched",
        &[
            ("Plain text.", Label::Body, None),
            SEP,
            ("A sentence that says zap.", Label::Body, None),
        ],
    );
    let r = evaluate(&[untouched, touched], &pack).unwrap();
    assert_eq!(r.clean_docs, 2);
    assert_eq!(r.clean_changed, vec!["touched".to_string()]);
    assert_eq!(r.losses.len(), 1);
    assert_eq!(r.leakage(), 1.0, "no boilerplate counts as nothing leaked");
}

#[test]
fn titles_are_scored_and_spurious_ones_reported() {
    let (_d, pack) = pack();
    let body = "The council approved the budget on Monday after a long debate about schools.";
    let with_title = doc(
        "t",
        &[
            ("Council approves budget", Label::Title, None),
            SEP,
            (body, Label::Body, None),
        ],
    );
    let wrong = doc(
        "w",
        &[
            ("By John Smith", Label::Boilerplate, Some("byline")),
            SEP,
            (body, Label::Body, None),
        ],
    );
    let r = evaluate(&[with_title, wrong], &pack).unwrap();
    assert_eq!((r.titles, r.titles_exact), (1, 1));
    assert_eq!(r.spurious_titles, vec!["w".to_string()]);
    assert_eq!(r.retention(), 1.0);
    assert_eq!(r.clean_changed, Vec::<String>::new());
}

#[test]
fn spans_that_do_not_match_the_cleaned_text_are_an_error() {
    let (_d, pack) = pack();
    let a = doc("a", &[("One line of text.", Label::Body, None)]);
    let b = doc("b", &[("Another line of text.", Label::Body, None)]);
    let Outcome::Kept(cleaned_b) = newsclean::clean_text(&b.text, &pack) else {
        panic!("kept")
    };
    let err = score_doc(
        &a,
        &cleaned_b,
        &pack.normalize,
        &|_| String::new(),
        &mut Report::default(),
    );
    assert!(matches!(err, Err(EvalError::Mapping { .. })), "{err:?}");
}

#[test]
fn spans_must_partition_the_text() {
    let mut d = doc("p", &[("abc", Label::Body, None), ("\n", Label::Sep, None)]);
    d.spans[1].start = 2;
    assert!(d.validate().is_err());
    let mut d = doc("q", &[("abc", Label::Boilerplate, Some("tags"))]);
    d.spans[0].category = None;
    assert!(d.validate().is_err());
    let d = doc("r", &[("ab", Label::Body, None)]);
    let mut short = d.clone();
    short.text.push('c');
    assert!(short.validate().is_err());
}
