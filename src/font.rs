//! Font metrics shared by the PDF layout and the diagram renderer, so a label
//! wraps the same way in SVG and in print.

use ttf_parser::{Face, GlyphId};

use crate::diag::Diagnostic;

/// One parsed TrueType/OpenType face: advances and glyph ids, cached for
/// the Basic Multilingual Plane.
pub struct FontMetrics<'a> {
    face: Face<'a>,
    units_per_em: f32,
    /// Glyph id and advance of every Basic Multilingual Plane character,
    /// looked up once: layout asks for each character of every line, and a
    /// cmap search per character was a tenth of the PDF build's time.
    bmp: Vec<(u16, u16)>,
}

impl<'a> FontMetrics<'a> {
    /// Reads the face in `data`; the error does not name the file, which
    /// the caller knows.
    pub fn parse(data: &'a [u8]) -> Result<FontMetrics<'a>, Diagnostic> {
        // ttf-parser's reasons are English and technical; the caller names the file.
        let face = Face::parse(data, 0)
            .map_err(|_| Diagnostic::failure("TrueType / OpenType のフォントとして読めません"))?;
        let units_per_em = face.units_per_em() as f32;
        let mut bmp = vec![(0u16, 0u16); 0x10000];
        // Only the characters the font maps (IPAex: ~12,000), not all 65,536.
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if cp < 0x10000 && bmp[cp as usize].0 == 0 {
                        if let Some(g) = char::from_u32(cp).and_then(|c| face.glyph_index(c)) {
                            bmp[cp as usize] = (g.0, face.glyph_hor_advance(g).unwrap_or(0));
                        }
                    }
                });
            }
        }
        Ok(FontMetrics {
            face,
            units_per_em,
            bmp,
        })
    }

    /// The glyph of `c`, if the font has one.
    pub fn glyph(&self, c: char) -> Option<GlyphId> {
        match self.bmp.get(c as usize) {
            Some(&(g, _)) => (g != 0).then_some(GlyphId(g)),
            None => self.face.glyph_index(c).filter(|g| g.0 != 0),
        }
    }

    /// Advance width of `c` in ems (1.0 = the font size); None when the font lacks it.
    pub fn advance(&self, c: char) -> Option<f32> {
        if let Some(&(g, adv)) = self.bmp.get(c as usize) {
            return (g != 0).then_some(adv as f32 / self.units_per_em);
        }
        let g = self.glyph(c)?;
        Some(self.face.glyph_hor_advance(g).unwrap_or(0) as f32 / self.units_per_em)
    }

    /// Width of `s` in ems, counting missing characters as one em.
    pub fn width(&self, s: &str) -> f32 {
        s.chars().map(|c| self.advance(c).unwrap_or(1.0)).sum()
    }

    /// Ascender height per point of font size.
    pub fn ascender(&self) -> f32 {
        self.face.ascender() as f32 / self.units_per_em
    }
    /// Descender depth per point of font size (negative).
    pub fn descender(&self) -> f32 {
        self.face.descender() as f32 / self.units_per_em
    }
}
