//! Files under `content/assets/`: which ones a bundle may carry, read and
//! checked once, when a document first refers to them.
//!
//! Only PNG and JPEG images (the formats HTML, bcp.html and the PDF can all
//! show) and PDF attachments are accepted. A file is recognised by its bytes
//! and its name together: a `.png` that is not a PNG, or an `.html`, is
//! refused, so nothing that a browser would run as a page leaves `content/`.
//! SVG is refused rather than sanitised: it can carry scripts and remote
//! loads, and bcpgen draws its own diagrams from YAML instead.

use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::diag::Diagnostic;
use crate::model::{Asset, AssetKind, ImageFormat};

/// Largest image file accepted, in bytes (bcp.html carries each image inline).
pub const MAX_IMAGE_BYTES: u64 = 10 * 1024 * 1024;
/// Largest PDF attachment accepted, in bytes.
pub const MAX_PDF_BYTES: u64 = 50 * 1024 * 1024;
/// Largest width or height an image header may declare, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 10_000;
/// Most pixels an image may declare (decoded RGBA: 4 bytes each, 100 MB).
pub const MAX_IMAGE_PIXELS: u64 = 25_000_000;
/// Resolution assumed when the file states none (CSS's px).
pub const DEFAULT_DPI: f32 = 96.0;

/// One file found under `assets/`, resolved inside the content folder.
#[derive(Debug)]
pub struct AssetFile {
    /// Where it really is (canonical, checked to lie inside the content folder).
    pub path: PathBuf,
    /// The path as the user would type it (`content/assets/map.png`),
    /// which the file's diagnostics name.
    pub display: String,
    loaded: OnceLock<Result<Asset, Diagnostic>>,
}

impl AssetFile {
    /// An asset really at `path`, shown as `display`, read only when first needed.
    pub fn new(path: PathBuf, display: String) -> AssetFile {
        AssetFile {
            path,
            display,
            loaded: OnceLock::new(),
        }
    }

    /// The file read and checked (once; documents converted in parallel
    /// share the result). The error names the asset's file; a document
    /// that refers to it reports its message at the referring line.
    pub fn load(&self) -> Result<&Asset, &Diagnostic> {
        self.loaded
            .get_or_init(|| load(&self.path).map_err(|d| d.or_in(self.display.clone())))
            .as_ref()
    }
}

/// A problem with the file itself; [`AssetFile::load`] places it in the file.
fn refused(message: impl Into<String>) -> Diagnostic {
    Diagnostic::error("", message)
}

/// What a file's name says it should be.
enum Expected {
    Image(ImageFormat),
    Pdf,
}

fn expected(path: &std::path::Path) -> Result<Expected, Diagnostic> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => Ok(Expected::Image(ImageFormat::Png)),
        "jpg" | "jpeg" => Ok(Expected::Image(ImageFormat::Jpeg)),
        "pdf" => Ok(Expected::Pdf),
        "svg" | "svgz" => Err(refused(
            "SVG の画像は使えません（スクリプトや外部の読み込みを含められるため）。PNG に変換してください",
        )),
        "gif" | "webp" => Err(refused(format!(
            "{} の画像は使えません（PDF にも載せられる PNG か JPEG に変換してください）",
            ext.to_ascii_uppercase()
        ))),
        "" => Err(refused(
            "拡張子のないファイルは使えません（使えるのは PNG・JPEG の画像と PDF です）",
        )),
        _ => Err(refused(format!(
            "この種類のファイル（.{ext}）は使えません（使えるのは PNG・JPEG の画像と PDF です）"
        ))),
    }
}

fn load(path: &std::path::Path) -> Result<Asset, Diagnostic> {
    let want = expected(path)?;
    let limit = match want {
        Expected::Image(_) => MAX_IMAGE_BYTES,
        Expected::Pdf => MAX_PDF_BYTES,
    };
    let unreadable = |e: std::io::Error| {
        refused(format!(
            "ファイルを読めません（{e}）",
            e = crate::diag::io_reason(&e)
        ))
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // Read at most one byte past the limit: a huge file is never held whole.
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(refused(format!(
            "ファイルが大きすぎます（上限 {} MB）",
            limit / 1024 / 1024
        )));
    }
    let kind = match want {
        Expected::Pdf => {
            if !bytes.starts_with(b"%PDF-") {
                return Err(refused("拡張子は .pdf ですが、中身が PDF ではありません"));
            }
            AssetKind::Pdf
        }
        Expected::Image(format) => image_kind(&bytes, format)?,
    };
    Ok(Asset {
        kind,
        sha256: crate::source::fingerprint::hex(&bytes),
        bytes: Arc::new(bytes),
    })
}

/// Checks an image's declared size against the limits before decoding it,
/// then decodes it once so that a damaged file fails here (in `check` too)
/// and not halfway through writing a PDF.
fn image_kind(bytes: &[u8], format: ImageFormat) -> Result<AssetKind, Diagnostic> {
    let (signature, name, ext): (&[u8], _, _) = match format {
        ImageFormat::Png => (b"\x89PNG\r\n\x1a\n", "PNG", ".png"),
        ImageFormat::Jpeg => (b"\xFF\xD8\xFF", "JPEG", ".jpg/.jpeg"),
    };
    if !bytes.starts_with(signature) {
        return Err(refused(format!(
            "拡張子は {ext} ですが、中身が {name} の画像ではありません"
        )));
    }
    let fmt = match format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
    };
    let reader = || image::ImageReader::with_format(std::io::Cursor::new(bytes), fmt);
    // Header only: the size is known without decoding a pixel.
    let (width, height) = reader().into_dimensions().map_err(|e| image_reason(&e))?;
    if width == 0 || height == 0 {
        return Err(refused("画像の幅か高さが 0 です"));
    }
    if width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE {
        return Err(refused(format!(
            "画像が大きすぎます（{width}×{height} ピクセル。幅・高さの上限は {MAX_IMAGE_SIDE} ピクセル）"
        )));
    }
    if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
        return Err(refused(format!(
            "画像が大きすぎます（{width}×{height} ピクセル。上限は {MAX_IMAGE_PIXELS} ピクセル）"
        )));
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    // Room for 16-bit RGBA of the largest accepted image, and no more.
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 8 + 1024 * 1024);
    let mut r = reader();
    r.limits(limits);
    r.decode().map_err(|e| image_reason(&e))?;
    let (dpi_x, dpi_y) = match format {
        ImageFormat::Png => png_dpi(bytes),
        ImageFormat::Jpeg => jfif_dpi(bytes),
    }
    .filter(|(x, y)| (1.0..=100_000.0).contains(x) && (1.0..=100_000.0).contains(y))
    .unwrap_or((DEFAULT_DPI, DEFAULT_DPI));
    Ok(AssetKind::Image {
        format,
        width,
        height,
        dpi_x,
        dpi_y,
    })
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

// The `image` crate reads sizes but not resolution, so the two chunks that
// state it are read here by hand.

/// The resolution a PNG's pHYs chunk states, when in pixels per metre.
fn png_dpi(b: &[u8]) -> Option<(f32, f32)> {
    let mut at = 8;
    loop {
        let len = be32(b, at)? as usize;
        let kind = b.get(at + 4..at + 8)?;
        match kind {
            b"pHYs" => {
                let data = b.get(at + 8..at + 8 + 9)?;
                // Unit 1 is the metre; 0 states only an aspect ratio.
                if data[8] != 1 {
                    return None;
                }
                let per_inch = |ppm: u32| ppm as f32 * 0.0254;
                return Some((per_inch(be32(data, 0)?), per_inch(be32(data, 4)?)));
            }
            // pHYs must come before the image data.
            b"IDAT" | b"IEND" => return None,
            _ => at = at.checked_add(12)?.checked_add(len)?,
        }
    }
}

/// The resolution a JPEG's JFIF (APP0) segment states, in dots per inch or cm.
fn jfif_dpi(b: &[u8]) -> Option<(f32, f32)> {
    let mut at = 2;
    loop {
        if *b.get(at)? != 0xFF {
            return None;
        }
        let marker = *b.get(at + 1)?;
        // Start of frame or scan: no JFIF segment before it.
        if marker == 0xDA || (0xC0..=0xCF).contains(&marker) && marker != 0xC4 {
            return None;
        }
        let len = be16(b, at + 2)? as usize;
        if marker == 0xE0 && b.get(at + 4..at + 9)? == b"JFIF\0" {
            let unit = *b.get(at + 11)?;
            let (x, y) = (be16(b, at + 12)? as f32, be16(b, at + 14)? as f32);
            return match unit {
                1 => Some((x, y)),
                2 => Some((x * 2.54, y * 2.54)),
                _ => None,
            };
        }
        at = at.checked_add(2)?.checked_add(len)?;
    }
}

/// Why the image crate could not read a file, in Japanese (its own
/// reasons are English and name codec internals).
fn image_reason(e: &image::ImageError) -> Diagnostic {
    use image::error::{ImageError as E, LimitErrorKind};
    refused(match e {
        E::IoError(io) => format!("画像を読めません（{}）", crate::diag::io_reason(io)),
        E::Limits(l) if matches!(l.kind(), LimitErrorKind::InsufficientMemory) => {
            "画像が大きすぎて展開できません".to_string()
        }
        E::Limits(_) => "画像が大きすぎます".to_string(),
        E::Unsupported(_) => "画像の形式のうち、この版が読めない機能を使っています".to_string(),
        _ => "画像を読めません（ファイルが壊れています）".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grey RGB PNG, with a pHYs chunk (pixels per unit, unit) after
    /// IHDR when asked (its CRC is not checked by the reader under test).
    pub(crate) fn png(w: u32, h: u32, phys: Option<(u32, u8)>) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(w, h, image::Rgb([200, 200, 200]))
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        let mut out = out.into_inner();
        if let Some((ppu, unit)) = phys {
            let mut chunk = 9u32.to_be_bytes().to_vec();
            chunk.extend(b"pHYs");
            chunk.extend(ppu.to_be_bytes());
            chunk.extend(ppu.to_be_bytes());
            chunk.extend([unit, 0, 0, 0, 0]);
            // After the signature (8) and IHDR (25).
            out.splice(33..33, chunk);
        }
        out
    }

    #[test]
    fn a_png_states_its_resolution_in_phys() {
        // 11811 pixels per metre = 300 dpi.
        let b = png(4, 2, Some((11811, 1)));
        let (x, y) = png_dpi(&b).unwrap();
        assert!((x - 300.0).abs() < 0.1 && (y - 300.0).abs() < 0.1);
        assert_eq!(png_dpi(&png(4, 2, Some((11811, 0)))), None);
        assert_eq!(png_dpi(&png(4, 2, None)), None);
        match image_kind(&png(4, 2, None), ImageFormat::Png).unwrap() {
            AssetKind::Image {
                width,
                height,
                dpi_x,
                ..
            } => assert_eq!((width, height, dpi_x), (4, 2, DEFAULT_DPI)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_jfif_header_states_dots_per_inch_or_cm() {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        b.extend(b"JFIF\0");
        b.extend([1, 2, 1, 0, 150, 0, 200, 0, 0]);
        assert_eq!(jfif_dpi(&b), Some((150.0, 200.0)));
        b[13] = 2;
        assert_eq!(jfif_dpi(&b), Some((381.0, 508.0)));
        b[13] = 0;
        assert_eq!(jfif_dpi(&b), None);
        // Truncated headers give nothing, never a panic.
        for n in 0..b.len() {
            let _ = jfif_dpi(&b[..n]);
            let _ = png_dpi(&png(1, 1, Some((1, 1)))[..n]);
        }
    }

    #[test]
    fn a_declared_size_past_the_limit_is_refused_before_decoding() {
        // A header declaring 20000×20000 over a few bytes of data.
        let mut b = png(1, 1, None);
        b[16..20].copy_from_slice(&20000u32.to_be_bytes());
        b[20..24].copy_from_slice(&20000u32.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&b[12..29]);
        b[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        let e = image_kind(&b, ImageFormat::Png).unwrap_err().message;
        assert!(e.contains("20000×20000") && e.contains("10000"), "{e}");
    }

    #[test]
    fn a_damaged_image_is_refused_in_japanese() {
        // A PNG cut off inside its header, and one cut off in its data.
        let whole = png(4, 4, None);
        for cut in [20, whole.len() - 20] {
            let e = image_kind(&whole[..cut], ImageFormat::Png)
                .unwrap_err()
                .message;
            assert!(e.starts_with("画像"), "{e}");
            assert!(!e.chars().any(|c| c.is_ascii_alphabetic()), "{e}");
        }
    }

    #[test]
    fn names_and_bytes_must_agree() {
        assert!(image_kind(b"<html>", ImageFormat::Png)
            .unwrap_err()
            .message
            .contains("PNG の画像ではありません"));
        let html = std::path::Path::new("assets/doc.html");
        assert!(expected(html).err().unwrap().message.contains(".html"));
        assert!(expected(std::path::Path::new("a.svg"))
            .err()
            .unwrap()
            .message
            .contains("SVG"));
    }

    #[test]
    fn a_refused_file_is_a_diagnostic_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("map.png");
        std::fs::write(&real, b"<html>").unwrap();
        let file = AssetFile::new(real, "content/assets/map.png".into());
        let d = file.load().unwrap_err();
        assert_eq!(d.file, "content/assets/map.png");
        assert!(d.is_error());
        assert!(d.message.contains("PNG の画像ではありません"), "{d}");
        // Read once: a second reference sees the same problem.
        assert!(std::ptr::eq(d, file.load().unwrap_err()));
    }
}
