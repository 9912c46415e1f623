//! Structure charts (体制図): a box per unit with its holder on a smaller
//! second line, tree lines from each unit down to the units reporting to it.
//! Several tops stand side by side. Three or more leaf units under one
//! parent hang in a column, which keeps the chart narrow enough for a phone.

use super::drawing::{Anchor, Drawing, Shape};
use super::finish::finish;
use super::style;
use super::text::{push_lines, wrap_balanced as wrap};
use crate::font::FontMetrics;
use crate::model::OrgChart;

/// Box widths tried, narrowest first, until every label takes at most two
/// phrase-broken lines with no katakana word broken (and the chart still
/// fits `MAX_W`).
const BOX_WS: [f32; 4] = [100.0, 120.0, 132.0, 140.0];
/// The widest a chart may grow by widening its boxes: the PDF may scale it
/// to its measure (440 pt in a section) and keep its smallest text, 8.5 pt,
/// above 7 pt.
const MAX_W: f32 = 520.0;
const PAD: f32 = 6.0;
const H_GAP: f32 = 14.0;
const V_GAP: f32 = 22.0;
/// Indent of a hanging column of leaf units.
const INDENT: f32 = 16.0;
const STACK_GAP: f32 = 8.0;

struct Unit {
    label: Vec<String>,
    holder: Vec<String>,
    h: f32,
    children: Vec<usize>,
    depth: usize,
}

struct Chart {
    units: Vec<Unit>,
    /// Width of every box.
    bw: f32,
}

impl Chart {
    fn stacked(&self, v: usize) -> bool {
        let c = &self.units[v].children;
        c.len() >= 3 && c.iter().all(|k| self.units[*k].children.is_empty())
    }

    fn width(&self, v: usize) -> f32 {
        let c = &self.units[v].children;
        if c.is_empty() {
            self.bw
        } else if self.stacked(v) {
            INDENT + self.bw
        } else {
            let sum: f32 =
                c.iter().map(|k| self.width(*k)).sum::<f32>() + H_GAP * (c.len() - 1) as f32;
            sum.max(self.bw)
        }
    }
}

/// Lays out an organisation chart: units as boxes, reporting lines as edges.
pub fn layout(chart: &OrgChart, m: &FontMetrics) -> Drawing {
    let mut best = build(chart, m, BOX_WS[0]);
    for bw in &BOX_WS[1..] {
        if best
            .units
            .iter()
            .all(|u| u.label.len() <= 2 && !breaks_katakana(&u.label))
        {
            break;
        }
        let wider = build(chart, m, *bw);
        if tops_width(&wider, chart) > MAX_W {
            break;
        }
        best = wider;
    }
    draw(chart, best, m)
}

/// Whether a line ends and the next begins inside one katakana word (the
/// wrapper does so only when the word is wider than the box).
fn breaks_katakana(lines: &[String]) -> bool {
    let kana = |c: Option<char>| c.is_some_and(|c| matches!(c as u32, 0x30A1..=0x30FA | 0x30FC));
    lines
        .windows(2)
        .any(|w| kana(w[0].chars().last()) && kana(w[1].chars().next()))
}

/// Width of all the tops side by side.
fn tops_width(c: &Chart, chart: &OrgChart) -> f32 {
    let tops: Vec<usize> = parents(chart)
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(v, _)| v)
        .collect();
    tops.iter().map(|v| c.width(*v)).sum::<f32>()
        + H_GAP * 2.0 * tops.len().saturating_sub(1) as f32
}

/// Each unit's parent as drawn: a parent pointing into a cycle or out of
/// range is treated as a top (check() reports it); the chart still shows
/// every unit.
fn parents(chart: &OrgChart) -> Vec<Option<usize>> {
    let n = chart.units.len();
    (0..n)
        .map(|v| {
            chart.units[v]
                .parent
                .filter(|p| *p < n && !cycles(chart, v))
        })
        .collect()
}

/// The units with labels wrapped for boxes `bw` wide, and the tree.
fn build(chart: &OrgChart, m: &FontMetrics, bw: f32) -> Chart {
    let mut units: Vec<Unit> = chart
        .units
        .iter()
        .map(|u| {
            let label = wrap(m, &u.label, style::LABEL.size, bw - 2.0 * PAD);
            let holder = match &u.holder {
                Some(h) if *h != u.label => wrap(m, h, style::SMALL.size, bw - 2.0 * PAD),
                _ => Vec::new(),
            };
            let h = label.len() as f32 * style::LABEL.line
                + holder.len() as f32 * style::SMALL.line
                + if holder.is_empty() { 0.0 } else { 2.0 }
                + 2.0 * PAD;
            Unit {
                label,
                holder,
                h,
                children: Vec::new(),
                depth: 0,
            }
        })
        .collect();
    let parent = parents(chart);
    for (v, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            units[*p].children.push(v);
        }
    }
    for (v, unit) in units.iter_mut().enumerate() {
        let mut at = v;
        while let Some(p) = parent[at] {
            unit.depth += 1;
            at = p;
        }
    }
    Chart { units, bw }
}

fn draw(chart: &OrgChart, chart_data: Chart, m: &FontMetrics) -> Drawing {
    let n = chart.units.len();
    let parent = parents(chart);
    // Rows: every unit of one depth starts on the same line, except hanging columns.
    let depth = chart_data
        .units
        .iter()
        .map(|u| u.depth + 1)
        .max()
        .unwrap_or(0);
    let mut row_h = vec![0.0f32; depth];
    for (v, u) in chart_data.units.iter().enumerate() {
        let hanging = parent[v].is_some_and(|p| chart_data.stacked(p));
        if !hanging {
            row_h[u.depth] = row_h[u.depth].max(u.h);
        }
    }
    let mut row_y = vec![0.0f32; depth];
    for d in 1..depth {
        row_y[d] = row_y[d - 1] + row_h[d - 1] + V_GAP;
    }

    let mut shapes = Vec::new();
    let mut x = 0.0;
    for root in (0..n).filter(|v| parent[*v].is_none()) {
        place(&chart_data, root, x, &row_y, &mut shapes, m);
        x += chart_data.width(root) + H_GAP * 2.0;
    }
    finish(shapes, m)
}

fn cycles(chart: &OrgChart, v: usize) -> bool {
    let mut at = v;
    for _ in 0..=chart.units.len() {
        match chart.units[at].parent {
            Some(p) if p < chart.units.len() => at = p,
            _ => return false,
        }
    }
    true
}

/// Places the subtree of `v` in the column starting at `left`; returns the
/// box's centre x.
fn place(
    c: &Chart,
    v: usize,
    left: f32,
    row_y: &[f32],
    shapes: &mut Vec<Shape>,
    m: &FontMetrics,
) -> f32 {
    let u = &c.units[v];
    let y = row_y[u.depth];
    if c.stacked(v) {
        draw_box(shapes, m, u, left, y, c.bw);
        let trunk = left + INDENT / 2.0;
        let mut cy = y + u.h + STACK_GAP;
        let mut last_mid = cy;
        for &k in &u.children {
            let ku = &c.units[k];
            draw_box(shapes, m, ku, left + INDENT, cy, c.bw);
            last_mid = cy + ku.h / 2.0;
            shapes.push(line(vec![(trunk, last_mid), (left + INDENT, last_mid)]));
            cy += ku.h + STACK_GAP;
        }
        shapes.push(line(vec![(trunk, y + u.h), (trunk, last_mid)]));
        return left + c.bw / 2.0;
    }
    let total = c.width(v);
    if u.children.is_empty() {
        draw_box(shapes, m, u, left, y, c.bw);
        return left + c.bw / 2.0;
    }
    let kids_w: f32 =
        u.children.iter().map(|k| c.width(*k)).sum::<f32>() + H_GAP * (u.children.len() - 1) as f32;
    let mut at = left + (total - kids_w) / 2.0;
    let mut tops = Vec::new();
    for &k in &u.children {
        let cx = place(c, k, at, row_y, shapes, m);
        tops.push((cx, row_y[c.units[k].depth]));
        at += c.width(k) + H_GAP;
    }
    // The parent sits over its first and last child's boxes.
    let cx = (tops[0].0 + tops[tops.len() - 1].0) / 2.0;
    draw_box(shapes, m, u, cx - c.bw / 2.0, y, c.bw);
    let bus = row_y[u.depth + 1] - V_GAP / 2.0;
    shapes.push(line(vec![(cx, y + u.h), (cx, bus)]));
    if tops.len() > 1 {
        shapes.push(line(vec![(tops[0].0, bus), (tops[tops.len() - 1].0, bus)]));
    }
    for (tx, ty) in tops {
        shapes.push(line(vec![(tx, bus), (tx, ty)]));
    }
    cx
}

fn line(points: Vec<(f32, f32)>) -> Shape {
    Shape::Line {
        points,
        paint: style::edge(),
        arrow: false,
    }
}

fn draw_box(shapes: &mut Vec<Shape>, m: &FontMetrics, u: &Unit, x: f32, y: f32, bw: f32) {
    shapes.push(Shape::Rect {
        x,
        y,
        w: bw,
        h: u.h,
        r: 2.0,
        paint: style::node(),
    });
    let cx = x + bw / 2.0;
    push_lines(
        shapes,
        m,
        &u.label,
        cx,
        y + PAD,
        Anchor::Middle,
        &style::LABEL,
    );
    let hy = y + PAD + u.label.len() as f32 * style::LABEL.line + 2.0;
    push_lines(shapes, m, &u.holder, cx, hy, Anchor::Middle, &style::SMALL);
}
