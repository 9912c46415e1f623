//! Reads the audit's own files from the content folder: `coverage.yaml` and
//! the site's catalogs in `audit/*.yaml`. The document walk leaves both
//! alone (they are not documents); the same rule holds here as there: a
//! path whose real place is outside the content folder is refused, named.

use std::path::Path;

use crate::diag::{io_reason, Diagnostic, Diagnostics};

/// The file that declares the site's coverage.
pub const COVERAGE: &str = "coverage.yaml";
/// The folder of the site's own catalogs.
pub const CATALOGS: &str = "audit";
/// A coverage or catalog file larger than this is refused before parsing
/// (a real one is a few kilobytes).
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// The texts found, each with the name messages show.
#[derive(Default)]
pub struct Read {
    pub coverage: Option<(String, String)>,
    pub catalogs: Vec<(String, String)>,
}

pub fn read(content: &Path, shown: &str, diags: &mut Diagnostics) -> Read {
    let mut out = Read::default();
    let Ok(root) = content.canonicalize() else {
        return out;
    };
    let name = |rel: &str| format!("{}/{rel}", shown.trim_end_matches('/'));
    let cov = content.join(COVERAGE);
    if cov.symlink_metadata().is_ok() {
        out.coverage = text(&root, &cov, name(COVERAGE), diags).map(|t| (name(COVERAGE), t));
    }
    let dir = content.join(CATALOGS);
    if dir.symlink_metadata().is_err() {
        return out;
    }
    if inside(&root, &dir, &name(CATALOGS), diags).is_none() {
        return out;
    }
    let mut entries: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(r) => r.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                name(CATALOGS),
                format!("フォルダを読めません（{}）", io_reason(&e)),
            ));
            return out;
        }
    };
    entries.sort();
    for p in entries {
        let file = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file.starts_with('.') || !(file.ends_with(".yaml") || file.ends_with(".yml")) {
            continue;
        }
        let shown_name = name(&format!("{CATALOGS}/{file}"));
        if let Some(t) = text(&root, &p, shown_name.clone(), diags) {
            out.catalogs.push((shown_name, t));
        }
    }
    out
}

/// Where `path` really is, when that is inside the content folder `root`.
fn inside(
    root: &Path,
    path: &Path,
    shown: &str,
    diags: &mut Diagnostics,
) -> Option<std::path::PathBuf> {
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) => Some(real),
        Ok(real) => {
            diags.push(Diagnostic::error(
                shown,
                format!(
                    "シンボリックリンクがコンテンツのフォルダの外（{}）を指しています。コンテンツのフォルダの外のファイルは読みません",
                    real.display()
                ),
            ));
            None
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                shown,
                format!("読めません（{}）", io_reason(&e)),
            ));
            None
        }
    }
}

fn text(root: &Path, path: &Path, shown: String, diags: &mut Diagnostics) -> Option<String> {
    let real = inside(root, path, &shown, diags)?;
    let fail = |m: String| Diagnostic::error(&shown, m);
    match std::fs::metadata(&real) {
        Ok(m) if !m.is_file() => {
            diags.push(fail("ファイルではありません".into()));
            return None;
        }
        Ok(m) if m.len() > MAX_BYTES => {
            diags.push(fail(format!(
                "ファイルが大きすぎます（{} バイト。上限 {MAX_BYTES} バイト）",
                m.len()
            )));
            return None;
        }
        _ => {}
    }
    match std::fs::read(&real) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => Some(t),
            Err(_) => {
                diags.push(fail(
                    "UTF-8 のテキストではありません（文字コードを UTF-8 にしてください）".into(),
                ));
                None
            }
        },
        Err(e) => {
            diags.push(fail(format!("ファイルを読めません（{}）", io_reason(&e))));
            None
        }
    }
}
