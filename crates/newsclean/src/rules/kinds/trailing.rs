//! `trailing` (detector): short leftovers of the page after the article ends.
//!
//! Once the last body paragraph is over, what a scraper keeps is page
//! furniture in endless wordings ("Follow us", "عرض المزيد", "Get news
//! alerts", "فيسبوك تويتر واتساب"). When the lines after the last body
//! paragraph (a line of at least `min_body_chars` that ends a sentence)
//! already hold boilerplate that a rule or detector removed, the other short
//! lines there (at most `max_chars`) go too. A body line is one of at least
//! `min_body_chars`, or a sentence of five words or more. Without such an anchor nothing
//! is removed, so an article that simply ends on a short line keeps it.
//!
//! ```toml
//! [[rule]]
//! id = "en.copyright.line"
//! kind = "line"
//! description = "A copyright line (the anchor the detector needs)."
//! patterns = ['^\s*(©|copyright\s+\d{4})']
//! examples.remove = ["© 2025 Example News"]
//! examples.keep = ["Copyright holders say the law does not protect them."]
//!
//! [[rule]]
//! id = "detect.trailing_furniture"
//! kind = "trailing"
//! description = "Short lines after the body, next to removed boilerplate."
//! max_chars = 60
//! # run with the whole pack: the copyright line is the anchor another rule removes
//! examples.remove = ["The minister said the government would keep working on the file in the coming months.\n\n⟦© 2025 Example News\nFollow us\nCustomer service⟧"]
//! examples.keep = ["The minister said the government would keep working on the file in the coming months.\n\nArsenal 2 - 1 Chelsea"]
//! ```

use super::{ends_sentence, Behaviour};
use crate::pipeline::document::Document;
use crate::pipeline::work::{At, Work};
use serde::Deserialize;

/// Claims: short leftovers after the last body paragraph, next to removed boilerplate.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trailing {
    /// Longest leftover line (characters) that is removed.
    #[serde(default = "d_chars")]
    pub max_chars: usize,
    /// Shortest line (characters) that counts as a body paragraph.
    #[serde(default = "d_body")]
    pub min_body_chars: usize,
}

fn d_chars() -> usize {
    60
}
fn d_body() -> usize {
    60
}

impl Trailing {
    /// Lines to claim, given which lines are already owned.
    pub fn claims(&self, doc: &Document, owned: impl Fn(usize) -> bool) -> Vec<usize> {
        let n = doc.lines.len();
        // A body line: long, or a sentence of five words or more.
        let body = |i: usize| {
            let line = doc.line(i);
            !owned(i)
                && !doc.is_blank(i)
                && (doc.lines[i].chars >= self.min_body_chars
                    || (ends_sentence(line) && line.split_whitespace().count() >= 5))
        };
        let start = (0..n).rev().find(|&i| body(i)).map_or(0, |i| i + 1);
        if !(start..n).any(|i| owned(i) && !doc.is_blank(i)) {
            return Vec::new();
        }
        (start..n)
            .filter(|&i| !owned(i) && !doc.is_blank(i) && doc.lines[i].chars <= self.max_chars)
            .collect()
    }
}

impl Behaviour for Trailing {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    fn claim(&self, at: &At, work: &mut Work) {
        for i in self.claims(at.doc, |i| work.owners.is_owned(i)) {
            work.owners.add(at.claim(i..i + 1, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The minister said the plan would be ready next week, officials confirmed.";

    fn t() -> Trailing {
        Trailing {
            max_chars: 60,
            min_body_chars: 60,
        }
    }

    #[test]
    fn short_lines_next_to_removed_boilerplate_go() {
        let d = Document::new(format!(
            "{BODY}\nFollow us\nShare this article\nGet news alerts"
        ));
        // Line 2 ("Share this article") is owned by a rule.
        assert_eq!(t().claims(&d, |i| i == 2), vec![1, 3]);
    }

    #[test]
    fn without_an_anchor_nothing_goes() {
        let d = Document::new(format!("{BODY}\nWasps 31-37 Leicester\nFollow us"));
        assert!(t().claims(&d, |_| false).is_empty());
    }

    #[test]
    fn lines_before_the_last_body_paragraph_stay() {
        let d = Document::new(format!(
            "{BODY}\nA short subheading\n{BODY}\nShare this article"
        ));
        assert!(t().claims(&d, |i| i == 3).is_empty());
    }
}
