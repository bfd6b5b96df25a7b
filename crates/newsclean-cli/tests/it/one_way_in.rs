//! Every command sees what `clean` sees (one way into the pipeline), and
//! errors print each cause once.

use crate::common::{bin, root};
use std::path::Path;

fn rules() -> String {
    root().join("rules").to_string_lossy().into_owned()
}

/// A BBC page under a folder named after the site: only the site rule
/// knows its "Printable version" line.
fn bbc_page(tmp: &Path) -> std::path::PathBuf {
    let dir = tmp.join("in/news.bbc.co.uk");
    std::fs::create_dir_all(&dir).unwrap();
    let body = crate::common::corpus("en")[0].join("\n\n");
    let page = dir.join("story.txt");
    std::fs::write(&page, format!("{body}\n\nPrintable version\n")).unwrap();
    page
}

#[test]
fn explain_and_rules_check_see_the_site_context_clean_sees() {
    let tmp = tempfile::tempdir().unwrap();
    let page = bbc_page(tmp.path());
    let o = bin(
        &["clean", "in", "--rules", &rules(), "-q", "--out", "o"],
        tmp.path(),
    );
    assert!(o.status.success());
    let audit = std::fs::read_to_string(tmp.path().join("o/audit.jsonl")).unwrap();
    assert!(
        audit.contains("site.bbc.page_tools"),
        "clean removes it: {audit}"
    );

    let o = bin(
        &[
            "explain",
            page.to_str().unwrap(),
            "--plain",
            "--rules",
            &rules(),
        ],
        tmp.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        out.contains("site.bbc.page_tools"),
        "explain shows it:\n{out}"
    );

    let o = bin(
        &["rules", "check", "--rules", &rules(), "--input", "in"],
        tmp.path(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("`site.bbc.page_tools` never fired"), "{err}");
}

#[test]
fn each_cause_of_an_error_is_printed_once() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["clean", "seeds", "--rules", "/no/such/rules"],
        vec!["rules", "list", "--rules", "/no/such/rules"],
        vec!["clean", "/no/such/input", "--rules", &rules()],
    ] {
        let o = bin(&args, tmp.path());
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        for cause in ["No such file or directory", "does not exist"] {
            assert!(err.matches(cause).count() <= 1, "{cause} twice: {err}");
        }
        assert!(err.contains("/no/such"), "{err}");
    }
}
