//! Where a build may write. `--out` is resolved to its real place (symlinks
//! followed, `..` taken as the file system does, also for folders not made
//! yet) and checked, so that replacing it can never delete the sources, the
//! theme, the working folder or anything that is not bcpgen's own output.
//! [`super::swap::Staging`] takes only an [`OutDir`], so every writer of
//! output passes these checks.

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

use super::manifest::is_bcpgen_output;
use super::swap;

/// An output folder that passed the checks of [`OutDir::open`].
#[derive(Clone, Debug)]
pub struct OutDir {
    /// As the user wrote it, for messages.
    shown: String,
    /// The real place: absolute, every symlink resolved. A symlinked `--out`
    /// is kept as a link: the folder it points to is what gets replaced.
    path: PathBuf,
    restored: Option<PathBuf>,
    /// What could not be cleaned up while opening (see [`swap::recover`]).
    warnings: Vec<Diagnostic>,
}

/// A folder the output must not be, lie inside, or contain: the content or
/// the theme folder. `what` names it in messages (コンテンツのフォルダ).
pub struct Guarded<'a> {
    /// What the folder is, for messages (コンテンツのフォルダ).
    pub what: &'a str,
    /// The folder as given.
    pub path: &'a Path,
}

fn real(path: &Path) -> Result<PathBuf, Diagnostic> {
    soft_canonicalize::soft_canonicalize(path).map_err(|e| {
        Diagnostic::failure(format!(
            "「{}」の場所を調べられません（{e}）",
            path.display(),
            e = crate::diag::io_reason(&e)
        ))
    })
}

/// The root of the git work tree holding `dir`, if any.
fn git_root(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|a| a.join(".git").exists())
}

impl OutDir {
    /// Resolves and checks `out`, then finishes or undoes a swap that an
    /// interrupted build left half done (so `out` is whole again before
    /// anything else happens). Refused, with a Japanese message naming
    /// `--out` as written: a folder that is, lies inside or contains a
    /// `guarded` folder; one that is or contains the current directory or
    /// its git work tree's root; an existing file; an existing folder that
    /// is neither empty nor bcpgen output (see [`is_bcpgen_output`]).
    pub fn open(out: &Path, guarded: &[Guarded]) -> Result<OutDir, Diagnostic> {
        let shown = out.display().to_string();
        let path = real(out)?;
        let refuse = |why: String| {
            Err(Diagnostic::failure(format!(
                "--out「{shown}」は{why}。置き換えると消えてしまうため、出力しません。別のフォルダを指定してください"
            )))
        };
        for g in guarded {
            let p = real(g.path)?;
            let named = format!("{}（{}）", g.what, g.path.display());
            if path == p {
                return refuse(format!("{named}そのものです"));
            }
            if path.starts_with(&p) {
                return refuse(format!("{named}の中です"));
            }
            if p.starts_with(&path) {
                return refuse(format!("{named}を含むフォルダです"));
            }
        }
        let cwd = std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .map_err(|e| {
                Diagnostic::failure(format!(
                    "作業中のフォルダを調べられません（{e}）",
                    e = crate::diag::io_reason(&e)
                ))
            })?;
        // The work tree's root holds the current directory; it is named
        // first because it is the larger loss.
        let mut around = Vec::new();
        if let Some(root) = git_root(&cwd) {
            around.push(("git の作業ツリー", root));
        }
        around.push(("作業中のフォルダ", cwd.as_path()));
        for (what, p) in around {
            if p.starts_with(&path) {
                let named = format!("{what}（{}）", p.display());
                return refuse(if p == path {
                    format!("{named}そのものです")
                } else {
                    format!("{named}を含むフォルダです")
                });
            }
        }
        if path.file_name().is_none() {
            return refuse("ルートです".into());
        }
        let (restored, warnings) = swap::recover(&path)?;
        let dir = OutDir {
            shown,
            path,
            restored,
            warnings,
        };
        dir.check_replaceable()?;
        Ok(dir)
    }

    /// The real place of the folder (symlinks resolved).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `--out` as the user wrote it.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The folder an interrupted build had moved aside and [`OutDir::open`]
    /// put back in place, if it did.
    pub fn restored(&self) -> Option<&Path> {
        self.restored.as_deref()
    }

    /// Leftovers of killed builds that could not be removed while opening.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Whatever is at the place now may be replaced: nothing, an empty
    /// folder or bcpgen output. Checked when opening and again just before
    /// the swap, since a build takes a while.
    pub fn check_replaceable(&self) -> Result<(), Diagnostic> {
        let shown = &self.shown;
        let meta = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(Diagnostic::failure(format!(
                    "--out「{shown}」を調べられません（{e}）",
                    e = crate::diag::io_reason(&e)
                )))
            }
        };
        if !meta.is_dir() {
            return Err(Diagnostic::failure(format!(
                "--out「{shown}」はフォルダではなくファイルです。ファイルは置き換えません。出力先にはフォルダを指定してください"
            )));
        }
        let empty = std::fs::read_dir(&self.path)
            .map_err(|e| {
                Diagnostic::failure(format!(
                    "--out「{shown}」の中を読めません（{e}）",
                    e = crate::diag::io_reason(&e)
                ))
            })?
            .next()
            .is_none();
        if empty {
            return Ok(());
        }
        is_bcpgen_output(&self.path).map_err(|why| {
            let why = why.message;
            Diagnostic::failure(format!(
                "--out「{shown}」は bcpgen の出力ではないフォルダです（{why}）。中のファイルを消さないよう、置き換えません。空のフォルダか、bcpgen が出力したフォルダを指定してください"
            ))
        })
    }

    /// A true sentence, for after a failed build, about the state of the
    /// folder: unchanged, never made, or (when even putting it back failed)
    /// where the previous output waits to be restored by the next run.
    pub fn state_after_failure(&self) -> String {
        let shown = &self.shown;
        if self.path.exists() {
            return format!("{shown} は以前のままです。");
        }
        match swap::interrupted(&self.path) {
            Some(old) => format!(
                "{shown} はありません。以前の出力は {} にあり、次に bcpgen build を実行したときに {shown} に戻します。",
                old.display()
            ),
            None => format!("{shown} は作っていません。"),
        }
    }
}
