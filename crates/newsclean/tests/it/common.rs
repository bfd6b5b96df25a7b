//! Shared helpers: see `newsclean_dev::testkit`.
#![allow(unused_imports)]

pub use newsclean_dev::testkit::*;
