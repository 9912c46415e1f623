//! The installable offline web app, for when `html/` is served over http(s)
//! as a web root: `manifest.webmanifest` (the organisation's name, icons drawn
//! here from data), and `sw.js`, the service worker, carrying the build's
//! version and the list of every file of `html/` to keep (the precache list).
//!
//! The version is a digest of every file's path and bytes, so two builds of
//! the same sources give the same `sw.js`, and any change gives a new one:
//! the browser installs it beside the old one into a cache of its own, and
//! it takes over only when no page of the old build is open (never mixing
//! two builds). From `file://` none of this is used (app.js registers the
//! worker only over http/https).

use crate::diag::Diagnostic;
use std::sync::Mutex;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::Site;
use crate::render::{OutputFile, Sink};
use crate::source::fingerprint::to_hex;

/// The worker's code; `sw.js` is this after one line of build data.
const WORKER: &str = include_str!("sw.js");

/// The icon's background: the theme's accent colour (`--accent` in
/// themes/default/static/style.css), so the installed icon matches the pages.
const THEME_COLOR: [u8; 3] = [0x0b, 0x57, 0xd0];

/// Icon sizes browsers ask for (192 px for the home screen, 512 px for the splash).
const ICON_SIZES: [u32; 2] = [192, 512];

/// A sink in front of the real one that notes the path and digest of every
/// file under `html/` passing through, for the precache list and the version.
pub struct Recorder<'a> {
    inner: &'a dyn Sink,
    seen: Mutex<Vec<(String, String)>>,
}

impl<'a> Recorder<'a> {
    /// Wraps `inner`.
    pub fn new(inner: &'a dyn Sink) -> Self {
        Recorder {
            inner,
            seen: Mutex::new(Vec::new()),
        }
    }

    /// Lists a file of the bundle with its digest. Files outside `html/`
    /// (the PDFs live beside the bundle) are not hashed at all: hashing
    /// every PDF here cost a twentieth of the full build.
    fn note(&self, path: &str, bytes: &[u8]) {
        if let Some(rel) = path.strip_prefix("html/") {
            let digest = to_hex(&Sha256::digest(bytes));
            self.seen
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((rel.to_string(), digest));
        }
    }
}

impl Sink for Recorder<'_> {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.note(&file.path, &file.bytes);
        self.inner.put(file)
    }
}

/// What a page shows when a new build is waiting: the build and each
/// document's 版, 承認日 and 指紋, compared with the build now open.
#[derive(Serialize)]
struct Info<'a> {
    version: &'a str,
    built: String,
    edition: &'a str,
    /// [title, 版, 承認日, 指紋] per document.
    docs: Vec<[String; 4]>,
}

#[derive(Serialize)]
struct Build<'a> {
    version: &'a str,
    files: Vec<&'a str>,
    info: Info<'a>,
}

/// Puts the icons, `manifest.webmanifest` and, last, `sw.js` (whose list
/// covers every file the recorder saw, the site's assets and the icons and
/// manifest themselves) into the recorder's sink.
pub fn finish(rec: &Recorder, site: &Site) -> Result<(), Diagnostic> {
    for size in ICON_SIZES {
        rec.put(OutputFile {
            path: format!("html/icon-{size}.png"),
            bytes: icon_png(size)?,
        })?;
    }
    rec.put(OutputFile {
        path: "html/manifest.webmanifest".into(),
        bytes: manifest(site).into_bytes(),
    })?;
    let mut files = rec.seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
    // The assets go beside the pages after rendering (lib.rs); they are
    // listed from the model with the digest computed at load.
    files.extend(
        site.assets
            .iter()
            .map(|(rel, a)| (rel.clone(), a.sha256.clone())),
    );
    files.sort();
    files.dedup();
    let mut h = Sha256::new();
    for (path, digest) in &files {
        h.update(path.as_bytes());
        h.update([0]);
        h.update(digest.as_bytes());
        h.update([0]);
    }
    let version = to_hex(&h.finalize()[..8]);
    let build = Build {
        version: &version,
        files: files.iter().map(|(p, _)| p.as_str()).collect(),
        info: Info {
            version: &version,
            built: site.format_date(site.build_date),
            edition: site.edition.label(),
            docs: site
                .documents
                .iter()
                .map(|d| {
                    let r = d.latest();
                    [
                        d.title.clone(),
                        r.version.clone(),
                        site.format_date(r.date),
                        d.short_fingerprint().to_string(),
                    ]
                })
                .collect(),
        },
    };
    let data = serde_json::to_string(&build)
        .map_err(|e| Diagnostic::failure(format!("sw.js のファイル一覧を作れません（{e}）")))?;
    // JSON is a JavaScript expression; `<` is escaped so no text of a
    // title can look like markup to a tool that scans the file.
    let data = data.replace('<', "\\u003c");
    rec.inner.put(OutputFile {
        path: "html/sw.js".into(),
        bytes: format!("self.BCPGEN_BUILD = {data};\n{WORKER}").into_bytes(),
    })
}

/// The web app manifest: the organisation's and plan's names from site.yaml.
fn manifest(site: &Site) -> String {
    let org = &site.config.organization.name;
    let title = &site.config.title;
    let name = if title.contains(org.as_str()) {
        title.clone()
    } else {
        format!("{org} {title}")
    };
    let color = format!(
        "#{:02x}{:02x}{:02x}",
        THEME_COLOR[0], THEME_COLOR[1], THEME_COLOR[2]
    );
    let icons: Vec<serde_json::Value> = ICON_SIZES
        .iter()
        .map(|s| {
            serde_json::json!({
                "src": format!("icon-{s}.png"),
                "sizes": format!("{s}x{s}"),
                "type": "image/png",
                "purpose": "any maskable",
            })
        })
        .collect();
    let m = serde_json::json!({
        "name": name,
        "short_name": format!("{org} BCP"),
        "lang": "ja",
        "start_url": "index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": color,
        "icons": icons,
    });
    serde_json::to_string_pretty(&m).unwrap_or_default()
}

/// A square icon: the site bar's home mark (a house) in white on the theme
/// colour, inside the central 60 % that maskable icons keep. Drawn here
/// because it is a few shapes; the `image` crate (already used for the
/// PDF's images) encodes it.
fn icon_png(size: u32) -> Result<Vec<u8>, Diagnostic> {
    let s = size as f32;
    let white = image::Rgb([0xff, 0xff, 0xff]);
    let bg = image::Rgb(THEME_COLOR);
    let img = image::RgbImage::from_fn(size, size, |x, y| {
        let (x, y) = ((x as f32 + 0.5) / s, (y as f32 + 0.5) / s);
        // Roof: a triangle from (0.5, 0.24) down to y = 0.5 between x 0.22–0.78.
        let roof = (0.24..0.5).contains(&y) && (x - 0.5).abs() <= (y - 0.24) / 0.26 * 0.28;
        let body = (0.3..0.7).contains(&x) && (0.5..0.76).contains(&y);
        let door = (0.45..0.55).contains(&x) && (0.6..0.76).contains(&y);
        if (roof || body) && !door {
            white
        } else {
            bg
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| Diagnostic::failure(format!("アイコン画像を作れません（{e}）")))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Collect;

    #[test]
    fn the_worker_lists_every_file_and_changes_with_any() {
        let site = Site::for_tests();
        let run = |page: &[u8]| {
            let sink = Collect::default();
            let rec = Recorder::new(&sink);
            rec.put(OutputFile {
                path: "html/index.html".into(),
                bytes: page.to_vec(),
            })
            .unwrap();
            rec.put(OutputFile {
                path: "bcp.html".into(),
                bytes: b"x".to_vec(),
            })
            .unwrap();
            finish(&rec, &site).unwrap();
            let files = sink.into_files();
            let sw = files.iter().find(|f| f.path == "html/sw.js").unwrap();
            String::from_utf8(sw.bytes.clone()).unwrap()
        };
        let a = run(b"<p>a</p>");
        for f in [
            "index.html",
            "icon-192.png",
            "icon-512.png",
            "manifest.webmanifest",
        ] {
            assert!(a.contains(&format!("\"{f}\"")), "{f} missing from {a}");
        }
        assert!(!a.contains("bcp.html"), "bcp.html is not in html/");
        assert_eq!(a, run(b"<p>a</p>"), "same files, same worker");
        assert_ne!(
            a,
            run(b"<p>b</p>"),
            "a changed page must give a new version"
        );
    }
}
