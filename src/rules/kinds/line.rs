//! `line`: remove a whole line that matches one of the rule's patterns.
//!
//! For one-line boilerplate with a recognisable start: "إقرأ أيضا: <headline>",
//! "Share this article", "Follow us on ...". `max_chars` keeps the rule off
//! long paragraphs that merely begin with the same words.
//!
//! ```toml
//! [[rule]]
//! id = "ar.read_also.line"
//! kind = "line"
//! patterns = ['^اقرا\s+(ايضا|كذلك)\s*:\s*\S']
//! max_chars = 300
//! ```

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineKind {
    /// Longest line (in characters, trimmed) the rule may remove.
    #[serde(default = "default_max_chars")]
    pub max_chars: usize,
}

fn default_max_chars() -> usize {
    400
}

impl LineKind {
    /// Whether a matching line of `chars` characters is removed.
    pub fn accepts(&self, chars: usize) -> bool {
        chars <= self.max_chars
    }
}
