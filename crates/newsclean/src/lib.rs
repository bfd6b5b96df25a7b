//! newsclean: strip scraper boilerplate from news dumps, with an exact audit.
//!
//! The library does the work; the `newsclean` binary (crates/newsclean-cli)
//! parses flags, picks a mode and renders for people. Folders follow the data:
//! `io::source` → `text` → `pipeline` (with `rules`, and `corpus_pass` stats)
//! → `io::records` → `io::sink`; `run` drives a whole dump through them.
//! Data flows one way (see docs/internals.md, "How it works"):
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
//!
//! # The facade
//!
//! Most users need only what is re-exported here:
//!
//! ```
//! use newsclean::{clean_text_in, Context, Outcome, Pack};
//!
//! let pack = Pack::builtin().expect("the built-in pack loads");
//! let text = "Ministers met on Monday to agree the budget for next year.\n\nRead more: Another story\n";
//! match clean_text_in(text, &pack, &Context::new(Some("example.com"), None)) {
//!     Outcome::Kept(c) => {
//!         assert!(!c.text.contains("Read more"));
//!         for r in &c.removals {
//!             println!("{} removed {:?}", pack.id(r.rule), c.removed_text(r));
//!         }
//!     }
//!     Outcome::Rejected { reason, detail, .. } => println!("{reason:?}: {detail}"),
//! }
//! ```
//!
//! [`run::clean_doc`] is the one way in for a document read from an input
//! (it builds the `Context` from the record's url or path), used by every
//! command; [`run::run`] cleans a whole dump. The modules stay public for the
//! CLI and tools; the types above are `#[non_exhaustive]` where they may grow.

pub mod corpus_pass;
pub mod error;
pub mod io;
pub mod model;
pub mod pipeline;
pub mod rules;
pub mod run;
pub mod text;

pub use error::{PackError, RunError};
pub use pipeline::resolve::Removal;
pub use pipeline::{clean_text, clean_text_in, Cleaned, Context, Outcome, RejectReason};
pub use rules::{Pack, RuleRef};
