//! The inverse of cleaning: kept text plus removals give back the input.
//!
//! Used by the tests (invariant: `rebuild(text, audit) == normalized input`)
//! and usable by anyone holding clean.jsonl and audit.jsonl.

/// Splice `removals` (normalized-input byte start, removed text), sorted by
/// start, back into `kept`. Fails if they do not fit the kept text.
pub fn rebuild<'a, I>(kept: &str, removals: I) -> Result<String, String>
where
    I: IntoIterator<Item = (usize, &'a str)>,
{
    let mut out = String::with_capacity(kept.len() * 2);
    let mut cursor = 0; // position in `kept`
    for (start, text) in removals {
        let gap = start
            .checked_sub(out.len())
            .ok_or_else(|| format!("removal at {start} overlaps the previous one"))?;
        let piece = kept
            .get(cursor..cursor + gap)
            .ok_or_else(|| format!("removal at {start} lies past the kept text"))?;
        out.push_str(piece);
        out.push_str(text);
        cursor += gap;
    }
    out.push_str(kept.get(cursor..).ok_or("kept text too short")?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::rebuild;

    #[test]
    fn splices_in_order() {
        assert_eq!(rebuild("AC", [(1, "B"), (3, "D")]).unwrap(), "ABCD");
        assert!(rebuild("A", [(5, "x")]).is_err());
    }
}
