//! HTML renderer: the offline bundle (`html/`, one page per document, start
//! page, glossary, status, search data, theme assets) and the same bundle as
//! one self-contained file (`bcp.html`).
//!
//! Page bodies are written by hand (`blocks`, `structured`, `figure`) for
//! speed; the page frames are the theme's Tera templates, parsed once per build.

mod audit;
mod blocks;
mod calls;
mod figure;
mod figure_phone;
mod image;
mod links;
mod pages;
mod partial;
mod search;
mod single;
mod splice;
mod structured;
mod tera_ja;
#[cfg(test)]
mod tests;
mod webapp;

use rayon::prelude::*;
use tera::{Context, Tera};

use super::{in_document, OutputFile, RenderResult, Sink};
use crate::diag::{Diagnostic, Diagnostics};
use crate::font::FontMetrics;
use crate::model::{Document, Site};
use crate::theme::Theme;
use links::{Linker, AUDIT, GLOSSARY, INDEX, STATUS};
use pages::{PageOut, Pages};
pub use partial::{render_some, Sections};

/// The font diagram labels are measured with (the PDF's label font).
const LABEL_FONT: &str = "fonts/ipaexg.ttf";

/// Renders the whole bundle: every page, the shared files and `bcp.html`.
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink) -> RenderResult {
    render_chosen(site, theme, None, sink)
}

/// Which document pages a render makes (see [`render_some`]).
struct Chosen<'k> {
    ids: &'k std::collections::HashSet<String>,
    kept: &'k mut Sections,
    /// Whether the files made from the theme and the site's settings alone
    /// (theme static files, assets, web app files) are made too.
    shared: bool,
}

/// The bundle with only the chosen documents' pages (all when `chosen` is
/// None); the start page, glossary, status, search data and theme files
/// are always made, `bcp.html` only with every page (None).
fn render_chosen(
    site: &Site,
    theme: &Theme,
    mut chosen: Option<Chosen>,
    sink: &dyn Sink,
) -> RenderResult {
    let tera = match chosen.as_mut().and_then(|c| c.kept.1.take()) {
        Some(t) => t,
        None => load_templates(theme)?,
    };
    let fonts = theme
        .file(LABEL_FONT)
        .and_then(|b| FontMetrics::parse(b).ok());
    let calls = calls::Calls::new(site);
    let pages = Pages {
        site,
        tera: &tera,
        fonts: fonts.as_ref(),
        calls: &calls,
    };
    let ids = chosen.as_ref().map(|c| c.ids);
    let kept = chosen.as_ref().map(|c| &*c.kept);
    let want_page = |d: &Document| ids.is_none_or(|ids| ids.contains(&d.id));
    // A document's search entry is made when its page is, or when no
    // earlier render kept one.
    let want_search = |d: &Document| want_page(d) || kept.is_some_and(|k| !k.has_search(&d.id));
    let whole = chosen.is_none();

    // The two page sets and the two search scripts are independent: build
    // them side by side.
    let ((multi, single_sections), (texts, (search_multi, search_single))) = rayon::join(
        || {
            rayon::join(
                || render_pages(&pages, false, &want_page),
                || match whole {
                    true => render_pages(&pages, true, &|_| true),
                    false => Ok(Vec::new()),
                },
            )
        },
        || {
            let texts = search::texts(site, &want_search);
            let parts = rayon::join(
                || search::parts(&texts, false),
                || match whole {
                    true => search::parts(&texts, true),
                    false => Vec::new(),
                },
            );
            (texts, parts)
        },
    );
    let (multi, single_sections) = (multi?, single_sections?);
    let fresh = texts.iter().map(search::PageText::document);
    let search_multi = match chosen.as_mut() {
        Some(c) => c.kept.merge_search(site, fresh, search_multi),
        None => search::join(search_multi.iter().map(String::as_str)),
    };
    // A render of some pages after one of every page leaves the files that
    // depend on the theme and the site's settings alone as they are.
    let shared = chosen.as_ref().is_none_or(|c| c.shared);

    // Every file of html/ passes the recorder, for the web app's file list
    // (made only with the shared files).
    let web = webapp::Recorder::new(sink);
    let sink: &dyn Sink = if shared { &web } else { sink };
    multi.into_par_iter().try_for_each(|(name, kind, page)| {
        let html = layout(&pages, &page, kind).map_err(|m| page_error(site, name, m))?;
        sink.put(OutputFile {
            path: format!("html/{name}.html"),
            bytes: html.into_bytes(),
        })
        .map_err(Diagnostics::from)
    })?;
    if shared {
        for (rel, bytes) in theme.under("static") {
            sink.put(OutputFile {
                path: format!("html/{rel}"),
                bytes: bytes.to_vec(),
            })?;
        }
    }
    sink.put(OutputFile {
        path: format!("html/{}.js", crate::render::names::SEARCH_DATA),
        bytes: search_multi.into_bytes(),
    })?;
    if shared {
        // The files under assets/ that the documents use travel with the
        // bundle, as read and checked at load (never read again from disk),
        // before the web app lists every file it must keep offline.
        for (rel, asset) in &site.assets {
            sink.put(OutputFile {
                path: format!("html/{rel}"),
                bytes: asset.bytes.to_vec(),
            })
            .map_err(|d| d.or_in(rel.as_str()))?;
        }
        // sw.js lists every page's digest, but serve hands out no service
        // worker: a partial render need not make it again.
        webapp::finish(&web, site)?;
    }
    if let Some(c) = chosen {
        // serve makes bcp.html when it is asked for (`render`).
        c.kept.1 = Some(tera);
        return Ok(());
    }
    let search_single = search::join(search_single.iter().map(String::as_str));
    let bcp = single::bundle(&pages, theme, &single_sections, &search_single)?;
    sink.put(OutputFile {
        path: "bcp.html".into(),
        bytes: bcp.into_bytes(),
    })?;
    Ok(())
}

/// A failure of page `name`: placed in its document's source when it is
/// a document's page.
fn page_error(site: &Site, name: &str, d: Diagnostic) -> Diagnostic {
    match site.document(name) {
        Some(doc) => in_document(doc, d.message),
        None => d,
    }
}

/// Every page's contents in bundle order: start page, documents, glossary,
/// status. Documents render in parallel; the order stays fixed.
type Rendered<'s> = Vec<(&'s str, &'static str, PageOut)>;

fn render_pages<'s>(
    pages: &Pages<'s>,
    single: bool,
    want: &(dyn Fn(&Document) -> bool + Sync),
) -> Result<Rendered<'s>, Diagnostics> {
    let mk = |page: &'s str| {
        if single {
            Linker::single(page)
        } else {
            Linker::multi(page)
        }
    };
    let docs: Vec<Result<(&str, &'static str, PageOut), Diagnostic>> = pages
        .site
        .documents
        .par_iter()
        .filter(|d| want(d))
        .map(|d| {
            pages
                .document(d, mk(&d.id))
                .map(|p| (d.id.as_str(), d.kind.as_str(), p))
                .map_err(|e| in_document(d, e.message))
        })
        .collect();
    let mut out = Vec::with_capacity(docs.len() + 3);
    let mut errors = Diagnostics::default();
    match pages.index(mk(INDEX)) {
        Ok(p) => out.push((INDEX, "index", p)),
        Err(e) => errors.push(e),
    }
    for r in docs {
        match r {
            Ok(x) => out.push(x),
            Err(e) => errors.push(e),
        }
    }
    for (name, f) in [
        (GLOSSARY, Pages::glossary as fn(&Pages<'s>, Linker<'s>) -> _),
        (STATUS, Pages::status),
    ] {
        match f(pages, mk(name)) {
            Ok(p) => out.push((name, name, p)),
            Err(e) => errors.push(e),
        }
    }
    if let Some(p) = pages.audit(mk(AUDIT)) {
        out.push((AUDIT, "status", p));
    }
    errors.into_result().map(|()| out)
}

fn layout(pages: &Pages, page: &PageOut, kind: &str) -> Result<String, Diagnostic> {
    let site = pages.site;
    let build_date = site.format_date(site.build_date);
    pages.render_with("layout.html", |s| {
        let mut c = Context::new();
        c.insert("title", &page.title);
        c.insert("site_title", &site.config.title);
        c.insert("page_kind", kind);
        c.insert("main", &s.put(&page.html));
        c.insert("edition_label", site.edition.label());
        c.insert("build_date", &build_date);
        c
    })
}

/// The theme's templates, parsed once. Autoescaping is on for `.html`.
fn load_templates(theme: &Theme) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    let templates: Vec<(String, String)> = theme
        .under("templates")
        .map(|(name, bytes)| {
            (
                name.to_string(),
                String::from_utf8_lossy(bytes).into_owned(),
            )
        })
        .collect();
    tera.add_raw_templates(templates)
        .map_err(|e| Diagnostic::failure(tera_ja::load_error(&e)))?;
    for needed in [
        "layout.html",
        "search-bar.html",
        "single.html",
        "document.html",
        "index.html",
        "glossary.html",
        "status.html",
    ] {
        if !tera.get_template_names().any(|n| n == needed) {
            return Err(Diagnostic::failure(format!(
                "テーマにテンプレート templates/{needed} がありません"
            )));
        }
    }
    Ok(tera)
}
