//! HTML renderer: the offline bundle (`html/`, one page per document, start
//! page, glossary, status, search data, theme assets) and the same bundle as
//! one self-contained file (`bcp.html`).
//!
//! Page bodies are written by hand (`blocks`, `structured`, `figure`) for
//! speed; the page frames are the theme's Tera templates, parsed once per build.

mod blocks;
mod figure;
mod figure_phone;
mod image;
mod links;
mod pages;
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

use super::{site_error, OutputFile, RenderError, RenderResult, Sink};
use crate::font::FontMetrics;
use crate::model::Site;
use crate::theme::Theme;
use links::{Linker, GLOSSARY, INDEX, STATUS};
use pages::{PageOut, Pages};

/// The font diagram labels are measured with (the PDF's label font).
const LABEL_FONT: &str = "fonts/ipaexg.ttf";

pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink) -> RenderResult {
    let tera = load_templates(theme).map_err(site_error)?;
    let fonts = theme
        .file(LABEL_FONT)
        .and_then(|b| FontMetrics::parse(b).ok());
    let pages = Pages {
        site,
        tera: &tera,
        fonts: fonts.as_ref(),
    };

    // The two page sets and the two search scripts are independent: build
    // them side by side.
    let ((multi, single_sections), (search_multi, search_single)) = rayon::join(
        || {
            rayon::join(
                || render_pages(&pages, false),
                || render_pages(&pages, true),
            )
        },
        || {
            let texts = search::texts(site);
            rayon::join(
                || search::search_js(&texts, false),
                || search::search_js(&texts, true),
            )
        },
    );
    let (multi, single_sections) = (multi?, single_sections?);

    // Every file of html/ passes the recorder, for the web app's file list.
    let web = webapp::Recorder::new(sink);
    let sink: &dyn Sink = &web;
    multi.into_par_iter().try_for_each(|(name, kind, page)| {
        let html = layout(&pages, &page, kind, name == INDEX).map_err(|m| err(name, m))?;
        sink.put(OutputFile {
            path: format!("html/{name}.html"),
            bytes: html.into_bytes(),
        })
        .map_err(site_error)
    })?;
    for (rel, bytes) in theme.under("static") {
        sink.put(OutputFile {
            path: format!("html/{rel}"),
            bytes: bytes.to_vec(),
        })
        .map_err(site_error)?;
    }
    sink.put(OutputFile {
        path: format!("html/{}.js", crate::render::names::SEARCH_DATA),
        bytes: search_multi.into_bytes(),
    })
    .map_err(site_error)?;
    webapp::finish(&web, site).map_err(site_error)?;
    let bcp =
        single::bundle(&pages, theme, &single_sections, &search_single).map_err(site_error)?;
    sink.put(OutputFile {
        path: "bcp.html".into(),
        bytes: bcp.into_bytes(),
    })
    .map_err(site_error)
}

fn err(page: &str, message: String) -> Vec<RenderError> {
    vec![RenderError {
        document: Some(page.to_string()),
        message,
        missing: None,
    }]
}

/// Every page's contents in bundle order: start page, documents, glossary,
/// status. Documents render in parallel; the order stays fixed.
type Rendered<'s> = Vec<(&'s str, &'static str, PageOut)>;

fn render_pages<'s>(pages: &Pages<'s>, single: bool) -> Result<Rendered<'s>, Vec<RenderError>> {
    let mk = |page: &'s str| {
        if single {
            Linker::single(page)
        } else {
            Linker::multi(page)
        }
    };
    let docs: Vec<Result<(&str, &'static str, PageOut), RenderError>> = pages
        .site
        .documents
        .par_iter()
        .map(|d| {
            pages
                .document(d, mk(&d.id))
                .map(|p| (d.id.as_str(), d.kind.as_str(), p))
                .map_err(|message| RenderError {
                    document: Some(d.id.clone()),
                    message,
                    missing: None,
                })
        })
        .collect();
    let mut out = Vec::with_capacity(docs.len() + 3);
    let mut errors = Vec::new();
    match pages.index(mk(INDEX)) {
        Ok(p) => out.push((INDEX, "index", p)),
        Err(m) => errors.push(RenderError {
            document: None,
            message: m,
            missing: None,
        }),
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
            Err(m) => errors.push(RenderError {
                document: None,
                message: m,
                missing: None,
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn layout(pages: &Pages, page: &PageOut, kind: &str, search: bool) -> Result<String, String> {
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
        c.insert("search", &search);
        c
    })
}

/// The theme's templates, parsed once. Autoescaping is on for `.html`.
fn load_templates(theme: &Theme) -> Result<Tera, String> {
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
        .map_err(|e| tera_ja::load_error(&e))?;
    for needed in [
        "layout.html",
        "single.html",
        "document.html",
        "index.html",
        "glossary.html",
        "status.html",
    ] {
        if !tera.get_template_names().any(|n| n == needed) {
            return Err(format!(
                "テーマにテンプレート templates/{needed} がありません"
            ));
        }
    }
    Ok(tera)
}
