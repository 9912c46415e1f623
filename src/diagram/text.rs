//! Wrapping Japanese labels inside a width with the same font metrics the PDF
//! uses, so a label breaks at the same place on the phone and on paper.

use super::drawing::{Anchor, Color, Shape};
use crate::font::FontMetrics;
use crate::kinsoku::{no_end, no_start};

/// A label's font size and line height in points.
#[derive(Clone, Copy, Debug)]
pub struct TextStyle {
    /// Font size in points.
    pub size: f32,
    /// Line height in points.
    pub line: f32,
    /// Bold face (drawn in the Gothic font).
    pub bold: bool,
    /// Text colour.
    pub color: Color,
    /// Theme class the HTML recolours by.
    pub class: &'static str,
}

/// Splits into unbreakable pieces: a run of ASCII letters, digits and signs
/// (CIO, 5F-1, 40%) stays whole; every other character is a piece of its own.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut ascii = false;
    for c in text.chars() {
        let is_ascii_word = c.is_ascii_graphic() && !"()[]".contains(c);
        if is_ascii_word && ascii {
            out.last_mut().expect("a run is open").push(c);
        } else {
            out.push(c.to_string());
        }
        ascii = is_ascii_word;
    }
    out
}

fn starts_bad(token: &str) -> bool {
    token.chars().next().is_some_and(no_start)
}

fn ends_bad(token: &str) -> bool {
    token.chars().last().is_some_and(no_end)
}

/// Width of `s` in points at `size`.
pub fn width(metrics: &FontMetrics, s: &str, size: f32) -> f32 {
    metrics.width(s) * size
}

/// Breaks `text` into lines no wider than `max` points at `size`, keeping the
/// simple 禁則 rules; a single piece wider than `max` is split by character.
/// Explicit newlines are kept.
pub fn wrap(metrics: &FontMetrics, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        wrap_paragraph(metrics, para.trim(), size, max, &mut lines);
    }
    lines
}

fn wrap_paragraph(metrics: &FontMetrics, text: &str, size: f32, max: f32, lines: &mut Vec<String>) {
    let mut pieces: Vec<String> = Vec::new();
    for t in tokens(text) {
        if width(metrics, &t, size) > max && t.chars().count() > 1 {
            pieces.extend(t.chars().map(|c| c.to_string()));
        } else {
            pieces.push(t);
        }
    }
    let mut line: Vec<String> = Vec::new();
    let mut w = 0.0;
    for p in pieces {
        let pw = width(metrics, &p, size);
        if !line.is_empty() && w + pw > max + 0.01 {
            // Carry pieces to the next line while the break would leave a
            // forbidden character at the start of the next line or the end
            // of this one; never carry the whole line.
            let mut carry: Vec<String> = Vec::new();
            let mut next_first = p.clone();
            while line.len() > 1
                && (starts_bad(&next_first) || ends_bad(line.last().expect("non-empty")))
            {
                let moved = line.pop().expect("non-empty");
                next_first = moved.clone();
                carry.insert(0, moved);
            }
            if starts_bad(&next_first) && carry.is_empty() && line.len() == 1 {
                // Nothing to carry: let the punctuation hang on this line.
                line.push(p);
                w += pw;
                continue;
            }
            lines.push(line.concat());
            line = carry;
            line.push(p);
            w = line.iter().map(|s| width(metrics, s, size)).sum();
        } else {
            line.push(p);
            w += pw;
        }
    }
    if !line.is_empty() {
        lines.push(line.concat());
    }
}

/// Like `wrap`, but with the narrowest width that still needs as few lines,
/// so a label breaks into even lines instead of leaving one character alone.
pub fn wrap_balanced(metrics: &FontMetrics, text: &str, size: f32, max: f32) -> Vec<String> {
    let lines = wrap(metrics, text, size, max);
    if lines.len() < 2 {
        return lines;
    }
    let (mut lo, mut hi) = (size, max);
    while hi - lo > 0.5 {
        let mid = (lo + hi) / 2.0;
        if wrap(metrics, text, size, mid).len() <= lines.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    wrap(metrics, text, size, hi)
}

/// The widest of `lines` in points.
pub fn max_width(metrics: &FontMetrics, lines: &[String], size: f32) -> f32 {
    lines
        .iter()
        .map(|l| width(metrics, l, size))
        .fold(0.0, f32::max)
}

/// Baseline offset of the first line below the top of a block of lines, so
/// a block of `line`-high rows looks centred on its glyphs.
pub fn first_baseline(metrics: &FontMetrics, style: &TextStyle) -> f32 {
    let asc = metrics.ascender();
    let desc = -metrics.descender();
    let glyph = (asc + desc) * style.size;
    (style.line - glyph) / 2.0 + asc * style.size
}

/// Pushes one Text shape per line; the block's top is `top` and lines are
/// anchored at `x` as `anchor` says.
pub fn push_lines(
    shapes: &mut Vec<Shape>,
    metrics: &FontMetrics,
    lines: &[String],
    x: f32,
    top: f32,
    anchor: Anchor,
    style: &TextStyle,
) {
    let base = first_baseline(metrics, style);
    for (i, l) in lines.iter().enumerate() {
        shapes.push(Shape::Text {
            x,
            y: top + base + i as f32 * style.line,
            size: style.size,
            text: l.clone(),
            anchor,
            bold: style.bold,
            color: style.color,
            class: style.class,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::test_support::metrics;

    #[test]
    fn wraps_within_width_and_keeps_every_character() {
        let m = metrics();
        let text =
            "地方公共団体におけるICT部門の業務継続計画（BCP）策定に関するガイドライン（総務省）";
        let lines = wrap(&m, text, 10.0, 80.0);
        assert!(lines.len() > 3, "{lines:?}");
        for l in &lines {
            assert!(width(&m, l, 10.0) <= 80.01, "{l} is {}", width(&m, l, 10.0));
        }
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn no_line_starts_with_forbidden_characters() {
        let m = metrics();
        // Widths chosen so a naive break would put 、。） or ー first.
        let text = "電算機管理者と連絡が取れない、代行者が担当する。（代行者）サーバー、ルーター。";
        for w in [30.0, 40.0, 50.0, 60.0, 70.0, 90.0] {
            let lines = wrap(&m, text, 10.0, w);
            assert_eq!(lines.concat(), text);
            for l in lines.iter().skip(1) {
                assert!(!starts_bad(l), "{l:?} at width {w}: {lines:?}");
            }
            for l in &lines[..lines.len() - 1] {
                assert!(!ends_bad(l), "{l:?} at width {w}: {lines:?}");
            }
        }
    }

    #[test]
    fn balanced_wrap_leaves_no_lone_character() {
        let m = metrics();
        let lines = wrap_balanced(&m, "震度6弱以上か", 10.0, 62.0);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() >= 3), "{lines:?}");
    }

    #[test]
    fn ascii_words_stay_whole() {
        let m = metrics();
        let lines = wrap(&m, "フロアスイッチ5F-1", 10.0, 75.0);
        assert!(lines.iter().any(|l| l.contains("5F-1")), "{lines:?}");
    }
}
