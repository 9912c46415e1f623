//! Rack elevations: racks side by side (two to a row, so a phone can read
//! them), U numbered from U1 at the bottom, devices coloured by kind, names
//! beside the rack on leader lines (a 1U slot is too thin for a name), a legend.

use super::drawing::{Anchor, Drawing, Shape};
use super::finish::finish;
use super::layered::fit_in_order;
use super::legend::legend;
use super::style;
use super::text::{push_lines, wrap, wrap_balanced, TextStyle};
use crate::font::FontMetrics;
use crate::model::Rack;

/// Height of one unit: a 42U rack and its legend fit a page at scale 1,
/// so nothing is shrunk below `MIN_TEXT` (the unit numbers are 7 pt).
const U_H: f32 = 6.0;
const RACK_W: f32 = 36.0;
const NUM_W: f32 = 14.0;
const LEADER: f32 = 12.0;
/// Width of a device's name beside its rack: wide enough that a name such
/// as 「U14 インターネット系ファイアウォール（サンプル）」 takes two
/// phrase-broken lines, not a stack of word pieces.
const LABEL_W: f32 = 150.0;
const COL_GAP: f32 = 16.0;
const ROW_GAP: f32 = 18.0;
/// Widest the racks may spread before wrapping to the next row.
const MAX_W: f32 = 440.0;

const NAME: TextStyle = TextStyle {
    size: 8.5,
    line: 10.5,
    bold: false,
    color: style::INK,
    class: "dg-text",
};
const NUM: TextStyle = TextStyle {
    size: 7.0,
    line: 7.0,
    bold: false,
    color: style::MUTED,
    class: "dg-text-muted",
};

/// Lays out rack elevations side by side, devices at their units.
pub fn layout(racks: &[Rack], m: &FontMetrics) -> Drawing {
    let kinds = style::kinds_in_order(
        racks
            .iter()
            .flat_map(|r| r.devices.iter().map(|d| d.kind.as_str())),
    );
    let col_w = NUM_W + RACK_W + LEADER + LABEL_W;
    let per_row = (((MAX_W + COL_GAP) / (col_w + COL_GAP)).floor() as usize).max(1);
    let mut shapes = Vec::new();
    let mut y = 0.0;
    for row in racks.chunks(per_row) {
        let heads: Vec<Vec<String>> = row
            .iter()
            .map(|r| wrap(m, &r.name, style::HEADING.size, col_w))
            .collect();
        let head_h =
            heads.iter().map(|h| h.len()).max().unwrap_or(0) as f32 * style::HEADING.line + 4.0;
        let mut row_h: f32 = 0.0;
        for (i, rack) in row.iter().enumerate() {
            let x = i as f32 * (col_w + COL_GAP);
            push_lines(
                &mut shapes,
                m,
                &heads[i],
                x,
                y,
                Anchor::Start,
                &style::HEADING,
            );
            let h = draw_rack(&mut shapes, m, rack, &kinds, x, y + head_h);
            row_h = row_h.max(head_h + h);
        }
        y += row_h + ROW_GAP;
    }
    let entries: Vec<_> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| (style::kind(i), style::kind_name(k)))
        .collect();
    let width = per_row.min(racks.len()) as f32 * (col_w + COL_GAP) - COL_GAP;
    legend(
        &mut shapes,
        m,
        &entries,
        0.0,
        y - ROW_GAP / 2.0,
        width.max(col_w),
    );
    finish(shapes, m)
}

/// One rack at (`x`, `top`); returns the height used.
fn draw_rack(
    shapes: &mut Vec<Shape>,
    m: &FontMetrics,
    rack: &Rack,
    kinds: &[String],
    x: f32,
    top: f32,
) -> f32 {
    let units = rack.units.max(1);
    let body_h = units as f32 * U_H;
    let bx = x + NUM_W;
    shapes.push(Shape::Rect {
        x: bx,
        y: top,
        w: RACK_W,
        h: body_h,
        r: 0.0,
        paint: style::paint(Some(style::WHITE), Some(style::INK), 1.0, "dg-rack"),
    });
    // Unit marks, and numbers for U1, every fifth U and the top one.
    let u_top = |u: u32| top + (units - u.min(units)) as f32 * U_H;
    for u in 1..units {
        let ly = u_top(u);
        shapes.push(Shape::Line {
            points: vec![(bx, ly), (bx + RACK_W, ly)],
            paint: style::hairline(),
            arrow: false,
        });
    }
    for u in 1..=units {
        if u == 1 || u % 5 == 0 || u == units {
            push_lines(
                shapes,
                m,
                &[u.to_string()],
                bx - 2.0,
                u_top(u),
                Anchor::End,
                &NUM,
            );
        }
    }
    // Devices, drawn within the rack even when their data runs past it
    // (check() reports that); names sorted top to bottom for the callouts.
    let mut placed: Vec<(f32, Vec<String>, usize)> = Vec::new();
    for (i, d) in rack.devices.iter().enumerate() {
        let lo = d.u.clamp(1, units);
        let hi = super::check::top_unit(d.u, d.height)
            .unwrap_or(u32::MAX)
            .clamp(lo, units);
        let dy = u_top(hi);
        let dh = (hi - lo + 1) as f32 * U_H;
        let k = kinds.iter().position(|k| *k == d.kind).unwrap_or(0);
        shapes.push(Shape::Rect {
            x: bx + 2.0,
            y: dy + 0.5,
            w: RACK_W - 4.0,
            h: dh - 1.0,
            r: 0.5,
            paint: style::kind(k),
        });
        let range = if hi > lo {
            format!("U{lo}–{hi} ")
        } else {
            format!("U{lo} ")
        };
        let lines = wrap_balanced(m, &format!("{range}{}", d.name), NAME.size, LABEL_W);
        placed.push((dy + dh / 2.0, lines, i));
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    let heights: Vec<f32> = placed
        .iter()
        .map(|p| p.1.len() as f32 * NAME.line)
        .collect();
    let desired: Vec<f32> = placed.iter().map(|p| p.0).collect();
    let gaps: Vec<f32> = heights
        .windows(2)
        .map(|w| (w[0] + w[1]) / 2.0 + 1.0)
        .collect();
    let centres = fit_in_order(&desired, &gaps);
    let lx = bx + RACK_W + LEADER;
    let mut bottom = top + body_h;
    for ((dev_y, lines, _), (cy, h)) in placed.iter().zip(centres.iter().zip(&heights)) {
        shapes.push(Shape::Line {
            points: vec![
                (bx + RACK_W - 2.0, *dev_y),
                (bx + RACK_W + 4.0, *dev_y),
                (lx - 3.0, *cy),
                (lx - 1.0, *cy),
            ],
            paint: style::paint(None, Some(style::MUTED), 0.6, "dg-leader"),
            arrow: false,
        });
        push_lines(shapes, m, lines, lx, cy - h / 2.0, Anchor::Start, &NAME);
        bottom = bottom.max(cy + h / 2.0);
    }
    bottom - top
}
