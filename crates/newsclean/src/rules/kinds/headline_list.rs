//! `headline_list` (detector): a run of short headline-like lines with no
//! heading rule to announce it.
//!
//! Scrapers keep "more stories" widgets whose heading was an image or a link
//! they dropped: three or more consecutive short lines (`max_chars`, at least
//! `min_words` words), none ending a sentence. Such a run is removed when no
//! body paragraph follows it (it sits after the body), together with a short
//! heading line just above it. Inside the body it is removed only under a
//! short heading and when every item has at least `mid_min_words` words, so
//! a short in-article list ("- more money / - more staff") survives.
//!
//! Shape alone cannot tell such a widget from a list that belongs to the
//! article (a ranking, an award list, a poem, a timeline, a schedule), so a
//! run is kept whole when the article vouches for it (`super::article`): the
//! line above it is free and ends with a colon ("في قصيدته:", "Think about
//! it:"), every item starts with a date (a timeline) or is a label and a
//! short value ("أفضل فيلم: ..."), the items are a ranking ("1- الهند 69
//! مليار دولار", "2- ..."), or at least `min_coherence` of its content words
//! occur in the body paragraphs around it (other stories' headlines share
//! few words with this article).
//!
//! ```toml
//! [[rule]]
//! id = "detect.headline_list"
//! kind = "headline_list"
//! description = "Three or more short headline-like lines after the body."
//! min_lines = 3
//! examples.remove = ["The minister said the plan would be ready next week, officials confirmed.\n⟦Dollar gains on Greenspan speech\nYukos unit buyer faces loan claim\nHigh fuel prices hit BA's profits⟧"]
//! examples.keep = ["The plan includes\n- more money now\n- more staff soon\n- new rules today\nThe minister said the plan would be ready next week."]
//! ```

use super::article::vouches;
use super::{ends_sentence, Behaviour};
use crate::pipeline::document::Document;
use crate::pipeline::work::{At, Work};
use serde::Deserialize;
use std::ops::Range;

/// Claims: three or more short headline-like lines after the body (or under a short heading).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadlineList {
    /// Fewest consecutive headline-like lines in a run.
    #[serde(default = "d_lines")]
    pub min_lines: usize,
    /// Longest line (characters) that counts as a headline.
    #[serde(default = "d_chars")]
    pub max_chars: usize,
    /// Fewest words in a headline line.
    #[serde(default = "d_words")]
    pub min_words: usize,
    /// Longest heading line (characters) taken with the run.
    #[serde(default = "d_heading")]
    pub max_heading_chars: usize,
    /// Inside the body (under a short heading): fewest words in every item.
    #[serde(default = "d_mid")]
    pub mid_min_words: usize,
    /// Keep a run when this share of its content words occurs in the rest of the kept text.
    #[serde(default = "d_coherence")]
    pub min_coherence: f64,
}

fn d_lines() -> usize {
    3
}
fn d_chars() -> usize {
    120
}
fn d_words() -> usize {
    3
}
fn d_heading() -> usize {
    40
}
fn d_mid() -> usize {
    5
}
fn d_coherence() -> f64 {
    0.5
}

/// Whether segment `i` is a whole line as a second clean of the output
/// would see it: not cut, or every other piece of its line is owned (gone
/// from the output, which then holds this piece alone on its line).
fn whole(doc: &Document, i: usize, owned: &impl Fn(usize) -> bool) -> bool {
    let phys = doc.lines[i].phys;
    let same = |k: &usize| doc.lines[*k].phys == phys;
    let before = (0..i).rev().take_while(same);
    let after = (i + 1..doc.lines.len()).take_while(same);
    !doc.lines[i].cut || before.chain(after).all(|k| owned(k) || doc.is_blank(k))
}

impl HeadlineList {
    fn headline(&self, doc: &Document, i: usize, owned: &impl Fn(usize) -> bool) -> bool {
        let l = &doc.lines[i];
        let text = doc.line(i);
        whole(doc, i, owned)
            && l.chars > 0
            && l.chars <= self.max_chars
            && text.split_whitespace().count() >= self.min_words
            && !ends_sentence(text)
            && !text.trim_end().ends_with(':')
    }

    /// Line ranges to claim, given which lines other claims already own.
    pub fn claims(&self, doc: &Document, owned: impl Fn(usize) -> bool) -> Vec<Range<usize>> {
        let n = doc.lines.len();
        let free = |i: usize| !owned(i) && !doc.is_blank(i);
        // Runs of free headline lines, blank lines allowed between them, and
        // lines other claims own (a second clean of the output would not
        // see them: judge as it would).
        let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (first, end, count)
        let mut i = 0;
        while i < n {
            if !(free(i) && self.headline(doc, i, &owned)) {
                i += 1;
                continue;
            }
            let (first, mut end, mut count) = (i, i + 1, 1);
            let mut j = i + 1;
            loop {
                while j < n && (doc.is_blank(j) || owned(j)) {
                    j += 1;
                }
                if j < n && free(j) && self.headline(doc, j, &owned) {
                    count += 1;
                    j += 1;
                    end = j;
                } else {
                    break;
                }
            }
            runs.push((first, end, count));
            i = end;
        }
        let mut out = Vec::new();
        for (first, end, count) in runs {
            if count < self.min_lines {
                continue;
            }
            let body_after = (end..n).any(|k| free(k) && !self.headline(doc, k, &owned));
            // The line above, as a second clean of the output would see
            // it: lines other claims own are gone then.
            let heading = (0..first).rev().find(|&k| free(k)).filter(|&k| {
                whole(doc, k, &owned)
                    && doc.lines[k].chars <= self.max_heading_chars
                    && !ends_sentence(doc.line(k))
            });
            let items_long = (first..end)
                .all(|k| !free(k) || doc.line(k).split_whitespace().count() >= self.mid_min_words);
            if (!body_after || (heading.is_some() && items_long))
                && !vouches(doc, first..end, &free, self.min_coherence)
            {
                out.push(heading.unwrap_or(first)..end);
            }
        }
        out
    }
}

impl Behaviour for HeadlineList {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    fn claim(&self, at: &At, work: &mut Work) {
        for r in self.claims(at.doc, |i| work.owners.is_owned(i)) {
            work.owners.add(at.claim(r, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl() -> HeadlineList {
        HeadlineList {
            min_lines: 3,
            max_chars: 120,
            min_words: 3,
            max_heading_chars: 40,
            mid_min_words: 5,
            min_coherence: 0.5,
        }
    }

    const BODY: &str = "The minister said the plan would be ready next week, officials confirmed.";

    #[test]
    fn headlines_after_the_body_go() {
        let text = format!("{BODY}\n\nFirst other story headline\nSecond other story here\n\nThird story about things");
        let d = Document::new(text);
        assert_eq!(hl().claims(&d, |_| false), vec![2..6]);
    }

    #[test]
    fn two_headlines_are_not_a_list() {
        let d = Document::new(format!(
            "{BODY}\nFirst other story headline\nSecond other story here"
        ));
        assert!(hl().claims(&d, |_| false).is_empty());
    }

    #[test]
    fn short_list_inside_the_body_stays() {
        let text = format!("{BODY}\nThe plan includes\n- more money now\n- more staff soon\n- new rules today\n{BODY}");
        let d = Document::new(text);
        assert!(hl().claims(&d, |_| false).is_empty());
    }

    /// Lines other claims own (here a date under each item, and a label
    /// under the heading) are judged as absent, as a second clean of the
    /// output sees them: the same list is found in both passes.
    #[test]
    fn owned_lines_are_judged_as_absent() {
        let with_owned = format!(
            "{BODY}\nMore stories\nSponsored\nThe first other story has a long headline\nMay 1, 2019\nThe second other story has a long headline\nMay 1, 2019\nThe third other story has a long headline\n{BODY}"
        );
        let owned = |i: usize| [2, 4, 6].contains(&i);
        let d = Document::new(with_owned);
        assert_eq!(hl().claims(&d, owned), vec![1..8]);
        let without = format!(
            "{BODY}\nMore stories\nThe first other story has a long headline\nThe second other story has a long headline\nThe third other story has a long headline\n{BODY}"
        );
        assert_eq!(hl().claims(&Document::new(without), |_| false), vec![1..5]);
        // Not owned, the dates are lines of the text: no list.
        let d = Document::new(d.text.clone());
        assert!(hl().claims(&d, |_| false).is_empty());
    }

    #[test]
    fn long_items_under_a_heading_inside_the_body_go() {
        let text = format!(
            "{BODY}\nMore stories\nThe first other story has a long headline\nThe second other story has a long headline\nThe third other story has a long headline\n{BODY}"
        );
        let d = Document::new(text);
        assert_eq!(hl().claims(&d, |_| false), vec![1..5]);
    }

    const AR_BODY: &str = "وكشف تقرير البنك الدولي أن تحويلات المهاجرين بلغت مستوى قياسيا هذه السنة في عدد من البلدان.";

    #[test]
    fn lists_the_article_vouches_for_stay() {
        // Introduced by a colon line; a ranking; a timeline; an award list.
        for list in [
            "وجاء الترتيب كما يلي:\nالمغرب يتصدر قائمة الدول\nالجزائر تحل في المرتبة الثانية\nتونس تأتي في المرتبة الثالثة",
            "1- الهند 79 مليار دولار\n2- الصين 67 مليار دولار\n3- المكسيك 36 مليار دولار",
            "15 مارس 2011 - اندلاع الاحتجاجات في درعا\n21 أبريل 2011 - رفع حالة الطوارئ\n30 سبتمبر 2015 - بدء التدخل الروسي",
            "أفضل فيلم: آدم لمريم التوزاني\nأفضل إخراج: هشام العسري عن جاهلية\nأفضل ممثلة: نسرين الراضي عن آدم",
            // Under the list's own heading, which is part of the run.
            "مواعيد جولة الفرقة الموسيقية\n9 يونيو - حفل في مدينة الرباط\n12 يونيو - حفل في مدينة طنجة\n15 يونيو - حفل في مدينة أكادير",
        ] {
            let d = Document::new(format!("{AR_BODY}\n{list}"));
            assert!(hl().claims(&d, |_| false).is_empty(), "{list}");
        }
    }

    #[test]
    fn coherence_with_the_body_keeps_a_list() {
        let items = "تحويلات المهاجرين نحو البلدان الإفريقية\nمستوى قياسي لتحويلات المهاجرين هذه السنة\nتقرير البنك الدولي حول البلدان";
        let d = Document::new(format!("{AR_BODY}\n{items}"));
        assert!(hl().claims(&d, |_| false).is_empty());
        // The same shape with other stories' words goes.
        let other = "الحكومة تعلن عن خطة جديدة للنقل\nارتفاع أسعار النفط في الأسواق\nتبون يستقبل وزير الخارجية الأمريكي";
        let d = Document::new(format!("{AR_BODY}\n{other}"));
        assert_eq!(hl().claims(&d, |_| false), vec![1..4]);
        // Numbered other stories are still a widget.
        let numbered = "1. الحكومة تعلن عن خطة جديدة للنقل\n2. ارتفاع أسعار النفط في الأسواق\n3. تبون يستقبل وزير الخارجية";
        let d = Document::new(format!("{AR_BODY}\n{numbered}"));
        assert_eq!(hl().claims(&d, |_| false), vec![1..4]);
    }
}
