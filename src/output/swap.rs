//! Replaces the output folder whole: files go to a temporary sibling as the
//! renderers finish them, and only a complete set is swapped in, so a failed
//! build leaves the last good `out/` byte for byte.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::render::{OutputFile, Sink};
use crate::source::fingerprint::hex;

/// What was written: path, size and SHA-256, for the manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub path: String,
    pub bytes: usize,
    pub sha256: String,
}

/// A temporary folder beside `out` that files are written into. Dropped
/// without `commit`, it removes itself and `out` stays as it was.
pub struct Staging {
    out: PathBuf,
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

/// Removes staging folders of builds that were interrupted (Ctrl-C, a
/// power cut) before they could clean up: `.out.new-PID` whose process is
/// gone. Liveness is read from /proc; without it nothing is removed. The
/// `.old-` folder of an interrupted swap may hold the last good output and
/// is never touched.
fn clear_abandoned(out: &Path) {
    let proc_fs = Path::new("/proc/self");
    if !proc_fs.exists() {
        return;
    }
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().to_string()) else {
        return;
    };
    let prefix = format!(".{name}.new-");
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().to_string();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

impl Staging {
    pub fn new(out: &Path) -> Result<Staging, String> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| {
            format!(
                "出力先の親フォルダを作れません（{}: {e}）",
                parent.display()
            )
        })?;
        clear_abandoned(out);
        let tmp = sibling(out, "new");
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir(&tmp)
            .map_err(|e| format!("一時フォルダを作れません（{}: {e}）", tmp.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
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

    /// Swaps the written files in for `out`.
    pub fn commit(self) -> Result<(), String> {
        let old = sibling(&self.out, "old");
        let had_old = self.out.exists();
        if had_old {
            std::fs::rename(&self.out, &old).map_err(|e| {
                format!(
                    "以前の出力を置き換えられません（{}: {e}）",
                    self.out.display()
                )
            })?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.out) {
            // Put the previous output back.
            if had_old {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(format!(
                "出力を書き込めません（{}: {e}）",
                self.out.display()
            ));
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), String> {
        if file.path.split('/').any(|c| c == ".." || c.is_empty()) {
            return Err(format!("不正な出力パスです: {}", file.path));
        }
        let p = self.tmp.join(&file.path);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("フォルダを作れません（{}: {e}）", dir.display()))?;
        }
        std::fs::write(&p, &file.bytes)
            .map_err(|e| format!("書き込めません（{}: {e}）", p.display()))?;
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
        // After a commit the folder has been renamed away and this does nothing.
        let _ = std::fs::remove_dir_all(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `files` under `out`, replacing what was there.
    fn write_all(out: &Path, files: &[OutputFile]) -> Result<(), String> {
        let staging = Staging::new(out)?;
        for f in files {
            staging.put(f.clone())?;
        }
        staging.commit()
    }

    #[test]
    fn replaces_whole_and_refuses_bad_paths() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(
            &out,
            &[OutputFile {
                path: "a/b.txt".into(),
                bytes: b"one".to_vec(),
            }],
        )
        .unwrap();
        write_all(
            &out,
            &[OutputFile {
                path: "c.txt".into(),
                bytes: b"two".to_vec(),
            }],
        )
        .unwrap();
        assert!(!out.join("a/b.txt").exists());
        assert_eq!(std::fs::read(out.join("c.txt")).unwrap(), b"two");
        let err = write_all(
            &out,
            &[OutputFile {
                path: "../evil".into(),
                bytes: vec![],
            }],
        );
        assert!(err.is_err());
        assert_eq!(std::fs::read(out.join("c.txt")).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders are left behind");
    }

    #[test]
    fn a_staging_folder_left_by_a_dead_build_is_cleared_and_a_live_ones_kept() {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        // 99999999 is beyond any pid the kernel hands out (at most 2^22);
        // pid 1 and this test's own process are alive.
        let dead = at(".out.new-99999999");
        let init = at(".out.new-1");
        let own = at(&format!(".out.new-{}", std::process::id()));
        let old = at(".out.old-99999999");
        for d in [&dead, &init, &own, &old] {
            std::fs::create_dir_all(d).unwrap();
            std::fs::write(d.join("f"), b"x").unwrap();
        }
        clear_abandoned(&at("out"));
        assert!(!dead.exists(), "the dead build's folder is removed");
        assert!(init.exists() && own.exists(), "live builds' folders stay");
        assert!(old.exists(), "an .old folder may hold the last good output");
    }

    #[test]
    fn an_abandoned_staging_leaves_nothing_and_records_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(
            &out,
            &[OutputFile {
                path: "keep.txt".into(),
                bytes: b"old".to_vec(),
            }],
        )
        .unwrap();
        {
            let s = Staging::new(&out).unwrap();
            s.put(OutputFile {
                path: "z.txt".into(),
                bytes: b"abc".to_vec(),
            })
            .unwrap();
            s.put(OutputFile {
                path: "a/y.txt".into(),
                bytes: vec![],
            })
            .unwrap();
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
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the temporary folder is removed");
    }
}
