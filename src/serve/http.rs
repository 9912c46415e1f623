//! Answers one request (tiny_http does the HTTP): the bundle's files under
//! `/` as `out/html/` would hold them, and bcpgen's own under `/__bcpgen/`.

use std::sync::Arc;

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Method, Request, Response};

use super::inject;
use super::live::{Bytes, Live};
use super::report;
use crate::render::names::INDEX;

type Answer = Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

/// A response that no cache keeps (every reload must see the latest build).
fn with_type(body: Vec<u8>, content_type: &str) -> Answer {
    Response::from_data(body)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

/// A plain-text answer.
pub fn text(s: String) -> Answer {
    with_type(s.into_bytes(), "text/plain; charset=utf-8")
}

fn not_found() -> Answer {
    with_type(
        "ページがありません（この版に含まれない文書か、存在しないファイルです）"
            .as_bytes()
            .to_vec(),
        "text/plain; charset=utf-8",
    )
    .with_status_code(404)
}

/// The media type of a bundle file. The bundle holds only pages, the
/// theme's scripts, styles and fonts, and the PNG, JPEG and PDF files the
/// loader accepts under assets/, so a short table covers it.
fn media_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "svg" => "image/svg+xml",
        "ttf" => "font/ttf",
        "woff2" => "font/woff2",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Answers `request`; a reload script's wait is handed to `live` to hold.
pub fn answer(request: Request, live: &Live) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text("GET のみ受け付けます".into()).with_status_code(405));
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let Ok(path) = percent_decode_str(path).decode_utf8() else {
        let _ = request.respond(not_found());
        return;
    };
    if path == "/__bcpgen/wait" {
        let seen = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("v="))
            .and_then(|v| v.parse().ok());
        live.wait(request, seen);
        return;
    }
    let response = route(&path, live);
    let _ = request.respond(response);
}

fn route(path: &str, live: &Live) -> Answer {
    if path == "/__bcpgen/reload.js" {
        return with_type(
            inject::RELOAD_JS.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        );
    }
    if let Some(file) = path.strip_prefix("/__bcpgen/pdf/") {
        return pdf(file, live);
    }
    // A service worker would keep serving old pages after an edit: none is
    // ever handed out, whatever the theme holds.
    if path.ends_with("/sw.js") || path.ends_with("/service-worker.js") {
        return not_found();
    }
    if path == "/__bcpgen/bcp.html" {
        return single(live);
    }
    let key = if path == "/" {
        format!("html/{INDEX}.html")
    } else {
        let rel = &path[1.min(path.len())..];
        // The map has no such keys; refusing them keeps paths plain.
        if rel.is_empty()
            || rel
                .split('/')
                .any(|s| s.is_empty() || s == "." || s == "..")
        {
            return not_found();
        }
        format!("html/{rel}")
    };
    let (version, errors, body) =
        live.with(|s| (s.version, s.errors.clone(), s.files.get(&key).cloned()));
    let html = key.ends_with(".html");
    match (errors, body) {
        // Every page, existing or not, shows the errors until they are fixed.
        (Some(diags), _) if html => diagnostics(&diags, version),
        (_, None) => not_found(),
        (_, Some(bytes)) if html => {
            let doc = key
                .strip_prefix("html/")
                .and_then(|k| k.strip_suffix(".html"))
                .filter(|id| {
                    live.with(|s| s.site.as_ref().is_some_and(|x| x.document(id).is_some()))
                });
            with_type(
                inject::served(&String::from_utf8_lossy(&bytes), version, doc).into_bytes(),
                "text/html; charset=utf-8",
            )
        }
        (_, Some(bytes)) => with_type(bytes.to_vec(), media_type(&key)),
    }
}

/// The key of bcp.html among the files made on request (no document id
/// has a dot).
const SINGLE: &str = "bcp.html";

/// The diagnostics page, served in place of what was asked for.
fn diagnostics(diags: &crate::diag::Diagnostics, version: u64) -> Answer {
    with_type(
        report::page(diags, version).into_bytes(),
        "text/html; charset=utf-8",
    )
}

/// A file made on request from the current site and kept until the next
/// change (the single-file bundle, PDFs): the kept copy, else what `make`
/// returns (`None`: nothing by that name), kept under `key`. Errors of the
/// sources or of `make` answer with the diagnostics page.
fn made_on_request(
    live: &Live,
    key: &str,
    make: impl FnOnce(
        &crate::model::Site,
        &crate::theme::Theme,
    ) -> Result<Option<Vec<u8>>, crate::diag::Diagnostics>,
) -> Result<(u64, Bytes), Answer> {
    let (version, errors, kept, site, theme) = live.with(|s| {
        (
            s.version,
            s.errors.clone(),
            s.pdfs.get(key).cloned(),
            s.site.clone(),
            s.theme.clone(),
        )
    });
    if let Some(diags) = errors {
        return Err(diagnostics(&diags, version));
    }
    if let Some(bytes) = kept {
        return Ok((version, bytes));
    }
    let (Some(site), Some(theme)) = (site, theme) else {
        return Err(not_found());
    };
    match make(&site, &theme) {
        Ok(Some(bytes)) => {
            let bytes: Bytes = Arc::new(bytes);
            live.keep_pdf(version, key, bytes.clone());
            Ok((version, bytes))
        }
        Ok(None) => Err(not_found()),
        Err(diags) => Err(diagnostics(&diags, version)),
    }
}

/// `/__bcpgen/bcp.html`: the single-file bundle, made now from the current
/// site (and kept until the next change): an edit's rebuild does not wait
/// for a file of every page that few open.
fn single(live: &Live) -> Answer {
    let made = made_on_request(live, SINGLE, |site, theme| {
        let all = crate::render::Collect::default();
        crate::render::html::render(site, theme, &all)?;
        Ok(all
            .into_files()
            .into_iter()
            .find(|f| f.path == SINGLE)
            .map(|f| f.bytes))
    });
    match made {
        Ok((version, bytes)) => with_type(
            inject::served(&String::from_utf8_lossy(&bytes), version, None).into_bytes(),
            "text/html; charset=utf-8",
        ),
        Err(answer) => answer,
    }
}

/// `/__bcpgen/pdf/<id>.pdf`: the document's PDF, made now from the current
/// site (and kept until the next change).
fn pdf(file: &str, live: &Live) -> Answer {
    let Some(id) = file.strip_suffix(".pdf") else {
        return not_found();
    };
    let made = made_on_request(live, id, |site, theme| match site.document(id) {
        Some(doc) => crate::render::pdf::render_document(site, theme, doc).map(Some),
        None => Ok(None),
    });
    match made {
        Ok((_, bytes)) => with_type(bytes.to_vec(), "application/pdf"),
        Err(answer) => answer,
    }
}
