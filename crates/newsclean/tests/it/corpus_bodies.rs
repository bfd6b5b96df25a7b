//! Real article bodies without boilerplate come out unchanged: every rule and
//! detector of the default pack is run on all 550 corpus articles.

use crate::common::*;
use newsclean::text::normalize::normalize;

fn check(lang: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, paras) in corpus(lang).iter().enumerate() {
        let input = paras.join("\n\n");
        let c = keep(&input);
        let expected: Vec<String> = paras
            .iter()
            .map(|p| normalize(p, &pack().normalize).0.trim().to_string())
            .collect();
        if c.text != expected.join("\n\n") || c.title.is_some() {
            let removed: Vec<_> = c
                .removals
                .iter()
                .filter(|r| !r.bytes.is_empty() && !r.rule.is_tidy())
                .map(|r| {
                    (
                        pack().id(r.rule),
                        c.removed_text(r).chars().take(60).collect::<String>(),
                    )
                })
                .collect();
            bad.push(format!("{lang} #{i}: {removed:?}"));
        }
        assert_rebuilds(&input, &c);
    }
    bad
}

#[test]
fn arabic_bodies_are_kept_whole() {
    let bad = check("ar");
    assert!(
        bad.is_empty(),
        "{} articles changed:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn english_bodies_are_kept_whole() {
    let bad = check("en");
    assert!(
        bad.is_empty(),
        "{} articles changed:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
