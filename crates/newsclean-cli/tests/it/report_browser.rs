//! The report of the seed run in a real browser: Debian's chromium, headless.
//!
//! `.ci/run` installs chromium when it is missing, and in CI (`CI` set) a
//! missing chromium fails these tests; elsewhere they are skipped with a
//! message saying how to install it.

use crate::common::root;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEEDS: [&str; 2] = ["000_18f17586899a5c35.txt", "001_e4b4c0894e14bddb.txt"];

fn find_chromium() -> Option<PathBuf> {
    let name = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(&name))
            .find(|p| p.is_file())
    })
}

fn chromium() -> PathBuf {
    find_chromium().expect("checked by `skip_without_chromium`")
}

/// Outside CI, a machine without chromium skips the browser tests (with a
/// message); in CI it is a failure.
fn skip_without_chromium() -> bool {
    if find_chromium().is_some() {
        return false;
    }
    let msg = "chromium not found on PATH: the report browser tests need Debian's chromium \
               (apt-get install -y chromium; .ci/run installs it), or set CHROMIUM=/path/to/it";
    assert!(std::env::var_os("CI").is_none(), "{msg}");
    eprintln!("skipped: {msg}");
    true
}

/// Run headless chromium on `page` with `args`; stdout as text.
fn browse(page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn seed_run(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(["clean", "seeds", "-q", "--rules", "rules", "--out"])
        .arg(&out)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// Audit records per rule, but for the empty ones (cuts at glued words
/// remove nothing, so there is nothing to highlight).
fn audit_counts(out: &Path) -> std::collections::BTreeMap<String, usize> {
    let mut m = std::collections::BTreeMap::new();
    for l in std::fs::read_to_string(out.join("audit.jsonl"))
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        if v["text"] == "" {
            continue;
        }
        // One range per pair of `bytes` (tidy's record lists all its runs).
        let ranges = v["bytes"].as_array().unwrap().len() / 2;
        *m.entry(v["rule"].as_str().unwrap().to_string())
            .or_insert(0) += ranges;
    }
    m
}

#[test]
fn seed_report_renders_in_chromium() {
    if skip_without_chromium() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = seed_run(tmp.path());
    let page = out.join("report.html");
    let dom = browse(&page, &["--dump-dom"]);

    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not finish"
    );
    let errors = regex::Regex::new(r#"id="js-errors"[^>]*>([^<]*)<"#).unwrap();
    assert!(
        !dom.contains("data-js-errors=\""),
        "JavaScript errors in the page: {:?}",
        errors.captures(&dom).map(|c| c[1].to_string())
    );
    // Both documents in the document view, right-to-left, with their removals.
    let (_, docs) = dom.split_once("id=\"doc-list\"").expect("document list");
    let docs = docs.split("id=\"rejected\"").next().unwrap();
    for id in SEEDS {
        let tag = regex::Regex::new(&format!(
            r#"<article [^>]*data-id="{}"[^>]*>"#,
            regex::escape(id)
        ))
        .unwrap();
        let m = tag.find(docs).unwrap_or_else(|| panic!("{id} not shown"));
        assert!(
            m.as_str().contains("dir=\"rtl\"") && m.as_str().contains("lang=\"ar\""),
            "{}",
            m.as_str()
        );
    }
    // One highlighted span per removed range, labelled with its rule.
    let mark = regex::Regex::new(r#"<mark class="rm( tidy)?" data-rule="([^"]+)" title="([^"]+)""#)
        .unwrap();
    let mut shown = std::collections::BTreeMap::new();
    for c in mark.captures_iter(docs) {
        assert_eq!(&c[2], &c[3], "hover label is the rule id");
        *shown.entry(c[2].to_string()).or_insert(0) += 1;
    }
    assert_eq!(shown, audit_counts(&out));
    assert!(shown.contains_key("ar.related.block") && shown.contains_key("ar.section_footer.tail"));
    // Totals, chart and rules table are there.
    for needle in [
        "id=\"t-read\"",
        "id=\"chart-svg\"",
        "id=\"rules-table\"",
        "data-id=\"ar.tags.line\"",
    ] {
        assert!(dom.contains(needle), "{needle} missing");
    }

    // The screenshot is not blank: many colours, and much of it not background.
    let shot = tmp.path().join("shot.png");
    browse(
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1000,1400",
        ],
    );
    let decoder = png::Decoder::new(std::fs::File::open(&shot).expect("screenshot written"));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1000, 1400));
    let bpp = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(bpp).collect();
    let colours: std::collections::HashSet<&[u8]> = pixels.iter().copied().collect();
    let background = pixels[0];
    let ink = pixels.iter().filter(|p| **p != background).count();
    assert!(colours.len() > 50, "only {} colours", colours.len());
    assert!(
        ink * 10 > pixels.len(),
        "only {ink} of {} pixels drawn",
        pixels.len()
    );
}

#[test]
fn a_javascript_error_is_detected() {
    if skip_without_chromium() {
        return;
    }
    // The check above can fail: the same page with a throwing script shows up.
    let tmp = tempfile::tempdir().unwrap();
    let out = seed_run(tmp.path());
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let broken = html.replace("</body>", "<script>null.boom();</script></body>");
    let page = tmp.path().join("broken.html");
    std::fs::write(&page, broken).unwrap();
    let dom = browse(&page, &["--dump-dom"]);
    assert!(dom.contains("data-js-errors=\"1\""), "error not recorded");
}
