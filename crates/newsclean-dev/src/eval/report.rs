//! Printing an eval `Report`: the headline figures against the targets, a
//! table per category, titles, untouched documents, and the documents that
//! lost body text (`show` limits the lists).

use super::score::{Report, Tally, TARGET_LEAKAGE, TARGET_RETENTION};
use std::collections::BTreeMap;
use std::fmt::Write;

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "FAIL"
    }
}

fn tally(t: &Tally) -> String {
    format!("{:>8} / {:<8}", t.kept, t.chars)
}

/// The report as text; `show` is the longest list printed.
pub fn render(r: &Report, show: usize) -> String {
    let mut o = String::new();
    let n: u64 = r.docs.values().sum();
    let langs: Vec<String> = r.docs.iter().map(|(l, k)| format!("{k} {l}")).collect();
    let _ = writeln!(
        o,
        "dev set: {n} documents ({}), {} without boilerplate, {} with a title",
        langs.join(", "),
        r.clean_docs,
        r.titles
    );
    let _ = writeln!(
        o,
        "\n{:<22} {:>7}   {:^19}  target",
        "", "share", "kept / chars"
    );
    let ret = r.retention();
    let _ = writeln!(
        o,
        "{:<22} {ret:>7.4}   {}  >= {TARGET_RETENTION}  {}",
        "body retention",
        tally(&r.body),
        verdict(ret >= TARGET_RETENTION)
    );
    let leak = r.leakage();
    let _ = writeln!(
        o,
        "{:<22} {leak:>7.4}   {}  <= {TARGET_LEAKAGE}  {}",
        "boilerplate leakage",
        tally(&r.boilerplate),
        verdict(leak <= TARGET_LEAKAGE)
    );
    for (l, t) in &r.body_by_lang {
        let _ = writeln!(
            o,
            "  {:<20} {:>7.4}   {}",
            format!("{l} retention"),
            t.kept_share(),
            tally(t)
        );
    }
    for (l, t) in &r.boilerplate_by_lang {
        let _ = writeln!(
            o,
            "  {:<20} {:>7.4}   {}",
            format!("{l} leakage"),
            t.kept_share(),
            tally(t)
        );
    }
    let changed = r.clean_changed.len();
    let _ = writeln!(
        o,
        "{:<22} {changed:>7}   of {} documents without boilerplate  target 0  {}",
        "changed bodies",
        r.clean_docs,
        verdict(changed == 0)
    );
    let _ = writeln!(
        o,
        "{:<22} {:>7}   of {} exact (removed from text, equal to metadata.title); {} spurious",
        "titles",
        r.titles_exact,
        r.titles,
        r.spurious_titles.len()
    );

    let _ = writeln!(
        o,
        "\n{:<20} {:>6} {:>8} {:>8} {:>8}",
        "category", "spans", "chars", "kept", "leakage"
    );
    let mut cats: Vec<(&String, &Tally)> = r.categories.iter().collect();
    cats.sort_by(|a, b| {
        b.1.kept_share()
            .total_cmp(&a.1.kept_share())
            .then(a.0.cmp(b.0))
    });
    for (c, t) in cats {
        let _ = writeln!(
            o,
            "{c:<20} {:>6} {:>8} {:>8} {:>8.4}",
            t.spans,
            t.chars,
            t.kept,
            t.kept_share()
        );
    }

    list(
        &mut o,
        "changed documents without boilerplate",
        &r.clean_changed,
        show,
    );
    list(&mut o, "spurious titles", &r.spurious_titles, show);
    let _ = writeln!(o, "\ndocuments that lost body text: {}", r.losses.len());
    for l in r.losses.iter().take(show) {
        let rules: Vec<String> = l.rules.iter().map(|(k, v)| format!("{k} ({v})")).collect();
        let _ = writeln!(
            o,
            "  {}  {} chars  by {}\n      «{}»",
            l.id,
            l.chars,
            rules.join(", "),
            l.snippet
        );
    }
    let _ = writeln!(
        o,
        "\nleaked boilerplate spans: {} (examples, round-robin over categories)",
        r.leaks.len()
    );
    let mut by_cat: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for l in &r.leaks {
        by_cat.entry(l.category.as_str()).or_default().push(l);
    }
    let mut printed = 0;
    'rounds: for round in 0.. {
        let mut any = false;
        for ls in by_cat.values() {
            if let Some(l) = ls.get(round) {
                if printed == show {
                    break 'rounds;
                }
                any = true;
                printed += 1;
                let _ = writeln!(
                    o,
                    "  [{}] {}  {}/{}  «{}»",
                    l.category, l.id, l.kept, l.chars, l.snippet
                );
            }
        }
        if !any {
            break;
        }
    }
    o
}

fn list(o: &mut String, what: &str, ids: &[String], show: usize) {
    if ids.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n{what}: {}", ids.len());
    for id in ids.iter().take(show) {
        let _ = writeln!(o, "  {id}");
    }
}
