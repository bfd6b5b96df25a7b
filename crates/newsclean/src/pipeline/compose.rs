//! Two cleanings in one: a document cleaned once, then its kept text
//! cleaned again, as one `Cleaned` over the first normalized text.
//!
//! Used where a second clean of the output would not leave it alone: a
//! mixed-script document that no language confirms is cleaned with the
//! language-neutral rules only (`und`), and its kept text may then read as
//! one language whose rules a second clean would run (see
//! `clean_normalized`). Cleaning the kept text again at once, and mapping
//! what that removes back onto the input, makes the output a fixed point.

use super::resolve::Removal;
use super::Cleaned;
use std::ops::Range;

/// Where the kept text of a cleaning came from: pieces (kept start,
/// normalized start, length), in order.
struct KeptMap(Vec<(usize, usize, usize)>);

impl KeptMap {
    /// The gaps between `removals` (sorted, disjoint) in a text of `len` bytes.
    fn new(removals: &[Removal], len: usize) -> KeptMap {
        let mut pieces = Vec::new();
        let (mut kept, mut pos) = (0, 0);
        for r in removals.iter().map(|r| &r.bytes).chain([&(len..len)]) {
            if r.start > pos {
                pieces.push((kept, pos, r.start - pos));
                kept += r.start - pos;
            }
            pos = pos.max(r.end);
        }
        KeptMap(pieces)
    }

    /// The normalized offset of kept offset `p` (the end of a piece when `p`
    /// falls between two).
    fn point(&self, p: usize) -> usize {
        let i = self.0.partition_point(|&(k, _, len)| k + len < p);
        self.0.get(i).map_or(p, |&(k, n, _)| n + (p - k))
    }

    /// The normalized ranges a range of the kept text covers: one per piece
    /// it touches (a first removal between two pieces splits it).
    fn ranges(&self, r: &Range<usize>) -> Vec<Range<usize>> {
        if r.is_empty() {
            let p = self.point(r.start);
            return std::iter::once(p..p).collect();
        }
        self.0
            .iter()
            .filter(|&&(k, _, len)| k < r.end && r.start < k + len)
            .map(|&(k, n, len)| {
                let (a, b) = (r.start.max(k), r.end.min(k + len));
                n + (a - k)..n + (b - k)
            })
            .collect()
    }
}

/// `first`, with what cleaning its kept text again (`second`, whose
/// normalized text is `first.text`) removed on top, in `first`'s offsets.
pub(super) fn compose(mut first: Cleaned, second: Cleaned) -> Cleaned {
    debug_assert_eq!(second.normalized, first.text);
    let map = KeptMap::new(&first.removals, first.normalized.len());
    let line_of = super::line_index(&first.normalized);
    for r in &second.removals {
        for bytes in map.ranges(&r.bytes) {
            let last = line_of(bytes.end.max(bytes.start + 1) - 1);
            first.removals.push(Removal {
                lines: line_of(bytes.start)..last + 1,
                bytes,
                ..r.clone()
            });
        }
    }
    first.removals.sort_by_key(|r| (r.bytes.start, r.bytes.end));
    for (at, note) in second.notes {
        first.notes.insert(map.point(at), note);
    }
    for (k, v) in second.fields {
        first.fields.entry(k).or_insert(v);
    }
    first.title = first.title.or(second.title);
    first.text = second.text;
    first.lang = second.lang;
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleRef;

    fn removal(bytes: Range<usize>) -> Removal {
        Removal {
            rule: RuleRef::Tidy,
            lines: 0..1,
            bytes,
            whole_lines: false,
            count: None,
        }
    }

    #[test]
    fn kept_ranges_map_around_first_removals() {
        // "aaXXbbYYcc": XX and YY removed, kept "aabbcc".
        let m = KeptMap::new(&[removal(2..4), removal(6..8)], 10);
        assert_eq!(m.ranges(&(1..5)), vec![1..2, 4..6, 8..9]);
        assert_eq!(m.ranges(&(0..2)), vec![0..2]);
        assert_eq!(m.ranges(&(6..6)).first(), Some(&(10..10)));
        assert_eq!(m.point(3), 5);
    }
}
