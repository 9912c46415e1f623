//! Images and links to files under `content/assets/`. The multi-page bundle
//! points at the copies beside its pages (`assets/…`, relative to
//! `out/html/`); bcp.html must stand alone, so it carries each image inline
//! as a `data:` URI (its CSP allows `img-src data:` and nothing else) and
//! names a linked file as 別添 instead of pointing at a folder it lacks.

use base64::Engine as _;

use super::blocks::{push_inlines, Ctx};
use crate::escape::push_esc;
use crate::model::{AssetKind, Inline};

/// Appends an image from `assets/`, with its alternative text and caption.
pub fn push_image(ctx: &Ctx, out: &mut String, src: &str, alt: &str, caption: Option<&str>) {
    // Load put every used image into the site; a miss is a bug upstream,
    // shown as its words rather than as a broken picture.
    let Some(asset) = ctx.site.assets.get(src) else {
        out.push_str("<p class=\"image-missing\">［画像：");
        push_esc(out, alt);
        out.push_str("］</p>\n");
        return;
    };
    out.push_str("<figure class=\"image\"><img src=\"");
    match asset.kind {
        AssetKind::Image { format, .. } if ctx.link.single => {
            out.push_str("data:");
            out.push_str(format.mime());
            out.push_str(";base64,");
            base64::engine::general_purpose::STANDARD.encode_string(&*asset.bytes, out);
        }
        _ => push_esc(out, src),
    }
    out.push_str("\" alt=\"");
    push_esc(out, alt);
    out.push('"');
    // The size the file states (CSS px are 1/96 inch), so a 300 dpi scan is
    // not shown three times too big; the theme's max-width scales it down.
    if let Some((w, h)) = asset.size_pt() {
        let px = |pt: f32| ((pt * 96.0 / 72.0).round() as u32).max(1);
        out.push_str(&format!(" width=\"{}\" height=\"{}\"", px(w), px(h)));
    }
    out.push('>');
    let caption = caption.unwrap_or(alt);
    if !caption.is_empty() {
        out.push_str("<figcaption>");
        push_esc(out, caption);
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>\n");
}

/// A link to an asset: to its copy beside the page, or, in bcp.html, its
/// words followed by 「（別添：file name）」.
pub fn push_asset_link(ctx: &Ctx, out: &mut String, rel: &str, content: &[Inline]) {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if ctx.link.single {
        out.push_str("<span class=\"attachment\">");
        if !content.is_empty() {
            push_inlines(ctx, out, content);
        }
        out.push_str("（別添：");
        push_esc(out, name);
        out.push_str("）</span>");
        return;
    }
    out.push_str("<a href=\"");
    push_esc(out, rel);
    out.push_str("\">");
    if content.is_empty() {
        push_esc(out, name);
    } else {
        push_inlines(ctx, out, content);
    }
    out.push_str("</a>");
}
