//! `report.html`: the audit of a run as one self-contained page.
//!
//! Written by `clean` at the end of a run and rebuilt by `newsclean report
//! --out DIR` from the output folder alone (summary.json, clean.jsonl,
//! audit.jsonl, rejected.jsonl, all streamed). The page holds totals, a
//! sortable rules table with real examples, an SVG bar chart, and a sample of
//! documents with every removal highlighted in its rule's colour; CSS, JS and
//! data are inline, so it opens from disk with no network.
//!
//! * `collect` — stream the folder into what the page shows (bounded memory);
//! * `html` — the page itself; `chart` — the bar chart; `page.css`, `page.js`.

mod chart;
mod collect;
mod html;

use newsclean::io::records::read::{self as stats, ReadError, SummaryFile};
use std::path::Path;

pub use collect::{collect, Collected};

/// How much of a large run the page embeds.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// At most this many documents are embedded: an even sample of the
    /// kept documents (every k-th), so a dump of any size opens quickly.
    pub max_docs: usize,
    /// Examples kept per rule (the first distinct ones in the audit).
    pub examples_per_rule: usize,
    /// Rejected documents listed (the first ones).
    pub max_rejected: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            max_docs: 500,
            examples_per_rule: 5,
            max_rejected: 200,
        }
    }
}

/// The colour of a rule's highlight: a hue from a hash of its id, so a rule
/// keeps its colour across runs and reports.
pub fn rule_color(id: &str) -> String {
    if id == newsclean::rules::TIDY_ID {
        return "hsl(0, 0%, 88%)".into();
    }
    // FNV-1a: stable across platforms and versions.
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    });
    format!("hsl({}, 75%, 80%)", h % 360)
}

/// Build `report.html` in `dir` from the output files there.
pub fn write(dir: &Path, opts: &ReportOptions) -> Result<(), ReadError> {
    let summary = stats::read_summary(dir)?;
    write_with(dir, dir, &summary, opts)
}

/// Read the outputs in `dir`, write the page there; the page names `shown`.
fn write_with(
    dir: &Path,
    shown: &Path,
    summary: &SummaryFile,
    opts: &ReportOptions,
) -> Result<(), ReadError> {
    let data = collect(dir, summary, opts)?;
    let page = html::page(summary, &data, shown);
    let path = dir.join("report.html");
    let io = |source| ReadError::Io {
        path: path.clone(),
        source,
    };
    newsclean::io::records::write_atomic(&path, page.as_bytes()).map_err(io)
}

/// The end of a `clean` run: report.html from the outputs and summary.json
/// in `staging` (the new generation of the output folder `out`, not yet in
/// place), naming `out`. Returns the names of the files written.
pub fn finish_run(staging: &Path, out: &Path) -> std::io::Result<Vec<String>> {
    let summary = stats::read_summary(staging).map_err(std::io::Error::other)?;
    write_with(staging, out, &summary, &ReportOptions::default()).map_err(std::io::Error::other)?;
    Ok(vec![newsclean::io::sink::REPORT.to_string()])
}
