//! Stage 3: a normalized document cut into lines, with its folded view.

use crate::rules::kinds::stem_index::StemIndex;
use crate::text::fold::{fold, Folded};
use crate::text::lang::{self, Lang};
use std::cell::OnceCell;
use std::ops::Range;

/// One line of the document — or one *segment* of a line, when a detector
/// found glued words and cut the line there: byte ranges in the text and in
/// the folded view, both without the trailing newline.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: Range<usize>,
    pub folded: Range<usize>,
    /// Characters of the line after trimming whitespace (0 for a blank line).
    pub chars: usize,
    /// 0-based number of the physical line this segment belongs to.
    pub phys: usize,
    /// Whether a newline follows (false for all but the last segment of a line,
    /// and for the last line of a text without a final newline).
    pub nl: bool,
    /// Whether this is a piece of a physical line that was cut at glued words.
    pub cut: bool,
}

/// A normalized document ready for rules: text, folded view, lines, language.
#[derive(Debug)]
pub struct Document {
    pub text: String,
    pub folded: Folded,
    pub lines: Vec<Line>,
    pub lang: Lang,
    /// The lines' content-word stems, built on first use (`stems`).
    stems: OnceCell<StemIndex>,
}

impl Document {
    /// Segment `text` into lines.
    pub fn new(text: String) -> Document {
        let lang = lang::detect(&text);
        Document::with_splits(text, &[], lang)
    }

    /// Segment `text` into lines, cutting lines further at the byte offsets
    /// in `splits` (sorted; each inside a line, on a char boundary). `lang`
    /// is the document's language (`lang::detect`), computed by the caller.
    pub fn with_splits(text: String, splits: &[usize], lang: Lang) -> Document {
        let folded = fold(&text);
        let to_folded = |b: usize| folded.map.partition_point(|&m| (m as usize) < b);
        let mut lines = Vec::new();
        let mut cuts = splits.iter().copied().peekable();
        let mut start = 0;
        for (phys, piece) in text.split('\n').enumerate() {
            let end = start + piece.len();
            let first = lines.len();
            let mut seg = start;
            while let Some(&p) = cuts.peek() {
                if p >= end {
                    break;
                }
                cuts.next();
                if p > seg {
                    lines.push(segment(&text, seg..p, phys, false, &to_folded));
                    seg = p;
                }
            }
            lines.push(segment(&text, seg..end, phys, end < text.len(), &to_folded));
            if lines.len() - first > 1 {
                lines[first..].iter_mut().for_each(|l| l.cut = true);
            }
            start = end + 1;
        }
        Document {
            text,
            folded,
            lines,
            lang,
            stems: OnceCell::new(),
        }
    }

    /// The content-word stems of every line, indexed (built on first use;
    /// the lines never change after `with_splits`).
    pub fn stems(&self) -> &StemIndex {
        self.stems.get_or_init(|| StemIndex::build(self))
    }

    /// The line's text, without its newline.
    pub fn line(&self, i: usize) -> &str {
        &self.text[self.lines[i].text.clone()]
    }

    /// The line's folded view (what patterns match against).
    pub fn folded_line(&self, i: usize) -> &str {
        &self.folded.text[self.lines[i].folded.clone()]
    }

    pub fn is_blank(&self, i: usize) -> bool {
        self.lines[i].chars == 0
    }

    /// Byte range of lines `r` in the text, including the newline of the last
    /// line when there is one.
    pub fn lines_range(&self, r: Range<usize>) -> Range<usize> {
        let last = &self.lines[r.end - 1];
        self.lines[r.start].text.start..last.text.end + usize::from(last.nl)
    }

    /// The text of physical line `phys` (all its segments), without newline.
    pub fn phys_line(&self, phys: usize) -> &str {
        let first = self.lines.partition_point(|l| l.phys < phys);
        let end = self.lines.partition_point(|l| l.phys <= phys);
        if first == end {
            return "";
        }
        &self.text[self.lines[first].text.start..self.lines[end - 1].text.end]
    }

    /// Physical line range (0-based, end exclusive) of segments `r`.
    pub fn phys_range(&self, r: Range<usize>) -> Range<usize> {
        self.lines[r.start].phys..self.lines[r.end - 1].phys + 1
    }

    /// Map a byte range of line `i`'s folded view back to the text.
    pub fn unfold_span(&self, i: usize, r: Range<usize>) -> Range<usize> {
        let base = self.lines[i].folded.start;
        self.folded.to_source(base + r.start)..self.folded.to_source(base + r.end)
    }
}

fn segment(
    text: &str,
    r: Range<usize>,
    phys: usize,
    nl: bool,
    to_folded: &impl Fn(usize) -> usize,
) -> Line {
    Line {
        chars: text[r.clone()].trim().chars().count(),
        folded: to_folded(r.start)..to_folded(r.end),
        text: r,
        phys,
        nl,
        cut: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_line_up_in_text_and_folded_view() {
        let d = Document::new("عنوانٌ\n\nإقرأ أيضاً: خبر\nlast".to_string());
        assert_eq!(d.lines.len(), 4);
        assert_eq!(d.line(2), "إقرأ أيضاً: خبر");
        assert_eq!(d.folded_line(2), "اقرا ايضا: خبر");
        assert!(d.is_blank(1));
        assert_eq!(d.line(3), "last");
        assert_eq!(&d.text[d.lines_range(2..3)], "إقرأ أيضاً: خبر\n");
        assert_eq!(&d.text[d.lines_range(3..4)], "last");
    }

    #[test]
    fn splits_cut_a_line_into_segments() {
        let text = "في غزةعاجل: خبر\nسطر";
        let at = text.find("عاجل").unwrap();
        let d = Document::with_splits(text.to_string(), &[at], Lang::Ar);
        assert_eq!(d.lines.len(), 3);
        assert_eq!(
            (d.line(0), d.line(1), d.line(2)),
            ("في غزة", "عاجل: خبر", "سطر")
        );
        assert_eq!(d.folded_line(0), "في غزه");
        assert_eq!(d.folded_line(1), "عاجل: خبر");
        assert_eq!((d.lines[1].phys, d.lines[2].phys), (0, 1));
        assert!(d.lines[0].cut && d.lines[1].cut && !d.lines[2].cut);
        assert_eq!(&d.text[d.lines_range(0..1)], "في غزة");
        assert_eq!(&d.text[d.lines_range(1..2)], "عاجل: خبر\n");
        assert_eq!(d.phys_range(0..2), 0..1);
        assert_eq!(d.phys_line(0), "في غزةعاجل: خبر");
        assert_eq!(d.phys_line(1), "سطر");
    }
}
