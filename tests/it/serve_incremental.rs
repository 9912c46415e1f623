//! `bcpgen serve` after an edit converts only the documents that depend on
//! it (issue 16, item 2): the others are taken from the previous load, and
//! the result is still what a full build of the edited sources writes,
//! byte for byte, references, embeds and diagnostics included.

use std::time::{Duration, Instant};

use crate::harness::served::Served;
use crate::harness::Fixture;

/// The `n`th 更新しました line of the server (1 = the first build), once printed.
fn update(served: &Served, n: usize) -> String {
    let start = Instant::now();
    loop {
        let log = served.stderr();
        if let Some(line) = log
            .lines()
            .filter(|l| l.starts_with("更新しました"))
            .nth(n - 1)
        {
            return line.to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no update number {n}; stderr:\n{log}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn an_edit_converts_only_the_documents_that_depend_on_it() {
    let site = Fixture::new();
    let served = Served::start(site.dir.path(), &[]);
    // The first load converts all four documents.
    let first = update(&served, 1);
    assert!(
        first.contains("文書 4 件のページ、変換した文書 4 件"),
        "{first}"
    );

    // A guide nothing embeds: itself alone.
    site.edit("content/guides/old-guide.md", "二人以上で", "二人で");
    served.until("/old-guide.html", WAIT, |b| b.contains("二人で確認"));
    let line = update(&served, 2);
    assert!(line.contains("変換した文書 1 件"), "{line}");

    // A list quake embeds: the list and quake, not the plan or the guide.
    site.edit(
        "content/lists/secret-contacts.yaml",
        "合言葉はヤマカワ",
        "合言葉はウミカゼ",
    );
    served.until("/quake.html", WAIT, |b| b.contains("合言葉はウミカゼ"));
    let line = update(&served, 3);
    assert!(line.contains("変換した文書 2 件"), "{line}");

    // The guide now prints quake's heading label; renaming that heading
    // reaches the guide although its own source did not change.
    site.edit(
        "content/guides/old-guide.md",
        "二人で確認する。",
        "二人で確認する。手順は[](@quake#first)による。",
    );
    served.until("/old-guide.html", WAIT, |b| b.contains("初動"));
    site.edit(
        "content/manuals/quake.md",
        "# 初動 {#first}",
        "# 初動対応 {#first}",
    );
    served.until("/old-guide.html", WAIT, |b| b.contains("初動対応"));
    let line = update(&served, 5);
    assert!(line.contains("変換した文書 4 件"), "{line}");

    served.assert_equals_build(&site.path("content"));
}

#[test]
fn a_reference_broken_by_another_documents_edit_is_reported_and_then_fixed() {
    let site = Fixture::new();
    // A link with its own text records no dependency in the fingerprint:
    // the guide's conversion must still be checked again.
    site.edit(
        "content/guides/old-guide.md",
        "確認する。",
        "確認する。[地震の初動](@quake#first)を見る。",
    );
    let mut served = Served::start(site.dir.path(), &[]);
    update(&served, 1);
    site.edit("content/manuals/quake.md", "{#first}", "{#start}");
    let (page, _) = served.until("/old-guide.html", WAIT, |b| b.contains("エラー"));
    assert!(
        page.contains("old-guide.md") && page.contains("quake#first"),
        "{page}"
    );
    served.assert_running();

    site.edit("content/manuals/quake.md", "{#start}", "{#first}");
    served.until("/old-guide.html", WAIT, |b| b.contains("地震の初動"));
    served.assert_equals_build(&site.path("content"));
}
