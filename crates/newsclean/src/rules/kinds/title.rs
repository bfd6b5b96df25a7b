//! `title`: the first line becomes `metadata.title` when it looks like one.
//!
//! A first line (the first non-blank line that no other rule removes, with
//! nothing kept before it) is a title when it is short (`max_chars`,
//! `max_words`), has no final sentence punctuation, and the next kept
//! non-blank line is a body paragraph: at least `min_body_chars` long, with
//! sentence punctuation in it. It leaves the text; the title is kept in metadata.
//! When the next line would itself be a title (a headline-shaped lede before
//! a body paragraph), neither is taken: the choice is a guess, and taking the
//! first would make cleaning the output again remove the second.
//!
//! A first line is taken only when it is set apart and does not read as the
//! first sentence of the body: when the text separates paragraphs with blank
//! lines, the title must be followed by one (or by a removed line); and the
//! line must not end on a comma, dash or function word, be continued by a
//! next line opening in lower case, hold a comma in twelve words or more
//! (a lead clause: "أعلنت وزارة الصحة، اليوم الأحد، عن ...", unless it ends
//! with a site's name as page titles do: "... - CBSSports.com"), or open with a
//! verb of saying followed by أن / إن ("قال الوزير إن ..."). A line holding
//! one of `refuse_words` (folded: sponsor and advertising notes) is no title.
//!
//! ```toml
//! [[rule]]
//! id = "title"
//! kind = "title"
//! description = "The headline on the first line."
//! max_chars = 150
//! examples.remove = ["⟦مباحثات جزائرية أمريكية لاقتناء الأسلحة⟧\n\nأعلن السفير الأمريكي في الجزائر اليوم عن مباحثات جديدة بين البلدين حول اقتناء الأسلحة والتعاون العسكري."]
//! examples.keep = ["عنوان قصير\n\nسطر قصير."]
//! ```

use super::article::{leaves_open, reported};
use super::{ends_sentence, Behaviour};
use crate::pipeline::work::{At, Work};
use serde::Deserialize;

/// Claims: the first line, when short and followed by body; it goes to `metadata.title`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Title {
    /// Longest title (characters).
    #[serde(default = "default_chars")]
    pub max_chars: usize,
    /// Most words in a title.
    #[serde(default = "default_words")]
    pub max_words: usize,
    /// Shortest body paragraph (characters) that must follow the title.
    #[serde(default = "default_body")]
    pub min_body_chars: usize,
    /// Folded words or phrases that make a first line no title (sponsor notes: "#ad", "برعايه").
    #[serde(default)]
    pub refuse_words: Vec<String>,
}

fn default_chars() -> usize {
    150
}
fn default_words() -> usize {
    25
}
fn default_body() -> usize {
    80
}

impl Title {
    /// Whether `line` is a title given the body line that follows it.
    pub fn accepts(&self, line: &str, next: &str) -> bool {
        let line = line.trim();
        let chars = line.chars().count();
        chars >= 3
            && chars <= self.max_chars
            && line.split_whitespace().count() <= self.max_words
            && !ends_sentence(line)
            && !line.ends_with(':')
            && self.is_body(next)
    }

    /// Whether `line` reads as the first sentence of the body that `next`
    /// continues, or is a sponsor note (see the module doc).
    pub fn reads_as_body(&self, line: &str, next: &str) -> bool {
        let folded = crate::text::fold::fold(line.trim()).text;
        let words: Vec<&str> = folded.split_whitespace().collect();
        let cut = folded.ends_with([',', '،', '؛', ';', '-', '–'])
            || words.last().is_some_and(|w| leaves_open(w));
        let continued = next.trim_start().starts_with(|c: char| c.is_lowercase());
        // A page title ends with its site's name ("... - CBSSports.com").
        let site = [" - ", " | "].iter().any(|sep| {
            folded
                .rsplit_once(sep)
                .is_some_and(|(_, name)| name.split_whitespace().count() <= 4)
        });
        let clause = words.len() >= 12 && folded.contains([',', '،']) && !site;
        let sponsor = self
            .refuse_words
            .iter()
            .any(|w| folded.contains(w.as_str()));
        cut || continued || clause || sponsor || reported(&folded)
    }

    /// A body paragraph: long enough, with sentence punctuation somewhere
    /// (its end may be a quote or a bracket rather than a full stop).
    fn is_body(&self, line: &str) -> bool {
        line.trim().chars().count() >= self.min_body_chars
            && line.contains(['.', '!', '?', '؟', '،', ',', '؛', ';'])
    }
}

impl Behaviour for Title {
    fn parse(params: toml::Table) -> Result<Self, String> {
        let t: Title = super::deserialize(params)?;
        if let Some(w) = t
            .refuse_words
            .iter()
            .find(|w| crate::text::fold::fold(w).text != **w || w.trim().is_empty())
        {
            return Err(format!(
                "refuse_words: `{w}` is not folded (see the folded view)"
            ));
        }
        Ok(t)
    }

    /// The first kept non-blank line, if it is a title. Only the pack's
    /// first title rule runs.
    fn claim(&self, at: &At, work: &mut Work) {
        if work.title.is_some() {
            return;
        }
        let doc = at.doc;
        let owners = &mut work.owners;
        let kept =
            |o: &crate::pipeline::resolve::Owners, i: usize| !doc.is_blank(i) && !o.is_owned(i);
        let Some(first) = (0..doc.lines.len()).find(|&i| kept(owners, i)) else {
            return;
        };
        // A line cut at glued words ("WorldCom", a widget glued to a
        // headline) is judged by its kept pieces, as a second pass sees them
        // once the removed pieces are gone, and they are claimed together.
        let phys = doc.lines[first].phys;
        let start = doc.lines.partition_point(|l| l.phys < phys);
        let end = doc.lines.partition_point(|l| l.phys <= phys);
        let pieces: Vec<usize> = (start..end).filter(|&i| !owners.is_owned(i)).collect();
        let Some(next) = (end..doc.lines.len()).find(|&i| kept(owners, i)) else {
            return;
        };
        let line = |p: usize| doc.phys_line(p);
        let title: String = pieces.iter().map(|&i| doc.line(i)).collect();
        let title = title.as_str();
        // The body test reads the whole physical line, even when it was cut.
        let next_phys = doc.lines[next].phys;
        if !self.accepts(title, line(next_phys)) || self.reads_as_body(title, line(next_phys)) {
            return;
        }
        // Set apart: when the kept text separates paragraphs with blank lines,
        // a title is followed by one (or by a line another rule removed).
        let apart = (end..next).any(|i| doc.is_blank(i) || owners.is_owned(i));
        let blank_separated = (next..doc.lines.len())
            .any(|i| doc.is_blank(i) && i + 1 < doc.lines.len() && kept(owners, i + 1));
        if !apart && blank_separated {
            return;
        }
        // When the next line would be a title as well (a headline-shaped lede
        // before a body paragraph), which of the two is the headline is a
        // guess: taking the first would make the second the title of the
        // cleaned text, so cleaning it again would remove it too. Take neither.
        let after =
            (next..doc.lines.len()).find(|&i| doc.lines[i].phys != next_phys && kept(owners, i));
        if after.is_some_and(|a| self.accepts(line(next_phys), line(doc.lines[a].phys))) {
            return;
        }
        for &i in &pieces {
            owners.add(at.claim(i..i + 1, None));
        }
        work.title = Some(title.trim().to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Title {
        Title {
            max_chars: 150,
            max_words: 25,
            min_body_chars: 80,
            refuse_words: vec!["#ad".into(), "sponsored".into()],
        }
    }
    const BODY: &str = "أعلن صبري بوقادوم، سفير الجزائر لدى واشنطن، عن تنظيم مباحثات قريبا بين الجزائر والولايات المتحدة.";

    #[test]
    fn short_line_before_body_is_a_title() {
        assert!(t().accepts("مباحثات جزائرية أمريكية لاقتناء الأسلحة", BODY));
    }

    #[test]
    fn sentences_long_lines_and_short_bodies_are_not() {
        assert!(!t().accepts("هذا سطر ينتهي بنقطة.", BODY));
        assert!(!t().accepts(&"كلمة ".repeat(30), BODY));
        assert!(!t().accepts("عنوان قصير", "جملة قصيرة."));
        assert!(!t().accepts("عنوان قصير", &"نص طويل بلا ترقيم ".repeat(10)));
        // A body paragraph may end with a quote rather than a stop.
        assert!(t().accepts("عنوان قصير", &format!("{BODY} المجموعة « D »")));
    }

    #[test]
    fn lead_sentences_and_sponsor_notes_are_not() {
        let lead = "أعلنت وزارة الصحة، اليوم الأحد، عن تسجيل 120 إصابة جديدة بفيروس كورونا المستجد";
        assert!(t().accepts(lead, BODY) && t().reads_as_body(lead, BODY));
        assert!(t().reads_as_body("وقال الوزير إن الحكومة ستعلن عن خطة جديدة في", BODY));
        assert!(t().reads_as_body(
            "قال وزير الخارجية إن المغرب لن يقبل أي حل خارج إطار الحكم الذاتي",
            BODY
        ));
        assert!(t().reads_as_body(
            "Officials said on Monday that the",
            "talks would resume next week, as planned by both sides, and end soon."
        ));
        assert!(t().reads_as_body("This post is sponsored by Acme #ad", BODY));
        assert!(!t().reads_as_body("مباحثات جزائرية أمريكية لاقتناء الأسلحة", BODY));
        assert!(!t().reads_as_body("Dollar gains on Greenspan speech", BODY));
        assert!(!t().reads_as_body("Kewell waits as injury drags on", BODY));
        let page = "Browns defensive snap counts, stats, and notes: Week 11 of the season - Dawgs By Nature";
        assert!(!t().reads_as_body(page, BODY));
    }
}
