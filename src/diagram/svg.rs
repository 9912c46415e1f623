//! A `Drawing` as standalone inline SVG: shapes carry classes (the HTML theme
//! recolours them in dark mode) with fill and stroke as attributes for any
//! viewer; labels stay text; the title and description are the text
//! alternative for screen readers. The output is deterministic.

use super::drawing::{arrow_head, Anchor, Color, Drawing, Paint, Shape};
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// The drawing as an inline SVG element, titled and described for screen readers.
pub fn svg(drawing: &Drawing, title: &str, desc: &str) -> String {
    let mut body = String::new();
    for s in &drawing.shapes {
        shape(&mut body, s);
    }
    // Ids unique per figure on a page, stable from build to build.
    let mut h = Sha256::new();
    h.update(title.as_bytes());
    h.update([0]);
    h.update(desc.as_bytes());
    h.update([0]);
    h.update(body.as_bytes());
    let id = crate::source::fingerprint::to_hex(&h.finalize()[..5]);
    let (w, hgt) = (num(drawing.width), num(drawing.height));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {hgt}\" width=\"{w}\" height=\"{hgt}\" \
         role=\"img\" aria-labelledby=\"dg-{id}-t dg-{id}-d\" class=\"diagram-svg\" font-family=\"sans-serif\">\
         <title id=\"dg-{id}-t\">{}</title><desc id=\"dg-{id}-d\">{}</desc>\n{body}</svg>",
        escape(title),
        escape(desc)
    )
}

/// Numbers with at most two decimals and no trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn color(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn paint_attrs(p: &Paint) -> String {
    let mut a = format!(" class=\"{}\"", p.class);
    match p.fill {
        Some(c) => write!(a, " fill=\"{}\"", color(c)).unwrap(),
        None => a.push_str(" fill=\"none\""),
    }
    if let Some(c) = p.stroke {
        write!(
            a,
            " stroke=\"{}\" stroke-width=\"{}\"",
            color(c),
            num(p.stroke_width)
        )
        .unwrap();
        if p.dashed {
            a.push_str(" stroke-dasharray=\"4 3\"");
        }
    }
    a
}

fn points(pts: &[(f32, f32)]) -> String {
    pts.iter()
        .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn shape(out: &mut String, s: &Shape) {
    match s {
        Shape::Rect {
            x,
            y,
            w,
            h,
            r,
            paint,
        } => {
            let rr = if *r > 0.0 {
                format!(" rx=\"{}\"", num(*r))
            } else {
                String::new()
            };
            writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{rr}{}/>",
                num(*x),
                num(*y),
                num(*w),
                num(*h),
                paint_attrs(paint)
            )
            .unwrap();
        }
        Shape::Polygon { points: pts, paint } => {
            writeln!(
                out,
                "<polygon points=\"{}\"{}/>",
                points(pts),
                paint_attrs(paint)
            )
            .unwrap();
        }
        Shape::Line {
            points: pts,
            paint,
            arrow,
        } => {
            let line_paint = Paint {
                fill: None,
                ..paint.clone()
            };
            writeln!(
                out,
                "<polyline points=\"{}\"{} stroke-linejoin=\"round\"/>",
                points(pts),
                paint_attrs(&line_paint)
            )
            .unwrap();
            if *arrow {
                if let Some(head) = arrow_head(pts) {
                    let c = color(paint.stroke.unwrap_or(Color(0, 0, 0)));
                    writeln!(
                        out,
                        "<polygon points=\"{}\" class=\"{} dg-arrow\" fill=\"{c}\"/>",
                        points(&head),
                        paint.class
                    )
                    .unwrap();
                }
            }
        }
        Shape::Text {
            x,
            y,
            size,
            text,
            anchor,
            bold,
            color: c,
            class,
        } => {
            let anchor = match anchor {
                Anchor::Start => "",
                Anchor::Middle => " text-anchor=\"middle\"",
                Anchor::End => " text-anchor=\"end\"",
            };
            let weight = if *bold { " font-weight=\"bold\"" } else { "" };
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{anchor}{weight} fill=\"{}\" class=\"{class}\">{}</text>",
                num(*x),
                num(*y),
                num(*size),
                color(*c),
                escape(text)
            )
            .unwrap();
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::escape::push_esc(&mut out, s);
    out
}
