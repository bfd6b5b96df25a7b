//! `newsclean train`: deterministic (same inputs → byte-identical weights
//! file), and the file it writes loads as a rule pack.

use newsclean_dev::eval::{self, corpus::Corpus};
use newsclean_dev::testkit::corpus_dir;
use newsclean_dev::train::{self, TrainOptions};
use std::io::Write;
use std::path::Path;

/// A small corpus folder: the first `n` articles of each language.
fn small_corpus(dir: &Path, n: usize) {
    for name in ["ar_news_bodies.jsonl", "en_news_bodies.jsonl"] {
        let text = std::fs::read_to_string(corpus_dir().join(name)).unwrap();
        let mut f = std::fs::File::create(dir.join(name)).unwrap();
        for line in text.lines().take(n) {
            writeln!(f, "{line}").unwrap();
        }
    }
}

#[test]
fn training_twice_gives_the_same_bytes_and_the_file_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    small_corpus(&corpus, 60);
    // A labelled file: a small dev set written out.
    let docs = eval::build(&Corpus::load(&corpus_dir()).unwrap(), 77).unwrap();
    let set = tmp.path().join("set.jsonl");
    eval::write_jsonl(&docs[..40], std::fs::File::create(&set).unwrap()).unwrap();
    let pack = newsclean::Pack::builtin().unwrap().without("model");
    let opts = TrainOptions {
        sets: vec![set],
        corpus,
        seeds: vec![],
        donor_seed: 7,
        max_body_loss_en: 0.002,
        max_body_loss_ar: 0.0005,
        max_short_loss: 0.01,
        real_weight: 1.0,
        fit: Default::default(),
        command: "test".into(),
    };
    let a = train::render(&train::train(&opts, &pack).unwrap());
    let b = train::render(&train::train(&opts, &pack).unwrap());
    assert_eq!(a, b, "training is not deterministic");
    assert!(a.contains("[rule.tables]") && a.contains("fnv64"));
    let dir = tmp.path().join("pack");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("segment.toml"), &a).unwrap();
    let loaded = newsclean::rules::load_dir(&dir).unwrap();
    assert_eq!(loaded.rules[0].id, "model.segment");
}

/// The shipped model on a generated dump: what it keeps, it keeps on a
/// second clean (it claims nothing more), and its removals carry a note.
/// Both cleans run as a dump, with the first pass over their inputs (the
/// model weighs the dump's counts; those of the output are not higher).
#[test]
fn the_shipped_model_is_idempotent_on_a_generated_dump() {
    use newsclean::corpus_pass::stats_for;
    use newsclean::pipeline::{clean_text_in, Context, Outcome};
    use newsclean_dev::generate::{Material, Rng};
    let pack = newsclean::Pack::builtin().unwrap();
    let material = Material::load(&corpus_dir(), &pack).unwrap();
    let mut rng = Rng::new(11);
    let is_model = |c: &newsclean::Cleaned, r: &newsclean::Removal| {
        pack.id(r.rule) == "model.segment" && !c.removed_text(r).trim().is_empty()
    };
    let clean_all = |texts: &[String]| -> Vec<newsclean::Cleaned> {
        let stats = stats_for(texts.iter().map(String::as_str), &pack, 1 << 20);
        let ctx = Context::new(None, stats.as_ref());
        texts
            .iter()
            .filter_map(|t| match clean_text_in(t, &pack, &ctx) {
                Outcome::Kept(c) => Some(c),
                Outcome::Rejected { .. } => None,
            })
            .collect()
    };
    let texts: Vec<String> = (0..300)
        .map(|_| material.document(&mut rng, 4000))
        .collect();
    let first = clean_all(&texts);
    let again = clean_all(&first.iter().map(|c| c.text.clone()).collect::<Vec<_>>());
    assert_eq!(
        first.len(),
        again.len(),
        "a kept text rejected when cleaned again"
    );
    let mut removed = 0;
    for (c, again) in first.iter().zip(&again) {
        for r in c.removals.iter().filter(|r| is_model(c, r)) {
            removed += 1;
            assert!(c.notes[&r.bytes.start].starts_with("score "));
        }
        let more: Vec<_> = again
            .removals
            .iter()
            .filter(|r| is_model(again, r))
            .map(|r| again.removed_text(r))
            .collect();
        let all: Vec<_> = again
            .removals
            .iter()
            .map(|r| (pack.id(r.rule), again.removed_text(r)))
            .collect();
        assert!(
            more.is_empty(),
            "second clean removed {more:?}\nall second-pass removals {all:?}\nfirst-pass removals {:?}\nkept text:\n{}",
            c.removals.iter().map(|r| (pack.id(r.rule), c.removed_text(r))).collect::<Vec<_>>(),
            c.text
        );
    }
    assert!(
        removed > 0,
        "the model removed nothing: the test shows nothing"
    );
}
