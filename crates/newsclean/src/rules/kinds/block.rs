//! `block`: remove a heading line and the list that follows it.
//!
//! For related-article lists ("مقالات مشابهة", "ذات صلة", "Related stories")
//! followed by bulleted or plain headlines. The list's style is set by its
//! first item: bulleted (•, -, *, ▪, 1. ...) or plain headline-like lines
//! (short, no final sentence punctuation). Items may be separated by blank
//! lines; the block ends at the first line that is not an item of that style
//! (body text) or at the end of the document. A heading with no item after it
//! is removed alone.
//!
//! ```toml
//! [[rule]]
//! id = "ar.related.block"
//! kind = "block"
//! lang = "ar"
//! description = "A related-articles heading and the headlines under it."
//! patterns = ['^\s*(مقالات|اخبار)\s+(مشابهه|متعلقه|ذات صله)\s*:?\s*$']
//! max_heading_chars = 60
//! examples.remove = ["مقالات مشابهة\n\n  • بعد إسقاط الحصانة: فرنسا تطلب مذكرة توقيف جديدة\n  • وزير إسرائيلي يهاجم ماكرون"]
//! examples.keep = ["وقال إن المقالات المشابهة التي نشرت في الصحف الفرنسية لم تكن دقيقة."]
//! ```

use super::{ends_sentence, Behaviour};
use crate::pipeline::document::Document;
use crate::pipeline::work::{At, Work};
use crate::text::word_char::is_alphanumeric;
use regex::Regex;
use serde::Deserialize;
use std::ops::Range;
use std::sync::LazyLock;

/// Claims: a matching heading line and the list of items under it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Longest heading line (characters) that can open a block.
    #[serde(default = "default_heading")]
    pub max_heading_chars: usize,
    /// Longest line (characters) that counts as a list item.
    #[serde(default = "default_item")]
    pub max_item_chars: usize,
    /// Whether plain (unbulleted) headline-like lines count as items.
    #[serde(default = "yes")]
    pub plain_items: bool,
    /// Fewest words in a plain item (a two-word line under a heading is more
    /// often a subheading of the article than a headline).
    #[serde(default = "one")]
    pub min_item_words: usize,
    /// Fewest items for the block to count; with 0 a heading alone is removed.
    #[serde(default)]
    pub min_items: usize,
    /// Also take a paragraph right after the last plain item when it opens
    /// with that item's words: a teaser (headline, then its lead) of another
    /// story.
    #[serde(default)]
    pub teasers: bool,
}

fn default_heading() -> usize {
    60
}
fn default_item() -> usize {
    200
}
fn yes() -> bool {
    true
}
fn one() -> usize {
    1
}

/// A list bullet: a symbol, or a number followed by `.`, `)` or a dash.
static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[•·▪▫◦●○■□►▶➤✓✔*\-–—]|[0-9٠-٩]{1,3}\s*[.)\-–])\s*\S").expect("static regex")
});

/// Whether a line starts with a list bullet.
pub fn is_bulleted(line: &str) -> bool {
    BULLET.is_match(line)
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Bullets,
    Plain,
}

impl Block {
    fn item_style(&self, doc: &Document, i: usize) -> Option<Style> {
        let line = doc.line(i);
        if doc.lines[i].chars > self.max_item_chars {
            return None;
        }
        if is_bulleted(line) {
            Some(Style::Bullets)
        } else if self.plain_items
            && !ends_sentence(line)
            && !line.trim_end().ends_with(':')
            && line.split_whitespace().count() >= self.min_item_words
        {
            Some(Style::Plain)
        } else {
            None
        }
    }

    /// The lines claimed by a block whose heading is line `h`, or `None` when
    /// the heading is too long to be one.
    pub fn extent(&self, doc: &Document, h: usize) -> Option<Range<usize>> {
        self.extent_without(doc, h, |_| false)
    }

    /// `extent` with the lines `gone` judged as absent (lines other claims
    /// own: what a second clean of the output would not see).
    fn extent_without(
        &self,
        doc: &Document,
        h: usize,
        gone: impl Fn(usize) -> bool,
    ) -> Option<Range<usize>> {
        if doc.lines[h].chars > self.max_heading_chars {
            return None;
        }
        let n = doc.lines.len();
        let mut style = None;
        let (mut end, mut items) = (h + 1, 0);
        let mut i = h + 1;
        loop {
            while i < n && (doc.is_blank(i) || gone(i)) {
                i += 1;
            }
            if i == n {
                // The list runs to the end: trailing blank lines go with it.
                end = n;
                break;
            }
            // A piece of the line before (cut at glued words) goes with it.
            if doc.lines[i].cut && doc.lines[i].phys == doc.lines[i - 1].phys && i - 1 != h {
                i += 1;
                end = i;
                continue;
            }
            match (self.item_style(doc, i), style) {
                (Some(s), None) => style = Some(s),
                (Some(s), Some(t)) if s == t => {}
                _ if self.teasers && end > h + 1 && is_teaser(doc, end - 1, i) => {}
                _ => break,
            }
            items += 1;
            i += 1;
            end = i;
        }
        (items >= self.min_items).then_some(h..end)
    }
}

/// Whether line `next` opens with the words of headline line `item` (at
/// least three of them, compared word by word on the folded view, ignoring
/// punctuation and quotes: headlines drop the quotes their lead keeps).
fn is_teaser(doc: &Document, item: usize, next: usize) -> bool {
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !is_alphanumeric(c))
            .filter(|w| !w.is_empty())
    }
    let head: Vec<&str> = words(doc.folded_line(item)).collect();
    head.len() >= 3
        && words(doc.folded_line(next))
            .take(head.len())
            .eq(head.iter().copied())
}

impl Behaviour for Block {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    fn on_match(&self, at: &At, line: usize, work: &mut Work) {
        work.claims
            .extend(self.extent(at.doc, line).map(|r| at.claim(r, None)));
    }

    fn resettle(&self, at: &At, line: usize, work: &mut Work) {
        if work.owners.is_owned(line) {
            return;
        }
        let owners = &work.owners;
        if let Some(r) = self.extent_without(at.doc, line, |i| owners.is_owned(i)) {
            work.owners.add(at.claim(r, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block() -> Block {
        Block {
            max_heading_chars: 60,
            max_item_chars: 200,
            plain_items: true,
            min_item_words: 1,
            min_items: 0,
            teasers: false,
        }
    }

    /// Settling: a line another claim owns is judged absent, as a second
    /// clean of the output sees it ("More" / a removed line / a headline).
    #[test]
    fn owned_lines_are_absent_when_settling() {
        let d = Document::new("Body one.\nMore\nPolitics\nA headline of three words\n".into());
        let strict = Block {
            min_item_words: 3,
            plain_items: true,
            ..block()
        };
        assert_eq!(strict.extent(&d, 1), Some(1..2));
        assert_eq!(strict.extent_without(&d, 1, |i| i == 2), Some(1..5));
    }

    #[test]
    fn bulleted_list_ends_at_body_text() {
        let d = Document::new(
            "Body one.\nRelated\n\n• First headline\n• Second headline\n\nThe body goes on here."
                .into(),
        );
        assert_eq!(block().extent(&d, 1), Some(1..5));
    }

    #[test]
    fn plain_headlines_then_end_of_document() {
        let d = Document::new("Related\nA headline\nAnother headline\n\n".into());
        assert_eq!(block().extent(&d, 0), Some(0..5));
    }

    #[test]
    fn style_switch_ends_the_list() {
        // A short plain line after a bulleted list is body (e.g. a subheading).
        let d = Document::new("Related\n- one\n- two\n\nA subheading\n\nBody.".into());
        assert_eq!(block().extent(&d, 0), Some(0..3));
    }

    #[test]
    fn a_teaser_lead_goes_with_its_headline() {
        let text = "Read also\nThe minister said the plan\nThe \"minister\" said the plan would be ready.\nBody goes on here.";
        let d = Document::new(text.into());
        let b = Block {
            teasers: true,
            ..block()
        };
        assert_eq!(b.extent(&d, 0), Some(0..3));
        assert_eq!(block().extent(&d, 0), Some(0..2));
    }

    #[test]
    fn sentences_are_not_items() {
        let d = Document::new("Related\nThis is a sentence of the body.".into());
        assert_eq!(block().extent(&d, 0), Some(0..1));
        let two = Block {
            min_items: 2,
            ..block()
        };
        assert_eq!(two.extent(&d, 0), None);
        assert!(is_bulleted("  • بعد إسقاط الحصانة"));
        assert!(is_bulleted("3) item"));
        assert!(!is_bulleted("2025 was a year"));
    }
}
