//! Geometry of a laid-out diagram: what both the SVG writer and the PDF
//! writer draw. Units are PDF points, origin at the top left, y downwards.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Paint {
    pub fill: Option<Color>,
    pub stroke: Option<Color>,
    pub stroke_width: f32,
    pub dashed: bool,
    /// Semantic class for the HTML theme (dark mode recolours by class).
    pub class: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        /// Corner radius (0 = square).
        r: f32,
        paint: Paint,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        paint: Paint,
    },
    /// A polyline; `arrow` puts an arrow head at its last point.
    Line {
        points: Vec<(f32, f32)>,
        paint: Paint,
        arrow: bool,
    },
    /// One line of text; `y` is the baseline. Labels are pre-wrapped by the
    /// layout with the PDF's font metrics, so each line is its own Text.
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        anchor: Anchor,
        bold: bool,
        color: Color,
        class: &'static str,
    },
}

/// Length and half-width of an arrow head, in points.
pub const ARROW_LENGTH: f32 = 7.0;
pub const ARROW_HALF_WIDTH: f32 = 3.0;

/// The triangle an arrow line ends in (tip at the last point), so the SVG and
/// PDF writers draw the same head. None for a line without a length.
pub fn arrow_head(points: &[(f32, f32)]) -> Option<[(f32, f32); 3]> {
    let n = points.len();
    if n < 2 {
        return None;
    }
    let (tx, ty) = points[n - 1];
    // The last point that differs from the tip gives the direction.
    let (fx, fy) = points[..n - 1]
        .iter()
        .rev()
        .find(|p| (p.0 - tx).abs() + (p.1 - ty).abs() > 0.01)?;
    let (dx, dy) = (tx - fx, ty - fy);
    let len = (dx * dx + dy * dy).sqrt();
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (tx - ux * ARROW_LENGTH, ty - uy * ARROW_LENGTH);
    Some([
        (tx, ty),
        (bx - uy * ARROW_HALF_WIDTH, by + ux * ARROW_HALF_WIDTH),
        (bx + uy * ARROW_HALF_WIDTH, by - ux * ARROW_HALF_WIDTH),
    ])
}
