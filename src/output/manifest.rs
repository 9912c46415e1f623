//! `out/manifest.json` (SPEC §7).

use serde::Serialize;

use super::swap::Written;
use crate::model::Site;
use crate::render::OutputFile;

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
                approver: &latest.approver.id,
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
        generator: format!("bcpgen {}", env!("CARGO_PKG_VERSION")),
        build_date: site.build_date.iso(),
        edition: site.edition.as_str(),
        documents,
        files,
    };
    let mut bytes = serde_json::to_vec_pretty(&m).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        path: "manifest.json".into(),
        bytes,
    }
}
