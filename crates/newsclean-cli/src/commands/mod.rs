//! One file per subcommand: each holds its flags (`Args`) and `run`.

pub(crate) mod clean;
pub(crate) mod devset;
pub(crate) mod eval;
pub(crate) mod explain;
pub(crate) mod generate;
pub(crate) mod report;
pub(crate) mod rules;
pub(crate) mod stats;
pub(crate) mod suggest;
pub(crate) mod train;

/// What every command file uses.
pub(crate) mod prelude {
    pub(crate) use super::{read_stats, RulesArgs};
    pub(crate) use crate::{explain, lint, progress, report, ruledoc, suggest};
    pub(crate) use anyhow::{bail, Context, Result};
    pub(crate) use std::path::PathBuf;
}

use anyhow::{Context, Result};
use newsclean::io::records::read as summary_file;
use std::path::PathBuf;

/// Which rule pack a command uses: the built-in one (compiled in), a
/// folder replacing it, or a folder added on top of it.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct RulesArgs {
    /// Folder of rule files (*.toml, searched recursively) replacing the
    /// built-in pack (`newsclean rules export DIR` writes it out to edit).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Folder of rule files added on top of the built-in pack (rule ids must
    /// not clash with it).
    #[arg(long, value_name = "DIR", conflicts_with = "rules")]
    extra_rules: Option<PathBuf>,
}

impl RulesArgs {
    pub(crate) fn load(&self) -> Result<newsclean::Pack> {
        let pack = match (&self.rules, &self.extra_rules) {
            (Some(dir), _) => newsclean::rules::load_dir(dir),
            (None, Some(extra)) => newsclean::Pack::builtin_with(extra),
            (None, None) => newsclean::Pack::builtin(),
        };
        pack.context("cannot load the rule pack")
    }

    /// How the pack is named in messages.
    pub(crate) fn name(&self) -> String {
        match (&self.rules, &self.extra_rules) {
            (Some(dir), _) => dir.display().to_string(),
            (None, Some(extra)) => format!("the built-in pack + {}", extra.display()),
            (None, None) => "the built-in pack".into(),
        }
    }
}

pub(crate) fn read_stats(dir: &std::path::Path) -> Result<summary_file::SummaryFile> {
    summary_file::read_summary(dir)
        .with_context(|| format!("cannot read the run in {}", dir.display()))
}
