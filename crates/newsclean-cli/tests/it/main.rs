//! Integration tests of this crate, one binary (see README "Layout").

mod builtin_pack;
mod cli;
mod common;
mod corpus_pass;
mod docs;
mod eval_cli;
mod explain;
mod faults;
mod inputs;
mod inputs_safety;
mod loud_failures;
mod one_way_in;
mod output_safety;
mod reliability;
mod report;
mod report_browser;
mod rules_pack;
mod rules_safety;
mod rules_tools;
mod schema;
mod shards;
mod shipped_model;
mod snapshots;
mod suggest;
