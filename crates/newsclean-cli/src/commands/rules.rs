//! `newsclean rules ...`: inspect, test, document and export the rule pack.

use super::prelude::*;
use newsclean::rules::{self, check};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Load the pack, report errors, and run every rule's examples; warn
    /// about overlapping rules and, given a run or inputs, unfired rules.
    Check {
        #[command(flatten)]
        rules: RulesArgs,
        /// Output folder of a run: warn about rules that never fired in it.
        #[arg(long)]
        stats: Option<PathBuf>,
        /// Files or folders to clean now: warn about rules that never fire on them.
        #[arg(long, num_args = 1..)]
        input: Vec<PathBuf>,
    },
    /// List every rule with its kind, language and description.
    List {
        #[command(flatten)]
        rules: RulesArgs,
        /// Output folder of a run: add its per-rule counts.
        #[arg(long)]
        stats: Option<PathBuf>,
    },
    /// Write the built-in rule pack out as files, to edit and use with --rules.
    Export {
        /// A folder to create (or an empty one): no file is overwritten.
        dir: PathBuf,
    },
    /// Show one rule: what it removes, why, kind, patterns and examples.
    Show {
        id: String,
        #[command(flatten)]
        rules: RulesArgs,
        /// Output folder of a run: add the rule's counts in it.
        #[arg(long)]
        stats: Option<PathBuf>,
    },
    /// List every rule kind: its stage, what it claims, its parameters with
    /// types and defaults.
    Kinds,
    /// Print the JSON schema of rule files (committed as rules/schema.json),
    /// for editors to check and complete them.
    Schema,
}

pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Check {
            rules,
            stats,
            input,
        } => {
            let pack = rules.load()?;
            let fails = check::check_examples(&pack);
            let examples: usize = pack
                .rules
                .iter()
                .map(|r| r.examples.remove.len() + r.examples.keep.len())
                .sum();
            for f in &fails {
                eprintln!("FAIL {f}");
            }
            let mut warnings = lint::overlaps(&pack);
            if let Some(dir) = stats {
                warnings.extend(lint::unfired_in_summary(&pack, &read_stats(&dir)?));
            }
            if !input.is_empty() {
                warnings.extend(lint::unfired_on_inputs(&pack, &input, 8 << 20)?);
            }
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            if !fails.is_empty() {
                bail!("{} rule check(s) failed", fails.len());
            }
            out!(
                "ok: {} rules, {} examples, all pass ({} warnings)\n",
                pack.rules.len(),
                examples,
                warnings.len()
            );
        }
        Command::List { rules, stats } => {
            let pack = rules.load()?;
            let stats = stats.map(|d| read_stats(&d)).transpose()?;
            out!("{}", ruledoc::list(&pack, stats.as_ref()));
        }
        Command::Export { dir } => {
            let files = newsclean::rules::builtin_sources();
            if let Some((p, _)) = files.iter().find(|(p, _)| dir.join(p).exists()) {
                bail!(
                    "{} exists: export writes into a new or empty folder and overwrites nothing",
                    dir.join(p).display()
                );
            }
            for (p, text) in files {
                let dest = dir.join(p);
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                std::fs::write(&dest, text)
                    .with_context(|| format!("cannot write {}", dest.display()))?;
            }
            out!(
                "{} rule files written to {} (use them with --rules {})\n",
                files.len(),
                dir.display(),
                dir.display()
            );
        }
        Command::Show { id, rules, stats } => {
            let pack = rules.load()?;
            let Some(rule) = pack.find(&id) else {
                bail!(
                    "no rule `{id}` in {} (see `newsclean rules list`)",
                    rules.name()
                );
            };
            let stats = stats.map(|d| read_stats(&d)).transpose()?;
            out!("{}", ruledoc::show(rule, stats.as_ref()));
        }
        Command::Kinds => out!("{}", ruledoc::kinds()),
        Command::Schema => out!("{}", rules::schema::rule_file_schema_text()),
    }
    Ok(())
}
