//! Floor layouts: a grid room plan with labelled areas and numbered,
//! kind-coloured item markers; a numbered key below names each item (names
//! are too long to sit in a cell on a phone), then a legend of kinds.

use super::drawing::{Anchor, Drawing, Shape};
use super::finish::finish;
use super::legend::legend;
use super::style;
use super::text::{push_lines, wrap, TextStyle};
use crate::font::FontMetrics;
use crate::model::Floor;

const MAX_W: f32 = 330.0;
const MAX_CELL: f32 = 24.0;
const MARK: f32 = 13.0;

const AREA: TextStyle = TextStyle {
    size: 8.5,
    line: 10.5,
    bold: true,
    color: style::INK,
    class: "dg-text",
};
const KEY: TextStyle = TextStyle {
    size: 9.0,
    line: 12.0,
    bold: false,
    color: style::INK,
    class: "dg-text",
};
const NUMBER: TextStyle = TextStyle {
    size: 7.5,
    line: MARK,
    bold: true,
    color: style::WHITE,
    class: "dg-on-kind",
};

/// Lays out a floor plan: rooms, equipment and their labels.
pub fn layout(floor: &Floor, m: &FontMetrics) -> Drawing {
    let cols = floor.cols.max(1) as f32;
    let rows = floor.rows.max(1) as f32;
    let cell = (MAX_W / cols).min(MAX_CELL).floor();
    let (gw, gh) = (cols * cell, rows * cell);
    let mut shapes = Vec::new();
    shapes.push(Shape::Rect {
        x: 0.0,
        y: 0.0,
        w: gw,
        h: gh,
        r: 0.0,
        paint: style::paint(Some(style::WHITE), Some(style::INK), 1.0, "dg-room"),
    });
    for c in 1..floor.cols {
        let x = c as f32 * cell;
        shapes.push(Shape::Line {
            points: vec![(x, 0.0), (x, gh)],
            paint: style::hairline(),
            arrow: false,
        });
    }
    for r in 1..floor.rows {
        let y = r as f32 * cell;
        shapes.push(Shape::Line {
            points: vec![(0.0, y), (gw, y)],
            paint: style::hairline(),
            arrow: false,
        });
    }
    for a in &floor.areas {
        let (x, y, w, h) = (
            a.x as f32 * cell,
            a.y as f32 * cell,
            a.w as f32 * cell,
            a.h as f32 * cell,
        );
        shapes.push(Shape::Rect {
            x: x + 1.5,
            y: y + 1.5,
            w: (w - 3.0).max(1.0),
            h: (h - 3.0).max(1.0),
            r: 3.0,
            paint: style::group(),
        });
        let lines = wrap(m, &a.name, AREA.size, (w - 6.0).max(AREA.size));
        push_lines(
            &mut shapes,
            m,
            &lines,
            x + 4.0,
            y + 3.0,
            Anchor::Start,
            &AREA,
        );
    }
    let kinds = style::kinds_in_order(floor.items.iter().map(|i| i.kind.as_str()));
    let kind_of = |k: &str| kinds.iter().position(|x| x == k).unwrap_or(0);
    for (i, it) in floor.items.iter().enumerate() {
        let cx = (it.x as f32 + 0.5) * cell;
        let cy = (it.y as f32 + 0.5) * cell;
        marker(&mut shapes, m, i + 1, kind_of(&it.kind), cx, cy);
    }
    // The key: number, marker colour and the item's full name.
    let mut y = gh + 10.0;
    let text_x = MARK + 5.0;
    for (i, it) in floor.items.iter().enumerate() {
        let lines = wrap(m, &it.name, KEY.size, gw.max(160.0) - text_x);
        marker(
            &mut shapes,
            m,
            i + 1,
            kind_of(&it.kind),
            MARK / 2.0,
            y + KEY.line / 2.0,
        );
        push_lines(&mut shapes, m, &lines, text_x, y, Anchor::Start, &KEY);
        y += lines.len() as f32 * KEY.line + 3.0;
    }
    let entries: Vec<_> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| (style::kind(i), style::kind_name(k)))
        .collect();
    legend(&mut shapes, m, &entries, 0.0, y + 6.0, gw.max(160.0));
    finish(shapes, m)
}

fn marker(shapes: &mut Vec<Shape>, m: &FontMetrics, number: usize, kind: usize, cx: f32, cy: f32) {
    shapes.push(Shape::Rect {
        x: cx - MARK / 2.0,
        y: cy - MARK / 2.0,
        w: MARK,
        h: MARK,
        r: 1.5,
        paint: style::kind(kind),
    });
    push_lines(
        shapes,
        m,
        &[number.to_string()],
        cx,
        cy - MARK / 2.0,
        Anchor::Middle,
        &NUMBER,
    );
}
