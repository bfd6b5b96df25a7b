//! `span`: remove the matched part of a line and keep the rest.
//!
//! For widgets glued inside a paragraph ("... text (اقرأ المزيد) text ...").
//! The pattern should take the whitespace on one side with it, so the kept
//! text does not gain a double space. Spans never apply inside a line that a
//! line-level rule or detector already removes.
//!
//! ```toml
//! [[rule]]
//! id = "ar.widget.read_more_span"
//! kind = "span"
//! patterns = ['\s*\(?اقرا المزيد\)?']
//! ```

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {}
