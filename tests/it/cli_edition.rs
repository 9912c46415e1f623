//! `build --edition public` of the default content: nothing of a document
//! above `public` — no page, no link, no search entry, no text — appears in
//! any output file, PDFs included (read back with pdftotext); the manifest
//! and every page name the edition.

use crate::harness::{run_in, DATE};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use bcpgen::model::{Classification, Date, Edition};

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Every string leaf of a YAML value.
fn leaves(v: &serde_yaml::Value, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::String(s) => out.push(s.clone()),
        serde_yaml::Value::Sequence(xs) => xs.iter().for_each(|x| leaves(x, out)),
        serde_yaml::Value::Mapping(m) => m.values().for_each(|x| leaves(x, out)),
        _ => {}
    }
}

/// Text of every output file; PDFs through `pdftotext` (pages split by form feeds).
fn output_texts(out: &Path) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for e in walkdir::WalkDir::new(out).sort_by_file_name() {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".pdf") {
            let o = std::process::Command::new("pdftotext")
                .args(["-enc", "UTF-8"])
                .arg(e.path())
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils) is installed");
            assert!(o.status.success(), "pdftotext {rel}");
            texts.push((rel, String::from_utf8_lossy(&o.stdout).into_owned()));
        } else if let Ok(t) = std::fs::read_to_string(e.path()) {
            texts.push((rel, t));
        }
    }
    texts
}

#[test]
fn the_public_edition_carries_nothing_of_internal_or_confidential_documents() {
    let src = content();
    let shown = src.display().to_string();
    let today = Date::parse_iso(DATE).unwrap();
    let staff = bcpgen::load(&bcpgen::LoadOptions {
        content: &src,
        shown: &shown,
        today,
        edition: Edition::Staff,
    })
    .expect("content loads")
    .site;
    let (public, excluded): (Vec<_>, Vec<_>) = staff
        .documents
        .iter()
        .partition(|d| d.classification == Classification::Public);
    assert!(public.iter().any(|d| d.id == "plan"));
    assert!(
        excluded
            .iter()
            .any(|d| d.classification == Classification::Confidential),
        "the content has a confidential document"
    );

    // What public sources say themselves may appear (the plan names its lists);
    // every other phrase of an excluded document must not.
    let mut public_text = String::new();
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        let p = e.path().to_string_lossy().to_string();
        let is_public_doc = public.iter().any(|d| {
            let rel = d.source.rel().to_string_lossy();
            let dir = rel.trim_end_matches("_index.md");
            p.contains(&format!("{shown}/{dir}"))
        });
        let shared = [
            "site.yaml",
            "organization.yaml",
            "glossary.yaml",
            "trainings.yaml",
        ]
        .iter()
        .any(|f| p.ends_with(f));
        if e.file_type().is_file() && (is_public_doc || shared) {
            public_text.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
    }
    let mut secrets: BTreeSet<String> = BTreeSet::new();
    for d in &excluded {
        let source = d.source.to_string();
        let path = Path::new(&source);
        if source.ends_with(".yaml") {
            let v: serde_yaml::Value =
                serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let mut xs = Vec::new();
            leaves(&v, &mut xs);
            // Field values, not the schema's own words (`contacts`, `checkbox`, role ids).
            let keyword = |s: &str| s.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            secrets.extend(
                xs.into_iter()
                    .filter(|s| s.chars().count() >= 6 && !s.contains('\n') && !keyword(s)),
            );
        } else {
            // A folder document: `_index.md` and every chapter beside it.
            let files: Vec<PathBuf> = if source.ends_with("_index.md") {
                std::fs::read_dir(path.parent().unwrap())
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|x| x == "md"))
                    .collect()
            } else {
                vec![path.to_path_buf()]
            };
            for f in files {
                let text = std::fs::read_to_string(&f).unwrap();
                // Body lines, list markers and headings stripped, up to the first link or mark.
                for l in bcpgen::source::frontmatter::split(&text).body.lines() {
                    let l = l.trim().trim_start_matches(['-', '#', ' ', '*']).trim();
                    let plain: String = l
                        .chars()
                        .take_while(|c| {
                            !matches!(c, '[' | '（' | '(' | '{' | '`' | '*' | '※' | '|')
                        })
                        .collect();
                    if plain.chars().count() >= 12 {
                        secrets.insert(plain);
                    }
                }
            }
        }
        secrets.insert(d.title.clone());
    }
    secrets.retain(|s| !public_text.contains(s.as_str()));
    for must in [
        "090-0000-0001",
        "helpdesk@sample-a.example.com",
        "サンプル担当者A",
    ] {
        assert!(
            secrets.contains(must),
            "the confidential contact list's {must} is among the checked phrases"
        );
    }

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "build",
            "--content",
            &shown,
            "--out",
            out.to_str().unwrap(),
            "--edition",
            "public",
            "--date",
            DATE,
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["edition"], "public");
    let ids: Vec<&str> = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        public.iter().map(|d| d.id.as_str()).collect::<Vec<_>>()
    );

    let texts = output_texts(&out);
    assert!(
        texts.iter().any(|(p, _)| p == "bcp.html")
            && texts.iter().any(|(p, _)| p.ends_with("search-data.js"))
    );
    assert!(texts.iter().any(|(p, _)| p == "pdf/binder.pdf"));
    for d in &excluded {
        assert!(
            !out.join(format!("html/{}.html", d.id)).exists(),
            "{} has a page",
            d.id
        );
        assert!(
            !out.join(format!("pdf/{}.pdf", d.id)).exists(),
            "{} has a PDF",
            d.id
        );
    }
    let mut leaks = Vec::new();
    for (path, text) in &texts {
        for d in &excluded {
            if text.contains(&format!("{}.html", d.id)) || text.contains(&format!("{}.pdf", d.id)) {
                leaks.push(format!("{path}: link to {}", d.id));
            }
        }
        for s in &secrets {
            if text.contains(s.as_str()) {
                leaks.push(format!("{path}: {s}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} phrases checked; leaked:\n{}",
        secrets.len(),
        leaks.join("\n")
    );

    // Every page names its edition: each HTML page, and each page of each PDF.
    let label = Edition::Public.label();
    for (path, text) in &texts {
        if path.ends_with(".html") {
            assert!(text.contains(label), "{path} does not name the edition");
        }
        if path.ends_with(".pdf") {
            for (i, page) in text
                .split('\x0c')
                .filter(|p| !p.trim().is_empty())
                .enumerate()
            {
                assert!(
                    page.contains(label),
                    "{path} page {} does not name the edition",
                    i + 1
                );
            }
        }
    }
}
