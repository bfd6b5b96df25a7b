//! One JSONL line → one record: its id, its text, and the other fields
//! carried untouched (as raw JSON, in their order) into `metadata.input`.
//!
//! Parsing happens in the workers, not in the reading thread. Values other
//! than the id and text fields are never built into a tree: they are kept as
//! raw JSON slices of the line, so numbers, escapes and key order stay as the
//! user wrote them.

use super::ReadError;
use crate::pipeline::RejectReason;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// Records nested deeper than this are rejected (serde_json's own limit for
/// values it builds; we keep raw values, so we check it ourselves).
pub const MAX_DEPTH: usize = 128;

/// A parsed JSONL record.
#[derive(Debug)]
pub struct Record {
    /// The id field as text (a number keeps its JSON spelling); `None` when absent or null.
    pub id: Option<String>,
    pub text: String,
    /// The other fields as one JSON object, or `None` when there are none.
    pub carried: Option<Box<RawValue>>,
}

fn malformed(detail: String) -> ReadError {
    (RejectReason::Malformed, detail)
}

/// Parse one line (without its newline). The text field is decoded once,
/// straight into a `String`; the line is never validated or scanned twice
/// but for the cheap nesting check.
pub fn parse(line: &[u8], id_field: &str, text_field: &str) -> Result<Record, ReadError> {
    if let Some(at) = too_deep(line) {
        return Err(malformed(format!(
            "JSON nested deeper than {MAX_DEPTH} levels (at byte {at})"
        )));
    }
    let in_text = std::cell::Cell::new(false);
    let seed = Seed {
        id_field,
        text_field,
        in_text: &in_text,
    };
    let mut de = serde_json::Deserializer::from_slice(line);
    let fields = serde::de::DeserializeSeed::deserialize(seed, &mut de)
        .and_then(|f| de.end().map(|()| f))
        .map_err(|e| classify(line, e, in_text.get().then_some(text_field)))?;
    let Some(text) = fields.text else {
        return Err(malformed(format!(
            "no field `{text_field}` (fields: {})",
            field_names(&fields.carried, fields.id.is_some().then_some(id_field))
        )));
    };
    let id = match fields.id.map(|v| (v.get().as_bytes()[0], v)) {
        None | Some((b'n', _)) => None,
        Some((b'"', v)) => Some(
            serde_json::from_str(v.get())
                .map_err(|e| malformed(format!("field `{id_field}`: {e}")))?,
        ),
        Some((b'-' | b'0'..=b'9', v)) => Some(v.get().to_string()),
        Some((b, _)) => {
            return Err(malformed(format!(
                "field `{id_field}` is {}, not a string or number",
                what(b)
            )))
        }
    };
    let mut carried = fields.carried;
    let carried = if carried.is_empty() {
        None
    } else {
        carried.push('}');
        Some(RawValue::from_string(carried).expect("built from valid JSON values"))
    };
    Ok(Record { id, text, carried })
}

/// The names of a record's fields, for a message: the carried ones (raw
/// JSON object text without its closing brace) and the id field if present.
fn field_names(carried: &str, id: Option<&str>) -> String {
    let keys: Vec<String> = if carried.is_empty() {
        vec![]
    } else {
        serde_json::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(&format!(
            "{carried}}}"
        ))
        .map(|m| m.into_keys().collect())
        .unwrap_or_default()
    };
    let mut names: Vec<String> = id.map(str::to_string).into_iter().chain(keys).collect();
    names.sort();
    if names.is_empty() {
        "none".into()
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Why a line did not parse: invalid UTF-8, not an object, bad JSON, or a
/// text field of the wrong type (`field`: the field being read).
fn classify(line: &[u8], e: serde_json::Error, field: Option<&str>) -> ReadError {
    if let Err(u) = std::str::from_utf8(line) {
        let at = u.valid_up_to();
        return (
            RejectReason::NotUtf8,
            format!("invalid UTF-8 at byte {at} of the line"),
        );
    }
    let first = line.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first != Some(b'{') {
        let json = serde_json::from_slice::<serde::de::IgnoredAny>(line).is_ok();
        return malformed(match first {
            Some(b) if json => format!("the line is {}, not a JSON object", what(b)),
            _ => "the line is not JSON".to_string(),
        });
    }
    match (e.classify(), field) {
        (serde_json::error::Category::Data, Some(f)) => malformed(format!("field `{f}`: {e}")),
        (serde_json::error::Category::Data, None) => malformed(e.to_string()),
        _ => malformed(format!("invalid JSON: {e}")),
    }
}

/// What a JSON value starting with byte `b` is, for messages.
fn what(b: u8) -> &'static str {
    match b {
        b'{' => "an object",
        b'[' => "an array",
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        b'-' | b'0'..=b'9' => "a number",
        _ => "not JSON",
    }
}

/// The byte offset where nesting first exceeds `MAX_DEPTH`, if it does.
fn too_deep(s: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'"' => {
                // Skip the string to its closing quote, a backslash and the
                // byte after it at a time (memchr: the text field is most of
                // the line). An unterminated string runs to the end.
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', s.get(i..)?) {
                        None => return None,
                        Some(k) if s[i + k] == b'\\' => i += k + 2,
                        Some(k) => {
                            i += k + 1;
                            break;
                        }
                    }
                }
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The fields of a record as the visitor collects them.
struct Fields<'a> {
    id: Option<&'a RawValue>,
    text: Option<String>,
    /// The other fields, as the start of a JSON object (`{"k":v,...`).
    carried: String,
}

struct Seed<'f> {
    id_field: &'f str,
    text_field: &'f str,
    /// Set while the text field's value is read, for error messages.
    in_text: &'f std::cell::Cell<bool>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Seed<'_> {
    type Value = Fields<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Fields<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut out = Fields {
            id: None,
            text: None,
            carried: String::new(),
        };
        let twice = |k: &str| A::Error::custom(format!("field `{k}` appears twice"));
        // The carried keys, checked for repeats once at the end (sorted:
        // no per-key lookups on the hot path, no table).
        let mut keys: Vec<std::borrow::Cow<'de, str>> = Vec::new();
        while let Some(k) = m.next_key::<std::borrow::Cow<'de, str>>()? {
            if k == self.text_field {
                self.in_text.set(true);
                let t: String = m.next_value()?;
                self.in_text.set(false);
                if out.text.replace(t).is_some() {
                    return Err(twice(&k));
                }
            } else if k == self.id_field {
                if out.id.replace(m.next_value()?).is_some() {
                    return Err(twice(&k));
                }
            } else {
                let v: &RawValue = m.next_value()?;
                let c = &mut out.carried;
                c.push(if c.is_empty() { '{' } else { ',' });
                c.push_str(&serde_json::to_string(&k).expect("a string serializes"));
                c.push(':');
                c.push_str(v.get());
                keys.push(k);
            }
        }
        if keys.len() > 1 {
            keys.sort_unstable();
            if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
                return Err(twice(&w[0]));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: &str) -> Result<Record, ReadError> {
        parse(line.as_bytes(), "id", "text")
    }

    #[test]
    fn id_text_and_carried_fields() {
        let r = p(r#"{"url":"u","id":7,"text":"a\nb","n":1.50,"x":{"k":[1]}}"#).unwrap();
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.text, "a\nb");
        assert_eq!(
            r.carried.unwrap().get(),
            r#"{"url":"u","n":1.50,"x":{"k":[1]}}"#
        );
        let r = p(r#"{"text":"t","id":null}"#).unwrap();
        assert_eq!((r.id, r.carried.is_none()), (None, true));
        let r = parse(br#"{"body":"b","doc":"d"}"#, "doc", "body").unwrap();
        assert_eq!((r.id.as_deref(), r.text.as_str()), (Some("d"), "b"));
    }

    #[test]
    fn bad_records_are_rejected_with_a_reason() {
        let cases: &[(&[u8], RejectReason, &str)] = &[
            (
                b"{\"text\": 3}",
                RejectReason::Malformed,
                "field `text`: invalid type: integer `3`, expected a string",
            ),
            (b"{\"id\": 1}", RejectReason::Malformed, "no field `text`"),
            (
                b"[1, 2]",
                RejectReason::Malformed,
                "an array, not a JSON object",
            ),
            (b"{\"text\": \"a\"", RejectReason::Malformed, "invalid JSON"),
            (
                b"{\"text\":\"a\",\"text\":\"b\"}",
                RejectReason::Malformed,
                "twice",
            ),
            (
                b"{\"id\":\"a\",\"text\":\"x\",\"k\":1,\"j\":0,\"k\":2}",
                RejectReason::Malformed,
                "field `k` appears twice",
            ),
            (
                b"{\"text\":\"x\",\"k\":1,\"\\u006b\":2}",
                RejectReason::Malformed,
                "field `k` appears twice",
            ),
            (
                b"{\"text\":\"a\",\"id\":[1]}",
                RejectReason::Malformed,
                "an array, not a string or number",
            ),
            (
                b"{\"text\": \"caf\xe9\"}",
                RejectReason::NotUtf8,
                "at byte 13 of the line",
            ),
            (
                b"{\"text\": \"\\ud800\"}",
                RejectReason::Malformed,
                "invalid JSON: unexpected end of hex escape",
            ),
        ];
        for (line, reason, detail) in cases {
            let e = parse(line, "id", "text").unwrap_err();
            assert_eq!(e.0, *reason, "{}", String::from_utf8_lossy(line));
            assert!(e.1.contains(detail), "{detail:?} not in {:?}", e.1);
        }
        let deep = format!(
            "{{\"text\":\"a\",\"x\":{}{}}}",
            "[".repeat(200),
            "]".repeat(200)
        );
        assert!(p(&deep).unwrap_err().1.contains("nested deeper than 128"));
        let ok = format!(
            "{{\"text\":\"[[[\",\"x\":{}{}}}",
            "[".repeat(100),
            "]".repeat(100)
        );
        assert!(p(&ok).is_ok(), "brackets inside strings do not count");
        // Escaped quotes and backslashes keep the string open; the offset
        // is that of the first bracket over the limit.
        let esc = format!("{{\"t\":\"a\\\"[\\\\\",\"x\":{}", "[".repeat(128));
        assert_eq!(too_deep(esc.as_bytes()), Some(esc.len() - 1));
        assert_eq!(too_deep(b"{\"t\":\"[[[\\"), None, "unterminated");
    }
}
