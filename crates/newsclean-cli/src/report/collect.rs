//! Stream an output folder into what the report shows, in one pass over
//! each file: an even sample of kept documents (rebuilt with their audit
//! rows), the first distinct examples of each rule, the first rejections.
//!
//! clean.jsonl and audit.jsonl are both in input order, so the audit rows of
//! a sampled document are found by reading forward; a document whose
//! `metadata.removed` is empty has none, so the reader does not look for
//! them. Only sampled clean records are parsed (the others are skipped as
//! bytes); an audit row is read for its `doc` and `rule` alone, and parsed
//! whole only when its rule still wants examples or its document is
//! sampled. Memory is bounded by the sample, not the dump.

use super::ReportOptions;
use crate::docview::DocView;
use newsclean::io::records::read::{
    self as stats, AuditRow, CleanRow, Jsonl, ReadError, RejectRow, SummaryFile,
};
use newsclean::rules::TIDY_ID;
use std::collections::BTreeMap;
use std::path::Path;

/// Longest example text kept (characters); longer ones are cut with "…".
const EXAMPLE_CHARS: usize = 400;

/// A real removal shown under a rule in the table.
#[derive(Debug, Clone)]
pub struct Example {
    pub doc: String,
    pub lines: [usize; 2],
    pub text: String,
}

/// What the report page shows beyond `summary.json`.
#[derive(Debug, Default)]
pub struct Collected {
    pub docs: Vec<DocView>,
    /// Documents were sampled every `stride`-th kept document.
    pub stride: usize,
    pub examples: BTreeMap<String, Vec<Example>>,
    pub rejected: Vec<RejectRow>,
}

/// An audit row read for its head: its line (in `AuditStream::raw`), its
/// document and rule.
struct Pending {
    doc: String,
    rule: String,
}

struct AuditStream {
    rows: Jsonl<AuditRow>,
    /// The bytes of the row last read.
    raw: Vec<u8>,
    /// The row last read was given back (`take_doc` read one too far).
    peeked: Option<Pending>,
    examples: BTreeMap<String, Vec<Example>>,
    per_rule: usize,
}

impl AuditStream {
    /// The next row's head; the row itself is in `raw` until the next call.
    fn next(&mut self) -> Result<Option<Pending>, ReadError> {
        if let Some(r) = self.peeked.take() {
            return Ok(Some(r));
        }
        loop {
            match self.rows.next_line(&mut self.raw) {
                None => return Ok(None),
                Some(read) => read?,
            }
            if stats::blank(&self.raw) {
                continue;
            }
            let head = self.rows.head(&self.raw)?;
            let row = Pending {
                doc: head.doc.into_owned(),
                rule: head.rule.into_owned(),
            };
            self.observe(&row)?;
            return Ok(Some(row));
        }
    }

    /// The row last read, parsed whole.
    fn row(&self) -> Result<AuditRow, ReadError> {
        self.rows.parse_bytes(&self.raw)
    }

    fn observe(&mut self, head: &Pending) -> Result<(), ReadError> {
        if head.rule == TIDY_ID {
            return Ok(());
        }
        if self
            .examples
            .get(&head.rule)
            .is_some_and(|ex| ex.len() >= self.per_rule)
        {
            return Ok(());
        }
        let row = self.row()?;
        let ex = self.examples.entry(row.rule.clone()).or_default();
        if ex.iter().any(|e| e.text == row.text.trim()) {
            return Ok(());
        }
        let mut text: String = row.text.trim().chars().take(EXAMPLE_CHARS).collect();
        if text.len() < row.text.trim().len() {
            text.push('…');
        }
        ex.push(Example {
            doc: row.doc.clone(),
            lines: row.lines,
            text,
        });
        Ok(())
    }

    /// The rows of the document `id` whose clean record counts `removed`,
    /// skipping the rows of earlier documents. Ids are used as given, so
    /// the rows of other documents with the same id (a rejected one, one not
    /// sampled) may come first: rows of one id are split where byte ranges
    /// start again, and the first group that fits `removed` is taken. `None`
    /// when no group with this id fits (the document is then not embedded);
    /// an error only when the audit has no row of `id` at all.
    fn take_doc(
        &mut self,
        id: &str,
        removed: &BTreeMap<String, usize>,
    ) -> Result<Option<Vec<AuditRow>>, ReadError> {
        let want: usize = removed.values().sum();
        let (mut out, mut got, mut seen) = (Vec::<AuditRow>::new(), 0, false);
        while let Some(head) = self.next()? {
            if head.doc != id {
                if seen {
                    self.peeked = Some(head);
                    break;
                }
                continue;
            }
            seen = true;
            let row = self.row()?;
            let chars = row.text.chars().count();
            let new_doc = out
                .last()
                .is_some_and(|p| stats::starts_again(p, &row) || got + chars > want);
            if new_doc {
                if stats::rows_fit(&out, removed) {
                    self.peeked = Some(head);
                    return Ok(Some(out));
                }
                (out, got) = (Vec::new(), 0);
            }
            got += chars;
            out.push(row);
        }
        if !seen {
            return Err(ReadError::Other(format!(
                "audit.jsonl has no records for document {id}, whose metadata.removed is not empty"
            )));
        }
        Ok(stats::rows_fit(&out, removed).then_some(out))
    }

    fn drain(&mut self) -> Result<(), ReadError> {
        while self.next()?.is_some() {}
        Ok(())
    }
}

/// Read the folder `dir` of the run `summary` (see module doc).
pub fn collect(
    dir: &Path,
    summary: &SummaryFile,
    opts: &ReportOptions,
) -> Result<Collected, ReadError> {
    let max_docs = opts.max_docs.max(1);
    let stride = summary.kept.div_ceil(max_docs).max(1);
    let mut clean: Jsonl<CleanRow> = stats::open(dir, "clean.jsonl")?;
    let mut audit = AuditStream {
        rows: stats::open(dir, "audit.jsonl")?,
        raw: Vec::new(),
        peeked: None,
        examples: BTreeMap::new(),
        per_rule: opts.examples_per_rule,
    };
    let mut docs = Vec::new();
    let mut index = 0usize;
    let mut raw = Vec::new();
    while let Some(read) = clean.next_line(&mut raw) {
        read?;
        if stats::blank(&raw) {
            continue;
        }
        if index.is_multiple_of(stride) && docs.len() < max_docs {
            let row: CleanRow = clean.parse_bytes(&raw)?;
            let rows = if row.metadata.removed.is_empty() {
                Some(Vec::new())
            } else {
                audit.take_doc(&row.id, &row.metadata.removed)?
            };
            // A document whose rows cannot be told apart from another's
            // with the same id is left out of the sample, never an error.
            let view = rows.and_then(|rows| {
                DocView::from_output(
                    &row.id,
                    &row.metadata.lang,
                    row.metadata.title.clone(),
                    &row.text,
                    &rows,
                )
                .ok()
            });
            docs.extend(view);
        }
        index += 1;
    }
    audit.drain()?;
    let mut rejected = Vec::new();
    for r in stats::open::<RejectRow>(dir, "rejected.jsonl")? {
        if rejected.len() >= opts.max_rejected {
            break;
        }
        rejected.push(r?);
    }
    Ok(Collected {
        docs,
        stride,
        examples: audit.examples,
        rejected,
    })
}
