//! `newsclean suggest` on a dump built from the seeds plus corpus articles
//! carrying boilerplate no rule knows.

use crate::common::{corpus, root};
use newsclean::rules::{check, load_dir, Kind, Pack, Rule};
use newsclean::text::fold::fold;
use std::path::Path;
use std::process::Command;

const MARKER: &str = "لمتابعة آخر الأخبار";
// A site slogan no rule of the pack names (the pack does know copyright lines).
const FOOTER: &str = "شبكة المثال الإخبارية صوت المدينة منذ 2019";
const HEADING: &str = "روابط مهمة";

/// 150 corpus articles: every 5th with "MARKER: <headline of another
/// article>", every 6th ending with FOOTER, every 7th with a HEADING list.
fn dump(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let arts = corpus("ar");
    let headline = |j: usize, words: usize| {
        let p = &arts[j % arts.len()];
        let w: Vec<&str> = p[p.len() - 1].split_whitespace().take(words).collect();
        w.join(" ").trim_end_matches(['.', '،', ',']).to_string()
    };
    for (i, paras) in arts.iter().take(150).enumerate() {
        let mut parts = paras.clone();
        if i % 5 == 0 {
            parts.insert(
                parts.len() / 2,
                format!("{MARKER}: {}", headline(i * 7 + 3, 8)),
            );
        }
        if i % 7 == 2 {
            parts.push(format!(
                "{HEADING}\n{}\n{}",
                headline(i + 151, 6),
                headline(i + 152, 7)
            ));
        }
        if i % 6 == 1 {
            parts.push(FOOTER.into());
        }
        std::fs::write(dir.join(format!("{i:03}.txt")), parts.join("\n\n")).unwrap();
    }
}

fn suggest(input: &Path, rules: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .arg("suggest")
        .arg(input)
        .arg(root().join("seeds"))
        .arg("--rules")
        .arg(rules)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Copy a rule folder, leaving out `model/`.
fn copy_without_model(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap();
        if p.is_dir() {
            if name != "model" {
                copy_without_model(&p, &to.join(name));
            }
        } else {
            std::fs::copy(&p, to.join(name)).unwrap();
        }
    }
}

fn matching<'a>(pack: &'a Pack, line: &str) -> Vec<&'a Rule> {
    let f = fold(line).text;
    pack.rules
        .iter()
        .filter(|r| r.patterns.iter().any(|p| p.is_match(&f)))
        .collect()
}

#[test]
fn suggests_unknown_markers_as_rules_that_load_and_work() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("dump");
    dump(&input);
    let found = tmp.path().join("found");
    std::fs::create_dir_all(&found).unwrap();
    // The rules without the learned model: it removes the heading list of
    // this dump (marker-free headlines), and suggest mines what is kept.
    let rules = tmp.path().join("rules");
    copy_without_model(&root().join("rules"), &rules);
    suggest(&input, &rules, &found.join("suggested.toml"));
    let toml = std::fs::read_to_string(found.join("suggested.toml")).unwrap();

    // The TOML loads with the project's loader; remove-examples hold.
    let pack = load_dir(&found).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    let fails: Vec<String> = check::check_examples(&pack)
        .iter()
        .filter(|f| !f.message.contains("has no keep-example"))
        .map(|f| f.to_string())
        .collect();
    assert!(fails.is_empty(), "{}\n{toml}", fails.join("\n"));

    // The marker line and the heading list are among the suggestions.
    let marker = matching(&pack, &format!("{MARKER}: أي عنوان آخر هنا"));
    assert!(
        marker.iter().any(|r| matches!(r.kind, Kind::Line(_))),
        "{toml}"
    );
    // The footer repeats word for word in 25 of 152 documents: `clean`'s
    // corpus pass removes it already, and suggest mines what `clean` leaves.
    assert!(matching(&pack, FOOTER).is_empty(), "{toml}");
    assert!(
        matching(&pack, HEADING)
            .iter()
            .any(|r| matches!(r.kind, Kind::Block(_))),
        "{toml}"
    );
    assert!(
        toml.contains(&format!("'{MARKER}: ")),
        "examples from the dump:\n{toml}"
    );
    // Body text is not suggested: no rule matches a corpus paragraph.
    for p in corpus("ar").iter().take(150).flatten() {
        assert!(matching(&pack, p).is_empty(), "{p}\n{toml}");
    }

    // With the suggestions added to the pack, they are not suggested again.
    std::fs::copy(found.join("suggested.toml"), rules.join("suggested.toml")).unwrap();
    let again = tmp.path().join("again.toml");
    suggest(&input, &rules, &again);
    let again = std::fs::read_to_string(again).unwrap();
    assert!(!again.contains("[[rule]]"), "{again}");
}
