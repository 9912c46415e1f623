//! Files under `content/assets/` that documents show or link to, as the
//! renderers need them: what kind of file each is, and its bytes.

use std::sync::Arc;

/// The raster formats an image may have: the two that HTML, bcp.html and
/// the PDF can all show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
}

impl ImageFormat {
    /// The media type of a `data:` URI.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// What an asset is, read from its bytes (never from its name alone).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AssetKind {
    /// A raster image that can be shown inline.
    Image {
        /// PNG or JPEG.
        format: ImageFormat,
        /// Pixels, as the file's header declares them.
        width: u32,
        /// Pixels, as the file's header declares them.
        height: u32,
        /// Pixels per inch the file states (PNG pHYs, JPEG JFIF), or 96.
        dpi_x: f32,
        /// Vertical pixels per inch, likewise.
        dpi_y: f32,
    },
    /// A PDF, linked as an attachment (別添), never shown inline.
    Pdf,
}

/// One asset a document of the built edition uses.
#[derive(Clone, Debug)]
pub struct Asset {
    /// What the file is (checked from its bytes).
    pub kind: AssetKind,
    /// The file's bytes, as read once at load.
    pub bytes: Arc<Vec<u8>>,
    /// Lowercase hex SHA-256 of `bytes`, computed once: every document
    /// showing the image records it in its fingerprint.
    pub sha256: String,
}

impl Asset {
    /// The image's natural size in points (1/72 inch) at its resolution.
    pub fn size_pt(&self) -> Option<(f32, f32)> {
        match self.kind {
            AssetKind::Image {
                width,
                height,
                dpi_x,
                dpi_y,
                ..
            } => Some((width as f32 * 72.0 / dpi_x, height as f32 * 72.0 / dpi_y)),
            AssetKind::Pdf => None,
        }
    }
}
