//! The bar chart of characters removed per rule, as inline SVG.

use super::html::esc;
use super::rule_color;
use newsclean::io::records::read::RuleRow;
use std::fmt::Write;

const LABEL_W: usize = 230;
const BAR_W: usize = 420;
const ROW_H: usize = 22;

/// One horizontal bar per rule that removed something, largest first.
pub fn bars(rules: &[&RuleRow]) -> String {
    let rows: Vec<&&RuleRow> = rules.iter().filter(|r| r.chars > 0).collect();
    if rows.is_empty() {
        return "<p class=\"muted\">No rule removed anything.</p>".into();
    }
    let max = rows.iter().map(|r| r.chars).max().unwrap_or(1).max(1);
    let height = rows.len() * ROW_H + 6;
    let width = LABEL_W + BAR_W + 90;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg id=\"chart-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Characters removed per rule\">"
    );
    for (i, r) in rows.iter().enumerate() {
        let y = i * ROW_H + 3;
        let w = ((r.chars as f64 / max as f64) * BAR_W as f64)
            .round()
            .max(1.0) as usize;
        let id = esc(&r.id);
        let _ = write!(
            s,
            "<g class=\"bar\" data-rule=\"{id}\"><title>{id}: {} characters</title>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{id}</text>\
             <rect x=\"{LABEL_W}\" y=\"{y}\" width=\"{w}\" height=\"{}\" rx=\"3\" fill=\"{}\" stroke=\"#0003\"/>\
             <text x=\"{}\" y=\"{}\" class=\"val\">{}</text></g>",
            r.chars,
            LABEL_W - 8,
            y + 15,
            ROW_H - 6,
            rule_color(&r.id),
            LABEL_W + w + 6,
            y + 15,
            r.chars
        );
    }
    s.push_str("</svg>");
    s
}
