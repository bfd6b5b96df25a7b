//! One document as its normalized input cut into kept and removed pieces.
//!
//! The report and `explain` show the same thing: the text as it came in,
//! with every removal marked by its rule. It is built either from a
//! `Cleaned` (cleaning a file now) or from an output folder (kept text from
//! clean.jsonl plus the document's audit.jsonl records), in which case the
//! input is rebuilt with `rebuild::rebuild`, so a view that does not fit
//! is an error rather than a silently wrong picture.

use newsclean::io::records::read::{pieces, AuditRow};
use newsclean::pipeline::rebuild::rebuild;
use newsclean::pipeline::Cleaned;
use newsclean::rules::Pack;

/// A piece of the document: kept (`rule: None`) or removed by `rule`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub rule: Option<String>,
    /// The audit note of the removal (the model's score and top features).
    pub note: Option<String>,
}

/// A document cut into segments; their concatenation is the normalized input.
#[derive(Debug, Clone)]
pub struct DocView {
    pub id: String,
    pub lang: String,
    pub title: Option<String>,
    pub segments: Vec<Segment>,
}

impl DocView {
    /// From a document cleaned in this process.
    pub fn from_cleaned(id: &str, c: &Cleaned, pack: &Pack) -> DocView {
        let removals = c.removals.iter().map(|r| {
            let id = pack.id(r.rule).to_string();
            let model = pack.rule(r.rule).is_some_and(|x| x.kind.name() == "model");
            let note = model
                .then(|| c.notes.get(&r.bytes.start).cloned())
                .flatten();
            (r.bytes.start, r.bytes.end, id, note)
        });
        DocView {
            id: id.to_string(),
            lang: c.lang.as_str().to_string(),
            title: c.title.clone(),
            segments: cut(&c.normalized, removals),
        }
    }

    /// From an output folder: the kept text and the document's audit rows.
    pub fn from_output(
        id: &str,
        lang: &str,
        title: Option<String>,
        kept: &str,
        audit: &[AuditRow],
    ) -> Result<DocView, String> {
        let misfit = |e: String| format!("document {id}: audit does not fit its kept text: {e}");
        let pieces = pieces(audit).map_err(misfit)?;
        let input = rebuild(kept, pieces.iter().map(|p| (p.0, p.2))).map_err(misfit)?;
        let removals = pieces
            .iter()
            .map(|p| (p.0, p.1, p.3.to_string(), p.4.clone()));
        Ok(DocView {
            id: id.to_string(),
            lang: lang.to_string(),
            title,
            segments: cut(&input, removals),
        })
    }
}

/// Cut `input` at sorted, disjoint removals `(start, end, rule)`. Ranges that
/// do not fit `input` are clamped (the caller has checked them).
fn cut<I>(input: &str, removals: I) -> Vec<Segment>
where
    I: IntoIterator<Item = (usize, usize, String, Option<String>)>,
{
    let mut out = Vec::new();
    let mut at = 0;
    let piece = |a: usize, b: usize| input.get(a..b).unwrap_or("").to_string();
    for (start, end, rule, note) in removals {
        let (start, end) = (start.clamp(at, input.len()), end.clamp(at, input.len()));
        if start > at {
            out.push(Segment {
                text: piece(at, start),
                rule: None,
                note: None,
            });
        }
        if end > start {
            out.push(Segment {
                text: piece(start, end),
                rule: Some(rule),
                note,
            });
        }
        at = end.max(at);
    }
    if at < input.len() {
        out.push(Segment {
            text: piece(at, input.len()),
            rule: None,
            note: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_covers_the_input_in_order() {
        let s = cut(
            "abcdef",
            [(1, 2, "x".to_string(), None), (4, 6, "y".to_string(), None)],
        );
        let texts: Vec<(&str, Option<&str>)> = s
            .iter()
            .map(|s| (s.text.as_str(), s.rule.as_deref()))
            .collect();
        assert_eq!(
            texts,
            [
                ("a", None),
                ("b", Some("x")),
                ("cd", None),
                ("ef", Some("y"))
            ]
        );
    }
}
