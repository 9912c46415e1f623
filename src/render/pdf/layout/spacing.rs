//! JLReq spacing between two neighbouring characters of a line: the glue a
//! pair carries (its natural width and how far justification may shrink or
//! stretch it), all in ems of the text size.
//!
//! - Consecutive punctuation (JLReq 3.1.4): a full-width closing mark followed
//!   by an opening or closing mark, or an opening mark preceded by an opening
//!   one, loses the blank half of one of the two: the pair advances by half
//!   an em less than the two glyphs' full widths.
//! - 和欧間 (JLReq 3.2.2): a quarter em between Japanese and Latin letters or
//!   digits, which may shrink to an eighth and stretch to a half. It is made
//!   by positioning only, never a U+0020 in the text; a space the source
//!   wrote between Japanese and Latin is taken as this glue (see
//!   [`drops_space`]).
//! - Justification (JLReq 3.8): a line too long first gives up the blank
//!   half of its closing and opening marks, then shrinks 和欧間; a line too
//!   short spreads, each gap between characters by at most [`MAX_GAP`], and
//!   和欧間 and word spaces by at most [`MAX_STRETCH`]. What cannot be
//!   absorbed within these limits leaves the line ragged.

/// The widest extra space justification puts between two Japanese
/// characters, in ems. A sixteenth of an em is below what reads as
/// letter-spacing; tables get whole-em columns so that Japanese lines there
/// need none. (It also stays under poppler's tenth of an em, above which
/// text extraction reads a word space inside a Japanese word.)
pub const MAX_GAP: f32 = 0.0625;

/// 和欧間: a quarter em.
pub const WAOU: f32 = 0.25;

/// The least 和欧間 after shrinking: an eighth of an em.
pub const WAOU_MIN: f32 = 0.125;

/// The most justification adds to a 和欧間 or a word space, in ems (a
/// 和欧間 then reaches half an em).
pub const MAX_STRETCH: f32 = 0.25;

/// The blank half of a full-width bracket or stop, in ems.
const HALF: f32 = 0.5;

/// How the glue between two characters may change in justification.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Kind {
    /// Fixed: neither shrinks nor stretches.
    #[default]
    Fixed,
    /// A gap between characters: stretches by at most [`MAX_GAP`].
    Letter,
    /// The blank half of a punctuation mark: shrinks first, stretches as a letter gap.
    Punct,
    /// 和欧間 or a word space: shrinks after punctuation, stretches up to [`MAX_STRETCH`].
    Space,
}

/// The glue between two characters, in ems.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Glue {
    /// Space added to the two advances (negative: the pair is compressed).
    pub natural: f32,
    /// How much less it may become in a line that is too long.
    pub shrink: f32,
    /// How it behaves in justification.
    pub kind: Kind,
}

/// A full-width closing mark, including 、。 (JLReq cl-02, cl-06, cl-07):
/// its glyph sits in the left half of its em.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '）'
            | '］'
            | '｝'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '〙'
            | '〗'
            | '〟'
            | '｠'
    )
}

/// A full-width opening mark (JLReq cl-01): its glyph sits in the right half
/// of its em.
pub fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '［' | '｛' | '「' | '『' | '【' | '〔' | '〈' | '《' | '〘' | '〖' | '〝' | '｟'
    )
}

/// Kanji, kana and the prolonged sound mark: the Japanese side of 和欧間.
pub fn is_japanese(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0x3005..=0x3007
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// A Latin letter or digit (proportional, not the full-width forms): the
/// other side of 和欧間.
pub fn is_latin(c: char) -> bool {
    // The range test first: `is_alphabetic` is a slow table lookup for kanji.
    c.is_ascii_alphanumeric() || (matches!(c as u32, 0xC0..=0x24F) && c.is_alphabetic())
}

/// Whether Japanese and Latin meet between `a` and `b`.
pub fn is_waou(a: char, b: char) -> bool {
    (is_japanese(a) && is_latin(b)) || (is_latin(a) && is_japanese(b))
}

/// Whether a space between `before` and `after` is dropped from the text
/// and left to the 和欧間 glue: authors type 「ICT 部門」 for the gap the
/// typesetter makes, and a real space there would be both too wide and a
/// U+0020 in the content stream.
pub fn drops_space(before: Option<char>, after: Option<char>) -> bool {
    matches!((before, after), (Some(a), Some(b)) if is_waou(a, b))
}

/// The glue between `a` and `b`; `letter` says whether justification may
/// spread this pair at all (between Japanese characters or after a space).
pub fn glue(a: char, b: char, letter: bool) -> Glue {
    if (is_closing(a) && (is_closing(b) || is_opening(b))) || (is_opening(a) && is_opening(b)) {
        return Glue {
            natural: -HALF,
            shrink: 0.0,
            kind: Kind::Fixed,
        };
    }
    if is_waou(a, b) {
        return Glue {
            natural: WAOU,
            shrink: WAOU - WAOU_MIN,
            kind: Kind::Space,
        };
    }
    if is_closing(a) || is_opening(b) {
        return Glue {
            natural: 0.0,
            shrink: HALF,
            kind: Kind::Punct,
        };
    }
    if a == ' ' {
        return Glue {
            natural: 0.0,
            shrink: 0.0,
            kind: Kind::Space,
        };
    }
    Glue {
        natural: 0.0,
        shrink: 0.0,
        kind: if letter { Kind::Letter } else { Kind::Fixed },
    }
}

/// How much a line ending in `c` may shrink: the blank half of a closing
/// mark at the line end (JLReq 3.8.2's line-end compression).
pub fn end_shrink(c: char) -> f32 {
    if is_closing(c) {
        HALF
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_punctuation_loses_half_an_em() {
        for (a, b) in [('。', '）'), ('、', '「'), ('）', '」'), ('（', '「')] {
            assert_eq!(glue(a, b, true).natural, -0.5, "{a}{b}");
        }
        assert_eq!(glue('あ', '「', true).natural, 0.0);
    }

    #[test]
    fn japanese_and_latin_get_a_quarter_em_shrinking_to_an_eighth() {
        let g = glue('T', '利', true);
        assert_eq!(g.natural, 0.25);
        assert_eq!(g.natural - g.shrink, 0.125);
        assert!(drops_space(Some('区'), Some('I')));
        assert!(!drops_space(Some('A'), Some('B')));
        assert!(!drops_space(Some('（'), Some('I')));
    }
}
