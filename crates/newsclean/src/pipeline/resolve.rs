//! Claims and their resolution: the only place that decides who owns a line.
//!
//! Rules and detectors never edit text: they *claim* lines or spans. Here
//! every line gets at most one owner (precedence in `rules::kinds`), runs of
//! lines with the same owner become one removal, and spans fill in only
//! where no line-level claim applies. The result is a sorted list of
//! disjoint removals, each naming exactly one rule.

use crate::pipeline::document::Document;
use crate::rules::RuleRef;
use std::ops::Range;

/// A claim on whole lines.
#[derive(Debug, Clone)]
pub struct LineClaim {
    pub rule: u32,
    pub lines: Range<usize>,
    /// Kind rank: the tie-break after claim width.
    pub rank: u8,
    /// For title and extract claims: the metadata value they carry.
    pub value: Option<String>,
    /// For repeated lines: in how many documents the line occurs.
    pub count: Option<u32>,
}

impl LineClaim {
    pub fn new(rule: u32, lines: Range<usize>, rank: u8, value: Option<String>) -> LineClaim {
        LineClaim {
            rule,
            lines,
            rank,
            value,
            count: None,
        }
    }
}

/// A claim on part of one line.
#[derive(Debug, Clone)]
pub struct SpanClaim {
    pub rule: u32,
    pub line: usize,
    pub bytes: Range<usize>,
}

/// One removal: a byte range of the normalized text owned by one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Removal {
    /// The rule that made it, or tidy.
    pub rule: RuleRef,
    pub bytes: Range<usize>,
    /// 0-based physical line range the removal touches.
    pub lines: Range<usize>,
    /// True when it removes whole lines (or whole segments of a cut line).
    pub whole_lines: bool,
    /// For repeated lines: in how many documents the line occurs.
    pub count: Option<u32>,
}

/// Line ownership: `owner[line]` is the index of the claim that owns it.
pub struct Owners {
    pub claims: Vec<LineClaim>,
    pub owner: Vec<Option<u32>>,
}

impl Owners {
    pub fn new(n_lines: usize) -> Owners {
        Owners {
            claims: Vec::new(),
            owner: vec![None; n_lines],
        }
    }

    pub fn is_owned(&self, line: usize) -> bool {
        self.owner[line].is_some()
    }

    /// Resolve `claims`: narrowest first, then kind rank, then pack order.
    /// Lines already owned keep their owner.
    pub fn add_all(&mut self, mut claims: Vec<LineClaim>) {
        claims.sort_by_key(|c| (c.lines.len(), c.rank, c.rule, c.lines.start));
        for c in claims {
            self.add(c);
        }
    }

    /// Give the claim every line of its range that has no owner yet.
    pub fn add(&mut self, claim: LineClaim) {
        let idx = self.claims.len() as u32;
        let mut took = false;
        for l in claim.lines.clone() {
            if self.owner[l].is_none() {
                self.owner[l] = Some(idx);
                took = true;
            }
        }
        if took {
            self.claims.push(claim);
        }
    }

    /// Whether claim `c` owns every line of its range (its value then counts).
    pub fn owns_all(&self, c: u32) -> bool {
        self.claims[c as usize]
            .lines
            .clone()
            .all(|l| self.owner[l] == Some(c))
    }

    /// Turn ownership plus spans into sorted, disjoint removals.
    pub fn removals(&self, doc: &Document, mut spans: Vec<SpanClaim>) -> Vec<Removal> {
        let mut out = Vec::new();
        let n = self.owner.len();
        let mut i = 0;
        while i < n {
            let Some(c) = self.owner[i] else {
                i += 1;
                continue;
            };
            let start = i;
            while i < n && self.owner[i] == Some(c) {
                i += 1;
            }
            let claim = &self.claims[c as usize];
            let mut bytes = doc.lines_range(start..i);
            // A run that starts after a kept piece of a cut line keeps the
            // newline it ends with: removing it would glue the next line to
            // that piece, and a second pass would find a new glued cut there.
            let phys = doc.lines[start].phys;
            let kept_before = (0..start)
                .rev()
                .take_while(|&k| doc.lines[k].phys == phys)
                .any(|k| self.owner[k].is_none() && !doc.is_blank(k));
            if kept_before && doc.lines[i - 1].nl {
                bytes.end -= 1;
            }
            out.push(Removal {
                rule: RuleRef::Rule(claim.rule),
                bytes,
                lines: doc.phys_range(start..i),
                whole_lines: true,
                count: claim.count,
            });
        }
        spans.retain(|s| !self.is_owned(s.line) && !s.bytes.is_empty());
        spans.sort_by_key(|s| (s.bytes.start, std::cmp::Reverse(s.bytes.end), s.rule));
        let mut last_end = 0;
        for s in spans {
            if s.bytes.start < last_end {
                continue; // overlaps an earlier (or longer) span
            }
            last_end = s.bytes.end;
            let phys = doc.lines[s.line].phys;
            out.push(Removal {
                rule: RuleRef::Rule(s.rule),
                bytes: s.bytes,
                lines: phys..phys + 1,
                whole_lines: false,
                count: None,
            });
        }
        out.sort_by_key(|r| r.bytes.start);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(rule: u32, lines: Range<usize>, rank: u8) -> LineClaim {
        LineClaim::new(rule, lines, rank, None)
    }

    #[test]
    fn narrowest_claim_owns_the_line() {
        let doc = Document::new("a\nb\nc\nd\ne".into());
        let mut o = Owners::new(5);
        // A tail from line 1 and a block over lines 3..5.
        o.add_all(vec![claim(0, 1..5, 4), claim(1, 3..5, 3)]);
        let r = o.removals(&doc, vec![]);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].rule, r[0].lines.clone()), (RuleRef::Rule(0), 1..3));
        assert_eq!((r[1].rule, r[1].lines.clone()), (RuleRef::Rule(1), 3..5));
        assert_eq!(&doc.text[r[0].bytes.clone()], "b\nc\n");
        assert_eq!(&doc.text[r[1].bytes.clone()], "d\ne");
    }

    #[test]
    fn ties_go_to_rank_then_pack_order() {
        let doc = Document::new("x\ny".into());
        let mut o = Owners::new(2);
        o.add_all(vec![
            claim(5, 0..1, 2),
            claim(3, 0..1, 2),
            claim(9, 0..1, 1),
        ]);
        assert_eq!(o.removals(&doc, vec![])[0].rule, RuleRef::Rule(9));
        let mut o = Owners::new(2);
        o.add_all(vec![claim(5, 0..1, 2), claim(3, 0..1, 2)]);
        assert_eq!(o.removals(&doc, vec![])[0].rule, RuleRef::Rule(3));
    }

    #[test]
    fn a_removed_last_piece_keeps_the_newline_after_a_kept_piece() {
        use crate::text::lang::Lang;
        // "ab|cd\nef" cut at 2: pieces "ab", "cd" (line 0), then "ef".
        let doc = Document::with_splits("abcd\nef\ngh".into(), &[2], Lang::En);
        let mut o = Owners::new(doc.lines.len());
        o.add(claim(0, 1..3, 2));
        let r = o.removals(&doc, vec![]);
        assert_eq!(&doc.text[r[0].bytes.clone()], "cd\nef");
        // With the first piece removed too, the whole line goes.
        let mut o = Owners::new(doc.lines.len());
        o.add(claim(0, 0..2, 2));
        assert_eq!(
            &doc.text[o.removals(&doc, vec![])[0].bytes.clone()],
            "abcd\n"
        );
    }

    #[test]
    fn spans_only_on_unowned_lines_and_never_overlap() {
        let doc = Document::new("one two three\nfour".into());
        let mut o = Owners::new(2);
        o.add(claim(0, 1..2, 2));
        let spans = vec![
            SpanClaim {
                rule: 1,
                line: 0,
                bytes: 4..8,
            },
            SpanClaim {
                rule: 2,
                line: 0,
                bytes: 6..13,
            },
            SpanClaim {
                rule: 3,
                line: 1,
                bytes: 14..18,
            },
        ];
        let r = o.removals(&doc, spans);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].rule, r[0].bytes.clone()), (RuleRef::Rule(1), 4..8));
        assert_eq!(r[1].rule, RuleRef::Rule(0));
    }
}
