//! A theme: Tera templates, static files and fonts, read from a folder or
//! taken from the copy built into the binary. Renderers get it as data.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{include_dir, Dir};

use crate::diag::Diagnostic;

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Every file of a theme, in memory.
#[derive(Clone, Debug, Default)]
pub struct Theme {
    /// Path relative to the theme root (`templates/page.html`, `fonts/ipaexm.ttf`) → bytes.
    /// The built-in theme borrows from the binary: copying its ~10 MB of
    /// fonts cost every build a measurable moment and as much memory.
    pub files: BTreeMap<String, Cow<'static, [u8]>>,
}

impl Theme {
    /// The default theme compiled into the binary.
    pub fn built_in() -> Theme {
        let mut files = BTreeMap::new();
        collect(&BUILT_IN, &mut files);
        Theme { files }
    }

    /// Every file under `dir`; an unreadable file or an empty folder is an
    /// error naming it.
    pub fn from_dir(dir: &Path) -> Result<Theme, Diagnostic> {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(dir).display().to_string();
                let why = e.io_error().map_or(
                    "フォルダの中を読めません".to_string(),
                    crate::diag::io_reason,
                );
                Diagnostic::failure(format!("テーマ {path} を読み込めません（{why}）"))
            })?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(entry.path()).map_err(|e| {
                    Diagnostic::failure(format!(
                        "テーマのファイル {rel} を読めません（{}）",
                        crate::diag::io_reason(&e)
                    ))
                })?;
                files.insert(rel, Cow::Owned(bytes));
            }
        }
        if files.is_empty() {
            return Err(Diagnostic::failure(format!(
                "テーマのフォルダ {} にファイルがありません",
                dir.display()
            )));
        }
        Ok(Theme { files })
    }

    /// The bytes of the file at `path` (relative to the theme root).
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| &**b)
    }

    /// The file at `path` as UTF-8 text, if it is.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.file(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// Files under a folder of the theme, with paths relative to that folder.
    pub fn under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        let prefix = format!("{}/", folder.trim_end_matches('/'));
        self.files
            .iter()
            .filter_map(move |(k, v)| k.strip_prefix(prefix.as_str()).map(|rel| (rel, &**v)))
    }
}

fn collect(dir: &Dir<'static>, out: &mut BTreeMap<String, Cow<'static, [u8]>>) {
    for f in dir.files() {
        out.insert(
            f.path().to_string_lossy().replace('\\', "/"),
            Cow::Borrowed(f.contents()),
        );
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}
