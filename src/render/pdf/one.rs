//! One document's PDF alone (`bcpgen serve` makes it when a page asks):
//! laid out as the whole-site render lays out `pdf/<id>.pdf`, its fonts cut
//! down to this document's characters only.

use super::{meta, missing_errors, nest, single, Faces, Used};
use crate::diag::Diagnostics;
use crate::model::Document;
use crate::model::Site;
use crate::render::in_document;
use crate::theme::Theme;

/// The PDF of `doc` (a document of `site`), laid out and written alone.
pub fn render_document(site: &Site, theme: &Theme, doc: &Document) -> Result<Vec<u8>, Diagnostics> {
    let (fonts, m, g) = super::theme_fonts(theme)?;
    let laid = single(&fonts, site, doc);
    if !laid.missing.is_empty() {
        return Err(missing_errors(Some(doc), &laid.missing).into());
    }
    let mut used = Used::default();
    used.add(&laid.pages);
    let pdf_fonts = Faces { m, g }.cut(&used)?;
    let outline = nest(&laid.outline);
    let seed = format!("{}|{}", doc.id, doc.fingerprint);
    super::writer::write(
        &pdf_fonts,
        laid.pages,
        &laid.tree,
        &laid.anchors,
        &outline,
        &meta(site, &doc.title, &seed),
        &site.assets,
    )
    .map_err(|e| in_document(doc, e.message).into())
}
