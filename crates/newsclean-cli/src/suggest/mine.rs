//! Counting what is left in the kept text: lines, line prefixes, headings
//! followed by short lines. Each feature is counted once per document, on
//! the folded line (whitespace collapsed), with a few original spellings
//! kept as examples.

use newsclean::corpus_pass::templates::Evidence;
use newsclean::corpus_pass::CorpusStats;
use newsclean::rules::kinds::ends_sentence;
use newsclean::rules::{Kind, Pack};
use newsclean::text::fold::fold;
use std::collections::{HashMap, HashSet};

/// Lines longer than this (characters) are body text: not counted.
pub const MAX_LINE_CHARS: usize = 300;
/// A colon prefix ends within this many characters of the line start.
const MAX_COLON_AT: usize = 40;
/// Headings are at most this long; items of a list at most `MAX_ITEM_CHARS`.
const MAX_HEADING_CHARS: usize = 60;
const MAX_ITEM_CHARS: usize = 200;
/// Body sentences kept to find keep-examples.
const BODY_SAMPLE: usize = 5000;
/// Distinct continuations remembered per prefix.
const DISTINCT_CAP: usize = 64;

/// What kind of feature a key counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// The whole line.
    Line,
    /// The part of a line before a colon.
    Colon,
    /// The first 1–3 words of a line.
    Words,
    /// A short line followed by at least two short, headline-like lines.
    Heading,
    /// A line template the corpus pass found (`auto.template` removes these
    /// lines, so they are mined from the whole text, not the kept text).
    Template,
}

/// Counts of one feature across the dump.
#[derive(Debug, Default, Clone)]
pub struct Stat {
    pub docs: usize,
    pub lines: usize,
    /// Lines that look like headlines: short, no final stop.
    pub headline_like: usize,
    pub max_chars: usize,
    /// Hashes of the distinct full lines (capped).
    pub distinct: HashSet<String>,
    /// Original lines (for a heading: heading and its items) as examples.
    pub examples: Vec<String>,
    /// Documents per language.
    pub langs: HashMap<&'static str, usize>,
}

/// Everything counted so far.
#[derive(Debug, Default)]
pub struct Counts {
    pub docs: usize,
    pub features: HashMap<(Feature, String), Stat>,
    /// (folded, original) body sentences, for keep-examples.
    pub body: Vec<(String, String)>,
    /// Line templates of the dump that pass the pack's `template` rule and
    /// that no other rule's pattern matches (see `templates`).
    pub templates: Vec<Evidence>,
}

/// The templates of the corpus pass that the pack's `template` rule
/// accepts (none without one: the kept text then shows them) and that no
/// pattern of the pack already matches (all their sample lines matched: a
/// known marker), most documents first.
pub fn templates(corpus: &CorpusStats, pack: &Pack) -> Vec<Evidence> {
    let Some(rule) = pack.rules.iter().find_map(|r| match &r.kind {
        Kind::Template(t) => Some(t),
        _ => None,
    }) else {
        return Vec::new();
    };
    let known = |line: &str| {
        let folded = fold(line).text;
        pack.rules
            .iter()
            .any(|r| r.patterns.iter().any(|p| p.is_match(&folded)))
    };
    let mut out: Vec<Evidence> = corpus
        .templates
        .values()
        .filter(|e| rule.accepts(e, corpus.distinct_docs))
        .filter(|e| !e.samples.iter().all(|l| known(l)))
        .cloned()
        .collect();
    out.sort_by(|a, b| b.docs.cmp(&a.docs).then(a.head.cmp(&b.head)));
    out
}

/// Collapse whitespace runs to one space and trim.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn headline_like(line: &str) -> bool {
    let n = line.chars().count();
    n <= MAX_ITEM_CHARS && !ends_sentence(line)
}

/// One document's features: (feature, key) → (original line or block, folded full line).
type DocFeatures = Vec<((Feature, String), String, String)>;

/// The features of one kept text.
pub fn features(kept: &str) -> (DocFeatures, Vec<(String, String)>) {
    let lines: Vec<&str> = kept
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let folded: Vec<String> = lines.iter().map(|l| squash(&fold(l).text)).collect();
    let mut out = Vec::new();
    let mut body = Vec::new();
    for (i, (line, f)) in lines.iter().zip(&folded).enumerate() {
        let chars = line.chars().count();
        if chars > MAX_LINE_CHARS {
            continue;
        }
        if chars > 80 && ends_sentence(line) {
            body.push((f.clone(), line.to_string()));
        }
        out.push(((Feature::Line, f.clone()), line.to_string(), f.clone()));
        if let Some(at) = f.find([':', '：']) {
            let prefix = f[..at].trim();
            let rest = f[at..].trim_start_matches([':', '：']).trim();
            if f[..at].chars().count() <= MAX_COLON_AT
                && prefix.chars().any(char::is_alphabetic)
                && !rest.is_empty()
            {
                out.push((
                    (Feature::Colon, prefix.to_string()),
                    line.to_string(),
                    f.clone(),
                ));
            }
        }
        let words: Vec<&str> = f.split(' ').collect();
        for n in 1..=3.min(words.len().saturating_sub(1)) {
            let prefix = words[..n].join(" ");
            if prefix.chars().any(char::is_alphabetic) {
                out.push(((Feature::Words, prefix), line.to_string(), f.clone()));
            }
        }
        // A heading opens the list: the line before it is not a list item.
        let opens = i == 0 || !headline_like(lines[i - 1]);
        if chars <= MAX_HEADING_CHARS && !ends_sentence(line) && opens {
            let items: Vec<&str> = lines[i + 1..]
                .iter()
                .take_while(|l| headline_like(l))
                .take(3)
                .copied()
                .collect();
            if items.len() >= 2 {
                let block = std::iter::once(*line)
                    .chain(items)
                    .collect::<Vec<_>>()
                    .join("\n");
                let key = f.trim_end_matches([':', '：']).trim().to_string();
                out.push(((Feature::Heading, key), block, f.clone()));
            }
        }
    }
    (out, body)
}

impl Counts {
    /// Add one document's features (each counted once for the document).
    pub fn add(&mut self, lang: &'static str, feats: DocFeatures, body: Vec<(String, String)>) {
        self.docs += 1;
        let mut seen = HashSet::new();
        for (key, original, full) in feats {
            let s = self.features.entry(key.clone()).or_default();
            s.lines += 1;
            let first_line = original.lines().next().unwrap_or("");
            if headline_like(first_line) {
                s.headline_like += 1;
            }
            s.max_chars = s.max_chars.max(first_line.chars().count());
            if s.distinct.len() < DISTINCT_CAP {
                s.distinct.insert(full);
            }
            if seen.insert(key) {
                s.docs += 1;
                *s.langs.entry(lang).or_default() += 1;
                if s.examples.len() < 2 && !s.examples.contains(&original) {
                    s.examples.push(original);
                }
            }
        }
        let room = BODY_SAMPLE.saturating_sub(self.body.len());
        self.body.extend(body.into_iter().take(room.min(3)));
    }

    /// Drop features seen in one document only (bounds memory on big dumps).
    pub fn prune(&mut self) {
        self.features.retain(|_, s| s.docs > 1);
    }
}
