//! One boilerplate piece per category, in the many shapes real sites use.
//! Every segment of a piece is labelled `boilerplate` with its category.

use super::boilerplate as t;
use super::compose::{bullet, fill, noise, Block, Cat, Headlines, Seg};
use super::rng::Rng;
use super::Label;

fn bp(cat: Cat, s: String) -> Vec<(String, Label, Option<Cat>)> {
    vec![(s, Label::Boilerplate, Some(cat))]
}

fn block(cat: Cat, lines: Vec<String>, inner: &'static str) -> Block {
    Block {
        lines: lines.into_iter().map(|l| bp(cat, l)).collect(),
        inner,
    }
}

fn inner(rng: &mut Rng) -> &'static str {
    if rng.chance(0.6) {
        "\n"
    } else {
        "\n\n"
    }
}

/// A "read also" marker: verb + adverb with spelling variants, or another form.
pub fn read_marker(ar: bool, rng: &mut Rng) -> String {
    if !ar {
        return rng.pick(t::EN_READ_MARKERS).to_string();
    }
    if rng.chance(0.7) {
        let (v, a) = (rng.pick(t::AR_READ_VERBS), rng.pick(t::AR_READ_ADVS));
        format!("{v} {a}").trim_end().to_string()
    } else {
        rng.pick(t::AR_READ_OTHER).to_string()
    }
}

/// Headlines in one bullet style.
fn items(ar: bool, n: usize, rng: &mut Rng, heads: &Headlines, bullets: bool) -> Vec<String> {
    let style = if bullets { *rng.pick(t::BULLETS) } else { "" };
    (1..=n)
        .map(|i| {
            noise(
                format!("{}{}", bullet(style, i), heads.headline(ar, rng)),
                rng,
            )
        })
        .collect()
}

/// A whole piece of category `cat` (not `GluedWidget` or `RepeatedSiteLine`,
/// which the generator builds around body text and sites).
pub fn piece(cat: Cat, ar: bool, rng: &mut Rng, heads: &Headlines) -> Block {
    let pick =
        |rng: &mut Rng, a: &[&'static str], e: &[&'static str]| *rng.pick(if ar { a } else { e });
    match cat {
        Cat::ReadAlsoLine => {
            let pre = *rng.pick(t::LINE_PREFIXES);
            let (m, sep) = (read_marker(ar, rng), *rng.pick(t::READ_SEPS));
            let h = heads.headline(ar, rng);
            let line = if rng.chance(0.1) {
                format!("({m}{sep}{h})")
            } else {
                format!("{pre}{m}{sep}{h}")
            };
            block(cat, vec![noise(line, rng)], "\n")
        }
        Cat::ReadAlsoBlock => {
            let end = *rng.pick(&["", ":", "", " :", "..", ":"]);
            let marker = noise(format!("{}{end}", read_marker(ar, rng)), rng);
            let (h, teaser) = heads.teaser(ar, rng);
            let mut lines = vec![marker, h];
            if rng.chance(0.75) {
                lines.push(teaser);
            }
            block(cat, lines, inner(rng))
        }
        Cat::RelatedList | Cat::HeadlineList => {
            let n = rng.range(3, 6);
            let mut lines = Vec::new();
            if cat == Cat::RelatedList {
                let h = pick(rng, t::AR_RELATED_HEADINGS, t::EN_RELATED_HEADINGS);
                let colon = *rng.pick(&["", "", ":", " :"]);
                lines.push(noise(format!("{h}{colon}"), rng));
            }
            let bullets = cat == Cat::RelatedList || rng.chance(0.4);
            lines.extend(items(ar, n, rng, heads, bullets));
            block(cat, lines, inner(rng))
        }
        Cat::Tags => tags(ar, rng),
        Cat::ShareFollow => {
            let mut lines = vec![pick(rng, t::AR_SHARE, t::EN_SHARE).to_string()];
            if rng.chance(0.3) {
                lines.push(pick(rng, t::AR_SHARE, t::EN_SHARE).to_string());
            }
            block(cat, lines, "\n")
        }
        Cat::NewsletterApp => {
            let l = pick(rng, t::AR_NEWSLETTER, t::EN_NEWSLETTER).to_string();
            block(cat, vec![noise(l, rng)], "\n")
        }
        Cat::SectionFooter => {
            let tpl = pick(rng, t::AR_SECTION_FOOTERS, t::EN_SECTION_FOOTERS);
            let mut lines = vec![fill(tpl, ar, rng, heads)];
            if rng.chance(0.5) {
                let n = rng.range(2, 4);
                let b = rng.chance(0.5);
                lines.extend(items(ar, n, rng, heads, b));
            }
            block(cat, lines, inner(rng))
        }
        Cat::NavMenu => {
            let (extra, secs) = if ar {
                (t::AR_NAV_EXTRA, t::AR_SECTIONS)
            } else {
                (t::EN_NAV_EXTRA, t::EN_SECTIONS)
            };
            let mut names: Vec<&str> = vec![extra[0]];
            let n = rng.range(5, 10);
            let start = rng.below(secs.len());
            names.extend((0..n).map(|i| secs[(start + i) % secs.len()]));
            if rng.chance(0.4) {
                names.push(*rng.pick(&extra[1..]));
            }
            block(cat, vec![names.join(*rng.pick(t::NAV_SEPS))], "\n")
        }
        Cat::Breadcrumb => {
            let sep = *rng.pick(t::CRUMB_SEPS);
            let secs = if ar { t::AR_SECTIONS } else { t::EN_SECTIONS };
            let mut crumbs = vec![if ar { "الرئيسية" } else { "Home" }.to_string()];
            for _ in 0..rng.range(1, 2) {
                crumbs.push(rng.pick(secs).to_string());
            }
            if rng.chance(0.3) {
                crumbs.push(heads.headline(ar, rng));
            }
            block(cat, vec![noise(crumbs.join(sep), rng)], "\n")
        }
        _ => {
            let tpl = match cat {
                Cat::Copyright => pick(rng, t::AR_COPYRIGHT, t::EN_COPYRIGHT),
                Cat::SourceLine => pick(rng, t::AR_SOURCE, t::EN_SOURCE),
                Cat::ImageCredit => pick(rng, t::AR_IMAGE, t::EN_IMAGE),
                Cat::DateLine => pick(rng, t::AR_DATES, t::EN_DATES),
                Cat::Byline => pick(rng, t::AR_BYLINES, t::EN_BYLINES),
                Cat::Comments => pick(rng, t::AR_COMMENTS, t::EN_COMMENTS),
                Cat::ClickHere => pick(rng, t::AR_CLICK, t::EN_CLICK),
                Cat::AdLabel => pick(rng, t::AR_ADS, t::EN_ADS),
                _ => pick(rng, t::AR_MEDIA, t::EN_MEDIA),
            };
            let l = fill(tpl, ar, rng, heads);
            block(cat, vec![noise(l, rng)], "\n")
        }
    }
}

/// Tag lines, tag blocks (one tag a line) and hashtag lines.
fn tags(ar: bool, rng: &mut Rng) -> Block {
    let pool = if ar { t::AR_TAGS } else { t::EN_TAGS };
    let mut tags: Vec<&str> = pool.to_vec();
    rng.shuffle(&mut tags);
    tags.truncate(rng.range(3, 9));
    let head = *rng.pick(if ar {
        t::AR_TAG_HEADINGS
    } else {
        t::EN_TAG_HEADINGS
    });
    let form = rng.below(10);
    let lines = if form < 2 {
        vec![tags
            .iter()
            .map(|t| format!("#{}", t.replace(' ', "_")))
            .collect::<Vec<_>>()
            .join(" ")]
    } else if form < 4 {
        let mut v = vec![head.to_string()];
        v.extend(tags.iter().map(|t| t.to_string()));
        v
    } else {
        let sep = *rng.pick(t::TAG_SEPS);
        let colon = *rng.pick(&[": ", ":", " : ", " ", ":\u{a0}"]);
        vec![format!("{head}{colon}{}", tags.join(sep))]
    };
    let lines = lines.into_iter().map(|l| noise(l, rng)).collect();
    block(Cat::Tags, lines, "\n")
}

/// A widget glued to a body line without a space: a label and a headline, or
/// a related heading with headlines glued together.
fn glued(ar: bool, rng: &mut Rng, heads: &Headlines) -> String {
    let label = *rng.pick(if ar {
        t::AR_WIDGET_LABELS
    } else {
        t::EN_WIDGET_LABELS
    });
    let mut s = format!("{label}{}", heads.headline(ar, rng));
    if rng.chance(0.35) {
        s.push_str(&heads.headline(ar, rng));
    }
    s
}

/// Body text that looks like boilerplate, taken in turn so every one is used:
/// sentences, short subheadings, bulleted lists of full sentences.
pub fn trap(ar: bool, turn: usize, rng: &mut Rng) -> Block {
    let (sentences, subheads, lists) = if ar {
        (t::AR_TRAPS, t::AR_SUBHEADINGS, t::AR_TRAP_LISTS)
    } else {
        (t::EN_TRAPS, t::EN_SUBHEADINGS, t::EN_TRAP_LISTS)
    };
    let k = turn % (sentences.len() + subheads.len() + lists.len());
    if k < sentences.len() {
        return Block::one(body(sentences[k]));
    }
    if k < sentences.len() + subheads.len() {
        return Block::one(body(subheads[k - sentences.len()]));
    }
    let (lead, items) = lists[k - sentences.len() - subheads.len()];
    let style = *rng.pick(&["- ", "• ", "#. ", "* ", "٭. "]);
    let mut lines = vec![vec![body(lead)]];
    lines.extend(
        items
            .iter()
            .enumerate()
            .map(|(i, s)| vec![body(&format!("{}{s}", bullet(style, i + 1)))]),
    );
    Block { lines, inner: "\n" }
}

/// Glue a widget to the end (or start) of a body paragraph, with no space.
pub fn glue(main: &mut [Block], ar: bool, rng: &mut Rng, heads: &Headlines) {
    let plain: Vec<usize> = (0..main.len())
        .filter(|&i| {
            let l = &main[i].lines;
            l.len() == 1 && l[0].len() == 1 && l[0][0].1 == Label::Body && l[0][0].0.len() >= 120
        })
        .collect();
    if plain.is_empty() {
        return;
    }
    let i = *rng.pick(&plain);
    let w = (
        glued(ar, rng, heads),
        Label::Boilerplate,
        Some(Cat::GluedWidget),
    );
    let line = &mut main[i].lines[0];
    if rng.chance(0.7) {
        let mut b = line[0].0.trim_end().to_string();
        if rng.chance(0.5) {
            b = b.trim_end_matches(['.', '!', '?', '؟']).to_string();
        }
        *line = vec![body(&b), w];
    } else {
        let b = line[0].0.trim_start().to_string();
        *line = vec![w, body(&b)];
    }
}

fn body(s: &str) -> Seg {
    (s.to_string(), Label::Body, None)
}
