//! `out/manifest.json` (SPEC §7).

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Site;
use crate::render::OutputFile;
use crate::source::fingerprint::hex;

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
    sha256: String,
}

pub fn manifest(site: &Site, files: &[OutputFile]) -> OutputFile {
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
    let mut list: Vec<&OutputFile> = files.iter().collect();
    list.sort_by(|a, b| a.path.cmp(&b.path));
    // Hashing megabytes of output is the manifest's whole cost: use both cores.
    let files = list
        .into_par_iter()
        .map(|f| FileEntry {
            path: &f.path,
            bytes: f.bytes.len(),
            sha256: hex(&f.bytes),
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
