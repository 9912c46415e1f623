//! Blocks (paragraphs, lists, quotes, tables …) → boxes of the vertical flow.

use crate::model::{Block, Inline, LinkTarget};

use super::boxes::{Draw, FontKind, Rgb, Target, VBox};
use super::roles::{self, Role};
use super::text::{self, is_cjk, Align, ParaOpts, Run, Style};
use super::{reference, Ctx};

/// Body text size (pt); the measure is a whole number of these.
pub const BODY: f32 = 10.5;
/// Table text size (pt).
pub const TABLE: f32 = 9.5;

/// Where and how a run of blocks is set.
#[derive(Clone, Debug)]
pub struct Flow {
    /// Left edge relative to the content area.
    pub x: f32,
    /// Width available.
    pub width: f32,
    /// Main text: paragraphs get a one-character first-line indent.
    pub body: bool,
    /// Font of plain text.
    pub font: FontKind,
    /// Font size (pt).
    pub size: f32,
    /// Line height as a multiple of the font size.
    pub leading: f32,
    /// How lines are aligned.
    pub align: Align,
    /// Space between blocks.
    pub gap: f32,
}

impl Flow {
    /// The main text at `x`, `width` wide.
    pub fn body(x: f32, width: f32) -> Flow {
        Flow {
            x,
            width,
            body: true,
            font: FontKind::Mincho,
            size: BODY,
            leading: 1.75,
            align: Align::Justify,
            gap: 3.0,
        }
    }
    /// A table cell's text, `width` wide.
    pub fn cell(width: f32) -> Flow {
        Flow {
            x: 0.0,
            width,
            body: false,
            font: FontKind::Gothic,
            size: TABLE,
            leading: 1.5,
            align: Align::Justify,
            gap: 2.0,
        }
    }
    /// The same flow indented by `dx` (lists, notes), never narrower than two characters.
    pub fn inset(&self, dx: f32) -> Flow {
        Flow {
            x: self.x + dx,
            width: (self.width - dx).max(self.size * 2.0),
            body: false,
            ..self.clone()
        }
    }
    /// The text style of plain text in this flow.
    pub fn style(&self) -> Style {
        Style::new(self.font, self.size)
    }
}

/// Inline markup → styled runs.
pub fn runs(ctx: &Ctx, inlines: &[Inline], base: &Style, out: &mut Vec<Run>) {
    for i in inlines {
        match i {
            Inline::Text(t) => push_text(out, t, base),
            Inline::Strong(c) => runs(
                ctx,
                c,
                &Style {
                    font: FontKind::Gothic,
                    ..base.clone()
                },
                out,
            ),
            Inline::Emphasis(c) => runs(ctx, c, base, out),
            Inline::Strike(c) => runs(
                ctx,
                c,
                &Style {
                    strike: true,
                    ..base.clone()
                },
                out,
            ),
            Inline::Code(t) => push_text(
                out,
                t,
                &Style {
                    font: FontKind::Gothic,
                    ..base.clone()
                },
            ),
            Inline::Link(l) => link(ctx, l, base, out),
            Inline::Glossary { text, .. } => {
                push_text(out, text, base);
                push_text(out, "※", base);
            }
            Inline::HardBreak => push_raw(out, "\n", base),
            Inline::FootnoteRef(l) => push_text(out, &format!("（注{l}）"), base),
        }
    }
}

fn link(ctx: &Ctx, l: &crate::model::Link, base: &Style, out: &mut Vec<Run>) {
    let empty = crate::model::plain_text(&l.content).trim().is_empty();
    match &l.target {
        LinkTarget::External(url) => {
            let st = Style {
                link: Some(Target::Uri(url.clone())),
                color: Rgb::LINK,
                tag: ctx.leaf(Role::Link),
                ..base.clone()
            };
            if empty {
                push_text(out, url, &st);
            } else {
                runs(ctx, &l.content, &st, out);
            }
        }
        LinkTarget::Internal {
            doc,
            anchor,
            heading,
        } => {
            let st = Style {
                link: Some(ctx.target(doc, anchor.as_deref())),
                color: Rgb::LINK,
                tag: ctx.leaf(Role::Link),
                ..base.clone()
            };
            let page = if *heading || anchor.is_none() {
                ctx.page_ref(doc, anchor.as_deref())
            } else {
                None
            };
            let section = anchor
                .as_deref()
                .filter(|_| *heading && doc != &ctx.doc_id)
                .and_then(|a| reference::section(ctx, doc, a));
            match section {
                Some(s) => reference::push(ctx, &s, &l.content, page, &st, out),
                None => {
                    runs(ctx, &l.content, &st, out);
                    if let Some(p) = page {
                        push_text(out, &format!("（P.{p}）"), &st);
                    }
                }
            }
        }
        LinkTarget::Excluded => {
            if empty {
                push_text(out, "（本版に含まれない資料）", base);
            } else {
                runs(ctx, &l.content, base, out);
            }
        }
        // A file beside the HTML pages does not travel with the PDF: it is
        // named as an attachment (別添) so the reader knows what to ask for.
        LinkTarget::Asset(rel) => {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            if !empty {
                runs(ctx, &l.content, base, out);
            }
            push_text(out, &format!("（別添：{name}）"), base);
        }
    }
}

/// Appends text; a soft line break joins Japanese with nothing, Latin with a space.
pub(super) fn push_text(out: &mut Vec<Run>, t: &str, style: &Style) {
    let mut s = String::with_capacity(t.len());
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            let prev = s
                .chars()
                .last()
                .or_else(|| out.last().and_then(|r| r.text.chars().last()));
            let next = chars.get(i + 1).copied();
            match (prev, next) {
                (Some(p), Some(n)) if is_cjk(p) || is_cjk(n) => {}
                (Some(_), Some(_)) => s.push(' '),
                _ => {}
            }
            continue;
        }
        s.push(c);
    }
    push_raw(out, &s, style);
}

fn push_raw(out: &mut Vec<Run>, s: &str, style: &Style) {
    if s.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(r) if r.style == *style => r.text.push_str(s),
        _ => out.push(Run {
            text: s.to_string(),
            style: style.clone(),
        }),
    }
}

/// A paragraph of runs as line boxes.
pub fn para(
    ctx: &Ctx,
    rs: &[Run],
    f: &Flow,
    first_indent: f32,
    hang: f32,
    align: Align,
) -> Vec<VBox> {
    let opts = ParaOpts {
        width: f.width,
        first_indent,
        hang,
        leading: f.leading,
        align,
    };
    let mut boxes = text::lines(ctx, rs, &opts);
    for b in &mut boxes {
        for d in &mut b.draws {
            d.translate(f.x, 0.0);
        }
    }
    if let Some(b) = boxes.first_mut() {
        b.space_before = f.gap;
    }
    super::keep::paragraph_lines(&mut boxes);
    boxes
}

/// A plain string as a paragraph in the flow's style.
pub fn plain(ctx: &Ctx, s: &str, style: &Style, f: &Flow, align: Align) -> Vec<VBox> {
    para(
        ctx,
        &[Run {
            text: s.to_string(),
            style: style.clone(),
        }],
        f,
        0.0,
        0.0,
        align,
    )
}

/// Lays out `bs` into boxes.
pub fn blocks(ctx: &Ctx, bs: &[Block], f: &Flow, out: &mut Vec<VBox>) {
    for b in bs {
        block(ctx, b, f, out);
    }
}

/// Lays out one block; text it leaves to no inner node (code, a rule's
/// neighbours, a heading inside a cell) becomes one paragraph node.
pub fn block(ctx: &Ctx, b: &Block, f: &Flow, out: &mut Vec<VBox>) {
    let start = out.len();
    block_draws(ctx, b, f, out);
    let loose = out[start..]
        .iter()
        .flat_map(|b| &b.draws)
        .any(|d| matches!(d, Draw::Text { tag, .. } if tag.is_artifact()));
    if loose {
        roles::stamp_boxes(&mut out[start..], ctx.leaf(Role::P));
    }
}

fn block_draws(ctx: &Ctx, b: &Block, f: &Flow, out: &mut Vec<VBox>) {
    match b {
        Block::Heading(h) => {
            // A heading inside a cell or quote: a bold line.
            let p = ctx.open(Role::P);
            let mut rs = Vec::new();
            let st = Style {
                font: FontKind::Gothic,
                ..f.style()
            };
            runs(ctx, &h.text, &st, &mut rs);
            if let Some(n) = &h.number {
                rs.insert(
                    0,
                    Run {
                        text: format!("{n}　"),
                        style: st.clone(),
                    },
                );
            }
            let mut bx = para(ctx, &rs, f, 0.0, 0.0, Align::Left);
            ctx.close();
            roles::stamp_boxes(&mut bx, p);
            if let Some(l) = bx.last_mut() {
                l.keep_with_next = true;
            }
            out.extend(bx);
        }
        Block::Paragraph(p) => paragraph(ctx, p, f, out),
        Block::List(l) => list(ctx, l, f, out),
        Block::Table(t) => super::table::model_table(ctx, t, f, out),
        Block::Quote(bs) => {
            let inner = f.inset(f.size * 1.5);
            let start = out.len();
            ctx.open(Role::Quote);
            blocks(ctx, bs, &inner, out);
            ctx.close();
            for bx in &mut out[start..] {
                let x = f.x + f.size * 0.5;
                bx.draws.push(Draw::Line {
                    points: vec![(x, 0.0), (x, bx.height)],
                    width: 1.5,
                    color: Rgb::SHADE,
                    dashed: false,
                });
            }
        }
        Block::Code(code) => {
            let st = Style {
                font: FontKind::Gothic,
                size: f.size * 0.85,
                ..f.style()
            };
            let inner = Flow {
                leading: 1.45,
                ..f.inset(f.size * 0.5)
            };
            let mut first = true;
            for line in code.trim_end_matches('\n').split('\n') {
                let text = if line.is_empty() { " " } else { line };
                for mut bx in plain(ctx, text, &st, &inner, Align::Left) {
                    bx.space_before = if first { f.gap } else { 0.0 };
                    first = false;
                    bx.draws.insert(
                        0,
                        Draw::Rect {
                            x: f.x,
                            y: 0.0,
                            w: f.width,
                            h: bx.height,
                            fill: Some(Rgb::LIGHT),
                            stroke: None,
                        },
                    );
                    out.push(bx);
                }
            }
        }
        Block::Rule => {
            let mut bx = VBox::new(
                10.0,
                vec![Draw::Line {
                    points: vec![(f.x, 5.0), (f.x + f.width, 5.0)],
                    width: 0.5,
                    color: Rgb::GREY,
                    dashed: false,
                }],
            );
            bx.space_before = f.gap;
            out.push(bx);
        }
        Block::Figure(fig) => {
            super::figure::figure(ctx, fig.caption.as_deref(), &fig.diagram, f, out)
        }
        Block::Structured(e) => super::structured::embedded(ctx, e, f, out),
        Block::Image { src, alt, caption } => {
            super::figure::image(ctx, src, alt, caption.as_deref(), f, out)
        }
        Block::Footnote { label, blocks: bs } => {
            let size = f.size * 0.9;
            let inner = Flow {
                size,
                ..f.inset(0.0)
            };
            let mark = format!("注{label}　");
            let hang = ctx.width(f.font, size, &mark);
            ctx.open(Role::Note);
            let first = ctx.open(Role::P);
            let mut rs = vec![Run {
                text: mark,
                style: inner.style(),
            }];
            let mut rest: &[Block] = bs;
            if let Some(Block::Paragraph(p)) = bs.first() {
                runs(ctx, p, &inner.style(), &mut rs);
                rest = &bs[1..];
            }
            let mut bx = para(ctx, &rs, &inner, 0.0, hang, Align::Justify);
            ctx.close();
            roles::stamp_boxes(&mut bx, first);
            out.extend(bx);
            blocks(ctx, rest, &inner.inset(hang), out);
            ctx.close();
        }
    }
}

/// Lays out one paragraph into line boxes.
pub fn paragraph(ctx: &Ctx, p: &[Inline], f: &Flow, out: &mut Vec<VBox>) {
    // Opened before the runs, so that their links are its children.
    let node = ctx.open(Role::P);
    let mut rs = Vec::new();
    runs(ctx, p, &f.style(), &mut rs);
    let first = rs.first().and_then(|r| r.text.chars().next());
    // A line that opens with its own mark (・ ※ ○) hangs under the mark.
    let (first_indent, hang) = match first {
        Some(c @ ('・' | '※' | '○' | '●' | '□' | '◎')) => {
            (0.0, ctx.advance(rs[0].style.font, c) * rs[0].style.size)
        }
        _ if f.body => (f.size, 0.0),
        _ => (0.0, 0.0),
    };
    let mut bx = para(ctx, &rs, f, first_indent, hang, f.align);
    ctx.close();
    roles::stamp_boxes(&mut bx, node);
    out.extend(bx);
}

fn list(ctx: &Ctx, l: &crate::model::List, f: &Flow, out: &mut Vec<VBox>) {
    let markers: Vec<String> = (0..l.items.len())
        .map(|i| {
            if l.ordered {
                format!("{}.", l.start + i as u64)
            } else {
                "・".to_string()
            }
        })
        .collect();
    let mw = markers
        .iter()
        .map(|m| ctx.width(f.font, f.size, m))
        .fold(0.0_f32, f32::max);
    let indent = if l.ordered { mw + f.size * 0.4 } else { mw };
    let inner = Flow {
        gap: 1.0,
        ..f.inset(indent)
    };
    ctx.open(Role::List);
    let list_start = out.len();
    let mut last_start = out.len();
    for (n, (item, marker)) in l.items.iter().zip(&markers).enumerate() {
        let start = out.len();
        last_start = start;
        ctx.open(Role::ListItem);
        let label = ctx.leaf(Role::Label);
        let body = ctx.open(Role::ListBody);
        blocks(ctx, item, &inner, out);
        ctx.close();
        ctx.close();
        roles::stamp_boxes(&mut out[start..], body);
        if out.len() == start {
            out.push(VBox::new(f.size * f.leading, vec![]));
        }
        let first = &mut out[start];
        first.space_before = if n == 0 { f.gap } else { 1.0 };
        let baseline = first
            .draws
            .iter()
            .find_map(|d| match d {
                Draw::Text { y, .. } => Some(*y),
                _ => None,
            })
            .unwrap_or((f.size * f.leading - f.size) / 2.0 + f.size * 0.88);
        // First in the box: the mark is read before the item's text.
        first.draws.insert(
            0,
            Draw::Text {
                x: f.x,
                y: baseline,
                font: f.font,
                size: f.size,
                color: Rgb::BLACK,
                pieces: vec![super::boxes::Piece::Text(marker.clone())],
                tag: label,
            },
        );
    }
    super::keep::last_not_alone(&mut out[list_start..], last_start - list_start);
    ctx.close();
}
