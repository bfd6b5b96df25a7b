//! Issue 3 targets on the dev set with the default pack: body retention at
//! least 0.995, boilerplate leakage at most 0.02, documents without
//! boilerplate unchanged. Run `cargo run --release -- eval` for the full report.
//!
//! The dev set is also built with other seeds, whose documents and boilerplate
//! variants the pack was not tuned on: there the safety targets (retention,
//! unchanged bodies) must hold too; their leakage is reported in the README.

use crate::common::{corpus_dir, pack};
use newsclean_dev::eval::corpus::Corpus;
use newsclean_dev::eval::{build, evaluate, report, DEFAULT_SEED};

#[test]
fn the_default_pack_meets_the_issue_3_targets_on_the_dev_set() {
    let corpus = Corpus::load(&corpus_dir()).unwrap();
    let docs = build(&corpus, DEFAULT_SEED).unwrap();
    let r = evaluate(&docs, pack()).unwrap();
    let fails = r.target_failures();
    assert!(
        fails.is_empty(),
        "{}\n\n{}",
        fails.join("\n"),
        report::render(&r, 20)
    );
}

#[test]
fn body_is_kept_on_held_out_seeds() {
    let corpus = Corpus::load(&corpus_dir()).unwrap();
    for seed in [2, 3] {
        let docs = build(&corpus, seed).unwrap();
        let r = evaluate(&docs, pack()).unwrap();
        assert!(
            r.retention() >= 0.995,
            "seed {seed}: retention {}",
            r.retention()
        );
        assert!(
            r.clean_changed.is_empty(),
            "seed {seed}: {:?}",
            r.clean_changed
        );
    }
}
