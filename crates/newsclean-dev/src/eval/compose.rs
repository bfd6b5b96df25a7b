//! Builds boilerplate pieces from the variant tables: each piece is a block of
//! lines whose segments carry their gold label and category. Headlines and
//! teasers come from real articles that are not used as bodies.

use super::boilerplate as t;
use super::corpus::Article;
use super::rng::Rng;
use super::{DevDoc, Label, Span};

/// Boilerplate categories of the generated dev set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cat {
    ReadAlsoLine,
    ReadAlsoBlock,
    RelatedList,
    Tags,
    ShareFollow,
    NewsletterApp,
    Copyright,
    SourceLine,
    ImageCredit,
    SectionFooter,
    NavMenu,
    Breadcrumb,
    HeadlineList,
    GluedWidget,
    RepeatedSiteLine,
    DateLine,
    Byline,
    Comments,
    ClickHere,
    AdLabel,
    MediaTeaser,
    /// Training only (`train::donor`): other articles' headlines and leads, no marker.
    DonorTeaser,
    DonorList,
}

impl Cat {
    pub fn as_str(self) -> &'static str {
        match self {
            Cat::ReadAlsoLine => "read_also_line",
            Cat::ReadAlsoBlock => "read_also_block",
            Cat::RelatedList => "related_list",
            Cat::Tags => "tags",
            Cat::ShareFollow => "share_follow",
            Cat::NewsletterApp => "newsletter_app",
            Cat::Copyright => "copyright",
            Cat::SourceLine => "source_line",
            Cat::ImageCredit => "image_credit",
            Cat::SectionFooter => "section_footer",
            Cat::NavMenu => "nav_menu",
            Cat::Breadcrumb => "breadcrumb",
            Cat::HeadlineList => "headline_list",
            Cat::GluedWidget => "glued_widget",
            Cat::RepeatedSiteLine => "repeated_site_line",
            Cat::DateLine => "date_line",
            Cat::Byline => "byline",
            Cat::Comments => "comments",
            Cat::ClickHere => "click_here",
            Cat::AdLabel => "ad_label",
            Cat::MediaTeaser => "media_teaser",
            Cat::DonorTeaser => "donor_teaser",
            Cat::DonorList => "donor_list",
        }
    }
}

/// A piece of a line: text, gold label, category (for boilerplate).
pub type Seg = (String, Label, Option<Cat>);

/// Lines that belong together, joined by `inner` (the document's separator
/// joins blocks).
#[derive(Debug, Clone)]
pub struct Block {
    pub lines: Vec<Vec<Seg>>,
    pub inner: &'static str,
}

impl Block {
    pub fn one(seg: Seg) -> Block {
        Block {
            lines: vec![vec![seg]],
            inner: "\n",
        }
    }
}

/// Headlines and teasers taken from articles that are not bodies.
pub struct Headlines<'a> {
    pub ar: Vec<&'a Article>,
    pub en: Vec<&'a Article>,
}

const TRIM: &[char] = &[
    '،', ',', '.', ':', '؛', ';', '!', '?', '؟', '"', '«', '»', '(', ')', '-', ' ', '\u{a0}',
];

impl Headlines<'_> {
    /// Arabic: 5–11 words of another article, no final punctuation (sometimes
    /// two fragments joined by ".."); English: a real headline.
    pub fn headline(&self, ar: bool, rng: &mut Rng) -> String {
        if !ar {
            let a = rng.pick(&self.en);
            return a
                .title
                .clone()
                .unwrap_or_else(|| words(&a.paragraphs[0], 7));
        }
        let a = rng.pick(&self.ar);
        let p = &a.paragraphs[if rng.chance(0.7) {
            0
        } else {
            rng.below(a.paragraphs.len())
        }];
        if rng.chance(0.2) {
            let q: Vec<&str> = rng.pick(&a.paragraphs).split_whitespace().collect();
            let skip = rng.below(q.len().saturating_sub(6).max(1));
            let (n, m) = (rng.range(3, 5), rng.range(3, 6));
            return format!("{}.. {}", words(p, n), words(&q[skip..].join(" "), m));
        }
        words(p, rng.range(5, 11))
    }

    /// A headline and the opening paragraph of the same other article.
    pub fn teaser(&self, ar: bool, rng: &mut Rng) -> (String, String) {
        let a = rng.pick(if ar { &self.ar } else { &self.en });
        let head = match (&a.title, ar) {
            (Some(t), false) => t.clone(),
            _ => words(&a.paragraphs[0], rng.range(5, 10)),
        };
        (head, a.paragraphs[0].trim().to_string())
    }
}

fn words(p: &str, n: usize) -> String {
    let w: Vec<&str> = p
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(n)
        .collect();
    w.join(" ").trim_matches(TRIM).to_string()
}

/// Occasional invisible or spacing noise, as scrapers leave it.
pub fn noise(s: String, rng: &mut Rng) -> String {
    let mut s = s;
    if rng.chance(0.1) {
        if let Some(i) = s.find(' ') {
            s.replace_range(i..i + 1, "\u{a0}");
        }
    }
    if rng.chance(0.05) {
        s.insert(0, '\u{200F}');
    }
    if rng.chance(0.05) {
        s.push(' ');
    }
    s
}

fn arabic_digits(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

/// The bullet for item `i` (1-based) in style `style`.
pub fn bullet(style: &str, i: usize) -> String {
    style
        .replace('#', &i.to_string())
        .replace('٭', &arabic_digits(i))
}

/// Fill a template's placeholders with plausible values.
pub fn fill(tpl: &str, ar: bool, rng: &mut Rng, heads: &Headlines) -> String {
    let mut s = tpl.to_string();
    let mut put = |key: &str, v: String| {
        if s.contains(key) {
            s = s.replace(key, &v);
        }
    };
    put("{y}", rng.range(2012, 2025).to_string());
    put(
        "{s}",
        rng.pick(if ar { t::AR_SITES } else { t::EN_SITES })
            .to_string(),
    );
    put(
        "{a}",
        rng.pick(if ar { t::AR_AGENCIES } else { t::EN_AGENCIES })
            .to_string(),
    );
    put(
        "{n2}",
        rng.pick(if ar { t::AR_NAMES } else { t::EN_NAMES })
            .to_string(),
    );
    put("{n}", pick_name_or_number(tpl, ar, rng));
    put(
        "{c}",
        rng.pick(if ar { t::AR_SECTIONS } else { t::EN_SECTIONS })
            .to_string(),
    );
    put("{D}", rng.pick(t::AR_DAYS).to_string());
    put("{mm}", format!("{:02}", rng.range(1, 12)));
    put(
        "{m}",
        rng.pick(if ar { t::AR_MONTHS } else { t::EN_MONTHS })
            .to_string(),
    );
    put("{d}", rng.range(1, 28).to_string());
    put(
        "{t}",
        format!("{:02}:{:02}", rng.range(0, 23), rng.range(0, 59)),
    );
    if s.contains("{h}") {
        let h = heads.headline(ar, rng);
        s = s.replace("{h}", &h);
    }
    s
}

/// `{n}` is a person in bylines and credits, a count elsewhere.
fn pick_name_or_number(tpl: &str, ar: bool, rng: &mut Rng) -> String {
    let counted = ["تعليق", "ساعات", "دقيقة", "comments", "Comments", "hours"];
    if counted.iter().any(|w| tpl.contains(w)) {
        rng.range(1, 48).to_string()
    } else {
        rng.pick(if ar { t::AR_NAMES } else { t::EN_NAMES })
            .to_string()
    }
}

/// Join blocks into text and partitioning spans.
pub fn assemble(id: String, lang: &str, blocks: &[Block], sep: &str, end: &str) -> DevDoc {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut push = |s: &str, label: Label, cat: Option<Cat>| {
        if s.is_empty() {
            return;
        }
        let start = text.len();
        text.push_str(s);
        spans.push(Span {
            start,
            end: text.len(),
            label,
            category: cat.map(|c| c.as_str().to_string()),
        });
    };
    for (bi, b) in blocks.iter().enumerate() {
        if bi > 0 {
            push(sep, Label::Sep, None);
        }
        for (li, line) in b.lines.iter().enumerate() {
            if li > 0 {
                push(b.inner, Label::Sep, None);
            }
            for (s, label, cat) in line {
                push(s, *label, *cat);
            }
        }
    }
    push(end, Label::Sep, None);
    DevDoc {
        id,
        lang: lang.to_string(),
        text,
        spans,
    }
}
