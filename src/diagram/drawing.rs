//! Geometry of a laid-out diagram: what both the SVG writer and the PDF
//! writer draw. Units are PDF points, origin at the top left, y downwards.

/// An sRGB colour, 8 bits a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

/// A laid-out diagram: its size and the shapes in painting order.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Painted first to last.
    pub shapes: Vec<Shape>,
}

/// Which point of a text line its `x` gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The start of the line (left).
    Start,
    /// The middle of the line.
    Middle,
    /// The end of the line (right).
    End,
}

/// How a shape is filled and stroked.
#[derive(Clone, Debug, PartialEq)]
pub struct Paint {
    /// Fill colour; None leaves the inside empty.
    pub fill: Option<Color>,
    /// Outline colour; None draws no outline.
    pub stroke: Option<Color>,
    /// Outline width in points.
    pub stroke_width: f32,
    /// A dashed outline.
    pub dashed: bool,
    /// Semantic class for the HTML theme (dark mode recolours by class).
    pub class: &'static str,
}

/// One thing drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A rectangle, possibly with rounded corners.
    Rect {
        /// Horizontal position in points.
        x: f32,
        /// Vertical position in points, downwards (the baseline for text).
        y: f32,
        /// Width in points.
        w: f32,
        /// Height in points.
        h: f32,
        /// Corner radius (0 = square).
        r: f32,
        /// How it is filled and stroked.
        paint: Paint,
    },
    /// A closed polygon.
    Polygon {
        /// Its vertices, in order.
        points: Vec<(f32, f32)>,
        /// How it is filled and stroked.
        paint: Paint,
    },
    /// A polyline; `arrow` puts an arrow head at its last point.
    Line {
        /// Its vertices, in order.
        points: Vec<(f32, f32)>,
        /// How it is filled and stroked.
        paint: Paint,
        /// An arrow head at the last point.
        arrow: bool,
    },
    /// One line of text; `y` is the baseline. Labels are pre-wrapped by the
    /// layout with the PDF's font metrics, so each line is its own Text.
    Text {
        /// Horizontal position in points.
        x: f32,
        /// Vertical position in points, downwards (the baseline for text).
        y: f32,
        /// Font size in points.
        size: f32,
        /// The characters.
        text: String,
        /// Which point of the line `x` gives.
        anchor: Anchor,
        /// Bold face.
        bold: bool,
        /// Colour.
        color: Color,
        /// Theme class the HTML recolours by.
        class: &'static str,
    },
}

/// Length and half-width of an arrow head, in points.
pub const ARROW_LENGTH: f32 = 7.0;
/// Half the width of an arrow head's base, in points.
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
