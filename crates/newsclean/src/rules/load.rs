//! Loading a rule pack: every `*.toml` under a folder, in sorted path order.
//!
//! A file holds `[[rule]]` tables and, in at most one file of the pack, a
//! `[normalize]` table. Each rule is checked and compiled here (`TryFrom`
//! raw → compiled), so a bad regex, an unknown kind or field, or a duplicate
//! id is an error at load time naming the file, line and rule id.

use super::{Examples, Kind, Pack, Rule};
use crate::error::PackError;
use crate::text::fold::fold;
use crate::text::lang::Lang;
use crate::text::normalize::NormalizeConfig;
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    rule: Vec<RawRule>,
    normalize: Option<NormalizeConfig>,
}

#[derive(Deserialize)]
struct RawRule {
    id: String,
    kind: String,
    description: String,
    why: Option<String>,
    lang: Option<Lang>,
    #[serde(default)]
    sites: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    examples: RawExamples,
    /// Everything else: the kind's own parameters, checked by the kind.
    #[serde(flatten)]
    params: toml::Table,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    keep: Vec<String>,
}

/// Load and compile every rule file under `dir`.
pub fn load_dir(dir: &Path) -> Result<Pack, PackError> {
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| PackError::Io {
            path: dir.to_path_buf(),
            source: e.into(),
        })?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "toml") {
            files.push(entry.into_path());
        }
    }
    if files.is_empty() {
        return Err(PackError::Empty(dir.to_path_buf()));
    }
    let mut rules = Vec::new();
    let mut normalize: Option<(NormalizeConfig, PathBuf)> = None;
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|source| PackError::Io {
            path: path.clone(),
            source,
        })?;
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
        path: dir.to_path_buf(),
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
    let mut rules = Vec::new();
    for r in raw.rule {
        let line = line_of_id(text, &r.id);
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
    if r.description.trim().is_empty() {
        return Err("description is empty".into());
    }
    let mut kind = Kind::parse(&r.kind, r.params)?;
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
        let re = Regex::new(p).map_err(|e| format!("bad pattern {p:?}: {e}"))?;
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
        patterns,
        examples: Examples {
            remove: r.examples.remove,
            keep: r.examples.keep,
        },
        file: path.to_path_buf(),
        line,
    })
}

/// A Unicode word boundary (`\b`, `\B`) makes the regex engines fall back to
/// their slowest mode on non-ASCII text — for the whole `RegexSet` — so it is
/// refused; write the boundary out (`(\s|$|[:,])`) or use ASCII `(?-u:\b)`.
fn check_fast(pattern: &str) -> Result<(), String> {
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') | Some('B') if !pattern.contains("(?-u:") => {
                    return Err(format!(
                        "pattern {pattern:?} uses a Unicode word boundary (\\b), which makes \
                         matching many times slower on Arabic text; write the boundary out, \
                         e.g. (\\s|$|[:,])"
                    ))
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Patterns run on the folded view, which never holds hamza-alef forms, ى,
/// ة, diacritics or upper case: a pattern with one of them could never
/// match, so it is an error rather than a silent no-op.
fn check_folded(pattern: &str) -> Result<(), String> {
    for c in pattern.chars().filter(|c| !c.is_ascii()) {
        let f = fold(c.encode_utf8(&mut [0; 4])).text;
        if f != c.to_string() {
            return Err(format!(
                "pattern {pattern:?} contains {c:?}, which the folded view never holds \
                 (write {f:?}; patterns match folded lines: see README)"
            ));
        }
    }
    Ok(())
}

/// 1-based line of `id = "<id>"` in the file, for messages (0 if not found).
fn line_of_id(text: &str, id: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with("id") && l.contains(&format!("\"{id}\""))
                || l.contains(&format!("'{id}'"))
        })
        .map_or(0, |i| i + 1)
}
