//! Paragraph text → lines: UAX #14 break opportunities, 禁則 on top, and
//! Japanese justification to the full measure.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::boxes::{Draw, FontKind, Piece, Rgb, Target, VBox};
use super::Ctx;

pub use crate::kinsoku::{no_end, no_start, NO_END, NO_START};

/// The widest justification gap between two characters, in ems.
pub const MAX_GAP: f32 = 0.09;

/// Japanese (and other full-width) characters: spaced by justification,
/// joined without a space across a soft line break.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
        || matches!(
            c,
            '※' | '□'
                | '■'
                | '○'
                | '●'
                | '◎'
                | '△'
                | '▲'
                | '▽'
                | '◇'
                | '◆'
                | '→'
                | '←'
                | '↑'
                | '↓'
        )
}

/// How a run of text is set.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// Its face.
    pub font: FontKind,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Rgb,
    /// Where it links to.
    pub link: Option<Target>,
    /// Struck through.
    pub strike: bool,
    /// The structure node of the run (a link's), when not its paragraph's.
    pub tag: super::roles::Tag,
    /// A line under the run (傍線: the 新旧対照表's changed characters).
    pub underline: bool,
}

impl Style {
    /// Black, unlinked text in `font` at `size`.
    pub fn new(font: FontKind, size: f32) -> Style {
        Style {
            font,
            size,
            color: Rgb::BLACK,
            link: None,
            strike: false,
            tag: super::roles::Tag::ARTIFACT,
            underline: false,
        }
    }
}

/// Text in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The characters.
    pub text: String,
    /// Their style.
    pub style: Style,
}

/// How lines sit between the margins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Both edges flush (the last line left).
    Justify,
    /// Left edge flush.
    Left,
    /// Centred.
    Center,
    /// Right edge flush.
    Right,
}

/// How a paragraph is broken into lines.
#[derive(Clone, Copy, Debug)]
pub struct ParaOpts {
    /// Line width.
    pub width: f32,
    /// Extra indent of the first line.
    pub first_indent: f32,
    /// Indent of the following lines (hanging headings and notes).
    pub hang: f32,
    /// Line height as a multiple of the largest font size on the line.
    pub leading: f32,
    /// Alignment.
    pub align: Align,
}

struct Ch {
    c: char,
    style: usize,
    adv: f32,
}

fn break_points(text: &str, chars: &[Ch]) -> Vec<bool> {
    let n = chars.len();
    let mut allowed = vec![false; n + 1];
    let mut idx = 0;
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    for (byte, op) in linebreaks(text) {
        while byte_of[idx] < byte {
            idx += 1;
        }
        if op == BreakOpportunity::Allowed || idx == n {
            allowed[idx] = true;
        }
    }
    for i in 1..n {
        if no_start(chars[i].c) || no_end(chars[i - 1].c) {
            allowed[i] = false;
        }
    }
    allowed
}

/// Line spans (start, end, ends_paragraph_or_hard_break).
fn break_lines(chars: &[Ch], allowed: &[bool], opts: &ParaOpts) -> Vec<(usize, usize, bool)> {
    let n = chars.len();
    let mut lines = Vec::new();
    let mut s = 0;
    let mut first = true;
    'outer: while s < n {
        if !first {
            while s < n && chars[s].c == ' ' {
                s += 1;
            }
            if s >= n {
                break;
            }
        }
        let avail = opts.width - if first { opts.first_indent } else { opts.hang };
        first = false;
        let mut w = 0.0;
        let mut last_ok: Option<usize> = None;
        let mut i = s;
        while i < n {
            if chars[i].c == '\n' {
                lines.push((s, i, true));
                s = i + 1;
                if s == n {
                    // A trailing hard break: nothing follows.
                    break 'outer;
                }
                continue 'outer;
            }
            if i > s && allowed[i] {
                last_ok = Some(i);
            }
            w += chars[i].adv;
            if w > avail + 0.01 && chars[i].c != ' ' && i > s {
                let b = last_ok.unwrap_or_else(|| {
                    // No opportunity: a word longer than the line is cut,
                    // still never before a closing mark. When backing off
                    // cannot avoid one, the line runs a little long instead
                    // (to the next opportunity, at most four characters).
                    let mut b = i;
                    while b > s + 1 && no_start(chars[b].c) {
                        b -= 1;
                    }
                    if no_start(chars[b].c) {
                        if let Some(f) = (i + 1..=(i + 4).min(n)).find(|&k| allowed[k] || k == n) {
                            return f;
                        }
                    }
                    b
                });
                lines.push((s, b, false));
                s = b;
                continue 'outer;
            }
            i += 1;
        }
        lines.push((s, n, true));
        break;
    }
    lines
}

fn gap_ok(a: char, b: char) -> bool {
    a == ' ' || ((is_cjk(a) || is_cjk(b)) && b != ' ')
}

/// The characters of `runs` as they are set (CR dropped, tab as a space),
/// each with its advance, and the same characters as one string. Column
/// widths and line breaks must be measured on exactly the same text.
fn measure(ctx: &Ctx, runs: &[Run]) -> (Vec<Ch>, String) {
    let mut chars = Vec::new();
    let mut text = String::new();
    for (si, run) in runs.iter().enumerate() {
        for c in run.text.chars() {
            if c == '\r' {
                continue;
            }
            let c = if c == '\t' { ' ' } else { c };
            let adv = if c == '\n' {
                0.0
            } else {
                ctx.advance(run.style.font, c) * run.style.size
            };
            chars.push(Ch { c, style: si, adv });
            text.push(c);
        }
    }
    (chars, text)
}

/// Lays out a paragraph; one box per line.
pub fn lines(ctx: &Ctx, runs: &[Run], opts: &ParaOpts) -> Vec<VBox> {
    let (chars, text) = measure(ctx, runs);
    if chars.is_empty() {
        return vec![];
    }
    let allowed = break_points(&text, &chars);
    let spans = break_lines(&chars, &allowed, opts);
    let mut out = Vec::new();
    for (li, &(s, e, last)) in spans.iter().enumerate() {
        let mut e2 = e;
        while e2 > s && chars[e2 - 1].c == ' ' {
            e2 -= 1;
        }
        let line = &chars[s..e2];
        let size = line
            .iter()
            .map(|c| runs[c.style].style.size)
            .fold(0.0_f32, f32::max)
            .max(runs[chars[s.min(chars.len() - 1)].style].style.size);
        let lh = size * opts.leading;
        let indent = if li == 0 {
            opts.first_indent
        } else {
            opts.hang
        };
        let avail = opts.width - indent;
        let natural: f32 = line.iter().map(|c| c.adv).sum();
        let mut gap = 0.0;
        let mut x0 = indent;
        match opts.align {
            Align::Justify if !last => {
                let gaps = (1..line.len())
                    .filter(|&k| gap_ok(line[k - 1].c, line[k].c))
                    .count();
                let extra = avail - natural;
                if gaps > 0 && extra > 0.0 {
                    // Wider gaps than a tenth of an em read as word spaces to
                    // text extraction (poppler's rule): a line that would need
                    // more stays short rather than unsearchable.
                    gap = (extra / gaps as f32).min(MAX_GAP * size);
                }
            }
            Align::Center => x0 += ((avail - natural) / 2.0).max(0.0),
            Align::Right => x0 += (avail - natural).max(0.0),
            _ => {}
        }
        let baseline = (lh - size) / 2.0 + size * 0.88;
        let mut draws = Vec::new();
        let mut x = x0;
        let mut k = 0;
        while k < line.len() {
            let si = line[k].style;
            let style = &runs[si].style;
            if k > 0 && gap > 0.0 && gap_ok(line[k - 1].c, line[k].c) {
                x += gap;
            }
            let run_x = x;
            let run_start = k;
            let mut pieces = Vec::new();
            let mut buf = String::new();
            while k < line.len() && line[k].style == si {
                if k > run_start && gap > 0.0 && gap_ok(line[k - 1].c, line[k].c) {
                    if !buf.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut buf)));
                    }
                    pieces.push(Piece::Gap(gap));
                    x += gap;
                }
                buf.push(line[k].c);
                x += line[k].adv;
                k += 1;
            }
            if !buf.is_empty() {
                pieces.push(Piece::Text(buf));
            }
            // A run made only of spaces draws nothing.
            let blank = pieces.iter().all(|p| match p {
                Piece::Text(t) => t.trim().is_empty(),
                Piece::Gap(_) => true,
            });
            if !blank {
                draws.push(Draw::Text {
                    x: run_x,
                    y: baseline,
                    font: style.font,
                    size: style.size,
                    color: style.color,
                    pieces,
                    tag: style.tag,
                });
            }
            if style.strike {
                let y = baseline - style.size * 0.32;
                draws.push(Draw::Line {
                    points: vec![(run_x, y), (x, y)],
                    width: 0.5,
                    color: style.color,
                    dashed: false,
                });
            }
            if style.underline {
                let y = baseline + style.size * 0.14;
                draws.push(Draw::Line {
                    points: vec![(run_x, y), (x, y)],
                    width: (style.size * 0.06).max(0.5),
                    color: style.color,
                    dashed: false,
                });
            }
            if let Some(t) = &style.link {
                draws.push(Draw::Link {
                    x: run_x,
                    y: 0.0,
                    w: x - run_x,
                    h: lh,
                    target: t.clone(),
                    tag: style.tag,
                });
            }
        }
        out.push(VBox::new(lh, draws));
    }
    out
}

/// (min-content, max-content) widths: the widest unbreakable piece and the
/// widest line without wrapping. Used to size table columns.
pub fn content_widths(ctx: &Ctx, runs: &[Run]) -> (f32, f32) {
    let (chars, text) = measure(ctx, runs);
    if chars.is_empty() {
        return (0.0, 0.0);
    }
    let allowed = break_points(&text, &chars);
    let (mut min, mut max, mut seg, mut line) = (0.0_f32, 0.0_f32, 0.0_f32, 0.0_f32);
    for (i, ch) in chars.iter().enumerate() {
        if ch.c == '\n' {
            max = max.max(line);
            min = min.max(seg);
            line = 0.0;
            seg = 0.0;
            continue;
        }
        if allowed[i] {
            min = min.max(seg);
            seg = 0.0;
        }
        if ch.c != ' ' {
            seg += ch.adv;
        }
        line += ch.adv;
    }
    (min.max(seg), max.max(line))
}
