//! A whole document on A4 pages: cover, revision table, contents, body,
//! publication block, running header and footer; and the binder's front.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Block, Document, Heading, Imprint, Kind, Site};

use super::blocks::{self, Flow, BODY};
use super::boxes::{Draw, FontKind, Piece, Rgb, Target, VBox};
use super::paginate::paginate;
use super::roles::{self, Role, Tag};
use super::table::{self, CellSpec, TableSpec};
use super::text::{Align, Run, Style};
use super::{anchor_key, Ctx, Fonts, Lookups, Mode};

/// A4 in points, rounded as viewers report it.
pub const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub const PAGE_H: f32 = 841.89;
/// 45 characters of body text.
pub const MEASURE: f32 = 45.0 * BODY;
/// Left and right margin.
pub const MARGIN_X: f32 = (PAGE_W - MEASURE) / 2.0;
/// Top margin (the running header sits in it).
pub const TOP: f32 = 68.0;
/// Bottom margin (the page number sits in it).
pub const BOTTOM: f32 = 72.0;
/// Height of the text area.
pub const AREA_H: f32 = PAGE_H - TOP - BOTTOM;

/// A heading, for the PDF's bookmarks.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    /// Heading level (1 = document title).
    pub level: u8,
    /// Heading text as printed.
    pub title: String,
    /// The anchor key the bookmark opens.
    pub key: String,
}

/// One laid-out PDF part: pages with absolute draws (top-left origin).
#[derive(Clone, Debug, Default)]
pub struct Laid {
    /// Every page's draws.
    pub pages: Vec<Vec<Draw>>,
    /// Anchor key → (page number in the whole PDF, y from the page top).
    pub anchors: BTreeMap<String, (usize, f32)>,
    /// Headings in order.
    pub outline: Vec<OutlineEntry>,
    /// Characters the fonts lack.
    pub missing: BTreeSet<char>,
    /// The page numbers the layout read (to tell whether it has settled).
    pub lookups: Lookups,
    /// The structure nodes its drawings are tagged with.
    pub tree: roles::Tree,
    /// Laid out alone, it read no other document and no page number, so the
    /// binder can take its pages as they are (`rebased`) instead of laying
    /// it out again: alone and in the binder it differs only in its
    /// folios and contents numbers, which are set after layout.
    pub same_in_binder: bool,
}

impl Laid {
    /// A document laid out alone, finished for its own PDF: its contents'
    /// page numbers and every page's folio 「n」.
    pub fn finish_single(&mut self, fonts: &Fonts) {
        number_pages(fonts, self, &|_| None);
        for (i, page) in self.pages.iter_mut().enumerate() {
            let f = folio(fonts, i + 1, None, page);
            page.push(f);
        }
    }

    /// A document laid out alone (`same_in_binder`), moved to start at page
    /// `offset + 1` of the binder.
    pub fn rebased(&self, offset: usize) -> Laid {
        let mut l = self.clone();
        for a in l.anchors.values_mut() {
            a.0 += offset;
        }
        l
    }

    /// Sets the contents' page numbers of a document in the binder (its
    /// folios are the binder's).
    pub fn number_in_binder(&mut self, fonts: &Fonts) {
        number_pages(fonts, self, &|_| None);
    }

    /// Anchor key → page number.
    pub fn page_map(&self) -> BTreeMap<String, usize> {
        self.anchors.iter().map(|(k, v)| (k.clone(), v.0)).collect()
    }
}

fn em(n: f32) -> f32 {
    n * BODY
}

/// The right end of a text draw (for dot leaders).
fn text_right(ctx: &Ctx, d: &Draw) -> f32 {
    match d {
        Draw::Text {
            x,
            font,
            size,
            pieces,
            ..
        } => {
            x + pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => ctx.width(*font, *size, t),
                    Piece::Gap(g) => *g,
                })
                .sum::<f32>()
        }
        _ => 0.0,
    }
}

fn text(x: f32, y: f32, font: FontKind, size: f32, color: Rgb, s: &str) -> Draw {
    Draw::Text {
        x,
        y,
        font,
        size,
        color,
        pieces: vec![Piece::Text(s.to_string())],
        tag: Tag::ARTIFACT,
    }
}

/// The running header's line, set with the body's JLReq spacing
/// (`spacing::glue`): a quarter em between Japanese and Latin letters or
/// digits (「葛飾区 ICT 部門」) by positioning, a source space
/// there dropped, consecutive punctuation at half an em. Left-aligned at `x`.
fn spaced_text(x: f32, y: f32, font: FontKind, size: f32, color: Rgb, s: &str) -> Draw {
    let chars: Vec<char> = s.chars().collect();
    let mut pieces = Vec::new();
    let mut run = String::new();
    let mut prev: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && super::spacing::drops_space(prev, chars.get(i + 1).copied()) {
            continue;
        }
        if let Some(p) = prev {
            let gap = super::spacing::glue(p, c, false).natural * size;
            if gap != 0.0 {
                pieces.push(Piece::Text(std::mem::take(&mut run)));
                pieces.push(Piece::Gap(gap));
            }
        }
        run.push(c);
        prev = Some(c);
    }
    pieces.push(Piece::Text(run));
    Draw::Text {
        x,
        y,
        font,
        size,
        color,
        pieces,
        tag: Tag::ARTIFACT,
    }
}

/// `text` as content of node `tag`.
fn tagged(mut d: Draw, tag: Tag) -> Draw {
    roles::stamp(std::slice::from_mut(&mut d), tag);
    d
}

/// Stacked centred lines on the cover; returns the y below them.
fn cover_lines(ctx: &Ctx, s: &str, font: FontKind, size: f32, y: f32, out: &mut Vec<Draw>) -> f32 {
    let f = Flow {
        leading: 1.45,
        ..Flow::body(MARGIN_X, MEASURE)
    };
    let mut y = y;
    let mut lines = phrase_lines(ctx, s, &Style::new(font, size), &f, Align::Center, true);
    roles::stamp_boxes(&mut lines, ctx.leaf(Role::P));
    for bx in lines {
        for mut d in bx.draws {
            d.translate(0.0, y);
            out.push(d);
        }
        y += bx.height;
    }
    y
}

/// A short label (a title on a cover, a contents entry) set on lines
/// broken at phrase boundaries (`crate::phrase`), never inside a word
/// (「異常気／象」); `balanced` evens the lines' lengths (centred titles).
fn phrase_lines(
    ctx: &Ctx,
    s: &str,
    st: &Style,
    f: &Flow,
    align: Align,
    balanced: bool,
) -> Vec<VBox> {
    let width = |t: &str| ctx.width(st.font, st.size, t);
    let lines = if balanced {
        crate::phrase::wrap_balanced(s, f.width, &width)
    } else {
        crate::phrase::wrap(s, f.width, &width)
    };
    lines
        .iter()
        .flat_map(|l| blocks::plain(ctx, l, st, f, align))
        .collect()
}

/// The classification's framed label at the top right of a cover.
fn classification_box(ctx: &Ctx, label: &str, out: &mut Vec<Draw>) {
    let w = ctx.width(FontKind::Gothic, 11.0, label) + 16.0;
    let x = PAGE_W - MARGIN_X - w;
    out.push(Draw::Rect {
        x,
        y: 60.0,
        w,
        h: 22.0,
        fill: None,
        stroke: Some((Rgb::BLACK, 0.8)),
    });
    out.push(tagged(
        text(
            x + 8.0,
            60.0 + 15.5,
            FontKind::Gothic,
            11.0,
            Rgb::BLACK,
            label,
        ),
        ctx.leaf(Role::P),
    ));
}

/// The organisation at the foot of a cover: the document's imprint (which
/// its fingerprint covers), or the site's for the binder.
fn org_block(ctx: &Ctx, o: &Imprint, out: &mut Vec<Draw>) {
    let mut y = 610.0;
    y = cover_lines(ctx, &o.org, FontKind::Gothic, 16.0, y, out) + 4.0;
    for line in [
        o.department.clone(),
        o.address.clone(),
        if o.phone.is_empty() {
            String::new()
        } else {
            format!("電話　{}", o.phone)
        },
    ] {
        if !line.is_empty() {
            y = cover_lines(ctx, &line, FontKind::Mincho, 11.0, y, out);
        }
    }
}

fn cover(ctx: &Ctx, site: &Site, doc: &Document) -> Vec<Draw> {
    let mut out = vec![Draw::Anchor {
        key: doc.id.clone(),
        y: 0.0,
    }];
    if doc.sample {
        out.push(tagged(
            text(
                MARGIN_X,
                60.0 + 17.0,
                FontKind::Gothic,
                18.0,
                Rgb::RED,
                "サンプル",
            ),
            ctx.leaf(Role::P),
        ));
    }
    classification_box(ctx, doc.classification.label(), &mut out);
    let mut y = 220.0;
    if doc.kind != Kind::Plan {
        y = cover_lines(ctx, doc.kind.label(), FontKind::Gothic, 12.0, y, &mut out) + 8.0;
    }
    y = cover_lines(ctx, &doc.title, FontKind::Gothic, 24.0, y, &mut out) + 36.0;
    let latest = doc.latest();
    y = cover_lines(ctx, &latest.version, FontKind::Gothic, 14.0, y, &mut out) + 10.0;
    let issued = format!("発行日　{}", latest.date.format_month(site.config.dates));
    cover_lines(ctx, &issued, FontKind::Mincho, 12.0, y, &mut out);
    org_block(ctx, &doc.imprint, &mut out);
    out
}

/// A heading of the front matter (改訂履歴, 目次): unnumbered, large.
fn front_heading(ctx: &Ctx, s: &str, key: &str, out: &mut Vec<VBox>) {
    let st = Style::new(FontKind::Gothic, 14.0);
    let f = Flow {
        leading: 1.6,
        ..Flow::body(0.0, MEASURE)
    };
    let mut bx = blocks::plain(ctx, s, &st, &f, Align::Left);
    roles::stamp_boxes(&mut bx, ctx.leaf(Role::H(1)));
    if let Some(b) = bx.first_mut() {
        b.draws.push(Draw::Anchor {
            key: key.to_string(),
            y: 0.0,
        });
        b.space_before = 0.0;
    }
    for b in &mut bx {
        b.keep_with_next = true;
    }
    out.extend(bx);
}

fn revision_table(ctx: &Ctx, site: &Site, doc: &Document, out: &mut Vec<VBox>) {
    front_heading(
        ctx,
        doc.revision_table_title(),
        &format!("{}#_revisions", doc.id),
        out,
    );
    let rows = doc
        .revisions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let summary = match site.config.compare.links.stem(&doc.id, i) {
                Some(stem) => CellSpec::new(vec![compare_link(&r.summary, &stem)]),
                None => CellSpec::text(&r.summary),
            };
            vec![
                CellSpec {
                    align: Some(Align::Center),
                    ..CellSpec::text(&r.version)
                },
                CellSpec {
                    align: Some(Align::Center),
                    ..CellSpec::text(&site.format_date(r.date))
                },
                CellSpec::text(r.approver.name()),
                summary,
            ]
        })
        .collect();
    let spec = TableSpec {
        caption: None,
        header: vec![["版", "承認日", "承認者", "改訂内容"]
            .iter()
            .map(|c| CellSpec::text(c))
            .collect()],
        rows,
        widths: None,
    };
    table::table(ctx, &spec, &Flow::body(0.0, MEASURE), out);
}

/// A revision's 改訂内容 followed by a link to its 新旧対照表
/// (`build --history`), the PDF beside the HTML one in `compare/`, one
/// folder up from `pdf/`.
fn compare_link(summary: &str, stem: &str) -> Block {
    use crate::model::{Inline, Link, LinkTarget};
    Block::Paragraph(vec![
        Inline::Text(format!("{summary}　")),
        Inline::Link(Link {
            target: LinkTarget::External(format!("../compare/{stem}.pdf")),
            content: vec![Inline::Text("新旧対照表".to_string())],
        }),
    ])
}

/// One line of a table of contents: label, dot leader, page number, link.
/// How a contents line is set: indent, face, size, space above.
struct TocStyle(f32, FontKind, f32, f32);

fn toc_entry(ctx: &Ctx, label: &str, key: &str, st: TocStyle, out: &mut Vec<VBox>) {
    let TocStyle(x, font, size, space) = st;
    let num_w = em(3.0);
    let f = Flow {
        leading: 1.5,
        ..Flow::body(x, MEASURE - x - num_w)
    };
    let mut bx = phrase_lines(ctx, label, &Style::new(font, size), &f, Align::Left, false);
    ctx.open(Role::TocEntry);
    let link = ctx.leaf(Role::Link);
    ctx.close();
    let n = bx.len();
    for (i, b) in bx.iter_mut().enumerate() {
        b.draws.push(Draw::Link {
            x,
            y: 0.0,
            w: MEASURE - x,
            h: b.height,
            target: Target::Anchor(key.to_string()),
            tag: link,
        });
        if i + 1 < n {
            b.keep_with_next = true;
        }
    }
    if let Some(b) = bx.first_mut() {
        b.space_before = space;
    }
    if let Some(last) = bx.last_mut() {
        let (end, baseline) = last
            .draws
            .iter()
            .filter(|d| matches!(d, Draw::Text { .. }))
            .map(|d| {
                (
                    text_right(ctx, d),
                    match d {
                        Draw::Text { y, .. } => *y,
                        _ => 0.0,
                    },
                )
            })
            .fold((x, last.height * 0.7), |a, b| (a.0.max(b.0), b.1));
        last.draws.push(Draw::PageNumber {
            key: key.to_string(),
            end,
            right: MEASURE,
            y: baseline,
            size,
            tag: Tag::ARTIFACT,
        });
    }
    roles::stamp_boxes(&mut bx, link);
    out.extend(bx);
}

fn heading_label(h: &Heading) -> String {
    let title = crate::model::plain_text(&h.text);
    match &h.number {
        Some(n) => format!("{n}　{title}"),
        None => title,
    }
}

/// The contents, starting a page; returns the index of its first box.
fn contents(ctx: &Ctx, doc: &Document, out: &mut Vec<VBox>) -> Option<usize> {
    let hs: Vec<&Heading> = doc.headings().filter(|h| h.level <= 3).collect();
    if hs.is_empty() {
        return None;
    }
    let start = out.len();
    front_heading(ctx, "目次", &format!("{}#_contents", doc.id), out);
    out[start].page_break_before = true;
    ctx.open(Role::Toc);
    for h in hs {
        let lvl = h.level.max(1) as f32;
        let font = if h.level == 1 {
            FontKind::Gothic
        } else {
            FontKind::Mincho
        };
        let space = if h.level == 1 { 4.0 } else { 0.0 };
        toc_entry(
            ctx,
            &heading_label(h),
            &anchor_key(&doc.id, Some(&h.anchor)),
            TocStyle(em(lvl - 1.0), font, BODY, space),
            out,
        );
    }
    ctx.close();
    Some(start)
}

fn heading(ctx: &Ctx, doc: &Document, h: &Heading, out: &mut Vec<VBox>) {
    let (size, space) = match h.level {
        1 => (14.0, 22.0),
        2 => (12.0, 14.0),
        3 => (11.0, 10.0),
        _ => (BODY, 8.0),
    };
    let x = em((h.level.max(1) - 1).min(3) as f32);
    let st = Style::new(FontKind::Gothic, size);
    // Opened before the runs, so that their links are its children; the
    // number is part of the heading's text.
    let node = ctx.open(Role::H(h.level.clamp(1, 6)));
    let mut rs = Vec::new();
    let mut hang = 0.0;
    if let Some(n) = &h.number {
        let mark = format!("{n}　");
        hang = ctx.width(FontKind::Gothic, size, &mark);
        rs.push(Run {
            text: mark,
            style: st.clone(),
        });
    }
    blocks::runs(ctx, &h.text, &st, &mut rs);
    let f = Flow {
        leading: 1.6,
        ..Flow::body(x, MEASURE - x)
    };
    let mut bx = blocks::para(ctx, &rs, &f, 0.0, hang, Align::Left);
    ctx.close();
    roles::stamp_boxes(&mut bx, node);
    if let Some(b) = bx.first_mut() {
        b.space_before = space;
        b.draws.push(Draw::Anchor {
            key: anchor_key(&doc.id, Some(&h.anchor)),
            y: 0.0,
        });
    }
    for b in &mut bx {
        b.keep_with_next = true;
    }
    if let Some(b) = bx.last_mut() {
        b.keep_following = super::keep::HEADING_LINES;
    }
    if let Some(b) = bx.first_mut() {
        b.section_start = h.level == 1;
    }
    out.extend(bx);
}

/// Body indent under a heading of `level`.
fn body_flow(level: u8) -> Flow {
    let x = em(level.clamp(1, 3) as f32);
    Flow::body(x, MEASURE - x)
}

fn publication(ctx: &Ctx, site: &Site, doc: &Document, out: &mut Vec<VBox>) {
    let o = &doc.imprint;
    let mut rows: Vec<(&str, String)> = vec![
        ("発行日", doc.latest().date.format_month(site.config.dates)),
        ("発行", o.org.clone()),
        ("", o.address.clone()),
        (
            "",
            if o.phone.is_empty() {
                String::new()
            } else {
                format!("電話　{}", o.phone)
            },
        ),
    ];
    if let Some(e) = &o.editor {
        rows.push(("編集", e.clone()));
    }
    let x = MEASURE * 0.45;
    let lw = em(4.0);
    let mut draws = Vec::new();
    let mut y = 6.0;
    for (label, value) in rows.into_iter().filter(|r| !r.1.is_empty()) {
        let node = ctx.leaf(Role::P);
        let row_start = draws.len();
        let f = Flow {
            leading: 1.6,
            ..Flow::body(x + lw, MEASURE - x - lw)
        };
        let lines = blocks::plain(
            ctx,
            &value,
            &Style::new(FontKind::Mincho, BODY),
            &f,
            Align::Left,
        );
        let base = lines
            .first()
            .and_then(|b| b.draws.first())
            .map(|d| match d {
                Draw::Text { y, .. } => *y,
                _ => 0.0,
            });
        if !label.is_empty() {
            draws.push(text(
                x,
                y + base.unwrap_or(BODY),
                FontKind::Gothic,
                BODY,
                Rgb::BLACK,
                label,
            ));
        }
        for b in lines {
            for mut d in b.draws {
                d.translate(0.0, y);
                draws.push(d);
            }
            y += b.height;
        }
        roles::stamp(&mut draws[row_start..], node);
    }
    y += 6.0;
    draws.push(Draw::Line {
        points: vec![(x, 0.0), (MEASURE, 0.0)],
        width: 0.6,
        color: Rgb::BLACK,
        dashed: false,
    });
    draws.push(Draw::Line {
        points: vec![(x, y), (MEASURE, y)],
        width: 0.6,
        color: Rgb::BLACK,
        dashed: false,
    });
    let mut bx = VBox::new(y, draws);
    bx.space_before = 36.0;
    // The closing block: no figure floats past it.
    bx.section_start = true;
    out.push(bx);
}

/// The running header and footer of one page.
fn furniture(ctx: &Ctx, site: &Site, doc: Option<&Document>, cover: bool, out: &mut Vec<Draw>) {
    // A landscape page (a wide figure's) says so among its draws; the
    // header and footer span its width and sit at its foot.
    let (page_w, page_h) = page_size(out);
    let right = page_w - MARGIN_X;
    let small = 7.5;
    if !cover {
        let title = doc.map(|d| d.title.as_str()).unwrap_or(&site.config.title);
        out.push(spaced_text(
            MARGIN_X,
            46.0,
            FontKind::Gothic,
            8.0,
            Rgb::GREY,
            title,
        ));
        if let Some(d) = doc {
            let l = d.classification.label();
            out.push(text(
                right - ctx.width(FontKind::Gothic, 8.0, l),
                46.0,
                FontKind::Gothic,
                8.0,
                Rgb::GREY,
                l,
            ));
        }
        out.push(Draw::Line {
            points: vec![(MARGIN_X, 51.0), (right, 51.0)],
            width: 0.4,
            color: Rgb::GREY,
            dashed: false,
        });
    }
    let fy = page_h - FOOT;
    out.push(Draw::Line {
        points: vec![(MARGIN_X, fy), (right, fy)],
        width: 0.4,
        color: Rgb::GREY,
        dashed: false,
    });
    // Folios are set once a PDF's pages are final: 「n」 alone
    // (`Laid::finish_single`), 「n / N」 in the binder.
    let left = match doc {
        // A sample's revision is a placeholder: its date, but no approval.
        Some(d) if d.sample => {
            let r = d.latest();
            format!(
                "{}（{}）　{}　{}",
                r.version,
                site.format_date(r.date),
                d.state_label(),
                d.short_fingerprint()
            )
        }
        Some(d) => {
            let r = d.latest();
            format!(
                "{}　承認日 {}　{}",
                r.version,
                site.format_date(r.date),
                d.short_fingerprint()
            )
        }
        None => format!("作成日 {}", site.format_date(site.build_date)),
    };
    // Not spaced like the header: the gaps would lengthen a sample's long
    // footer until text extraction reads its fingerprint and the folio as
    // one line.
    out.push(text(
        MARGIN_X,
        fy + 16.0,
        FontKind::Gothic,
        small,
        Rgb::GREY,
        &left,
    ));
    let mut marks: Vec<(String, Rgb)> = vec![(site.edition.label().to_string(), Rgb::GREY)];
    if let Some(d) = doc {
        if !d.approved() {
            marks.push(("未承認".to_string(), Rgb::RED));
        }
        if d.sample {
            marks.push(("サンプル".to_string(), Rgb::RED));
        }
    }
    let mut x = right;
    for (m, color) in marks.iter().rev() {
        let w = ctx.width(FontKind::Gothic, small, m);
        x -= w;
        out.push(text(x, fy + 16.0, FontKind::Gothic, small, *color, m));
        x -= small;
    }
}

/// Height of the footer's rule from the page foot.
const FOOT: f32 = 52.0;

/// A4 portrait, the size of every page without a [`Draw::PageSize`].
pub const A4: (f32, f32) = (PAGE_W, PAGE_H);

/// The size of the page drawn by `draws`: A4 portrait unless a
/// [`Draw::PageSize`] says otherwise (a wide figure's landscape page, the
/// 新旧対照表's table). The writer sizes each page by the same rule.
pub fn page_size(draws: &[Draw]) -> (f32, f32) {
    draws
        .iter()
        .find_map(|d| match d {
            Draw::PageSize { w, h } => Some((*w, *h)),
            _ => None,
        })
        .unwrap_or(A4)
}

/// The page number centred in the footer of the page drawn by `draws`:
/// 「12」, or 「12 / 180」 with the total (the binder, where a reader must
/// know a page is missing).
pub fn folio(fonts: &Fonts, page: usize, total: Option<usize>, draws: &[Draw]) -> Draw {
    let (page_w, page_h) = page_size(draws);
    let num = match total {
        Some(t) => format!("{page} / {t}"),
        None => page.to_string(),
    };
    let nw = fonts.gothic.width(&num) * 9.0;
    text(
        (page_w - nw) / 2.0,
        page_h - FOOT + 16.0,
        FontKind::Gothic,
        9.0,
        Rgb::BLACK,
        &num,
    )
}

/// What a blank verso of the binder prints (so a reader knows nothing is
/// missing); every document and the master contents start on an odd page.
pub const BLANK: &str = "（白紙）";

/// A blank verso of the binder: 「（白紙）」 in the middle and the binder's
/// footer (a loose sheet still names its edition); its page number is added
/// with every other page's.
pub fn blank_page(fonts: &Fonts, site: &Site) -> Vec<Draw> {
    let none = BTreeMap::new();
    let ctx = Ctx::new(fonts, site, "", Mode::Binder, &none);
    let w = ctx.width(FontKind::Mincho, 12.0, BLANK);
    let mut out = vec![text(
        (PAGE_W - w) / 2.0,
        PAGE_H / 2.0,
        FontKind::Mincho,
        12.0,
        Rgb::GREY,
        BLANK,
    )];
    furniture(&ctx, site, None, true, &mut out);
    out
}

/// Sets every contents line's page number ([`Draw::PageNumber`]): from the
/// PDF's own anchors when the entry points into it, else from `other` (the
/// binder's front matter listing the documents reads the previous pass).
fn number_pages(fonts: &Fonts, laid: &mut Laid, other: &dyn Fn(&str) -> Option<usize>) {
    for page in &mut laid.pages {
        if !page.iter().any(|d| matches!(d, Draw::PageNumber { .. })) {
            continue;
        }
        let draws = std::mem::take(page);
        for d in draws {
            let Draw::PageNumber {
                key,
                end,
                right,
                y,
                size,
                tag,
            } = d
            else {
                page.push(d);
                continue;
            };
            let number = laid
                .anchors
                .get(&key)
                .map(|a| a.0)
                .or_else(|| other(&key))
                .map_or_else(|| "0".to_string(), |p| p.to_string());
            let nx = right - fonts.mincho.width(&number) * size;
            if nx - end > 10.0 {
                page.push(Draw::Line {
                    points: vec![(end + 4.0, y - 1.5), (nx - 4.0, y - 1.5)],
                    width: 0.8,
                    color: Rgb::GREY,
                    dashed: true,
                });
            }
            let mut t = text(nx, y, FontKind::Mincho, size, Rgb::BLACK, &number);
            if let Some(slot) = roles::tag_mut(&mut t) {
                *slot = tag;
            }
            page.push(t);
        }
    }
}

fn collect_anchors(laid: &mut Laid, offset: usize) {
    for (i, page) in laid.pages.iter().enumerate() {
        for d in page {
            if let Draw::Anchor { key, y } = d {
                laid.anchors
                    .entry(key.clone())
                    .or_insert((offset + i + 1, *y));
            }
        }
    }
}

fn place_pages(
    ctx: &Ctx,
    site: &Site,
    doc: Option<&Document>,
    pages: Vec<Vec<Draw>>,
    laid: &mut Laid,
) {
    for mut p in pages {
        for d in &mut p {
            d.translate(MARGIN_X, TOP);
        }
        furniture(ctx, site, doc, false, &mut p);
        laid.pages.push(p);
    }
}

/// Lays out one document; its first page is page `offset + 1` of the PDF.
pub fn layout_document(
    fonts: &Fonts,
    site: &Site,
    doc: &Document,
    mode: Mode,
    pages: &BTreeMap<String, usize>,
    offset: usize,
) -> Laid {
    let ctx = Ctx::new(fonts, site, &doc.id, mode, pages);
    let mut laid = Laid::default();
    let mut cover_page = cover(&ctx, site, doc);
    furniture(&ctx, site, Some(doc), true, &mut cover_page);
    laid.pages.push(cover_page);

    let mut boxes = Vec::new();
    revision_table(&ctx, site, doc, &mut boxes);
    let split = doc
        .body
        .iter()
        .position(|b| matches!(b, Block::Heading(_)))
        .unwrap_or(doc.body.len());
    let (opening, rest) = if doc.kind == Kind::Plan {
        doc.body.split_at(split)
    } else {
        (&doc.body[..0], &doc.body[..])
    };
    if !opening.is_empty() {
        let f = Flow {
            body: false,
            ..Flow::body(0.0, MEASURE)
        };
        let start = boxes.len();
        blocks::blocks(&ctx, opening, &f, &mut boxes);
        if let Some(b) = boxes.get_mut(start) {
            b.space_before = 28.0;
        }
    }
    let contents_start = contents(&ctx, doc, &mut boxes);
    let body_start = boxes.len();
    let mut f = Flow {
        x: 0.0,
        ..body_flow(1)
    };
    if !doc.headings().any(|_| true) {
        f = Flow::body(0.0, MEASURE);
    }
    for b in rest {
        match b {
            Block::Heading(h) => {
                heading(&ctx, doc, h, &mut boxes);
                laid.outline.push(OutlineEntry {
                    level: h.level,
                    title: heading_label(h).replace('　', " "),
                    key: anchor_key(&doc.id, Some(&h.anchor)),
                });
                f = body_flow(h.level);
            }
            other => blocks::block(&ctx, other, &f, &mut boxes),
        }
    }
    // After a table of contents the body starts a page; a short document
    // without headings continues below its revision table, a space apart.
    match boxes.get_mut(body_start) {
        Some(b) if contents_start.is_some() => b.page_break_before = true,
        Some(b) if body_start > 0 => b.space_before = b.space_before.max(14.0),
        _ => {}
    }
    // A short document puts its contents on the cover's back with the
    // revision table, instead of a page of its own.
    if let Some(c) = contents_start.filter(|_| short(&boxes[body_start..])) {
        boxes[c].page_break_before = false;
        boxes[c].space_before = 24.0;
    }
    if doc.kind == Kind::Plan {
        publication(&ctx, site, doc, &mut boxes);
    }
    let pages_out = paginate(boxes, AREA_H);
    place_pages(&ctx, site, Some(doc), pages_out, &mut laid);
    collect_anchors(&mut laid, offset);
    laid.same_in_binder =
        mode == Mode::Single && !ctx.other_docs.get() && ctx.lookups.borrow().is_empty();
    laid.missing = ctx.missing.into_inner();
    laid.lookups = ctx.lookups.into_inner();
    laid.tree = ctx.tree.into_inner();
    laid
}

/// Pages of content up to which a document is short: its revision table and
/// contents share the cover's back.
const SHORT_PAGES: usize = 4;

/// Whether `body` (starting a page) fills at most [`SHORT_PAGES`] pages.
/// Only a body that could be that short is paginated to find out.
fn short(body: &[VBox]) -> bool {
    let rough: f32 = body.iter().map(|b| b.height + b.space_before).sum();
    rough <= (SHORT_PAGES + 1) as f32 * AREA_H
        && paginate(body.to_vec(), AREA_H).len() <= SHORT_PAGES
}

/// The binder's cover and master contents (pages 1 …).
pub fn layout_binder_front(fonts: &Fonts, site: &Site, pages: &BTreeMap<String, usize>) -> Laid {
    let ctx = Ctx::new(fonts, site, "", Mode::Binder, pages);
    let mut laid = Laid::default();
    let mut c = vec![Draw::Anchor {
        key: "_binder".to_string(),
        y: 0.0,
    }];
    // The binder is as restricted as the most restricted document it holds.
    if let Some(top) = site.documents.iter().map(|d| d.classification).max() {
        classification_box(&ctx, top.label(), &mut c);
    }
    let mut y = 220.0;
    y = cover_lines(&ctx, &site.config.title, FontKind::Gothic, 24.0, y, &mut c) + 20.0;
    y = cover_lines(
        &ctx,
        &format!("文書綴　{}", site.edition.label()),
        FontKind::Gothic,
        14.0,
        y,
        &mut c,
    ) + 10.0;
    cover_lines(
        &ctx,
        &format!("作成日　{}", site.format_date(site.build_date)),
        FontKind::Mincho,
        12.0,
        y,
        &mut c,
    );
    let o = &site.config.organization;
    let imprint = Imprint {
        org: o.name.clone(),
        department: o.department.clone(),
        address: o.address.clone(),
        phone: o.phone.clone(),
        editor: None,
    };
    org_block(&ctx, &imprint, &mut c);
    furniture(&ctx, site, None, true, &mut c);
    laid.pages.push(c);
    // The master contents starts on an odd page.
    laid.pages.push(blank_page(fonts, site));

    let mut boxes = Vec::new();
    front_heading(&ctx, "総目次", "_binder#_contents", &mut boxes);
    ctx.open(Role::Toc);
    type Group = (&'static str, fn(Kind) -> bool);
    let groups: [Group; 3] = [
        ("計画", |k| k == Kind::Plan),
        ("事象別対応マニュアル", |k| k == Kind::Manual),
        ("参照資料", |k| k.is_reference()),
    ];
    for (label, pred) in groups {
        let docs: Vec<&Document> = site.documents.iter().filter(|d| pred(d.kind)).collect();
        if docs.is_empty() {
            continue;
        }
        let st = Style::new(FontKind::Gothic, 11.0);
        let mut g = blocks::plain(
            &ctx,
            &format!("【{label}】"),
            &st,
            &Flow::body(0.0, MEASURE),
            Align::Left,
        );
        roles::stamp_boxes(&mut g, ctx.leaf(Role::TocEntry));
        if let Some(b) = g.first_mut() {
            b.space_before = 12.0;
        }
        for b in &mut g {
            b.keep_with_next = true;
        }
        boxes.extend(g);
        for d in docs {
            toc_entry(
                &ctx,
                &d.title,
                &d.id,
                TocStyle(em(1.0), FontKind::Gothic, BODY, 4.0),
                &mut boxes,
            );
            for h in d.headings().filter(|h| h.level == 1) {
                toc_entry(
                    &ctx,
                    &heading_label(h),
                    &anchor_key(&d.id, Some(&h.anchor)),
                    TocStyle(em(2.5), FontKind::Mincho, 9.5, 0.0),
                    &mut boxes,
                );
            }
        }
    }
    ctx.close();
    let pages_out = paginate(boxes, AREA_H);
    place_pages(&ctx, site, None, pages_out, &mut laid);
    collect_anchors(&mut laid, 0);
    number_pages(ctx.fonts, &mut laid, &|k| ctx.page_of(k));
    laid.missing = ctx.missing.into_inner();
    laid.lookups = ctx.lookups.into_inner();
    laid.tree = ctx.tree.into_inner();
    laid
}

/// A binder appendix that belongs to no document (the guidance audit):
/// `title` as a front-matter heading, then `body` in the body flow, level-1
/// headings as bold lines that stay with what follows. Its first page is
/// page `offset + 1`; anchors are keyed `_binder#<anchor>`.
pub fn layout_appendix(
    fonts: &Fonts,
    site: &Site,
    title: &str,
    body: &[Block],
    pages: &BTreeMap<String, usize>,
    offset: usize,
) -> Laid {
    let ctx = Ctx::new(fonts, site, "", Mode::Binder, pages);
    let mut laid = Laid::default();
    let mut boxes = Vec::new();
    front_heading(&ctx, title, "_binder#_appendix", &mut boxes);
    let f = Flow::body(0.0, MEASURE);
    for b in body {
        let start = boxes.len();
        blocks::block(&ctx, b, &f, &mut boxes);
        if let Block::Heading(h) = b {
            laid.outline.push(OutlineEntry {
                level: 1,
                title: heading_label(h),
                key: anchor_key("_binder", Some(&h.anchor)),
            });
            if let Some(first) = boxes.get_mut(start) {
                first.space_before = 14.0;
                first.draws.push(Draw::Anchor {
                    key: anchor_key("_binder", Some(&h.anchor)),
                    y: 0.0,
                });
            }
            for bx in &mut boxes[start..] {
                bx.keep_with_next = true;
            }
        }
    }
    let pages_out = paginate(boxes, AREA_H);
    place_pages(&ctx, site, None, pages_out, &mut laid);
    collect_anchors(&mut laid, offset);
    laid.missing = ctx.missing.into_inner();
    laid.lookups = ctx.lookups.into_inner();
    laid.tree = ctx.tree.into_inner();
    laid
}
