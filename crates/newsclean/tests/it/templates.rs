//! Line templates mined by the corpus pass (`auto.template`), on real
//! article bodies from ../shared/corpus cleaned as one dump.

use crate::common::*;
use newsclean::corpus_pass::{stats_for, CorpusStats};
use newsclean::pipeline::{clean_text_in, Cleaned, Context, Outcome};
use newsclean::rules::Pack;
use newsclean::text::normalize::normalize;

/// Every corpus article as one text (paragraphs separated by a blank line).
fn bodies() -> Vec<String> {
    let mut all: Vec<String> = corpus("ar").iter().map(|p| p.join("\n\n")).collect();
    all.extend(corpus("en").iter().map(|p| p.join("\n\n")));
    all
}

fn clean(text: &str, pack: &Pack, corpus: Option<&CorpusStats>) -> Cleaned {
    match clean_text_in(text, pack, &Context::new(None, corpus)) {
        Outcome::Kept(c) => c,
        Outcome::Rejected { reason, .. } => panic!("rejected: {reason:?}"),
    }
}

fn template_rows<'a>(c: &'a Cleaned, pack: &Pack) -> Vec<&'a str> {
    c.removals
        .iter()
        .filter(|r| !r.rule.is_tidy() && pack.id(r.rule) == "auto.template")
        .map(|r| c.removed_text(r))
        .collect()
}

/// The first `n` words of a text's first paragraph, with no final stop: a
/// headline-like line that differs from document to document.
fn headline(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n).collect();
    words
        .join(" ")
        .trim_end_matches(['.', '،', ',', '!', '?', '؟', ':'])
        .to_string()
}

#[test]
fn real_bodies_cleaned_as_one_dump_lose_nothing_more() {
    let docs = bodies();
    let stats = stats_for(docs.iter().map(String::as_str), pack(), 1 << 20).expect("pass");
    assert!(stats.enabled, "{} documents", stats.distinct_docs);
    for (i, d) in docs.iter().enumerate() {
        let alone = clean(d, pack(), None);
        let in_dump = clean(d, pack(), Some(&stats));
        assert_sound(&in_dump);
        assert_eq!(in_dump.text, alone.text, "document {i} changed in the dump");
        assert!(template_rows(&in_dump, pack()).is_empty());
    }
}

/// Real bodies, every third one with a site line ("<site> - <headline of
/// another article>") after its first paragraph, and every fourth with a
/// quote line that shares its head with body text ("he said: <sentence>.").
fn dump_with_templates(site: &str) -> (Vec<String>, Vec<Option<String>>) {
    let bodies = bodies();
    let mut docs = Vec::new();
    let mut inserted = Vec::new();
    for (i, b) in bodies.iter().enumerate() {
        let mut paras: Vec<String> = b.split("\n\n").map(str::to_string).collect();
        let mut line = None;
        if i % 3 == 0 && paras.len() > 1 {
            let other = &bodies[(i + 7) % bodies.len()];
            let l = format!("{site} - {}", headline(other, 7));
            paras.insert(1, l.clone());
            line = Some(l);
        }
        if i % 4 == 1 {
            paras.push(format!("He said: {}.", headline(b, 9)));
        }
        docs.push(paras.join("\n\n"));
        inserted.push(line);
    }
    (docs, inserted)
}

#[test]
fn a_site_template_goes_with_its_evidence_and_bodies_stay() {
    let (docs, inserted) = dump_with_templates("Daily Planet");
    let stats = stats_for(docs.iter().map(String::as_str), pack(), 1 << 20).expect("pass");
    let n = inserted.iter().flatten().count();
    for (d, line) in docs.iter().zip(&inserted) {
        let c = clean(d, pack(), Some(&stats));
        assert_sound(&c);
        let rows = template_rows(&c, pack());
        match line {
            Some(l) => {
                assert_eq!(rows.len(), 1, "{rows:?}");
                assert_eq!(rows[0].trim(), normalize(l, &pack().normalize).0);
                let r = c.removals.iter().find(|r| c.removed_text(r) == rows[0]);
                let count = r.and_then(|r| r.count).expect("evidence");
                assert!(count as usize >= n, "{count} < {n}");
                // Nothing but the site line went: the body is what it was alone.
                let without = d.replace(&format!("\n\n{l}"), "");
                assert_eq!(c.text, clean(&without, pack(), Some(&stats)).text);
            }
            None => assert!(rows.is_empty(), "{rows:?}"),
        }
        // The quote lines share a head, but end a sentence: never a template.
        assert!(c.text.contains("He said:") == d.contains("He said:"));
    }
    // `--ignore auto` turns the layer off.
    let without_auto = pack().select(&[], &["auto".to_string()]).expect("select");
    let c = clean(&docs[0], &without_auto, Some(&stats));
    assert!(c.text.contains("Daily Planet - "));
}

#[test]
fn too_few_documents_or_tails_make_no_template() {
    // The same site line in only 4 documents (min_docs is 5).
    let mut docs = bodies();
    let lines: Vec<String> = (0..4)
        .map(|i| format!("Daily Planet - {}", headline(&docs[i + 10], 7)))
        .collect();
    for (i, l) in lines.iter().enumerate() {
        docs[i] = format!("{l}\n\n{}", docs[i]);
    }
    // A head over the same text everywhere (one tail) is a repeated line, not a template.
    for d in docs.iter_mut().skip(20).take(30) {
        *d = format!("{d}\n\nSponsored | Acme");
    }
    let stats = stats_for(docs.iter().map(String::as_str), pack(), 1 << 20).expect("pass");
    for d in &docs {
        let c = clean(d, pack(), Some(&stats));
        assert!(template_rows(&c, pack()).is_empty());
    }
}

#[test]
fn output_is_identical_for_one_and_two_threads() {
    use newsclean::io::sink::SinkOptions;
    use newsclean::run::{run, Hooks, RunOptions};
    let (docs, _) = dump_with_templates("Daily Planet");
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.jsonl");
    let lines: Vec<String> = docs
        .iter()
        .map(|t| serde_json::json!({ "text": t }).to_string())
        .collect();
    std::fs::write(&dump, lines.join("\n")).unwrap();
    let out = |threads: usize| {
        let out = dir.path().join(format!("out{threads}"));
        let opts = RunOptions {
            inputs: vec![dump.clone()],
            sink: SinkOptions {
                out: Some(out.clone()),
                ..SinkOptions::default()
            },
            threads: Some(threads),
            repeated: true,
            ..RunOptions::default()
        };
        run(&opts, pack(), &Hooks::default()).unwrap();
        let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
        (read("clean.jsonl"), read("audit.jsonl"))
    };
    let (one, two) = (out(1), out(2));
    assert!(one.1.contains(r#""note":"template: daily planet -""#));
    assert!(one == two, "1 and 2 threads differ");
}
