//! `rules list --stats`, `rules show`, and the warnings of `rules check`.

use crate::common::{pack, root};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

fn newsclean(args: &[&str]) -> Output {
    crate::common::bin(args, root())
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn seed_run(dir: &Path) -> serde_json::Value {
    let o = newsclean(&["clean", "seeds", "-q", "--out", dir.to_str().unwrap()]);
    assert!(o.status.success());
    serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap()
}

/// Rule ids named in "never fired" warnings.
fn unfired(stderr: &str) -> BTreeSet<String> {
    stderr
        .lines()
        .filter(|l| l.contains("never fired"))
        .map(|l| l.split('`').nth(1).unwrap().to_string())
        .collect()
}

#[test]
fn list_with_stats_shows_each_rules_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = seed_run(tmp.path());
    let o = newsclean(&["rules", "list", "--stats", tmp.path().to_str().unwrap()]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert_eq!(
        out.lines().count(),
        pack().rules.len() + 1,
        "header + one line per rule"
    );
    for r in summary["rules"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        if id == "tidy.whitespace" {
            continue;
        }
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap();
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cols[3], r["docs"].to_string(), "{line}");
        assert_eq!(cols[4], r["chars"].to_string(), "{line}");
    }
}

#[test]
fn show_prints_the_rule_docs() {
    for rule in &pack().rules {
        let o = newsclean(&["rules", "show", &rule.id]);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{err}");
        assert!(out.contains(&rule.description), "{}", rule.id);
        assert!(out.contains(rule.why.as_deref().unwrap_or("(no `why` given)")));
        assert!(out.contains(&format!("kind         {}", rule.kind.name())));
        for p in &rule.patterns {
            assert!(out.contains(p.as_str()), "{} pattern", rule.id);
        }
        for e in rule.examples.remove.iter().chain(&rule.examples.keep) {
            let first = e.lines().next().unwrap();
            assert!(out.contains(first), "{} example {first:?}", rule.id);
        }
    }
    let o = newsclean(&["rules", "show", "ar.nope"]);
    assert!(!o.status.success());
    assert!(text(&o).1.contains("no rule `ar.nope`"));
}

#[test]
fn check_warns_about_rules_that_never_fired() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = seed_run(tmp.path());
    let o = newsclean(&["rules", "check", "--stats", tmp.path().to_str().unwrap()]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "warnings do not fail the check: {err}");
    let expected: BTreeSet<String> = summary["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["docs"] == 0)
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert!(expected.contains("en.share.line") && !expected.contains("ar.related.block"));
    assert_eq!(unfired(&err), expected);
    assert!(out.starts_with("ok:"));
    // Cleaning the inputs now finds the same rules.
    let o = newsclean(&["rules", "check", "--input", "seeds"]);
    assert!(o.status.success());
    assert_eq!(unfired(&text(&o).1), expected);
}

const A: &str = r#"
[[rule]]
id = "x.follow"
kind = "line"
description = "Follow us."
patterns = ['^follow us(\s|$)']
examples.remove = ["Follow us on Twitter"]
examples.keep = ["We follow the news."]
"#;

const B: &str = r#"
[[rule]]
id = "x.twitter"
kind = "line"
description = "Twitter lines."
patterns = ['twitter$']
examples.remove = ["Find us on Twitter"]
examples.keep = ["Twitter shares fell today, the company said in a statement."]

[[rule]]
id = "x.copyright"
kind = "line"
description = "Copyright."
patterns = ['^copyright(\s|$)']
examples.remove = ["Copyright 2025"]
examples.keep = ["The copyright case went to court."]
"#;

#[test]
fn check_warns_about_overlapping_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), A).unwrap();
    std::fs::write(dir.path().join("b.toml"), B).unwrap();
    let o = newsclean(&["rules", "check", "--rules", dir.path().to_str().unwrap()]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let overlaps: Vec<&str> = err.lines().filter(|l| l.contains("overlaps")).collect();
    // x.twitter's pattern matches x.follow's example; nothing else overlaps.
    assert_eq!(overlaps.len(), 1, "{err}");
    assert!(overlaps[0].starts_with("warning: rule `x.twitter`: overlaps `x.follow`"));
    assert!(out.contains("(1 warnings)"));
}
