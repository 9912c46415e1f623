//! Paragraph text → lines: UAX #14 break opportunities (phrase boundaries
//! for labels), 禁則 on top, JLReq spacing ([`super::spacing`]) and
//! Japanese justification to the full measure.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::boxes::{Draw, FontKind, Piece, Rgb, Target, VBox};
use super::spacing::{self, Glue, Kind};
use super::Ctx;

pub use crate::kinsoku::{no_end, no_start, NO_END, NO_START};

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
    /// A label (table header, form label): wraps at phrase boundaries
    /// ([`crate::phrase`]) rather than between any two characters.
    pub phrase: bool,
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
            phrase: false,
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
    /// The glue before this character (after the previous one), in points.
    glue: Glue,
    /// How much a line ending here may shrink (line-end punctuation), in points.
    end_shrink: f32,
}

/// Where each line may break: 0 nowhere, higher is better. Running text
/// ranks every opportunity alike (UAX #14 with 禁則); a label
/// ([`Style::phrase`]) ranks phrase boundaries over script changes over
/// breaks between kanji over forced ones ([`crate::phrase::Break`]).
fn break_points(text: &str, chars: &[Ch], phrase: bool) -> Vec<u8> {
    let n = chars.len();
    let mut allowed = vec![0u8; n + 1];
    if phrase {
        for (i, op) in crate::phrase::opportunities(text).into_iter().enumerate() {
            allowed[i] = op.map_or(0, |b| b as u8 + 1);
        }
        allowed[n] = 1;
        // The phrase rules know nothing of hard breaks: a line may always end there.
        for (i, ch) in chars.iter().enumerate() {
            if ch.c == '\n' {
                allowed[i] = allowed[i].max(1);
                allowed[i + 1] = allowed[i + 1].max(1);
            }
        }
        return allowed;
    }
    let mut idx = 0;
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    for (byte, op) in linebreaks(text) {
        while byte_of[idx] < byte {
            idx += 1;
        }
        if op == BreakOpportunity::Allowed || idx == n {
            allowed[idx] = 1;
        }
    }
    // Inside an e-mail address or URL a line breaks only after @ . / (never
    // at a hyphen, which would read as part of the address).
    let cs: Vec<char> = chars.iter().map(|c| c.c).collect();
    let address = crate::phrase::addresses(&cs);
    for i in 1..n {
        if address[i - 1] && address[i] {
            allowed[i] = u8::from(crate::phrase::breaks_after_in_address(cs[i - 1]));
        }
    }
    for i in 1..n {
        if no_start(chars[i].c) || no_end(chars[i - 1].c) {
            allowed[i] = 0;
        }
    }
    allowed
}

/// Line spans (start, end, ends_paragraph_or_hard_break).
fn break_lines(chars: &[Ch], allowed: &[u8], opts: &ParaOpts) -> Vec<(usize, usize, bool)> {
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
        // Natural width and how much of it may shrink, glue included.
        let (mut w, mut shrink) = (0.0, 0.0);
        // The best-ranked opportunity so far, the latest among equals.
        let mut best: Option<(u8, usize)> = None;
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
            if i > s {
                if allowed[i] > 0 && best.is_none_or(|(r, _)| allowed[i] >= r) {
                    best = Some((allowed[i], i));
                }
                w += chars[i].glue.natural;
                shrink += chars[i].glue.shrink;
            }
            w += chars[i].adv;
            if w - shrink - chars[i].end_shrink > avail + 0.01 && chars[i].c != ' ' && i > s {
                let b = best.map(|(_, b)| b).unwrap_or_else(|| {
                    // No opportunity: a word longer than the line is cut,
                    // still never before a closing mark. When backing off
                    // cannot avoid one, the line runs a little long instead
                    // (to the next opportunity, at most four characters).
                    let mut b = i;
                    while b > s + 1 && no_start(chars[b].c) {
                        b -= 1;
                    }
                    if no_start(chars[b].c) {
                        if let Some(f) =
                            (i + 1..=(i + 4).min(n)).find(|&k| allowed[k] > 0 || k == n)
                        {
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
    no_lone_last_character(chars, allowed, &mut lines);
    lines
}

/// A paragraph's last line never holds a single character (JLReq's 泣き別れ,
/// and a form label wrapping one character): the line before gives up its
/// last opportunity's worth of characters instead.
fn no_lone_last_character(chars: &[Ch], allowed: &[u8], lines: &mut [(usize, usize, bool)]) {
    for k in 1..lines.len() {
        let (s, e, last) = lines[k];
        let (ps, pe, plast) = lines[k - 1];
        let shown = chars[s..e].iter().filter(|c| c.c != ' ').count();
        if !last || plast || shown != 1 {
            continue;
        }
        if let Some(b) = (ps + 2..pe).rev().find(|&b| allowed[b] > 0) {
            lines[k - 1].1 = b;
            lines[k].0 = b;
        }
    }
}

fn gap_ok(a: char, b: char) -> bool {
    a == ' ' || ((is_cjk(a) || is_cjk(b)) && b != ' ')
}

/// The characters of `runs` as they are set (CR dropped, tab as a space, a
/// space between Japanese and Latin left to the 和欧間 glue), each with its
/// advance and glue, and the same characters as one string. Column widths
/// and line breaks must be measured on exactly the same text.
fn measure(ctx: &Ctx, runs: &[Run]) -> (Vec<Ch>, String) {
    let all: Vec<(char, usize)> = runs
        .iter()
        .enumerate()
        .flat_map(|(si, r)| r.text.chars().map(move |c| (c, si)))
        .filter(|&(c, _)| c != '\r')
        .map(|(c, si)| (if c == '\t' { ' ' } else { c }, si))
        .collect();
    let mut chars: Vec<Ch> = Vec::with_capacity(all.len());
    let mut text = String::new();
    for (k, &(c, si)) in all.iter().enumerate() {
        let size = runs[si].style.size;
        let prev = chars.last().map(|p| p.c);
        if c == ' ' && spacing::drops_space(prev, all.get(k + 1).map(|n| n.0)) {
            continue;
        }
        let adv = if c == '\n' {
            0.0
        } else {
            ctx.advance(runs[si].style.font, c) * size
        };
        let glue = match chars.last() {
            Some(p) if p.c != '\n' && c != '\n' => {
                let mut g = spacing::glue(p.c, c, gap_ok(p.c, c));
                let (sa, sb) = (&runs[p.style].style, &runs[si].style);
                if (sa.font, sa.color) != (sb.font, sb.color) && g.natural <= 0.0 {
                    // Across a change of face or colour (a link's edge) the
                    // two runs must not overlap: text extraction takes them
                    // as two words and sets the overlapping one on a line of
                    // its own. Such a pair keeps its full width.
                    g = spacing::Glue::default();
                }
                // The smaller size of the two: the blank being removed or
                // added belongs to the smaller mark's em at most.
                let em = size.min(runs[p.style].style.size);
                Glue {
                    natural: g.natural * em,
                    shrink: g.shrink * em,
                    kind: g.kind,
                }
            }
            _ => Glue::default(),
        };
        chars.push(Ch {
            c,
            style: si,
            adv,
            glue,
            end_shrink: spacing::end_shrink(c) * size,
        });
        text.push(c);
    }
    (chars, text)
}

/// The extra space (points) justification adds to the natural glue before
/// each character of `line` (index 0 unused), to set it `avail` wide; the
/// limits of [`spacing`] leave a line that cannot reach it ragged.
fn justify(line: &[Ch], runs: &[Run], avail: f32) -> Vec<f32> {
    let mut extra = vec![0.0; line.len()];
    let natural: f32 = line.iter().map(|c| c.adv).sum::<f32>()
        + line.iter().skip(1).map(|c| c.glue.natural).sum::<f32>();
    let em = |k: usize| runs[line[k].style].style.size;
    if natural > avail {
        // Too long (the breaker counted on shrinking): punctuation gives up
        // its blank half first, then 和欧間 shrinks, then the line-end mark.
        let mut need = natural - avail;
        for kind in [Kind::Punct, Kind::Space] {
            let total: f32 = (1..line.len())
                .filter(|&k| line[k].glue.kind == kind)
                .map(|k| line[k].glue.shrink)
                .sum();
            if need <= 0.0 || total <= 0.0 {
                continue;
            }
            let ratio = (need / total).min(1.0);
            for k in (1..line.len()).filter(|&k| line[k].glue.kind == kind) {
                extra[k] = -line[k].glue.shrink * ratio;
            }
            need -= total * ratio;
        }
        return extra;
    }
    let mut left = avail - natural;
    // Spread (JLReq 3.8.3): 和欧間 and word spaces first, up to
    // MAX_STRETCH, then every gap alike up to MAX_GAP.
    for (kinds, limit) in [
        (&[Kind::Space][..], spacing::MAX_STRETCH),
        (&[Kind::Letter, Kind::Punct][..], spacing::MAX_GAP),
    ] {
        let gaps: Vec<usize> = (1..line.len())
            .filter(|&k| kinds.contains(&line[k].glue.kind))
            .collect();
        if left <= 0.01 || gaps.is_empty() {
            continue;
        }
        let step = (left / gaps.iter().map(|&k| em(k)).sum::<f32>()).min(limit);
        for &k in &gaps {
            extra[k] += step * em(k);
            left -= step * em(k);
        }
    }
    extra
}

/// Lays out a paragraph; one box per line.
pub fn lines(ctx: &Ctx, runs: &[Run], opts: &ParaOpts) -> Vec<VBox> {
    let (chars, text) = measure(ctx, runs);
    if chars.is_empty() {
        return vec![];
    }
    let phrase = runs.iter().all(|r| r.style.phrase);
    let allowed = break_points(&text, &chars, phrase);
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
        // The space before each character: its natural glue (none at the
        // line start), plus what justification adds or takes.
        let mut before: Vec<f32> = line
            .iter()
            .enumerate()
            .map(|(k, c)| if k == 0 { 0.0 } else { c.glue.natural })
            .collect();
        let natural: f32 = line.iter().map(|c| c.adv).sum::<f32>() + before.iter().sum::<f32>();
        let mut x0 = indent;
        // A justified line is set to the measure; any other line that the
        // breaker fitted only by shrinking (a last line, a centred label)
        // shrinks the same way.
        if (opts.align == Align::Justify && !last) || natural > avail + 0.01 {
            for (b, x) in before.iter_mut().zip(justify(line, runs, avail)) {
                *b += x;
            }
        }
        let natural: f32 = line.iter().map(|c| c.adv).sum::<f32>() + before.iter().sum::<f32>();
        match opts.align {
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
            if k > 0 {
                x += before[k];
            }
            // A compression at a run boundary (「）」 closing a link before
            // 「）。」) ends the previous run instead of moving this one
            // back, so that no two runs overlap: text extraction would read
            // an overlapping run as a line of its own.
            if k > 0 && before[k] < 0.0 {
                if let Some(Draw::Text { pieces, .. }) = draws
                    .iter_mut()
                    .rev()
                    .find(|d| matches!(d, Draw::Text { .. }))
                {
                    pieces.push(Piece::Gap(before[k]));
                }
            }
            let run_x = x;
            let run_start = k;
            let mut pieces = Vec::new();
            let mut buf = String::new();
            while k < line.len() && line[k].style == si {
                if k > run_start && before[k].abs() > 1e-4 {
                    if !buf.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut buf)));
                    }
                    pieces.push(Piece::Gap(before[k]));
                    x += before[k];
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
/// widest line without wrapping, natural glue included. Used to size table
/// columns.
pub fn content_widths(ctx: &Ctx, runs: &[Run]) -> (f32, f32) {
    let (chars, text) = measure(ctx, runs);
    if chars.is_empty() {
        return (0.0, 0.0);
    }
    let phrase = runs.iter().all(|r| r.style.phrase);
    let allowed = break_points(&text, &chars, phrase);
    let (mut min, mut max, mut seg, mut line) = (0.0_f32, 0.0_f32, 0.0_f32, 0.0_f32);
    for (i, ch) in chars.iter().enumerate() {
        if ch.c == '\n' {
            max = max.max(line);
            min = min.max(seg);
            line = 0.0;
            seg = 0.0;
            continue;
        }
        if allowed[i] > 0 {
            min = min.max(seg);
            seg = 0.0;
        } else if ch.c != ' ' {
            seg += ch.glue.natural;
        }
        if ch.c != ' ' {
            seg += ch.adv;
        }
        line += ch.adv + ch.glue.natural;
    }
    (min.max(seg), max.max(line))
}
