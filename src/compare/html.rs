//! The 新旧対照表 as one self-contained HTML file: the theme's stylesheet
//! inlined, the same Content-Security-Policy as `bcp.html` (nothing is
//! fetched, no script), changed characters in `<u>` on both sides, and the
//! three columns stacked into one on a narrow (360 px) screen.

use super::align::{Cell, Row};
use super::diff::Marked;
use super::Table;
use crate::escape::push_esc;
use crate::model::CompareColumn;
use crate::theme::Theme;

/// The table's own rules, on top of the theme's stylesheet and its colours.
const CSS: &str = r#"
.cmp { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 15px; }
.cmp th, .cmp td { border: 1px solid var(--line); padding: .4em .5em; vertical-align: top; text-align: left; white-space: pre-wrap; }
.cmp thead th { background: var(--panel); }
.cmp .note { width: 4.5em; text-align: center; }
.cmp tr.h td { font-weight: bold; }
.cmp td.ph { color: var(--muted); }
.cmp u { text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; }
.cmp-meta { font-size: 15px; }
.cmp-meta dt { font-weight: bold; }
.cmp-meta dd { margin: 0 0 .4em 1em; overflow-wrap: anywhere; }
@media (max-width: 600px) {
  .cmp, .cmp tbody, .cmp tr, .cmp td { display: block; width: 100%; }
  .cmp thead { display: none; }
  .cmp tr { margin-bottom: .8em; border: 1px solid var(--line); }
  .cmp td { border: 0; border-top: 1px solid var(--line); }
  .cmp td::before { content: attr(data-col); display: block; font-size: 13px; color: var(--muted); font-weight: normal; }
  .cmp td.note { width: auto; text-align: left; }
}
"#;

fn esc(s: &str) -> String {
    let mut out = String::new();
    push_esc(&mut out, s);
    out
}

fn marked(out: &mut String, m: &Marked) {
    for s in m {
        if s.changed {
            out.push_str("<u>");
            push_esc(out, &s.text);
            out.push_str("</u>");
        } else {
            push_esc(out, &s.text);
        }
    }
}

fn cell(out: &mut String, col: CompareColumn, row: &Row) {
    let side = match col {
        CompareColumn::New => &row.new,
        CompareColumn::Old => &row.old,
        CompareColumn::Note => {
            out.push_str("<td class=\"note\" data-col=\"備考\">");
            if let Some(n) = row.note {
                out.push_str(n.label());
            }
            out.push_str("</td>");
            return;
        }
    };
    let class = if side.placeholder().is_some() {
        " class=\"ph\""
    } else {
        ""
    };
    out.push_str(&format!("<td{class} data-col=\"{}\">", col.label()));
    match side {
        Cell::Text(m) => marked(out, m),
        other => out.push_str(other.placeholder().unwrap_or("")),
    }
    out.push_str("</td>");
}

/// The whole page.
pub fn render(t: &Table, theme: &Theme) -> String {
    let doc = t.new.document();
    let columns = t.new.site.config.compare.columns;
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n");
    s.push_str(&format!(
        "<title>新旧対照表 {}</title>\n<style>\n",
        esc(&doc.title)
    ));
    s.push_str(theme.text("static/style.css").unwrap_or(""));
    s.push_str(CSS);
    s.push_str("</style>\n</head>\n<body>\n<main>\n");
    s.push_str(&format!(
        "<h1>{} 新旧対照表</h1>\n<dl class=\"cmp-meta\">\n",
        esc(&doc.title)
    ));
    for (what, text) in [
        ("件名", t.subject()),
        ("改定後", t.describe(t.new)),
        ("改定前", t.describe(t.old)),
        ("改定の概要", t.summary()),
    ] {
        s.push_str(&format!("<dt>{what}</dt><dd>{}</dd>\n", esc(&text)));
    }
    s.push_str("</dl>\n<table class=\"cmp\">\n<thead><tr>");
    for c in columns {
        let class = if c == CompareColumn::Note {
            " class=\"note\""
        } else {
            ""
        };
        s.push_str(&format!("<th scope=\"col\"{class}>{}</th>", c.label()));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in t.rows {
        s.push_str(if row.heading {
            "<tr class=\"h\">"
        } else {
            "<tr>"
        });
        for c in columns {
            cell(&mut s, c, row);
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n<p>（注）傍線（下線）の部分は改定部分です。</p>\n</main>\n</body>\n</html>\n");
    s
}
