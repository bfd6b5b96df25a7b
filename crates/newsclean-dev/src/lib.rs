//! newsclean's development tools (not published): the labelled dev set and
//! its scorer (`eval`), and the benchmark dump generator (`generate`). The
//! `newsclean` binary exposes them as `devset`, `eval` and `generate`.

pub mod eval;
pub mod generate;
pub mod testkit;
pub mod train;
