//! The default content built once per test process (HTML and PDF, on the
//! test day) for each edition asked for, shared by every module that reads
//! real output: each used to make its own build of the same content.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use super::DATE;

/// The folder holding `out/` of a build of the default content, in
/// `edition` (None: the build's default, every document).
pub fn default_build(edition: Option<&'static str>) -> &'static Path {
    static BUILDS: Mutex<BTreeMap<Option<&'static str>, &'static Path>> =
        Mutex::new(BTreeMap::new());
    let mut builds = BUILDS.lock().unwrap_or_else(|e| e.into_inner());
    builds.entry(edition).or_insert_with(|| build(edition))
}

fn build(edition: Option<&'static str>) -> &'static Path {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // Kept for the whole test process, as a static would be.
    let dir: &'static tempfile::TempDir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bcpgen"));
    cmd.current_dir(&root)
        .args(["build", "--content"])
        .arg(root.join("content"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .args(["--date", DATE])
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = edition {
        cmd.args(["--edition", e]);
    }
    let o = cmd.output().expect("bcpgen runs");
    assert!(
        o.status.success(),
        "build of the default content failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    dir.path()
}
