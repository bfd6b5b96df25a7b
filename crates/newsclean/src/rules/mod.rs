//! The rule pack: rules loaded from TOML files, compiled once per run.
//!
//! A rule has a stable id, a description, a kind (what it removes and how),
//! optional patterns (regexes matched against the *folded* line, see `fold`),
//! an optional language, and examples to remove and to keep, which
//! `rules check` and the test suite run. Kinds live in `kinds/`, one per file.

pub mod check;
pub mod kinds;
mod load;
mod matcher;
mod pattern_check;
pub mod schema;
pub mod select;

use crate::io::records::RESERVED_METADATA_KEYS;
use crate::text::lang::Lang;
use crate::text::normalize::NormalizeConfig;
pub use kinds::Kind;
pub use load::{load_dir, load_texts};
pub use matcher::Matcher;
use regex::Regex;
use std::path::PathBuf;

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub description: String,
    pub why: Option<String>,
    /// `None`: runs on documents of every language.
    pub lang: Option<Lang>,
    /// Lower-cased domains or path parts; empty: every site. A site rule runs
    /// only on documents whose URL, domain or path contains one of them.
    pub sites: Vec<String>,
    pub kind: Kind,
    /// The kind's parameters as written in the rule file (the keys of the
    /// rule table that are not common fields), for `rules show`; the
    /// parameters the file leaves out have their defaults in `kind`.
    pub params: toml::Table,
    /// Compiled once at load; matched on the folded line.
    pub patterns: Vec<Regex>,
    pub examples: Examples,
    /// Where the rule was defined, for messages.
    pub file: PathBuf,
    pub line: usize,
}

impl Rule {
    pub fn applies_to(&self, lang: Lang) -> bool {
        self.lang.is_none_or(|l| l == lang)
    }

    /// Whether the rule runs on a document from `site` (its lower-cased URL,
    /// domain or path).
    pub fn applies_to_site(&self, site: Option<&str>) -> bool {
        self.sites.is_empty()
            || site.is_some_and(|s| self.sites.iter().any(|x| s.contains(x.as_str())))
    }
}

/// Example texts of a rule. In a remove-example, the part that must be
/// removed may be marked `⟦like this⟧`; without marks the whole example must go.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    /// As written in the rule file (marks included).
    pub remove: Vec<String>,
    /// `remove`, parsed once at load (`Marked::parse`).
    pub marked: Vec<Marked>,
    pub keep: Vec<String>,
}

/// Opens and closes the part of a remove-example that must be removed.
pub const MARK_OPEN: char = '⟦';
pub const MARK_CLOSE: char = '⟧';

/// A remove-example with its marks resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The example without marks: the document to clean.
    pub input: String,
    /// What must be kept (before normalize and tidy): the text outside the
    /// marks, or empty when the example has no marks (all of it must go).
    pub expected: String,
}

impl Marked {
    /// Parse `⟦...⟧` marks. Marks must pair up, in order, unnested.
    pub fn parse(example: &str) -> Result<Marked, String> {
        let mut input = String::with_capacity(example.len());
        let mut expected = String::new();
        let mut open = false;
        let mut any = false;
        for c in example.chars() {
            match c {
                MARK_OPEN if open => return Err(format!("nested {MARK_OPEN} in {example:?}")),
                MARK_CLOSE if !open => {
                    return Err(format!("{MARK_CLOSE} without {MARK_OPEN} in {example:?}"))
                }
                MARK_OPEN | MARK_CLOSE => {
                    open = c == MARK_OPEN;
                    any = true;
                }
                _ => {
                    input.push(c);
                    if !open {
                        expected.push(c);
                    }
                }
            }
        }
        if open {
            return Err(format!("{MARK_OPEN} is never closed in {example:?}"));
        }
        if !any {
            expected.clear();
        }
        Ok(Marked { input, expected })
    }
}

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// How the built-in pack's files are named in messages (`builtin:ar/x.toml`).
pub const BUILTIN_ORIGIN: &str = "builtin:";

/// The built-in pack's files: (path under rules/, contents), in load order.
pub fn builtin_sources() -> &'static [(&'static str, &'static str)] {
    builtin::FILES
}

fn builtin_files() -> Vec<(PathBuf, String)> {
    builtin::FILES
        .iter()
        .map(|(p, t)| (PathBuf::from(format!("{BUILTIN_ORIGIN}{p}")), t.to_string()))
        .collect()
}

/// Who made a removal: a rule of the pack, or the tidy stage (whitespace only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleRef {
    /// The rule's index in the pack.
    Rule(u32),
    Tidy,
}

impl RuleRef {
    /// The rule's index in the pack, or `None` for tidy.
    pub fn index(self) -> Option<usize> {
        match self {
            RuleRef::Rule(i) => Some(i as usize),
            RuleRef::Tidy => None,
        }
    }

    pub fn is_tidy(self) -> bool {
        self == RuleRef::Tidy
    }
}

/// The audit id of tidy's removals.
pub const TIDY_ID: &str = "tidy.whitespace";

/// All rules of a run, in precedence order (file path, then order in file),
/// with the shared line matcher built from their patterns.
#[derive(Debug, Clone)]
pub struct Pack {
    pub rules: Vec<Rule>,
    pub normalize: NormalizeConfig,
    pub matcher: Matcher,
    /// The fields `extract` rules fill under `metadata.extracted` (all but
    /// `source`, which has its own key), sorted: every clean record of a run
    /// has each of them (`""` when not found), so the schema never varies.
    pub extracted_fields: Vec<String>,
}

impl Pack {
    /// Build a pack from compiled rules (ids must already be unique).
    pub fn new(rules: Vec<Rule>, normalize: NormalizeConfig) -> Result<Pack, regex::Error> {
        let matcher = Matcher::build(&rules)?;
        let mut extracted_fields: Vec<String> = rules
            .iter()
            .filter_map(|r| match &r.kind {
                Kind::Extract(e) if !RESERVED_METADATA_KEYS.contains(&e.field.as_str()) => {
                    Some(e.field.clone())
                }
                _ => None,
            })
            .collect();
        extracted_fields.sort_unstable();
        extracted_fields.dedup();
        Ok(Pack {
            rules,
            normalize,
            matcher,
            extracted_fields,
        })
    }

    /// The default pack (`rules/` of the source tree), compiled into the
    /// library: what `newsclean` uses without `--rules`.
    pub fn builtin() -> Result<Pack, crate::PackError> {
        load_texts(builtin_files(), std::path::Path::new(BUILTIN_ORIGIN))
    }

    /// The built-in pack with the rule files of `dir` added on top (ids
    /// must not clash: a clash names both files).
    pub fn builtin_with(dir: &std::path::Path) -> Result<Pack, crate::PackError> {
        let mut files = builtin_files();
        files.extend(load::read_dir(dir)?);
        load_texts(files, dir)
    }

    /// A pack from one rule file's text (`name` is used in messages).
    pub fn from_toml_str(name: &str, text: &str) -> Result<Pack, crate::PackError> {
        load_texts(
            vec![(PathBuf::from(name), text.to_string())],
            std::path::Path::new(name),
        )
    }

    /// The id a removal is audited under.
    pub fn id(&self, rule: RuleRef) -> &str {
        self.rule(rule).map_or(TIDY_ID, |r| &r.id)
    }

    /// The rule a removal names, or `None` for tidy's.
    pub fn rule(&self, rule: RuleRef) -> Option<&Rule> {
        rule.index().map(|i| &self.rules[i])
    }

    pub fn find(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// A pack holding only rule `idx`: used to run a rule's examples alone.
    pub fn only(&self, idx: usize) -> Pack {
        Pack::new(vec![self.rules[idx].clone()], self.normalize.clone())
            .expect("a pattern that compiled in the full set compiles alone")
    }
}
