//! Running the built `bcpgen` binary and the file helpers the tests share.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The day every test treats as today (`--date`).
pub const DATE: &str = "2026-11-26";

/// What one run of `bcpgen` left behind.
pub struct Output {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything the process wrote to stderr.
    pub stderr: String,
}

impl Output {
    /// Asserts exit 1 (invalid sources), no panic, and every fragment in stderr.
    pub fn assert_refused(&self, fragments: &[&str]) {
        assert_eq!(
            self.code, 1,
            "exit code; stdout: {}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        for f in fragments {
            assert!(
                self.stderr.contains(f),
                "missing {f:?} in:\n{}",
                self.stderr
            );
        }
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
    }
}

/// Runs `bcpgen args…` in `cwd`, without a `SOURCE_DATE_EPOCH` inherited
/// from the shell (it would change the dates the tests expect).
pub fn run_in(cwd: &Path, args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_bcpgen"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run bcpgen");
    Output {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// `tests/fixtures/<name>` in the source tree.
pub fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies the tree under `from` to `to` (created as needed).
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Asserts no hidden entry (a staging or backup folder of the output swap)
/// is left directly in `dir`.
pub fn assert_no_leftovers(dir: &Path) {
    let stray: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "temporary folders left behind: {stray:?}");
}
