//! The JSON schema of rule files and of each kind's parameters.
//!
//! Built from the structs the loader deserializes (`schemars` derives on
//! `load::RawRule` and on each kind's parameter struct), so names, types,
//! defaults and descriptions (their doc comments) cannot drift from what
//! loads. `newsclean rules schema` prints [`rule_file_schema`] (committed as
//! `rules/schema.json` for editors); `rules kinds` and `rules show` read
//! [`kinds`] / [`kind`].

use super::kinds::{self, Kind, Stage, KIND_NAMES};
use super::load::RawRule;
use crate::text::normalize::NormalizeConfig;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};

/// The draft-07 schema of `T` (the draft most TOML editors support), with
/// every subschema inlined.
fn schema_of<T: JsonSchema>() -> Value {
    let mut settings = SchemaSettings::draft07();
    settings.inline_subschemas = true;
    settings
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// The parameter struct of each kind name: the one `Kind::parse` reads.
fn params_schema(name: &str) -> Option<Value> {
    use kinds::*;
    Some(match name {
        "title" => schema_of::<title::Title>(),
        "extract" => schema_of::<extract::Extract>(),
        "line" => schema_of::<line::LineKind>(),
        "block" => schema_of::<block::Block>(),
        "tail" => schema_of::<tail::Tail>(),
        "span" => schema_of::<span::Span>(),
        "tag_cloud" => schema_of::<tag_cloud::TagCloud>(),
        "vocab_line" => schema_of::<vocab_line::VocabLineRaw>(),
        "headline_list" => schema_of::<headline_list::HeadlineList>(),
        "repeated_line" => schema_of::<repeated_line::Repeated>(),
        "template" => schema_of::<template::Template>(),
        "glued" => schema_of::<glued::Glued>(),
        "trailing" => schema_of::<trailing::Trailing>(),
        "model" => schema_of::<crate::model::SegmentModel>(),
        _ => return None,
    })
}

/// One parameter of a kind, as the schema states it.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    /// `integer`, `number`, `boolean`, `string`, `array of string`; `... or none`
    /// when it may be left unset with no value.
    pub ty: String,
    /// Whether a rule of the kind must set it.
    pub required: bool,
    /// The value it has when the rule file does not set it (`Null`: none).
    pub default: Option<Value>,
    pub description: String,
}

/// What `rules kinds` says about a kind.
#[derive(Debug, Clone)]
pub struct KindInfo {
    pub name: &'static str,
    pub stage: Stage,
    /// What a rule of this kind claims (the parameter struct's doc comment).
    pub claims: String,
    /// Whether its rules need `patterns` (else they must have none).
    pub uses_patterns: bool,
    /// Whether its patterns match the folded line (else the normalized one).
    pub matches_folded: bool,
    pub params: Vec<Param>,
    schema: Value,
}

/// Every kind, in `KIND_NAMES` order.
pub fn kinds() -> Vec<KindInfo> {
    KIND_NAMES
        .iter()
        .map(|n| kind(n).expect("every kind name has a parameter schema"))
        .collect()
}

/// One kind by name.
pub fn kind(name: &str) -> Option<KindInfo> {
    let name = *KIND_NAMES.iter().find(|n| **n == name)?;
    let schema = params_schema(name)?;
    // A kind built from its defaults (required parameters given empty
    // values) tells its stage and how it uses patterns: no second list.
    let sample = Kind::parse(name, sample_params(&schema))
        .unwrap_or_else(|e| panic!("kind `{name}` does not load from its defaults: {e}"));
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let params = properties(&schema)
        .iter()
        .map(|(k, p)| Param {
            name: k.clone(),
            ty: type_name(p),
            required: required.contains(&k.as_str()),
            default: p.get("default").cloned(),
            description: text(p.get("description")),
        })
        .collect();
    let claims = text(schema.get("description"));
    let claims = claims
        .strip_prefix("Claims: ")
        .unwrap_or(&claims)
        .to_string();
    Some(KindInfo {
        name,
        stage: sample.stage(),
        claims,
        uses_patterns: sample.uses_patterns(),
        matches_folded: sample.matches_folded(),
        params,
        schema,
    })
}

fn text(v: Option<&Value>) -> String {
    v.and_then(Value::as_str)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn properties(schema: &Value) -> Map<String, Value> {
    schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default()
}

fn type_name(p: &Value) -> String {
    let types: Vec<&str> = match &p["type"] {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let mut names: Vec<String> = types
        .iter()
        .filter(|t| **t != "null")
        .map(|t| match *t {
            "array" => format!("array of {}", type_name(&p["items"])),
            t => t.to_string(),
        })
        .collect();
    if types.contains(&"null") {
        names.push("none".into());
    }
    if names.is_empty() {
        "any".into()
    } else {
        names.join(" or ")
    }
}

/// A parameter table with every required parameter set to an empty value.
fn sample_params(schema: &Value) -> toml::Table {
    let props = properties(schema);
    let mut t = toml::Table::new();
    for name in schema["required"].as_array().into_iter().flatten() {
        let Some(name) = name.as_str() else { continue };
        let v = match type_name(&props[name]).as_str() {
            "string" => toml::Value::String(String::new()),
            "integer" => toml::Value::Integer(0),
            "number" => toml::Value::Float(0.0),
            "boolean" => toml::Value::Boolean(false),
            _ => toml::Value::Array(vec![]),
        };
        t.insert(name.to_string(), v);
    }
    t
}

/// The JSON schema of a rule file: `[[rule]]` tables, one variant per kind
/// (the common fields, `kind` fixed, the kind's parameters, nothing else),
/// and the optional `[normalize]` table.
pub fn rule_file_schema() -> Value {
    let common = schema_of::<RawRule>();
    let common_props = properties(&common);
    let common_req: Vec<Value> = common["required"].as_array().cloned().unwrap_or_default();
    let variants: Vec<Value> = kinds()
        .into_iter()
        .map(|k| {
            let mut props = common_props.clone();
            let mut required = common_req.clone();
            props.insert(
                "kind".into(),
                json!({ "const": k.name, "description": format!("{}: {}", k.name, k.claims) }),
            );
            if k.uses_patterns {
                let on = if k.matches_folded {
                    "the folded line (see rules/README.md)"
                } else {
                    "the normalized line (not folded)"
                };
                props.insert(
                    "patterns".into(),
                    json!({
                        "type": "array",
                        "items": { "type": "string" },
                        "minItems": 1,
                        "description": format!("Regexes matched against {on}; at least one."),
                    }),
                );
                required.push("patterns".into());
            } else {
                props.remove("patterns");
            }
            props.extend(properties(&k.schema));
            required.extend(k.schema["required"].as_array().cloned().unwrap_or_default());
            json!({
                "title": k.name,
                "description": format!("A `{}` rule ({} stage): {}", k.name, stage_name(k.stage), k.claims),
                "type": "object",
                "properties": props,
                "required": required,
                "additionalProperties": false,
            })
        })
        .collect();
    let mut normalize = schema_of::<NormalizeConfig>();
    if let Some(o) = normalize.as_object_mut() {
        o.remove("$schema");
        o.remove("title");
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "newsclean rule file",
        "description": "A file of the rule pack (rules/*.toml): [[rule]] tables and at most one [normalize] table in the pack. Generated by `newsclean rules schema`; see rules/README.md.",
        "type": "object",
        "properties": {
            "rule": {
                "description": "The rules of this file, in precedence order.",
                "type": "array",
                "items": { "oneOf": variants },
            },
            "normalize": normalize,
        },
        "additionalProperties": false,
    })
}

/// `rules`, `detect` or `tidy`.
pub fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Rules => "rules",
        Stage::Detect => "detect",
        Stage::Tidy => "tidy",
    }
}

/// The schema as `rules schema` prints it (and `rules/schema.json` holds).
pub fn rule_file_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&rule_file_schema()).expect("a JSON value prints");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_schema_with_documented_params() {
        for k in kinds() {
            assert!(!k.claims.is_empty(), "kind {} has no doc comment", k.name);
            for p in &k.params {
                assert!(
                    !p.description.is_empty(),
                    "parameter {}.{} has no doc comment",
                    k.name,
                    p.name
                );
                assert!(p.required || p.default.is_some(), "{}.{}", k.name, p.name);
            }
        }
    }
}
