//! Stage 6: whitespace tidy, expressed as deletions so nothing is unaccounted.
//!
//! On the text that survives rule removals: lines are trimmed, blank lines
//! before the first and after the last text line go, and each run of blank
//! lines between two text lines becomes exactly one blank line (paragraphs
//! are separated by one blank line; lines of a paragraph stay together).
//! Every deleted byte is returned as a range of the *original* text, so the
//! audit still rebuilds the input exactly.

use std::ops::Range;

/// Apply `removed` (sorted, disjoint) to `text`, then tidy. Returns the final
/// text and tidy's own deletions as sorted, merged ranges of `text`.
pub fn tidy(text: &str, removed: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    // The surviving text `s`, with segments mapping it back: (s_start, t_start, len).
    let mut s = String::with_capacity(text.len());
    let mut segs: Vec<(usize, usize, usize)> = Vec::new();
    let mut pos = 0;
    for r in removed
        .iter()
        .chain(std::iter::once(&(text.len()..text.len())))
    {
        if r.start > pos {
            segs.push((s.len(), pos, r.start - pos));
            s.push_str(&text[pos..r.start]);
        }
        pos = pos.max(r.end);
    }

    let dels = deletions(&s);
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for d in &dels {
        out.push_str(&s[at..d.start]);
        at = d.end;
    }
    out.push_str(&s[at..]);
    (out, to_source(&segs, &dels))
}

/// Tidy's deletions within `s`, sorted and disjoint.
fn deletions(s: &str) -> Vec<Range<usize>> {
    // (content start, content end, trimmed start, trimmed end, newline position)
    let mut lines = Vec::new();
    let mut start = 0;
    loop {
        let end = s[start..].find('\n').map_or(s.len(), |i| start + i);
        let line = &s[start..end];
        let ts = start + (line.len() - line.trim_start().len());
        let te = start + line.trim_end().len();
        let nl = (end < s.len()).then_some(end);
        lines.push((start, end, ts, te.max(ts), nl));
        if end == s.len() {
            break;
        }
        start = end + 1;
    }
    let blank = |i: usize| lines[i].2 >= lines[i].3;
    let first_text = (0..lines.len()).find(|&i| !blank(i));
    let last_text = (0..lines.len()).rev().find(|&i| !blank(i));
    let mut dels: Vec<Range<usize>> = Vec::new();
    let mut push = |r: Range<usize>| {
        if r.is_empty() {
            return;
        }
        match dels.last_mut() {
            Some(last) if last.end == r.start => last.end = r.end,
            _ => dels.push(r),
        }
    };
    for (i, &(cs, ce, ts, te, nl)) in lines.iter().enumerate() {
        if blank(i) {
            push(cs..ce);
        } else {
            push(cs..ts);
            push(te..ce);
        }
        if let Some(nl) = nl {
            let between = matches!((first_text, last_text), (Some(f), Some(l)) if i >= f && i < l);
            let keep = between && (!blank(i) || !blank(i - 1));
            if !keep {
                push(nl..nl + 1);
            }
        }
    }
    dels
}

/// Map deletions in the surviving text back to ranges of the original text.
fn to_source(segs: &[(usize, usize, usize)], dels: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut k = 0;
    for d in dels {
        let mut a = d.start;
        while a < d.end {
            while segs[k].0 + segs[k].2 <= a {
                k += 1;
            }
            let (ss, ts, len) = segs[k];
            let b = d.end.min(ss + len);
            let r = ts + (a - ss)..ts + (b - ss);
            match out.last_mut() {
                Some(last) if last.end == r.start => last.end = r.end,
                _ => out.push(r),
            }
            a = b;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, removed: &[Range<usize>]) -> String {
        let (out, dels) = tidy(text, removed);
        // Rebuild check: every byte is either kept or deleted exactly once.
        let mut all: Vec<Range<usize>> = removed.iter().cloned().chain(dels).collect();
        all.sort_by_key(|r| r.start);
        let mut kept = String::new();
        let mut pos = 0;
        for r in &all {
            assert!(r.start >= pos, "overlap at {r:?}");
            kept.push_str(&text[pos..r.start]);
            pos = r.end;
        }
        kept.push_str(&text[pos..]);
        assert_eq!(kept, out);
        out
    }

    #[test]
    fn paragraphs_get_exactly_one_blank_line() {
        assert_eq!(apply("\n\n  A  \n\n\n\nB\nC \n \n\n", &[]), "A\n\nB\nC");
    }

    #[test]
    fn removed_lines_leave_no_gaps() {
        let t = "A\n\nX\n\nB\nY\n";
        // Remove "X\n" and "Y\n".
        assert_eq!(apply(t, &[3..5, 8..10]), "A\n\nB");
    }

    #[test]
    fn clean_text_is_untouched() {
        assert_eq!(tidy("A\n\nB", &[]), ("A\n\nB".to_string(), vec![]));
    }
}
