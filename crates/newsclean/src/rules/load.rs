//! Loading a rule pack: every `*.toml` under a folder, in sorted path order.
//!
//! A file holds `[[rule]]` tables and, in at most one file of the pack, a
//! `[normalize]` table. Each rule is checked and compiled here (`TryFrom`
//! raw → compiled), so a bad regex, an unknown kind or field, or a duplicate
//! id is an error at load time naming the file, line and rule id.

use super::pattern_check::{bad_pattern, check_fast, check_folded};
use super::{Examples, Kind, Marked, Pack, Rule, MARK_CLOSE, MARK_OPEN, TIDY_ID};
use crate::error::PackError;
use crate::io::records::RESERVED_METADATA_KEYS;
use crate::text::lang::Lang;
use crate::text::normalize::NormalizeConfig;
use regex::Regex;
use serde::Deserialize;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

/// A rule file. Its JSON schema (`rules/schema.json`, `newsclean rules
/// schema`) is built from these structs and the kinds' parameter structs
/// (`super::schema`), so keep their doc comments user-facing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    rule: Vec<RawRule>,
    normalize: Option<NormalizeConfig>,
}

/// The fields every rule has; the kind's parameters are the other keys.
#[derive(Deserialize, schemars::JsonSchema)]
pub(super) struct RawRule {
    /// Unique, stable id: a-z 0-9 . _ - (e.g. `ar.read_also.line`); the audit names it.
    #[schemars(regex(pattern = r"^[a-z0-9._-]+$"))]
    id: String,
    /// The rule's kind: what it claims and how (`newsclean rules kinds`).
    kind: String,
    /// What the rule removes (shown by `rules list`, `rules show`, the report).
    description: String,
    /// Why it is boilerplate (shown by `rules show`).
    why: Option<String>,
    /// Run only on documents of this script; omit for all.
    lang: Option<Lang>,
    /// Domains or path parts: run only on documents whose URL, domain or path contains one.
    #[serde(default)]
    sites: Vec<String>,
    /// Regexes matched against the folded line (see rules/README.md).
    #[serde(default)]
    patterns: Vec<String>,
    /// Texts the rule must remove and keep; `rules check` runs them.
    #[serde(default)]
    examples: RawExamples,
    /// Everything else: the kind's own parameters, checked by the kind.
    #[serde(flatten)]
    #[schemars(skip)]
    params: toml::Table,
}

/// Examples run by `rules check` with the rule alone.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    /// Texts the rule must remove: mark the removed part ⟦like this⟧, or leave unmarked when all of it goes.
    #[serde(default)]
    remove: Vec<String>,
    /// Texts the rule must leave untouched (no marks).
    #[serde(default)]
    keep: Vec<String>,
}

/// Load and compile every rule file under `dir`.
pub fn load_dir(dir: &Path) -> Result<Pack, PackError> {
    load_texts(read_dir(dir)?, dir)
}

/// The rule files (`*.toml`, recursively) of `dir` with their text, in load
/// order (depth first, by file name); none is an error.
pub(super) fn read_dir(dir: &Path) -> Result<Vec<(PathBuf, String)>, PackError> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        // The io error alone: walkdir's own message repeats the path.
        let entry = entry.map_err(|e| PackError::Io {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: match e.io_error() {
                Some(_) => e.into_io_error().expect("checked"),
                None => e.into(),
            },
        })?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "toml") {
            let path = entry.into_path();
            let text = std::fs::read_to_string(&path).map_err(|source| PackError::Io {
                path: path.clone(),
                source,
            })?;
            files.push((path, text));
        }
    }
    if files.is_empty() {
        return Err(PackError::Empty(dir.to_path_buf()));
    }
    Ok(files)
}

/// Load a pack from rule files already in memory, `(path, text)` in
/// precedence order (`path` names the file in messages). `origin` names the
/// whole pack in messages about it.
pub fn load_texts(files: Vec<(PathBuf, String)>, origin: &Path) -> Result<Pack, PackError> {
    let mut rules = Vec::new();
    let mut normalize: Option<(NormalizeConfig, PathBuf)> = None;
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for (path, text) in files {
        let (file_rules, file_norm) = parse_file(&path, &text)?;
        if let Some(n) = file_norm {
            if let Some((_, first)) = &normalize {
                return Err(PackError::File {
                    path,
                    message: format!("[normalize] is already set in {}", first.display()),
                });
            }
            normalize = Some((n, path.clone()));
        }
        for r in file_rules {
            if let Some(first) = seen.insert(r.id.clone(), path.clone()) {
                return Err(PackError::Rule {
                    line: r.line,
                    path,
                    rule: r.id,
                    message: format!("duplicate id (first defined in {})", first.display()),
                });
            }
            rules.push(r);
        }
    }
    let normalize = normalize.map(|(n, _)| n).unwrap_or_default();
    Pack::new(rules, normalize).map_err(|e| PackError::File {
        path: origin.to_path_buf(),
        message: format!("cannot build the pattern set: {e}"),
    })
}

/// Parse and compile one rule file.
pub fn parse_file(
    path: &Path,
    text: &str,
) -> Result<(Vec<Rule>, Option<NormalizeConfig>), PackError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| PackError::Syntax {
        path: path.to_path_buf(),
        message: e.to_string().trim().to_string(),
    })?;
    let mut lines = id_lines(text);
    let mut rules = Vec::new();
    for r in raw.rule {
        let line = lines
            .get_mut(r.id.as_str())
            .and_then(VecDeque::pop_front)
            .unwrap_or(0);
        let id = r.id.clone();
        let err = |message: String| PackError::Rule {
            path: path.to_path_buf(),
            line,
            rule: id,
            message,
        };
        rules.push(compile(r, path, line).map_err(err)?);
    }
    Ok((rules, raw.normalize))
}

fn compile(r: RawRule, path: &Path, line: usize) -> Result<Rule, String> {
    if r.id.is_empty()
        || !r
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
    {
        return Err("id must be non-empty and use only a-z, 0-9, '.', '_' and '-'".into());
    }
    if r.id == TIDY_ID {
        return Err(format!(
            "id `{TIDY_ID}` is reserved: tidy's removals are audited under it"
        ));
    }
    if r.description.trim().is_empty() {
        return Err("description is empty".into());
    }
    let params = r.params.clone();
    let mut kind = Kind::parse(&r.kind, r.params)?;
    if let Kind::Extract(e) = &kind {
        if e.field.trim().is_empty() {
            return Err("extract `field` is empty".into());
        }
        if e.field != "source" && RESERVED_METADATA_KEYS.contains(&e.field.as_str()) {
            return Err(format!(
                "extract field `{}` is a metadata key the pipeline writes itself \
                 (reserved: {}); choose another name",
                e.field,
                RESERVED_METADATA_KEYS.join(", ")
            ));
        }
    }
    let mut marked = Vec::with_capacity(r.examples.remove.len());
    for (n, ex) in r.examples.remove.iter().enumerate() {
        marked.push(Marked::parse(ex).map_err(|e| format!("remove-example {}: {e}", n + 1))?);
    }
    for (n, ex) in r.examples.keep.iter().enumerate() {
        if ex.contains([MARK_OPEN, MARK_CLOSE]) {
            return Err(format!(
                "keep-example {}: marks {MARK_OPEN}{MARK_CLOSE} belong in remove-examples only: {ex:?}",
                n + 1
            ));
        }
    }
    if kind.uses_patterns() && r.patterns.is_empty() {
        return Err(format!("kind `{}` needs at least one pattern", kind.name()));
    }
    if !kind.uses_patterns() && !r.patterns.is_empty() {
        return Err(format!("kind `{}` takes no patterns", kind.name()));
    }
    let mut patterns = Vec::new();
    for p in &r.patterns {
        if kind.matches_folded() {
            check_folded(p)?;
        }
        check_fast(p)?;
        let re = Regex::new(p).map_err(|e| bad_pattern(p, &e))?;
        if matches!(kind, Kind::Extract(_)) && !re.capture_names().any(|n| n == Some("value")) {
            return Err(format!("extract pattern {p:?} has no (?P<value>...) group"));
        }
        if matches!(kind, Kind::Glued(_)) && !re.capture_names().any(|n| n == Some("at")) {
            return Err(format!(
                "glued pattern {p:?} has no (?P<at>) group marking the cut"
            ));
        }
        patterns.push(re);
    }
    if let Kind::Glued(g) = &mut kind {
        let set = regex::RegexSet::new(patterns.iter().map(Regex::as_str));
        g.any = Some(set.map_err(|e| format!("cannot build the pattern set: {e}"))?);
    }
    if let Kind::VocabLine(m) = &kind {
        for w in &m.words {
            check_folded(w)?;
        }
    }
    let sites = r.sites.iter().map(|s| s.trim().to_lowercase()).collect();
    Ok(Rule {
        id: r.id,
        sites,
        description: r.description.trim().to_string(),
        why: r.why.map(|w| w.trim().to_string()),
        lang: r.lang.filter(|l| *l != Lang::Und),
        kind,
        params,
        patterns,
        examples: Examples {
            remove: r.examples.remove,
            marked,
            keep: r.examples.keep,
        },
        file: path.to_path_buf(),
        line,
    })
}

/// 1-based lines of every `id = "<id>"` (or `'<id>'`) in the file, in
/// order, by id: one pass over the text, so finding each rule's line stays
/// linear in the file (the n-th rule with an id gets its n-th line).
fn id_lines(text: &str) -> HashMap<&str, VecDeque<usize>> {
    let mut out: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, l) in text.lines().enumerate() {
        let Some(rest) = l.trim_start().strip_prefix("id") else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = rest[1..].find(q) {
            out.entry(&rest[1..1 + end]).or_default().push_back(i + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_lines_are_found_in_one_pass() {
        let t = "[[rule]]\nid = \"a\"\n\n[[rule]]\n  id='b'\n[[rule]]\nid = \"a\"\n";
        let l = id_lines(t);
        assert_eq!(l["a"], [2, 7]);
        assert_eq!(l["b"], [5]);
    }
}
