//! The 新旧対照表 as a PDF: the 起案 sheet on an A4 portrait first page
//! (`sheet`), then the table on A4 landscape pages, set with the plan's own
//! Japanese typesetter (`render::pdf::layout`: line breaking, kinsoku,
//! paginating rows between text lines, the header row repeated on each page).
//! Tagged like every PDF of the build (PDF/A-2a): the sheet's title is H1,
//! its fields and route tables, the comparison a Table of TR/TH/TD with each
//! cell's whole text in its TD; frames, rules and repeated headers are
//! artifacts.

use crate::diag::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::align::Cell;
use super::Table;
use crate::model::{CompareColumn, Date};
use crate::render::pdf::layout::boxes::{CellFrame, Draw, FontKind, Rgb, VBox};
use crate::render::pdf::layout::document::A4;
use crate::render::pdf::layout::paginate::paginate;
use crate::render::pdf::layout::roles::{self, Role};
use crate::render::pdf::layout::text::{self, Align, ParaOpts, Run, Style};
use crate::render::pdf::layout::{Ctx, Mode};
use crate::render::pdf::writer::{self, Meta, PdfFonts};
use crate::theme::Theme;

/// A4 landscape, in points.
pub const LANDSCAPE: (f32, f32) = (A4.1, A4.0);
const MARGIN_X: f32 = 40.0;
const TOP: f32 = 48.0;
const BOTTOM: f32 = 44.0;
/// The table's text size.
pub const SIZE: f32 = 9.5;
const PAD: f32 = 4.0;
const NOTE_W: f32 = 52.0;

/// Lines of `runs` stacked in a column `width` wide: draws and height.
pub fn para(ctx: &Ctx, runs: &[Run], width: f32, align: Align) -> (Vec<Draw>, f32) {
    let opts = ParaOpts {
        width,
        first_indent: 0.0,
        hang: 0.0,
        leading: 1.55,
        align,
    };
    let mut draws = Vec::new();
    let mut y = 0.0;
    for b in text::lines(ctx, runs, &opts) {
        for mut d in b.draws {
            d.translate(0.0, y);
            draws.push(d);
        }
        y += b.height;
    }
    (draws, y)
}

/// Draws that are one structure node of `role`, a leaf under the open node.
pub fn tagged(ctx: &Ctx, role: Role, mut draws: Vec<Draw>) -> Vec<Draw> {
    let t = ctx.leaf(role);
    roles::stamp(&mut draws, t);
    draws
}

/// One run of plain text.
pub fn run(s: &str, font: FontKind, size: f32) -> Run {
    Run {
        text: s.to_string(),
        style: Style::new(font, size),
    }
}

fn cell_runs(cell: &Cell, font: FontKind) -> Vec<Run> {
    match cell {
        Cell::Text(m) => m
            .iter()
            .map(|s| Run {
                text: s.text.clone(),
                style: Style {
                    underline: s.changed,
                    ..Style::new(font, SIZE)
                },
            })
            .collect(),
        other => vec![Run {
            text: other.placeholder().unwrap_or("").to_string(),
            style: Style {
                color: Rgb::GREY,
                ..Style::new(font, SIZE)
            },
        }],
    }
}

/// A row of three cells as one box the paginator may cut between lines;
/// `cell`: the role of its cells (a TR of them), None for an untagged copy
/// (the header repeated on later pages).
fn row_box(
    ctx: &Ctx,
    cells: [(Vec<Run>, Align); 3],
    widths: [f32; 3],
    fill: Option<Rgb>,
    cell: Option<Role>,
) -> VBox {
    let mut draws = Vec::new();
    let mut x = 0.0;
    let mut h: f32 = 0.0;
    let mut xs = Vec::new();
    if cell.is_some() {
        ctx.open(Role::Row);
    }
    for ((runs, align), w) in cells.iter().zip(widths) {
        let (mut d, dh) = para(ctx, runs, w - 2.0 * PAD, *align);
        for dd in &mut d {
            dd.translate(x + PAD, PAD);
        }
        if let Some(role) = cell {
            d = tagged(ctx, role, d);
        }
        draws.extend(d);
        h = h.max(dh);
        xs.push(x);
        x += w;
    }
    if cell.is_some() {
        ctx.close();
    }
    let height = h + 2.0 * PAD;
    let frames = xs
        .iter()
        .zip(widths)
        .map(|(&x, w)| CellFrame {
            x,
            y: 0.0,
            w,
            h: height,
            fill,
        })
        .collect();
    VBox {
        height,
        draws,
        frames,
        ..VBox::default()
    }
}

fn widths(columns: [CompareColumn; 3], total: f32) -> [f32; 3] {
    let text = (total - NOTE_W) / 2.0;
    columns.map(|c| {
        if c == CompareColumn::Note {
            NOTE_W
        } else {
            text
        }
    })
}

fn table_boxes(ctx: &Ctx, t: &Table, width: f32) -> Vec<VBox> {
    let columns = t.new.site.config.compare.columns;
    let w = widths(columns, width);
    let head = || columns.map(|c| (vec![run(c.label(), FontKind::Gothic, SIZE)], Align::Center));
    // Read once where the table begins; the copies on later pages are artifacts.
    let header = Arc::new(vec![row_box(ctx, head(), w, Some(Rgb::SHADE), None)]);
    let mut out = Vec::new();
    // The title block above the table: what is compared with what.
    let doc = t.new.document();
    for (i, line) in [
        format!("{}　新旧対照表", doc.title),
        format!("改定後　{}", t.describe(t.new)),
        format!("改定前　{}", t.describe(t.old)),
    ]
    .iter()
    .enumerate()
    {
        let (font, size) = if i == 0 {
            (FontKind::Gothic, 13.0)
        } else {
            (FontKind::Mincho, 9.0)
        };
        let (draws, h) = para(ctx, &[run(line, font, size)], width, Align::Left);
        let role = if i == 0 { Role::H(1) } else { Role::P };
        let mut b = VBox::new(h, tagged(ctx, role, draws));
        b.keep_with_next = true;
        b.space_before = if i == 1 { 4.0 } else { 0.0 };
        out.push(b);
    }
    ctx.open(Role::Table);
    let mut first = vec![row_box(
        ctx,
        head(),
        w,
        Some(Rgb::SHADE),
        Some(Role::HeaderCell),
    )];
    first[0].space_before = 6.0;
    first[0].keep_with_next = true;
    out.extend(first);
    for row in t.rows {
        let font = if row.heading {
            FontKind::Gothic
        } else {
            FontKind::Mincho
        };
        let cells = columns.map(|c| match c {
            CompareColumn::New => (cell_runs(&row.new, font), Align::Left),
            CompareColumn::Old => (cell_runs(&row.old, font), Align::Left),
            CompareColumn::Note => (
                vec![run(
                    row.note.map_or("", |n| n.label()),
                    FontKind::Gothic,
                    SIZE,
                )],
                Align::Center,
            ),
        });
        let mut b = row_box(ctx, cells, w, None, Some(Role::Cell));
        b.header = Some(header.clone());
        out.push(b);
    }
    ctx.close();
    let (draws, h) = para(
        ctx,
        &[run(
            "（注）傍線の部分は改定部分である。",
            FontKind::Mincho,
            9.0,
        )],
        width,
        Align::Left,
    );
    let mut note = VBox::new(h, tagged(ctx, Role::P, draws));
    note.space_before = 4.0;
    out.push(note);
    out
}

/// Page number and title at the foot of a landscape page.
fn footer(ctx: &Ctx, t: &Table, n: usize, of: usize) -> Vec<Draw> {
    let (w, h) = LANDSCAPE;
    let line = format!("{}　新旧対照表　{n} / {of}", t.new.document().title);
    let (mut d, _) = para(
        ctx,
        &[run(&line, FontKind::Gothic, 8.0)],
        w - 2.0 * MARGIN_X,
        Align::Center,
    );
    for x in &mut d {
        x.translate(MARGIN_X, h - BOTTOM + 14.0);
    }
    d
}

/// The whole PDF.
pub fn render(t: &Table, theme: &Theme, today: Date) -> Result<Vec<u8>, Diagnostic> {
    let (fonts, m, g) = crate::render::pdf::theme_fonts(theme)?;
    let no_pages = BTreeMap::new();
    let site = &t.new.site;
    let ctx = Ctx::new(&fonts, site, &t.new.document().id, Mode::Single, &no_pages);
    let sheet = super::sheet::page(&ctx, t, today);
    let width = LANDSCAPE.0 - 2.0 * MARGIN_X;
    let table = paginate(table_boxes(&ctx, t, width), LANDSCAPE.1 - TOP - BOTTOM);
    let of = table.len();
    let mut pages = vec![sheet];
    for (i, mut draws) in table.into_iter().enumerate() {
        for d in &mut draws {
            d.translate(MARGIN_X, TOP);
        }
        draws.extend(footer(&ctx, t, i + 1, of));
        draws.push(Draw::PageSize {
            w: LANDSCAPE.0,
            h: LANDSCAPE.1,
        });
        pages.push(draws);
    }
    let missing = ctx.missing.borrow().clone();
    if let Some(c) = missing.iter().next() {
        return Err(Diagnostic::failure(crate::render::pdf::missing_message(*c)));
    }
    let (mut mincho, mut gothic) = (BTreeSet::new(), BTreeSet::new());
    writer::used_chars(&pages, &mut mincho, &mut gothic);
    let pdf_fonts = PdfFonts::parse(m, g)?.reduced(&mincho, &gothic)?;
    let doc = t.new.document();
    let meta = Meta {
        title: t.subject(),
        author: site.config.organization.name.clone(),
        date_unix: today.unix_seconds(),
        id_seed: format!(
            "compare|{}|{}|{}|{}",
            doc.id,
            t.old.fingerprint,
            t.new.fingerprint,
            today.iso()
        ),
    };
    let tree = ctx.tree.take();
    writer::write(
        &pdf_fonts,
        pages,
        &tree,
        &BTreeMap::new(),
        &[],
        &meta,
        &BTreeMap::new(),
    )
}
