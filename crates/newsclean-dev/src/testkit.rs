//! Helpers shared by the integration tests of every crate of the workspace
//! (each crate's `tests/it/common.rs` re-exports them): the repository root,
//! the default pack, seeds, the corpus, and the invariants as assertions.

use newsclean::pipeline::rebuild::rebuild;
use newsclean::pipeline::{Cleaned, Outcome};
use newsclean::rules::{self, Pack};
use newsclean::text::normalize::normalize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The default pack in rules/, loaded once per test binary.
pub fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| rules::load_dir(&root().join("rules")).expect("default pack loads"))
}

pub fn seed(name: &str) -> String {
    std::fs::read_to_string(root().join("seeds").join(name)).expect("seed file")
}

/// Clean a text that must be kept.
pub fn keep(text: &str) -> Cleaned {
    match newsclean::clean_text(text, pack()) {
        Outcome::Kept(c) => c,
        Outcome::Rejected { reason, detail, .. } => panic!("rejected: {reason:?} {detail}"),
    }
}

/// Invariant 2: kept text plus removals rebuild the normalized input.
pub fn assert_rebuilds(input: &str, c: &Cleaned) {
    let normalized = normalize(input, &pack().normalize).0;
    assert_eq!(c.normalized, normalized, "normalized text differs");
    assert_sound(c);
}

/// Removals sorted, disjoint and on char boundaries, and kept text plus
/// removals rebuild `c.normalized` (whatever pack cleaned it).
pub fn assert_sound(c: &Cleaned) {
    let mut end = 0;
    for r in &c.removals {
        assert!(
            r.bytes.start >= end,
            "removals overlap or unsorted: {:?}",
            c.removals
        );
        assert!(r.bytes.end <= c.normalized.len());
        assert!(c.normalized.is_char_boundary(r.bytes.start));
        assert!(c.normalized.is_char_boundary(r.bytes.end));
        end = r.bytes.end;
    }
    let rebuilt = rebuild(
        &c.text,
        c.removals
            .iter()
            .map(|r| (r.bytes.start, &c.normalized[r.bytes.clone()])),
    )
    .expect("removals fit the kept text");
    assert_eq!(
        rebuilt, c.normalized,
        "rebuild differs from normalized input"
    );
}

/// Invariant 3: cleaning the cleaned text removes nothing more. (Cuts at
/// glued words are recorded as empty removals; they remove nothing.)
pub fn assert_idempotent(c: &Cleaned) {
    let again = keep(&c.text);
    let by_rules = removed_by_rules(&again);
    assert!(by_rules.is_empty(), "second pass removed {by_rules:?}");
    assert_eq!(again.text, c.text);
}

/// What rules (not tidy, not an empty cut) removed: (rule id, text).
pub fn removed_by_rules(c: &Cleaned) -> Vec<(&str, &str)> {
    c.removals
        .iter()
        .filter(|r| !r.rule.is_tidy() && !r.bytes.is_empty())
        .map(|r| (pack().id(r.rule), c.removed_text(r)))
        .collect()
}

/// The rule ids that removed text containing `needle`.
pub fn removed_by<'a>(c: &'a Cleaned, needle: &str) -> Vec<&'a str> {
    c.removals
        .iter()
        .filter(|r| c.removed_text(r).contains(needle))
        .map(|r| pack().id(r.rule))
        .collect()
}

/// `../shared/<name>` (beside the repository, as in CI), checked by one of
/// its files: a missing folder fails naming the path.
fn shared_dir(name: &str, probe: &str, what: &str) -> PathBuf {
    let dir = root().join("../shared").join(name);
    assert!(
        dir.join(probe).exists(),
        "{what} missing: expected {} (see README)",
        dir.display()
    );
    dir
}

/// ../shared/corpus: real article bodies.
pub fn corpus_dir() -> PathBuf {
    shared_dir("corpus", "ar_news_bodies.jsonl", "the corpus is")
}

/// ../shared/labeled: the labelled real pages (`scrapinghub_en.jsonl` holds
/// both halves).
pub fn labeled_dir() -> PathBuf {
    shared_dir("labeled", "scrapinghub_en.jsonl", "the labelled pages are")
}

/// Article bodies (paragraph lists) of one language from the corpus.
pub fn corpus(lang: &str) -> Vec<Vec<String>> {
    let path = corpus_dir().join(format!("{lang}_news_bodies.jsonl"));
    let text = std::fs::read_to_string(&path).expect("corpus file");
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus JSON");
            v["paragraphs"]
                .as_array()
                .expect("paragraphs")
                .iter()
                .map(|p| p.as_str().expect("string").to_string())
                .collect()
        })
        .collect()
}

/// The records of a JSONL output file.
pub fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}
