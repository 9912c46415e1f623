//! Walks the content folder and sorts what it finds into configuration files
//! and documents (SPEC §1–§2). Only this module reads the disk.
//!
//! Every entry is resolved (symlinks followed) before it is read or walked
//! into, and one that ends outside the content folder is an error naming the
//! entry and where it leads (SPEC §1): nothing is read through a link that
//! leaves `content/`, and a link back into a folder being walked is not
//! followed round again.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::assets::AssetFile;

/// A text file read from the content folder.
#[derive(Clone, Debug)]
pub struct TextFile {
    /// Shown in messages: the path as the user would type it (`content/plan/_index.md`).
    pub display: String,
    /// Relative to the content folder, `/`-separated.
    pub rel: String,
    /// The file's contents.
    pub text: String,
}

/// Where one document's text lives.
#[derive(Clone, Debug)]
pub enum DocumentFiles {
    /// A folder: `_index.md` then chapter files in name order.
    Folder {
        /// `_index.md`, which holds the metadata.
        index: TextFile,
        /// The chapter files.
        chapters: Vec<TextFile>,
    },
    /// A single Markdown file with front matter.
    Markdown(TextFile),
    /// A YAML document: metadata and data in one file.
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

    /// The file holding the document's metadata.
    pub fn main_file(&self) -> &TextFile {
        match self {
            DocumentFiles::Folder { index, .. } => index,
            DocumentFiles::Markdown(f) | DocumentFiles::Yaml(f) => f,
        }
    }
}

/// The files of a content folder, found but not yet parsed.
#[derive(Debug, Default)]
pub struct ContentFiles {
    /// site.yaml.
    pub site: Option<TextFile>,
    /// organization.yaml.
    pub organization: Option<TextFile>,
    /// glossary.yaml.
    pub glossary: Option<TextFile>,
    /// trainings.yaml.
    pub trainings: Option<TextFile>,
    /// Each document's files.
    pub documents: Vec<DocumentFiles>,
    /// Files under `assets/`, by path relative to the content folder
    /// (`assets/map.png`); read only when a document refers to them.
    pub assets: BTreeMap<String, Arc<AssetFile>>,
}

/// The walk's fixed facts and what it has seen.
struct Walk<'a> {
    /// The content folder, canonical.
    root: PathBuf,
    /// How the user named it.
    shown: &'a str,
    /// Canonical folders already walked (a link back into one is skipped).
    seen: HashSet<PathBuf>,
}

impl Walk<'_> {
    /// The entries of `dir` (really `real_dir`), or `None` when that folder
    /// was walked already (a link back into it) or cannot be read (reported).
    fn enter(
        &mut self,
        dir: &Path,
        real_dir: &Path,
        root: &Path,
        diags: &mut Diagnostics,
    ) -> Option<Vec<PathBuf>> {
        if !self.seen.insert(real_dir.to_path_buf()) {
            return None;
        }
        match entries(dir, &self.display(dir, root)) {
            Ok(l) => Some(l),
            Err(d) => {
                diags.push(d);
                None
            }
        }
    }

    /// `path` as the user would type it: the content folder as they named
    /// it, then the path inside it as found (links not resolved).
    fn display(&self, path: &Path, given_root: &Path) -> String {
        let rel = relative(path, given_root);
        format!("{}/{}", self.shown.trim_end_matches('/'), rel)
    }

    /// Where `path` really is, when that is inside the content folder. A
    /// path that cannot be resolved (a dangling link) is `Ok(None)`: the
    /// caller decides whether that matters.
    fn resolve(&self, path: &Path, given_root: &Path) -> Result<Option<PathBuf>, Diagnostic> {
        let Ok(real) = path.canonicalize() else {
            return Ok(None);
        };
        if real.starts_with(&self.root) {
            return Ok(Some(real));
        }
        // Name the link as written when the entry is one; otherwise (a
        // folder above it was) where it ended up.
        let target = std::fs::read_link(path).unwrap_or(real);
        Err(Diagnostic::error(
            self.display(path, given_root),
            format!(
                "シンボリックリンクがコンテンツのフォルダの外（{}）を指しています。コンテンツのフォルダの外のファイルは読みません",
                target.display()
            ),
        ))
    }
}

/// Reads a text file found at `path` (shown as `display`) from where it
/// really is, `real`, already checked to be inside the content folder.
fn read_text(real: &Path, display: String, rel: String) -> Result<TextFile, Diagnostic> {
    let bytes = std::fs::read(real).map_err(|e| {
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

/// `path` relative to the content folder as found (links not resolved),
/// with `/` separators: the name a source file or asset goes by.
fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// A folder's entries in name order, hidden ones left out.
fn entries(dir: &Path, display: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| {
            Diagnostic::error(
                display,
                format!(
                    "フォルダを読めません（{e}）",
                    e = crate::diag::io_reason(&e)
                ),
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !is_hidden(&name_of(p)))
        .collect();
    out.sort();
    Ok(out)
}

/// Reads the whole content folder. `shown_root` is how the user named it.
pub fn read_content(root: &Path, shown_root: &str) -> Result<ContentFiles, Diagnostics> {
    let mut out = ContentFiles::default();
    let mut diags = Diagnostics::default();
    let real_root = match root.canonicalize() {
        Ok(r) if r.is_dir() => r,
        _ => {
            diags.push(Diagnostic::error(
                shown_root,
                "コンテンツのフォルダがありません（--content で指定してください）",
            ));
            return Err(diags);
        }
    };
    let mut walk = Walk {
        seen: HashSet::from([real_root.clone()]),
        root: real_root,
        shown: shown_root,
    };
    let top = match entries(root, shown_root) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };
    // Names refused as links out of the folder: not "missing" as well.
    let mut refused = HashSet::new();
    for path in top {
        let name = name_of(&path);
        // The audit's own files are not documents; `crate::audit` reads them.
        if crate::audit::is_audit_file(&name) {
            continue;
        }
        let real = match walk.resolve(&path, root) {
            Ok(Some(r)) => r,
            // A dangling link: read like any file so that the error says so.
            Ok(None) => path.clone(),
            Err(d) => {
                diags.push(d);
                refused.insert(name);
                continue;
            }
        };
        let slot = match name.as_str() {
            "site.yaml" => Some(&mut out.site),
            "organization.yaml" => Some(&mut out.organization),
            "glossary.yaml" => Some(&mut out.glossary),
            "trainings.yaml" => Some(&mut out.trainings),
            _ => None,
        };
        if let Some(slot) = slot {
            match read_text(&real, walk.display(&path, root), name.clone()) {
                Ok(f) => *slot = Some(f),
                Err(d) => diags.push(d),
            }
            continue;
        }
        if real.is_dir() {
            if name == "assets" {
                walk_assets(&mut walk, &path, &real, root, &mut out.assets, &mut diags);
            } else {
                collect_documents(
                    &mut walk,
                    &path,
                    &real,
                    root,
                    &mut out.documents,
                    &mut diags,
                );
            }
        } else if name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".yml") {
            // A document at the top level is allowed too (SPEC: names are free).
            push_file(&walk, &path, &real, root, &mut out.documents, &mut diags);
        }
    }
    if out.site.is_none() && !refused.contains("site.yaml") {
        diags.push(Diagnostic::error(
            format!("{}/site.yaml", shown_root.trim_end_matches('/')),
            "site.yaml がありません",
        ));
    }
    if out.organization.is_none() && !refused.contains("organization.yaml") {
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

/// Lists every file under `assets/` (at any depth) by its path as found;
/// what each one is gets checked when a document refers to it.
fn walk_assets(
    walk: &mut Walk,
    dir: &Path,
    real_dir: &Path,
    root: &Path,
    assets: &mut BTreeMap<String, Arc<AssetFile>>,
    diags: &mut Diagnostics,
) {
    let Some(list) = walk.enter(dir, real_dir, root, diags) else {
        return;
    };
    for p in list {
        match walk.resolve(&p, root) {
            Ok(Some(real)) if real.is_dir() => walk_assets(walk, &p, &real, root, assets, diags),
            Ok(Some(real)) => {
                let rel = relative(&p, root);
                let display = walk.display(&p, root);
                assets.insert(rel, Arc::new(AssetFile::new(real, display)));
            }
            // A dangling link is no file: a reference to it says it is missing.
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
}

fn push_file(
    walk: &Walk,
    path: &Path,
    real: &Path,
    root: &Path,
    docs: &mut Vec<DocumentFiles>,
    diags: &mut Diagnostics,
) {
    let name = name_of(path);
    let rel = relative(path, root);
    match read_text(real, walk.display(path, root), rel) {
        Ok(f) if name.ends_with(".md") => docs.push(DocumentFiles::Markdown(f)),
        Ok(f) => docs.push(DocumentFiles::Yaml(f)),
        Err(d) => diags.push(d),
    }
}

/// A folder is one document when it holds `_index.md`; otherwise each file
/// in it is a document and each subfolder is looked at the same way.
fn collect_documents(
    walk: &mut Walk,
    dir: &Path,
    real_dir: &Path,
    root: &Path,
    docs: &mut Vec<DocumentFiles>,
    diags: &mut Diagnostics,
) {
    let Some(list) = walk.enter(dir, real_dir, root, diags) else {
        return;
    };
    // Each entry with where it really is; those leading out are reported
    // and dropped here, before anything is read.
    let mut resolved = Vec::with_capacity(list.len());
    for p in list {
        match walk.resolve(&p, root) {
            Ok(Some(real)) => resolved.push((p, real)),
            Ok(None) => resolved.push((p.clone(), p)),
            Err(d) => diags.push(d),
        }
    }
    if resolved.iter().any(|(p, _)| name_of(p) == "_index.md") {
        let mut index = None;
        let mut chapters = Vec::new();
        for (p, real) in &resolved {
            let n = name_of(p);
            if !n.ends_with(".md") || real.is_dir() {
                continue;
            }
            let rel = relative(p, root);
            match read_text(real, walk.display(p, root), rel) {
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
    for (p, real) in resolved {
        let n = name_of(&p);
        if real.is_dir() {
            collect_documents(walk, &p, &real, root, docs, diags);
        } else if n.ends_with(".md") || n.ends_with(".yaml") || n.ends_with(".yml") {
            push_file(walk, &p, &real, root, docs, diags);
        }
    }
}
