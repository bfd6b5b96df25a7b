//! `nav_menu` (detector): a line made only of section names.
//!
//! Scraped pages keep their navigation bar as a line ("الرئيسية | أخبار |
//! سياسة | اقتصاد | رياضة", "Home News Sport Business"). The line is cut into
//! items at menu separators (| • · / > » › : ، , - –), or at spaces when it has
//! none; it is a menu when it has at least `min_items` items, each of at most
//! `max_item_words` words, and at least `min_share` of them are section names
//! from the rule's `words` list (written folded: ة → ه, no hamza on alef).
//!
//! ```toml
//! [[rule]]
//! id = "detect.nav_menu"
//! kind = "nav_menu"
//! words = ["الرئيسيه", "اخبار", "سياسه", "home", "news"]
//! ```

use serde::Deserialize;
use std::collections::HashSet;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavMenuRaw {
    pub words: Vec<String>,
    #[serde(default = "d_items")]
    pub min_items: usize,
    #[serde(default = "d_words")]
    pub max_item_words: usize,
    #[serde(default = "d_share")]
    pub min_share: f64,
}

fn d_items() -> usize {
    4
}
fn d_words() -> usize {
    3
}
fn d_share() -> f64 {
    0.75
}

#[derive(Debug, Clone)]
pub struct NavMenu {
    pub words: HashSet<String>,
    pub min_items: usize,
    pub max_item_words: usize,
    pub min_share: f64,
}

impl From<NavMenuRaw> for NavMenu {
    fn from(r: NavMenuRaw) -> NavMenu {
        NavMenu {
            words: r.words.iter().map(|w| w.trim().to_string()).collect(),
            min_items: r.min_items,
            max_item_words: r.max_item_words,
            min_share: r.min_share,
        }
    }
}

const SEPARATORS: &[char] = &[
    '|', '•', '·', '/', '>', '»', '›', ':', '،', ',', '-', '–', '—',
];

impl NavMenu {
    /// Whether the (folded) line is a navigation menu.
    pub fn detect(&self, line: &str) -> bool {
        if super::has_sentence_punct(line) {
            return false;
        }
        let has_sep = line.matches(SEPARATORS).count() >= 2;
        let items: Vec<&str> = if has_sep {
            line.split(SEPARATORS)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        } else {
            line.split_whitespace().collect()
        };
        if items.len() < self.min_items
            || items
                .iter()
                .any(|i| i.split_whitespace().count() > self.max_item_words)
        {
            return false;
        }
        let known = items.iter().filter(|i| self.words.contains(**i)).count();
        known as f64 / items.len() as f64 >= self.min_share
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn menu() -> NavMenu {
        NavMenuRaw {
            words: [
                "الرئيسيه",
                "اخبار",
                "سياسه",
                "اقتصاد",
                "رياضه",
                "ثقافه",
                "home",
                "news",
                "sport",
            ]
            .map(String::from)
            .to_vec(),
            min_items: 4,
            max_item_words: 3,
            min_share: 0.75,
        }
        .into()
    }

    #[test]
    fn section_names_make_a_menu() {
        assert!(menu().detect("الرئيسيه | اخبار | سياسه | اقتصاد | رياضه"));
        assert!(menu().detect("الرئيسيه اخبار سياسه رياضه"));
        assert!(menu().detect("home news sport اخبار"));
    }

    #[test]
    fn thresholds_hold_on_both_sides() {
        // Three items: one below min_items.
        assert!(!menu().detect("الرئيسيه | اخبار | سياسه"));
        // Half the items unknown: below min_share.
        assert!(!menu().detect("اخبار سياسه الوزير يصل"));
        // A sentence mentioning sections.
        assert!(!menu().detect("اخبار سياسه واقتصاد ورياضه في نشره اليوم."));
    }
}
