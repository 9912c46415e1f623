//! bcpgen: an ICT business-continuity plan in, an offline HTML bundle and
//! archive-quality PDFs out.
//!
//! The pipeline reads like the folders: `source` (walk and parse files) →
//! `load` (the passes: metadata, headings, `convert` each document through
//! `resolve`'s recording accessors, fingerprint, approval; one document model
//! in `model`) → `validate` →
//! `render` (html, pdf), with `diagram` shared by both renderers and
//! `output` writing the result safely.

#![warn(missing_docs)]

pub mod audit;
pub mod compare;
pub mod convert;
pub mod diag;
pub mod diagram;
pub mod escape;
pub mod font;
pub mod kinsoku;
pub mod limits;
pub mod load;
mod missing_glyphs;
pub mod model;
pub mod output;
pub mod phrase;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod source;
pub mod theme;
pub mod validate;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Diagnostics};
use model::{Date, Edition, Site};
use render::Sink;
use theme::Theme;

pub use load::{load, LoadOptions, Loaded};

/// Which outputs a build writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formats {
    /// The HTML bundle and `bcp.html`.
    pub html: bool,
    /// The PDFs and the binder.
    pub pdf: bool,
}

impl Formats {
    /// HTML and PDF.
    pub const ALL: Formats = Formats {
        html: true,
        pdf: true,
    };

    /// `html,pdf` → both; unknown names are refused (a usage mistake).
    pub fn parse(s: &str) -> Result<Formats, Diagnostic> {
        let mut f = Formats {
            html: false,
            pdf: false,
        };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "html" => f.html = true,
                "pdf" => f.pdf = true,
                other => {
                    return Err(Diagnostic::usage(format!(
                        "--format に使えるのは html と pdf です（「{other}」は使えません）"
                    )))
                }
            }
        }
        if !f.html && !f.pdf {
            return Err(Diagnostic::usage(
                "--format に html か pdf を指定してください",
            ));
        }
        Ok(f)
    }
}

/// What `bcpgen build` was asked for.
pub struct BuildOptions {
    /// The content folder.
    pub content: PathBuf,
    /// The output folder, replaced whole.
    pub out: PathBuf,
    /// None: `./themes/default` if it exists, else the built-in theme.
    pub theme: Option<PathBuf>,
    /// The day treated as today.
    pub today: Date,
    /// Which outputs to write.
    pub formats: Formats,
    /// Which documents to include.
    pub edition: Edition,
    /// `--history`: link each revision to its 新旧対照表, made from the
    /// repository's history into `compare/` (site.yaml `history: true` too).
    pub history: bool,
}

/// What a build did.
pub struct BuildReport {
    /// Warnings of the sources and of the output clean-up.
    pub warnings: Diagnostics,
    /// Files written, the manifest included.
    pub files: usize,
    /// Documents built.
    pub documents: usize,
}

/// The theme folder a build reads: the named one, else `./themes/default`
/// when it exists; None for the built-in copy.
pub fn theme_dir(theme: Option<&Path>) -> Option<&Path> {
    theme.or_else(|| {
        Path::new("themes/default/templates")
            .is_dir()
            .then_some(Path::new("themes/default"))
    })
}

/// The theme to use: the named folder, `./themes/default`, or the built-in copy.
pub fn resolve_theme(theme: Option<&Path>) -> Result<Theme, Diagnostic> {
    match theme_dir(theme) {
        Some(dir) => Theme::from_dir(dir),
        None => Ok(Theme::built_in()),
    }
}

/// The checked output folder of a build: `--out` may be neither the content
/// nor the theme folder, nor inside or around them (see
/// [`output::place::OutDir::open`] for every rule). `build` calls this
/// itself; the command calls it first to report a refusal as a usage error.
pub fn out_dir(opts: &BuildOptions) -> Result<output::place::OutDir, Diagnostic> {
    let mut guarded = vec![output::place::Guarded {
        what: "コンテンツのフォルダ",
        path: &opts.content,
    }];
    if let Some(theme) = theme_dir(opts.theme.as_deref()) {
        guarded.push(output::place::Guarded {
            what: "テーマのフォルダ",
            path: theme,
        });
    }
    output::place::OutDir::open(&opts.out, &guarded)
}

/// The day to treat as today: SOURCE_DATE_EPOCH when set (a bad value is
/// a usage mistake), else the clock.
pub fn default_today() -> Result<Date, Diagnostic> {
    if let Ok(s) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = s.trim().parse().map_err(|_| {
            Diagnostic::usage(format!("SOURCE_DATE_EPOCH が整数ではありません: {s}"))
        })?;
        return Date::from_unix_seconds(secs).ok_or_else(|| {
            Diagnostic::usage(format!(
                "SOURCE_DATE_EPOCH「{s}」は西暦1年から9999年までの日時の秒数にしてください"
            ))
        });
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_unix_seconds(now)
        .ok_or_else(|| Diagnostic::failure("システムの時計が西暦9999年より後を指しています"))
}

/// Renders a loaded site, handing each file to `sink` as it is finished;
/// the assets the documents use go beside the HTML pages. The manifest is
/// the caller's (it lists what the sink received).
pub fn render_site(
    site: &Site,
    theme: &Theme,
    formats: Formats,
    content: &Path,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::default();
    let (html, pdf) = rayon::join(
        || {
            formats
                .html
                .then(|| render::html::render(site, theme, sink))
        },
        || formats.pdf.then(|| render::pdf::render(site, theme, sink)),
    );
    let mut missing = std::collections::BTreeMap::<char, Vec<Diagnostic>>::new();
    for result in [html, pdf].into_iter().flatten() {
        for d in result.err().unwrap_or_default().0 {
            match d.kind {
                // Named where the sources write it (below).
                diag::Kind::MissingGlyph(c) => missing.entry(c).or_default().push(d),
                _ => diags.push(d),
            }
        }
    }
    if !missing.is_empty() {
        diags.extend(missing_glyphs::locate(content, missing));
    }
    diags.into_result()
}

/// Loads, renders and writes. On any error nothing under `out` changes.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let out_err = |d: Diagnostic| Diagnostics::from(d.or_in(opts.out.display().to_string()));
    // Before anything else: a refused `--out`, or an interrupted swap to undo.
    let out = out_dir(opts).map_err(out_err)?;
    let t0 = std::time::Instant::now();
    let timing = std::env::var_os("BCPGEN_TIMING").is_some();
    let lap = |what: &str| {
        if timing {
            eprintln!("時間: {what} {:.3} 秒", t0.elapsed().as_secs_f64());
        }
    };
    let shown = opts.content.display().to_string();
    // Reading the theme (megabytes of fonts) and the sources overlap.
    let (theme, loaded) = rayon::join(
        || resolve_theme(opts.theme.as_deref()),
        || {
            load(&LoadOptions {
                content: &opts.content,
                shown: &shown,
                today: opts.today,
                edition: opts.edition,
            })
        },
    );
    let theme = theme?;
    let mut loaded = loaded?;
    lap("読み込み");
    // Without history nothing of it runs: the output stays as it was.
    let history = (opts.history || loaded.site.config.compare.history).then(|| {
        let planned = compare::bundle::plan(&opts.content, &loaded.site, opts.today, opts.edition);
        loaded.site.config.compare.links = planned.links.clone();
        loaded.warnings.0.extend(planned.notice.clone());
        planned
    });
    // Files are written as they are made; until `commit` nothing under
    // `out` changes, and a failed build drops the staging folder.
    let staging = output::swap::Staging::new(&out).map_err(out_err)?;
    let with_warnings = |mut d: Diagnostics| {
        d.0.splice(0..0, loaded.warnings.0.iter().cloned());
        d
    };
    render_site(&loaded.site, &theme, opts.formats, &opts.content, &staging)
        .map_err(with_warnings)?;
    if let Some(planned) = &history {
        compare::bundle::render(planned, &theme, opts.formats, &staging).map_err(with_warnings)?;
    }
    lap("出力の生成");
    let written = staging.written();
    staging
        .put(output::manifest::manifest(&loaded.site, &written))
        .map_err(out_err)?;
    let cleanup = staging.commit().map_err(out_err)?;
    lap("書き込み");
    let mut warnings = loaded.warnings;
    warnings
        .0
        .extend(out.warnings().iter().cloned().chain(cleanup));
    Ok(BuildReport {
        warnings,
        files: written.len() + 1,
        documents: loaded.site.documents.len(),
    })
}
