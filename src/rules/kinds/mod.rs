//! Rule kinds: what a rule removes and how. One file per kind.
//!
//! | kind      | stage  | claims                                                   |
//! |-----------|--------|----------------------------------------------------------|
//! | title     | rules  | the first line, when short and followed by body → `metadata.title` |
//! | extract   | rules  | a matching line whose `value` group goes to `metadata.<field>` |
//! | line      | rules  | a matching line                                          |
//! | block     | rules  | a matching heading line and the list under it            |
//! | tail      | rules  | from a matching marker line to the end (guarded)         |
//! | span      | rules  | the matched part of a line                               |
//! | tag_cloud | detect | a line of many short tokens with no sentence punctuation |
//!
//! **Precedence.** When several claims cover a line, the narrowest claim
//! (fewest lines) owns it; on a tie the kind ranks in the table's order
//! (title first); then the rule that comes first in the pack. Detectors only
//! look at lines no rule owns; spans only apply inside lines nobody owns.

pub mod block;
pub mod extract;
pub mod line;
pub mod span;
pub mod tag_cloud;
pub mod tail;
pub mod title;

use serde::de::DeserializeOwned;

/// A compiled kind with its parameters.
#[derive(Debug, Clone)]
pub enum Kind {
    Title(title::Title),
    Extract(extract::Extract),
    Line(line::LineKind),
    Block(block::Block),
    Tail(tail::Tail),
    Span(span::Span),
    TagCloud(tag_cloud::TagCloud),
}

/// Which stage of the pipeline a kind belongs to (reported in the audit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Rules,
    Detect,
    Tidy,
}

/// Kind names accepted in rule files.
pub const KIND_NAMES: &[&str] = &[
    "title",
    "extract",
    "line",
    "block",
    "tail",
    "span",
    "tag_cloud",
];

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Title(_) => "title",
            Kind::Extract(_) => "extract",
            Kind::Line(_) => "line",
            Kind::Block(_) => "block",
            Kind::Tail(_) => "tail",
            Kind::Span(_) => "span",
            Kind::TagCloud(_) => "tag_cloud",
        }
    }

    /// Tie-break rank in claim precedence: lower wins.
    pub fn rank(&self) -> u8 {
        match self {
            Kind::Title(_) => 0,
            Kind::Extract(_) => 1,
            Kind::Line(_) => 2,
            Kind::Block(_) => 3,
            Kind::Tail(_) => 4,
            Kind::Span(_) => 5,
            Kind::TagCloud(_) => 6,
        }
    }

    pub fn stage(&self) -> Stage {
        match self {
            Kind::TagCloud(_) => Stage::Detect,
            _ => Stage::Rules,
        }
    }

    /// Whether the kind is triggered by patterns (else it must have none).
    pub fn uses_patterns(&self) -> bool {
        !matches!(self, Kind::Title(_) | Kind::TagCloud(_))
    }

    /// Parse the kind-specific parameters of a rule.
    pub fn parse(kind: &str, params: toml::Table) -> Result<Kind, String> {
        fn p<T: DeserializeOwned>(t: toml::Table) -> Result<T, String> {
            T::deserialize(toml::Value::Table(t)).map_err(|e| e.to_string().trim().to_string())
        }
        Ok(match kind {
            "title" => Kind::Title(p(params)?),
            "extract" => Kind::Extract(p(params)?),
            "line" => Kind::Line(p(params)?),
            "block" => Kind::Block(p(params)?),
            "tail" => Kind::Tail(p::<tail::Tail>(params)?.validated()?),
            "span" => Kind::Span(p(params)?),
            "tag_cloud" => Kind::TagCloud(p(params)?),
            other => {
                return Err(format!(
                    "unknown kind `{other}`, expected one of: {}",
                    KIND_NAMES.join(", ")
                ))
            }
        })
    }
}

/// Whether a line ends a sentence: a final stop (. ! ? ؟ …), possibly
/// followed by closing quotes or brackets (`..."`, `...).`).
pub fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '»', '”', ')', '」', '\'', '’']);
    t.ends_with(['.', '!', '?', '؟', '…'])
}
