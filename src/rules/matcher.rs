//! One `RegexSet` per language over every pattern of the rules that apply to
//! it: a single pass per line tells which rules match, and only those rules
//! then run their own regex (for spans and captures). Built once per pack.

use super::Rule;
use crate::document::Document;
use crate::lang::Lang;
use regex::{RegexSet, RegexSetBuilder};

#[derive(Debug, Clone)]
struct LangSet {
    set: RegexSet,
    /// Pattern index in `set` → rule index in the pack.
    owner: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct Matcher {
    sets: Vec<(Lang, LangSet)>,
}

impl Matcher {
    pub fn build(rules: &[Rule]) -> Result<Matcher, regex::Error> {
        let mut sets = Vec::new();
        for lang in Lang::ALL {
            let mut pats = Vec::new();
            let mut owner = Vec::new();
            let on_folded = |r: &&Rule| r.applies_to(lang) && r.kind.matches_folded();
            for (i, r) in rules.iter().enumerate().filter(|(_, r)| on_folded(r)) {
                for p in &r.patterns {
                    pats.push(p.as_str().to_string());
                    owner.push(i as u32);
                }
            }
            let set = RegexSetBuilder::new(&pats)
                .size_limit(256 << 20)
                .dfa_size_limit(64 << 20)
                .build()?;
            sets.push((lang, LangSet { set, owner }));
        }
        Ok(Matcher { sets })
    }

    /// Every (line, rule) pair where one of the rule's patterns matches the
    /// folded line, in line order then rule order; each pair once.
    pub fn hits(&self, doc: &Document) -> Vec<(usize, u32)> {
        let Some((_, ls)) = self.sets.iter().find(|(l, _)| *l == doc.lang) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if ls.owner.is_empty() {
            return out;
        }
        for i in 0..doc.lines.len() {
            if doc.is_blank(i) {
                continue;
            }
            let line = doc.folded_line(i);
            if !ls.set.is_match(line) {
                continue;
            }
            for p in ls.set.matches(line).iter() {
                let rule = ls.owner[p];
                if out.last() != Some(&(i, rule)) {
                    out.push((i, rule));
                }
            }
        }
        out
    }
}
