//! Tables: column widths from content, wrapped cells holding any blocks,
//! rowspan/colspan, a shaded header repeated after a page break, and rows
//! that the paginator may cut between text lines.

use std::sync::Arc;

use crate::model::{blocks_text, Block, Table};

use super::blocks::{self, Flow};
use super::boxes::{stack, CellFrame, Draw, FontKind, Rgb, VBox};
use super::roles::{self, Role};
use super::text::{self, Align, Run, Style};
use super::Ctx;

const PAD: f32 = 4.0;

/// One cell as the table layout takes it.
#[derive(Clone, Debug, Default)]
pub struct CellSpec {
    /// Its content.
    pub blocks: Vec<Block>,
    /// Rows it spans.
    pub rowspan: u32,
    /// Columns it spans.
    pub colspan: u32,
    /// Background fill.
    pub fill: Option<Rgb>,
    /// Alignment, if not the flow's.
    pub align: Option<Align>,
    /// Write-in lines drawn below the content (forms).
    pub write_lines: u32,
    /// Least height (form fields to write in).
    pub min_height: f32,
    /// A label (a form's field name): wraps at phrase boundaries like a
    /// header cell, on its own light fill.
    pub label: bool,
}

impl CellSpec {
    /// A cell holding `blocks`.
    pub fn new(blocks: Vec<Block>) -> CellSpec {
        CellSpec {
            blocks,
            rowspan: 1,
            colspan: 1,
            ..CellSpec::default()
        }
    }
    /// A cell holding one paragraph of plain text.
    pub fn text(s: &str) -> CellSpec {
        CellSpec::new(crate::model::Cell::text(s).blocks)
    }
}

/// A table as the layout takes it.
#[derive(Clone, Debug, Default)]
pub struct TableSpec {
    /// Its caption.
    pub caption: Option<String>,
    /// Header rows, repeated on every page.
    pub header: Vec<Vec<CellSpec>>,
    /// Body rows.
    pub rows: Vec<Vec<CellSpec>>,
    /// Column widths as fractions; None: from the content.
    pub widths: Option<Vec<f32>>,
}

/// Lays out a table of the model.
pub fn model_table(ctx: &Ctx, t: &Table, f: &Flow, out: &mut Vec<VBox>) {
    let conv = |rows: &[crate::model::Row]| -> Vec<Vec<CellSpec>> {
        rows.iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| CellSpec {
                        rowspan: c.rowspan.max(1),
                        colspan: c.colspan.max(1),
                        ..CellSpec::new(c.blocks.clone())
                    })
                    .collect()
            })
            .collect()
    };
    let spec = TableSpec {
        caption: t.caption.clone(),
        header: conv(&t.header),
        rows: conv(&t.rows),
        widths: t.widths.clone(),
    };
    table(ctx, &spec, f, out);
}

struct Placed<'s> {
    row: usize,
    col: usize,
    rs: usize,
    cs: usize,
    cell: &'s CellSpec,
    header: bool,
}

fn place<'s>(
    rows: &'s [Vec<CellSpec>],
    header: bool,
    base: usize,
    out: &mut Vec<Placed<'s>>,
) -> usize {
    let n = rows.len();
    let mut occupied: Vec<Vec<bool>> = vec![Vec::new(); n];
    let mut ncols = 0;
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while occupied[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            let rs = (cell.rowspan.max(1) as usize).min(n - r);
            let cs = cell.colspan.max(1) as usize;
            for occ in occupied.iter_mut().skip(r).take(rs) {
                if occ.len() < c + cs {
                    occ.resize(c + cs, false);
                }
                for o in occ.iter_mut().skip(c).take(cs) {
                    *o = true;
                }
            }
            out.push(Placed {
                row: base + r,
                col: c,
                rs,
                cs,
                cell,
                header,
            });
            c += cs;
            ncols = ncols.max(c);
        }
    }
    ncols.max(occupied.iter().map(Vec::len).max().unwrap_or(0))
}

/// Column widths whose text measure (inside the padding) is a whole number
/// of table ems where the total allows, so that a Japanese line fills its
/// cell without letter-spacing: each column is rounded down, the whole ems
/// left over go to the columns that lost most, and the last fraction of an
/// em to the widest column (where it spreads least).
fn whole_ems(w: Vec<f32>, total: f32) -> Vec<f32> {
    let em = blocks::TABLE;
    let mut out: Vec<f32> = w
        .iter()
        .map(|x| ((x - 2.0 * PAD) / em + 0.01).floor().max(1.0) * em + 2.0 * PAD)
        .collect();
    let mut left = total - out.iter().sum::<f32>();
    if left < -0.01 {
        return w;
    }
    while left >= em - 0.01 {
        let Some(i) = (0..w.len()).max_by(|&a, &b| (w[a] - out[a]).total_cmp(&(w[b] - out[b])))
        else {
            break;
        };
        out[i] += em;
        left -= em;
    }
    if let Some(i) = (0..out.len()).max_by(|&a, &b| out[a].total_cmp(&out[b])) {
        out[i] += left;
    }
    out
}

fn column_widths(
    ctx: &Ctx,
    placed: &[Placed],
    ncols: usize,
    spec: &TableSpec,
    total: f32,
) -> Vec<f32> {
    whole_ems(natural_widths(ctx, placed, ncols, spec, total), total)
}

fn natural_widths(
    ctx: &Ctx,
    placed: &[Placed],
    ncols: usize,
    spec: &TableSpec,
    total: f32,
) -> Vec<f32> {
    if let Some(w) = spec
        .widths
        .as_ref()
        .filter(|w| w.len() == ncols && w.iter().all(|x| *x > 0.0))
    {
        let sum: f32 = w.iter().sum();
        return w.iter().map(|x| x / sum * total).collect();
    }
    let mut min = vec![blocks::TABLE * 2.0 + 2.0 * PAD; ncols];
    let mut max = min.clone();
    for p in placed.iter().filter(|p| p.cs == 1) {
        let text = blocks_text(&p.cell.blocks);
        let rs = [Run {
            text: text.trim_end().to_string(),
            style: Style::new(FontKind::Gothic, blocks::TABLE),
        }];
        let (lo, hi) = text::content_widths(ctx, &rs);
        let extra = 2.0 * PAD
            + if has_list(&p.cell.blocks) {
                blocks::TABLE * 1.5
            } else {
                0.0
            };
        min[p.col] = min[p.col].max((lo + extra).min(total * 0.4));
        max[p.col] = max[p.col].max(hi + extra);
    }
    let smax: f32 = max.iter().sum();
    if smax <= total {
        return max.iter().map(|m| m / smax * total).collect();
    }
    let smin: f32 = min.iter().sum();
    if smin >= total {
        return min.iter().map(|m| m / smin * total).collect();
    }
    // Water filling: short columns get their whole natural width, the long
    // ones share what is left evenly.
    let mut w = min.clone();
    let mut left = total - smin;
    let mut open: Vec<usize> = (0..ncols).filter(|&i| max[i] > w[i]).collect();
    while !open.is_empty() && left > 0.01 {
        let share = left / open.len() as f32;
        let (done, rest): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&i| max[i] - w[i] <= share);
        if done.is_empty() {
            for &i in &rest {
                w[i] += share;
            }
            left = 0.0;
            break;
        }
        for &i in &done {
            left -= max[i] - w[i];
            w[i] = max[i];
        }
        open = rest;
    }
    if left > 0.01 {
        let sum: f32 = w.iter().sum();
        return w.iter().map(|x| x / sum * total).collect();
    }
    w
}

fn has_list(bs: &[Block]) -> bool {
    bs.iter().any(|b| matches!(b, Block::List(_)))
}

/// Lays out a table: rows that may break across pages, header repeated.
pub fn table(ctx: &Ctx, spec: &TableSpec, f: &Flow, out: &mut Vec<VBox>) {
    let mut placed = Vec::new();
    let hc = place(&spec.header, true, 0, &mut placed);
    let bc = place(&spec.rows, false, spec.header.len(), &mut placed);
    let ncols = hc.max(bc);
    if ncols == 0 {
        return;
    }
    let nrows = spec.header.len() + spec.rows.len();
    let widths = column_widths(ctx, &placed, ncols, spec, f.width);
    let mut xs = vec![0.0];
    for w in &widths {
        xs.push(xs.last().unwrap() + w);
    }

    // Lay out every cell's content.
    let line_h = blocks::TABLE * 1.5 + 2.0 * PAD;
    let mut contents: Vec<(Vec<Draw>, f32)> = Vec::new();
    ctx.open(Role::Table);
    let caption = spec.caption.as_ref().map(|_| ctx.leaf(Role::Caption));
    let mut row = None;
    for p in &placed {
        // `placed` runs row by row, header rows first.
        if row != Some(p.row) {
            if row.is_some() {
                ctx.close();
            }
            ctx.open(Role::Row);
            row = Some(p.row);
        }
        let cell = ctx.open(if p.header {
            Role::HeaderCell
        } else {
            Role::Cell
        });
        ctx.set_spans(cell, p.rs as u32, p.cs as u32);
        let w = xs[p.col + p.cs] - xs[p.col];
        let align = p.cell.align.unwrap_or(if p.header {
            Align::Center
        } else {
            Align::Justify
        });
        let cf = Flow {
            align,
            ..Flow::cell(w - 2.0 * PAD)
        };
        let mut bx = Vec::new();
        if p.header || p.cell.label {
            // Labels wrap at phrase boundaries, never inside a word.
            let st = Style {
                phrase: true,
                ..Style::new(FontKind::Gothic, blocks::TABLE)
            };
            for b in &p.cell.blocks {
                match b {
                    Block::Paragraph(inl) => {
                        let mut rs = Vec::new();
                        blocks::runs(ctx, inl, &st, &mut rs);
                        bx.extend(blocks::para(ctx, &rs, &cf, 0.0, 0.0, align));
                    }
                    other => blocks::block(ctx, other, &cf, &mut bx),
                }
            }
        } else {
            blocks::blocks(ctx, &p.cell.blocks, &cf, &mut bx);
        }
        ctx.close();
        let mut draws = Vec::new();
        let mut h = stack(&bx, PAD, PAD, &mut draws);
        roles::stamp(&mut draws, cell);
        for i in 0..p.cell.write_lines {
            let y = PAD + h + 20.0 * (i + 1) as f32;
            draws.push(Draw::Line {
                points: vec![(PAD, y), (w - PAD, y)],
                width: 0.4,
                color: Rgb::GREY,
                dashed: true,
            });
        }
        h += 20.0 * p.cell.write_lines as f32 + if p.cell.write_lines > 0 { 4.0 } else { 0.0 };
        contents.push((draws, (h + 2.0 * PAD).max(p.cell.min_height)));
    }
    if row.is_some() {
        ctx.close();
    }
    ctx.close();

    // Row heights: single-row cells first, then spans stretch their last row.
    let mut heights = vec![line_h; nrows];
    for (p, (_, h)) in placed.iter().zip(&contents) {
        if p.rs == 1 {
            heights[p.row] = heights[p.row].max(*h);
        }
    }
    for (p, (_, h)) in placed.iter().zip(&contents) {
        if p.rs > 1 {
            let have: f32 = heights[p.row..p.row + p.rs].iter().sum();
            if *h > have {
                heights[p.row + p.rs - 1] += h - have;
            }
        }
    }

    // Rows joined by a rowspan stay one unit.
    let mut group_end: Vec<usize> = (0..nrows).collect();
    for p in &placed {
        for g in &mut group_end[p.row..p.row + p.rs] {
            *g = (*g).max(p.row + p.rs - 1);
        }
    }
    let mut units: Vec<(usize, usize)> = Vec::new();
    let mut r = 0;
    while r < nrows {
        let mut end = group_end[r];
        let mut k = r;
        while k <= end {
            end = end.max(group_end[k]);
            k += 1;
        }
        units.push((r, end));
        r = end + 1;
    }

    let mut header_boxes = Vec::new();
    let mut body_boxes = Vec::new();
    for (start, end) in units {
        let top: f32 = heights[..start].iter().sum();
        let height: f32 = heights[start..=end].iter().sum();
        let mut bx = VBox::new(height, Vec::new());
        let mut is_header = false;
        for (p, (draws, _)) in placed.iter().zip(&contents) {
            if p.row < start || p.row > end {
                continue;
            }
            is_header |= p.header;
            let x = f.x + xs[p.col];
            let y: f32 = heights[..p.row].iter().sum::<f32>() - top;
            let w = xs[p.col + p.cs] - xs[p.col];
            let h: f32 = heights[p.row..p.row + p.rs].iter().sum();
            let fill = p
                .cell
                .fill
                .or(if p.header { Some(Rgb::SHADE) } else { None });
            bx.frames.push(CellFrame { x, y, w, h, fill });
            for d in draws {
                let mut d = d.clone();
                d.translate(x, y);
                bx.draws.push(d);
            }
        }
        if is_header {
            bx.keep_with_next = true;
            header_boxes.push(bx);
        } else {
            body_boxes.push(bx);
        }
    }

    if let Some(c) = &spec.caption {
        let st = Style::new(FontKind::Gothic, blocks::TABLE);
        let mut cap = blocks::plain(ctx, c, &st, f, Align::Center);
        if let Some(t) = caption {
            roles::stamp_boxes(&mut cap, t);
        }
        if let Some(first) = cap.first_mut() {
            first.space_before = 8.0;
        }
        for b in &mut cap {
            b.keep_with_next = true;
        }
        out.extend(cap);
    }
    let shared = Arc::new(header_boxes.clone());
    let first_space = if spec.caption.is_some() { 2.0 } else { 8.0 };
    let mut all: Vec<VBox> = header_boxes;
    for mut b in body_boxes {
        if !shared.is_empty() {
            b.header = Some(shared.clone());
        }
        all.push(b);
    }
    if let Some(first) = all.first_mut() {
        first.space_before = first_space;
    }
    let last = all.len().saturating_sub(1);
    super::keep::last_not_alone(&mut all, last);
    out.extend(all);
}
