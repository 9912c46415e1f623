//! Where compare writes: its two files, `<id>.html` and `<id>.pdf`, into a
//! folder it never clears. The folder may not be, lie in or contain the
//! content or theme folder, nor be the git work tree's root (where the
//! sources live), as `build` refuses; a file in the way that is a folder is
//! refused, and a symlink in the way is replaced, never followed.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// The checked output folder and the id naming the two files.
pub struct Target {
    dir: PathBuf,
    id: String,
}

fn real(p: &Path) -> Result<PathBuf, Diagnostic> {
    soft_canonicalize::soft_canonicalize(p).map_err(|e| {
        Diagnostic::usage(format!(
            "「{}」の場所を調べられません（{}）",
            p.display(),
            crate::diag::io_reason(&e)
        ))
    })
}

impl Target {
    /// Refuses a dangerous `--out` (exit 2), naming it as written.
    pub fn check(out: &Path, content: &Path, id: &str) -> Result<Target, Diagnostic> {
        let path = real(out)?;
        let refuse = |why: String| {
            Err(Diagnostic::usage(format!(
                "--out「{}」は{why}。新旧対照表をそこには書きません。別のフォルダを指定してください",
                out.display()
            )))
        };
        let mut guarded = vec![("コンテンツのフォルダ", content.to_path_buf())];
        if let Some(theme) = crate::theme_dir(None) {
            guarded.push(("テーマのフォルダ", theme.to_path_buf()));
        }
        for (what, g) in &guarded {
            let g = real(g)?;
            if path == g || path.starts_with(&g) {
                return refuse(format!("{what}（{}）の中です", g.display()));
            }
            if g.starts_with(&path) {
                return refuse(format!("{what}（{}）を含むフォルダです", g.display()));
            }
        }
        if path.is_file() {
            return refuse("フォルダではなくファイルです".into());
        }
        let top = real(content)?;
        if let Some(root) = top.ancestors().find(|a| a.join(".git").exists()) {
            if root == path {
                return refuse(format!(
                    "git の作業ツリーの最上位（{}）です",
                    root.display()
                ));
            }
        }
        for ext in ["html", "pdf"] {
            let f = path.join(format!("{id}.{ext}"));
            if f.is_dir() && !f.is_symlink() {
                return refuse(format!("{id}.{ext} という名前のフォルダを含みます"));
            }
        }
        Ok(Target {
            dir: out.to_path_buf(),
            id: id.to_string(),
        })
    }

    /// Writes both files, each whole or not at all (a temporary file
    /// beside it, renamed over the old one). Nothing else in the folder
    /// is touched.
    pub fn write(&self, html: &str, pdf: &[u8]) -> Result<(PathBuf, PathBuf), Diagnostic> {
        let fail = |p: &Path, e: std::io::Error| Diagnostic::io(p, "書き込めません", &e);
        std::fs::create_dir_all(&self.dir).map_err(|e| fail(&self.dir, e))?;
        let mut written = Vec::new();
        for (ext, bytes) in [("html", html.as_bytes()), ("pdf", pdf)] {
            let path = self.dir.join(format!("{}.{ext}", self.id));
            let mut tmp = tempfile::Builder::new()
                .prefix(".bcpgen-")
                .tempfile_in(&self.dir)
                .map_err(|e| fail(&path, e))?;
            tmp.write_all(bytes).map_err(|e| fail(&path, e))?;
            // A temporary file is private (0600); the table is for readers.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                tmp.as_file()
                    .set_permissions(std::fs::Permissions::from_mode(0o644))
                    .map_err(|e| fail(&path, e))?;
            }
            tmp.persist(&path).map_err(|e| fail(&path, e.error))?;
            written.push(path);
        }
        let pdf = written.pop().expect("two files");
        let html = written.pop().expect("two files");
        Ok((html, pdf))
    }
}
