//! Warnings for `rules check`: rules that never fired on a dump, and rules
//! whose patterns overlap. Warnings never fail the check; they point a
//! person at rules that may be dead or may fight over the same lines.
//!
//! * **Never fired**: from a run's `summary.json` (`--stats DIR`), or by
//!   cleaning inputs now (`--input`), in parallel, writing nothing.
//! * **Overlap**: rule B overlaps rule A when one of B's patterns matches a
//!   (folded) line that A removes from one of its own remove-examples, and
//!   both can run on the same language. Precedence decides who owns such a
//!   line, so the overlap may be intended; it is worth a look.

use newsclean::error::RunError;
use newsclean::io::records::read::SummaryFile;
use newsclean::io::source;
use newsclean::pipeline::Outcome;
use newsclean::rules::{Pack, Rule};
use newsclean::text::fold::fold;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A warning about one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub rule: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rule `{}`: {}", self.rule, self.message)
    }
}

/// Rules of `pack` with no removal in the run summarized by `summary`.
pub fn unfired_in_summary(pack: &Pack, summary: &SummaryFile) -> Vec<Warning> {
    pack.rules
        .iter()
        .filter_map(|r| {
            let message = match summary.rule(&r.id) {
                None => "was not part of that run".to_string(),
                Some(row) if row.docs == 0 => {
                    format!("never fired on that run ({} documents)", summary.read)
                }
                Some(_) => return None,
            };
            Some(Warning {
                rule: r.id.clone(),
                message,
            })
        })
        .collect()
}

/// Rules of `pack` that remove nothing from any document under `inputs`.
pub fn unfired_on_inputs(
    pack: &Pack,
    inputs: &[PathBuf],
    max_doc_bytes: u64,
) -> Result<Vec<Warning>, RunError> {
    let sample = newsclean::run::Sample::open(inputs, max_doc_bytes, pack)?;
    let files: Vec<source::RawDoc> = sample.inputs.docs()?.collect();
    let fired = files
        .par_iter()
        .map(|f| {
            let mut hit = vec![false; pack.rules.len()];
            let c = match sample.clean(f, pack).outcome {
                Outcome::Kept(c) => c,
                Outcome::Rejected {
                    cleaned: Some(c), ..
                } => *c,
                Outcome::Rejected { .. } => return hit,
            };
            for i in c.removals.iter().filter_map(|r| r.rule.index()) {
                hit[i] = true;
            }
            hit
        })
        .reduce(
            || vec![false; pack.rules.len()],
            |a, b| a.iter().zip(&b).map(|(x, y)| *x || *y).collect(),
        );
    Ok(pack
        .rules
        .iter()
        .zip(fired)
        .filter(|(_, f)| !f)
        .map(|(r, _)| Warning {
            rule: r.id.clone(),
            message: format!("never fired on the {} input documents", files.len()),
        })
        .collect())
}

fn same_language(a: &Rule, b: &Rule) -> bool {
    a.lang.is_none() || b.lang.is_none() || a.lang == b.lang
}

/// The folded lines rule `idx` removes (wholly or partly) from its examples.
fn removed_lines(pack: &Pack, idx: usize) -> Vec<(usize, String)> {
    let single = pack.only(idx);
    let mut out = Vec::new();
    for (n, ex) in pack.rules[idx].examples.marked.iter().enumerate() {
        let c = match newsclean::clean_text(&ex.input, &single) {
            Outcome::Kept(c) => c,
            Outcome::Rejected {
                cleaned: Some(c), ..
            } => *c,
            Outcome::Rejected { .. } => continue,
        };
        let lines: Vec<&str> = c.normalized.split('\n').collect();
        for r in c.removals.iter().filter(|r| !r.rule.is_tidy()) {
            for line in lines.get(r.lines.clone()).unwrap_or(&[]) {
                if !line.trim().is_empty() {
                    out.push((n + 1, fold(line).text));
                }
            }
        }
    }
    out
}

/// Pairs of rules whose patterns overlap (see module doc), one warning per
/// ordered pair.
///
/// One `RegexSet` over every pattern of the pack tells, per removed line,
/// which rules match it: the work grows with the number of rules, not with
/// its square (a pack of 10,000 rules is checked in seconds).
pub fn overlaps(pack: &Pack) -> Vec<Warning> {
    // Every pattern, in rule order then pattern order, with its rule.
    let owners: Vec<(usize, &regex::Regex)> = pack
        .rules
        .iter()
        .enumerate()
        .flat_map(|(b, r)| r.patterns.iter().map(move |p| (b, p)))
        .collect();
    let set = regex::RegexSetBuilder::new(owners.iter().map(|(_, p)| p.as_str()))
        .size_limit(256 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .ok();
    let mut out = Vec::new();
    for (a, ra) in pack.rules.iter().enumerate() {
        let lines = removed_lines(pack, a);
        // For each rule b, its first hit: (example, line, pattern).
        let mut first: BTreeMap<usize, (usize, &str, &regex::Regex)> = BTreeMap::new();
        for (n, line) in &lines {
            let matched: Vec<usize> = match &set {
                Some(set) => set.matches(line).into_iter().collect(),
                None => (0..owners.len())
                    .filter(|&k| owners[k].1.is_match(line))
                    .collect(),
            };
            for k in matched {
                let (b, p) = owners[k];
                let rb = &pack.rules[b];
                if a == b || !same_language(ra, rb) {
                    continue;
                }
                first.entry(b).or_insert((*n, line.as_str(), p));
            }
        }
        for (b, (n, line, p)) in first {
            out.push(Warning {
                rule: pack.rules[b].id.clone(),
                message: format!(
                    "overlaps `{}`: pattern {:?} matches a line of its remove-example {n}: {:?}",
                    ra.id,
                    p.as_str(),
                    line.trim()
                ),
            });
        }
    }
    out
}
