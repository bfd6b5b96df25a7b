//! `extract`: a matching line leaves the text and its `value` becomes metadata.
//!
//! "المصدر: عربي21" → `metadata.source = "عربي21"`. The pattern must have a
//! named group `(?P<value>...)`; the value is taken from the *original* line
//! (not the folded view) and trimmed. The first extraction of a field wins.
//!
//! ```toml
//! [[rule]]
//! id = "ar.source.extract"
//! kind = "extract"
//! field = "source"
//! description = "A source line: the name goes to metadata.source."
//! patterns = ['^\s*المصدر\s*:\s*(?P<value>\S.{0,60}?)\s*$']
//! examples.remove = ["المصدر: عربي21"]
//! examples.keep = ["وأشار المصدر ذاته إلى أن المباحثات ستتواصل."]
//! ```

use super::{Behaviour, Kind};
use crate::pipeline::document::Document;
use crate::pipeline::resolve::Owners;
use crate::pipeline::work::{At, Work};
use crate::rules::{Pack, Rule};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Claims: a matching line; its `value` group goes to `metadata.<field>`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Extract {
    /// Metadata field the value goes to (`source`, `author`, `image_credit`, ...).
    pub field: String,
    /// Longest line (characters, trimmed) the rule may take.
    #[serde(default = "default_max_chars")]
    pub max_chars: usize,
}

fn default_max_chars() -> usize {
    120
}

impl Behaviour for Extract {
    fn parse(params: toml::Table) -> Result<Self, String> {
        super::deserialize(params)
    }

    fn on_match(&self, at: &At, line: usize, work: &mut Work) {
        if at.doc.lines[line].chars <= self.max_chars {
            if let Some(v) = value(at.doc, line, at.rule) {
                work.claims.push(at.claim(line..line + 1, Some(v)));
            }
        }
    }
}

/// The `value` group of the first of the rule's patterns that captures on the line.
fn value(doc: &Document, line: usize, rule: &Rule) -> Option<String> {
    let folded = doc.folded_line(line);
    rule.patterns.iter().find_map(|re| {
        let m = re.captures(folded)?.name("value")?;
        let v = doc.text[doc.unfold_span(line, m.range())]
            .trim()
            .to_string();
        (!v.is_empty()).then_some(v)
    })
}

/// The metadata fields of a document: the value of each extract claim that
/// owns all its lines, the first one per field.
pub fn fields(pack: &Pack, owners: &Owners) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    for (ci, c) in owners.claims.iter().enumerate() {
        let rule = &pack.rules[c.rule as usize];
        if let (Kind::Extract(k), Some(v)) = (&rule.kind, &c.value) {
            if owners.owns_all(ci as u32) && !fields.contains_key(&k.field) {
                fields.insert(k.field.clone(), v.clone());
            }
        }
    }
    fields
}
