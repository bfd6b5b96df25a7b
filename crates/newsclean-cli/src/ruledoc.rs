//! Rule documentation for the terminal: `rules list` and `rules show`.
//!
//! Every rule carries what it removes (`description`), why (`why`) and
//! examples; these functions lay them out, with a run's hit counts when a
//! `summary.json` is given.

use newsclean::io::records::read::SummaryFile;
use newsclean::rules::{Pack, Rule};
use std::fmt::Write;

/// One line per rule: id, kind, language, (documents, chars), description.
pub fn list(pack: &Pack, stats: Option<&SummaryFile>) -> String {
    let w = pack
        .rules
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = String::new();
    if stats.is_some() {
        let _ = writeln!(
            out,
            "{:<w$} {:<9} {:<4} {:>9} {:>11}  description",
            "rule", "kind", "lang", "documents", "chars"
        );
    }
    for r in &pack.rules {
        let lang = r.lang.map_or("any", |l| l.as_str());
        let counts = match stats {
            None => String::new(),
            Some(s) => match s.rule(&r.id) {
                Some(row) => format!("{:>9} {:>11}  ", row.docs, row.chars),
                None => format!("{:>9} {:>11}  ", "-", "-"),
            },
        };
        let _ = writeln!(
            out,
            "{:<w$} {:<9} {:<4} {counts}{}",
            r.id,
            r.kind.name(),
            lang,
            r.description
        );
    }
    out
}

/// Everything about one rule: what, why, kind and parameters, patterns,
/// examples, where it is defined, and a run's counts if given.
pub fn show(rule: &Rule, stats: Option<&SummaryFile>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", rule.id);
    let _ = writeln!(out, "  defined in   {}:{}", rule.file.display(), rule.line);
    let _ = writeln!(out, "  kind         {}", rule.kind.name());
    let _ = writeln!(out, "  parameters   {}", params(rule));
    let lang = rule.lang.map_or("any", |l| l.as_str());
    let _ = writeln!(out, "  language     {lang}");
    let _ = writeln!(out, "  removes      {}", rule.description);
    let why = rule.why.as_deref().unwrap_or("(no `why` given)");
    let _ = writeln!(out, "  why          {why}");
    if !rule.patterns.is_empty() {
        let _ = writeln!(out, "  patterns (matched on the folded line):");
        for p in &rule.patterns {
            let _ = writeln!(out, "    {}", p.as_str());
        }
    }
    let mut examples = |label: &str, list: &[String]| {
        let _ = writeln!(out, "  examples to {label}:");
        if list.is_empty() {
            let _ = writeln!(out, "    (none)");
        }
        for e in list {
            let _ = writeln!(out, "    • {}", e.replace('\n', "\n      "));
        }
    };
    examples("remove (⟦marked⟧ part, or all)", &rule.examples.remove);
    examples("keep", &rule.examples.keep);
    if let Some(row) = stats.and_then(|s| s.rule(&rule.id)) {
        let _ = writeln!(
            out,
            "  in that run  {} documents, {} lines, {} characters removed",
            row.docs, row.lines, row.chars
        );
    }
    out
}

/// The kind's parameters, from its `Debug` form (`Line(LineKind { max_chars: 300 })`).
fn params(rule: &Rule) -> String {
    let dbg = format!("{:?}", rule.kind);
    match (dbg.find('{'), dbg.rfind('}')) {
        (Some(a), Some(b)) if a < b => dbg[a + 1..b].trim().to_string(),
        _ => "(none)".into(),
    }
}
