//! Issue 11, the property: for random single edits anywhere in a site except
//! the revision and review records — a role name, a holder, a site field, a
//! glossary description, a training, an image's bytes, a sentence — every
//! document's printed content changes exactly when its fingerprint does.
//!
//! "Printed content" is read back from real output through the library API:
//! the text of the HTML page's article and of the document's own PDF
//! (pdftotext), plus the bytes of the images the page shows, with the
//! fingerprint, the approval marks, the revision table and page numbers
//! masked (the fingerprint leaves those out by design).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bcpgen::model::{Date, Edition};
use bcpgen::render::Collect;
use bcpgen::theme::Theme;
use proptest::prelude::*;

use crate::harness::{copy_dir, fixtures, DATE};

const PROCEDURE: &str = "id: power
title: 電源復旧手順
kind: procedure
revisions:
  - version: 初版
    date: 2026-04-01
    approver: computer-manager
    summary: 作成
type: procedure
steps:
  - title: 安全を確かめる
    by: staff
    actions:
      - 二人以上で電算センターに入る。
  - title: 電源を確かめる
    by: computer-manager
    actions:
      - 分電盤の表示を読む。
";

const SUCCESSION: &str = "id: chain
title: 代行順位
kind: list
revisions:
  - version: 初版
    date: 2026-04-01
    approver: computer-manager
    summary: 作成
type: succession
role: computer-manager
";

const GUIDE: &str = "---
id: words
title: 用語と訓練
kind: guide
revisions:
  - version: 初版
    date: 2026-04-01
    approver: computer-manager
    summary: 作成
---

ランサムウェアに備えて訓練を行う。

```bcp
embed: glossary
```

```bcp
embed: trainings
```
";

const GLOSSARY: &str = "terms:
  - term: ランサムウェア
    reading: らんさむうぇあ
    description: 身代金を要求する不正なソフトウェア。
  - term: LGWAN
    description: 地方公共団体を相互に接続する行政専用のネットワーク。
";

const RED_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
const BLUE_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\x60\x60\xf8\x0f\x00\x01\x03\x01\x00\x08\x89\xc2\xec\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// tests/fixtures/approval-site plus a procedure (`by:`), a succession list
/// drawn from the deputies, a guide printing the glossary and the training
/// table, a glossary, an image and the plan's list of guides.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&fixtures("approval-site/content"), &content);
    let write = |rel: &str, bytes: &[u8]| {
        let p = content.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    write("procedures/power.yaml", PROCEDURE.as_bytes());
    write("lists/chain.yaml", SUCCESSION.as_bytes());
    write("guides/words.md", GUIDE.as_bytes());
    write("glossary.yaml", GLOSSARY.as_bytes());
    write("assets/map.png", RED_PNG);
    let org = std::fs::read_to_string(content.join("organization.yaml")).unwrap();
    let org = org.replace(
        "    holder: 情報政策課長\n",
        "    holder: 情報政策課長\n    deputies: [staff]\n",
    );
    write("organization.yaml", org.as_bytes());
    let plan = std::fs::read_to_string(content.join("plan/01-organization.md")).unwrap();
    let plan = format!(
        "{plan}\n![配置図](assets/map.png)\n\nLGWANの回線を確かめる。\n\n```bcp\nembed: documents\nkind: guide\n```\n"
    );
    write("plan/01-organization.md", plan.as_bytes());
    dir
}

/// One edit: replace the first `from` in `file` (bytes, for the image).
#[derive(Clone, Debug)]
struct Edit {
    file: String,
    from: Vec<u8>,
    to: Vec<u8>,
}

fn edit(file: &str, from: &str, to: &str) -> Edit {
    Edit {
        file: file.into(),
        from: from.as_bytes().to_vec(),
        to: to.as_bytes().to_vec(),
    }
}

/// Every single edit the property draws from. Role names are edited only for
/// roles that approve nothing here: an approver's name is printed in the
/// revision tables, which the comparison masks.
fn edits(content: &Path) -> Vec<Edit> {
    let mut v = vec![
        edit(
            "organization.yaml",
            "name: 情報政策課職員",
            "name: 情報基盤課職員",
        ),
        edit(
            "organization.yaml",
            "holder: 情報政策担当部長",
            "holder: 情報政策部長",
        ),
        edit(
            "organization.yaml",
            "holder: 情報政策課長",
            "holder: 情報基盤課長",
        ),
        edit(
            "organization.yaml",
            "holder: 情報政策課職員",
            "holder: 情報基盤課職員",
        ),
        edit(
            "organization.yaml",
            "duties: [訓練の実施]",
            "duties: [訓練の企画]",
        ),
        edit(
            "organization.yaml",
            "title: 平常時の体制",
            "title: 通常時の体制",
        ),
        edit(
            "site.yaml",
            "phone: 000-0000-0000",
            "phone: 000-0000-9999（代表）",
        ),
        edit(
            "site.yaml",
            "address: 試験市本町1-1",
            "address: 試験市本町2-2",
        ),
        edit("site.yaml", "name: 試験市", "name: 試験町"),
        edit(
            "site.yaml",
            "department: 総務部情報政策課",
            "department: 総務部情報基盤課",
        ),
        edit(
            "site.yaml",
            "title: 試験市ICT部門業務継続計画",
            "title: 試験市ICT-BCP",
        ),
        edit(
            "site.yaml",
            "numbering: [\"1\", \"(1)\", \"ア\"]",
            "numbering: [\"1\", \"(a)\", \"ア\"]",
        ),
        edit("glossary.yaml", "身代金を要求する", "金銭を要求する"),
        edit("glossary.yaml", "行政専用の", "行政のための"),
        edit("trainings.yaml", "想定シナリオで", "想定した筋書きで"),
        edit(
            "trainings.yaml",
            "summary: 地震シナリオ",
            "summary: 水害シナリオ",
        ),
        Edit {
            file: "assets/map.png".into(),
            from: RED_PNG.to_vec(),
            to: BLUE_PNG.to_vec(),
        },
    ];
    // A sentence of any body: every line of running text in every document.
    for e in walkdir::WalkDir::new(content).into_iter().flatten() {
        let rel = e
            .path()
            .strip_prefix(content)
            .unwrap()
            .to_string_lossy()
            .to_string();
        if !(rel.ends_with(".md") || rel.ends_with(".yaml")) || !e.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        if rel.ends_with(".md") {
            let body = text.splitn(3, "---\n").last().unwrap_or("");
            let mut fence = false;
            for line in body.lines() {
                if line.starts_with("```") {
                    fence = !fence;
                }
                let first = line.chars().next();
                if !fence && first.is_some_and(|c| !c.is_ascii()) && line.ends_with('。') {
                    v.push(edit(&rel, line, &line.replace('。', "、追記した。")));
                }
            }
        } else if ["procedures/", "lists/"].iter().any(|p| rel.starts_with(p)) {
            for line in text.lines() {
                let item = line.trim_start();
                if item.starts_with("- ") && !item.contains('{') && line.ends_with('。') {
                    v.push(edit(&rel, line, &line.replace('。', "、追記した。")));
                }
            }
        }
    }
    v
}

/// Per document: (fingerprint, printed content).
fn build(content: &Path, theme: &Theme) -> BTreeMap<String, (String, String)> {
    let loaded = bcpgen::load(&bcpgen::LoadOptions {
        content,
        shown: "content",
        today: Date::parse_iso(DATE).unwrap(),
        edition: Edition::Staff,
    })
    .unwrap_or_else(|d| panic!("{:?}", d.0));
    let sink = Collect::default();
    bcpgen::render::html::render(&loaded.site, theme, &sink).unwrap();
    bcpgen::render::pdf::render(&loaded.site, theme, &sink).unwrap();
    let files: BTreeMap<String, Vec<u8>> = sink
        .into_files()
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    loaded
        .site
        .documents
        .iter()
        .map(|d| {
            let html = String::from_utf8(files[&format!("html/{}.html", d.id)].clone()).unwrap();
            let pdf = &files[&format!("pdf/{}.pdf", d.id)];
            let printed = format!(
                "{}\n----\n{}",
                html_printed(&html, content),
                pdf_printed(pdf, &d.fingerprint[..8], tmp.path())
            );
            (d.id.clone(), (d.fingerprint.clone(), printed))
        })
        .collect()
}

/// Removes every `<tag class="…{class}…">…</tag>` element (not nested in itself).
fn drop_element(html: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        rest = after
            .find(close)
            .map(|j| &after[j + close.len()..])
            .unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The article's text with the approval marks and the revision table
/// masked, and the bytes of every image it shows.
fn html_printed(html: &str, content: &Path) -> String {
    let start = html.find("<article").unwrap();
    let end = html.find("</article>").unwrap();
    let article = &html[start..end];
    let article = drop_element(article, "<p class=\"doc-meta\"", "</p>");
    let article = drop_element(&article, "<p class=\"banner banner-unapproved\"", "</p>");
    let article = drop_element(&article, "<section class=\"revisions\"", "</section>");
    let mut text = String::new();
    let mut in_tag = false;
    for c in article.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    for (i, _) in article.match_indices("<img src=\"") {
        let src = &article[i + 10..];
        let src = &src[..src.find('"').unwrap()];
        let name = src.rsplit('/').next().unwrap();
        let bytes = std::fs::read(content.join("assets").join(name)).unwrap();
        text.push_str(&format!("\n[image {src}: {bytes:?}]"));
    }
    text
}

/// The PDF's text with the footer (version, approval date, fingerprint,
/// approval marks) and page numbers masked.
fn pdf_printed(pdf: &[u8], short_fp: &str, tmp: &Path) -> String {
    let path: PathBuf = tmp.join(format!("{short_fp}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let o = std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim();
        if t.contains(short_fp) || t.chars().all(|c| c.is_ascii_digit()) || t == "未承認" {
            continue;
        }
        // 「（P.3）」 and the page numbers that end a contents line.
        let mut masked = String::new();
        let mut rest = t;
        while let Some(i) = rest.find("（P.") {
            masked.push_str(&rest[..i]);
            let after = &rest[i..];
            rest = after
                .find('）')
                .map(|j| &after[j + '）'.len_utf8()..])
                .unwrap_or("");
            masked.push_str("（P.#）");
        }
        masked.push_str(rest);
        out.push_str(masked.trim_end_matches(|c: char| c.is_ascii_digit()));
        out.push('\n');
    }
    out
}

fn apply(content: &Path, e: &Edit) {
    let p = content.join(&e.file);
    let bytes = std::fs::read(&p).unwrap();
    let i = bytes
        .windows(e.from.len())
        .position(|w| w == e.from.as_slice())
        .unwrap_or_else(|| panic!("{} does not contain the edit's text", e.file));
    let mut new = bytes[..i].to_vec();
    new.extend_from_slice(&e.to);
    new.extend_from_slice(&bytes[i + e.from.len()..]);
    std::fs::write(p, new).unwrap();
}

#[test]
fn printed_content_changes_exactly_when_the_fingerprint_does() {
    let dir = fixture();
    let content = dir.path().join("content");
    let theme = Theme::built_in();
    let base = build(&content, &theme);
    let pristine: BTreeMap<PathBuf, Vec<u8>> = walkdir::WalkDir::new(&content)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    let all = edits(&content);
    assert!(all.len() > 20, "{}", all.len());
    let config = ProptestConfig {
        cases: 40,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(i in 0..all.len())| {
        let e = &all[i];
        for (p, b) in &pristine {
            std::fs::write(p, b).unwrap();
        }
        apply(&content, e);
        let after = build(&content, &theme);
        for (id, (fp, printed)) in &base {
            let (fp2, printed2) = &after[id];
            prop_assert_eq!(
                printed != printed2,
                fp != fp2,
                "document {} after editing {} ({:?} → {:?}): printed changed {}, fingerprint changed {}\nbefore:\n{}\nafter:\n{}",
                id,
                e.file,
                String::from_utf8_lossy(&e.from),
                String::from_utf8_lossy(&e.to),
                printed != printed2,
                fp != fp2,
                printed,
                printed2
            );
        }
    });
}
