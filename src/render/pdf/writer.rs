//! Laid-out pages → PDF bytes with printpdf, then lopdf for what printpdf
//! does not do: nested outlines opening at the heading, link annotations to
//! positions and other files, /PageMode, and a fixed document ID.
//! Knows nothing of Japanese rules.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use allsorts::tables::cmap::owned::CmapSubtable as OwnedCmapSubtable;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Color, CurTransMat, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt,
    RawImage, Rect, TextItem, TextMatrix, WindingOrder, XObject, XObjectId, XObjectTransform,
};
use sha2::{Digest, Sha256};

use super::layout::boxes::{Draw, FontKind, Piece, Rgb, Target};
use super::layout::document::PAGE_H;
use super::layout::roles::{Tag, Tree};
use super::save::Deflater;
use super::tagging::{self, Annot, Marks};
use crate::model::Asset;

/// Both faces parsed once per build; cloned per PDF (the bytes are shared).
pub struct PdfFonts {
    /// Body face.
    pub mincho: ParsedFont,
    /// Heading face.
    pub gothic: ParsedFont,
}

impl PdfFonts {
    /// Both faces parsed whole.
    pub fn parse(mincho: &[u8], gothic: &[u8]) -> Result<PdfFonts, Diagnostic> {
        let parse = |bytes: &[u8]| ParsedFont::from_bytes(bytes, 0, &mut Vec::new());
        let (m, g) = rayon::join(|| parse(mincho), || parse(gothic));
        Ok(PdfFonts {
            mincho: m.ok_or_else(|| Diagnostic::failure("明朝体フォントを読み込めません"))?,
            gothic: g.ok_or_else(|| Diagnostic::failure("ゴシック体フォントを読み込めません"))?,
        })
    }

    /// The faces cut down to the characters a whole build uses. printpdf's
    /// per-PDF subsetting scans the face's cmap against the kept glyphs
    /// linearly, so starting from ~1,500 characters instead of IPAex's ~15,000
    /// makes writing a hundred PDFs many times faster.
    pub fn reduced(
        &self,
        mincho: &BTreeSet<char>,
        gothic: &BTreeSet<char>,
    ) -> Result<PdfFonts, Diagnostic> {
        fn cut(font: &ParsedFont, chars: &BTreeSet<char>) -> Result<ParsedFont, Diagnostic> {
            let glyphs: BTreeMap<u16, String> = chars
                .iter()
                .filter_map(|c| {
                    font.lookup_glyph_index(*c as u32)
                        .filter(|g| *g != 0)
                        .map(|g| (g, c.to_string()))
                })
                .collect();
            if glyphs.is_empty() {
                return Ok(font.clone());
            }
            // printpdf's reason is English and about font tables, not the user's text.
            let sub = printpdf::subset_font(font, &glyphs)
                .map_err(|_| Diagnostic::failure("フォントの縮小に失敗しました"))?;
            let mut w = Vec::new();
            let mut cut = ParsedFont::from_bytes(&sub.bytes, 0, &mut w)
                .ok_or_else(|| Diagnostic::failure("フォントの縮小に失敗しました"))?;
            dense_cmap(&mut cut, chars);
            Ok(cut)
        }
        let (m, g) = rayon::join(|| cut(&self.mincho, mincho), || cut(&self.gothic, gothic));
        Ok(PdfFonts {
            mincho: m?,
            gothic: g?,
        })
    }
}

/// Replaces the face's character lookup with a dense table over the used
/// range. printpdf looks every drawn character up in the cmap twice per PDF,
/// and allsorts scans a format-4 table's segments one by one: a build's
/// ~1,500 scattered characters make ~1,000 segments, which cost a tenth of a
/// 100-document build. A format-10 table (one slot per code point from the
/// first used character to the last) answers the same in constant time.
/// Only lookups change: the embedded font bytes are not rebuilt from it.
fn dense_cmap(font: &mut ParsedFont, chars: &BTreeSet<char>) {
    let (Some(&first), Some(&last)) = (chars.first(), chars.last()) else {
        return;
    };
    let (first, last) = (first as u32, last as u32);
    // 128 Ki slots (256 KB) cover the BMP twice over; a wider spread keeps format 4.
    if last - first >= 0x2_0000 {
        return;
    }
    let mut glyph_id_array = vec![0u16; (last - first + 1) as usize];
    for c in chars {
        if let Some(g) = font.lookup_glyph_index(*c as u32) {
            glyph_id_array[(*c as u32 - first) as usize] = g;
        }
    }
    font.cmap_subtable = Some(OwnedCmapSubtable::Format10 {
        language: 0,
        start_char_code: first,
        glyph_id_array,
    });
}

/// The characters drawn in each face, for `PdfFonts::reduced`.
pub fn used_chars(pages: &[Vec<Draw>], mincho: &mut BTreeSet<char>, gothic: &mut BTreeSet<char>) {
    // A bit per BMP character seen, so the sets are touched once per
    // distinct character rather than once per character drawn (a tree
    // insert for each of a 1,400-page binder's characters cost 2 % of a
    // build).
    let mut seen = [vec![0u64; 1024], vec![0u64; 1024]];
    for d in pages.iter().flatten() {
        if let Draw::Text { font, pieces, .. } = d {
            let (set, bits) = match font {
                FontKind::Mincho => (&mut *mincho, &mut seen[0]),
                FontKind::Gothic => (&mut *gothic, &mut seen[1]),
            };
            for p in pieces {
                if let Piece::Text(t) = p {
                    for c in t.chars() {
                        let n = c as usize;
                        if n < 0x1_0000 {
                            let (word, bit) = (n / 64, 1u64 << (n % 64));
                            if bits[word] & bit != 0 {
                                continue;
                            }
                            bits[word] |= bit;
                        }
                        set.insert(c);
                    }
                }
            }
        }
    }
}

/// A bookmark and the ones under it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineNode {
    /// Its text.
    pub title: String,
    /// The anchor it opens.
    pub key: String,
    /// Bookmarks under it.
    pub children: Vec<OutlineNode>,
}

/// The PDF's document information.
pub struct Meta {
    /// The title shown by PDF viewers.
    pub title: String,
    /// The organisation.
    pub author: String,
    /// Seconds since the epoch of the build date (never the clock).
    pub date_unix: i64,
    /// What the fixed document ID is derived from.
    pub id_seed: String,
}

fn font_id(k: FontKind) -> FontId {
    FontId(match k {
        // Six capitals: printpdf takes the subset tag (`XXXXXX+`) from the id.
        FontKind::Mincho => "BCPMIN".to_string(),
        FontKind::Gothic => "BCPGOT".to_string(),
    })
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// A point of the layout (y downwards) on a page `page_h` high.
fn pt(x: f32, y: f32, page_h: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(page_h - y),
        },
        bezier: false,
    }
}

struct State {
    in_text: bool,
    font: Option<(FontKind, f32)>,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
    dashed: bool,
}

impl State {
    fn end_text(&mut self, ops: &mut Vec<Op>) {
        if self.in_text {
            ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }
    fn fill(&mut self, ops: &mut Vec<Op>, c: Rgb) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }
    fn stroke(&mut self, ops: &mut Vec<Op>, c: Rgb, w: f32, dashed: bool) {
        if self.stroke != Some((c, w)) {
            ops.push(Op::SetOutlineColor { col: color(c) });
            ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            self.stroke = Some((c, w));
        }
        if self.dashed != dashed {
            let dash = if dashed {
                LineDashPattern::new(0.0, &[0.8, 2.4])
            } else {
                LineDashPattern::solid()
            };
            ops.push(Op::SetLineDashPattern { dash });
            self.dashed = dashed;
        }
    }
}

/// A link's rectangle (x, y, w, h; top-left origin), where it goes, its
/// structure node and its place in reading order.
type LinkRect = (f32, f32, f32, f32, Target, Tag, u64);

/// The images drawn on `pages`, decoded and added to `doc` under fixed
/// names (`IM1`, `IM2` … in order of first use: printpdf's own ids are
/// random, which would make two builds differ). Image bytes come from
/// `images` by the key the layout gave them.
fn add_images<'d>(
    doc: &mut PdfDocument,
    pages: impl Iterator<Item = &'d Vec<Draw>>,
    images: &BTreeMap<String, Asset>,
) -> BTreeMap<String, XObjectId> {
    let mut ids = BTreeMap::new();
    for d in pages.flatten() {
        let Draw::Image { key, .. } = d else { continue };
        if ids.contains_key(key) {
            continue;
        }
        // Every image was decoded once at load, so this does not fail; if
        // it did, the image is left out rather than the PDF.
        let Some(raw) = images.get(key).and_then(|a| decode(&a.bytes)) else {
            continue;
        };
        let id = XObjectId(format!("IM{}", ids.len() + 1));
        doc.resources
            .xobjects
            .map
            .insert(id.clone(), XObject::Image(raw));
        ids.insert(key.clone(), id);
    }
    ids
}

/// PNG or JPEG bytes as the 8-bit pixels printpdf writes (16-bit and other
/// layouts converted; an alpha channel becomes the image's soft mask).
fn decode(bytes: &[u8]) -> Option<RawImage> {
    use image::DynamicImage as D;
    let img = image::load_from_memory(bytes).ok()?;
    let img = match img {
        D::ImageLuma8(_) | D::ImageLumaA8(_) | D::ImageRgb8(_) | D::ImageRgba8(_) => img,
        other if other.color().has_alpha() => D::ImageRgba8(other.to_rgba8()),
        other => D::ImageRgb8(other.to_rgb8()),
    };
    RawImage::from_dynamic_image(img).ok()
}

fn page_ops(
    draws: Vec<Draw>,
    images: &BTreeMap<String, XObjectId>,
    marks: &mut Marks,
    page_h: f32,
) -> (Vec<Op>, Vec<LinkRect>) {
    marks.start_page();
    // About three operators a drawing (marked content, state, the drawing):
    // grown from empty, a long page's list was copied over and over.
    let mut ops = Vec::with_capacity(draws.len() * 3 + 8);
    let mut links = Vec::new();
    let mut st = State {
        in_text: false,
        font: None,
        fill: None,
        stroke: None,
        dashed: false,
    };
    for d in draws {
        match d {
            Draw::Text {
                x,
                y,
                font,
                size,
                color: c,
                pieces,
                tag,
            } => {
                marks.enter(tag, &mut ops, |o| st.end_text(o));
                if !st.in_text {
                    ops.push(Op::StartTextSection);
                    st.in_text = true;
                    st.font = None;
                }
                if st.font != Some((font, size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(font)),
                        size: Pt(size),
                    });
                    st.font = Some((font, size));
                }
                st.fill(&mut ops, c);
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(x), Pt(page_h - y)),
                });
                let items = pieces
                    .into_iter()
                    .map(|p| match p {
                        Piece::Text(t) => {
                            marks.text(tag, &t);
                            TextItem::Text(t)
                        }
                        Piece::Gap(g) => TextItem::Offset(-g * 1000.0 / size),
                    })
                    .collect();
                ops.push(Op::ShowText { items });
            }
            Draw::Line {
                points,
                width,
                color: c,
                dashed,
            } => {
                marks.enter(Tag::ARTIFACT, &mut ops, |o| st.end_text(o));
                st.end_text(&mut ops);
                st.stroke(&mut ops, c, width, dashed);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: points.iter().map(|p| pt(p.0, p.1, page_h)).collect(),
                        is_closed: false,
                    },
                });
            }
            Draw::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                marks.enter(Tag::ARTIFACT, &mut ops, |o| st.end_text(o));
                st.end_text(&mut ops);
                let rect = |mode| Rect {
                    x: Pt(x),
                    y: Pt(page_h - y - h),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(mode),
                    winding_order: None,
                };
                if let Some(f) = fill {
                    st.fill(&mut ops, f);
                    ops.push(Op::DrawRectangle {
                        rectangle: rect(PaintMode::Fill),
                    });
                }
                if let Some((c, sw)) = stroke {
                    st.stroke(&mut ops, c, sw, false);
                    ops.push(Op::DrawRectangle {
                        rectangle: rect(PaintMode::Stroke),
                    });
                }
            }
            Draw::Polygon {
                points,
                fill,
                stroke,
            } => {
                st.end_text(&mut ops);
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => continue,
                };
                marks.enter(Tag::ARTIFACT, &mut ops, |o| st.end_text(o));
                if let Some(f) = fill {
                    st.fill(&mut ops, f);
                }
                if let Some((c, sw)) = stroke {
                    st.stroke(&mut ops, c, sw, false);
                }
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: points.iter().map(|p| pt(p.0, p.1, page_h)).collect(),
                        }],
                        mode,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Draw::Link {
                x,
                y,
                w,
                h,
                target,
                tag,
            } => links.push((x, y, w, h, target, tag, marks.next_order())),
            // Page numbers are set by the layout before a page is written.
            Draw::Anchor { .. } | Draw::PageSize { .. } | Draw::PageNumber { .. } => {}
            Draw::Image {
                x,
                y,
                w,
                h,
                key,
                tag,
            } => {
                let Some(id) = images.get(&key) else { continue };
                marks.enter(tag, &mut ops, |o| st.end_text(o));
                st.end_text(&mut ops);
                // An image XObject fills the unit square: one matrix maps it
                // onto the rectangle (bottom-left origin), and printpdf's own
                // pixel-size scaling is switched off.
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([w, 0.0, 0.0, h, x, page_h - y - h]),
                });
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
        }
    }
    st.end_text(&mut ops);
    marks.end_page(&mut ops);
    (ops, links)
}

/// A text string as PDF writes non-ASCII text (UTF-16BE with a BOM).
pub fn utf16(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend(u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

fn dest(page: ObjectId, y: f32) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        Object::Real((PAGE_H - y + 6.0).min(PAGE_H)),
        Object::Null,
    ])
}

type Anchors = BTreeMap<String, (usize, f32)>;

/// Deflates every stream not yet compressed (level 1, see `save`).
fn compress(lo: &mut lopdf::Document, deflater: &mut Deflater) {
    for obj in lo.objects.values_mut() {
        if let Object::Stream(st) = obj {
            // printpdf marks its image streams "do not compress" even when,
            // without image options, it wrote the pixels raw: those are
            // deflated here too (lossless, and the same bytes every build).
            let image = st.dict.get(b"Subtype").ok() == Some(&Object::Name(b"Image".to_vec()));
            if !(st.allows_compression || image) || st.dict.get(b"Filter").is_ok() {
                continue;
            }
            let z = deflater.deflate(&st.content);
            if z.len() + 19 < st.content.len() {
                st.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                st.set_content(z);
            }
        }
    }
}

/// Writes outline items under `parent`; returns (first, last, descendants).
fn outline_items(
    lo: &mut lopdf::Document,
    nodes: &[OutlineNode],
    parent: ObjectId,
    anchors: &Anchors,
    pages: &BTreeMap<u32, ObjectId>,
) -> Option<(ObjectId, ObjectId, i64)> {
    let nodes: Vec<&OutlineNode> = nodes
        .iter()
        .filter(|n| anchors.contains_key(&n.key))
        .collect();
    if nodes.is_empty() {
        return None;
    }
    let ids: Vec<ObjectId> = nodes.iter().map(|_| lo.new_object_id()).collect();
    let mut total = 0;
    for (i, n) in nodes.iter().enumerate() {
        let (page, y) = anchors[&n.key];
        let page_id = pages.get(&(page as u32)).copied().unwrap_or(ids[i]);
        let mut d = Dictionary::new();
        d.set("Title", utf16(&n.title));
        d.set("Parent", Object::Reference(parent));
        d.set("Dest", dest(page_id, y));
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if i + 1 < ids.len() {
            d.set("Next", Object::Reference(ids[i + 1]));
        }
        if let Some((first, last, count)) = outline_items(lo, &n.children, ids[i], anchors, pages) {
            d.set("First", Object::Reference(first));
            d.set("Last", Object::Reference(last));
            // Closed: a long plan opens as its chapters only.
            d.set("Count", Object::Integer(-count));
            total += count;
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
        total += 1;
    }
    Some((ids[0], *ids.last().unwrap(), total))
}

/// Writes the pages, each in its own size (see
/// [`super::layout::document::page_size`]).
///
/// Takes the pages by value: each page's drawing is freed as soon as its
/// operators exist, and printpdf's copy of them as soon as lopdf has the
/// content streams, which keeps a 1,400-page binder's peak memory down.
/// Link and bookmark destinations assume A4 portrait pages (only those
/// carry anchors); link rectangles follow each page's own height.
pub fn write(
    fonts: &PdfFonts,
    pages: Vec<Vec<Draw>>,
    tree: &Tree,
    anchors: &Anchors,
    outline: &[OutlineNode],
    meta: &Meta,
    images: &BTreeMap<String, Asset>,
) -> Result<Vec<u8>, Diagnostic> {
    let mut doc = PdfDocument::new(&meta.title);
    let producer = format!("bcpgen {} (printpdf)", env!("CARGO_PKG_VERSION"));
    // Fixed resource names: printpdf's own ids come from a process-wide counter.
    doc.resources.fonts.map.insert(
        font_id(FontKind::Mincho),
        PdfFont::new(fonts.mincho.clone()),
    );
    doc.resources.fonts.map.insert(
        font_id(FontKind::Gothic),
        PdfFont::new(fonts.gothic.clone()),
    );
    let image_ids = add_images(&mut doc, pages.iter(), images);
    let mut all_links = Vec::new();
    let mut marks = Marks::new(tree);
    let mut heights = Vec::new();
    let pdf_pages = pages
        .into_iter()
        .map(|page| {
            let (w, h) = super::layout::document::page_size(&page);
            let (ops, links) = page_ops(page, &image_ids, &mut marks, h);
            all_links.push(links);
            heights.push(h);
            let media = Rect::from_wh(Pt(w), Pt(h));
            PdfPage {
                media_box: media.clone(),
                trim_box: media.clone(),
                crop_box: media,
                ops,
            }
        })
        .collect();
    doc.with_pages(pdf_pages);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    drop(doc);
    let page_ids = lo.get_pages();
    let mut tagged_annots = Vec::new();

    for (i, links) in all_links.into_iter().enumerate() {
        let Some(&pid) = page_ids.get(&(i as u32 + 1)) else {
            continue;
        };
        let mut annots = Vec::new();
        for (x, y, w, h, target, tag, order) in links {
            let mut a = Dictionary::new();
            a.set("Type", Object::Name(b"Annot".to_vec()));
            a.set("Subtype", Object::Name(b"Link".to_vec()));
            // Printed (PDF/A), and described in words (PDF/UA).
            a.set("F", Object::Integer(4));
            if let Some(t) = marks.link_text.get(&tag) {
                a.set("Contents", utf16(t));
            }
            a.set(
                "Rect",
                Object::Array(vec![
                    x.into(),
                    (heights[i] - y - h).into(),
                    (x + w).into(),
                    (heights[i] - y).into(),
                ]),
            );
            a.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
            match target {
                Target::Anchor(key) => {
                    let Some(&(page, ty)) = anchors.get(&key) else {
                        continue;
                    };
                    let Some(&tp) = page_ids.get(&(page as u32)) else {
                        continue;
                    };
                    a.set("Dest", dest(tp, ty));
                }
                Target::File { file, dest } => {
                    let mut act = Dictionary::new();
                    act.set("S", Object::Name(b"GoToR".to_vec()));
                    act.set(
                        "F",
                        Object::String(file.into_bytes(), StringFormat::Literal),
                    );
                    act.set("D", super::dests::name(&dest));
                    a.set("A", act);
                }
                Target::Uri(u) => {
                    let mut act = Dictionary::new();
                    act.set("S", Object::Name(b"URI".to_vec()));
                    act.set("URI", Object::String(u.into_bytes(), StringFormat::Literal));
                    a.set("A", act);
                }
            }
            // An object of its own: the structure tree points at it (OBJR).
            let id = lo.add_object(a);
            tagged_annots.push(Annot {
                id,
                page: pid,
                tag,
                order,
            });
            annots.push(Object::Reference(id));
        }
        if annots.is_empty() {
            continue;
        }
        if let Ok(page) = lo.get_dictionary_mut(pid) {
            page.set("Annots", Object::Array(annots));
        }
    }

    let any = outline.iter().any(|n| anchors.contains_key(&n.key));
    // Allocate the root only when used: an unused id would make /Size wrong.
    let root_id = if any { lo.new_object_id() } else { (0, 0) };
    let outlines = if any {
        outline_items(&mut lo, outline, root_id, anchors, &page_ids)
    } else {
        None
    };
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set(
            "PageMode",
            Object::Name(if outlines.is_some() {
                b"UseOutlines".to_vec()
            } else {
                b"UseNone".to_vec()
            }),
        );
    }
    if let Some((first, last, _)) = outlines {
        let top = outline
            .iter()
            .filter(|n| anchors.contains_key(&n.key))
            .count() as i64;
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"Outlines".to_vec()));
        root.set("First", Object::Reference(first));
        root.set("Last", Object::Reference(last));
        root.set("Count", Object::Integer(top));
        lo.objects.insert(root_id, Object::Dictionary(root));
        if let Ok(catalog) = lo.catalog_mut() {
            catalog.set("Outlines", Object::Reference(root_id));
        }
    }

    super::dests::add(&mut lo, anchors, &page_ids, dest);
    let page_list: Vec<ObjectId> = page_ids.values().copied().collect();
    tagging::write_tree(&mut lo, tree, &marks.pages, &page_list, &tagged_annots);
    super::pdfa::finish(&mut lo, meta, &producer);
    let id: Vec<u8> = Sha256::digest(meta.id_seed.as_bytes())[..16].to_vec();
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    // Small objects (structure elements, annotations, outline items) go
    // into object streams, allowed in PDF/A-2: the structure tree written
    // as plain objects made files about a third larger.
    let mut deflater = Deflater::new();
    compress(&mut lo, &mut deflater);
    Ok(super::save::save(lo, &mut deflater))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dense_lookup_answers_as_the_subset_fonts_own_cmap() {
        let theme = crate::theme::Theme::built_in();
        let m = theme.file("fonts/ipaexm.ttf").expect("built-in mincho");
        let g = theme.file("fonts/ipaexg.ttf").expect("built-in gothic");
        let full = PdfFonts::parse(m, g).unwrap();
        let chars: BTreeSet<char> = "情報システム課、震度６弱。ABC xyz 123（P.18）・〈水害編〉𠮷"
            .chars()
            .filter(|c| full.mincho.lookup_glyph_index(*c as u32).is_some())
            .collect();
        let reduced = full.reduced(&chars, &chars).unwrap();
        assert!(matches!(
            reduced.mincho.cmap_subtable,
            Some(OwnedCmapSubtable::Format10 { .. })
        ));
        // The same subset as printpdf parses it, with its own format-4 cmap.
        let glyphs: BTreeMap<u16, String> = chars
            .iter()
            .map(|c| {
                (
                    full.mincho.lookup_glyph_index(*c as u32).unwrap(),
                    c.to_string(),
                )
            })
            .collect();
        let sub = printpdf::subset_font(&full.mincho, &glyphs).unwrap();
        let plain = ParsedFont::from_bytes(&sub.bytes, 0, &mut Vec::new()).unwrap();
        for c in &chars {
            let want = plain.lookup_glyph_index(*c as u32);
            assert!(want.is_some_and(|g| g != 0), "{c} is in the subset");
            assert_eq!(reduced.mincho.lookup_glyph_index(*c as u32), want, "{c}");
        }
        // Outside the used range there is no glyph, as in any cmap.
        assert_eq!(reduced.mincho.lookup_glyph_index(0x10_FFFF), None);
        assert_eq!(reduced.mincho.lookup_glyph_index(0x1F), None);
    }
}
