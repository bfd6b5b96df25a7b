//! newsclean: strip scraper boilerplate from news dumps, with an exact audit.
//!
//! The library does the work; the `newsclean` binary (crates/newsclean-cli)
//! parses flags, picks a mode and renders for people. Folders follow the data:
//! `io::source` → `text` → `pipeline` (with `rules`, and `corpus_pass` stats)
//! → `io::records` → `io::sink`; `run` drives a whole dump through them.
//! Data flows one way (see README "How it works"):
//!
//! ```text
//! file bytes → source::decode → normalize → Document (lines + folded view)
//!   → rules and detectors *claim* lines or spans → resolve picks one owner per byte
//!   → tidy (whitespace) → Cleaned { text, metadata, removals } → output writers
//! ```
//!
//! Nothing edits the text until `resolve`: every removal is a byte range in the
//! normalized input with the id of the one rule that owns it, so kept text plus
//! removals always rebuild the normalized input exactly (`rebuild`).

pub mod corpus_pass;
pub mod error;
pub mod io;
pub mod pipeline;
pub mod rules;
pub mod run;
pub mod text;

pub use error::{PackError, RunError};
pub use pipeline::{clean_text, clean_text_in, Cleaned, Context, Outcome, RejectReason};
pub use rules::Pack;
