//! `newsclean suggest`: mine a dump for boilerplate that no rule removes yet.
//!
//! Every document is cleaned with the current pack and only its *kept* text
//! is mined, so known boilerplate is not suggested again. Lines are folded
//! (as rules see them) and counted once per document:
//!
//! * frequent whole lines ("تابعونا على تلغرام");
//! * frequent prefixes followed by varying, headline-like text: the part
//!   before a colon ("لمتابعة آخر الأخبار: <headline>") or the first 1–3
//!   words; body paragraphs (long, ending a sentence) do not count towards
//!   a prefix, so "وقال: ..." quotes are not suggested;
//! * frequent short headings followed by at least two short lines (lists).
//!
//! Candidates covered by a more specific one are dropped, the rest ranked by
//! documents and written as TOML rules (see `render`) for a person to review.

mod mine;
mod render;

pub use mine::{Counts, Feature, Stat};
use newsclean::error::RunError;
use newsclean::io::source;
use newsclean::pipeline::Outcome;
use newsclean::rules::Pack;
use rayon::prelude::*;
use std::path::PathBuf;

/// Options of `suggest`.
#[derive(Debug, Clone)]
pub struct SuggestOptions {
    /// A feature must be in at least this many documents; `None`: 3 or
    /// 0.5% of the documents, whichever is more.
    pub min_docs: Option<usize>,
    /// At most this many candidates.
    pub max: usize,
    pub max_doc_bytes: u64,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            min_docs: None,
            max: 40,
            max_doc_bytes: 8 << 20,
        }
    }
}

/// A candidate rule.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub feature: Feature,
    /// The folded line, prefix or heading.
    pub key: String,
    pub stat: Stat,
    pub lang: Option<&'static str>,
}

/// The result of mining a dump.
#[derive(Debug)]
pub struct Suggestions {
    pub docs: usize,
    pub min_docs: usize,
    pub candidates: Vec<Candidate>,
    /// (folded, original) body sentences, for keep-examples.
    pub body: Vec<(String, String)>,
}

impl Suggestions {
    /// The candidates as TOML rules, ready to paste into rules/.
    pub fn to_toml(&self) -> String {
        render::toml(self)
    }
}

/// Files cleaned in parallel per chunk, then counted in order.
const CHUNK: usize = 512;
/// Above this many distinct features, those seen once are dropped.
const PRUNE_AT: usize = 2_000_000;

/// Count the kept text of every document under `inputs`.
pub fn mine(inputs: &[PathBuf], pack: &Pack, max_doc_bytes: u64) -> Result<Counts, RunError> {
    let sample = newsclean::run::Sample::open(inputs, max_doc_bytes, pack)?;
    let mut stream = sample.inputs.docs()?;
    let mut counts = Counts::default();
    if let Some(corpus) = &sample.corpus {
        counts.templates = mine::templates(corpus, pack);
    }
    loop {
        let chunk: Vec<source::RawDoc> = stream.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let docs: Vec<_> = chunk
            .par_iter()
            .filter_map(|f| match sample.clean(f, pack).outcome {
                Outcome::Kept(c) => {
                    let (feats, body) = mine::features(&c.text);
                    Some((c.lang.as_str(), feats, body))
                }
                Outcome::Rejected { .. } => None,
            })
            .collect();
        for (lang, feats, body) in docs {
            counts.add(lang, feats, body);
        }
        if counts.features.len() > PRUNE_AT {
            counts.prune();
        }
    }
    Ok(counts)
}

/// A template of the corpus pass as a candidate (its samples as examples).
fn template_candidate(e: newsclean::corpus_pass::templates::Evidence) -> Candidate {
    let script = |f: fn(char) -> bool| e.head.chars().any(f);
    let lang = if script(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        Some("ar")
    } else if script(|c| c.is_ascii_alphabetic()) {
        Some("en")
    } else {
        None
    };
    let stat = Stat {
        docs: e.docs as usize,
        lines: e.lines as usize,
        headline_like: e.headline as usize,
        max_chars: e
            .samples
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0),
        distinct: e.samples.iter().cloned().collect(),
        examples: e.samples,
        langs: Default::default(),
    };
    Candidate {
        feature: Feature::Template,
        key: e.head,
        stat,
        lang,
    }
}

fn qualifies(feature: Feature, s: &Stat) -> bool {
    let headline_share = |num: usize, den: usize| s.headline_like * den >= s.lines * num;
    match feature {
        Feature::Line | Feature::Heading | Feature::Template => true,
        Feature::Colon => s.distinct.len() >= 2 && headline_share(7, 10),
        Feature::Words => s.distinct.len() >= 2 && headline_share(8, 10),
    }
}

/// Whether a heading opens a list in at least half of the documents that
/// have its line at all (else the line is something else that sometimes
/// happens to come before short lines).
fn mostly_heading(counts: &Counts, key: &str, s: &Stat) -> bool {
    let line_docs = [key.to_string(), format!("{key}:"), format!("{key} :")]
        .iter()
        .filter_map(|k| counts.features.get(&(Feature::Line, k.clone())))
        .map(|l| l.docs)
        .sum::<usize>();
    s.docs * 2 >= line_docs
}

/// Order of preference among overlapping candidates.
fn specificity(c: &Candidate) -> (u8, std::cmp::Reverse<usize>) {
    let words = c.key.split(' ').count();
    let rank = match c.feature {
        Feature::Heading | Feature::Template => 0,
        Feature::Colon => 1,
        Feature::Words => 2,
        Feature::Line => 3,
    };
    (rank, std::cmp::Reverse(words))
}

/// Whether accepted candidate `a` makes `c` redundant.
fn covers(a: &Candidate, c: &Candidate) -> bool {
    let related = c.key.starts_with(&a.key) || a.key.starts_with(&c.key);
    match (a.feature, c.feature) {
        // A block rule also removes its heading when no list follows.
        (Feature::Heading, Feature::Line) => c.key.trim_end_matches([':', '：']).trim() == a.key,
        (_, Feature::Line) => c.key.starts_with(&a.key) && a.feature != Feature::Line,
        _ => related && c.stat.docs * 10 <= a.stat.docs * 11,
    }
}

/// Pick candidates from `counts` (see module doc).
pub fn select(counts: Counts, opts: &SuggestOptions) -> Suggestions {
    let min_docs = opts
        .min_docs
        .unwrap_or_else(|| 3.max((counts.docs * 5).div_ceil(1000)));
    let chosen: Vec<(Feature, String)> = counts
        .features
        .iter()
        .filter(|((f, _), s)| s.docs >= min_docs && qualifies(*f, s))
        .filter(|((f, key), s)| *f != Feature::Heading || mostly_heading(&counts, key, s))
        .map(|(k, _)| k.clone())
        .collect();
    let Counts {
        docs,
        mut features,
        body,
        templates,
    } = counts;
    let mut all: Vec<Candidate> = chosen
        .into_iter()
        .filter_map(|k| features.remove_entry(&k))
        .map(|((feature, key), stat)| {
            let lang = stat
                .langs
                .iter()
                .max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l)))
                .map(|(l, _)| *l)
                .filter(|l| *l != "und");
            Candidate {
                feature,
                key,
                stat,
                lang,
            }
        })
        .collect();
    all.sort_by(|a, b| {
        specificity(a)
            .cmp(&specificity(b))
            .then(b.stat.docs.cmp(&a.stat.docs))
            .then(a.key.cmp(&b.key))
    });
    let mut accepted: Vec<Candidate> = Vec::new();
    for c in all {
        if !accepted.iter().any(|a| covers(a, &c)) {
            accepted.push(c);
        }
    }
    // Templates first: `clean` removes them already (auto.template), so a
    // person reviews them as rules to keep; the kept text never shows them.
    let mut templates: Vec<Candidate> = templates.into_iter().map(template_candidate).collect();
    accepted.sort_by(|a, b| b.stat.docs.cmp(&a.stat.docs).then(a.key.cmp(&b.key)));
    templates.append(&mut accepted);
    let mut accepted = templates;
    accepted.truncate(opts.max);
    Suggestions {
        docs,
        min_docs,
        candidates: accepted,
        body,
    }
}

/// Mine `inputs` and pick candidates.
pub fn suggest(
    inputs: &[PathBuf],
    pack: &Pack,
    opts: &SuggestOptions,
) -> Result<Suggestions, RunError> {
    Ok(select(mine(inputs, pack, opts.max_doc_bytes)?, opts))
}
