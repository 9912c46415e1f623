//! Figures: the diagram as inline SVG inside `<figure class="diagram">`, with
//! the labels as a list that screen readers (and anyone) can read. Until the
//! SVG writer (`crate::diagram`) draws a kind, the list stands in for it.

use super::blocks::Ctx;
use super::escape::push_esc;
use crate::model::{Diagram, Figure};

pub fn push_figure(ctx: &Ctx, out: &mut String, f: &Figure) {
    push_diagram(ctx, out, &f.diagram, &f.key, f.caption.as_deref());
}

pub fn push_diagram(ctx: &Ctx, out: &mut String, d: &Diagram, key: &str, caption: Option<&str>) {
    let id = ctx.link.id(&format!("fig-{key}"));
    out.push_str("<figure class=\"diagram diagram-");
    out.push_str(d.kind_name());
    out.push_str("\" id=\"");
    push_esc(out, &id);
    out.push_str("\">\n");
    let labels = d.labels();
    match svg(ctx, d) {
        Some(svg) => {
            // The SVG is decorative to assistive technology: the list below
            // carries the same words in reading order.
            out.push_str("<div class=\"diagram-svg\" aria-hidden=\"true\">");
            out.push_str(&svg);
            out.push_str("</div>\n<button type=\"button\" class=\"zoom\">拡大</button>\n");
            out.push_str("<details class=\"diagram-text\"><summary>図の内容（文字）</summary>");
            push_labels(out, &labels);
            out.push_str("</details>\n");
        }
        None => {
            out.push_str("<div class=\"diagram-pending\">");
            push_labels(out, &labels);
            out.push_str("</div>\n");
        }
    }
    if let Some(c) = caption {
        out.push_str("<figcaption>");
        push_esc(out, c);
        out.push_str("</figcaption>\n");
    }
    out.push_str("</figure>\n");
}

fn push_labels(out: &mut String, labels: &[String]) {
    out.push_str("<ul class=\"diagram-labels\">");
    for l in labels.iter().filter(|l| !l.is_empty()) {
        out.push_str("<li>");
        push_esc(out, l);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// The diagram drawn as SVG, when the drawing code can draw it.
fn svg(ctx: &Ctx, _d: &Diagram) -> Option<String> {
    // The SVG writer is being written in crate::diagram; wire it here
    // (`diagram::svg::render(d, fonts)`) once it lands.
    let _ = ctx.fonts?;
    None
}
