//! Figures: the diagram as inline SVG inside `<figure class="diagram">`, with
//! the labels as a list that screen readers (and anyone) can read. Until the
//! SVG writer (`crate::diagram`) draws a kind, the list stands in for it.

use super::blocks::Ctx;
use crate::escape::push_esc;
use crate::model::{Diagram, Figure, Kind};

/// Appends a figure: an image or a diagram with its caption.
pub fn push_figure(ctx: &Ctx, out: &mut String, f: &Figure) {
    // Every figure gets a caption: a diagram document's own title names its
    // figure; elsewhere the kind of drawing does.
    let fallback = match ctx.site.document(ctx.link.page) {
        Some(d) if d.kind == Kind::Diagram => d.title.as_str(),
        _ => kind_label(&f.diagram),
    };
    push_diagram(
        ctx,
        out,
        &f.diagram,
        &f.key,
        Some(f.caption.as_deref().unwrap_or(fallback)),
    );
}

fn kind_label(d: &Diagram) -> &'static str {
    match d {
        Diagram::Org(_) => "体制図",
        Diagram::Flow(_) => "フロー図",
        Diagram::Relation(_) => "関係図",
        Diagram::Rack(_) => "ラック配置図",
        Diagram::Floor(_) => "配置図",
    }
}

/// Appends a diagram as inline SVG with its caption; `key` makes its ids unique.
pub fn push_diagram(ctx: &Ctx, out: &mut String, d: &Diagram, key: &str, caption: Option<&str>) {
    let id = ctx.link.id(&format!("fig-{key}"));
    out.push_str("<figure class=\"diagram diagram-");
    out.push_str(d.kind_name());
    out.push_str("\" id=\"");
    push_esc(out, &id);
    out.push_str("\">\n");
    let labels = d.labels();
    match svg(ctx, d, caption, &labels) {
        Some(svg) => {
            // The SVG names itself (title, desc); the folded list below
            // gives the same words in reading order for anyone.
            out.push_str("<div class=\"diagram-svg\">");
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

/// The diagram drawn as SVG with the label font's metrics (so labels wrap as
/// in the PDF); None when the theme has no label font.
fn svg(ctx: &Ctx, d: &Diagram, caption: Option<&str>, labels: &[String]) -> Option<String> {
    let fonts = ctx.fonts?;
    let drawing = crate::diagram::layout(d, fonts);
    let title = caption.unwrap_or("図");
    Some(crate::diagram::svg(&drawing, title, &labels.join("、")))
}
