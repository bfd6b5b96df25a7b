//! Candidate rules as TOML for rules/: id, kind, pattern written for the
//! folded view (metacharacters escaped), examples taken from the dump, and
//! the counts as comments. A keep-example is a body sentence of the dump
//! that uses the same words but that the pattern does not match; when the
//! dump has none, a TODO comment asks for one (`rules check` insists).

use super::{Candidate, Feature, Suggestions};
use regex::Regex;
use std::fmt::Write;

/// The folded words of `key` as a regex: escaped, any whitespace between.
fn words(key: &str) -> String {
    key.split(' ')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// (kind, pattern, kind parameters) of a candidate.
fn shape(c: &Candidate) -> (&'static str, String, String) {
    let w = words(&c.key);
    let max = c.stat.max_chars;
    match c.feature {
        Feature::Line => (
            "line",
            format!(r"^\s*{w}\s*$"),
            format!("max_chars = {}", max + 20),
        ),
        Feature::Colon => (
            "line",
            format!(r"^\s*{w}\s*[:：]\s*\S"),
            format!("max_chars = {}", (max + max / 2).min(400)),
        ),
        Feature::Words => (
            "line",
            format!(r"^\s*{w}\s+\S"),
            format!("max_chars = {}", (max + max / 2).min(400)),
        ),
        Feature::Template => {
            // `read more :` → words, then the separator; `follow us on` → words.
            let (head, sep) = match c.key.rsplit_once(' ') {
                Some((h, s)) if !s.chars().any(char::is_alphanumeric) => (h, Some(s)),
                _ => (c.key.as_str(), None),
            };
            let w = words(head);
            let pattern = match sep {
                Some(s) => format!(r"^\s*{w}\s*{}\s*\S", regex::escape(s)),
                None => format!(r"^\s*{w}\s+\S"),
            };
            ("line", pattern, "max_chars = 200\nsentences = false".into())
        }
        Feature::Heading => (
            "block",
            format!(r"^\s*{w}\s*[:：]?\s*$"),
            format!(
                "max_heading_chars = {}\nmax_item_chars = 200",
                (c.key.chars().count() + 20).max(60)
            ),
        ),
    }
}

/// A TOML string: literal ('...') when possible, else a basic string.
fn string(s: &str) -> String {
    if !s.contains(['\'', '\n', '\r', '\t']) && !s.chars().any(char::is_control) {
        format!("'{s}'")
    } else {
        toml::Value::String(s.to_string()).to_string()
    }
}

fn describe(c: &Candidate) -> String {
    let example = c
        .stat
        .examples
        .first()
        .map_or("", |e| e.lines().next().unwrap_or(""));
    let short: String = example.chars().take(60).collect();
    match c.feature {
        Feature::Line => format!("The repeated line '{short}'."),
        Feature::Colon | Feature::Words => {
            let n = c.key.chars().count();
            let marker: String = example.chars().take(n).collect();
            format!(
                "Lines starting with '{}' followed by varying text.",
                marker.trim()
            )
        }
        Feature::Heading => format!("The heading '{short}' and the short lines under it."),
        Feature::Template => format!(
            "Lines starting with the template '{}' followed by varying text (mined by the corpus pass).",
            c.key
        ),
    }
}

/// A body sentence using the candidate's words that its pattern does not match.
fn keep_example<'a>(s: &'a Suggestions, c: &Candidate, re: &Regex) -> Option<&'a str> {
    let first = c.key.split(' ').next()?;
    let usable = |(f, _): &&(String, String)| !re.is_match(f);
    s.body
        .iter()
        .filter(usable)
        .find(|(f, _)| f.contains(&c.key))
        .or_else(|| {
            s.body
                .iter()
                .filter(usable)
                .find(|(f, _)| f.contains(first))
        })
        .map(|(_, o)| o.as_str())
}

/// All candidates as one TOML document.
pub fn toml(s: &Suggestions) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# newsclean suggest: {} candidate rules from the kept text of {} documents\n\
         # (features in at least {} documents). Review each one, give it a real id,\n\
         # description and `why`, then paste it into rules/ and run `newsclean rules check`.",
        s.candidates.len(),
        s.docs,
        s.min_docs
    );
    for (i, c) in s.candidates.iter().enumerate() {
        let (kind, pattern, params) = shape(c);
        let lang = c.lang.unwrap_or("any");
        let name = match c.feature {
            Feature::Line => "line",
            Feature::Colon | Feature::Words => "prefix",
            Feature::Heading => "block",
            Feature::Template => "template",
        };
        let share = 100.0 * c.stat.docs as f64 / s.docs.max(1) as f64;
        let _ = writeln!(
            out,
            "\n# {} documents ({share:.1}%), {} lines, {}{} distinct; found as: {:?} {:?}",
            c.stat.docs,
            c.stat.lines,
            c.stat.distinct.len(),
            if c.stat.distinct.len() >= 64 { "+" } else { "" },
            c.feature,
            c.key
        );
        let _ = writeln!(out, "[[rule]]\nid = \"suggest.{lang}.{name}_{}\"", i + 1);
        let _ = writeln!(out, "kind = \"{kind}\"");
        if let Some(l) = c.lang {
            let _ = writeln!(out, "lang = \"{l}\"");
        }
        let _ = writeln!(out, "description = {}", string(&describe(c)));
        let _ = writeln!(out, "# why = \"TODO: why this is boilerplate\"");
        let _ = writeln!(out, "patterns = [{}]", string(&pattern));
        let _ = writeln!(out, "{params}");
        let remove: Vec<String> = c.stat.examples.iter().map(|e| string(e)).collect();
        let _ = writeln!(out, "examples.remove = [{}]", remove.join(", "));
        let keep = Regex::new(&pattern)
            .ok()
            .and_then(|re| keep_example(s, c, &re));
        match keep {
            Some(k) => {
                let _ = writeln!(out, "examples.keep = [{}]", string(k));
            }
            None => {
                let _ = writeln!(
                    out,
                    "# examples.keep = [\"TODO: a body sentence that uses these words\"]"
                );
            }
        }
    }
    out
}
