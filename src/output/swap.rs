//! Replaces the output folder whole: files go to a temporary sibling first,
//! and only a complete set is swapped in, so a failed build leaves the last
//! good `out/` byte for byte.

use std::path::{Path, PathBuf};

use crate::render::OutputFile;

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Writes `files` under `out`, replacing what was there.
pub fn write_all(out: &Path, files: &[OutputFile]) -> Result<(), String> {
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
    let tmp = sibling(out, "new");
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| {
        for f in files {
            if f.path.split('/').any(|c| c == ".." || c.is_empty()) {
                return Err(format!("不正な出力パスです: {}", f.path));
            }
            let p = tmp.join(&f.path);
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("フォルダを作れません（{}: {e}）", dir.display()))?;
            }
            std::fs::write(&p, &f.bytes)
                .map_err(|e| format!("書き込めません（{}: {e}）", p.display()))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let old = sibling(out, "old");
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old).map_err(|e| {
            let _ = std::fs::remove_dir_all(&tmp);
            format!("以前の出力を置き換えられません（{}: {e}）", out.display())
        })?;
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        // Put the previous output back.
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(format!("出力を書き込めません（{}: {e}）", out.display()));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
