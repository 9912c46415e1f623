//! Wrapping Japanese labels inside a width with the same font metrics the PDF
//! uses, so a label breaks at the same place on the phone and on paper.

use super::drawing::{Anchor, Color, Shape};
use crate::font::FontMetrics;
use crate::phrase;

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

/// Width of `s` in points at `size`.
pub fn width(metrics: &FontMetrics, s: &str, size: f32) -> f32 {
    metrics.width(s) * size
}

/// Breaks `text` into lines no wider than `max` points at `size`, at the
/// best place `crate::phrase` allows (phrase, script change, between kanji;
/// inside a katakana or Latin word only when the word alone is too wide).
/// Explicit newlines are kept.
pub fn wrap(metrics: &FontMetrics, text: &str, size: f32, max: f32) -> Vec<String> {
    phrase::wrap(text, max, &|s: &str| width(metrics, s, size))
}

/// Like `wrap`, but with the narrowest width that still needs as few lines,
/// so a label breaks into even lines instead of leaving one character alone.
pub fn wrap_balanced(metrics: &FontMetrics, text: &str, size: f32, max: f32) -> Vec<String> {
    phrase::wrap_balanced(text, max, &|s: &str| width(metrics, s, size))
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
    use crate::kinsoku::{no_end, no_start};

    fn starts_bad(l: &str) -> bool {
        l.chars().next().is_some_and(no_start)
    }

    fn ends_bad(l: &str) -> bool {
        l.chars().last().is_some_and(no_end)
    }

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

    #[test]
    fn katakana_words_stay_whole_in_a_box() {
        let m = metrics();
        for (text, word) in [
            ("最高情報システム統括責任者（CIO）", "システム"),
            ("情報システム課職員", "システム"),
            ("ファイアウォール", "ファイアウォール"),
        ] {
            let lines = wrap_balanced(&m, text, 10.0, 88.0);
            assert!(lines.iter().any(|l| l.contains(word)), "{lines:?}");
        }
    }
}
