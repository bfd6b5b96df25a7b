//! Running every rule's examples: `rules check` and the test suite.
//!
//! Each example is cleaned as a document of its own by a pack holding only
//! that rule (for `trailing`, which reads what other rules removed, by the
//! whole pack; the marked parts are then what the pack removes). A remove-example passes when exactly its marked part
//! (`⟦...⟧`, or all of it when unmarked) is removed — for `title` and
//! `extract` rules the metadata value must be set too; for `glued` rules an
//! empty mark `⟦⟧` shows where the line must be cut. A keep-example passes
//! when the rule removes nothing from it (a cut at glued words removes
//! nothing, so it may happen in a keep-example).

use super::{Kind, Pack, RuleRef};
use crate::corpus_pass::CorpusStats;
use crate::pipeline::tidy::tidy;
use crate::pipeline::{clean_text_in, Cleaned, Context, Outcome};
use crate::text::normalize::normalize;
use std::path::PathBuf;

/// One failed example (or a rule missing examples).
#[derive(Debug, Clone)]
pub struct Failure {
    pub rule: String,
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: rule `{}`: {}",
            self.file.display(),
            self.line,
            self.rule,
            self.message
        )
    }
}

fn cleaned(outcome: &Outcome) -> Option<&Cleaned> {
    match outcome {
        Outcome::Kept(c) => Some(c),
        Outcome::Rejected { cleaned, .. } => cleaned.as_deref(),
    }
}

/// Check the examples of every rule in the pack.
pub fn check_examples(pack: &Pack) -> Vec<Failure> {
    (0..pack.rules.len())
        .flat_map(|i| check_rule(pack, i))
        .collect()
}

/// Check the examples of rule `idx`, running it alone.
pub fn check_rule(pack: &Pack, idx: usize) -> Vec<Failure> {
    let rule = &pack.rules[idx];
    // A detector that reads what other rules removed (`trailing`) runs its
    // examples with the whole pack; every other rule runs alone.
    let with_pack = matches!(rule.kind, Kind::Trailing(_));
    let (single, me) = if with_pack {
        (pack.clone(), idx as u32)
    } else {
        (pack.only(idx), 0)
    };
    // A template only exists in a dump: its examples run as if every head
    // of the example texts were one (see `kinds::template`).
    let assumed = matches!(rule.kind, Kind::Template(_)).then(|| {
        let texts = rule.examples.marked.iter().map(|m| m.input.as_str());
        CorpusStats::assuming_templates(texts.chain(rule.examples.keep.iter().map(String::as_str)))
    });
    // Site rules run their examples as documents from their first site.
    let ctx = Context {
        site: rule.sites.first().map(String::as_str),
        corpus: assumed.as_ref(),
    };
    let mut fails = Vec::new();
    let mut fail = |message: String| {
        fails.push(Failure {
            rule: rule.id.clone(),
            file: rule.file.clone(),
            line: rule.line,
            message,
        })
    };
    // A repeated line only exists in a corpus: its tests live in `corpus`
    // and in tests/corpus_pass.rs, not in single-document examples; the
    // model judges a segment in its document (tests in kinds/model.rs).
    let needs_examples = !matches!(rule.kind, Kind::Repeated(_) | Kind::Model(_));
    if needs_examples && rule.examples.remove.is_empty() {
        fail("has no remove-example".into());
    }
    if needs_examples && rule.examples.keep.is_empty() {
        fail("has no keep-example".into());
    }
    for (n, (ex, m)) in rule
        .examples
        .remove
        .iter()
        .zip(&rule.examples.marked)
        .enumerate()
    {
        let expected = tidy(&normalize(&m.expected, &pack.normalize).0, &[]).0;
        let outcome = clean_text_in(&m.input, &single, &ctx);
        let Some(c) = cleaned(&outcome) else {
            fail(format!("remove-example {} is empty: {ex:?}", n + 1));
            continue;
        };
        let by_rule = c.removals.iter().any(|r| r.rule == RuleRef::Rule(me));
        if !by_rule || c.text != expected {
            fail(format!(
                "remove-example {} not removed as expected\n    example:  {ex:?}\n    kept:     {:?}\n    expected: {expected:?}",
                n + 1,
                c.text
            ));
            continue;
        }
        match &rule.kind {
            Kind::Title(_) if c.title.is_none() => {
                fail(format!("remove-example {} set no title", n + 1))
            }
            Kind::Extract(k) if !c.fields.contains_key(&k.field) => {
                fail(format!("remove-example {} set no `{}`", n + 1, k.field))
            }
            _ => {}
        }
    }
    for (n, ex) in rule.examples.keep.iter().enumerate() {
        let outcome = clean_text_in(ex, &single, &ctx);
        let Some(c) = cleaned(&outcome) else { continue };
        if let Some(r) = c
            .removals
            .iter()
            .find(|r| r.rule == RuleRef::Rule(me) && !r.bytes.is_empty())
        {
            fail(format!(
                "keep-example {} was touched: removed {:?}\n    example: {ex:?}",
                n + 1,
                c.removed_text(r)
            ));
        }
    }
    fails
}

#[cfg(test)]
mod tests {
    use crate::rules::Marked;

    fn split(s: &str) -> (String, String) {
        let m = Marked::parse(s).unwrap();
        (m.input, m.expected)
    }

    #[test]
    fn marks_split_input_and_expected() {
        assert_eq!(
            split("Body.\n⟦Footer⟧"),
            ("Body.\nFooter".to_string(), "Body.\n".to_string())
        );
        assert_eq!(split("all"), ("all".to_string(), String::new()));
        assert_eq!(split("a⟦⟧b"), ("ab".to_string(), "ab".to_string()));
    }

    #[test]
    fn unbalanced_marks_are_errors() {
        for bad in ["⟦open", "close⟧", "⟦a⟦b⟧⟧", "⟦a⟧ ⟦b", "a⟧⟦b"] {
            let e = Marked::parse(bad).unwrap_err();
            assert!(e.contains(bad), "{e}");
        }
    }
}
