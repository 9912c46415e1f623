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
