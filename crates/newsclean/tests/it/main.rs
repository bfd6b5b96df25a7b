//! Integration tests of this crate, one binary (see README "Layout").

mod common;
mod corpus_bodies;
mod fuzz;
mod golden_seeds;
mod keep_crafted;
mod keep_set;
mod property;
mod site_rules;
mod templates;
