//! The shipped weights (`rules/model/segment.toml`) are reproducible: the
//! command its training manifest records, run from the repository root,
//! writes the same file byte for byte (but the `--out` path in that
//! command). Reads `../shared/` like the training did.

use crate::common::{bin, root};

#[test]
fn train_reproduces_the_shipped_weights() {
    let shipped = std::fs::read_to_string(root().join("rules/model/segment.toml")).unwrap();
    let command = shipped
        .lines()
        .find_map(|l| l.strip_prefix("command = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("the manifest records its command");
    let mut args: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(args.first(), Some(&"newsclean"), "{command}");
    args.remove(0);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("segment.toml");
    let at = args.iter().position(|a| *a == "--out").expect("--out") + 1;
    let shipped_out = args[at];
    args[at] = out.to_str().unwrap();
    let o = bin(&args, root());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let again = std::fs::read_to_string(&out)
        .unwrap()
        .replace(out.to_str().unwrap(), shipped_out);
    assert!(
        again == shipped,
        "retraining gave other weights: rerun `{command}`"
    );
}
