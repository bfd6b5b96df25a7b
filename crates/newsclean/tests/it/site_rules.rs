//! Site-scoped rules run only on documents from their sites.

use crate::common::*;
use newsclean::pipeline::{clean_text_in, Context, Outcome};

fn kept(text: &str, site: Option<&str>) -> String {
    match clean_text_in(text, pack(), &Context::new(site, None)) {
        Outcome::Kept(c) => c.text,
        Outcome::Rejected { reason, .. } => panic!("rejected {reason:?}"),
    }
}

#[test]
fn a_site_rule_fires_only_on_its_site() {
    let doc = "The dollar has hit its highest level against the euro in almost three months.\n\nE-mail this to a friend\n\nPrintable version";
    let body = "The dollar has hit its highest level against the euro in almost three months.";
    assert_eq!(
        kept(doc, Some("http://news.bbc.co.uk/1/hi/business/4134379.stm")),
        body
    );
    assert_eq!(kept(doc, Some("dumps/bbc/business/001.txt")), body);
    assert_eq!(kept(doc, Some("https://example.com/story")), doc);
    assert_eq!(kept(doc, None), doc);
    let rule = pack().find("site.bbc.page_tools").expect("site rule");
    assert!(!rule.sites.is_empty());
}
