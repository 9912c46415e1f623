//! `bcpgen compare`: the 新旧対照表 of a document — its approved text from
//! the repository's history beside the text about to be approved — as HTML
//! and as a PDF whose first page is the 起案 sheet for the approval.
//!
//! `history` finds and extracts the old version, `version` resolves what
//! `--from`/`--to` name, `units` + `align` + `diff` make the rows, `html`
//! and `pdf` (with `sheet`) write them, `place` guards where they go.
//! `bundle` makes the tables a `build --history` carries, `pending` counts
//! what `status` shows; both use the same history lookup and alignment.

mod align;
pub mod bundle;
mod cli;
mod diff;
mod history;
mod html;
mod pdf;
pub mod pending;
mod place;
mod sheet;
mod units;
mod version;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Date, Document, Edition, Site};
use crate::theme::Theme;

pub use align::Counts;
pub use cli::command;

/// What `bcpgen compare` was asked.
pub struct Options<'a> {
    /// The content folder.
    pub content: &'a Path,
    /// The id of the document to compare.
    pub id: &'a str,
    /// The build date, for the 起案 sheet and date checks.
    pub today: Date,
    /// `--from`: a revision label or a git revision; None: the latest approval.
    pub from: Option<&'a str>,
    /// `--to`: likewise; None: the sources as they are now.
    pub to: Option<&'a str>,
    /// `--from-content DIR`: the old version from another folder, without git.
    pub from_content: Option<&'a Path>,
    /// `--version`: the proposed version's label; None: the next 第N版.
    pub version: Option<&'a str>,
    /// `--out`; None: [`default_out`].
    pub out: Option<&'a Path>,
}

/// What was written.
pub struct Report {
    /// Where the HTML was written.
    pub html: PathBuf,
    /// Where the PDF was written.
    pub pdf: PathBuf,
    /// How many rows were added, changed and deleted.
    pub counts: Counts,
    /// Things the user should know (a recorded fingerprint that disagrees
    /// with the text found in the history).
    pub notes: Vec<String>,
}

/// The default output folder: `compare/` beside the content folder (the
/// repository's root for `content/`), never `out/`, which `build` replaces whole.
pub fn default_out(content: &Path) -> PathBuf {
    match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("compare"),
        _ => PathBuf::from("compare"),
    }
}

/// One version of the document, loaded with the shared facts of its time.
pub struct Side {
    /// The site as loaded at this version (shared by the documents of one
    /// commit when a build compares many).
    pub site: Arc<Site>,
    /// Index of the document in `site.documents`.
    pub doc: usize,
    /// 第2版, or the proposed label for the draft.
    pub label: String,
    /// The version's date (the revision's, or 起案日 for the draft).
    pub date: Date,
    /// The content fingerprint as `approve` records it (`v2:…`).
    pub fingerprint: String,
    /// Where the text came from (コミット 1a2b3c4d, 作業中のソース, a folder).
    pub origin: String,
}

impl Side {
    /// The compared document in this version's site.
    pub fn document(&self) -> &Document {
        &self.site.documents[self.doc]
    }
}

/// Loads a content folder as `edition` (compare itself reads the staff
/// edition; a build's tables, the build's).
pub(crate) fn load_site(
    content: &Path,
    shown: &str,
    today: Date,
    edition: Edition,
) -> Result<Site, Diagnostics> {
    crate::load(&crate::LoadOptions {
        content,
        shown,
        today,
        edition,
    })
    .map(|l| l.site)
}

/// The proposed label: `第N版` after the latest revision.
pub fn next_version(doc: &Document) -> String {
    let latest = &doc.latest().version;
    let n = latest
        .strip_prefix('第')
        .and_then(|s| s.strip_suffix('版'))
        .and_then(|s| {
            let ascii: String = s
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    c => c,
                })
                .collect();
            ascii.parse::<usize>().ok()
        });
    match n {
        Some(n) => format!("第{}版", n + 1),
        None => format!("第{}版", doc.revisions.len() + 1),
    }
}

/// The rows of the 新旧対照表 of two versions of a document: the one
/// alignment that compare, a build's tables and status all use.
pub fn align_documents(old: &Document, new: &Document) -> Vec<align::Row> {
    align::rows(&units::sections(old), &units::sections(new))
}

/// A 新旧対照表 made in memory: the files asked for and the row counts.
pub struct Rendered {
    /// The HTML page, when asked for.
    pub html: Option<String>,
    /// The PDF (起案 sheet and table), when asked for.
    pub pdf: Option<Vec<u8>>,
    /// How many rows differ, by kind.
    pub counts: Counts,
}

/// The two files of a 新旧対照表, made in memory: the HTML page when
/// `html`, the PDF when `pdf`.
pub fn render_files(
    old: &Side,
    new: &Side,
    theme: &Theme,
    today: Date,
    html: bool,
    pdf: bool,
) -> Result<Rendered, Diagnostic> {
    let rows = align_documents(old.document(), new.document());
    let counts = Counts::of(&rows);
    let table = Table {
        old,
        new,
        rows: &rows,
        counts,
    };
    let page = html.then(|| html::render(&table, theme));
    let file = if pdf {
        Some(pdf::render(&table, theme, today)?)
    } else {
        None
    };
    Ok(Rendered {
        html: page,
        pdf: file,
        counts,
    })
}

/// The whole command: both versions, the rows, the two files.
pub fn compare(o: &Options) -> Result<Report, Diagnostics> {
    if o.from.is_some() && o.from_content.is_some() {
        return Err(Diagnostic::usage("--from と --from-content は同時に指定できません").into());
    }
    let out = o
        .out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_out(o.content));
    let target = place::Target::check(&out, o.content, o.id)?;
    let (old, new, notes) = version::sides(o)?;
    let theme = crate::resolve_theme(None)?;
    let made = render_files(&old, &new, &theme, o.today, true, true)?;
    let (html_path, pdf_path) = target.write(
        made.html.as_deref().unwrap_or_default(),
        made.pdf.as_deref().unwrap_or_default(),
    )?;
    let counts = made.counts;
    Ok(Report {
        html: html_path,
        pdf: pdf_path,
        counts,
        notes,
    })
}

/// Everything the writers print.
pub struct Table<'a> {
    /// The old version.
    pub old: &'a Side,
    /// The new version.
    pub new: &'a Side,
    /// The aligned rows, old beside new.
    pub rows: &'a [align::Row],
    /// How many rows differ, by kind.
    pub counts: Counts,
}

impl Table<'_> {
    /// 「<title>の改定について（伺い）」.
    pub fn subject(&self) -> String {
        format!("{}の改定について（伺い）", self.new.document().title)
    }
    /// The change in one line: the versions and how many rows of each kind.
    pub fn summary(&self) -> String {
        let c = self.counts;
        if c.total() == 0 {
            return format!(
                "{}から{}への改定（本文の変更なし）",
                self.old.label, self.new.label
            );
        }
        let mut parts = Vec::new();
        for (n, what) in [(c.changed, "変更"), (c.added, "追加"), (c.deleted, "削除")] {
            if n > 0 {
                parts.push(format!("{what} {n} 箇所"));
            }
        }
        format!(
            "{}から{}への改定（{}）",
            self.old.label,
            self.new.label,
            parts.join("、")
        )
    }
    /// A version's line in the header: label, date, fingerprint, origin.
    pub fn describe(&self, side: &Side) -> String {
        let fp = side.fingerprint.trim_start_matches("v2:");
        format!(
            "{}（{}、指紋 {}、{}）",
            side.label,
            side.date.wareki(),
            &fp[..fp.len().min(12)],
            side.origin
        )
    }
}
