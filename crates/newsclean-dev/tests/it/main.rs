//! Integration tests of this crate, one binary (see README "Layout").

mod common;
mod eval_devset;
mod eval_score;
mod eval_targets;
mod train_model;
