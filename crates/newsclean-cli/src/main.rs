//! The `newsclean` command: parses flags and hands them to one command
//! (`commands/`, one file per subcommand). Errors are printed here, each
//! cause once; a closed pipe is a normal end.

use clap::{Parser, Subcommand};

/// `print!` that returns an error instead of panicking (a closed pipe ends
/// the command normally: see `main`).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)?
    }};
}

mod commands;
mod docview;
mod explain;
mod lint;
mod progress;
mod report;
mod ruledoc;
mod suggest;

#[derive(Parser)]
#[command(
    name = "newsclean",
    version,
    about = "Strip scraper boilerplate from news dumps, with an exact audit"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean documents: writes clean.jsonl, audit.jsonl and rejected.jsonl.
    Clean(commands::clean::Args),
    /// Write the labeled dev set (JSONL: id, lang, text, spans) built from the corpus.
    Devset(commands::devset::Args),
    /// Clean a labeled dev set and report body retention and boilerplate leakage.
    Eval(commands::eval::Args),
    /// Show one document with its removals, like a diff.
    Explain(commands::explain::Args),
    /// Mine a dump for boilerplate no rule removes; write candidate rules as TOML.
    Suggest(commands::suggest::Args),
    /// Rebuild report.html from an output folder.
    Report(commands::report::Args),
    /// Write a deterministic benchmark dump (real sentences + boilerplate).
    Generate(commands::generate::Args),
    /// The corpus pass of one shard (`--shard i/N`), or `stats merge` of all shards.
    Stats(commands::stats::Args),
    /// Fit the segment model on labelled documents and write its weights file.
    Train(commands::train::Args),
    /// Inspect and test the rule pack.
    Rules {
        #[command(subcommand)]
        command: commands::rules::Command,
    },
}

fn main() -> std::process::ExitCode {
    let Err(e) = real_main() else {
        return std::process::ExitCode::SUCCESS;
    };
    // A reader that went away (`| head`) is a normal end, as for any CLI.
    let closed = e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if closed {
        return std::process::ExitCode::SUCCESS;
    }
    eprintln!("error: {}", error_chain(&e));
    std::process::ExitCode::FAILURE
}

/// The error and its causes, each printed once: a cause whose text the
/// message before it already contains is skipped.
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

fn real_main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Clean(a) => commands::clean::run(a),
        Command::Devset(a) => commands::devset::run(a),
        Command::Eval(a) => commands::eval::run(a),
        Command::Explain(a) => commands::explain::run(a),
        Command::Suggest(a) => commands::suggest::run(a),
        Command::Report(a) => commands::report::run(a),
        Command::Generate(a) => commands::generate::run(a),
        Command::Stats(a) => commands::stats::run(a),
        Command::Train(a) => commands::train::run(a),
        Command::Rules { command } => commands::rules::run(command),
    }
}
