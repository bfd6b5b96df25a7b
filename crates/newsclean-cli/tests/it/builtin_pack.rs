//! The binary carries its rule pack: it works from any folder, `--rules DIR`
//! replaces the pack, `--extra-rules DIR` adds to it, `rules export` writes it.

use crate::common::{bin, root};

#[test]
fn the_built_in_pack_is_the_rules_folder() {
    let builtin = newsclean::Pack::builtin().unwrap();
    let folder = newsclean::rules::load_dir(&root().join("rules")).unwrap();
    let ids = |p: &newsclean::Pack| p.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&builtin), ids(&folder));
    let pats = |p: &newsclean::Pack| {
        p.rules
            .iter()
            .flat_map(|r| r.patterns.iter().map(|re| re.as_str().to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(pats(&builtin), pats(&folder));
}

#[test]
fn clean_works_from_any_folder_with_the_built_in_pack() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let o = bin(
        &["clean", seeds.to_str().unwrap(), "-q", "--out", "a"],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rules = root().join("rules");
    let o = bin(
        &[
            "clean",
            seeds.to_str().unwrap(),
            "-q",
            "--out",
            "b",
            "--rules",
            rules.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert!(o.status.success());
    let read = |d: &str| std::fs::read(tmp.path().join(d).join("clean.jsonl")).unwrap();
    assert_eq!(read("a"), read("b"));
}

#[test]
fn extra_rules_add_to_the_pack_and_a_clashing_id_names_both_files() {
    let tmp = tempfile::tempdir().unwrap();
    let extra = tmp.path().join("extra");
    std::fs::create_dir_all(&extra).unwrap();
    std::fs::write(
        extra.join("mine.toml"),
        r#"[[rule]]
id = "my.promo"
kind = "line"
description = "Our own promo line."
patterns = ['^\s*zorblax corner of the gazette\s*$']
examples.remove = ["Zorblax corner of the Gazette"]
examples.keep = ["The zorblax corner of the gazette was a popular column, he said."]
"#,
    )
    .unwrap();
    let doc = tmp.path().join("doc.txt");
    let body = crate::common::corpus("en")[0].join("\n\n");
    std::fs::write(&doc, format!("{body}\n\nZorblax corner of the Gazette\n")).unwrap();
    let o = bin(
        &[
            "explain",
            doc.to_str().unwrap(),
            "--plain",
            "--extra-rules",
            extra.to_str().unwrap(),
        ],
        tmp.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && out.contains("my.promo"), "{out}");

    std::fs::write(
        extra.join("clash.toml"),
        "[[rule]]\nid = \"title\"\nkind = \"line\"\ndescription = \"x\"\npatterns = ['^x$']\nexamples.remove = [\"x\"]\n",
    )
    .unwrap();
    let o = bin(
        &["rules", "list", "--extra-rules", extra.to_str().unwrap()],
        tmp.path(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("clash.toml") && err.contains("builtin:"),
        "{err}"
    );
}

#[test]
fn rules_export_writes_the_pack_and_overwrites_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let o = bin(&["rules", "export", "pack"], tmp.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let exported = newsclean::rules::load_dir(&tmp.path().join("pack")).unwrap();
    assert_eq!(
        exported.rules.len(),
        newsclean::Pack::builtin().unwrap().rules.len()
    );
    let first = tmp.path().join("pack/normalize.toml");
    std::fs::write(&first, "# mine\n").unwrap();
    let o = bin(&["rules", "export", "pack"], tmp.path());
    assert!(!o.status.success());
    assert_eq!(std::fs::read_to_string(&first).unwrap(), "# mine\n");
}
