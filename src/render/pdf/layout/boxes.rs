//! The geometry the layout produces and the writer draws. Points, origin at
//! the top left of whatever contains it, y downwards — no PDF notions here.

use std::sync::Arc;

use super::roles::Tag;

/// The two faces of every PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontKind {
    /// Body text (IPAex Mincho).
    Mincho,
    /// Headings, tables, labels (IPAex Gothic).
    Gothic,
}

/// A colour, each channel 0.0–1.0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// Text.
    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
    /// Secondary text.
    pub const GREY: Rgb = Rgb(0.35, 0.35, 0.35);
    /// Table and heading rules.
    pub const RULE: Rgb = Rgb(0.25, 0.25, 0.25);
    /// Table header fill.
    pub const SHADE: Rgb = Rgb(0.88, 0.88, 0.88);
    /// Light fill (notes, alternate rows).
    pub const LIGHT: Rgb = Rgb(0.95, 0.95, 0.95);
    /// Link text.
    pub const LINK: Rgb = Rgb(0.05, 0.2, 0.55);
    /// Warnings (unapproved, overdue).
    pub const RED: Rgb = Rgb(0.75, 0.0, 0.0);
}

/// A piece of one text run: characters, or extra space (pt) added by justification.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Characters.
    Text(String),
    /// Extra space in points.
    Gap(f32),
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// An anchor key of this PDF (`plan#purpose`, or `plan` for a whole document).
    Anchor(String),
    /// Another PDF of the same build (`file`, beside this one), opened at
    /// its named destination `dest` (an anchor key of that PDF).
    File {
        /// The other PDF's file name.
        file: String,
        /// The anchor key it names in its `/Dests` tree.
        dest: String,
    },
    /// A web address.
    Uri(String),
}

/// One drawing operation of a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Draw {
    /// One run of text in one font; `y` is the baseline.
    Text {
        /// Horizontal position in points.
        x: f32,
        /// Vertical position in points, downwards (the baseline for text).
        y: f32,
        /// Face.
        font: FontKind,
        /// Font size in points.
        size: f32,
        /// Colour.
        color: Rgb,
        /// Characters and justification gaps.
        pieces: Vec<Piece>,
        /// The structure node it belongs to (artifact until stamped).
        tag: Tag,
    },
    /// A polyline.
    Line {
        /// Its vertices, in order.
        points: Vec<(f32, f32)>,
        /// Line width in points.
        width: f32,
        /// Colour.
        color: Rgb,
        /// A dashed line.
        dashed: bool,
    },
    /// A rectangle.
    Rect {
        /// Horizontal position in points.
        x: f32,
        /// Vertical position in points, downwards (the baseline for text).
        y: f32,
        /// Width in points.
        w: f32,
        /// Height in points.
        h: f32,
        /// Fill colour, if any.
        fill: Option<Rgb>,
        /// Outline colour and width, if any.
        stroke: Option<(Rgb, f32)>,
    },
    /// A closed polygon.
    Polygon {
        /// Its vertices, in order.
        points: Vec<(f32, f32)>,
        /// Fill colour, if any.
        fill: Option<Rgb>,
        /// Outline colour and width, if any.
        stroke: Option<(Rgb, f32)>,
    },
    /// A clickable area.
    Link {
        /// Horizontal position in points.
        x: f32,
        /// Vertical position in points, downwards (the baseline for text).
        y: f32,
        /// Width in points.
        w: f32,
        /// Height in points.
        h: f32,
        /// Where it goes.
        target: Target,
        /// The link node it belongs to in the structure tree.
        tag: Tag,
    },
    /// A place links and bookmarks point at (its top).
    Anchor {
        /// The anchor key (`plan#purpose`).
        key: String,
        /// Its height on the page, downwards.
        y: f32,
    },
    /// The size of the page it is on, when that is not A4 portrait (a
    /// landscape page for a wide figure, the 新旧対照表's table): the writer
    /// gives the page this MediaBox, the furniture fits itself to it. It
    /// draws nothing.
    PageSize {
        /// Width in points.
        w: f32,
        /// Height in points.
        h: f32,
    },
    /// A contents line's page number, set right-aligned at `right` on the
    /// baseline `y` with a dot leader from `end`, once the PDF's own pages
    /// are known (`document::number_pages`). Within one PDF the number is
    /// read after pagination, not from the previous pass: the contents'
    /// layout does not depend on it (the column is a fixed width), so a
    /// document whose only page references are its own contents is laid
    /// out once instead of twice.
    PageNumber {
        /// The anchor key whose page it shows.
        key: String,
        /// Where the entry's text ends (the leader starts after it).
        end: f32,
        /// The right edge the number is set against.
        right: f32,
        /// Baseline.
        y: f32,
        /// Font size in points.
        size: f32,
        /// The structure node the number belongs to (the entry's link).
        tag: Tag,
    },
    /// An image file, stretched over the rectangle; `key` names it among
    /// the images the writer is given (the asset's content-relative path).
    Image {
        /// Horizontal position in points.
        x: f32,
        /// Vertical position in points, downwards (the baseline for text).
        y: f32,
        /// Width in points.
        w: f32,
        /// Height in points.
        h: f32,
        /// The image's content-relative path.
        key: String,
        /// The structure node it belongs to (a figure), or an artifact.
        tag: Tag,
    },
}

impl Draw {
    /// Moves it by `dx`, `dy`.
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
            Draw::PageNumber { end, right, y, .. } => {
                *end += dx;
                *right += dx;
                *y += dy;
            }
            Draw::PageSize { .. } => {}
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
            Draw::PageNumber { y, size, .. } => (y - size * 0.9, y + size * 0.2),
            Draw::PageSize { .. } => (0.0, 0.0),
        }
    }
}

/// A table cell's frame, drawn by the paginator so that a row cut across two
/// pages is closed on both.
#[derive(Clone, Debug, PartialEq)]
pub struct CellFrame {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
    /// Background fill, if any.
    pub fill: Option<Rgb>,
}

/// One unit of the vertical flow: a line of text, a table row, a figure.
#[derive(Clone, Debug, Default)]
pub struct VBox {
    /// Height in points.
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    /// What it draws, relative to its top left.
    pub draws: Vec<Draw>,
    /// Table cell frames it holds.
    pub frames: Vec<CellFrame>,
    /// Never end a page after this box (headings, captions, table headers).
    pub keep_with_next: bool,
    /// Start a new page before this box.
    pub page_break_before: bool,
    /// Table header rows to repeat when this row starts a new page.
    pub header: Option<Arc<Vec<VBox>>>,
    /// Keep this many following boxes on its page (a heading: two lines of
    /// what follows); `keep_with_next` is the same as 1.
    pub keep_following: u8,
    /// A figure: when it does not fit the rest of the page it moves to the
    /// top of the next one, with the boxes kept with it (its caption), and
    /// the boxes after it fill the page first.
    pub float: bool,
    /// A level-1 heading or a document's closing block: no figure is
    /// moved past it.
    pub section_start: bool,
    /// The size of the page of its own this box needs (a figure too wide for
    /// a portrait page: A4 landscape), `None` for the flow's own pages.
    pub page_size: Option<(f32, f32)>,
}

impl VBox {
    /// A box of `height` drawing `draws`.
    pub fn new(height: f32, draws: Vec<Draw>) -> VBox {
        VBox {
            height,
            draws,
            ..VBox::default()
        }
    }

    /// How many of the boxes after this one must share its page.
    pub fn keep_reach(&self) -> usize {
        usize::from(self.keep_following).max(usize::from(self.keep_with_next))
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
        self.keep_following = 0;
        (self, lower)
    }
}

/// The lines and fill that draw a cell frame.
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
