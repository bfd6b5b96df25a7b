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

/// A generated benchmark dump of `size` (`1M`, `2M`) at `dir/dump.jsonl`,
/// from the corpus and the default pack.
pub fn generate_dump(dir: &std::path::Path, size: &str) -> std::path::PathBuf {
    let dump = dir.join("dump.jsonl");
    let rules = root().join("rules");
    let o = bin(
        &[
            "generate",
            "--size",
            size,
            "--out",
            dump.to_str().unwrap(),
            "--corpus",
            corpus_dir().to_str().unwrap(),
            "--rules",
            rules.to_str().unwrap(),
        ],
        dir,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dump
}
