//! Inputs and outputs: `source` (finding inputs, reading documents),
//! `records` (the output schemas, written and read back in one place) and
//! `sink` (where records go, and what newsclean may touch on disk).

pub mod records;
pub mod sink;
pub mod source;
