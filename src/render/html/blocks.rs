//! The block tree → HTML. Written by hand into one buffer (not through Tera)
//! because a page holds thousands of inlines and this is the hot path.

use std::fmt::Write as _;

use super::calls::Calls;
use super::figure;
use super::links::{Linker, GLOSSARY};
use super::structured;
use crate::escape::{id_safe, push_esc};
use crate::font::FontMetrics;
use crate::model::{plain_text, Block, Cell, Heading, Inline, LinkTarget, List, Row, Site, Table};

/// What the block writer needs besides the blocks.
pub struct Ctx<'a> {
    /// The site being rendered.
    pub site: &'a Site,
    /// How links are written from this page.
    pub link: Linker<'a>,
    /// Label font for diagrams (wrapping matches the PDF); None when the theme has none.
    pub fonts: Option<&'a FontMetrics<'a>>,
    /// Call buttons for the roles a page names.
    pub calls: &'a Calls,
    /// Tables written so far on this page: numbers each scrolling box's name.
    pub tables: std::cell::Cell<u32>,
}

/// `blocks` as HTML, in a new string.
pub fn blocks_html(ctx: &Ctx, blocks: &[Block]) -> String {
    let mut out = String::with_capacity(4096);
    push_blocks(ctx, &mut out, blocks);
    out
}

/// Appends `blocks` as HTML.
pub fn push_blocks(ctx: &Ctx, out: &mut String, blocks: &[Block]) {
    for b in blocks {
        push_block(ctx, out, b);
    }
}

fn push_block(ctx: &Ctx, out: &mut String, b: &Block) {
    match b {
        Block::Heading(h) => push_heading(ctx, out, h),
        Block::Paragraph(p) => {
            out.push_str("<p>");
            push_inlines(ctx, out, p);
            out.push_str("</p>\n");
            push_calls(ctx, out, p);
        }
        Block::List(l) => push_list(ctx, out, l),
        Block::Table(t) => push_table(ctx, out, t),
        Block::Quote(bs) => {
            out.push_str("<blockquote>\n");
            push_blocks(ctx, out, bs);
            out.push_str("</blockquote>\n");
        }
        Block::Code(c) => {
            out.push_str("<pre><code>");
            push_esc(out, c);
            out.push_str("</code></pre>\n");
        }
        Block::Rule => out.push_str("<hr>\n"),
        Block::Figure(f) => figure::push_figure(ctx, out, f),
        Block::Structured(e) => structured::push_embedded(ctx, out, e),
        Block::Image { src, alt, caption } => {
            super::image::push_image(ctx, out, src, alt, caption.as_deref())
        }
        Block::Footnote { label, blocks } => {
            let id = ctx.link.id(&format!("fn-{}", id_safe(label)));
            let back = ctx
                .link
                .href(ctx.link.page, Some(&format!("fnref-{}", id_safe(label))));
            out.push_str("<div class=\"footnote\" id=\"");
            push_esc(out, &id);
            out.push_str("\"><a class=\"fn-back\" href=\"");
            push_esc(out, &back);
            out.push_str("\">");
            push_esc(out, label);
            out.push_str("</a>\n");
            push_blocks(ctx, out, blocks);
            out.push_str("</div>\n");
        }
    }
}

/// Chapter headings (level 1) become `<h2>`: the page title is the `<h1>`.
pub fn heading_tag(level: u8) -> u8 {
    (level + 1).clamp(2, 6)
}

fn push_heading(ctx: &Ctx, out: &mut String, h: &Heading) {
    let tag = heading_tag(h.level);
    let _ = write!(out, "<h{tag} id=\"");
    push_esc(out, &ctx.link.id(&h.anchor));
    out.push_str("\">");
    if let Some(n) = &h.number {
        out.push_str("<span class=\"num\">");
        push_esc(out, n);
        out.push_str("</span> ");
    }
    push_inlines(ctx, out, &h.text);
    let _ = writeln!(out, "</h{tag}>");
}

fn push_list(ctx: &Ctx, out: &mut String, l: &List) {
    if l.ordered {
        if l.start == 1 {
            out.push_str("<ol>\n");
        } else {
            let _ = writeln!(out, "<ol start=\"{}\">", l.start);
        }
    } else {
        out.push_str("<ul>\n");
    }
    for item in &l.items {
        out.push_str("<li>");
        push_compact(ctx, out, item);
        out.push_str("</li>\n");
    }
    out.push_str(if l.ordered { "</ol>\n" } else { "</ul>\n" });
}

/// A list item or cell that is one paragraph is written without `<p>`, so
/// tight lists and table cells stay tight.
fn push_compact(ctx: &Ctx, out: &mut String, blocks: &[Block]) {
    match blocks {
        [Block::Paragraph(p)] => {
            push_inlines(ctx, out, p);
            push_calls(ctx, out, p);
        }
        _ => push_blocks(ctx, out, blocks),
    }
}

/// Call buttons for the roles `inlines` names, after them, so the sentence
/// still reads as written.
pub fn push_calls(ctx: &Ctx, out: &mut String, inlines: &[Inline]) {
    if !ctx.calls.is_empty() {
        ctx.calls.push_for_text(out, &plain_text(inlines));
    }
}

/// Opens the box a wide table scrolls in: focusable and named, so a
/// keyboard can scroll it and a screen reader says it scrolls
/// (axe `scrollable-region-focusable`); the script shows the same hint to
/// the eye when the table really is wider than the screen.
/// Its name holds the page's title and the table's number, so that no two
/// regions of a page, nor of bcp.html, share a name (axe `landmark-unique`).
pub fn open_table_wrap(ctx: &Ctx, out: &mut String, caption: Option<&str>) {
    let n = ctx.tables.get() + 1;
    ctx.tables.set(n);
    let page = ctx
        .site
        .document(ctx.link.page)
        .map_or("", |d| d.title.as_str());
    out.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"");
    push_esc(out, page);
    let _ = write!(out, " 表{n}");
    if let Some(c) = caption {
        out.push(' ');
        push_esc(out, c);
    }
    out.push_str("（横にスクロールできます）\">");
}

/// Appends a table, with its caption and column widths.
pub fn push_table(ctx: &Ctx, out: &mut String, t: &Table) {
    open_table_wrap(ctx, out, t.caption.as_deref());
    out.push_str("<table>\n");
    if let Some(c) = &t.caption {
        out.push_str("<caption>");
        push_esc(out, c);
        out.push_str("</caption>\n");
    }
    if let Some(w) = &t.widths {
        let total: f32 = w.iter().filter(|x| x.is_finite() && **x > 0.0).sum();
        if total > 0.0 && w.len() == t.columns() {
            out.push_str("<colgroup>");
            for x in w {
                let pct = if x.is_finite() && *x > 0.0 {
                    x / total * 100.0
                } else {
                    0.0
                };
                let _ = write!(out, "<col style=\"width:{pct:.1}%\">");
            }
            out.push_str("</colgroup>\n");
        }
    }
    if !t.header.is_empty() {
        out.push_str("<thead>\n");
        for r in &t.header {
            push_row(ctx, out, r, "th");
        }
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for r in &t.rows {
        push_row(ctx, out, r, "td");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

fn push_row(ctx: &Ctx, out: &mut String, r: &Row, tag: &str) {
    out.push_str("<tr>");
    for c in &r.cells {
        push_cell(ctx, out, c, tag);
    }
    out.push_str("</tr>\n");
}

fn push_cell(ctx: &Ctx, out: &mut String, c: &Cell, tag: &str) {
    let _ = write!(out, "<{tag}");
    if c.rowspan > 1 {
        let _ = write!(out, " rowspan=\"{}\"", c.rowspan);
    }
    if c.colspan > 1 {
        let _ = write!(out, " colspan=\"{}\"", c.colspan);
    }
    out.push('>');
    push_compact(ctx, out, &c.blocks);
    let _ = write!(out, "</{tag}>");
}

/// Appends inline content (text, emphasis, links, glossary marks).
pub fn push_inlines(ctx: &Ctx, out: &mut String, inlines: &[Inline]) {
    for i in inlines {
        push_inline(ctx, out, i);
    }
}

fn push_wrapped(ctx: &Ctx, out: &mut String, tag: &str, c: &[Inline]) {
    let _ = write!(out, "<{tag}>");
    push_inlines(ctx, out, c);
    let _ = write!(out, "</{tag}>");
}

fn push_inline(ctx: &Ctx, out: &mut String, i: &Inline) {
    match i {
        Inline::Text(t) => push_esc(out, t),
        Inline::Strong(c) => push_wrapped(ctx, out, "strong", c),
        Inline::Emphasis(c) => push_wrapped(ctx, out, "em", c),
        Inline::Strike(c) => push_wrapped(ctx, out, "s", c),
        Inline::Code(c) => {
            out.push_str("<code>");
            push_esc(out, c);
            out.push_str("</code>");
        }
        Inline::Link(l) => {
            if let LinkTarget::Asset(rel) = &l.target {
                return super::image::push_asset_link(ctx, out, rel, &l.content);
            }
            let href = match &l.target {
                LinkTarget::External(u) => Some(u.clone()),
                LinkTarget::Internal { doc, anchor, .. } => {
                    Some(ctx.link.href(doc, anchor.as_deref()))
                }
                // Left out of this edition: its words stay, the link goes.
                LinkTarget::Excluded | LinkTarget::Asset(_) => None,
            };
            match href {
                Some(h) => {
                    out.push_str("<a href=\"");
                    push_esc(out, &h);
                    out.push_str("\">");
                    push_inlines(ctx, out, &l.content);
                    out.push_str("</a>");
                }
                None => {
                    out.push_str("<span class=\"excluded\">");
                    push_inlines(ctx, out, &l.content);
                    out.push_str("</span>");
                }
            }
        }
        Inline::Glossary { text, anchor } => {
            push_esc(out, text);
            out.push_str("<a href=\"");
            push_esc(out, &ctx.link.href(GLOSSARY, Some(anchor)));
            out.push_str("\" class=\"gmark\" aria-label=\"用語集：");
            push_esc(out, text);
            out.push_str("\">※</a>");
        }
        Inline::HardBreak => out.push_str("<br>"),
        Inline::FootnoteRef(label) => {
            let l = id_safe(label);
            out.push_str("<sup class=\"fnref\" id=\"");
            push_esc(out, &ctx.link.id(&format!("fnref-{l}")));
            out.push_str("\"><a href=\"");
            push_esc(out, &ctx.link.href(ctx.link.page, Some(&format!("fn-{l}"))));
            out.push_str("\">");
            push_esc(out, label);
            out.push_str("</a></sup>");
        }
    }
}
