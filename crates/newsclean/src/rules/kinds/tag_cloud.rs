//! `tag_cloud` (detector): a line of many short tokens with no sentence in it.
//!
//! Scraped pages end with tag clouds and topic menus flattened into one line
//! ("سياسة اقتصاد رياضة ... سياسة سياسة"). No marker is needed: the line has at
//! least `min_tokens` word tokens, a short mean token length, no sentence-final
//! punctuation (. ! ? ؟), and either its words come in short comma/pipe
//! separated segments (a tag list) or many of them repeat (a flattened menu).
//! Body paragraphs fail at least one test: they end sentences, and their
//! comma-separated clauses are long.
//!
//! ```toml
//! [[rule]]
//! id = "detect.tag_cloud"
//! kind = "tag_cloud"
//! description = "A tag cloud or flattened menu."
//! min_tokens = 8
//! examples.remove = ["Politics | Business | Sport | Tech | Culture | World | Health | Science"]
//! examples.keep = ["Replacements: Gotting, McKenzie, Lock, Smith, Jones, Brown, Green, White."]
//! ```

use super::Behaviour;
use crate::pipeline::work::{At, Work};
use serde::Deserialize;
use std::collections::HashSet;

/// Claims: a line of many short tokens with no sentence punctuation (tag cloud, flattened menu).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TagCloud {
    /// Fewest word tokens on the line.
    #[serde(default = "d_min_tokens")]
    pub min_tokens: usize,
    /// Largest mean token length, in characters.
    #[serde(default = "d_mean")]
    pub max_mean_token_chars: f64,
    /// Largest mean number of tokens between separators (، , | / ; ؛ •) for a tag list.
    #[serde(default = "d_segment")]
    pub max_segment_tokens: f64,
    /// Fewest separated segments for a tag list (a headline has two or three).
    #[serde(default = "d_min_segments")]
    pub min_segments: usize,
    /// Smallest share of tokens that repeat an earlier token, for an unseparated cloud.
    #[serde(default = "d_repeat")]
    pub min_repeat_share: f64,
}

fn d_min_tokens() -> usize {
    8
}
fn d_mean() -> f64 {
    9.0
}
fn d_segment() -> f64 {
    3.0
}
fn d_min_segments() -> usize {
    4
}
fn d_repeat() -> f64 {
    0.2
}

const SEPARATORS: &[char] = &['،', ',', '|', '/', ';', '؛', '•', '·', '#'];

impl TagCloud {
    /// Whether the (folded) line is a tag cloud.
    pub fn detect(&self, line: &str) -> bool {
        if super::has_sentence_punct(line) {
            return false;
        }
        let tokens: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || SEPARATORS.contains(&c))
            .filter(|t| t.chars().any(char::is_alphanumeric))
            .collect();
        if tokens.len() < self.min_tokens {
            return false;
        }
        let chars: usize = tokens.iter().map(|t| t.chars().count()).sum();
        if chars as f64 / tokens.len() as f64 > self.max_mean_token_chars {
            return false;
        }
        let segments = line
            .split(SEPARATORS)
            .filter(|s| s.chars().any(char::is_alphanumeric))
            .count();
        if segments >= self.min_segments
            && tokens.len() as f64 / segments as f64 <= self.max_segment_tokens
        {
            return true;
        }
        let distinct: HashSet<&str> = tokens.iter().copied().collect();
        let repeats = tokens.len() - distinct.len();
        repeats as f64 / tokens.len() as f64 >= self.min_repeat_share
    }
}

impl Behaviour for TagCloud {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    /// Free, uncut lines that pass `detect`.
    fn claim(&self, at: &At, work: &mut Work) {
        super::claim_free_lines(at, work, |line| self.detect(line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tc() -> TagCloud {
        TagCloud {
            min_tokens: 8,
            max_mean_token_chars: 9.0,
            max_segment_tokens: 3.0,
            min_segments: 4,
            min_repeat_share: 0.2,
        }
    }

    #[test]
    fn repeated_menu_words_are_a_cloud() {
        let line = "سياسه اقتصاد رياضه مقالات صحافه سياسه اقتصاد رياضه مقالات صحافه";
        assert!(tc().detect(line));
    }

    #[test]
    fn comma_separated_tags_are_a_cloud() {
        assert!(tc().detect("الجزائر، امريكا، فرنسا، التعاون العسكري، الساحل، مكافحه الارهاب"));
        assert!(tc().detect("Algeria, United States, France, arms deals, Sahel, Mali, Niger"));
    }

    #[test]
    fn thresholds_hold_on_both_sides() {
        // 7 repeated tokens: one below min_tokens.
        assert!(!tc().detect("سياسه سياسه سياسه سياسه اقتصاد اقتصاد اقتصاد"));
        assert!(tc().detect("سياسه سياسه سياسه سياسه اقتصاد اقتصاد اقتصاد اقتصاد"));
        // A headline with two commas: three segments, one below min_segments.
        assert!(!tc().detect("اعلنت الخطوط الجويه الاثيوبيه،الخميس، ان وفدا اثيوبيا اليوم"));
        assert!(tc().detect("اعلنت، الخطوط الجويه، الاثيوبيه،الخميس، ان وفدا اثيوبيا اليوم"));
        // No repetition and no separators: a headline-like run of words.
        assert!(!tc().detect("وزير الخارجيه يستقبل نظيره الفرنسي في العاصمه الجزائر اليوم"));
    }

    #[test]
    fn body_sentences_are_not_clouds() {
        assert!(!tc()
            .detect("وقال الوزير إن الجزائر، التي تعد شريكا، ستواصل العمل مع الجميع في المنطقة."));
        // A long clause that lost its final stop: few repeats, no separators.
        assert!(!tc().detect(
            "في يناير 2025 وقع البلدان مذكرة تفاهم تهدف إلى تعزيز التعاون العسكري في مجالات حساسة تشمل الأمن البحري"
        ));
        assert!(!tc()
            .detect("Replacements: Gotting, McKenzie, Lock, Smith, Jones, Brown, Green, White."));
    }
}
