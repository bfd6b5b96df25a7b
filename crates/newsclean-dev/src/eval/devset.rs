//! The dev-set generator: real bodies (whole articles or 2–8 paragraphs),
//! wrapped in boilerplate pieces, with trap lines in the body, some titles,
//! some documents without any boilerplate, and a few "sites" whose documents
//! share a slogan or disclaimer line. Deterministic for a given seed.

use super::boilerplate as t;
use super::compose::{assemble, Block, Cat, Headlines, Seg};
use super::corpus::{Article, Corpus};
use super::pieces::{glue, piece, trap};
use super::rng::Rng;
use super::{DevDoc, EvalError, Label};

/// The seed of the published figures (docs/internals.md, "Accuracy").
pub const DEFAULT_SEED: u64 = 20_250_301;
/// Documents without a site, per language.
const PLAIN_AR: usize = 134;
const PLAIN_EN: usize = 64;
/// Documents per fake site, in the order of `boilerplate::SITES`.
const SITE_DOCS: [usize; 3] = [13, 12, 11];
/// Share of plain documents with no boilerplate at all.
const CLEAN_SHARE: f64 = 0.28;

const HEADER: &[Cat] = &[Cat::Breadcrumb, Cat::NavMenu, Cat::DateLine, Cat::Byline];
const INBODY: &[Cat] = &[
    Cat::ReadAlsoLine,
    Cat::ReadAlsoBlock,
    Cat::ImageCredit,
    Cat::AdLabel,
    Cat::ClickHere,
    Cat::MediaTeaser,
    Cat::GluedWidget,
    Cat::RelatedList,
    Cat::ReadAlsoLine,
    Cat::GluedWidget,
];
const FOOTER: &[Cat] = &[
    Cat::Tags,
    Cat::ShareFollow,
    Cat::NewsletterApp,
    Cat::RelatedList,
    Cat::HeadlineList,
    Cat::SourceLine,
    Cat::Copyright,
    Cat::SectionFooter,
    Cat::Comments,
    Cat::ReadAlsoLine,
    Cat::ReadAlsoBlock,
    Cat::ClickHere,
    Cat::Byline,
    Cat::DateLine,
    Cat::Tags,
    Cat::SourceLine,
];

/// Categories drawn in shuffled rounds, so each appears about equally often.
struct Deck {
    cats: &'static [Cat],
    order: Vec<Cat>,
}

impl Deck {
    fn new(cats: &'static [Cat]) -> Deck {
        Deck {
            cats,
            order: Vec::new(),
        }
    }
    fn draw(&mut self, rng: &mut Rng) -> Cat {
        if self.order.is_empty() {
            self.order = self.cats.to_vec();
            rng.shuffle(&mut self.order);
        }
        self.order.pop().unwrap_or(Cat::Tags)
    }
}

/// The draws shared by all documents: categories per page area, and the
/// next trap per language (English, Arabic).
struct Decks {
    header: Deck,
    inbody: Deck,
    footer: Deck,
    traps: [usize; 2],
}

/// Where a document comes from.
struct Plan<'a> {
    article: &'a Article,
    ar: bool,
    site: Option<usize>,
    clean: bool,
}

/// Build the dev set from the corpus with `seed`.
pub fn build(corpus: &Corpus, seed: u64) -> Result<Vec<DevDoc>, EvalError> {
    let mut rng = Rng::new(seed);
    let site_ar: usize = (0..SITE_DOCS.len())
        .filter(|&s| t::SITES[s].1 == "ar")
        .map(|s| SITE_DOCS[s])
        .sum();
    let site_en: usize = SITE_DOCS.iter().sum::<usize>() - site_ar;
    let (ar_bodies, ar_pool) = split(&corpus.ar, PLAIN_AR + site_ar, &mut rng)?;
    let (en_bodies, en_pool) = split(&corpus.en, PLAIN_EN + site_en, &mut rng)?;
    let heads = Headlines {
        ar: ar_pool,
        en: en_pool,
    };

    let mut plans = Vec::new();
    let (mut ar_it, mut en_it) = (ar_bodies.into_iter(), en_bodies.into_iter());
    for (s, &(_, lang, _, _)) in t::SITES.iter().enumerate() {
        let it = if lang == "ar" { &mut ar_it } else { &mut en_it };
        for article in it.take(SITE_DOCS[s]) {
            plans.push(Plan {
                article,
                ar: lang == "ar",
                site: Some(s),
                clean: false,
            });
        }
    }
    for (it, ar, n) in [(&mut ar_it, true, PLAIN_AR), (&mut en_it, false, PLAIN_EN)] {
        let n_clean = (n as f64 * CLEAN_SHARE).round() as usize;
        for (i, article) in it.enumerate() {
            plans.push(Plan {
                article,
                ar,
                site: None,
                clean: i < n_clean,
            });
        }
    }
    rng.shuffle(&mut plans);

    let mut decks = Decks {
        header: Deck::new(HEADER),
        inbody: Deck::new(INBODY),
        footer: Deck::new(FOOTER),
        traps: [0, 0],
    };
    let docs: Vec<DevDoc> = plans
        .iter()
        .map(|p| document(p, &mut rng.fork(), &mut decks, &heads))
        .collect();
    for d in &docs {
        d.validate()?;
    }
    Ok(docs)
}

/// Shuffle the articles: the first `n` become bodies, the rest the headline pool.
type Split<'a> = (Vec<&'a Article>, Vec<&'a Article>);

fn split<'a>(all: &'a [Article], n: usize, rng: &mut Rng) -> Result<Split<'a>, EvalError> {
    if all.len() < n + 30 {
        return Err(EvalError::Corpus {
            path: "corpus".into(),
            message: format!("{} articles; the dev set needs {}", all.len(), n + 30),
        });
    }
    let mut refs: Vec<&Article> = all.iter().collect();
    rng.shuffle(&mut refs);
    let pool = refs.split_off(n);
    Ok((refs, pool))
}

fn body(s: &str) -> Seg {
    (s.to_string(), Label::Body, None)
}

/// One document: blocks in page order, then joined into text and spans.
fn document(p: &Plan, rng: &mut Rng, decks: &mut Decks, heads: &Headlines) -> DevDoc {
    let (ar, paras) = (p.ar, &p.article.paragraphs);
    let n = if paras.len() <= 8 && rng.chance(0.5) {
        paras.len()
    } else {
        rng.range(2, paras.len().min(8)).min(paras.len())
    };
    let start = rng.below(paras.len() - n + 1);
    let mut main: Vec<Block> = paras[start..start + n]
        .iter()
        .map(|s| Block::one(body(s)))
        .collect();
    if rng.chance(0.35) {
        // One trap, or two far apart (two subheadings in a row are no article).
        let half = main.len() / 2;
        let mut spots = vec![rng.range(1, half.max(1))];
        if main.len() >= 4 && rng.chance(0.4) {
            spots.push(rng.range(half + 2, main.len() + 1));
        }
        for at in spots {
            main.insert(at, trap(ar, decks.traps[usize::from(ar)], rng));
            decks.traps[usize::from(ar)] += 1;
        }
    }
    let title = rng
        .chance(if ar { 0.35 } else { 0.5 })
        .then(|| match (&p.article.title, ar) {
            (Some(t), false) => t.clone(),
            _ => heads.headline(true, rng),
        });

    let (mut top, mut after_title, mut footer) = (Vec::new(), Vec::new(), Vec::new());
    let dirty = !p.clean && (p.site.is_none() || rng.chance(0.6));
    if dirty {
        let nh = *rng.pick(&[0, 0, 1, 1, 2]);
        let nb = *rng.pick(&[0, 1, 1, 2]);
        let mut nf = *rng.pick(&[0, 1, 1, 2, 2, 3, 4]);
        if nh + nb + nf == 0 {
            nf = 1;
        }
        for _ in 0..nh {
            let c = decks.header.draw(rng);
            let b = piece(c, ar, rng, heads);
            if matches!(c, Cat::Breadcrumb | Cat::NavMenu) {
                top.push(b)
            } else {
                after_title.push(b)
            }
        }
        for _ in 0..nb {
            let c = decks.inbody.draw(rng);
            if c == Cat::GluedWidget {
                glue(&mut main, ar, rng, heads);
            } else {
                let at = rng.range(if c == Cat::ImageCredit { 0 } else { 1 }, main.len());
                main.insert(at, piece(c, ar, rng, heads));
            }
        }
        let mut f: Vec<(u8, u64, Block)> = (0..nf)
            .map(|_| {
                let c = decks.footer.draw(rng);
                (footer_rank(c), rng.next_u64(), piece(c, ar, rng, heads))
            })
            .collect();
        f.sort_by_key(|x| (x.0, x.1));
        footer.extend(f.into_iter().map(|x| x.2));
    }
    if let Some(s) = p.site {
        let line = |l: &str| {
            Block::one((
                l.to_string(),
                Label::Boilerplate,
                Some(Cat::RepeatedSiteLine),
            ))
        };
        if let Some(slogan) = t::SITES[s].2 {
            top.insert(0, line(slogan));
        }
        if let Some(disclaimer) = t::SITES[s].3 {
            let at = if rng.chance(0.7) {
                footer.len()
            } else {
                rng.below(footer.len() + 1)
            };
            footer.insert(at, line(disclaimer));
        }
    }

    let mut blocks = top;
    if let Some(t) = title {
        blocks.push(Block::one((t, Label::Title, None)));
    }
    blocks.extend(after_title);
    blocks.extend(main);
    blocks.extend(footer);
    let sep = if rng.chance(0.75) { "\n\n" } else { "\n" };
    let id = match p.site {
        Some(s) => format!("{}/{}", t::SITES[s].0, p.article.id),
        None => format!("{}/{}", if ar { "ar" } else { "en" }, p.article.id),
    };
    let end = if rng.chance(0.5) { "\n" } else { "" };
    assemble(id, if ar { "ar" } else { "en" }, &blocks, sep, end)
}

fn footer_rank(c: Cat) -> u8 {
    match c {
        Cat::SourceLine | Cat::Byline | Cat::DateLine => 0,
        Cat::ReadAlsoLine | Cat::ReadAlsoBlock => 1,
        Cat::RelatedList | Cat::HeadlineList => 3,
        Cat::SectionFooter => 4,
        Cat::Copyright => 5,
        _ => 2,
    }
}
