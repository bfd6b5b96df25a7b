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
