//! Font metrics shared by the PDF layout and the diagram renderer, so a label
//! wraps the same way in SVG and in print.

use ttf_parser::{Face, GlyphId};

pub struct FontMetrics<'a> {
    face: Face<'a>,
    units_per_em: f32,
}

impl<'a> FontMetrics<'a> {
    pub fn parse(data: &'a [u8]) -> Result<FontMetrics<'a>, String> {
        let face = Face::parse(data, 0).map_err(|e| format!("フォントを読み込めません: {e}"))?;
        let units_per_em = face.units_per_em() as f32;
        Ok(FontMetrics { face, units_per_em })
    }

    pub fn glyph(&self, c: char) -> Option<GlyphId> {
        self.face.glyph_index(c).filter(|g| g.0 != 0)
    }

    pub fn has(&self, c: char) -> bool {
        c.is_control() || self.glyph(c).is_some()
    }

    /// Advance width of `c` in ems (1.0 = the font size); None when the font lacks it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let g = self.glyph(c)?;
        Some(self.face.glyph_hor_advance(g).unwrap_or(0) as f32 / self.units_per_em)
    }

    /// Width of `s` in ems, counting missing characters as one em.
    pub fn width(&self, s: &str) -> f32 {
        s.chars().map(|c| self.advance(c).unwrap_or(1.0)).sum()
    }

    pub fn ascender(&self) -> f32 {
        self.face.ascender() as f32 / self.units_per_em
    }
    pub fn descender(&self) -> f32 {
        self.face.descender() as f32 / self.units_per_em
    }
}
