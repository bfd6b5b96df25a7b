//! The report page: static HTML for totals, chart, rules and rejections;
//! the documents as inline JSON rendered page by page by `page.js`.

use super::{chart, rule_color, Collected};
use newsclean::io::records::read::{RuleRow, SummaryFile};
use newsclean::rules::TIDY_ID;
use serde_json::json;
use std::fmt::Write;
use std::path::Path;

const CSS: &str = include_str!("page.css");
const JS: &str = include_str!("page.js");

/// Escape text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn num(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Rules in table order: by characters removed, tidy last, unfired at the end.
fn ordered(s: &SummaryFile) -> Vec<&RuleRow> {
    let mut rows: Vec<&RuleRow> = s.rules.iter().collect();
    rows.sort_by_key(|r| (r.id == TIDY_ID, std::cmp::Reverse(r.chars), r.id.clone()));
    rows
}

fn totals(s: &SummaryFile) -> String {
    let removed = s.chars_in.saturating_sub(s.chars_out);
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let card = |label: &str, value: String, id: &str| {
        format!("<div class=\"card\" id=\"{id}\"><div class=\"v\">{value}</div><div class=\"l\">{label}</div></div>")
    };
    let mut h = String::from("<div class=\"cards\">");
    h += &card("documents read", num(s.read), "t-read");
    h += &card("kept", num(s.kept), "t-kept");
    h += &card("rejected", num(s.rejected_total()), "t-rejected");
    h += &card("characters in", num(s.chars_in), "t-chars-in");
    h += &card("characters out", num(s.chars_out), "t-chars-out");
    h += &card(
        "removed",
        format!("{:.1}%", pct(removed, s.chars_in)),
        "t-removed",
    );
    h += &card("seconds", format!("{:.2}", s.seconds), "t-seconds");
    h += &card(
        "MB/s",
        format!(
            "{:.1} <small>({:.2} MB)</small>",
            s.mb_per_second,
            s.bytes as f64 / 1e6
        ),
        "t-speed",
    );
    h += "</div>";
    if !s.rejected.is_empty() {
        h += "<p id=\"rejected-by-reason\">Rejected by reason: ";
        let parts: Vec<String> = s
            .rejected
            .iter()
            .map(|(k, v)| format!("<code>{}</code> {}", esc(k), num(*v)))
            .collect();
        h += &parts.join(", ");
        h += "</p>";
    }
    h
}

fn rules_table(s: &SummaryFile, data: &Collected) -> String {
    let total = s.removed_total().max(1);
    let mut h = String::from(
        "<table id=\"rules-table\" class=\"sortable\"><thead><tr>\
         <th data-key=\"id\" data-type=\"text\">rule</th><th data-key=\"kind\" data-type=\"text\">kind</th>\
         <th>description</th><th data-key=\"docs\" data-type=\"num\">documents</th>\
         <th data-key=\"lines\" data-type=\"num\">lines</th><th data-key=\"chars\" data-type=\"num\">chars</th>\
         <th data-key=\"share\" data-type=\"num\">share</th></tr></thead><tbody>",
    );
    for r in ordered(s) {
        let share = 100.0 * r.chars as f64 / total as f64;
        let id = esc(&r.id);
        let _ = write!(
            h,
            "<tr class=\"rule{}\" data-id=\"{id}\" data-kind=\"{}\" data-docs=\"{}\" data-lines=\"{}\" \
             data-chars=\"{}\" data-share=\"{share:.4}\" tabindex=\"0\">\
             <td><span class=\"swatch\" style=\"background:{}\"></span><code>{id}</code></td><td>{}</td>\
             <td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{share:.1}%</td></tr>",
            if r.docs == 0 { " unfired" } else { "" },
            esc(&r.kind),
            r.docs,
            r.lines,
            r.chars,
            rule_color(&r.id),
            esc(&r.kind),
            esc(&r.description),
            num(r.docs),
            num(r.lines),
            num(r.chars),
        );
        h += "<tr class=\"examples\" hidden><td colspan=\"7\">";
        match data.examples.get(&r.id) {
            Some(ex) if !ex.is_empty() => {
                h += "<ol>";
                for e in ex {
                    let _ = write!(
                        h,
                        "<li><div class=\"where\">{} · lines {}–{}</div><pre dir=\"auto\" style=\"border-color:{}\">{}</pre></li>",
                        esc(&e.doc),
                        e.lines[0],
                        e.lines[1],
                        rule_color(&r.id),
                        esc(&e.text)
                    );
                }
                h += "</ol>";
            }
            _ if r.id == TIDY_ID => h += "<p class=\"muted\">Whitespace only.</p>",
            _ => h += "<p class=\"muted\">No removals in this run.</p>",
        }
        h += "</td></tr>";
    }
    h += "</tbody></table>";
    h
}

fn rejected_table(data: &Collected, s: &SummaryFile) -> String {
    if data.rejected.is_empty() {
        return "<p class=\"muted\">No document was rejected.</p>".into();
    }
    let mut h = format!(
        "<p class=\"muted\">The first {} of {} rejected documents.</p>\
         <table id=\"rejected-table\"><thead><tr><th>id</th><th>reason</th><th>detail</th></tr></thead><tbody>",
        data.rejected.len(),
        num(s.rejected_total())
    );
    for r in &data.rejected {
        let _ = write!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            esc(&r.id),
            esc(&r.reason),
            esc(&r.detail)
        );
    }
    h + "</tbody></table>"
}

/// The documents and rule colours as JSON for `page.js`; `<` is escaped so
/// no text can close the script element.
fn doc_data(s: &SummaryFile, data: &Collected) -> String {
    let colors: serde_json::Map<String, serde_json::Value> = s
        .rules
        .iter()
        .map(|r| (r.id.clone(), json!(rule_color(&r.id))))
        .collect();
    let docs: Vec<serde_json::Value> = data
        .docs
        .iter()
        .map(|d| {
            let segs: Vec<serde_json::Value> =
                d.segments.iter().map(|g| json!([g.text, g.rule])).collect();
            json!({"id": d.id, "lang": d.lang, "title": d.title, "segs": segs})
        })
        .collect();
    let v = json!({
        "colors": colors,
        "tidy": TIDY_ID,
        "kept": s.kept,
        "stride": data.stride,
        "docs": docs,
    });
    v.to_string().replace('<', "\\u003c")
}

/// The whole page.
pub fn page(s: &SummaryFile, data: &Collected, dir: &Path) -> String {
    let sample = if data.stride > 1 {
        format!(
            "{} of {} kept documents: every {}th, in input order.",
            data.docs.len(),
            num(s.kept),
            data.stride
        )
    } else {
        format!("All {} kept documents.", data.docs.len())
    };
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsclean report</title>
<script>window.__jsErrors=[];window.addEventListener('error',function(e){{window.__jsErrors.push(String(e.message));document.documentElement.setAttribute('data-js-errors',String(window.__jsErrors.length));var p=document.getElementById('js-errors');if(p){{p.hidden=false;p.textContent='JavaScript error: '+window.__jsErrors.join('; ');}}}});</script>
<style>{CSS}</style></head>
<body>
<header><h1>newsclean report</h1><p class="muted">Output folder <code>{dir}</code> · newsclean {version}</p>
<p id="js-errors" class="error" hidden></p></header>
<section id="totals"><h2>Totals</h2>{totals}</section>
<section id="chart"><h2>Characters removed per rule</h2>{chart}</section>
<section id="rules"><h2>Rules</h2><p class="muted">Click a header to sort, a row to see real examples of what the rule removed.</p>{rules}</section>
<section id="documents"><h2>Documents</h2><p class="muted" id="sample-note">{sample} Removed text is highlighted in its rule's colour (hover for the rule id); kept text is plain.</p>
<div class="toolbar"><input id="search" type="search" placeholder="Search by id or text" autocomplete="off">
<button id="prev" type="button">‹ prev</button><span id="page-info"></span><button id="next" type="button">next ›</button></div>
<div id="doc-list"></div></section>
<section id="rejected"><h2>Rejected documents</h2>{rejected}</section>
<script type="application/json" id="report-data">{data}</script>
<script>{JS}</script>
</body></html>
"#,
        dir = esc(&dir.display().to_string()),
        version = env!("CARGO_PKG_VERSION"),
        totals = totals(s),
        chart = chart::bars(&ordered(s)),
        rules = rules_table(s, data),
        rejected = rejected_table(data, s),
        data = doc_data(s, data),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_groups() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(num(1234567), "1,234,567");
        assert_eq!(num(12), "12");
    }
}
