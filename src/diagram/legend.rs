//! A legend of kinds (a coloured swatch and its name), flowing into rows.

use super::drawing::{Anchor, Paint, Shape};
use super::style;
use super::text::{push_lines, width, TextStyle};
use crate::font::FontMetrics;

const SWATCH: f32 = 9.0;

/// The legend's text: small, but in ink rather than muted.
pub const LEGEND: TextStyle = TextStyle {
    size: 8.5,
    line: 12.0,
    bold: false,
    color: style::INK,
    class: "dg-text",
};

/// Draws `entries` from (`x`, `y`) within `max_w`; returns the height used.
pub fn legend(
    shapes: &mut Vec<Shape>,
    m: &FontMetrics,
    entries: &[(Paint, String)],
    x: f32,
    y: f32,
    max_w: f32,
) -> f32 {
    let mut cx = x;
    let mut cy = y;
    for (paint, name) in entries {
        let w = SWATCH + 3.0 + width(m, name, LEGEND.size) + 10.0;
        if cx > x && cx + w > x + max_w {
            cx = x;
            cy += LEGEND.line + 2.0;
        }
        let sy = cy + (LEGEND.line - SWATCH) / 2.0;
        shapes.push(Shape::Rect {
            x: cx,
            y: sy,
            w: SWATCH,
            h: SWATCH,
            r: 1.0,
            paint: paint.clone(),
        });
        push_lines(
            shapes,
            m,
            std::slice::from_ref(name),
            cx + SWATCH + 3.0,
            cy,
            Anchor::Start,
            &LEGEND,
        );
        cx += w;
    }
    if entries.is_empty() {
        0.0
    } else {
        cy + LEGEND.line - y
    }
}
