//! newsclean: strip scraper boilerplate from news dumps, with an exact audit.
//!
//! The library does all the work; `main.rs` only parses flags and picks a mode.
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

pub mod batch;
pub mod corpus;
pub mod document;
pub mod docview;
pub mod error;
pub mod eval;
pub mod explain;
pub mod fold;
pub mod generate;
pub mod lang;
pub mod lint;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod rebuild;
pub mod report;
pub mod resolve;
pub mod ruledoc;
pub mod rules;
pub mod run;
pub mod select;
pub mod sink;
pub mod source;
pub mod stats;
pub mod suggest;
pub mod summary;
pub mod tidy;

pub use error::{PackError, RunError};
pub use pipeline::{clean_text, clean_text_in, Cleaned, Context, Outcome, RejectReason};
pub use rules::Pack;
