//! Replacing one existing file whole, atomically, without changing what the
//! file is: `approve` and `review` rewrite a source this way. A symlinked
//! source stays a link (the file it points to is replaced), and the file
//! keeps its permissions and, where allowed, its owner.

use crate::diag::Diagnostic;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` as the new content of the existing file `path`: into a
/// temporary file beside the real file (same folder, so the final rename is
/// atomic and a crash leaves the old or the new text, never a mix), given
/// the old file's mode, then renamed over it.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::failure(format!(
            "{} に書き込めません（{e}）",
            path.display(),
            e = crate::diag::io_reason(&e)
        ))
    };
    // Renaming over the link itself would turn it into a plain file.
    let real = std::fs::canonicalize(path).map_err(fail)?;
    let meta = std::fs::metadata(&real).map_err(fail)?;
    let dir = real.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".bcpgen-")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file()
        .set_permissions(meta.permissions())
        .map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; anyone else already owns it.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(&real).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_symlinked_file_keeps_its_link_and_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        replace_file(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o640);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temporary file is left");
    }
}
