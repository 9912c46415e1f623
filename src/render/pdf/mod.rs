//! PDF renderer: every document as an A4 PDF, and the binder.
//!
//! `layout` typesets (Japanese rules, tables, pages) without knowing PDF;
//! `writer` turns its pages into bytes with printpdf and lopdf. Fonts are
//! parsed once per build; documents are laid out and written in parallel.

mod dests;
pub mod layout;
mod one;
pub mod pdfa;
mod save;
pub mod tagging;
pub mod writer;

pub use one::render_document;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::{in_document, OutputFile, RenderResult, Sink};
use crate::diag::{Diagnostic, Diagnostics, Kind};
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

/// One diagnostic per character the fonts lack, drawn by `doc` (None: the
/// binder's own pages); [`crate::render_site`] places them in the sources.
fn missing_errors(doc: Option<&Document>, missing: &BTreeSet<char>) -> Vec<Diagnostic> {
    missing
        .iter()
        .map(|c| {
            let m = missing_message(*c);
            match doc {
                Some(d) => in_document(d, m),
                None => Diagnostic::failure(m),
            }
            .kind(Kind::MissingGlyph(*c))
        })
        .collect()
}

/// What is wrong with a character the PDF fonts lack.
pub fn missing_message(c: char) -> String {
    format!(
        "PDF のフォントにない文字「{c}」(U+{:04X}) があります（別の字に置き換えてください）",
        c as u32
    )
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

/// Lays out each of `docs` as its own PDF. A reference into another
/// document prints that document's page in its own PDF, known only once
/// that one is laid out: every pass reads the pages of all of them from the
/// pass before, and lays out again only the documents whose page lookups
/// changed (most settle in the second pass; MAX_PASSES bounds it). A page
/// of a document outside `docs` stays a placeholder.
fn singles(fonts: &Fonts, site: &Site, docs: &[&Document]) -> Vec<Laid> {
    let none = BTreeMap::new();
    let mut laid: Vec<Laid> = docs
        .par_iter()
        .map(|d| layout_document(fonts, site, d, Mode::Single, &none, 0))
        .collect();
    for _ in 1..MAX_PASSES {
        let pages: BTreeMap<String, usize> = laid.iter().flat_map(Laid::page_map).collect();
        let stale: Vec<usize> = (0..laid.len())
            .filter(|&i| !laid[i].lookups.settled(&pages))
            .collect();
        if stale.is_empty() {
            break;
        }
        let again: Vec<(usize, Laid)> = stale
            .par_iter()
            .map(|&i| {
                let l = layout_document(fonts, site, docs[i], Mode::Single, &pages, 0);
                (i, l)
            })
            .collect();
        for (i, l) in again {
            laid[i] = l;
        }
    }
    laid
}

/// One document's PDF as the build lays it out, for `serve`: with the
/// documents it refers to laid out beside it, for their pages.
fn single(fonts: &Fonts, site: &Site, doc: &Document) -> Laid {
    let mut laid = singles(fonts, site, &[doc]);
    let mut docs = vec![doc];
    docs.extend(
        laid[0]
            .lookups
            .documents()
            .into_iter()
            .filter(|id| *id != doc.id)
            .filter_map(|id| site.document(id)),
    );
    if docs.len() > 1 {
        laid = singles(fonts, site, &docs);
    }
    let mut laid = laid.swap_remove(0);
    laid.finish_single(fonts);
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

/// The theme's two faces (mincho, gothic): their metrics for layout and
/// their bytes for the writer. Every PDF bcpgen makes reads them here.
pub fn theme_fonts(theme: &Theme) -> Result<(Fonts<'_>, &[u8], &[u8]), Diagnostic> {
    let font = |p: &str| {
        theme
            .file(p)
            .ok_or_else(|| Diagnostic::failure(format!("テーマにフォント {p} がありません")))
    };
    let (m, g) = (font(MINCHO)?, font(GOTHIC)?);
    let metrics = |p: &str, bytes| {
        FontMetrics::parse(bytes)
            .map_err(|e| Diagnostic::failure(format!("テーマの {p}: {}", e.message)))
    };
    let fonts = Fonts {
        mincho: metrics(MINCHO, m)?,
        gothic: metrics(GOTHIC, g)?,
    };
    Ok((fonts, m, g))
}

/// Writes every document's PDF and the binder into `sink`.
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink) -> RenderResult {
    let (fonts, m, g) = theme_fonts(theme)?;
    let docs: Vec<&Document> = site.documents.iter().collect();
    let mut singles = singles(&fonts, site, &docs);
    let errors: Diagnostics = site
        .documents
        .iter()
        .zip(&singles)
        .flat_map(|(d, l)| missing_errors(Some(d), &l.missing))
        .collect::<Vec<_>>()
        .into();
    errors.into_result()?;
    // What the binder can take as laid out alone (see `Laid::rebased`),
    // kept before the single PDFs get their own folios.
    let reuse: Vec<Option<Laid>> = singles
        .iter()
        .map(|l| l.same_in_binder.then(|| l.clone()))
        .collect();
    singles.par_iter_mut().for_each(|l| l.finish_single(&fonts));

    // The faces are cut down to what the PDFs draw (see `reduced`) before
    // anything is written. The binder draws the documents' text plus its
    // own front matter, page numbers and （P.n）, so those characters are
    // added; should it draw anything else, its faces are cut again.
    let front = layout_binder_front(&fonts, site, &BTreeMap::new());
    let mut used = Used::default();
    let numbers = format!("0123456789P.（） /{}", layout::document::BLANK);
    used.0.extend(numbers.chars());
    used.1.extend(numbers.chars());
    used.add(&front.pages);
    for l in &singles {
        used.add(&l.pages);
    }
    let faces = Faces { m, g };
    let pdf_fonts = faces.cut(&used)?;
    let seeds: Vec<Seed> = singles.iter().map(Seed::of).collect();

    // The binder is laid out while the documents are written (each freed,
    // and its file handed to the sink, as soon as it is written), then it
    // is written beside the rest of them: with every layout and every file
    // alive at once a 100-document site peaked over 300 MB.
    let binder_job = || -> RenderResult {
        let (pages, tree, anchors, outline) = binder(&fonts, site, &front, &seeds, &reuse)?;
        let before = used.len();
        used.add(&pages);
        let refit = (used.len() != before)
            .then(|| faces.cut(&used))
            .transpose()?;
        let seed: String = site
            .documents
            .iter()
            .map(|d| format!("{}:{};", d.id, d.fingerprint))
            .collect();
        let bytes = writer::write(
            refit.as_ref().unwrap_or(&pdf_fonts),
            pages,
            &tree,
            &anchors,
            &outline,
            &meta(
                site,
                &format!("{}（綴り）", site.config.title),
                &format!("binder|{seed}"),
            ),
            &site.assets,
        )?;
        sink.put(OutputFile {
            path: format!("pdf/{}.pdf", crate::render::names::BINDER),
            bytes,
        })?;
        Ok(())
    };
    let docs_job = || -> RenderResult {
        site.documents
            .par_iter()
            .zip(singles.into_par_iter())
            .try_for_each(|(d, laid)| {
                let outline = nest(&laid.outline);
                let seed = format!("{}|{}", d.id, d.fingerprint);
                let bytes = writer::write(
                    &pdf_fonts,
                    laid.pages,
                    &laid.tree,
                    &laid.anchors,
                    &outline,
                    &meta(site, &d.title, &seed),
                    &site.assets,
                )
                .map_err(|e| in_document(d, e.message))?;
                sink.put(OutputFile {
                    path: format!("pdf/{}.pdf", d.id),
                    bytes,
                })?;
                Ok(())
            })
    };
    match rayon::join(binder_job, docs_job) {
        (Err(mut a), Err(b)) => {
            a.extend(b);
            Err(a)
        }
        (a, b) => a.and(b),
    }
}

/// The characters drawn in each face (mincho, gothic).
#[derive(Default)]
struct Used(BTreeSet<char>, BTreeSet<char>);

impl Used {
    fn add(&mut self, pages: &[Vec<layout::boxes::Draw>]) {
        writer::used_chars(pages, &mut self.0, &mut self.1);
    }

    fn len(&self) -> (usize, usize) {
        (self.0.len(), self.1.len())
    }
}

/// The theme's font files.
struct Faces<'t> {
    m: &'t [u8],
    g: &'t [u8],
}

impl Faces<'_> {
    /// The faces cut down to `used` (see `PdfFonts::reduced`); printpdf's
    /// parse of the whole faces is large and lives only this long.
    fn cut(&self, used: &Used) -> Result<PdfFonts, Diagnostic> {
        PdfFonts::parse(self.m, self.g).and_then(|full| full.reduced(&used.0, &used.1))
    }
}

/// A document as laid out alone: its page count and anchors' pages.
struct Seed {
    pages: usize,
    anchors: BTreeMap<String, usize>,
}

impl Seed {
    fn of(l: &Laid) -> Seed {
        Seed {
            pages: l.pages.len(),
            anchors: l.page_map(),
        }
    }
}

/// The laid-out binder: pages, its one structure tree, anchors and its one
/// bookmark tree.
type Binder = (
    Vec<Vec<layout::boxes::Draw>>,
    layout::roles::Tree,
    BTreeMap<String, (usize, f32)>,
    Vec<OutlineNode>,
);

/// Where each document starts in the binder and every anchor's page there,
/// from the front matter and each document's layout; `laid_at[i]` is the
/// offset document `i` was laid out at (0 when laid out alone).
fn binder_map(
    front: &Laid,
    docs: &[Seed],
    laid_at: &[usize],
) -> (Vec<usize>, BTreeMap<String, usize>) {
    let mut pages = front.page_map();
    let mut offsets = Vec::with_capacity(docs.len());
    let mut next = front.pages.len();
    for (l, at) in docs.iter().zip(laid_at) {
        next = odd_start(next);
        offsets.push(next);
        for (k, p) in &l.anchors {
            pages.insert(k.clone(), next + p - at);
        }
        next += l.pages;
    }
    (offsets, pages)
}

/// The number of pages before a part that follows `pages` pages: one more
/// when that would put its start on an even page (a blank verso, see
/// [`pad`]), so that in duplex printing every cover is a front.
fn odd_start(pages: usize) -> usize {
    pages + pages % 2
}

/// Adds the blank verso [`odd_start`] counts, if one is needed.
fn pad(fonts: &Fonts, site: &Site, pages: &mut Vec<Vec<layout::boxes::Draw>>) {
    if odd_start(pages.len()) > pages.len() {
        pages.push(layout::document::blank_page(fonts, site));
    }
}

/// Lays out the binder. `first_front` is its front matter laid out without
/// page numbers; the documents as laid out alone (`singles`) give the first
/// guess of every page number, so the binder usually settles in one pass.
fn binder(
    fonts: &Fonts,
    site: &Site,
    first_front: &Laid,
    singles: &[Seed],
    reuse: &[Option<Laid>],
) -> Result<Binder, Diagnostics> {
    let (mut offsets, mut pages) = binder_map(first_front, singles, &vec![0; singles.len()]);
    let lay = |pages: &BTreeMap<String, usize>, offsets: &[usize]| {
        let front = layout_binder_front(fonts, site, pages);
        let docs: Vec<Laid> = site
            .documents
            .par_iter()
            .zip(offsets.par_iter())
            .zip(reuse.par_iter())
            .map(|((d, off), again)| {
                let mut l = match again {
                    Some(alone) => alone.rebased(*off),
                    None => layout_document(fonts, site, d, Mode::Binder, pages, *off),
                };
                l.number_in_binder(fonts);
                l
            })
            .collect();
        (front, docs)
    };
    let (mut front, mut docs) = lay(&pages, &offsets);
    for pass in 1..=MAX_PASSES {
        let laid: Vec<Seed> = docs.iter().map(Seed::of).collect();
        let (new_offsets, new_pages) = binder_map(&front, &laid, &offsets);
        let settled = new_offsets == offsets
            && front.lookups.settled(&new_pages)
            && docs.iter().all(|l| l.lookups.settled(&new_pages));
        // Out of passes, a page reference may stay off by a page, but every
        // document must still start where its page numbers say.
        if settled || (pass == MAX_PASSES && new_offsets == offsets) {
            break;
        }
        offsets = new_offsets;
        pages = new_pages;
        (front, docs) = lay(&pages, &offsets);
    }
    Diagnostics(missing_errors(None, &front.missing)).into_result()?;
    let mut all_pages = front.pages;
    let mut anchors = front.anchors;
    let mut outline = Vec::new();
    // One structure tree: the front matter, then each document as a Sect
    // titled as its bookmark is.
    let mut tree = front.tree;
    for (d, l) in site.documents.iter().zip(docs) {
        let sect = tree.add(layout::roles::Role::Sect);
        if let Some(n) = tree.node_mut(sect) {
            n.title = Some(d.title.clone());
        }
        let shift = tree.graft(l.tree, Some(sect));
        let mut pages = l.pages;
        for p in &mut pages {
            layout::roles::retag(p, shift);
        }
        anchors.extend(l.anchors);
        outline.push(OutlineNode {
            title: d.title.clone(),
            key: d.id.clone(),
            children: nest(&l.outline),
        });
        pad(fonts, site, &mut all_pages);
        all_pages.extend(pages);
    }
    // The guidance audit closes the binder, after every page it refers to
    // has its number.
    if let Some(audit) = site.audit.as_ref().filter(|a| a.declared) {
        let title = format!("付録　{}", crate::audit::report::TITLE);
        let body = crate::audit::report::blocks(audit);
        pad(fonts, site, &mut all_pages);
        let l =
            layout::document::layout_appendix(fonts, site, &title, &body, &pages, all_pages.len());
        let errors = missing_errors(None, &l.missing);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let sect = tree.add(layout::roles::Role::Sect);
        if let Some(n) = tree.node_mut(sect) {
            n.title = Some(title.clone());
        }
        let shift = tree.graft(l.tree, Some(sect));
        let mut laid_pages = l.pages;
        for p in &mut laid_pages {
            layout::roles::retag(p, shift);
        }
        anchors.extend(l.anchors);
        outline.push(OutlineNode {
            title,
            key: "_binder#_appendix".into(),
            children: nest(&l.outline),
        });
        all_pages.extend(laid_pages);
    }
    let total = all_pages.len();
    for (i, p) in all_pages.iter_mut().enumerate() {
        let f = layout::document::folio(fonts, i + 1, Some(total), p);
        p.push(f);
    }
    Ok((all_pages, tree, anchors, outline))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document the binder takes as laid out alone (`Laid::rebased`)
    /// must come out exactly as laying it out again in the binder would:
    /// the same drawings on every page, anchors on the same pages, the same
    /// bookmarks and structure. Checked on every such document of the
    /// default content, at an odd offset.
    #[test]
    fn a_document_taken_as_laid_out_alone_is_what_the_binder_would_lay_out() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let site = crate::load(&crate::LoadOptions {
            content: &content,
            shown: "content",
            today: crate::model::Date::parse_iso("2026-11-26").unwrap(),
            edition: crate::model::Edition::Staff,
        })
        .unwrap()
        .site;
        let theme = Theme::built_in();
        let (fonts, _, _) = theme_fonts(&theme).unwrap();
        let docs: Vec<&Document> = site.documents.iter().collect();
        let alone = singles(&fonts, &site, &docs);
        let pages = BTreeMap::new();
        let mut taken = 0;
        for (d, l) in docs.iter().zip(&alone) {
            if !l.same_in_binder {
                continue;
            }
            taken += 1;
            let mut reused = l.rebased(37);
            reused.number_in_binder(&fonts);
            let mut laid = layout_document(&fonts, &site, d, Mode::Binder, &pages, 37);
            laid.number_in_binder(&fonts);
            assert_eq!(reused.pages, laid.pages, "{}: pages", d.id);
            assert_eq!(reused.anchors, laid.anchors, "{}: anchors", d.id);
            assert_eq!(reused.outline, laid.outline, "{}: outline", d.id);
            assert_eq!(
                format!("{:?}", reused.tree),
                format!("{:?}", laid.tree),
                "{}: structure",
                d.id
            );
        }
        // The default content's documents mostly refer to one another and
        // are laid out again; three refer to none.
        assert!(taken >= 3, "only {taken} documents taken as laid out alone");
        assert!(
            taken < docs.len(),
            "documents with references must be laid out again"
        );
    }
}
