//! bcp.html: every page as a `<section>` of one file, with the theme's CSS,
//! script and the search data inlined, so the file can be copied to a phone
//! alone. Links are `#page--anchor`; the script shows one section at a time.

use serde::Serialize;
use tera::Context;

use super::pages::{PageOut, Pages};
use super::search::search_js;
use crate::theme::Theme;

#[derive(Serialize)]
struct Section<'a> {
    id: &'a str,
    title: &'a str,
    html: &'a str,
}

pub fn bundle(
    pages: &Pages,
    theme: &Theme,
    sections: &[(&str, &str, PageOut)],
) -> Result<String, String> {
    let site = pages.site;
    let css = theme.text("static/style.css").unwrap_or_default();
    let js = theme.text("static/app.js").unwrap_or_default();
    // Inlined text must not close its own element early.
    if css.to_ascii_lowercase().contains("</style") {
        return Err("テーマの static/style.css に「</style」が含まれているため一つのファイルに埋め込めません".into());
    }
    if js.to_ascii_lowercase().contains("</script") {
        return Err(
            "テーマの static/app.js に「</script」が含まれているため一つのファイルに埋め込めません"
                .into(),
        );
    }
    let sections: Vec<Section> = sections
        .iter()
        .map(|(id, _, p)| Section {
            id,
            title: &p.title,
            html: &p.html,
        })
        .collect();
    let mut c = Context::new();
    c.insert("site_title", &site.config.title);
    c.insert("edition_label", site.edition.label());
    c.insert("build_date", &site.format_date(site.build_date));
    c.insert("css", css);
    c.insert("js", js);
    c.insert("search_js", &search_js(site, true));
    c.insert("sections", &sections);
    pages
        .tera
        .render("single.html", &c)
        .map_err(|e| format!("テンプレート single.html を展開できません: {e}"))
}
