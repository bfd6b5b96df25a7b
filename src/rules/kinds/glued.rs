//! `glued` (detector): cut a line where a scraper glued words together.
//!
//! Scrapers fuse a paragraph and the widget after it with no space:
//! "... المدنيين في غزةعاجل: رئيس وزراء ...". In Arabic some letters can only
//! end a word (ة, ى): a letter right after one marks a lost boundary. Each
//! pattern is matched on the *normalized* line (not the folded view, which
//! turns ة into ه) and the empty group `(?P<at>)` marks the cut. The line is
//! segmented there so rules and detectors see the pieces; the text is not
//! changed, and each cut is recorded in the audit as an empty removal.
//!
//! ```toml
//! [[rule]]
//! id = "detect.glued_words"
//! kind = "glued"
//! patterns = ['[ةى][\x{064B}-\x{065F}]*(?P<at>)[\x{0621}-\x{064A}]']
//! ```

use regex::{Regex, RegexSet};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glued {
    /// All the rule's patterns in one set, built at load: one pass tells
    /// whether a document has any cut at all (most have none).
    #[serde(skip)]
    pub any: Option<RegexSet>,
}

impl Glued {
    /// Byte offsets (sorted, deduplicated) in `text` where lines are cut.
    pub fn points(&self, patterns: &[Regex], text: &str, out: &mut Vec<usize>) {
        if self.any.as_ref().is_some_and(|set| !set.is_match(text)) {
            return;
        }
        for re in patterns {
            for caps in re.captures_iter(text) {
                if let Some(at) = caps.name("at") {
                    out.push(at.start());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_letters_followed_by_a_letter_are_cuts() {
        let re = Regex::new(r"[ةى][\x{064B}-\x{065F}]*(?P<at>)[\x{0621}-\x{064A}]").unwrap();
        let text = "في غزةعاجل: رئيس المملكةيُذكر أنه حتى الآن مدرسة جديدة";
        let mut pts = Vec::new();
        Glued { any: None }.points(&[re], text, &mut pts);
        let pieces: Vec<&str> = pts.iter().map(|&p| &text[p..p + 8]).collect();
        assert_eq!(pieces, ["عاجل", "يُذك"]);
    }
}
