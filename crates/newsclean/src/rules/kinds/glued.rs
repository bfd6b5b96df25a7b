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
//! After the rules and other detectors have run, pieces of a cut line that
//! are still kept and look like headlines (no sentence end, at most
//! `max_headline_chars`, two words or more) are removed under this rule's id
//! when two or more of them open the line ("...fundDowning injury mars Uefa
//! victoryManchester United's response..."), or when they end the line after
//! a finished sentence, a long stretch of text, or a piece a rule removed
//! ("...By You.Blair looks to election campaignIndia's Reliance...",
//! "BREAKING: ... jibeSayeed to stand down").
//!
//! ```toml
//! [[rule]]
//! id = "detect.glued_words"
//! kind = "glued"
//! description = "Cuts a line where a letter follows ة or ى."
//! patterns = ['[ةى][\x{064B}-\x{065F}]*(?P<at>)[\x{0621}-\x{064A}]']
//! # ⟦⟧ marks where the line must be cut (nothing is removed there)
//! examples.remove = ["وقالت الوزارة إن الخطة جاهزة في المملكة⟦⟧يذكر أنه قد صدرت مذكرة توقيف بحق المتهم."]
//! examples.keep = ["قالت الحكومة الجزائرية إن المدرسة الجديدة ستفتح أبوابها."]
//! ```

use super::{ends_sentence, Behaviour, Kind};
use crate::pipeline::document::Document;
use crate::pipeline::resolve::Removal;
use crate::pipeline::work::{At, Work};
use crate::rules::{Rule, RuleRef};
use regex::{Regex, RegexSet};
use serde::Deserialize;

/// Claims: cuts where words were glued (empty removals) and the glued headline pieces.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Glued {
    /// All the rule's patterns in one set, built at load: one pass tells
    /// whether a document has any cut at all (most have none).
    #[serde(skip)]
    pub any: Option<RegexSet>,
    /// Longest piece (characters) that counts as a glued headline.
    #[serde(default = "d_headline")]
    pub max_headline_chars: usize,
}

fn d_headline() -> usize {
    120
}

impl Glued {
    /// Whether a piece of a cut line reads as a headline.
    fn headline(&self, doc: &Document, i: usize) -> bool {
        let l = &doc.lines[i];
        l.chars > 0 && l.chars <= self.max_headline_chars && !ends_sentence(doc.line(i))
    }

    /// Pieces of cut lines to remove as glued headlines (see module doc).
    pub fn headline_pieces(&self, doc: &Document, owned: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        let n = doc.lines.len();
        let words = |k: usize| doc.line(k).split_whitespace().count();
        let mut i = 0;
        while i < n {
            if !doc.lines[i].cut {
                i += 1;
                continue;
            }
            let phys = doc.lines[i].phys;
            let start = i;
            while i < n && doc.lines[i].phys == phys {
                i += 1;
            }
            let head = |k: usize| !owned(k) && doc.lines[k].chars > 0 && self.headline(doc, k);
            // Glued headlines at the start of the line: two or more, each of
            // three words or more (a brand cut in two, "Time|Warner today",
            // does not make a pair of headlines); possibly the whole line.
            let lead = (start..i).take_while(|&k| head(k) && words(k) >= 3).count();
            if lead >= 2 {
                out.extend(start..start + lead);
            }
            // Glued headlines ending the line, after a finished sentence, a
            // long stretch of text, or a piece a rule removed. Pieces rules
            // removed at the line's end do not count: a second clean does
            // not see them, and would find the headlines ending the line.
            let mut end = i;
            while end > start + lead && owned(end - 1) {
                end -= 1;
            }
            let tail = (start + lead..end).rev().take_while(|&k| head(k)).count();
            let first = end - tail;
            if tail > 0 && first > start {
                let prev = first - 1;
                let after_owned = owned(prev);
                let after_text = ends_sentence(doc.line(prev))
                    || doc.lines[prev].chars > self.max_headline_chars;
                let long_enough = (first..end).all(|k| words(k) >= 2);
                if after_owned || (after_text && long_enough) {
                    out.extend(first..end);
                }
            }
        }
        out
    }

    /// Byte offsets (sorted, deduplicated) in `text` where lines are cut.
    pub fn points(&self, patterns: &[Regex], text: &str, out: &mut Vec<usize>) {
        if self.any.as_ref().is_some_and(|set| !set.is_match(text)) {
            return;
        }
        for re in patterns {
            for caps in re.captures_iter(text) {
                if let Some(at) = caps.name("at") {
                    if is_word_joint(text, at.start()) {
                        out.push(at.start());
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Whether byte offset `p` of `text` lies between two non-whitespace
/// characters: the only place a glued-word cut means anything. A cut at a
/// line's start or end, or next to whitespace (which tidy may delete), is
/// dropped: there is a boundary there already.
fn is_word_joint(text: &str, p: usize) -> bool {
    let before = text[..p].chars().next_back();
    let after = text[p..].chars().next();
    matches!((before, after), (Some(b), Some(a)) if !b.is_whitespace() && !a.is_whitespace())
}

impl Behaviour for Glued {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    /// Glued headline pieces (see the module doc).
    fn claim(&self, at: &At, work: &mut Work) {
        for i in self.headline_pieces(at.doc, |i| work.owners.is_owned(i)) {
            work.owners.add(at.claim(i..i + 1, None));
        }
    }
}

/// Where the active glued rules cut a document, before it is segmented.
pub struct Cuts {
    /// Byte offsets in the normalized text.
    pub points: Vec<usize>,
    /// The first active glued rule: the cuts are audited under it.
    pub rule: Option<u32>,
}

/// The cuts of every active glued rule in `text` (the normalized document).
pub fn cut_points(active: &[(u32, &Rule)], text: &str) -> Cuts {
    let mut points = Vec::new();
    let mut rule = None;
    for &(ri, r) in active {
        if let Kind::Glued(g) = &r.kind {
            g.points(&r.patterns, text, &mut points);
            rule.get_or_insert(ri);
        }
    }
    Cuts { points, rule }
}

impl Cuts {
    /// Each cut is audited as an empty removal at the cut point, unless one
    /// removal (a rule's or tidy's) swallowed both sides of it: an empty
    /// removal inside another would put the audit out of byte order.
    /// `removals` is sorted, and stays so; `line_of` gives a byte's line.
    pub fn audit(&self, removals: &mut Vec<Removal>, line_of: impl Fn(usize) -> usize) {
        let Some(ri) = self.rule else {
            return;
        };
        let inside = |p: usize| {
            let k = removals.partition_point(|r| r.bytes.start < p);
            k > 0 && removals[k - 1].bytes.end > p
        };
        let marks: Vec<Removal> = self
            .points
            .iter()
            .filter(|&&p| !inside(p))
            .map(|&p| Removal {
                rule: RuleRef::Rule(ri),
                lines: line_of(p)..line_of(p) + 1,
                bytes: p..p,
                whole_lines: false,
                count: None,
            })
            .collect();
        removals.extend(marks);
        removals.sort_by_key(|r| (r.bytes.start, r.bytes.end));
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
        Glued {
            any: None,
            max_headline_chars: 120,
        }
        .points(&[re], text, &mut pts);
        let pieces: Vec<&str> = pts.iter().map(|&p| &text[p..p + 8]).collect();
        assert_eq!(pieces, ["عاجل", "يُذك"]);
    }

    #[test]
    fn cuts_next_to_whitespace_or_line_ends_are_dropped() {
        let re = Regex::new(r"(?P<at>)").unwrap();
        let text = "  ab c\n";
        let mut pts = Vec::new();
        Glued {
            any: None,
            max_headline_chars: 120,
        }
        .points(&[re], text, &mut pts);
        assert_eq!(pts, [3]);
    }
}
