//! Run totals and the per-rule table printed at the end of `clean`.

use crate::io::records::Rendered;
use crate::rules::TIDY_ID;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RuleStats {
    pub docs: usize,
    pub lines: usize,
    pub chars: usize,
}

#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub read: usize,
    pub kept: usize,
    pub rejected: BTreeMap<&'static str, usize>,
    pub chars_in: usize,
    pub chars_out: usize,
    pub bytes: u64,
    pub rules: BTreeMap<String, RuleStats>,
    pub seconds: f64,
    /// The repeated-line pass, when it ran: (enabled, distinct documents,
    /// repeated lines found, count floor).
    pub corpus: Option<(bool, usize, usize, u32)>,
    /// Why the repeated-line pass did not run although asked for.
    pub corpus_skipped: Option<&'static str>,
    /// The report page the run wrote, if it wrote one.
    pub report: Option<std::path::PathBuf>,
    /// Files in input folders that were not read, being neither text nor
    /// JSONL by name (`Inputs::not_read`): how many, and the first.
    pub not_read: (usize, Option<std::path::PathBuf>),
}

impl Summary {
    pub fn add(&mut self, r: &Rendered, bytes: u64) {
        self.read += 1;
        self.bytes += bytes;
        match r.reject_reason {
            Some(reason) => *self.rejected.entry(reason).or_default() += 1,
            None => self.kept += 1,
        }
        self.chars_in += r.chars_in;
        self.chars_out += r.chars_out;
        for (id, (lines, chars)) in &r.rules {
            let s = self.rules.entry(id.clone()).or_default();
            s.docs += 1;
            s.lines += lines;
            s.chars += chars;
        }
    }

    pub fn rejected_total(&self) -> usize {
        self.rejected.values().sum()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rejected: Vec<String> = self
            .rejected
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(
            f,
            "documents: {} read, {} kept, {} rejected{}",
            self.read,
            self.kept,
            self.rejected_total(),
            if rejected.is_empty() {
                String::new()
            } else {
                format!(" ({})", rejected.join(", "))
            }
        )?;
        let mb = self.bytes as f64 / 1e6;
        writeln!(
            f,
            "characters: {} in, {} out; {:.2} MB in {:.2}s ({:.1} MB/s)",
            self.chars_in,
            self.chars_out,
            mb,
            self.seconds,
            if self.seconds > 0.0 {
                mb / self.seconds
            } else {
                0.0
            }
        )?;
        if let (n @ 1.., Some(first)) = &self.not_read {
            writeln!(
                f,
                "not read: {n} file{} in input folders neither .txt nor JSON Lines \
                 (.jsonl, .ndjson, .json; .gz, .zst), e.g. {}",
                if *n == 1 { "" } else { "s" },
                first.display()
            )?;
        }
        if let Some((enabled, docs, lines, floor)) = self.corpus {
            if enabled {
                writeln!(f, "repeated-line pass: {docs} distinct documents, {lines} repeated lines (count floor {floor})")?;
            } else {
                writeln!(
                    f,
                    "repeated-line pass: off ({docs} distinct documents, too few to count)"
                )?;
            }
        }
        if let Some(why) = self.corpus_skipped {
            writeln!(f, "repeated-line pass: skipped: {why}")?;
        }
        let mut rows: Vec<(&String, &RuleStats)> = self.rules.iter().collect();
        // Rules by characters removed; tidy's whitespace last.
        rows.sort_by_key(|(id, s)| (id.as_str() == TIDY_ID, std::cmp::Reverse(s.chars), *id));
        let w = rows
            .iter()
            .map(|(id, _)| id.len())
            .max()
            .unwrap_or(4)
            .max(4);
        writeln!(
            f,
            "{:<w$}  {:>9}  {:>9}  {:>11}",
            "rule", "documents", "lines", "chars"
        )?;
        for (id, s) in rows {
            writeln!(
                f,
                "{:<w$}  {:>9}  {:>9}  {:>11}",
                id, s.docs, s.lines, s.chars
            )?;
        }
        Ok(())
    }
}
