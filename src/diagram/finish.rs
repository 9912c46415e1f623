//! Turns shapes placed anywhere into a `Drawing` whose box starts at a small
//! margin: layouts place freely, this measures what was really drawn
//! (text included, with the font's metrics) so nothing is cut off.

use super::drawing::{arrow_head, Anchor, Drawing, Shape};
use crate::font::FontMetrics;

/// White space around every drawing, in points.
pub const MARGIN: f32 = 6.0;

/// The box a shape covers: (left, top, right, bottom).
pub fn extent(shape: &Shape, metrics: &FontMetrics) -> (f32, f32, f32, f32) {
    let over = |pts: &[(f32, f32)], pad: f32| {
        pts.iter()
            .fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |b, p| {
                (
                    b.0.min(p.0 - pad),
                    b.1.min(p.1 - pad),
                    b.2.max(p.0 + pad),
                    b.3.max(p.1 + pad),
                )
            })
    };
    match shape {
        Shape::Rect {
            x, y, w, h, paint, ..
        } => {
            let p = paint.stroke_width / 2.0;
            (x - p, y - p, x + w + p, y + h + p)
        }
        Shape::Polygon { points, paint } => over(points, paint.stroke_width / 2.0),
        Shape::Line {
            points,
            paint,
            arrow,
        } => {
            let mut b = over(points, paint.stroke_width / 2.0);
            if *arrow {
                if let Some(head) = arrow_head(points) {
                    let h = over(&head, 0.0);
                    b = (b.0.min(h.0), b.1.min(h.1), b.2.max(h.2), b.3.max(h.3));
                }
            }
            b
        }
        Shape::Text {
            x,
            y,
            size,
            text,
            anchor,
            ..
        } => {
            let w = metrics.width(text) * size;
            let left = match anchor {
                Anchor::Start => *x,
                Anchor::Middle => x - w / 2.0,
                Anchor::End => x - w,
            };
            (
                left,
                y - metrics.ascender() * size,
                left + w,
                y - metrics.descender() * size,
            )
        }
    }
}

/// Moves every shape so the drawing's content starts at `MARGIN`.
pub fn finish(mut shapes: Vec<Shape>, metrics: &FontMetrics) -> Drawing {
    let b = shapes
        .iter()
        .map(|s| extent(s, metrics))
        .fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |b, e| {
            (b.0.min(e.0), b.1.min(e.1), b.2.max(e.2), b.3.max(e.3))
        });
    if shapes.is_empty() {
        return Drawing {
            width: 2.0 * MARGIN,
            height: 2.0 * MARGIN,
            shapes,
        };
    }
    let (dx, dy) = (MARGIN - b.0, MARGIN - b.1);
    for s in &mut shapes {
        translate(s, dx, dy);
    }
    Drawing {
        width: round(b.2 - b.0 + 2.0 * MARGIN),
        height: round(b.3 - b.1 + 2.0 * MARGIN),
        shapes,
    }
}

fn round(v: f32) -> f32 {
    (v * 10.0).ceil() / 10.0
}

fn translate(s: &mut Shape, dx: f32, dy: f32) {
    match s {
        Shape::Rect { x, y, .. } | Shape::Text { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Shape::Polygon { points, .. } | Shape::Line { points, .. } => {
            for p in points.iter_mut() {
                p.0 += dx;
                p.1 += dy;
            }
        }
    }
}
