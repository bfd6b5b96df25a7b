//! The rule-pack loader on generated TOML, arbitrary strings and mutated rule files.

use super::generators::*;
use super::*;
use crate::common::*;
use newsclean::pipeline::Outcome;
use newsclean::Pack;

// ------------------------------------------------------ rule-pack loader

/// Load one TOML text as a pack (a folder holding just that file).
pub(super) fn load_one(name: &str, toml: &str) -> Result<Pack, newsclean::PackError> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), toml).unwrap();
    newsclean::rules::load_dir(dir.path())
}

/// A pack that loaded cleans text without panicking, and still rebuilds.
pub(super) fn exercise(p: &Pack, texts: &[&str]) {
    for t in texts {
        match newsclean::clean_text(t, p) {
            Outcome::Kept(c) => crate::common::assert_sound(&c),
            Outcome::Rejected { cleaned, .. } => {
                if let Some(c) = cleaned {
                    crate::common::assert_sound(&c);
                }
            }
        }
    }
}

pub(super) fn sample_texts() -> Vec<&'static str> {
    let a = articles();
    vec![
        a[0].as_str(),
        a[a.len() - 1].as_str(),
        "إقرأ أيضاً: خبر\n\nنص المقال هنا وهو طويل بما يكفي.\n\nالمصدر: وكالة\n",
        "Read more: x\n\nBody text here, long enough to be a sentence.\n\nTags: a, b, c\n",
        " \n\u{200F}ـ\n",
    ]
}

/// Real rule files (path relative to rules/, text).
pub(super) fn rule_files() -> &'static Vec<(String, String)> {
    static R: OnceLock<Vec<(String, String)>> = OnceLock::new();
    R.get_or_init(|| {
        let dir = root().join("rules");
        let mut v: Vec<(String, String)> = walk(&dir)
            .into_iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        v.sort();
        v
    })
}

pub(super) fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
    out
}

pub(super) const TOML_BITS: &[&str] = &[
    "0",
    "-1",
    "18446744073709551615",
    "9223372036854775807",
    "-9223372036854775808",
    "1e308",
    "nan",
    "inf",
    "-0.0",
    "0.5",
    "true",
    "\"\"",
    "''",
    "'('",
    "'[z-a]'",
    "'\\p{Nonsense}'",
    "'(?P<x>a)(?P<x>b)'",
    "'^'",
    "'$'",
    "'.*'",
    "'(a*)*'",
    "'\\b'",
    "'(?-u:\\xff)'",
    "'a{99999}'",
    "[]",
    "['', '']",
    "[1, 'a']",
    "{}",
    "\"\\u0000\"",
    "'\u{200F}'",
    "\"x\ny\"",
];

/// A mutation of a TOML text: (what, where, which).
pub(super) fn mutate_toml(text: &mut String, (what, at, pick): Mutation) {
    let p = boundary(text, at);
    let line_start = text[..p].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[p..].find('\n').map_or(text.len(), |i| p + i);
    match what % 7 {
        0 => text.replace_range(line_start..line_end, ""),
        1 => {
            let line = format!("{}\n", &text[line_start..line_end]);
            text.insert_str(line_start, &line);
        }
        2 => {
            // Replace the value of the line's `key = value`.
            if let Some(eq) = text[line_start..line_end].find(" = ") {
                let v = TOML_BITS[pick % TOML_BITS.len()];
                text.replace_range(line_start + eq + 3..line_end, v);
            }
        }
        3 => text.truncate(p),
        4 => {
            let keys = [
                "kind",
                "lang",
                "sites",
                "patterns",
                "max_chars",
                "min_items",
                "field",
                "words",
                "min_share",
                "min_position",
                "teasers",
                "sentences",
                "min_docs",
                "max_body_paragraphs",
                "min_body_chars",
                "bogus",
                "examples.remove",
                "examples.keep",
                "id",
                "description",
                "why",
            ];
            let k = keys[pick % keys.len()];
            let v = TOML_BITS[(pick / keys.len()) % TOML_BITS.len()];
            text.insert_str(line_start, &format!("{k} = {v}\n"));
        }
        5 => {
            let kinds = [
                "title",
                "extract",
                "line",
                "block",
                "tail",
                "span",
                "tag_cloud",
                "vocab_line",
                "headline_list",
                "repeated_line",
                "glued",
                "trailing",
                "nope",
            ];
            if let Some(i) = text.find("kind = ") {
                let e = text[i..].find('\n').map_or(text.len(), |j| i + j);
                text.replace_range(i..e, &format!("kind = \"{}\"", kinds[pick % kinds.len()]));
            }
        }
        _ => text.insert_str(p, ["[", "]", "\"", "'", "\n[[rule]]\n", "=", "#"][pick % 7]),
    }
}

proptest! {
    #![proptest_config(config(2))]

    #[test]
    fn fuzz_loader_arbitrary_toml(text in "(\\[\\[rule\\]\\]\n)?([a-z_]{1,12} = (\"[^\"\n]{0,12}\"|[0-9-]{1,4}|true|\\[\\]|'[^'\n]{0,10}')\n){0,8}") {
        if let Ok(p) = load_one("x.toml", &text) {
            exercise(&p, &sample_texts());
        }
    }

    #[test]
    fn fuzz_loader_arbitrary_string(text in any::<String>()) {
        let _ = load_one("x.toml", &text);
    }
}

proptest! {
    #![proptest_config(config(4))]

    #[test]
    fn fuzz_loader_mutated_rule_files(
        file in any::<usize>(),
        muts in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..5),
    ) {
        let (name, text) = &rule_files()[file % rule_files().len()];
        let mut text = text.clone();
        for m in muts {
            mutate_toml(&mut text, m);
        }
        if let Ok(p) = load_one(name, &text) {
            exercise(&p, &sample_texts());
        }
    }
}
