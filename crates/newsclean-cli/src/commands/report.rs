//! `newsclean report`: Rebuild report.html from an output folder.

use super::prelude::*;

/// Rebuild report.html from an output folder.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Documents embedded in the page (an even sample of the kept ones).
    #[arg(long, default_value_t = 500)]
    pub max_docs: usize,
}

pub fn run(args: Args) -> Result<()> {
    let Args { out, max_docs } = args;
    let opts = report::ReportOptions {
        max_docs,
        ..Default::default()
    };
    report::write(&out, &opts)
        .with_context(|| format!("cannot build the report of {}", out.display()))?;
    out!("report: {}\n", out.join("report.html").display());
    Ok(())
}
