//! How a reference into another document reads on paper. A reader holding
//! one printed manual cannot follow a link, so the reference names what it
//! points at: the other document's title, the section's number and title,
//! and the page (「事象別対応マニュアル 情報セキュリティ事象編 2 体制と役割（P.5）」).

use crate::model::{plain_text, Inline};

use super::blocks::{push_text, runs};
use super::text::{Run, Style};
use super::Ctx;

/// A section of another document, as a reference names it.
pub struct Section {
    /// The document's title.
    pub doc_title: String,
    /// The heading's number and title (`2 体制と役割`), as an empty link
    /// text is filled in by the conversion.
    pub label: String,
    /// The heading's title alone.
    pub title: String,
}

/// The heading `anchor` of document `doc`, or None when it is not a heading
/// of a document of this build.
pub fn section(ctx: &Ctx, doc: &str, anchor: &str) -> Option<Section> {
    let d = ctx.site.document(doc)?;
    let h = d.headings().find(|h| h.anchor == anchor)?;
    Some(Section {
        doc_title: d.title.clone(),
        label: h.label(),
        title: plain_text(&h.text),
    })
}

/// The runs of a reference to section `s`, linked with style `st`.
///
/// A link the source left empty shows the heading's label: the document's
/// title goes before it and the page after, so nothing is said twice. Words
/// the source wrote itself stay as written, and what they do not say
/// follows in parentheses: the document's title, the section's label
/// unless the words already hold its title, and the page.
pub fn push(
    ctx: &Ctx,
    s: &Section,
    content: &[Inline],
    page: Option<String>,
    st: &Style,
    out: &mut Vec<Run>,
) {
    let written = plain_text(content);
    let page = page.map(|p| format!("P.{p}"));
    if written == s.label {
        push_text(out, &format!("{} ", s.doc_title), st);
        runs(ctx, content, st, out);
        if let Some(p) = page {
            push_text(out, &format!("（{p}）"), st);
        }
        return;
    }
    runs(ctx, content, st, out);
    let what = if written.contains(&s.title) {
        s.doc_title.clone()
    } else {
        format!("{} {}", s.doc_title, s.label)
    };
    let inner = match page {
        Some(p) => format!("{what}、{p}"),
        None => what,
    };
    push_text(out, &format!("（{inner}）"), st);
}
