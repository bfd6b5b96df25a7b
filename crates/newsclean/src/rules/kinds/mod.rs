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
//! | repeated_line | detect | a line found in many documents of the dump (first pass) |
//! | tag_cloud | detect | a line of many short tokens with no sentence punctuation |
//! | vocab_line | detect | a line made only of listed words (menus, date lines)   |
//! | headline_list | detect | three or more short headline lines after the body     |
//! | glued     | detect | cuts a line where words were glued; removes glued headlines |
//! | trailing  | detect | short leftovers after the article, next to removed boilerplate |
//!
//! **Order and precedence.** Glued words are cut first (so everything else
//! sees the pieces); then rules claim lines, tails are guarded, repeated
//! lines, the title, and the other detectors claim what is still unowned, in
//! that order; spans apply last, inside lines nobody owns. When several rule
//! claims cover a line, the narrowest claim (fewest lines) owns it; on a tie
//! the kind ranks in the table's order (title first); then the rule that
//! comes first in the pack.

pub mod block;
pub mod extract;
pub mod glued;
pub mod headline_list;
pub mod line;
pub mod repeated;
pub mod span;
pub mod tag_cloud;
pub mod tail;
pub mod title;
pub mod trailing;
pub mod vocab_line;

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
    VocabLine(vocab_line::VocabLine),
    HeadlineList(headline_list::HeadlineList),
    Repeated(repeated::Repeated),
    Glued(glued::Glued),
    Trailing(trailing::Trailing),
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
    "vocab_line",
    "headline_list",
    "repeated_line",
    "glued",
    "trailing",
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
            Kind::VocabLine(_) => "vocab_line",
            Kind::HeadlineList(_) => "headline_list",
            Kind::Repeated(_) => "repeated_line",
            Kind::Glued(_) => "glued",
            Kind::Trailing(_) => "trailing",
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
            Kind::Repeated(_) => 6,
            Kind::TagCloud(_) => 7,
            Kind::VocabLine(_) => 8,
            Kind::HeadlineList(_) => 9,
            Kind::Glued(_) => 10,
            Kind::Trailing(_) => 11,
        }
    }

    pub fn stage(&self) -> Stage {
        match self {
            Kind::TagCloud(_)
            | Kind::VocabLine(_)
            | Kind::HeadlineList(_)
            | Kind::Repeated(_)
            | Kind::Glued(_)
            | Kind::Trailing(_) => Stage::Detect,
            _ => Stage::Rules,
        }
    }

    /// Whether the kind is triggered by patterns (else it must have none).
    pub fn uses_patterns(&self) -> bool {
        matches!(
            self,
            Kind::Extract(_)
                | Kind::Line(_)
                | Kind::Block(_)
                | Kind::Tail(_)
                | Kind::Span(_)
                | Kind::Glued(_)
        )
    }

    /// Whether the kind's patterns run on the folded view (all but `glued`,
    /// which needs the letters folding erases).
    pub fn matches_folded(&self) -> bool {
        !matches!(self, Kind::Glued(_))
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
            "vocab_line" => Kind::VocabLine(p::<vocab_line::VocabLineRaw>(params)?.into()),
            "headline_list" => Kind::HeadlineList(p(params)?),
            "repeated_line" => Kind::Repeated(p(params)?),
            "glued" => Kind::Glued(p(params)?),
            "trailing" => Kind::Trailing(p(params)?),
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

/// Whether a line holds sentence punctuation (. ! ? ؟) anywhere: a byte
/// scan, since detectors ask it of every free line.
pub fn has_sentence_punct(line: &str) -> bool {
    line.bytes().any(|b| matches!(b, b'.' | b'!' | b'?')) || line.contains('؟')
}

/// Like `has_sentence_punct`, but a full stop between digits (12.5, 1.07.2016)
/// or inside a domain-like word does not count.
pub fn has_sentence_punct_strict(line: &str) -> bool {
    let b = line.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'!' | b'?' => true,
        b'.' => {
            !(i > 0
                && i + 1 < b.len()
                && b[i - 1].is_ascii_alphanumeric()
                && b[i + 1].is_ascii_alphanumeric())
        }
        _ => false,
    }) || line.contains('؟')
}
