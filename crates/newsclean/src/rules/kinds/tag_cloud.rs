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
//! Shape alone cannot tell a team line-up or an enumeration from a tag list,
//! so a line is kept when it reads as article text (`super::article`): a
//! short label and a colon open it ("Path B: Bosnia, Slovakia, ...",
//! "تشكيلة الوداد: ..."), function words or "و"-joined parts make it a
//! sentence, or a body paragraph follows it and at least `min_coherence` of
//! its content words occur in the body paragraphs around it.
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

use super::article::{body_line, coherence, content_repeat_share, label_value, sentence_like};
use super::Behaviour;
use crate::pipeline::document::Document;
use crate::pipeline::work::{At, Work};
use crate::text::word_char::is_alphanumeric;
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
    /// Inside the body, keep a line when this share of its content words occurs in the rest of the kept text.
    #[serde(default = "d_coherence")]
    pub min_coherence: f64,
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
fn d_coherence() -> f64 {
    0.6
}

const SEPARATORS: &[char] = &['،', ',', '|', '/', ';', '؛', '•', '·', '#'];

impl TagCloud {
    /// Whether the (folded) line is a tag cloud.
    pub fn detect(&self, line: &str) -> bool {
        self.shape(line).is_some()
    }

    /// How the (folded) line is a cloud: a list of short separated segments,
    /// or many repeated words; `None` when it is not one.
    fn shape(&self, line: &str) -> Option<Shape> {
        if super::has_sentence_punct(line) {
            return None;
        }
        let tokens: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || SEPARATORS.contains(&c))
            .filter(|t| t.chars().any(is_alphanumeric))
            .collect();
        if tokens.len() < self.min_tokens {
            return None;
        }
        let chars: usize = tokens.iter().map(|t| t.chars().count()).sum();
        if chars as f64 / tokens.len() as f64 > self.max_mean_token_chars {
            return None;
        }
        let segments = line
            .split(SEPARATORS)
            .filter(|s| s.chars().any(is_alphanumeric))
            .count();
        if segments >= self.min_segments
            && tokens.len() as f64 / segments as f64 <= self.max_segment_tokens
        {
            return Some(Shape::List);
        }
        let distinct: HashSet<&str> = tokens.iter().copied().collect();
        let repeats = tokens.len() - distinct.len();
        (repeats as f64 / tokens.len() as f64 >= self.min_repeat_share).then_some(Shape::Repeats)
    }

    /// Whether a list line reads as article text by itself: a short label
    /// and a colon before it, or a sentence (see the module doc).
    pub fn reads_as_text(&self, line: &str) -> bool {
        label_value(line, 3, usize::MAX) || sentence_like(line)
    }

    /// Whether line `i` of `doc` is a tag cloud, given which lines are free.
    /// A flattened menu (repeats) is, unless it is a sentence that repeats
    /// little but function words and numbers; a list is not when it reads as text or, inside
    /// the body, names what the body paragraphs name.
    fn claims(&self, doc: &Document, i: usize, free: &impl Fn(usize) -> bool) -> bool {
        let line = doc.folded_line(i);
        match self.shape(line) {
            None => false,
            // Repeated function words and numbers, or a noun said twice, make
            // no menu: "out with the old, in with the new", "1 lemon, or about
            // 1/4 cup lemon juice"; a menu repeats its names wholesale.
            Some(Shape::Repeats) => {
                !(sentence_like(line) && content_repeat_share(line) < 2.0 * self.min_repeat_share)
            }
            Some(Shape::List) => {
                if self.reads_as_text(line) {
                    return false;
                }
                let body = |k: usize| free(k) && body_line(doc, k);
                let body_after = (i + 1..doc.lines.len()).any(body);
                !(body_after && coherence(doc, i..i + 1, body) >= self.min_coherence)
            }
        }
    }
}

/// How a line is a cloud (`TagCloud::shape`).
enum Shape {
    /// Short segments between separators: a tag list.
    List,
    /// Many repeated words: a flattened menu.
    Repeats,
}

impl Behaviour for TagCloud {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    /// Free, uncut lines that pass `detect` and do not read as article text.
    fn claim(&self, at: &At, work: &mut Work) {
        let doc = at.doc;
        for i in 0..doc.lines.len() {
            let free = |k: usize| !doc.is_blank(k) && !work.owners.is_owned(k);
            if free(i) && !doc.lines[i].cut && self.claims(doc, i, &free) {
                work.owners.add(at.claim(i..i + 1, None));
            }
        }
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
            min_coherence: 0.6,
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

    #[test]
    fn line_ups_and_enumerations_read_as_text() {
        let line =
            "تشكيله الوداد: التكناوتي، عطيه الله، بامعمر، الكرتي، جبران، الحيحي، مبنزا، الركراكي";
        assert!(tc().detect(line) && tc().reads_as_text(line));
        let line =
            "وشارك فيه وزراء الداخليه، والخارجيه، والعدل، والماليه، والصحه، والتعليم، والفلاحه";
        assert!(tc().reads_as_text(line));
        assert!(
            !tc().reads_as_text("الجزائر، امريكا، فرنسا، التعاون العسكري، الساحل، مكافحه الارهاب")
        );
    }

    #[test]
    fn a_list_inside_the_body_naming_its_words_stays() {
        let body = "ووجه المدرب الدعوة إلى التكناوتي وعطية الله والكرتي وجبران ومبنزا والكعبي لخوض المباراة.";
        let names = "التكناوتي، عطية الله، بامعمر، الكرتي، جبران، الحيحي، مبنزا، الكعبي";
        let d = Document::new(format!("{body}\n{names}\n{body}"));
        assert!(!tc().claims(&d, 1, &|_| true));
        // The same line after the body (no paragraph follows) is a tag list.
        let d = Document::new(format!("{body}\n{names}"));
        assert!(tc().claims(&d, 1, &|_| true));
    }
}
