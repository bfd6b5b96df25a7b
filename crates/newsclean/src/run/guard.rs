//! Loud failures for configuration mistakes: a run whose JSONL records
//! mostly lack the text field (a wrong `--text-field`, plain text piped to
//! `clean -`), or none of whose records has the id field the user named, is
//! stopped with an error that says what was seen — before anything is put in
//! place — instead of ending with exit 0 and every record rejected.
//! `--keep-going` turns the check off.

use crate::error::RunError;

/// How many JSONL records the check looks at.
pub const PROBE: usize = 1000;

/// What the check needs of one document.
#[derive(Debug, Default)]
pub struct Probe {
    /// A JSONL line (parsed or not); text files are not checked.
    pub jsonl: bool,
    /// The reject detail, when the record was malformed.
    pub malformed: Option<String>,
    /// For a parsed record: whether the id came from the id field.
    pub id_from_field: Option<bool>,
}

/// Counts over the first `PROBE` JSONL records of a run.
#[derive(Debug, Default)]
pub struct Guard {
    seen: usize,
    malformed: usize,
    first_malformed: Option<String>,
    parsed: usize,
    with_id: usize,
    checked: bool,
}

impl Guard {
    /// Count one document; stop the run once `PROBE` records are seen and
    /// they show a mistake.
    pub fn add(&mut self, p: &Probe, opts: &GuardOptions) -> Result<(), RunError> {
        if !p.jsonl || self.checked || !opts.enabled {
            return Ok(());
        }
        self.seen += 1;
        if let Some(d) = &p.malformed {
            self.malformed += 1;
            self.first_malformed.get_or_insert_with(|| d.clone());
        }
        if let Some(from_field) = p.id_from_field {
            self.parsed += 1;
            self.with_id += usize::from(from_field);
        }
        if self.seen == PROBE {
            return self.check(opts);
        }
        Ok(())
    }

    /// The check over what was seen (at `PROBE` records, or at the end).
    pub fn check(&mut self, opts: &GuardOptions) -> Result<(), RunError> {
        if self.checked || !opts.enabled {
            return Ok(());
        }
        self.checked = true;
        if self.seen >= 2 && 2 * self.malformed > self.seen {
            return Err(RunError::Options(format!(
                "{} of the first {} JSONL records are malformed, e.g. {}: is the text in \
                 another field (--text-field), or is the input not JSONL? \
                 (--keep-going cleans what it can)",
                self.malformed,
                self.seen,
                self.first_malformed.as_deref().unwrap_or("?")
            )));
        }
        if let Some(field) = &opts.id_field_given {
            if self.parsed > 0 && self.with_id == 0 {
                return Err(RunError::Options(format!(
                    "none of the first {} JSONL records has the id field `{field}` \
                     (--id-field); ids would all be <file>:<line> (--keep-going accepts that)",
                    self.parsed
                )));
            }
        }
        Ok(())
    }
}

/// What the check is told by the front end.
#[derive(Debug, Clone, Default)]
pub struct GuardOptions {
    /// `false` with `--keep-going`.
    pub enabled: bool,
    /// The id field when the user named one (the default `id` may be absent:
    /// ids are then `<file>:<line>`, as documented).
    pub id_field_given: Option<String>,
}
