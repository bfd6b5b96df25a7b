//! `tail`: remove everything from a marker line to the end of the document.
//!
//! For footers that open a run of boilerplate down to the end ("من نفس القسم",
//! a standalone "إقرأ أيضاً:" followed by another article's teaser). A guard
//! keeps a cut out of the first part of the document: the marker must come
//! after `min_position` (a fraction, default 0.5) of the document's text.
//! The position is measured on non-whitespace characters of the lines that
//! no other rule removes, so it does not move when the cleaned text is
//! cleaned again (idempotence), and a marker quoted early in the body never
//! erases the article. `max_body_paragraphs` keeps a cut from taking
//! article text that goes on after a marker placed late in the body.
//!
//! ```toml
//! [[rule]]
//! id = "ar.section_footer.tail"
//! kind = "tail"
//! lang = "ar"
//! description = "A section footer and everything after it."
//! # no \b (refused, see rules/README.md): the boundary is written out
//! patterns = ['^\s*من نفس القسم(\s|$|[:\-–|])']
//! min_position = 0.5
//! examples.remove = ["وفي ضوء هذه التطورات، يرتقب أن تعزز العلاقات الثنائية بين البلدين في مختلف المجالات العسكرية والاقتصادية.\n\n⟦من نفس القسم - عدالة وأمن\nالوداد يتأهل إلى النهائي⟧"]
//! examples.keep = ["من نفس القسم خرج ثلاثة وزراء خلال السنوات الماضية، بحسب ما أوردته الصحيفة في تقريرها المطول عن الحكومة."]
//! ```

use serde::Deserialize;

/// Claims: from a matching marker line to the end of the document, guarded.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tail {
    /// The marker must start after this fraction of the document's text.
    #[serde(default = "default_position")]
    pub min_position: f64,
    /// Longest marker line (characters).
    #[serde(default = "default_marker")]
    pub max_marker_chars: usize,
    /// When false, a marker line that ends a sentence never starts a cut
    /// (footer labels are not sentences; body lines that open alike are).
    #[serde(default = "yes")]
    pub sentences: bool,
    /// Most body-looking paragraphs (a line ending a sentence, at least 60
    /// characters) that may follow the marker; `None`: no limit. A footer is followed by links,
    /// not by article text: a marker with the article going on below it is
    /// not a footer.
    #[serde(default)]
    pub max_body_paragraphs: Option<usize>,
}

fn yes() -> bool {
    true
}

fn default_position() -> f64 {
    0.5
}
fn default_marker() -> usize {
    120
}

impl Tail {
    /// Whether a matching line may start a cut (before the position guard).
    pub fn accepts(&self, line: &str, chars: usize) -> bool {
        chars <= self.max_marker_chars && (self.sentences || !super::ends_sentence(line))
    }

    pub fn validated(self) -> Result<Tail, String> {
        if (0.0..=1.0).contains(&self.min_position) {
            Ok(self)
        } else {
            Err(format!(
                "min_position must be between 0 and 1, got {}",
                self.min_position
            ))
        }
    }
}
