//! Shared helpers: see `newsclean_dev::testkit`.
#![allow(unused_imports)]

pub use newsclean_dev::testkit::*;

/// Run the `newsclean` binary with `args` in `cwd`.
pub fn bin(args: &[&str], cwd: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run newsclean")
}
