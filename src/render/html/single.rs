//! bcp.html: every page as a `<section>` of one file, with the theme's CSS,
//! script and the search data inlined, so the file can be copied to a phone
//! alone. Links are `#page--anchor`; the script shows one section at a time.

use serde::Serialize;
use tera::Context;

use super::pages::{PageOut, Pages};
use crate::diag::Diagnostic;
use crate::theme::Theme;

#[derive(Serialize)]
struct Section<'a> {
    id: &'a str,
    title: &'a str,
    html: String,
}

/// The whole bundle as one self-contained file (`bcp.html`): every page a section, styles and scripts inlined.
pub fn bundle(
    pages: &Pages,
    theme: &Theme,
    sections: &[(&str, &str, PageOut)],
    search_js: &str,
) -> Result<String, Diagnostic> {
    let site = pages.site;
    let css = theme.text("static/style.css").unwrap_or_default();
    let js = theme.text("static/app.js").unwrap_or_default();
    // Inlined text must not close its own element early.
    if css.to_ascii_lowercase().contains("</style") {
        return Err(Diagnostic::failure(
            "テーマの static/style.css に「</style」が含まれているため一つのファイルに埋め込めません",
        ));
    }
    if js.to_ascii_lowercase().contains("</script") {
        return Err(Diagnostic::failure(
            "テーマの static/app.js に「</script」が含まれているため一つのファイルに埋め込めません",
        ));
    }
    let build_date = site.format_date(site.build_date);
    pages.render_with("single.html", |s| {
        let sections: Vec<Section> = sections
            .iter()
            .map(|(id, _, p)| Section {
                id,
                title: &p.title,
                html: s.put(&p.html),
            })
            .collect();
        let mut c = Context::new();
        c.insert("site_title", &site.config.title);
        c.insert("edition_label", site.edition.label());
        c.insert("build_date", &build_date);
        c.insert("css", &s.put(css));
        c.insert("js", &s.put(js));
        c.insert("search_js", &s.put(search_js));
        c.insert("sections", &sections);
        c
    })
}
