//! Stage 3: a normalized document cut into lines, with its folded view.

use crate::fold::{fold, Folded};
use crate::lang::{self, Lang};
use std::ops::Range;

/// One line of the document: byte ranges in the text and in the folded view,
/// both without the trailing newline.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: Range<usize>,
    pub folded: Range<usize>,
    /// Characters of the line after trimming whitespace (0 for a blank line).
    pub chars: usize,
}

/// A normalized document ready for rules: text, folded view, lines, language.
#[derive(Debug)]
pub struct Document {
    pub text: String,
    pub folded: Folded,
    pub lines: Vec<Line>,
    pub lang: Lang,
}

impl Document {
    pub fn new(text: String) -> Document {
        let folded = fold(&text);
        let mut lines = Vec::new();
        let (mut ts, mut fs) = (0usize, 0usize);
        let mut fold_nl = memchr_iter(&folded.text);
        let flen = folded.text.len();
        for te in memchr_iter(&text).chain(std::iter::once(text.len())) {
            let fe = fold_nl.next().unwrap_or(flen);
            let chars = text[ts..te].trim().chars().count();
            lines.push(Line {
                text: ts..te,
                folded: fs..fe,
                chars,
            });
            ts = te + 1;
            fs = fe + 1;
        }
        drop(fold_nl);
        let lang = lang::detect(&text);
        Document {
            text,
            folded,
            lines,
            lang,
        }
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
        let start = self.lines[r.start].text.start;
        let end = self.lines[r.end - 1].text.end;
        start..(end + 1).min(self.text.len())
    }

    /// Map a byte range of line `i`'s folded view back to the text.
    pub fn unfold_span(&self, i: usize, r: Range<usize>) -> Range<usize> {
        let base = self.lines[i].folded.start;
        self.folded.to_source(base + r.start)..self.folded.to_source(base + r.end)
    }
}

fn memchr_iter(s: &str) -> std::vec::IntoIter<usize> {
    memchr::memchr_iter(b'\n', s.as_bytes())
        .collect::<Vec<_>>()
        .into_iter()
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
}
