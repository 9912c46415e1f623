//! HTML renderer: the offline bundle (`html/`, one page per document, start
//! page, glossary, status, search data, theme assets) and the same bundle as
//! one self-contained file (`bcp.html`).
//!
//! Page bodies are written by hand (`blocks`, `structured`, `figure`) for
//! speed; the page frames are the theme's Tera templates, parsed once per build.

mod blocks;
mod escape;
mod figure;
mod kana;
mod links;
mod pages;
mod search;
mod single;
mod structured;
#[cfg(test)]
mod tests;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use super::{OutputFile, RenderError, RenderResult};
use crate::font::FontMetrics;
use crate::model::Site;
use crate::theme::Theme;
use links::{Linker, GLOSSARY, INDEX, RESERVED, STATUS};
use pages::{PageOut, Pages};

/// The font diagram labels are measured with (the PDF's label font).
const LABEL_FONT: &str = "fonts/ipaexg.ttf";

pub fn render(site: &Site, theme: &Theme) -> RenderResult {
    let mut errors = Vec::new();
    for d in &site.documents {
        if RESERVED.contains(&d.id.as_str()) {
            errors.push(RenderError {
                document: Some(d.id.clone()),
                message: format!("文書の id「{}」は HTML の固定ページ名と重なるため使えません（使えない id: {}）", d.id, RESERVED.join("、")),
            });
        }
    }
    let tera = load_templates(theme).map_err(|m| {
        vec![RenderError {
            document: None,
            message: m,
        }]
    })?;
    if !errors.is_empty() {
        return Err(errors);
    }
    let fonts = theme
        .file(LABEL_FONT)
        .and_then(|b| FontMetrics::parse(b).ok());
    let pages = Pages {
        site,
        tera: &tera,
        fonts: fonts.as_ref(),
    };

    let multi = render_pages(&pages, false)?;
    let single_sections = render_pages(&pages, true)?;

    let mut files = Vec::with_capacity(multi.len() + 8);
    for (name, kind, page) in &multi {
        let html = layout(&pages, page, kind, *name == INDEX).map_err(|m| err(name, m))?;
        files.push(OutputFile {
            path: format!("html/{name}.html"),
            bytes: html.into_bytes(),
        });
    }
    for (rel, bytes) in theme.under("static") {
        files.push(OutputFile {
            path: format!("html/{rel}"),
            bytes: bytes.to_vec(),
        });
    }
    files.push(OutputFile {
        path: "html/search-data.js".into(),
        bytes: search::search_js(site, false).into_bytes(),
    });
    let bcp = single::bundle(&pages, theme, &single_sections).map_err(|m| {
        vec![RenderError {
            document: None,
            message: m,
        }]
    })?;
    files.push(OutputFile {
        path: "bcp.html".into(),
        bytes: bcp.into_bytes(),
    });
    Ok(files)
}

fn err(page: &str, message: String) -> Vec<RenderError> {
    vec![RenderError {
        document: Some(page.to_string()),
        message,
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
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[derive(Serialize)]
struct LayoutCtx<'a> {
    title: &'a str,
    site_title: &'a str,
    page_kind: &'a str,
    main: &'a str,
    edition_label: &'a str,
    build_date: String,
    search: bool,
}

fn layout(pages: &Pages, page: &PageOut, kind: &str, search: bool) -> Result<String, String> {
    let site = pages.site;
    let ctx = LayoutCtx {
        title: &page.title,
        site_title: &site.config.title,
        page_kind: kind,
        main: &page.html,
        edition_label: site.edition.label(),
        build_date: site.format_date(site.build_date),
        search,
    };
    let ctx = Context::from_serialize(&ctx).map_err(|e| e.to_string())?;
    pages
        .tera
        .render("layout.html", &ctx)
        .map_err(|e| format!("テンプレート layout.html を展開できません: {e}"))
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
    tera.add_raw_templates(templates).map_err(|e| {
        let mut msg = format!("テーマのテンプレートを読み込めません: {e}");
        if let Some(s) = std::error::Error::source(&e) {
            msg.push_str(&format!("（{s}）"));
        }
        msg
    })?;
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
