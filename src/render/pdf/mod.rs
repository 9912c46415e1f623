//! PDF renderer: every document as an A4 PDF, and the binder.
//!
//! `layout` typesets (Japanese rules, tables, pages) without knowing PDF;
//! `writer` turns its pages into bytes with printpdf and lopdf. Fonts are
//! parsed once per build; documents are laid out and written in parallel.

pub mod layout;
pub mod writer;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::{OutputFile, RenderError, RenderResult};
use crate::font::FontMetrics;
use crate::model::{Document, Site};
use crate::theme::Theme;
use layout::document::{layout_binder_front, layout_document, Laid, OutlineEntry};
use layout::{Fonts, Mode};
use writer::{Meta, OutlineNode, PdfFonts};

const MINCHO: &str = "fonts/ipaexm.ttf";
const GOTHIC: &str = "fonts/ipaexg.ttf";
/// Layout passes until page references settle (they rarely need a third).
const MAX_PASSES: usize = 4;

fn err(document: Option<&str>, message: String) -> RenderError {
    RenderError {
        document: document.map(str::to_string),
        message,
    }
}

fn missing_errors(id: Option<&str>, missing: &BTreeSet<char>) -> Vec<RenderError> {
    missing
        .iter()
        .map(|c| {
            err(
                id,
                format!("フォントにない文字「{c}」(U+{:04X}) があります", *c as u32),
            )
        })
        .collect()
}

/// Headings nested by level, in document order.
pub fn nest(entries: &[OutlineEntry]) -> Vec<OutlineNode> {
    fn build(entries: &[OutlineEntry], i: &mut usize, parent_level: u8) -> Vec<OutlineNode> {
        let mut out = Vec::new();
        while *i < entries.len() && entries[*i].level > parent_level {
            let e = &entries[*i];
            *i += 1;
            let children = build(entries, i, e.level);
            out.push(OutlineNode {
                title: e.title.clone(),
                key: e.key.clone(),
                children,
            });
        }
        out
    }
    let mut i = 0;
    let mut out = Vec::new();
    while i < entries.len() {
        out.extend(build(entries, &mut i, 0));
    }
    out
}

fn single(fonts: &Fonts, site: &Site, doc: &Document) -> Laid {
    let mut pages = BTreeMap::new();
    let mut laid = layout_document(fonts, site, doc, Mode::Single, &pages, 0);
    for _ in 1..MAX_PASSES {
        let next = laid.page_map();
        if next == pages {
            break;
        }
        pages = next;
        laid = layout_document(fonts, site, doc, Mode::Single, &pages, 0);
    }
    laid
}

fn meta(site: &Site, title: &str, seed: &str) -> Meta {
    Meta {
        title: title.to_string(),
        author: site.config.organization.name.clone(),
        date_unix: site.build_date.unix_seconds(),
        id_seed: format!("{seed}|{}|{}", site.build_date.iso(), site.edition.as_str()),
    }
}

pub fn render(site: &Site, theme: &Theme) -> RenderResult {
    let font = |p: &str| {
        theme
            .file(p)
            .ok_or_else(|| vec![err(None, format!("テーマにフォント {p} がありません"))])
    };
    let (m, g) = (font(MINCHO)?, font(GOTHIC)?);
    let fonts = Fonts {
        mincho: FontMetrics::parse(m).map_err(|e| vec![err(None, e)])?,
        gothic: FontMetrics::parse(g).map_err(|e| vec![err(None, e)])?,
    };
    let pdf_fonts = PdfFonts::parse(m, g).map_err(|e| vec![err(None, e)])?;

    let singles: Vec<Laid> = site
        .documents
        .par_iter()
        .map(|d| single(&fonts, site, d))
        .collect();
    let errors: Vec<RenderError> = site
        .documents
        .iter()
        .zip(&singles)
        .flat_map(|(d, l)| missing_errors(Some(&d.id), &l.missing))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }

    let (binder_pages, binder_anchors, binder_outline) = binder(&fonts, site)?;

    // One cut-down copy of each face for the whole build (see `reduced`).
    let (mut used_m, mut used_g) = (BTreeSet::new(), BTreeSet::new());
    writer::used_chars(&binder_pages, &mut used_m, &mut used_g);
    for l in &singles {
        writer::used_chars(&l.pages, &mut used_m, &mut used_g);
    }
    let pdf_fonts = pdf_fonts
        .reduced(&used_m, &used_g)
        .map_err(|e| vec![err(None, e)])?;

    // Both jobs own what they lay out, so each document's pages are freed as
    // soon as its file is written: with every layout alive at once the peak
    // memory of a 100-document site was over 300 MB.
    let pdf_fonts = &pdf_fonts;
    let binder_job = move || {
        let seed: String = site
            .documents
            .iter()
            .map(|d| format!("{}:{};", d.id, d.fingerprint))
            .collect();
        let m = meta(site, &site.config.title, &format!("binder|{seed}"));
        let bytes = writer::write(
            pdf_fonts,
            &binder_pages,
            &binder_anchors,
            &binder_outline,
            &m,
        );
        OutputFile {
            path: "pdf/binder.pdf".to_string(),
            bytes,
        }
    };
    let docs_job = move || -> Vec<OutputFile> {
        site.documents
            .par_iter()
            .zip(singles.into_par_iter())
            .map(|(d, laid)| {
                let outline = nest(&laid.outline);
                let seed = format!("{}|{}", d.id, d.fingerprint);
                let bytes = writer::write(
                    pdf_fonts,
                    &laid.pages,
                    &laid.anchors,
                    &outline,
                    &meta(site, &d.title, &seed),
                );
                OutputFile {
                    path: format!("pdf/{}.pdf", d.id),
                    bytes,
                }
            })
            .collect()
    };
    // The binder is the longest job: it runs beside the documents.
    let (binder_file, mut files) = rayon::join(binder_job, docs_job);
    files.push(binder_file);
    Ok(files)
}

/// The laid-out binder: pages, anchors and its one bookmark tree.
type Binder = (
    Vec<Vec<layout::boxes::Draw>>,
    BTreeMap<String, (usize, f32)>,
    Vec<OutlineNode>,
);

fn binder(fonts: &Fonts, site: &Site) -> Result<Binder, Vec<RenderError>> {
    let mut pages: BTreeMap<String, usize> = BTreeMap::new();
    let mut front = layout_binder_front(fonts, site, &pages);
    let mut docs: Vec<Laid> = Vec::new();
    for _ in 0..MAX_PASSES {
        let mut offsets = Vec::with_capacity(site.documents.len());
        let mut next = front.pages.len();
        for (i, _) in site.documents.iter().enumerate() {
            offsets.push(next);
            next += docs.get(i).map(|l| l.pages.len()).unwrap_or(0);
        }
        let first_pass = docs.is_empty();
        docs = site
            .documents
            .par_iter()
            .zip(offsets.par_iter())
            .map(|(d, off)| layout_document(fonts, site, d, Mode::Binder, &pages, *off))
            .collect();
        let mut new_pages = front.page_map();
        for l in &docs {
            new_pages.extend(l.page_map());
        }
        // The first pass only counts pages; offsets are right from the second.
        if !first_pass && new_pages == pages {
            break;
        }
        pages = new_pages;
        front = layout_binder_front(fonts, site, &pages);
    }
    let errors = missing_errors(None, &front.missing);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut all_pages = front.pages;
    let mut anchors = front.anchors;
    let mut outline = Vec::new();
    for (d, l) in site.documents.iter().zip(docs) {
        anchors.extend(l.anchors);
        outline.push(OutlineNode {
            title: d.title.clone(),
            key: d.id.clone(),
            children: nest(&l.outline),
        });
        all_pages.extend(l.pages);
    }
    Ok((all_pages, anchors, outline))
}
