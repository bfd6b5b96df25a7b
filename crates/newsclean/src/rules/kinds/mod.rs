//! Rule kinds: what a rule removes and how. One file per kind, named as
//! the kind is in rule files; each implements `Behaviour` (parse its
//! parameters, claim lines in its phase). `KINDS`, at the `kinds!` list
//! below, is the one registry: name, rank, phase (and so stage), whether the
//! kind takes patterns and whether they match the folded view.
//!
//! | kind          | stage  | phase    | claims                                                   |
//! |---------------|--------|----------|----------------------------------------------------------|
//! | title         | rules  | title    | the first line, when short and followed by body → `metadata.title` |
//! | extract       | rules  | match    | a matching line whose `value` group goes to `metadata.<field>` |
//! | line          | rules  | match    | a matching line                                          |
//! | block         | rules  | match    | a matching heading line and the list under it            |
//! | tail          | rules  | tail     | from a matching marker line to the end (guarded)         |
//! | span          | rules  | span     | the matched part of a line                               |
//! | repeated_line | detect | repeated | a line found in many documents of the dump (first pass)  |
//! | template      | detect | repeated | a line starting with a head many documents' lines start with (first pass) |
//! | tag_cloud     | detect | shape    | a line of many short tokens with no sentence punctuation |
//! | vocab_line    | detect | shape    | a line made only of listed words (menus, date lines)     |
//! | headline_list | detect | shape    | three or more short headline lines after the body        |
//! | glued         | detect | glued    | cuts a line where words were glued; removes glued headlines |
//! | trailing      | detect | trailing | short leftovers after the article, next to removed boilerplate |
//! | model         | detect | model    | kept segments the learned model scores as boilerplate    |
//!
//! **Order and precedence.** Glued words are cut first (so everything else
//! sees the pieces). Then the phases run in `Phase` order: rules claim the
//! lines their patterns match (`match`), repeated lines are claimed, tail
//! markers are guarded against those claims (`tail`); all these claims are
//! resolved together. Then the title, the shape detectors, glued headlines
//! trailing leftovers and the learned model claim what is still unowned, in
//! that order; spans
//! apply last, inside lines nobody owns. Within a phase, rules run in pack
//! order. When several claims of the resolved phases cover a line, the
//! narrowest claim (fewest lines) owns it; on a tie the kind ranks in the
//! table's order (title first); then the rule that comes first in the pack.

pub mod article;
pub mod block;
pub mod extract;
pub mod glued;
pub mod headline_list;
pub mod line;
pub mod model;
pub mod repeated_line;
pub mod span;
pub mod stem_index;
pub mod tag_cloud;
pub mod tail;
pub mod template;
pub mod title;
pub mod trailing;
pub mod vocab_line;

use crate::pipeline::work::{At, Work};
use serde::de::DeserializeOwned;

/// What a kind does. Each kind's file implements it for its parameters;
/// a kind overrides only the methods of the phases it takes part in.
pub trait Behaviour {
    /// Build the kind's parameters from the rest of its `[[rule]]` table.
    fn parse(params: toml::Table) -> Result<Self, String>
    where
        Self: Sized;

    /// Phase `Match`: one of the rule's patterns matched `line` (folded view).
    /// Claim lines (`work.claims`), or note the line for the kind's own
    /// later phase (`work.marks`).
    fn on_match(&self, _at: &At, _line: usize, _work: &mut Work) {}

    /// The kind's phase (its row in `KINDS`): claim lines. Before `Title`,
    /// claims go to `work.claims` (resolved together); from `Title` on, to
    /// `work.owners`, which gives them only lines nobody owns yet.
    fn claim(&self, _at: &At, _work: &mut Work) {}

    /// In the settling rounds (after `Trailing`): a pattern of the rule
    /// matched `line` and the lines other claims own are now known. A kind
    /// whose claim depends on the lines around its match judges again with
    /// owned lines absent, as a second clean of the output would, and adds
    /// to `work.owners` (free lines only).
    fn resettle(&self, _at: &At, _line: usize, _work: &mut Work) {}
}

/// When a kind claims, in pipeline order (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// On lines its patterns match (`Behaviour::on_match`).
    Match,
    /// Lines found in many documents of the dump.
    Repeated,
    /// Tail markers noted in `Match`, guarded against the claims so far.
    Tail,
    /// The first kept line, after claims are resolved.
    Title,
    /// Shape detectors, on lines nobody owns.
    Shape,
    /// Glued headline pieces, once everything else has claimed its lines.
    Glued,
    /// Short leftovers after the article.
    Trailing,
    /// The learned segment model, on what everything else left.
    Model,
    /// Spans noted in `Match`, inside lines nobody owns.
    Span,
}

impl Phase {
    /// The stage the audit reports for kinds of this phase.
    pub fn stage(self) -> Stage {
        match self {
            Phase::Match | Phase::Tail | Phase::Title | Phase::Span => Stage::Rules,
            Phase::Repeated | Phase::Shape | Phase::Glued | Phase::Trailing | Phase::Model => {
                Stage::Detect
            }
        }
    }
}

/// Which stage of the pipeline a kind belongs to (reported in the audit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Rules,
    Detect,
    Tidy,
}

/// A kind's row in `KINDS`: everything about it besides its behaviour.
#[derive(Debug)]
pub struct KindInfo {
    /// The name in rule files (`kind = "..."`), also the kind's file name.
    pub name: &'static str,
    /// When it claims.
    pub phase: Phase,
    /// Whether it is triggered by patterns (else a rule of it must have none).
    pub uses_patterns: bool,
    /// Whether its patterns run on the folded view (all but `glued`, which
    /// needs the letters folding erases).
    pub matches_folded: bool,
    /// Parse a rule's parameters (`Behaviour::parse`).
    pub parse: fn(toml::Table) -> Result<Kind, String>,
}

/// Writes `Kind` (one variant per kind, holding its parameters), `KINDS`
/// (one `KindInfo` per kind, in the order given) and the lookups between
/// them, from the one list below.
macro_rules! kinds {
    ($($variant:ident($params:ty) = $name:literal, $phase:ident, patterns: $patterns:literal, folded: $folded:literal;)*) => {
        /// A compiled kind with its parameters.
        #[derive(Debug, Clone)]
        pub enum Kind {
            $($variant($params),)*
        }

        /// The kind names accepted in rule files, in rank order.
        pub const KIND_NAMES: &[&str] = &[$($name,)*];

        /// Every kind, in rank order.
        pub const KINDS: &[KindInfo] = &[$(KindInfo {
            name: $name,
            phase: Phase::$phase,
            uses_patterns: $patterns,
            matches_folded: $folded,
            parse: |t| Ok(Kind::$variant(<$params as Behaviour>::parse(t)?)),
        },)*];

        impl Kind {
            /// The kind's index in `KINDS`.
            fn index(&self) -> usize {
                enum Row {
                    $($variant,)*
                }
                match self {
                    $(Kind::$variant(_) => Row::$variant as usize,)*
                }
            }

            /// The kind's parameters, as the behaviour they implement.
            pub fn behaviour(&self) -> &dyn Behaviour {
                match self {
                    $(Kind::$variant(k) => k,)*
                }
            }
        }
    };
}

// The registry: one row per kind. Its order is the kind rank, the tie-break
// in claim precedence (earlier wins).
kinds! {
    // variant(parameters)                   name in rule files  phase     patterns      folded view
    Title(title::Title)                   = "title",          Title,    patterns: false, folded: true;
    Extract(extract::Extract)             = "extract",        Match,    patterns: true,  folded: true;
    Line(line::LineKind)                  = "line",           Match,    patterns: true,  folded: true;
    Block(block::Block)                   = "block",          Match,    patterns: true,  folded: true;
    Tail(tail::Tail)                      = "tail",           Tail,     patterns: true,  folded: true;
    Span(span::Span)                      = "span",           Span,     patterns: true,  folded: true;
    Repeated(repeated_line::Repeated)     = "repeated_line",  Repeated, patterns: false, folded: true;
    Template(template::Template)          = "template",       Repeated, patterns: false, folded: true;
    TagCloud(tag_cloud::TagCloud)         = "tag_cloud",      Shape,    patterns: false, folded: true;
    VocabLine(vocab_line::VocabLine)      = "vocab_line",     Shape,    patterns: false, folded: true;
    HeadlineList(headline_list::HeadlineList) = "headline_list", Shape, patterns: false, folded: true;
    Glued(glued::Glued)                   = "glued",          Glued,    patterns: true,  folded: false;
    Trailing(trailing::Trailing)          = "trailing",       Trailing, patterns: false, folded: true;
    Model(crate::model::SegmentModel)     = "model",          Model,    patterns: false, folded: true;
}

impl Kind {
    /// The kind's row in `KINDS`.
    pub fn info(&self) -> &'static KindInfo {
        &KINDS[self.index()]
    }

    pub fn name(&self) -> &'static str {
        self.info().name
    }

    /// Tie-break rank in claim precedence: lower wins (the row in `KINDS`).
    pub fn rank(&self) -> u8 {
        self.index() as u8
    }

    pub fn phase(&self) -> Phase {
        self.info().phase
    }

    pub fn stage(&self) -> Stage {
        self.phase().stage()
    }

    /// Whether the kind is triggered by patterns (else it must have none).
    pub fn uses_patterns(&self) -> bool {
        self.info().uses_patterns
    }

    /// Whether the kind's patterns run on the folded view.
    pub fn matches_folded(&self) -> bool {
        self.info().matches_folded
    }

    /// Parse the kind-specific parameters of a rule.
    pub fn parse(kind: &str, params: toml::Table) -> Result<Kind, String> {
        match KINDS.iter().find(|k| k.name == kind) {
            Some(k) => (k.parse)(params),
            None => Err(format!(
                "unknown kind `{kind}`, expected one of: {}",
                KINDS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
            )),
        }
    }
}

/// Parameters from a rule table, for kinds whose parameters deserialize as they are.
pub fn deserialize<T: DeserializeOwned>(params: toml::Table) -> Result<T, String> {
    T::deserialize(toml::Value::Table(params)).map_err(|e| e.to_string().trim().to_string())
}

/// Per-line shape detectors claim each free (non-blank, unowned), uncut
/// line whose folded text `detect` accepts (`detect` judges the text alone:
/// its verdict on a line is kept for the later rounds, `Work::verdict`).
pub(crate) fn claim_free_lines(
    at: &crate::pipeline::work::At,
    work: &mut crate::pipeline::work::Work,
    detect: impl Fn(&str) -> bool,
) {
    let doc = at.doc;
    let n = doc.lines.len();
    for i in 0..n {
        let free = !doc.is_blank(i) && !work.owners.is_owned(i);
        if free && !doc.lines[i].cut && work.verdict(at.index, i, n, || detect(doc.folded_line(i)))
        {
            work.owners.add(at.claim(i..i + 1, None));
        }
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
    memchr::memchr3(b'.', b'!', b'?', line.as_bytes()).is_some() || line.contains('؟')
}

/// Like `has_sentence_punct`, but a full stop between digits (12.5, 1.07.2016)
/// or inside a domain-like word does not count.
pub fn has_sentence_punct_strict(line: &str) -> bool {
    let b = line.as_bytes();
    // memchr3 finds the candidates (most lines have few); a body line asks
    // this of every byte otherwise.
    memchr::memchr3_iter(b'.', b'!', b'?', b).any(|i| {
        b[i] != b'.'
            || !(i > 0
                && i + 1 < b.len()
                && b[i - 1].is_ascii_alphanumeric()
                && b[i + 1].is_ascii_alphanumeric())
    }) || line.contains('؟')
}
