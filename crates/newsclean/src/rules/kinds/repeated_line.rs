//! `repeated_line` (detector): a line that recurs across many documents of the
//! dump (site slogans, disclaimers, bylines of a template).
//!
//! Needs the corpus-wide first pass (`corpus`): a line (folded, trimmed, at
//! least `min_chars` characters) found in at least `min_docs` distinct
//! documents *and* at least `min_share` of them is removed, and the audit
//! records in how many documents it occurs. The pass only runs when the input
//! has at least `min_corpus_docs` distinct documents, so counts mean something.
//!
//! ```toml
//! [[rule]]
//! id = "corpus.repeated_line"
//! kind = "repeated_line"
//! description = "A line found in many distinct documents of the dump."
//! min_docs = 10
//! min_share = 0.001
//! # No examples: a repeated line only exists in a corpus (tests: corpus_pass).
//! ```

use super::Behaviour;
use crate::pipeline::resolve::LineClaim;
use crate::pipeline::work::{At, Work};
use serde::Deserialize;

/// Claims: a line found in many distinct documents of the dump (corpus-wide first pass).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Repeated {
    /// Fewest distinct documents a line must occur in.
    #[serde(default = "d_docs")]
    pub min_docs: u32,
    /// Smallest share of the distinct documents a line must occur in.
    #[serde(default = "d_share")]
    pub min_share: f64,
    /// Shortest line (characters, folded and trimmed) that is counted.
    #[serde(default = "d_chars")]
    pub min_chars: usize,
    /// Fewest distinct documents in the input for the pass to run at all.
    #[serde(default = "d_corpus")]
    pub min_corpus_docs: usize,
}

fn d_docs() -> u32 {
    10
}
fn d_share() -> f64 {
    0.001
}
fn d_chars() -> usize {
    20
}
fn d_corpus() -> usize {
    50
}

impl Repeated {
    /// The smallest document count that makes a line repeated in a corpus
    /// of `docs` distinct documents.
    pub fn threshold(&self, docs: usize) -> u32 {
        self.min_docs
            .max((self.min_share * docs as f64).ceil() as u32)
    }
}

impl Behaviour for Repeated {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    /// Claimed with the rules (before tails and the title, so a repeated
    /// site line at the top is never taken for a headline).
    fn claim(&self, at: &At, work: &mut Work) {
        let Some(corpus) = at.ctx.corpus.filter(|c| c.enabled) else {
            return;
        };
        let doc = at.doc;
        for i in 0..doc.lines.len() {
            if doc.is_blank(i) || doc.lines[i].cut {
                continue;
            }
            if let Some(count) = corpus.count(doc.folded_line(i)) {
                work.claims.push(LineClaim {
                    count: Some(count),
                    ..at.claim(i..i + 1, None)
                });
            }
        }
    }
}
