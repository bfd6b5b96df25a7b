//! Rule documentation for the terminal: `rules list` and `rules show`.
//!
//! Every rule carries what it removes (`description`), why (`why`) and
//! examples; these functions lay them out, with a run's hit counts when a
//! `summary.json` is given.

use newsclean::io::records::read::SummaryFile;
use newsclean::rules::{schema, Pack, Rule};
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
    let _ = write!(out, "{}", params(rule));
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

/// The kind's parameters as TOML: those the rule file sets, as written (in
/// key order), then the defaults of the others, marked `# default`.
fn params(rule: &Rule) -> String {
    let mut out = String::new();
    let set = toml_lines(&rule.params);
    let defaults: Vec<String> = schema::kind(rule.kind.name())
        .map(|k| k.params)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| !rule.params.contains_key(&p.name))
        .map(|p| match p.default.as_ref().and_then(toml_value) {
            Some(v) => format!("{} = {v}  # default", p.name),
            None => format!("# {} not set: none (default)", p.name),
        })
        .collect();
    if set.is_empty() && defaults.is_empty() {
        let _ = writeln!(out, "  parameters   (none)");
        return out;
    }
    let _ = writeln!(out, "  parameters:");
    for l in set.iter().chain(&defaults) {
        let _ = writeln!(out, "    {l}");
    }
    out
}

/// `key = value` lines of a table, in key order (arrays on one line).
fn toml_lines(t: &toml::Table) -> Vec<String> {
    t.iter().map(|(k, v)| format!("{k} = {v}")).collect()
}

/// A schema default as a TOML value (`None` for null: no value).
fn toml_value(v: &serde_json::Value) -> Option<toml::Value> {
    if v.is_null() {
        return None;
    }
    toml::Value::try_from(v).ok()
}

/// `rules kinds`: every kind with its stage, what it claims and its
/// parameters (name, type, default, description), read from the schema
/// the loader's structs derive.
pub fn kinds() -> String {
    let mut out = String::new();
    for k in schema::kinds() {
        let _ = writeln!(out, "{} ({} stage)", k.name, schema::stage_name(k.stage));
        let _ = writeln!(out, "  claims: {}", k.claims);
        if k.uses_patterns {
            let on = if k.matches_folded {
                "folded"
            } else {
                "normalized (not folded)"
            };
            let _ = writeln!(out, "  patterns: required, matched on the {on} line");
        } else {
            let _ = writeln!(out, "  patterns: none (the kind takes no patterns)");
        }
        if k.params.is_empty() {
            let _ = writeln!(out, "  parameters: none");
        }
        for p in &k.params {
            let default = if p.required {
                "required".to_string()
            } else {
                match p.default.as_ref().and_then(toml_value) {
                    Some(v) => format!("default {v}"),
                    None => "default: none".into(),
                }
            };
            let _ = writeln!(out, "  {:<20} {:<16} {default}", p.name, p.ty);
            let _ = writeln!(out, "      {}", p.description);
        }
        out.push('\n');
    }
    out
}
