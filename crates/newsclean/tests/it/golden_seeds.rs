//! Golden tests on the two sample files in seeds/ (issue: foundation).

use crate::common::*;
use newsclean::text::normalize::normalize;

const SEED_A: &str = "000_18f17586899a5c35.txt";
const SEED_B: &str = "001_e4b4c0894e14bddb.txt";

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

fn norm(s: &str) -> String {
    normalize(s, &pack().normalize).0.trim().to_string()
}

#[test]
fn seed_a_title_body_and_section_footer() {
    let input = seed(SEED_A);
    let c = keep(&input);
    let lines: Vec<&str> = input.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        c.title.as_deref(),
        Some("مباحثات جزائرية أمريكية لاقتناء الأسلحة")
    );
    assert_eq!(lines[0], "مباحثات جزائرية أمريكية لاقتناء الأسلحة");
    // Every body paragraph whole and in order: all lines but the title and the footer.
    let footer = lines[lines.len() - 1];
    assert!(footer.starts_with("من نفس القسم - عدالة وأمن"));
    let expected: Vec<String> = lines[1..lines.len() - 1].iter().map(|l| norm(l)).collect();
    assert_eq!(paragraphs(&c.text), expected);
    assert_eq!(removed_by(&c, "من نفس القسم"), ["ar.section_footer.tail"]);
    assert_eq!(removed_by(&c, "مباحثات جزائرية أمريكية"), ["title"]);
    assert_rebuilds(&input, &c);
    assert_idempotent(&c);
}

#[test]
fn seed_b_body_without_boilerplate() {
    let input = seed(SEED_B);
    let c = keep(&input);
    assert_eq!(c.title, None);
    assert!(c.text.starts_with("في خطوة جديدة"));
    assert!(c.text.ends_with("وفق تعبيرها."));
    // The body: every non-blank line up to "وفق تعبيرها." but the read-also lines.
    let expected: Vec<String> = input
        .lines()
        .take_while(|l| !l.starts_with("المصدر:"))
        .filter(|l| !l.trim().is_empty() && !l.starts_with("إقرأ أيضا:"))
        .map(norm)
        .collect();
    assert_eq!(
        paragraphs(&c.text),
        expected,
        "paragraphs whole, in order, one blank line apart"
    );
    assert!(c
        .text
        .contains("وقال: \"تعتبر الجزائر وفرنسا جارتين تاريخيتين"));
    assert!(!c.text.contains("\n\n\n"));
    assert_eq!(c.fields.get("source").map(String::as_str), Some("عربي21"));
    for gone in [
        "إقرأ أيضا",
        "المصدر",
        "كلمات دلالية",
        "مقالات مشابهة",
        "أخبار متعلقة",
        "بشار الأسد",
        "•",
    ] {
        assert!(!c.text.contains(gone), "{gone} left in the text");
    }
    assert_rebuilds(&input, &c);
    assert_idempotent(&c);
}

#[test]
fn each_kind_of_boilerplate_has_its_own_rule() {
    let a = keep(&seed(SEED_A));
    let b = keep(&seed(SEED_B));
    let one = |c, needle: &str| -> String {
        let ids = removed_by(c, needle);
        assert_eq!(ids.len(), 1, "{needle}: {ids:?}");
        ids[0].to_string()
    };
    let ids = [
        one(&b, "إقرأ أيضا: معهد واشنطن"),
        one(&b, "المصدر: عربي21"),
        one(&b, "كلمات دلالية"),
        one(&b, "أعلنت النيابة العامة الفرنسية لمكافحة الإرهاب"),
        one(&b, "مقالات مشابهة"),
        one(&a, "من نفس القسم"),
        one(&a, "مباحثات جزائرية أمريكية"),
    ];
    let distinct: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "{ids:?}");
    // The teaser's glued widget line is cut at the lost word boundaries, and
    // each piece goes to its own rule.
    let cuts: Vec<_> = b
        .removals
        .iter()
        .filter(|r| pack().id(r.rule) == "detect.glued_words")
        .collect();
    assert_eq!(cuts.len(), 2, "two cuts: غزة|عاجل and المملكة|يُذكر");
    assert!(cuts.iter().all(|r| r.bytes.is_empty()));
    assert_eq!(one(&b, "أخبار متعلقة"), "ar.related.inline");
    assert_eq!(one(&b, "عاجل: رئيس وزراء فلسطين"), "ar.breaking.line");
    assert_eq!(one(&b, "يُذكر أنه قد صدرت مذكرة"), ids[3]);
    // Both read-also lines go to the same rule.
    assert_eq!(one(&b, "إقرأ أيضا: الجزائر والولايات"), ids[0]);
}
