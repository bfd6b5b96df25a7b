//! `newsclean eval --layers`: the pack's layers side by side on several
//! sets, to measure generalization rather than fit. Layers are defined by
//! rule id prefix: *rules* (all but `auto.` and `model.`), *+ templates*
//! (plus `auto.`, the templates mined in the corpus pass), *+ model* (plus
//! `model.`, the learned segment model).

use super::score::{evaluate, Report};
use super::{DevDoc, EvalError};
use newsclean::Pack;
use std::fmt::Write;

/// The layers of `pack`: name and the pack holding that layer's rules.
pub fn layers(pack: &Pack) -> Vec<(&'static str, Pack)> {
    let without = |prefixes: &[&str]| {
        let rules = pack
            .rules
            .iter()
            .filter(|r| !prefixes.iter().any(|p| r.id.starts_with(p)))
            .cloned()
            .collect();
        Pack::new(rules, pack.normalize.clone()).expect("a subset of a compiled pack compiles")
    };
    vec![
        ("rules", without(&["auto.", "model."])),
        ("+ templates", without(&["model."])),
        ("+ model", without(&[])),
    ]
}

/// One set scored by every layer.
pub struct Row {
    pub set: String,
    pub layer: &'static str,
    pub report: Report,
}

/// Score every set with every layer.
pub fn compare(sets: &[(String, Vec<DevDoc>)], pack: &Pack) -> Result<Vec<Row>, EvalError> {
    let layers = layers(pack);
    let mut rows = Vec::new();
    for (name, docs) in sets {
        for (layer, p) in &layers {
            rows.push(Row {
                set: name.clone(),
                layer,
                report: evaluate(docs, p)?,
            });
        }
    }
    Ok(rows)
}

/// The side-by-side table.
pub fn render(rows: &[Row]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<34} {:<12} {:>9} {:>14} {:>9} {:>9}",
        "set", "layer", "retention", "short retained", "leakage", "changed"
    );
    for r in rows {
        let t = &r.report;
        let _ = writeln!(
            s,
            "{:<34} {:<12} {:>9.4} {:>14} {:>9.4} {:>9}",
            r.set,
            r.layer,
            t.retention(),
            format!("{:.4} ({})", t.short_body.kept_share(), t.short_body.chars),
            t.leakage(),
            format!("{}/{}", t.clean_changed.len(), t.clean_docs)
        );
    }
    s.push_str(
        "retention, leakage: shares of non-whitespace body / boilerplate characters kept; short retained: share of short body lines (< 80 characters: subheadings, list items) kept whole (their count); changed: documents without boilerplate whose body changed.\n",
    );
    s
}
