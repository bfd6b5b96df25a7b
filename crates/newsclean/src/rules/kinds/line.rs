//! `line`: remove a whole line that matches one of the rule's patterns.
//!
//! For one-line boilerplate with a recognisable start: "إقرأ أيضا: <headline>",
//! "Share this article", "Follow us on ...". `max_chars` keeps the rule off
//! long paragraphs that merely begin with the same words. `max_coherence`
//! keeps a matching line whose words the article itself uses (a fixture
//! "الرجاء الرياضي - حسنية أكادير" in a match report, where a byline
//! "مريم الشرقاوي - الرباط" shares at most its city; see `super::article`).
//!
//! ```toml
//! [[rule]]
//! id = "ar.read_also.line"
//! kind = "line"
//! lang = "ar"
//! description = "A one-line 'read also' link to another article."
//! patterns = ['^\s*اقرا\s+(ايضا|كذلك)\s*:\s*\S']
//! max_chars = 300
//! examples.remove = ["إقرأ أيضا: معهد واشنطن: مقعد الجزائر بمجلس الأمن قد يؤثر على جهود أمريكا"]
//! examples.keep = ["وقال إن على المحللين أن يقرأوا أيضا ما بين السطور."]
//! ```

use super::Behaviour;
use crate::pipeline::work::{At, Work};
use serde::Deserialize;

/// Claims: a whole line that matches a pattern.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineKind {
    /// Longest line (in characters, trimmed) the rule may remove.
    #[serde(default = "default_max_chars")]
    pub max_chars: usize,
    /// When false, a line that ends a sentence is never removed (for
    /// widget labels that also start ordinary sentences).
    #[serde(default = "yes")]
    pub sentences: bool,
    /// When set, a matching line is kept when more than this share of its
    /// content words occurs in the document's body paragraphs.
    #[serde(default)]
    pub max_coherence: Option<f64>,
}

fn yes() -> bool {
    true
}

fn default_max_chars() -> usize {
    400
}

impl LineKind {
    /// Whether a matching line is removed.
    pub fn accepts(&self, line: &str, chars: usize) -> bool {
        chars <= self.max_chars && (self.sentences || !super::ends_sentence(line))
    }
}

impl Behaviour for LineKind {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    fn on_match(&self, at: &At, line: usize, work: &mut Work) {
        let coherent = |max: f64| {
            let body = |i: usize| super::article::body_line(at.doc, i);
            super::article::coherence(at.doc, line..line + 1, body) > max
        };
        if self.accepts(at.doc.line(line), at.doc.lines[line].chars)
            && !self.max_coherence.is_some_and(coherent)
        {
            work.claims.push(at.claim(line..line + 1, None));
        }
    }
}
