//! Walks the content folder and sorts what it finds into configuration files
//! and documents (SPEC §1–§2). Only this module reads the disk.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};

/// A text file read from the content folder.
#[derive(Clone, Debug)]
pub struct TextFile {
    /// Shown in messages: the path as the user would type it (`content/plan/_index.md`).
    pub display: String,
    /// Relative to the content folder, `/`-separated.
    pub rel: String,
    pub text: String,
}

/// Where one document's text lives.
#[derive(Clone, Debug)]
pub enum DocumentFiles {
    /// A folder: `_index.md` then chapter files in name order.
    Folder {
        index: TextFile,
        chapters: Vec<TextFile>,
    },
    Markdown(TextFile),
    Yaml(TextFile),
}

impl DocumentFiles {
    /// Every file of the document, the main one first.
    pub fn texts(&self) -> Vec<&TextFile> {
        match self {
            DocumentFiles::Folder { index, chapters } => {
                std::iter::once(index).chain(chapters).collect()
            }
            DocumentFiles::Markdown(f) | DocumentFiles::Yaml(f) => vec![f],
        }
    }

    pub fn main_file(&self) -> &TextFile {
        match self {
            DocumentFiles::Folder { index, .. } => index,
            DocumentFiles::Markdown(f) | DocumentFiles::Yaml(f) => f,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct ContentFiles {
    pub site: Option<TextFile>,
    pub organization: Option<TextFile>,
    pub glossary: Option<TextFile>,
    pub trainings: Option<TextFile>,
    pub documents: Vec<DocumentFiles>,
    /// Files under `assets/`, relative to the content folder.
    pub assets: Vec<String>,
}

fn read_text(path: &Path, root: &Path, shown_root: &str) -> Result<TextFile, Diagnostic> {
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let display = format!("{}/{}", shown_root.trim_end_matches('/'), rel);
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            &display,
            format!("ファイルを読めません（{}）", crate::diag::io_reason(&e)),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic::error(
            &display,
            "UTF-8 のテキストではありません（文字コードを UTF-8 にしてください）",
        )
        .at(Some(line))
    })?;
    if text.contains('\0') {
        return Err(Diagnostic::error(
            &display,
            "バイナリファイルのようです（NUL 文字を含みます）",
        ));
    }
    Ok(TextFile { display, rel, text })
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~')
}

/// Reads the whole content folder. `shown_root` is how the user named it.
pub fn read_content(root: &Path, shown_root: &str) -> Result<ContentFiles, Diagnostics> {
    let mut out = ContentFiles::default();
    let mut diags = Diagnostics::default();
    if !root.is_dir() {
        diags.push(Diagnostic::error(
            shown_root,
            "コンテンツのフォルダがありません（--content で指定してください）",
        ));
        return Err(diags);
    }
    let mut top: Vec<PathBuf> = match std::fs::read_dir(root) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                shown_root,
                format!("フォルダを読めません（{}）", crate::diag::io_reason(&e)),
            ));
            return Err(diags);
        }
    };
    top.sort();
    for path in top {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if is_hidden(&name) {
            continue;
        }
        let slot = match name.as_str() {
            "site.yaml" => Some(&mut out.site),
            "organization.yaml" => Some(&mut out.organization),
            "glossary.yaml" => Some(&mut out.glossary),
            "trainings.yaml" => Some(&mut out.trainings),
            _ => None,
        };
        if let Some(slot) = slot {
            match read_text(&path, root, shown_root) {
                Ok(f) => *slot = Some(f),
                Err(d) => diags.push(d),
            }
            continue;
        }
        if path.is_dir() {
            if name == "assets" {
                for e in walkdir::WalkDir::new(&path)
                    .sort_by_file_name()
                    .into_iter()
                    .flatten()
                {
                    if e.file_type().is_file() {
                        let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                        out.assets.push(rel.to_string_lossy().replace('\\', "/"));
                    }
                }
            } else {
                collect_documents(&path, root, shown_root, &mut out.documents, &mut diags);
            }
        } else if name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".yml") {
            // A document at the top level is allowed too (SPEC: names are free).
            push_file(&path, root, shown_root, &mut out.documents, &mut diags);
        }
    }
    if out.site.is_none() {
        diags.push(Diagnostic::error(
            format!("{}/site.yaml", shown_root.trim_end_matches('/')),
            "site.yaml がありません",
        ));
    }
    if out.organization.is_none() {
        diags.push(Diagnostic::error(
            format!("{}/organization.yaml", shown_root.trim_end_matches('/')),
            "organization.yaml がありません",
        ));
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

fn push_file(
    path: &Path,
    root: &Path,
    shown_root: &str,
    docs: &mut Vec<DocumentFiles>,
    diags: &mut Diagnostics,
) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    match read_text(path, root, shown_root) {
        Ok(f) if name.ends_with(".md") => docs.push(DocumentFiles::Markdown(f)),
        Ok(f) => docs.push(DocumentFiles::Yaml(f)),
        Err(d) => diags.push(d),
    }
}

/// A folder is one document when it holds `_index.md`; otherwise each file
/// in it is a document and each subfolder is looked at the same way.
fn collect_documents(
    dir: &Path,
    root: &Path,
    shown_root: &str,
    docs: &mut Vec<DocumentFiles>,
    diags: &mut Diagnostics,
) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                dir.display().to_string(),
                format!("フォルダを読めません（{}）", crate::diag::io_reason(&e)),
            ));
            return;
        }
    };
    entries.sort();
    let name_of = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    };
    if entries.iter().any(|p| name_of(p) == "_index.md") {
        let mut index = None;
        let mut chapters = Vec::new();
        for p in &entries {
            let n = name_of(p);
            if is_hidden(&n) || !p.is_file() || !n.ends_with(".md") {
                continue;
            }
            match read_text(p, root, shown_root) {
                Ok(f) if n == "_index.md" => index = Some(f),
                Ok(f) => chapters.push(f),
                Err(d) => diags.push(d),
            }
        }
        if let Some(index) = index {
            docs.push(DocumentFiles::Folder { index, chapters });
        }
        return;
    }
    for p in entries {
        let n = name_of(&p);
        if is_hidden(&n) {
            continue;
        }
        if p.is_dir() {
            collect_documents(&p, root, shown_root, docs, diags);
        } else if n.ends_with(".md") || n.ends_with(".yaml") || n.ends_with(".yml") {
            push_file(&p, root, shown_root, docs, diags);
        }
    }
}
