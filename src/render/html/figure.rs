//! Figures: the diagram as inline SVG inside `<figure class="diagram">`, and
//! the same data as lists (`figure_phone`) that a phone shows instead of the
//! drawing and anyone can read; 拡大 opens the drawing full screen.

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
    let words = crate::diagram::alt::describe(d);
    if let Some(svg) = svg(ctx, d, caption, &words) {
        // 拡大 is a link to the drawing's own id: the theme shows a targeted
        // drawing full screen (pinch to zoom), with or without JavaScript,
        // and the link sits above the drawing, never on it. 閉じる returns
        // to the figure.
        let full = format!("{id}-full");
        out.push_str("<p class=\"diagram-bar\"><a class=\"zoom\" href=\"#");
        push_esc(out, &full);
        out.push_str("\">拡大</a></p>\n<div class=\"diagram-draw\" id=\"");
        push_esc(out, &full);
        out.push_str("\">\n<p class=\"diagram-close\"><a href=\"#");
        push_esc(out, &id);
        out.push_str("\">閉じる</a></p>\n<div class=\"diagram-svg\">");
        out.push_str(&svg);
        out.push_str("</div>\n</div>\n");
    }
    // The same data as lists: the phone's view below the breakpoint, the
    // text version for anyone above it.
    super::figure_phone::push_phone(out, d, &id);
    if let Some(c) = caption {
        out.push_str("<figcaption>");
        push_esc(out, c);
        out.push_str("</figcaption>\n");
    }
    out.push_str("</figure>\n");
}

/// The diagram drawn as SVG with the label font's metrics (so labels wrap as
/// in the PDF); None when the theme has no label font.
fn svg(ctx: &Ctx, d: &Diagram, caption: Option<&str>, words: &[String]) -> Option<String> {
    let fonts = ctx.fonts?;
    let drawing = crate::diagram::layout(d, fonts);
    let title = caption.unwrap_or("図");
    Some(crate::diagram::svg(&drawing, title, &words.join("。")))
}
