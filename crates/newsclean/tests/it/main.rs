//! Integration tests of this crate, one binary (see README "Layout").

mod common;
mod corpus_bodies;
mod fuzz;
mod golden_seeds;
mod property;
mod site_rules;
mod templates;
