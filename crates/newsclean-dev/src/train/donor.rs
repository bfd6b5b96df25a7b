//! Training documents with marker-free boilerplate and varied body shapes,
//! built from real articles (`../shared/corpus`): each article's own
//! paragraphs, plus body shapes made from its own words (subheadings, list
//! items, short quotes) labelled body, plus boilerplate made from *other*
//! articles (their headlines and leads as teasers and related lists, with no
//! marker line) labelled boilerplate. The dev set's boilerplate carries
//! markers ("Read also", "Tags:"); this set teaches the model what the
//! markers cannot: a headline about something else is boilerplate, a short
//! line that repeats the article's words is body.

use crate::eval::compose::{assemble, Block, Cat, Seg};
use crate::eval::corpus::{Article, Corpus};
use crate::eval::rng::Rng;
use crate::eval::{DevDoc, Label};

const TRIM: &[char] = &[
    '،', ',', '.', ':', '؛', ';', '!', '?', '؟', '"', '«', '»', '(', ')', '-', ' ',
];

/// `n` words of `p` from word `skip`, without edge punctuation.
fn words(p: &str, skip: usize, n: usize) -> String {
    let w: Vec<&str> = p.split_whitespace().skip(skip).take(n).collect();
    w.join(" ").trim_matches(TRIM).to_string()
}

fn body(s: String) -> Seg {
    (s, Label::Body, None)
}

fn line(seg: Seg) -> Vec<Seg> {
    vec![seg]
}

/// A short body line made from the article's own words.
fn own_shape(a: &Article, rng: &mut Rng) -> Block {
    let p = rng.pick(&a.paragraphs);
    let n = p.split_whitespace().count();
    let skip = rng.below(n.saturating_sub(8).max(1));
    match rng.below(3) {
        // A subheading.
        0 => Block::one(body(words(p, skip, rng.range(2, 7)))),
        // A list of items.
        1 => {
            let mark = *rng.pick(&["- ", "• ", "", "* "]);
            let items = rng.range(3, 6);
            let lines = (0..items)
                .map(|_| {
                    let q = rng.pick(&a.paragraphs);
                    let m = q.split_whitespace().count();
                    let s = rng.below(m.saturating_sub(6).max(1));
                    let end = if rng.chance(0.5) { "" } else { "." };
                    line(body(format!(
                        "{mark}{}{end}",
                        words(q, s, rng.range(3, 12))
                    )))
                })
                .collect();
            Block { lines, inner: "\n" }
        }
        // A short quote.
        _ => Block::one(body(format!("“{}.”", words(p, skip, rng.range(4, 10))))),
    }
}

/// Another article's headline: its title, else its first words.
fn headline(d: &Article, rng: &mut Rng) -> String {
    match &d.title {
        Some(t) if rng.chance(0.7) => t.trim().to_string(),
        _ => words(&d.paragraphs[0], 0, rng.range(5, 12)),
    }
}

/// Marker-free boilerplate from other articles of the same language.
fn donor_block(pool: &[Article], me: usize, rng: &mut Rng) -> Block {
    let other = |rng: &mut Rng| {
        let k = (me + 1 + rng.below(pool.len() - 1)) % pool.len();
        &pool[k]
    };
    let bp = |s: String, c: Cat| -> Seg { (s, Label::Boilerplate, Some(c)) };
    let mut lines = Vec::new();
    if rng.chance(0.5) {
        // A related list: 2–6 headlines.
        for _ in 0..rng.range(2, 7) {
            let d = other(rng);
            let h = headline(d, rng);
            lines.push(line(bp(h, Cat::DonorList)));
        }
    } else {
        // Teasers: headline and lead (first sentence or paragraph).
        for _ in 0..rng.range(1, 3) {
            let d = other(rng);
            let h = headline(d, rng);
            let lead = d.paragraphs[0].trim();
            let lead = match lead.find(['.', '؟', '!']) {
                Some(i) if rng.chance(0.6) => &lead[..=i],
                _ => lead,
            };
            lines.push(line(bp(h, Cat::DonorTeaser)));
            if rng.chance(0.7) {
                lines.push(line(bp(lead.to_string(), Cat::DonorTeaser)));
            }
        }
    }
    Block { lines, inner: "\n" }
}

fn doc(pool: &[Article], me: usize, lang: &str, rng: &mut Rng) -> Option<DevDoc> {
    let a = &pool[me];
    if a.paragraphs.len() < 2 || pool.len() < 3 {
        return None;
    }
    let mut blocks: Vec<Block> = a
        .paragraphs
        .iter()
        .map(|p| Block::one(body(p.trim().to_string())))
        .filter(|b| !b.lines[0][0].0.is_empty())
        .collect();
    for _ in 0..rng.below(3) {
        let at = rng.range(1, blocks.len());
        let shape = own_shape(a, rng);
        blocks.insert(at, shape);
    }
    if rng.chance(0.8) {
        let at = if rng.chance(0.6) {
            blocks.len()
        } else {
            rng.range(1, blocks.len())
        };
        let b = donor_block(pool, me, rng);
        blocks.insert(at, b);
    }
    let blocks: Vec<Block> = blocks
        .into_iter()
        .map(|mut b| {
            b.lines.retain(|l| l.iter().all(|s| !s.0.trim().is_empty()));
            b
        })
        .filter(|b| !b.lines.is_empty())
        .collect();
    let sep = if rng.chance(0.5) { "\n\n" } else { "\n" };
    Some(assemble(
        format!("donor/{lang}/{me}"),
        lang,
        &blocks,
        sep,
        "\n",
    ))
}

/// One document per corpus article (both languages), deterministically.
pub fn build(corpus: &Corpus, seed: u64) -> Vec<DevDoc> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for (lang, pool) in [("ar", &corpus.ar), ("en", &corpus.en)] {
        for me in 0..pool.len() {
            out.extend(doc(pool, me, lang, &mut rng));
        }
    }
    out
}
