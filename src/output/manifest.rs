//! `out/manifest.json` (SPEC §7).

use crate::diag::Diagnostic;
use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use super::swap::Written;
use crate::model::Site;
use crate::render::OutputFile;

/// The manifest's file name, at the top of the output folder.
pub const MANIFEST: &str = "manifest.json";

/// How every `generator` value this program writes begins.
const GENERATOR: &str = "bcpgen ";

#[derive(Serialize)]
struct Manifest<'a> {
    generator: String,
    build_date: String,
    edition: &'a str,
    documents: Vec<DocEntry<'a>>,
    files: Vec<FileEntry<'a>>,
}

#[derive(Serialize)]
struct DocEntry<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'a str,
    incident: Option<&'a str>,
    classification: &'a str,
    version: &'a str,
    approved_on: String,
    approver: &'a str,
    approved: bool,
    next_review: String,
    overdue: bool,
    sha256: &'a str,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    bytes: usize,
    sha256: &'a str,
}

/// `files`: what was written, sorted by path (the manifest not among them).
pub fn manifest(site: &Site, files: &[Written]) -> OutputFile {
    let documents = site
        .documents
        .iter()
        .map(|d| {
            let latest = d.latest();
            DocEntry {
                id: &d.id,
                title: &d.title,
                kind: d.kind.as_str(),
                incident: d.incident.as_deref(),
                classification: d.classification.as_str(),
                version: &latest.version,
                approved_on: latest.date.iso(),
                approver: latest.approver.id(),
                approved: d.approved(),
                next_review: d.next_review().iso(),
                overdue: d.overdue(site.build_date),
                sha256: &d.fingerprint,
            }
        })
        .collect();
    let files = files
        .iter()
        .map(|f| FileEntry {
            path: &f.path,
            bytes: f.bytes,
            sha256: &f.sha256,
        })
        .collect();
    let m = Manifest {
        generator: format!("{GENERATOR}{}", env!("CARGO_PKG_VERSION")),
        build_date: site.build_date.iso(),
        edition: site.edition.as_str(),
        documents,
        files,
    };
    let mut bytes = serde_json::to_vec_pretty(&m).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        path: MANIFEST.into(),
        bytes,
    }
}

/// What [`is_bcpgen_output`] reads back from a manifest.
#[derive(serde::Deserialize)]
struct ReadBack {
    generator: String,
    files: Vec<WrittenFile>,
}

#[derive(serde::Deserialize)]
struct WrittenFile {
    path: String,
}

/// Whether `dir` is a folder bcpgen wrote, so replacing it loses nothing of
/// anyone's. The marker is the manifest, which a build writes last: it must
/// parse as this manifest, name `bcpgen …` as its generator, and list every
/// file in the folder (a user's own folder with a `manifest.json` in it, or
/// bcpgen output with someone's notes added, does not pass). `Err` says, in
/// Japanese, which of these fails.
pub fn is_bcpgen_output(dir: &Path) -> Result<(), Diagnostic> {
    let text = std::fs::read(dir.join(MANIFEST))
        .map_err(|_| Diagnostic::failure(format!("{MANIFEST} がありません")))?;
    let m: ReadBack = serde_json::from_slice(&text).map_err(|_| {
        Diagnostic::failure(format!("{MANIFEST} が bcpgen の出力の一覧ではありません"))
    })?;
    if !m.generator.starts_with(GENERATOR) {
        return Err(Diagnostic::failure(format!(
            "{MANIFEST} の generator が「{}」です",
            m.generator
        )));
    }
    let listed: HashSet<&str> = m.files.iter().map(|f| f.path.as_str()).collect();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::failure(match e.io_error() {
                Some(io) => format!("中を読めません（{}）", crate::diag::io_reason(io)),
                None => "中を読めません（フォルダがループしています）".to_string(),
            })
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if rel != MANIFEST && !listed.contains(rel.as_str()) {
            return Err(Diagnostic::failure(format!(
                "{rel} は bcpgen が出力したファイルではありません"
            )));
        }
    }
    Ok(())
}
