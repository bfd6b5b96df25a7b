//! `span`: remove the matched part of a line and keep the rest.
//!
//! For widgets glued inside a paragraph ("... text (اقرأ المزيد) text ...").
//! The pattern should take the whitespace on one side with it, so the kept
//! text does not gain a double space. Spans never apply inside a line that a
//! line-level rule or detector already removes. When the pattern has a
//! group named `span`, only that group is removed: the rest of the match is
//! context (e.g. the full stop before a trailing "اقرأ أيضا: ...").
//!
//! ```toml
//! [[rule]]
//! id = "ar.widget.inline_span"
//! kind = "span"
//! lang = "ar"
//! description = "An inline '(read more)' label inside a line."
//! patterns = ['\s*\(اقرا المزيد\)']
//! examples.remove = ["قال الوزير إن الاجتماع كان مثمرا⟦ (اقرأ المزيد)⟧ وأكد أن المباحثات ستتواصل."]
//! examples.keep = ["وقال إنه يريد أن يقرأ المزيد عن المشروع."]
//! ```

use super::Behaviour;
use crate::pipeline::resolve::SpanClaim;
use crate::pipeline::work::{At, Work};
use serde::Deserialize;

/// Claims: the matched part of a line (or its `span` group), inside lines nobody owns.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {}

impl Span {
    /// Folded-line byte ranges to remove for every match of `re` in `line`.
    pub fn ranges(re: &regex::Regex, line: &str, out: &mut Vec<std::ops::Range<usize>>) {
        for caps in re.captures_iter(line) {
            let m = caps.name("span").or_else(|| caps.get(0));
            if let Some(m) = m.filter(|m| !m.is_empty()) {
                out.push(m.range());
            }
        }
    }
}

impl Behaviour for Span {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    /// Kept for phase `Span`: the line may still go whole to another rule.
    fn on_match(&self, at: &At, line: usize, work: &mut Work) {
        work.marks.push((line, at.index));
    }

    /// The matched parts of the noted lines that nobody owns.
    fn claim(&self, at: &At, work: &mut Work) {
        let lines: Vec<usize> = work.marks_of(at.index).collect();
        for line in lines {
            if work.owners.is_owned(line) {
                continue;
            }
            let mut ranges = Vec::new();
            for re in &at.rule.patterns {
                Span::ranges(re, at.doc.folded_line(line), &mut ranges);
            }
            work.spans.extend(ranges.into_iter().map(|r| SpanClaim {
                rule: at.index,
                line,
                bytes: at.doc.unfold_span(line, r),
            }));
        }
    }
}
