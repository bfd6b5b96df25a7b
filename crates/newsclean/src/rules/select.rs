//! `--select` / `--ignore`: run a subset of the pack.
//!
//! A pattern names a rule id (`ar.read_also.line`) or an id prefix ending at
//! a dot boundary (`ar.read_also` matches `ar.read_also.line` and
//! `ar.read_also.block`, not `ar.read_also_x`). A pattern that matches no rule
//! is an error naming it, so a typo never silently runs the whole pack.

use crate::rules::Pack;

#[derive(Debug, thiserror::Error)]
pub enum SelectError {
    #[error("unknown rule id or prefix: {} (see `newsclean rules list`)", .0.join(", "))]
    Unknown(Vec<String>),
}

/// Whether rule `id` is named by `pattern` (an id or a dotted prefix).
pub fn matches(id: &str, pattern: &str) -> bool {
    let p = pattern.trim_end_matches('.');
    !p.is_empty() && (id == p || id.strip_prefix(p).is_some_and(|r| r.starts_with('.')))
}

impl Pack {
    /// The rules named by `select` (all when empty) minus those named by
    /// `ignore`, in pack order. With neither, the same pack (cloned, its
    /// matcher not built again: that is a tenth of a second of regex
    /// compilation per run).
    pub fn select(&self, select: &[String], ignore: &[String]) -> Result<Pack, SelectError> {
        if select.is_empty() && ignore.is_empty() {
            return Ok(self.clone());
        }
        let unknown: Vec<String> = select
            .iter()
            .chain(ignore)
            .filter(|p| !self.rules.iter().any(|r| matches(&r.id, p)))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            return Err(SelectError::Unknown(unknown));
        }
        let rules = self
            .rules
            .iter()
            .filter(|r| select.is_empty() || select.iter().any(|p| matches(&r.id, p)))
            .filter(|r| !ignore.iter().any(|p| matches(&r.id, p)))
            .cloned()
            .collect();
        Ok(Pack::new(rules, self.normalize.clone())
            .expect("patterns that compiled in the full set compile in a subset"))
    }

    /// The pack without the rules `pattern` names (an id or a dotted
    /// prefix: `model` for the segment model), the same pack when it names
    /// none (unlike `--ignore`, not an error: a pack may have no model).
    pub fn without(&self, pattern: &str) -> Pack {
        let rules = self
            .rules
            .iter()
            .filter(|r| !matches(&r.id, pattern))
            .cloned()
            .collect();
        Pack::new(rules, self.normalize.clone())
            .expect("patterns that compiled in the full set compile in a subset")
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn ids_and_dotted_prefixes() {
        assert!(matches("ar.read_also.line", "ar.read_also"));
        assert!(matches("ar.read_also.line", "ar.read_also.line"));
        assert!(matches("ar.read_also.line", "ar."));
        assert!(!matches("ar.read_also_x", "ar.read_also"));
        assert!(!matches("ar.read_also.line", "ar.read"));
        assert!(!matches("ar.x", ""));
    }

    #[test]
    fn without_drops_a_prefix_and_names_nothing_without_error() {
        let pack = crate::Pack::builtin().unwrap();
        let no_model = pack.without("model");
        assert!(pack.rules.iter().any(|r| r.id.starts_with("model.")));
        assert!(!no_model.rules.iter().any(|r| r.id.starts_with("model.")));
        assert_eq!(no_model.rules.len() + 1, pack.rules.len());
        assert_eq!(no_model.without("model").rules.len(), no_model.rules.len());
    }
}
