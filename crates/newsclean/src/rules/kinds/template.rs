//! `template` (detector): a line that starts with a *template* of the dump —
//! a short head before a separator ("read more:", "photo |", a site name and
//! a dash) or its first three words ("follow us on") — that starts lines in
//! many distinct documents while what follows varies.
//!
//! Needs the corpus-wide first pass (`corpus_pass::templates` counts heads
//! once per distinct document, with the share of their lines that look like
//! headlines and a few distinct tails). A head is a template when it starts
//! lines in at least `min_docs` documents and `min_share` of the dump, with
//! at least `min_tails` distinct tails, and at least `min_headline_share` of
//! its lines are short and end no sentence (so "he said: …" quotes and body
//! paragraphs that share their first words never make a template). A line
//! is removed when it starts with a template, is at most `max_chars` long
//! and ends no sentence. The audit names the template and in how many
//! documents it starts a line (`template`, `count`). The pass runs only when
//! the `repeated_line` rule's `min_corpus_docs` are there.
//!
//! Examples run as if every head of the example texts were a template of
//! the dump: they show which lines a template takes; the thresholds are
//! tested on corpora (tests `corpus_pass`, `corpus_bodies`).
//!
//! ```toml
//! [[rule]]
//! id = "auto.template"
//! kind = "template"
//! description = "A line that starts with a template of the dump."
//! min_docs = 5
//! min_share = 0.005
//! examples.remove = ["Read more: Talks resume in Geneva"]
//! examples.keep = ["He said: the talks will resume next week."]
//! ```

use super::Behaviour;
use crate::corpus_pass::templates::Evidence;
use crate::pipeline::resolve::LineClaim;
use crate::pipeline::work::{At, Work};
use serde::Deserialize;

/// Claims: a line that starts with a template of the dump (corpus-wide first pass).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Fewest distinct documents a template must start lines in.
    #[serde(default = "d_docs")]
    pub min_docs: u32,
    /// Smallest share of the distinct documents it must start lines in.
    #[serde(default = "d_share")]
    pub min_share: f64,
    /// Fewest distinct texts after the head (up to 8 are told apart).
    #[serde(default = "d_tails")]
    pub min_tails: usize,
    /// Smallest share of its lines that are headline-like (at most 200
    /// characters, no final stop).
    #[serde(default = "d_headline")]
    pub min_headline_share: f64,
    /// Longest line (characters, trimmed) removed.
    #[serde(default = "d_chars")]
    pub max_chars: usize,
}

fn d_docs() -> u32 {
    5
}
fn d_share() -> f64 {
    0.005
}
fn d_tails() -> usize {
    3
}
fn d_headline() -> f64 {
    0.8
}
fn d_chars() -> usize {
    200
}

impl Template {
    /// Whether `e` is strong enough evidence in a dump of `docs` distinct documents.
    pub fn accepts(&self, e: &Evidence, docs: usize) -> bool {
        let threshold = self
            .min_docs
            .max((self.min_share * docs as f64).ceil() as u32);
        e.docs >= threshold
            && e.tails.len() >= self.min_tails
            && f64::from(e.headline) >= self.min_headline_share * f64::from(e.lines)
    }

    /// Whether a line (folded) may be removed when it starts with a template.
    pub fn takes(&self, folded_line: &str) -> bool {
        let l = folded_line.trim();
        l.chars().count() <= self.max_chars && !super::ends_sentence(l)
    }
}

impl Behaviour for Template {
    fn parse(params: toml::Table) -> Result<Self, String> {
        let t: Template = super::deserialize(params)?;
        for (name, v) in [
            ("min_share", t.min_share),
            ("min_headline_share", t.min_headline_share),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("`{name}` must be between 0 and 1, got {v}"));
            }
        }
        Ok(t)
    }

    /// Claimed with the rules and repeated lines (before the title, so a
    /// site-name template on the first line is never taken for a headline).
    fn claim(&self, at: &At, work: &mut Work) {
        let Some(corpus) = at.ctx.corpus.filter(|c| c.enabled) else {
            return;
        };
        let doc = at.doc;
        for i in 0..doc.lines.len() {
            if doc.is_blank(i) || doc.lines[i].cut || !self.takes(doc.folded_line(i)) {
                continue;
            }
            let Some((_, e)) = corpus.template(doc.folded_line(i)) else {
                continue;
            };
            let assumed = corpus.assume_templates;
            if assumed || self.accepts(e, corpus.distinct_docs) {
                work.claims.push(LineClaim {
                    count: (!assumed).then_some(e.docs),
                    ..at.claim(i..i + 1, None)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(docs: u32, lines: u32, headline: u32, tails: u32) -> Evidence {
        Evidence {
            head: "read more :".into(),
            docs,
            lines,
            headline,
            tails: (0..tails).collect(),
            samples: Vec::new(),
        }
    }

    #[test]
    fn thresholds_hold_on_both_sides() {
        let t = Template::parse(toml::Table::new()).unwrap();
        assert!(t.accepts(&evidence(5, 5, 4, 3), 100));
        // Too few documents, absolutely or as a share of the dump.
        assert!(!t.accepts(&evidence(4, 5, 5, 3), 100));
        assert!(t.accepts(&evidence(10, 10, 10, 3), 2000));
        assert!(!t.accepts(&evidence(10, 10, 10, 3), 2001));
        // One text after the head, or lines that read as body text.
        assert!(!t.accepts(&evidence(50, 50, 50, 2), 100));
        assert!(!t.accepts(&evidence(50, 100, 79, 8), 100));
        assert!(t.accepts(&evidence(50, 100, 80, 8), 100));
    }

    #[test]
    fn only_short_lines_that_end_no_sentence_are_taken() {
        let t = Template::parse(toml::Table::new()).unwrap();
        assert!(t.takes("read more: talks resume in geneva"));
        assert!(!t.takes("he said: the talks resume next week."));
        assert!(!t.takes(&format!("read more: {}", "word ".repeat(50))));
        let bad = toml::toml! { min_share = 2.0 };
        assert!(Template::parse(bad).unwrap_err().contains("min_share"));
    }
}
