//! One document's PDF alone (`bcpgen serve` makes it when a page asks):
//! laid out as the whole-site render lays out `pdf/<id>.pdf`, its fonts cut
//! down to this document's characters only.

use super::layout::Fonts;
use super::{err, meta, missing_errors, nest, single, Faces, Used, GOTHIC, MINCHO};
use crate::font::FontMetrics;
use crate::model::Document;
use crate::model::Site;
use crate::render::RenderError;
use crate::theme::Theme;

/// The PDF of `doc` (a document of `site`), laid out and written alone.
pub fn render_document(
    site: &Site,
    theme: &Theme,
    doc: &Document,
) -> Result<Vec<u8>, Vec<RenderError>> {
    let font = |p: &str| {
        theme
            .file(p)
            .ok_or_else(|| vec![err(None, format!("テーマにフォント {p} がありません"))])
    };
    let (m, g) = (font(MINCHO)?, font(GOTHIC)?);
    let fonts = Fonts {
        mincho: FontMetrics::parse(m)
            .map_err(|e| vec![err(None, format!("テーマの {MINCHO}: {e}"))])?,
        gothic: FontMetrics::parse(g)
            .map_err(|e| vec![err(None, format!("テーマの {GOTHIC}: {e}"))])?,
    };
    let laid = single(&fonts, site, doc);
    if !laid.missing.is_empty() {
        return Err(missing_errors(Some(&doc.id), &laid.missing));
    }
    let mut used = Used::default();
    used.add(&laid.pages);
    let pdf_fonts = Faces { m, g }.cut(&used)?;
    let outline = nest(&laid.outline);
    let seed = format!("{}|{}", doc.id, doc.fingerprint);
    super::writer::write(
        &pdf_fonts,
        laid.pages,
        &laid.anchors,
        &outline,
        &meta(site, &doc.title, &seed),
        &site.assets,
    )
    .map_err(|m| vec![err(Some(&doc.id), m)])
}
