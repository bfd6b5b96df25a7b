//! `extract`: a matching line leaves the text and its `value` becomes metadata.
//!
//! "المصدر: عربي21" → `metadata.source = "عربي21"`. The pattern must have a
//! named group `(?P<value>...)`; the value is taken from the *original* line
//! (not the folded view) and trimmed. The first extraction of a field wins.
//!
//! ```toml
//! [[rule]]
//! id = "ar.source.extract"
//! kind = "extract"
//! field = "source"
//! description = "A source line: the name goes to metadata.source."
//! patterns = ['^\s*المصدر\s*:\s*(?P<value>\S.{0,60}?)\s*$']
//! examples.remove = ["المصدر: عربي21"]
//! examples.keep = ["وأشار المصدر ذاته إلى أن المباحثات ستتواصل."]
//! ```

use serde::Deserialize;

/// Claims: a matching line; its `value` group goes to `metadata.<field>`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Extract {
    /// Metadata field the value goes to (`source`, `author`, `image_credit`, ...).
    pub field: String,
    /// Longest line (characters, trimmed) the rule may take.
    #[serde(default = "default_max_chars")]
    pub max_chars: usize,
}

fn default_max_chars() -> usize {
    120
}
