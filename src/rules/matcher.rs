//! One `RegexSet` per language over every pattern of the rules that apply to
//! it: a single pass per line tells which rules match, and only those rules
//! then run their own regex (for spans and captures). Built once per pack.
//!
//! Speed: a Unicode word boundary (`\b`) keeps the regex crate's DFAs off
//! any non-ASCII line, so one `\b` in the set would run the slow PikeVM on
//! every Arabic line. The set is therefore built from the patterns with `\b`
//! left out (each then matches a superset of the lines), and a line the set
//! picks for such a pattern is confirmed with the exact pattern. Same hits,
//! many times faster (see README, "Benchmark").

use super::Rule;
use crate::document::Document;
use crate::lang::Lang;
use regex::{Regex, RegexSet, RegexSetBuilder};

#[derive(Debug, Clone)]
struct LangSet {
    set: RegexSet,
    /// Pattern index in `set` → rule index in the pack.
    owner: Vec<u32>,
    /// Pattern index in `set` → the exact pattern, when the set holds a relaxed one.
    exact: Vec<Option<Regex>>,
}

/// `pattern` without its `\b` assertions, or `None` when it has none.
fn without_word_boundaries(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut changed = false;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            // `\b{start}` and friends are kept: dropping `\b` would leave `{...}`.
            Some('b') if chars.peek() != Some(&'{') => changed = true,
            Some(n) => {
                out.push(c);
                out.push(n);
            }
            None => out.push(c),
        }
    }
    changed.then_some(out)
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
            let mut exact = Vec::new();
            for (i, r) in rules.iter().enumerate().filter(|(_, r)| r.applies_to(lang)) {
                for p in &r.patterns {
                    match without_word_boundaries(p.as_str()) {
                        Some(relaxed) => {
                            pats.push(relaxed);
                            exact.push(Some(p.clone()));
                        }
                        None => {
                            pats.push(p.as_str().to_string());
                            exact.push(None);
                        }
                    }
                    owner.push(i as u32);
                }
            }
            let set = RegexSetBuilder::new(&pats)
                .size_limit(256 << 20)
                .dfa_size_limit(64 << 20)
                .build()?;
            sets.push((lang, LangSet { set, owner, exact }));
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
                if ls.exact[p].as_ref().is_some_and(|re| !re.is_match(line)) {
                    continue;
                }
                let rule = ls.owner[p];
                if out.last() != Some(&(i, rule)) {
                    out.push((i, rule));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_are_left_out_of_the_set_only() {
        assert_eq!(
            without_word_boundaries(r"^\s*(a|b)\b x\\b\B"),
            Some(r"^\s*(a|b) x\\b\B".to_string())
        );
        assert_eq!(without_word_boundaries(r"^\s*\d+"), None);
        assert_eq!(without_word_boundaries(r"\b{start}x"), None);
    }
}
