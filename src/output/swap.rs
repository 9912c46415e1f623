//! Replaces the output folder whole: files go to a temporary sibling as the
//! renderers finish them, and only a complete set is swapped in, so a failed
//! build leaves the last good `out/` byte for byte.
//!
//! The swap is one atomic exchange on Linux (`renameat2` with
//! `RENAME_EXCHANGE`): at every instant `out/` is either the old or the new
//! folder. Elsewhere, or on a file system without the exchange, it is two
//! renames (`out` → `.out.old-PID`, `.out.new-PID` → `out`); a build killed
//! between them leaves `out/` missing, and [`recover`], run by the next build
//! before anything else, puts the old folder back.

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::place::OutDir;
use crate::render::{OutputFile, Sink};
use crate::source::fingerprint::hex;

/// What was written: path, size and SHA-256, for the manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// Relative to the output folder.
    pub path: String,
    /// Size in bytes.
    pub bytes: usize,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
}

/// A temporary folder beside `out` (beside the real folder, when `--out` is
/// a symlink, so it is on the same file system) that files are written
/// into. Dropped without `commit`, it removes itself and `out` stays as it
/// was.
pub struct Staging {
    out: OutDir,
    tmp: PathBuf,
    written: Mutex<Vec<Written>>,
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Whether the process `pid` is gone: read from /proc; None where there is
/// no /proc to ask. This process counts as alive.
fn gone(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(false);
    }
    Path::new("/proc/self")
        .exists()
        .then(|| !Path::new(&format!("/proc/{pid}")).exists())
}

/// The `.out.new-PID` and `.out.old-PID` siblings of `out`: (path, is it
/// an `.old-` one, PID), in name order.
fn leftovers(out: &Path) -> Vec<(PathBuf, bool, u32)> {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().to_string()) else {
        return Vec::new();
    };
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, bool, u32)> = entries
        .flatten()
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().to_string();
            let rest = file.strip_prefix(&format!(".{name}."))?;
            let (old, pid) = match (rest.strip_prefix("old-"), rest.strip_prefix("new-")) {
                (Some(pid), _) => (true, pid),
                (_, Some(pid)) => (false, pid),
                _ => return None,
            };
            Some((e.path(), old, pid.parse().ok()?))
        })
        .collect();
    found.sort();
    found
}

/// The `.out.old-PID` folder of a swap that stopped between its two
/// renames, while `out` itself is missing.
pub fn interrupted(out: &Path) -> Option<PathBuf> {
    if out.exists() {
        return None;
    }
    leftovers(out)
        .into_iter()
        .find(|(_, old, _)| *old)
        .map(|(p, _, _)| p)
}

/// Cleans up after builds that were killed (Ctrl-C, a power cut) and
/// returns the folder it moved back to `out`, if any:
/// - `.out.old-PID` of a dead build with `out` missing: the swap stopped
///   between its renames, and this is the last good output: it goes back.
///   With `out` present the swap was done and only the clean-up was cut
///   short: it is removed. Without /proc to tell whether PID is alive the
///   build is taken as dead (bcpgen would otherwise never heal `out`).
/// - `.out.new-PID` of a dead build: a staging folder, or after an
///   exchange the previous output: removed. Without /proc it stays, since
///   it may be a running build's.
///
/// A leftover that cannot be removed is a warning (in the returned list):
/// `out` is whole, and the next build tries again.
pub fn recover(out: &Path) -> Result<(Option<PathBuf>, Vec<Diagnostic>), Diagnostic> {
    let mut restored = None;
    let mut warnings = Vec::new();
    for (path, old, pid) in leftovers(out) {
        match (old, gone(pid)) {
            (_, Some(false)) | (false, None) => {}
            (true, _) if std::fs::symlink_metadata(out).is_err() => {
                std::fs::rename(&path, out).map_err(|e| {
                    Diagnostic::failure(format!(
                        "中断したビルドが退避した以前の出力 {} を {} に戻せません（{e}）",
                        path.display(),
                        out.display(),
                        e = crate::diag::io_reason(&e)
                    ))
                })?;
                restored = Some(path);
            }
            _ => {
                if let Err(e) = std::fs::remove_dir_all(&path) {
                    warnings.push(Diagnostic::warning(
                        "",
                        format!(
                            "中断したビルドが残した {} を消せません（{}）。次のビルドでまた消します",
                            path.display(),
                            crate::diag::io_reason(&e)
                        ),
                    ));
                }
            }
        }
    }
    Ok((restored, warnings))
}

/// Puts `new` in the place of the existing folder `out` and returns where
/// the previous output is now (to be removed).
fn exchange(new: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        use rustix::io::Errno;
        match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(new.to_path_buf()),
            // A kernel or file system without the exchange: two renames.
            Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::NOTSUP => {}
            Err(e) => {
                return Err(Diagnostic::failure(format!(
                    "以前の出力を置き換えられません（{}: {e}）",
                    out.display(),
                    e = crate::diag::io_reason(&std::io::Error::from(e))
                )))
            }
        }
    }
    two_renames(new, out)
}

/// The swap where no atomic exchange exists. A crash between the renames
/// leaves `out` missing and the old folder at `.out.old-PID`, which
/// [`recover`] puts back on the next run.
fn two_renames(new: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    let old = sibling(out, "old");
    std::fs::rename(out, &old).map_err(|e| {
        Diagnostic::failure(format!(
            "以前の出力を置き換えられません（{}: {e}）",
            out.display(),
            e = crate::diag::io_reason(&e)
        ))
    })?;
    if let Err(e) = std::fs::rename(new, out) {
        return Err(match std::fs::rename(&old, out) {
            Ok(()) => Diagnostic::failure(format!(
                "出力を書き込めません（{}: {e}）",
                out.display(),
                e = crate::diag::io_reason(&e)
            )),
            Err(back) => Diagnostic::failure(format!(
                "出力を書き込めず（{}: {e}）、以前の出力を戻せませんでした（{back}）",
                out.display(),
                e = crate::diag::io_reason(&e)
            )),
        });
    }
    Ok(old)
}

impl Staging {
    /// A fresh staging folder beside `out`.
    pub fn new(out: &OutDir) -> Result<Staging, Diagnostic> {
        let path = out.path();
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::failure(format!(
                "出力先の親フォルダを作れません（{}: {e}）",
                parent.display(),
                e = crate::diag::io_reason(&e)
            ))
        })?;
        let tmp = sibling(path, "new");
        // Only a dead build that had this PID can have left it.
        match std::fs::remove_dir_all(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Diagnostic::failure(format!(
                    "以前のビルドの一時フォルダを消せません（{}: {}）",
                    tmp.display(),
                    crate::diag::io_reason(&e)
                )))
            }
            _ => {}
        }
        std::fs::create_dir(&tmp).map_err(|e| {
            Diagnostic::failure(format!(
                "一時フォルダを作れません（{}: {e}）",
                tmp.display(),
                e = crate::diag::io_reason(&e)
            ))
        })?;
        Ok(Staging {
            out: out.clone(),
            tmp,
            written: Mutex::new(Vec::new()),
        })
    }

    /// Everything written so far, sorted by path.
    pub fn written(&self) -> Vec<Written> {
        let mut v = self
            .written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }

    /// Swaps the written files in for `out`, if what is there now may still
    /// be replaced. `Ok` holds warnings: the previous output that could not
    /// be removed after the swap (the new output is in place; the next
    /// build removes it).
    pub fn commit(self) -> Result<Vec<Diagnostic>, Diagnostic> {
        self.out.check_replaceable()?;
        let out = self.out.path();
        let mut warnings = Vec::new();
        if out.exists() {
            let previous = exchange(&self.tmp, out)?;
            if let Err(e) = std::fs::remove_dir_all(&previous) {
                warnings.push(Diagnostic::warning(
                    "",
                    format!(
                        "以前の出力 {} を消せません（{}）。次のビルドで消します",
                        previous.display(),
                        crate::diag::io_reason(&e)
                    ),
                ));
            }
        } else {
            std::fs::rename(&self.tmp, out).map_err(|e| {
                Diagnostic::failure(format!(
                    "出力を書き込めません（{}: {e}）",
                    out.display(),
                    e = crate::diag::io_reason(&e)
                ))
            })?;
        }
        Ok(warnings)
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        if file.path.split('/').any(|c| c == ".." || c.is_empty()) {
            return Err(Diagnostic::failure(format!(
                "不正な出力パスです: {}",
                file.path
            )));
        }
        let p = self.tmp.join(&file.path);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                Diagnostic::failure(format!(
                    "フォルダを作れません（{}: {}）",
                    dir.display(),
                    crate::diag::io_reason(&e)
                ))
            })?;
        }
        std::fs::write(&p, &file.bytes).map_err(|e| {
            Diagnostic::failure(format!(
                "書き込めません（{}: {}）",
                p.display(),
                crate::diag::io_reason(&e)
            ))
        })?;
        let w = Written {
            sha256: hex(&file.bytes),
            bytes: file.bytes.len(),
            path: file.path,
        };
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(w);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // After a commit the folder has been renamed away and this does
        // nothing. A drop cannot report a failure; what stays behind has
        // this process's PID, and `recover` removes it on the next build.
        let _ = std::fs::remove_dir_all(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &[u8]) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: bytes.to_vec(),
        }
    }

    /// Writes `files` under `out` with a manifest listing them, as a build
    /// does, replacing what was there.
    fn write_all(out: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
        let staging = Staging::new(&OutDir::open(out, &[])?)?;
        for f in files {
            staging.put(f.clone())?;
        }
        let listed: Vec<String> = files
            .iter()
            .map(|f| format!("{{\"path\":{:?}}}", f.path))
            .collect();
        let manifest = format!(
            "{{\"generator\":\"bcpgen test\",\"files\":[{}]}}",
            listed.join(",")
        );
        staging.put(file("manifest.json", manifest.as_bytes()))?;
        staging.commit().map(|_| ())
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_whole_and_refuses_bad_paths() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(&out, &[file("a/b.txt", b"one")]).unwrap();
        write_all(&out, &[file("c.txt", b"two")]).unwrap();
        assert!(!out.join("a/b.txt").exists());
        assert_eq!(std::fs::read(out.join("c.txt")).unwrap(), b"two");
        let err = write_all(&out, &[file("../evil", b"")]);
        assert!(err.is_err());
        assert_eq!(std::fs::read(out.join("c.txt")).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["out"], "no temporary folders are left");
    }

    #[test]
    fn the_exchange_leaves_the_previous_output_where_the_new_one_was() {
        let dir = tempfile::tempdir().unwrap();
        let (new, out) = (dir.path().join("new"), dir.path().join("out"));
        for (d, text) in [(&new, "new"), (&out, "old")] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join("f"), text).unwrap();
        }
        let previous = exchange(&new, &out).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("f")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(previous.join("f")).unwrap(), "old");
        if cfg!(target_os = "linux") {
            assert_eq!(previous, new, "ext4 and tmpfs exchange atomically");
        }
    }

    #[test]
    fn a_swap_cut_between_its_renames_is_undone_by_the_next_run() {
        if gone(1).is_none() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(&out, &[file("keep.txt", b"last good")]).unwrap();
        // What a build killed between `out` → `.out.old-PID` and the second
        // rename leaves: 99999999 is beyond any pid the kernel hands out.
        let old = dir.path().join(".out.old-99999999");
        std::fs::rename(&out, &old).unwrap();
        assert_eq!(interrupted(&out), Some(old.clone()));
        assert_eq!(recover(&out).unwrap().0, Some(old.clone()));
        assert_eq!(std::fs::read(out.join("keep.txt")).unwrap(), b"last good");
        assert_eq!(names(dir.path()), ["out"]);
        assert_eq!(interrupted(&out), None);
    }

    #[test]
    fn leftovers_of_dead_builds_are_cleared_and_live_ones_kept() {
        if gone(1).is_none() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        std::fs::create_dir(at("out")).unwrap();
        // pid 1 and this test's own process are alive.
        let dead_new = at(".out.new-99999999");
        let dead_old = at(".out.old-99999998");
        let init = at(".out.new-1");
        let own = at(&format!(".out.old-{}", std::process::id()));
        for d in [&dead_new, &dead_old, &init, &own] {
            std::fs::create_dir_all(d).unwrap();
            std::fs::write(d.join("f"), b"x").unwrap();
        }
        assert_eq!(recover(&at("out")).unwrap().0, None);
        assert!(!dead_new.exists(), "the dead build's staging is removed");
        assert!(
            !dead_old.exists(),
            "with out in place, the dead build's swap was done: its old folder goes"
        );
        assert!(init.exists() && own.exists(), "live builds' folders stay");
    }

    #[test]
    fn an_abandoned_staging_leaves_nothing_and_records_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(&out, &[file("keep.txt", b"old")]).unwrap();
        {
            let s = Staging::new(&OutDir::open(&out, &[]).unwrap()).unwrap();
            s.put(file("z.txt", b"abc")).unwrap();
            s.put(file("a/y.txt", b"")).unwrap();
            let w = s.written();
            assert_eq!(w[0].path, "a/y.txt");
            assert_eq!(w[1].bytes, 3);
            assert_eq!(
                w[1].sha256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            );
        }
        assert_eq!(std::fs::read(out.join("keep.txt")).unwrap(), b"old");
        assert!(!out.join("z.txt").exists());
        assert_eq!(
            names(dir.path()),
            ["out"],
            "the temporary folder is removed"
        );
    }

    #[test]
    fn a_folder_that_is_not_bcpgen_output_is_not_replaced_even_when_it_changes_during_a_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(&out, &[file("keep.txt", b"old")]).unwrap();
        let s = Staging::new(&OutDir::open(&out, &[]).unwrap()).unwrap();
        s.put(file("new.txt", b"new")).unwrap();
        std::fs::write(out.join("notes.txt"), b"mine").unwrap();
        let err = s.commit().unwrap_err();
        assert!(err.message.contains("notes.txt"), "{err}");
        assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
        assert_eq!(names(dir.path()), ["out"]);
    }
}
