//! Figures: the diagram module's `Drawing` drawn with lines, polygons and
//! real (searchable) text, scaled to the measure, with its caption; and
//! images from `content/assets/` at the size their files state.

use crate::diagram::{self, Anchor, Drawing, Paint, Shape};
use crate::model::Diagram;

use super::blocks::{self, Flow};
use super::boxes::{Draw, FontKind, Piece, Rgb, VBox};
use super::document::{BOTTOM, MARGIN_X, PAGE_H, PAGE_W, TOP};
use super::roles::{self, Role, Tag};
use super::text::{Align, Style};
use super::Ctx;

/// The tallest a figure may be, so that it fits one page with its caption.
const MAX_H: f32 = 640.0;

/// The smallest text a figure may be scaled to (pt): smaller is not
/// legible on paper (issue 13, item 6).
pub const MIN_TEXT: f32 = 7.0;

/// The measure of an A4 landscape page: its width less the portrait page's
/// side margins, so the running header and footer keep their distance from
/// the edge.
pub const LANDSCAPE_W: f32 = PAGE_H - 2.0 * MARGIN_X;

/// The tallest a figure may be on a landscape page, with its caption below
/// (the text area less room for three caption lines).
const LANDSCAPE_MAX_H: f32 = PAGE_W - TOP - BOTTOM - 48.0;

fn rgb(c: diagram::Color) -> Rgb {
    Rgb(c.0 as f32 / 255.0, c.1 as f32 / 255.0, c.2 as f32 / 255.0)
}

fn paint(p: &Paint) -> (Option<Rgb>, Option<(Rgb, f32)>) {
    (
        p.fill.map(rgb),
        p.stroke.map(|s| (rgb(s), p.stroke_width.max(0.3))),
    )
}

/// A rounded rectangle as a polygon (corners of four segments each).
fn rounded(x: f32, y: f32, w: f32, h: f32, r: f32) -> Vec<(f32, f32)> {
    let r = r.min(w / 2.0).min(h / 2.0);
    let corners = [
        (x + w - r, y + r, -90.0_f32),
        (x + w - r, y + h - r, 0.0),
        (x + r, y + h - r, 90.0),
        (x + r, y + r, 180.0),
    ];
    let mut pts = Vec::new();
    for (cx, cy, start) in corners {
        for k in 0..=4 {
            let a = (start + 22.5 * k as f32).to_radians();
            pts.push((cx + r * a.cos(), cy + r * a.sin()));
        }
    }
    pts
}

/// Draws a `Drawing` at (x, 0) scaled by `s`.
pub fn drawing_draws(ctx: &Ctx, d: &Drawing, x0: f32, s: f32) -> Vec<Draw> {
    let tr = |p: (f32, f32)| (x0 + p.0 * s, p.1 * s);
    let mut out = Vec::new();
    for shape in &d.shapes {
        match shape {
            Shape::Rect {
                x,
                y,
                w,
                h,
                r,
                paint: p,
            } => {
                let (fill, stroke) = paint(p);
                let stroke = stroke.map(|(c, w)| (c, w * s));
                if *r > 0.5 {
                    let points = rounded(*x, *y, *w, *h, *r).into_iter().map(tr).collect();
                    out.push(Draw::Polygon {
                        points,
                        fill,
                        stroke,
                    });
                } else {
                    let (px, py) = tr((*x, *y));
                    out.push(Draw::Rect {
                        x: px,
                        y: py,
                        w: w * s,
                        h: h * s,
                        fill,
                        stroke,
                    });
                }
            }
            Shape::Polygon { points, paint: p } => {
                let (fill, stroke) = paint(p);
                out.push(Draw::Polygon {
                    points: points.iter().copied().map(tr).collect(),
                    fill,
                    stroke: stroke.map(|(c, w)| (c, w * s)),
                });
            }
            Shape::Line {
                points,
                paint: p,
                arrow,
            } => {
                let color = p.stroke.map(rgb).unwrap_or(Rgb::BLACK);
                let mut pts: Vec<(f32, f32)> = points.clone();
                let head = if *arrow {
                    diagram::arrow_head(points)
                } else {
                    None
                };
                if let Some(h) = head {
                    // Stop the shaft at the head's base so the tip stays sharp.
                    let n = pts.len();
                    pts[n - 1] = ((h[1].0 + h[2].0) / 2.0, (h[1].1 + h[2].1) / 2.0);
                }
                out.push(Draw::Line {
                    points: pts.into_iter().map(tr).collect(),
                    width: p.stroke_width.max(0.3) * s,
                    color,
                    dashed: p.dashed,
                });
                if let Some(h) = head {
                    out.push(Draw::Polygon {
                        points: h.iter().copied().map(tr).collect(),
                        fill: Some(color),
                        stroke: None,
                    });
                }
            }
            Shape::Text {
                x,
                y,
                size,
                text,
                anchor,
                color,
                ..
            } => {
                let w = ctx.width(FontKind::Gothic, *size, text);
                let dx = match anchor {
                    Anchor::Start => 0.0,
                    Anchor::Middle => -w / 2.0,
                    Anchor::End => -w,
                };
                let (px, py) = tr((x + dx, *y));
                out.push(Draw::Text {
                    x: px,
                    y: py,
                    font: FontKind::Gothic,
                    size: size * s,
                    color: rgb(*color),
                    pieces: vec![Piece::Text(text.clone())],
                    tag: Tag::ARTIFACT,
                });
            }
        }
    }
    out
}

/// An image at its natural size (pixels at the resolution the file states,
/// 96 dpi when it states none), scaled down — never up — to the measure and
/// to a page's height, centred, with its caption (or alt text) below.
pub fn image(
    ctx: &Ctx,
    src: &str,
    alt: &str,
    caption: Option<&str>,
    f: &Flow,
    out: &mut Vec<VBox>,
) {
    let Some((w, h)) = ctx.site.assets.get(src).and_then(|a| a.size_pt()) else {
        // Load put every used image into the site; a miss is a bug upstream,
        // printed as words rather than as an empty space.
        let st = Style {
            color: Rgb::GREY,
            ..f.style()
        };
        out.extend(blocks::plain(
            ctx,
            &format!("［画像：{alt}］"),
            &st,
            f,
            Align::Center,
        ));
        return;
    };
    let s = 1.0_f32.min(f.width / w).min(MAX_H / h);
    let (w, h) = (w * s, h * s);
    let node = ctx.leaf(Role::Figure);
    ctx.set_alt(
        node,
        match caption {
            Some(c) if !c.is_empty() && c != alt && !alt.is_empty() => format!("{c}：{alt}"),
            Some(c) if !c.is_empty() => c.to_string(),
            _ => alt.to_string(),
        },
    );
    let bx = VBox::new(
        h + 4.0,
        vec![Draw::Image {
            x: f.x + (f.width - w) / 2.0,
            y: 2.0,
            w,
            h,
            key: src.to_string(),
            tag: node,
        }],
    );
    place_with_caption(
        ctx,
        bx,
        Some(caption.unwrap_or(alt)).filter(|c| !c.is_empty()),
        f,
        out,
    );
}

/// Pushes a figure's box and its caption below it, kept on one page; the
/// figure floats (see `paginate`).
fn place_with_caption(
    ctx: &Ctx,
    mut bx: VBox,
    caption: Option<&str>,
    f: &Flow,
    out: &mut Vec<VBox>,
) {
    bx.space_before = 8.0;
    bx.float = true;
    if let Some(c) = caption {
        bx.keep_with_next = true;
        out.push(bx);
        let st = Style::new(FontKind::Gothic, blocks::TABLE);
        let mut cap = blocks::plain(ctx, c, &st, f, Align::Center);
        roles::stamp_boxes(&mut cap, ctx.leaf(Role::Caption));
        if let Some(first) = cap.first_mut() {
            first.space_before = 2.0;
        }
        let n = cap.len();
        for b in cap.iter_mut().take(n.saturating_sub(1)) {
            b.keep_with_next = true;
        }
        out.extend(cap);
    } else {
        out.push(bx);
    }
}

/// The smallest text of a drawing at scale 1 (pt), if it has text.
fn smallest_text(d: &Drawing) -> Option<f32> {
    d.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { size, text, .. } if !text.trim().is_empty() => Some(*size),
            _ => None,
        })
        .reduce(f32::min)
}

/// Where a figure goes and at what scale: on the flow's portrait page when
/// it fits there with its smallest text at [`MIN_TEXT`] or more, else on a
/// landscape page of its own when that shows it larger.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// Scale of the drawing.
    pub scale: f32,
    /// On an A4 landscape page of its own.
    pub landscape: bool,
}

/// Chooses the placement of a `w` × `h` drawing whose smallest text is
/// `smallest` pt, in a flow `measure` wide.
pub fn placement(w: f32, h: f32, smallest: Option<f32>, measure: f32) -> Placement {
    let fit = |width: f32, height: f32| 1.0_f32.min(width / w).min(height / h);
    let portrait = fit(measure, MAX_H);
    let legible = |s: f32| smallest.is_none_or(|t| t * s >= MIN_TEXT - 0.01);
    if legible(portrait) {
        return Placement {
            scale: portrait,
            landscape: false,
        };
    }
    let landscape = fit(LANDSCAPE_W, LANDSCAPE_MAX_H);
    if landscape > portrait {
        Placement {
            scale: landscape,
            landscape: true,
        }
    } else {
        Placement {
            scale: portrait,
            landscape: false,
        }
    }
}

/// Lays out a diagram as a figure with its caption, scaled to the measure
/// but never so that its text falls under [`MIN_TEXT`] when a landscape
/// page of its own can show it larger.
pub fn figure(ctx: &Ctx, caption: Option<&str>, d: &Diagram, f: &Flow, out: &mut Vec<VBox>) {
    let drawing = diagram::layout(d, &ctx.fonts.gothic);
    let place = placement(
        drawing.width,
        drawing.height,
        smallest_text(&drawing),
        f.width,
    );
    let s = place.scale;
    // A landscape page is the figure's own: it is centred on that page's
    // measure, and so is its caption.
    let f = &if place.landscape {
        Flow {
            x: 0.0,
            width: LANDSCAPE_W,
            ..f.clone()
        }
    } else {
        f.clone()
    };
    let x0 = f.x + (f.width - drawing.width * s) / 2.0;
    // The same words the HTML gives beside its drawing: the caption, then
    // every label in reading order.
    let node = ctx.leaf(Role::Figure);
    let labels: Vec<String> = d.labels().into_iter().filter(|l| !l.is_empty()).collect();
    let alt = match caption {
        Some(c) => format!("{c}：{}", labels.join("、")),
        None => labels.join("、"),
    };
    ctx.set_alt(node, alt);
    let mut draws = drawing_draws(ctx, &drawing, x0, s);
    roles::stamp(&mut draws, node);
    let mut bx = VBox::new(drawing.height * s + 4.0, draws);
    for d in &mut bx.draws {
        d.translate(0.0, 2.0);
    }
    if place.landscape {
        bx.page_size = Some((PAGE_H, PAGE_W));
    }
    place_with_caption(ctx, bx, caption, f, out);
}
