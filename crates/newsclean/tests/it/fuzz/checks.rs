//! The invariants every target checks.

use super::*;
use crate::common::*;
use newsclean::pipeline::document::Document;
use newsclean::pipeline::{Cleaned, Outcome};
use newsclean::text::fold::fold;

// ---------------------------------------------------------------- checks

/// Kept text + removals rebuild the normalized input; removals sorted,
/// disjoint, on char boundaries.
pub(super) fn check_rebuild(decoded: &str, c: &Cleaned) {
    crate::common::assert_rebuilds(decoded, c);
}

/// Cleaning the kept text again keeps it whole: not rejected, no removal
/// by a rule, no normalization change, same text and language.
pub(super) fn check_idempotent(c: &Cleaned) {
    let again = match newsclean::clean_text(&c.text, pack()) {
        Outcome::Kept(a) => a,
        Outcome::Rejected { reason, detail, .. } => {
            panic!("kept text rejected on a second pass: {reason:?} {detail}")
        }
    };
    let by_rules = removed_by_rules(&again);
    assert!(by_rules.is_empty(), "second pass removed {by_rules:?}");
    assert!(
        again.changes.is_empty(),
        "second pass normalized {:?}",
        again.changes
    );
    assert_eq!(again.text, c.text, "second pass changed the text");
    assert_eq!(again.lang, c.lang, "second pass changed the language");
}

/// Clean a decoded text with every check. Idempotence is tallied per
/// thread (`tally_second_pass`) and bounded per target
/// (`assert_second_pass_rate`), asserted case by case only with
/// `NEWSCLEAN_FUZZ_IDEMPOTENCE=assert`.
pub(super) fn check_clean(decoded: &str) {
    match newsclean::clean_text(decoded, pack()) {
        Outcome::Kept(c) => {
            check_rebuild(decoded, &c);
            let run = std::panic::AssertUnwindSafe(|| check_idempotent(&c));
            let changed = std::panic::catch_unwind(run);
            tally_second_pass(changed.is_err());
            if let Err(e) = changed {
                if idempotence_asserted() {
                    std::panic::resume_unwind(e);
                }
            }
        }
        Outcome::Rejected { cleaned, .. } => {
            if let Some(c) = cleaned {
                check_rebuild(decoded, &c);
                assert!(c.text.is_empty());
            }
        }
    }
}

thread_local! {
    /// Kept texts checked and those a second pass changed, on this thread
    /// (a proptest target runs its cases on one thread).
    static SECOND_PASS: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

fn tally_second_pass(changed: bool) {
    SECOND_PASS.with(|t| {
        let (kept, failed) = t.get();
        t.set((kept + 1, failed + usize::from(changed)));
    });
}

/// Kept texts a second pass may change beyond a target's rate (small case
/// counts: the debug `cargo test` runs 64).
const SECOND_PASS_SLACK: usize = 2;

/// Run a proptest target on this thread, then print how many of its kept
/// texts a second pass changed and assert that there are at most
/// `per_mille` per thousand (+ `SECOND_PASS_SLACK`): a change that makes the
/// cleaning less stable fails. Each target's bound sits a little above its
/// rate at CI's case count (docs/internals.md, Fuzzing).
pub(super) fn run_target<S>(name: &str, div: u32, per_mille: usize, strategy: S)
where
    S: Strategy,
    S::Value: AsRef<[u8]>,
{
    SECOND_PASS.with(|t| t.set((0, 0)));
    idempotence_asserted(); // installs the quiet panic hook first
    let mut config = config(div);
    config.source_file = Some(file!());
    let mut runner = proptest::test_runner::TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, |v| {
        check_bytes(v.as_ref());
        Ok(())
    }) {
        panic!("{name}: {e}");
    }
    let (kept, failed) = SECOND_PASS.with(|t| t.get());
    eprintln!("{name}: a second pass changed {failed} of {kept} kept texts");
    assert!(
        failed * 1000 <= kept * per_mille + SECOND_PASS_SLACK * 1000,
        "{name}: a second pass changed {failed} of {kept} kept texts (bound: {per_mille} per thousand + {SECOND_PASS_SLACK})"
    );
}

/// Decode bytes as a text file would be, then clean.
pub(super) fn check_bytes(bytes: &[u8]) {
    if let Ok(decoded) = newsclean::io::source::decode(bytes.to_vec(), u64::MAX) {
        check_clean(&decoded);
    }
}

/// The folded view maps back to char boundaries, monotonically, with
/// newlines one to one; every line of a document unfolds inside itself.
pub(super) fn check_fold(text: &str) {
    let f = fold(text);
    assert_eq!(
        f.map.len(),
        f.text.len() + 1,
        "one map entry per byte + end"
    );
    assert_eq!(f.to_source(f.text.len()), text.len(), "end maps to end");
    let mut last = 0;
    for (i, &m) in f.map.iter().enumerate() {
        let m = m as usize;
        assert!(m >= last, "map not monotone at folded byte {i}");
        assert!(
            m <= text.len() && text.is_char_boundary(m),
            "byte {i} → {m}"
        );
        last = m;
    }
    for (i, b) in f.text.bytes().enumerate() {
        if b == b'\n' {
            assert_eq!(text.as_bytes()[f.to_source(i)], b'\n', "newline {i}");
        }
    }
    assert_eq!(
        f.text.matches('\n').count(),
        text.matches('\n').count(),
        "newlines one to one"
    );
    let doc = Document::new(text.to_string());
    for (i, l) in doc.lines.iter().enumerate() {
        let line = doc.folded_line(i);
        let span = doc.unfold_span(i, 0..line.len());
        assert!(span.start >= l.text.start && span.end <= l.text.end + 1);
        for (j, _) in line.char_indices() {
            let s = doc.unfold_span(i, j..line.len());
            assert!(doc.text.is_char_boundary(s.start) && s.start <= s.end);
        }
    }
}
