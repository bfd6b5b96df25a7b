//! `title`: the first line becomes `metadata.title` when it looks like one.
//!
//! A first line (the first non-blank line that no other rule removes, with
//! nothing kept before it) is a title when it is short (`max_chars`,
//! `max_words`), has no final sentence punctuation, and the next kept
//! non-blank line is a body paragraph: at least `min_body_chars` long, with
//! sentence punctuation in it. It leaves the text; the title is kept in metadata.
//! When the next line would itself be a title (a headline-shaped lede before
//! a body paragraph), neither is taken: the choice is a guess, and taking the
//! first would make cleaning the output again remove the second.
//!
//! ```toml
//! [[rule]]
//! id = "title"
//! kind = "title"
//! max_chars = 150
//! ```

use super::ends_sentence;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    #[serde(default = "default_chars")]
    pub max_chars: usize,
    #[serde(default = "default_words")]
    pub max_words: usize,
    #[serde(default = "default_body")]
    pub min_body_chars: usize,
}

fn default_chars() -> usize {
    150
}
fn default_words() -> usize {
    25
}
fn default_body() -> usize {
    80
}

impl Title {
    /// Whether `line` is a title given the body line that follows it.
    pub fn accepts(&self, line: &str, next: &str) -> bool {
        let line = line.trim();
        let chars = line.chars().count();
        chars >= 3
            && chars <= self.max_chars
            && line.split_whitespace().count() <= self.max_words
            && !ends_sentence(line)
            && !line.ends_with(':')
            && self.is_body(next)
    }

    /// Physical line `phys` as the cleaned text will show it: its non-blank
    /// pieces (segments of a line cut at glued words) that `kept` keeps, in
    /// order. Title decisions read this rather than the whole input line:
    /// a second pass sees only what is kept, so a first pass that judged the
    /// whole line could refuse a first line that the second pass accepts
    /// ("...Commodore com⟦Share this article...⟧" leaves "...Commodore com").
    pub fn kept_line(
        doc: &crate::pipeline::document::Document,
        phys: usize,
        kept: impl Fn(usize) -> bool,
    ) -> String {
        let first = doc.lines.partition_point(|l| l.phys < phys);
        let end = doc.lines.partition_point(|l| l.phys <= phys);
        let mut out = String::new();
        for i in (first..end).filter(|&i| kept(i)) {
            out.push_str(doc.line(i));
        }
        out.trim().to_string()
    }

    /// A body paragraph: long enough, with sentence punctuation somewhere
    /// (its end may be a quote or a bracket rather than a full stop).
    fn is_body(&self, line: &str) -> bool {
        line.trim().chars().count() >= self.min_body_chars
            && line.contains(['.', '!', '?', '؟', '،', ',', '؛', ';'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Title {
        Title {
            max_chars: 150,
            max_words: 25,
            min_body_chars: 80,
        }
    }
    const BODY: &str = "أعلن صبري بوقادوم، سفير الجزائر لدى واشنطن، عن تنظيم مباحثات قريبا بين الجزائر والولايات المتحدة.";

    #[test]
    fn short_line_before_body_is_a_title() {
        assert!(t().accepts("مباحثات جزائرية أمريكية لاقتناء الأسلحة", BODY));
    }

    #[test]
    fn sentences_long_lines_and_short_bodies_are_not() {
        assert!(!t().accepts("هذا سطر ينتهي بنقطة.", BODY));
        assert!(!t().accepts(&"كلمة ".repeat(30), BODY));
        assert!(!t().accepts("عنوان قصير", "جملة قصيرة."));
        assert!(!t().accepts("عنوان قصير", &"نص طويل بلا ترقيم ".repeat(10)));
        // A body paragraph may end with a quote rather than a stop.
        assert!(t().accepts("عنوان قصير", &format!("{BODY} المجموعة « D »")));
    }

    #[test]
    fn kept_line_joins_the_kept_pieces() {
        use crate::pipeline::document::Document;
        use crate::text::lang::Lang;
        let doc = Document::with_splits("Big comShare this\nBody.".into(), &[7], Lang::En);
        assert_eq!(Title::kept_line(&doc, 0, |i| i != 1), "Big com");
        assert_eq!(Title::kept_line(&doc, 0, |_| true), "Big comShare this");
        assert_eq!(Title::kept_line(&doc, 1, |_| true), "Body.");
    }
}
