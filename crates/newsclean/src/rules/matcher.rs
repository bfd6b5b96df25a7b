//! One `RegexSet` per language over every pattern of the rules that apply to
//! it: a single pass per line tells which rules match, and only those rules
//! then run their own regex (for spans and captures). Built once per pack.

use super::Rule;
use crate::pipeline::document::Document;
use crate::text::lang::Lang;
use regex::{RegexSet, RegexSetBuilder};

/// One `RegexSet` and, for each of its patterns, the rule it belongs to.
#[derive(Debug, Clone)]
struct Group {
    set: RegexSet,
    owner: Vec<u32>,
}

impl Group {
    fn build(pats: Vec<(String, u32)>) -> Result<Option<Group>, regex::Error> {
        if pats.is_empty() {
            return Ok(None);
        }
        let set = RegexSetBuilder::new(pats.iter().map(|(p, _)| p))
            .size_limit(256 << 20)
            .dfa_size_limit(64 << 20)
            .build()?;
        let owner = pats.into_iter().map(|(_, o)| o).collect();
        Ok(Some(Group { set, owner }))
    }
}

/// Per language, patterns anchored at the line start (`^`) and the others are
/// kept in separate sets: the anchored set gives up after a few bytes of a
/// body line, so only the (few) unanchored patterns scan whole lines.
#[derive(Debug, Clone)]
pub struct Matcher {
    sets: Vec<(Lang, Vec<Group>)>,
}

impl Matcher {
    pub fn build(rules: &[Rule]) -> Result<Matcher, regex::Error> {
        let mut sets = Vec::new();
        for lang in Lang::ALL {
            let (mut anchored, mut floating) = (Vec::new(), Vec::new());
            let on_folded = |r: &&Rule| r.applies_to(lang) && r.kind.matches_folded();
            for (i, r) in rules.iter().enumerate().filter(|(_, r)| on_folded(r)) {
                for p in &r.patterns {
                    let p = p.as_str().to_string();
                    let to = if p.starts_with('^') {
                        &mut anchored
                    } else {
                        &mut floating
                    };
                    to.push((p, i as u32));
                }
            }
            let groups = [Group::build(anchored)?, Group::build(floating)?];
            sets.push((lang, groups.into_iter().flatten().collect()));
        }
        Ok(Matcher { sets })
    }

    /// Every (line, rule) pair where one of the rule's patterns matches the
    /// folded line, in line order then rule order; each pair once.
    pub fn hits(&self, doc: &Document) -> Vec<(usize, u32)> {
        let Some((_, groups)) = self.sets.iter().find(|(l, _)| *l == doc.lang) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for i in 0..doc.lines.len() {
            if doc.is_blank(i) {
                continue;
            }
            let line = doc.folded_line(i);
            let from = out.len();
            for g in groups {
                if g.set.is_match(line) {
                    out.extend(g.set.matches(line).iter().map(|p| (i, g.owner[p])));
                }
            }
            out[from..].sort_unstable();
            let mut line_hits = out.split_off(from);
            line_hits.dedup();
            out.extend(line_hits);
        }
        out
    }
}
