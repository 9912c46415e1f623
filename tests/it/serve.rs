//! `bcpgen serve` (issue 16): the site built into memory and served on a
//! free port; an edit is served within a second, rendering only the pages
//! that show it (and the result is what a full build of the edited sources
//! gives); a broken source puts its diagnostics on every page while the
//! server keeps running; `--edition public` serves nothing internal; the
//! folder is left as it was (no `out/`); only the served copies carry the
//! reload script.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::harness::served::Served;
use crate::harness::Fixture;

/// The names in `dir` (not recursive), sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn an_edit_is_served_within_a_second_and_no_folder_is_written() {
    let site = Fixture::new();
    let before = entries(site.dir.path());
    let served = Served::start(site.dir.path(), &[]);
    let (code, page) = served.get("/old-guide.html");
    assert_eq!(code, 200, "{page}");
    assert!(page.contains("作業の前に二人以上で確認する"), "{page}");

    site.edit(
        "content/guides/old-guide.md",
        "作業の前に二人以上で確認する。",
        "作業の前に三人で読み合わせる。",
    );
    let (page, took) = served.until("/old-guide.html", Duration::from_secs(10), |b| {
        b.contains("三人で読み合わせる")
    });
    assert!(
        took < Duration::from_secs(1),
        "the edit took {took:?} to be served"
    );
    assert!(!page.contains("二人以上で確認する"), "{page}");
    // Search data and the single file follow the edit too.
    assert!(served
        .get("/search-data.js")
        .1
        .contains("三人で読み合わせる"));
    assert!(served
        .get("/__bcpgen/bcp.html")
        .1
        .contains("三人で読み合わせる"));

    // Nothing was written beside the content: no out/, no staging folder.
    assert_eq!(entries(site.dir.path()), before);
    assert!(!site.path("out").exists());
}

#[test]
fn an_edit_renders_its_page_and_the_pages_that_embed_it_as_a_full_build_would() {
    let site = Fixture::new();
    let served = Served::start(site.dir.path(), &[]);
    let (_, page) = served.get("/quake.html");
    assert!(page.contains("合言葉はヤマカワ"), "{page}");

    // secret-contacts is embedded by quake: two pages, not the site's five.
    site.edit(
        "content/lists/secret-contacts.yaml",
        "合言葉はヤマカワ",
        "合言葉はウミカゼ",
    );
    served.until("/quake.html", Duration::from_secs(10), |b| {
        b.contains("合言葉はウミカゼ")
    });
    served.until("/secret-contacts.html", Duration::from_secs(10), |b| {
        b.contains("合言葉はウミカゼ")
    });
    let log = served.stderr_with("更新しました（文書 2 件のページ");
    assert!(log.contains("更新しました（文書 2 件のページ"), "{log}");
    // A guide nothing embeds or references: its page alone.
    site.edit("content/guides/old-guide.md", "二人以上で", "二人で");
    served.until("/old-guide.html", Duration::from_secs(10), |b| {
        b.contains("二人で確認")
    });
    let log = served.stderr_with("更新しました（文書 1 件のページ");
    assert!(log.contains("更新しました（文書 1 件のページ"), "{log}");

    // What is served is what a full build of the edited sources writes.
    served.assert_equals_build(&site.path("content"));
    let (_, page) = served.get("/old-guide.html");
    assert!(
        page.contains("<script src=\"/__bcpgen/reload.js\""),
        "{page}"
    );
    assert!(page.contains("connect-src 'self'"), "{page}");
}

#[test]
fn a_broken_source_shows_its_diagnostics_on_every_page_until_fixed() {
    let site = Fixture::new();
    let mut served = Served::start(site.dir.path(), &[]);
    site.edit(
        "content/guides/old-guide.md",
        "date: 2024-01-10",
        "date: 2024-02-30",
    );
    let (page, _) = served.until("/", Duration::from_secs(10), |b| {
        b.contains("ソースにエラーがあります")
    });
    let message = "content/guides/old-guide.md:7: revisions[0].date";
    assert!(page.contains(message), "{page}");
    assert!(page.contains("2024-02-30"), "{page}");
    for other in [
        "/quake.html",
        "/old-guide.html",
        "/glossary.html",
        "/no-such.html",
    ] {
        let (_, body) = served.get(other);
        assert!(body.contains(message), "{other}: {body}");
    }
    served.assert_running();
    let log = served.stderr();
    assert_eq!(log.matches(message).count(), 1, "printed once:\n{log}");

    site.edit(
        "content/guides/old-guide.md",
        "date: 2024-02-30",
        "date: 2024-02-29",
    );
    let (page, _) = served.until("/old-guide.html", Duration::from_secs(10), |b| {
        b.contains("作業の前に二人以上で確認する")
    });
    assert!(!page.contains("ソースにエラーがあります"), "{page}");
    assert!(!served.get("/").1.contains("ソースにエラーがあります"));
    served.assert_running();
}

#[test]
fn the_public_edition_serves_nothing_internal() {
    let site = Fixture::new();
    let served = Served::start(site.dir.path(), &["--edition", "public"]);
    let (code, index) = served.get("/");
    assert_eq!(code, 200, "{index}");
    for internal in [
        "/secret-contacts.html",
        "/quake.html",
        "/__bcpgen/pdf/secret-contacts.pdf",
    ] {
        assert_eq!(served.get(internal).0, 404, "{internal}");
    }
    for path in ["/", "/search-data.js", "/__bcpgen/bcp.html", "/status.html"] {
        let (_, body) = served.get(path);
        for secret in ["秘匿", "ヤマカワ", "地震編"] {
            assert!(!body.contains(secret), "{path} holds {secret}");
        }
    }
}

#[test]
fn a_page_offers_its_pdf_made_on_request_and_no_service_worker() {
    let site = Fixture::new();
    let served = Served::start(site.dir.path(), &[]);
    let (_, page) = served.get("/old-guide.html");
    assert!(
        page.contains("href=\"/__bcpgen/pdf/old-guide.pdf\""),
        "{page}"
    );
    let (code, pdf) = served.get_bytes("/__bcpgen/pdf/old-guide.pdf");
    assert_eq!(code, 200);
    assert!(pdf.starts_with(b"%PDF-"));
    let file = site.path("old-guide.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("二人以上で確認する"), "{text}");
    assert_eq!(served.get("/sw.js").0, 404);
    let (code, script) = served.get("/__bcpgen/reload.js");
    assert_eq!(code, 200);
    assert!(script.contains("serviceWorker"), "{script}");
}
