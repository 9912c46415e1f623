//! The geometry the layout produces and the writer draws. Points, origin at
//! the top left of whatever contains it, y downwards — no PDF notions here.

use std::sync::Arc;

use super::roles::Tag;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontKind {
    /// Body text (IPAex Mincho).
    Mincho,
    /// Headings, tables, labels (IPAex Gothic).
    Gothic,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
    pub const GREY: Rgb = Rgb(0.35, 0.35, 0.35);
    pub const RULE: Rgb = Rgb(0.25, 0.25, 0.25);
    pub const SHADE: Rgb = Rgb(0.88, 0.88, 0.88);
    pub const LIGHT: Rgb = Rgb(0.95, 0.95, 0.95);
    pub const LINK: Rgb = Rgb(0.05, 0.2, 0.55);
    pub const RED: Rgb = Rgb(0.75, 0.0, 0.0);
}

/// A piece of one text run: characters, or extra space (pt) added by justification.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Text(String),
    Gap(f32),
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// An anchor key of this PDF (`plan#purpose`, or `plan` for a whole document).
    Anchor(String),
    /// Another PDF of the same build, opened at its first page.
    File(String),
    Uri(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Draw {
    /// One run of text in one font; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        font: FontKind,
        size: f32,
        color: Rgb,
        pieces: Vec<Piece>,
        /// The structure node it belongs to (artifact until stamped).
        tag: Tag,
    },
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb,
        dashed: bool,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        target: Target,
        tag: Tag,
    },
    /// A place links and bookmarks point at (its top).
    Anchor { key: String, y: f32 },
    /// An image file, stretched over the rectangle; `key` names it among
    /// the images the writer is given (the asset's content-relative path).
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        key: String,
        tag: Tag,
    },
}

impl Draw {
    pub fn translate(&mut self, dx: f32, dy: f32) {
        match self {
            Draw::Text { x, y, .. }
            | Draw::Rect { x, y, .. }
            | Draw::Link { x, y, .. }
            | Draw::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Draw::Line { points, .. } | Draw::Polygon { points, .. } => {
                for p in points {
                    p.0 += dx;
                    p.1 += dy;
                }
            }
            Draw::Anchor { y, .. } => *y += dy,
        }
    }

    /// Vertical extent (top, bottom), used to choose where a tall box may be cut.
    pub fn extent(&self) -> (f32, f32) {
        match self {
            Draw::Text { y, size, .. } => (y - size * 0.9, y + size * 0.2),
            Draw::Rect { y, h, .. } | Draw::Link { y, h, .. } | Draw::Image { y, h, .. } => {
                (*y, y + h)
            }
            Draw::Line { points, .. } | Draw::Polygon { points, .. } => {
                let top = points.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
                let bottom = points.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
                (top, bottom)
            }
            Draw::Anchor { y, .. } => (*y, *y),
        }
    }
}

/// A table cell's frame, drawn by the paginator so that a row cut across two
/// pages is closed on both.
#[derive(Clone, Debug, PartialEq)]
pub struct CellFrame {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub fill: Option<Rgb>,
}

/// One unit of the vertical flow: a line of text, a table row, a figure.
#[derive(Clone, Debug, Default)]
pub struct VBox {
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    pub draws: Vec<Draw>,
    pub frames: Vec<CellFrame>,
    /// Never end a page after this box (headings, captions, table headers).
    pub keep_with_next: bool,
    pub page_break_before: bool,
    /// Table header rows to repeat when this row starts a new page.
    pub header: Option<Arc<Vec<VBox>>>,
}

impl VBox {
    pub fn new(height: f32, draws: Vec<Draw>) -> VBox {
        VBox {
            height,
            draws,
            ..VBox::default()
        }
    }

    /// Draws with the frames turned into rectangles (for nesting inside a cell).
    pub fn flat_draws(&self) -> Vec<Draw> {
        let mut out: Vec<Draw> = self.frames.iter().flat_map(frame_draws).collect();
        out.extend(self.draws.iter().cloned());
        out
    }

    /// Offsets at which the box may be cut: no text line straddles them.
    pub fn cuts(&self) -> Vec<f32> {
        let texts: Vec<(f32, f32)> = self
            .draws
            .iter()
            .filter(|d| matches!(d, Draw::Text { .. }))
            .map(Draw::extent)
            .collect();
        let mut cands: Vec<f32> = texts
            .iter()
            .map(|e| e.1 + 1.5)
            .filter(|c| *c < self.height)
            .collect();
        cands.sort_by(f32::total_cmp);
        cands.dedup();
        cands.retain(|c| texts.iter().all(|(t, b)| !(*t < *c && *c < *b)));
        cands
    }

    /// Splits at `cut`: the part above stays, the part below is returned.
    pub fn split_at(mut self, cut: f32) -> (VBox, VBox) {
        let mut lower = VBox {
            height: self.height - cut,
            header: self.header.clone(),
            ..VBox::default()
        };
        let (up, down): (Vec<Draw>, Vec<Draw>) =
            self.draws.drain(..).partition(|d| d.extent().0 < cut);
        self.draws = up;
        lower.draws = down
            .into_iter()
            .map(|mut d| {
                d.translate(0.0, -cut);
                d
            })
            .collect();
        for f in &self.frames {
            if f.y + f.h > cut {
                let top = f.y.max(cut);
                lower.frames.push(CellFrame {
                    y: top - cut,
                    h: f.y + f.h - top,
                    ..f.clone()
                });
            }
        }
        self.frames.retain(|f| f.y < cut);
        for f in &mut self.frames {
            f.h = f.h.min(cut - f.y);
        }
        self.height = cut;
        self.keep_with_next = false;
        (self, lower)
    }
}

pub fn frame_draws(f: &CellFrame) -> Vec<Draw> {
    vec![Draw::Rect {
        x: f.x,
        y: f.y,
        w: f.w,
        h: f.h,
        fill: f.fill,
        stroke: Some((Rgb::RULE, 0.5)),
    }]
}

/// Stacks boxes top to bottom into draws (inside a table cell); returns the height.
pub fn stack(boxes: &[VBox], dx: f32, dy: f32, out: &mut Vec<Draw>) -> f32 {
    let mut y = 0.0;
    for (i, b) in boxes.iter().enumerate() {
        if i > 0 {
            y += b.space_before;
        }
        for mut d in b.flat_draws() {
            d.translate(dx, dy + y);
            out.push(d);
        }
        y += b.height;
    }
    y
}
