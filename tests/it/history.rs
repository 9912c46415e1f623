//! `build --history`, `status`'s 「変更」 column and the underline of the
//! 新旧対照表's PDF, on the temporary git repository of `compare`: 初版 and
//! 第2版 committed together, 第3版 approved in a commit of its own, then
//! every kind of change approved as 第4版.

use std::path::Path;
use std::process::Command;

use crate::compare::{cell, change, commit, git, pdftotext, repo, rows};
use crate::harness::{snapshot, Site, DATE};

/// The repository with 第4版 approved and committed: the plan's revision
/// table has 初版, 第2版 (recorded with 初版), 第3版 and 第4版.
fn four_versions() -> Site {
    let s = repo();
    // Builds write beside the content, inside the work tree.
    std::fs::write(s.dir.path().join(".gitignore"), "out/\nout2/\ncompare/\n").unwrap();
    change(&s);
    let o = s.approve("plan", "it-director", "第4版", "参集基準ほかの改定");
    assert_eq!(o.code, 0, "{}", o.stderr);
    commit(&s, "第4版");
    s
}

fn read(s: &Site, rel: &str) -> String {
    std::fs::read_to_string(s.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `<tr>` of the revision table whose first cell is `version`.
fn revision_row(page: &str, version: &str) -> String {
    let table = page
        .split("bcp-revisions\"")
        .nth(1)
        .expect("a revision table");
    let table = table.split("</table>").next().unwrap();
    let start = format!("<tr><td>{version}</td>");
    let at = table
        .find(&start)
        .unwrap_or_else(|| panic!("no row {version} in {table}"));
    // The template escapes `/` in attributes as `&#x2F;`.
    table[at..]
        .split("</tr>")
        .next()
        .unwrap()
        .replace("&#x2F;", "/")
}

/// How many lines of stderr are the history notice.
fn notices(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.contains("--history:")).count()
}

#[test]
fn history_links_each_revision_to_its_table_in_out_compare() {
    let s = four_versions();
    let o = s.build(&["--history"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    // 第2版 against 初版 is impossible: both arrived in one commit. Said once.
    assert_eq!(notices(&o.stderr), 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("初版の本文は履歴にありません"),
        "{}",
        o.stderr
    );
    for (stem, made) in [
        ("plan-rev1", false),
        ("plan-rev2", false),
        ("plan-rev3", true),
        ("plan-rev4", true),
    ] {
        for ext in ["html", "pdf"] {
            let p = s.out().join(format!("compare/{stem}.{ext}"));
            assert_eq!(p.exists(), made, "{}", p.display());
        }
    }
    let page = read(&s, "html/plan.html");
    assert!(!revision_row(&page, "初版").contains("<a "));
    assert!(!revision_row(&page, "第2版").contains("<a "));
    assert!(revision_row(&page, "第3版").contains("href=\"../compare/plan-rev3.html\""));
    assert!(
        revision_row(&page, "第4版").contains("href=\"../compare/plan-rev4.html\">新旧対照表</a>")
    );
    let single = read(&s, "bcp.html").replace("&#x2F;", "/");
    assert!(
        single.contains("href=\"compare/plan-rev4.html\""),
        "bcp.html"
    );

    // The table of 第4版 is 第3版's approved text against 第4版's.
    let table = read(&s, "compare/plan-rev4.html");
    let r = rows(&table);
    let row = r
        .iter()
        .find(|r| r.contains("以上で参集する。"))
        .expect("the changed sentence");
    assert_eq!(cell(row, "改定後"), "震度<u>６弱</u>以上で参集する。");
    assert_eq!(cell(row, "改定前"), "震度<u>５強</u>以上で参集する。");
    assert!(table.contains("第3版") && table.contains("第4版"));
    let text = pdftotext(&s.out().join("compare/plan-rev4.pdf"));
    assert!(
        text.contains("改定後") && text.contains("６弱以上で参集する。"),
        "{text}"
    );

    // The PDF's revision table links the PDF beside it.
    let plan = pdftotext(&s.out().join("pdf/plan.pdf"));
    assert!(plan.contains("参集基準ほかの改定"), "{plan}");
    assert_eq!(plan.matches("新旧対照表").count(), 2, "{plan}");
    let uris = uris(&s.out().join("pdf/plan.pdf"));
    assert!(
        uris.contains(&"../compare/plan-rev4.pdf".to_string()),
        "{uris:?}"
    );
    assert!(!uris.iter().any(|u| u.contains("rev2")), "{uris:?}");
    // And the manifest lists what was written.
    assert!(read(&s, "manifest.json").contains("compare/plan-rev4.pdf"));
}

/// The URI actions of a PDF's link annotations.
fn uris(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).expect("a PDF lopdf reads");
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        // The action is its own object or inline in the annotation's /A.
        let action = match d.get(b"A") {
            Ok(lopdf::Object::Dictionary(a)) => a,
            Ok(lopdf::Object::Reference(r)) => match doc.get_dictionary(*r) {
                Ok(a) => a,
                Err(_) => continue,
            },
            _ => d,
        };
        if let Ok(lopdf::Object::String(bytes, _)) = action.get(b"URI") {
            out.push(String::from_utf8_lossy(bytes).into_owned());
        }
    }
    out
}

#[test]
fn site_yaml_history_true_is_the_flag() {
    let s = four_versions();
    s.edit(
        "site.yaml",
        "dates: wareki\n",
        "dates: wareki\nhistory: true\n",
    );
    let o = s.build(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(s.out().join("compare/plan-rev4.pdf").exists());
    assert!(revision_row(&read(&s, "html/plan.html"), "第4版").contains("plan-rev4.html"));
}

#[test]
fn without_the_flag_or_without_git_the_output_is_the_same() {
    let s = four_versions();
    let plain = s.build(&[]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert_eq!(notices(&plain.stderr), 0, "{}", plain.stderr);
    assert!(!s.out().join("compare").exists());
    assert!(!read(&s, "html/plan.html").contains("新旧対照表"));
    assert!(!pdftotext(&s.out().join("pdf/plan.pdf")).contains("新旧対照表"));
    let before = snapshot(&s.out());

    // The same sources outside git: one notice naming why, no links, and
    // byte for byte the build without the flag.
    let bare = Site::new();
    crate::harness::copy_dir(&s.content(), &bare.content());
    let o = bare.build(&["--history"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(notices(&o.stderr), 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("git のリポジトリの中にない"),
        "{}",
        o.stderr
    );
    assert_eq!(snapshot(&bare.out()), before);
}

#[test]
fn two_history_builds_give_the_same_bytes() {
    let s = four_versions();
    assert_eq!(s.build(&["--history"]).code, 0);
    let first = snapshot(&s.out());
    let o = crate::harness::run_in(
        s.dir.path(),
        &["build", "--date", DATE, "--history", "--out", "out2"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(snapshot(&s.dir.path().join("out2")), first);
}

#[test]
fn a_shallow_clone_says_the_commits_are_missing() {
    let s = four_versions();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", s.dir.path().display());
    git(clone.path(), &["clone", "-q", "--depth", "1", &url, "c"]);
    let dir = clone.path().join("c");
    let o = crate::harness::run_in(
        &dir,
        &["build", "--date", DATE, "--history", "--out", "out"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(notices(&o.stderr), 1, "{}", o.stderr);
    assert!(o.stderr.contains("浅いクローン"), "{}", o.stderr);
    assert!(!dir.join("out/compare").exists());
    let page = std::fs::read_to_string(dir.join("out/html/plan.html")).unwrap();
    assert!(!page.contains("新旧対照表"));
}

/// A confidential guide changed between its two revisions.
const SECRET: &str = "---
id: secret
title: 機密資料
kind: guide
classification: confidential
revisions:
  - {version: 初版, date: 2026-04-01, approver: computer-manager, summary: 作成}
---

金庫の暗証番号は一二三四である。
";

#[test]
fn a_public_edition_carries_no_table_of_a_left_out_document() {
    let s = four_versions();
    s.write("lists/secret.md", SECRET);
    commit(&s, "機密資料の初版");
    s.edit("lists/secret.md", "一二三四", "五六七八");
    s.edit(
        "lists/secret.md",
        "summary: 作成}\n",
        "summary: 作成}\n  - {version: 第2版, date: 2026-11-01, approver: computer-manager, summary: 番号の変更}\n",
    );
    commit(&s, "機密資料の第2版");
    let staff = s.build(&["--history"]);
    assert_eq!(staff.code, 0, "{}", staff.stderr);
    assert!(s.out().join("compare/secret-rev2.html").exists());
    assert!(read(&s, "compare/secret-rev2.html").contains("<u>五六七八</u>"));

    let public = s.build(&["--history", "--edition", "public"]);
    assert_eq!(public.code, 0, "{}", public.stderr);
    assert!(s.out().join("compare/plan-rev4.pdf").exists());
    for (path, bytes) in snapshot(&s.out().join("compare")) {
        assert!(
            !path.to_string_lossy().contains("secret"),
            "{}",
            path.display()
        );
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("暗証番号") && !text.contains("機密資料"),
            "{}",
            path.display()
        );
    }
}

/// The 変更 cell of a document's row of `status`.
fn change_cell(stdout: &str, id: &str) -> String {
    let head = stdout
        .lines()
        .find(|l| l.starts_with("ID"))
        .expect("a header");
    let row = stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no row {id} in {stdout}"));
    // Columns line up by display width; the cell starts under 「変更」.
    use unicode_width::UnicodeWidthStr;
    let col = head[..head.find("変更").unwrap()].width();
    let mut w = 0;
    let start = row
        .char_indices()
        .find(|(_, c)| {
            let before = w;
            w += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            before >= col
        })
        .map(|(i, _)| i)
        .unwrap();
    row[start..].split("  ").next().unwrap().trim().to_string()
}

#[test]
fn status_counts_the_blocks_changed_since_the_latest_approval() {
    let s = repo();
    let o = s.run(&["status", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(change_cell(&o.stdout, "plan"), "なし", "{}", o.stdout);
    change(&s);
    let o = s.run(&["status", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    // The same count compare prints for the same draft.
    let c = s.run(&["compare", "plan", "--date", DATE]);
    assert_eq!(c.code, 0, "{}", c.stderr);
    let n: usize = ["変更 ", "追加 ", "削除 "]
        .iter()
        .map(|k| {
            let at = c.stderr.find(k).unwrap() + k.len();
            c.stderr[at..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert!(n >= 5, "{}", c.stderr);
    assert_eq!(
        change_cell(&o.stdout, "plan"),
        format!("{n} ブロック"),
        "{}",
        o.stdout
    );

    // Outside git, no approved text to compare with.
    let bare = Site::new();
    let o = bare.run(&["status", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(change_cell(&o.stdout, "plan"), "—", "{}", o.stdout);
}

/// The horizontal strokes of one page of a PDF, in pdftotext's
/// coordinates (points from the top-left): (x0, x1, y).
fn strokes(pdf: &Path, page: u32) -> Vec<(f32, f32, f32)> {
    let doc = lopdf::Document::load(pdf).expect("a PDF lopdf reads");
    let id = doc.get_pages()[&page];
    let num = |o: &lopdf::Object| match o {
        lopdf::Object::Integer(i) => *i as f32,
        lopdf::Object::Real(r) => *r,
        _ => f32::NAN,
    };
    let mediabox = doc
        .get_dictionary(id)
        .and_then(|d| d.get(b"MediaBox"))
        .and_then(|b| b.as_array())
        .expect("a MediaBox");
    let height = num(&mediabox[3]) - num(&mediabox[1]);
    let content = lopdf::content::Content::decode(&doc.get_page_content(id)).unwrap();
    let mut out = Vec::new();
    let mut path: Vec<(f32, f32)> = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "m" => path = vec![(num(&op.operands[0]), num(&op.operands[1]))],
            "l" => path.push((num(&op.operands[0]), num(&op.operands[1]))),
            "S" => {
                for w in path.windows(2) {
                    if (w[0].1 - w[1].1).abs() < 0.01 {
                        out.push((w[0].0.min(w[1].0), w[0].0.max(w[1].0), height - w[0].1));
                    }
                }
                path.clear();
            }
            _ => {}
        }
    }
    out
}

/// pdftotext's words of one page: text, xMin, yMin, xMax, yMax.
fn words(pdf: &Path, page: u32) -> Vec<(String, f32, f32, f32, f32)> {
    let p = page.to_string();
    let o = Command::new("pdftotext")
        .args(["-f", &p, "-l", &p, "-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&o.stdout);
    let attr = |w: &str, k: &str| -> f32 {
        let at = w.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
        w[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let text = w.split('>').nth(1).unwrap().split('<').next().unwrap();
            (
                text.to_string(),
                attr(w, "xMin"),
                attr(w, "yMin"),
                attr(w, "xMax"),
                attr(w, "yMax"),
            )
        })
        .collect()
}

#[test]
fn the_pdf_underlines_the_changed_characters_and_nothing_else() {
    let s = repo();
    // A change inside a run of full-width characters: each is one em wide,
    // so a character's box is its place in the word times the size.
    s.edit(
        "plan/01-objectives.md",
        "への備えを定める",
        "への対策を定める",
    );
    let o = s.run(&["compare", "plan", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let pdf = s.dir.path().join("compare/plan.pdf");
    let (words, lines) = (words(&pdf, 2), strokes(&pdf, 2));
    let mut checked = 0;
    for changed in ["対策", "備え"] {
        let (text, x_min, y_min, x_max, y_max) = words
            .iter()
            .find(|w| w.0.contains(changed))
            .unwrap_or_else(|| panic!("no {changed} in {words:?}"))
            .clone();
        let size = y_max - y_min;
        let chars: Vec<char> = text.chars().collect();
        assert!(
            ((x_max - x_min) - size * chars.len() as f32).abs() < 0.5,
            "{text} is not all full-width"
        );
        let at = text[..text.find(changed).unwrap()].chars().count() as f32;
        let (from, to) = (x_min + at * size, x_min + (at + 2.0) * size);
        // Lines just below this word's baseline.
        let under: Vec<&(f32, f32, f32)> = lines
            .iter()
            .filter(|l| (l.2 - y_max).abs() < size * 0.3 && l.1 > x_min && l.0 < x_max)
            .collect();
        assert_eq!(
            under.len(),
            1,
            "{changed}: {under:?} (word {x_min}..{x_max}, {y_max})"
        );
        let (x0, x1, _) = *under[0];
        assert!(
            (x0 - from).abs() < 0.5 && (x1 - to).abs() < 0.5,
            "{changed}: {x0}..{x1}, want {from}..{to}"
        );
        checked += 1;
    }
    assert_eq!(checked, 2);
}

/// `(element, its text)` of `pdfinfo -struct-text`, in reading order; the
/// text is the quoted lines right under the element (after its attributes).
fn structure(pdf: &Path) -> Vec<(String, String)> {
    structure_with_attributes(pdf)
        .into_iter()
        .map(|(k, t, _)| (k, t))
        .collect()
}

/// [`structure`], with each element's attribute lines (`/Scope /Row`).
fn structure_with_attributes(pdf: &Path) -> Vec<(String, String, Vec<String>)> {
    let o = Command::new("pdfinfo")
        .args(["-struct-text", pdf.to_str().unwrap()])
        .output()
        .expect("pdfinfo (poppler-utils) runs");
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    let mut v = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.is_empty() || l.starts_with('"') || l.starts_with('/') {
            continue;
        }
        let kind = l.split([' ', ':']).next().unwrap_or_default().to_string();
        // A run in another style (the underlined part) is its own quoted line.
        let text: String = lines[i + 1..]
            .iter()
            .skip_while(|n| n.starts_with('/'))
            .take_while(|n| n.starts_with('"'))
            .map(|n| n.trim_matches('"'))
            .collect();
        let attributes = lines[i + 1..]
            .iter()
            .take_while(|n| n.starts_with('/'))
            .map(|n| n.to_string())
            .collect();
        v.push((kind, text, attributes));
    }
    v
}

#[test]
fn the_compare_pdf_is_tagged_sheet_and_table_with_each_cell_in_its_td() {
    let s = repo();
    change(&s);
    let o = s.run(&["compare", "plan", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let tree = structure(&s.dir.path().join("compare/plan.pdf"));
    let has = |kind: &str, text: &str| tree.iter().any(|(k, t)| k == kind && t == text);
    // The 起案 sheet: its title, its fields as a table, its route.
    assert_eq!(tree[1], ("H1".into(), "起　案　用　紙".into()), "{tree:#?}");
    let at = tree
        .iter()
        .position(|(k, t)| k == "TH" && t == "件名")
        .unwrap_or_else(|| panic!("{tree:#?}"));
    assert_eq!(
        tree[at + 1],
        (
            "TD".into(),
            "テスト市ICT部門業務継続計画の改定について（伺い）".into()
        )
    );
    assert!(has("TH", "決裁") && has("TR", ""), "{tree:#?}");
    // A field's label heads its row; the route's stages head their columns.
    let scoped = structure_with_attributes(&s.dir.path().join("compare/plan.pdf"));
    let scope = |text: &str| {
        scoped
            .iter()
            .find(|(k, t, _)| k == "TH" && t == text)
            .map(|(_, _, a)| a.join(" "))
            .unwrap_or_else(|| panic!("no TH {text}: {scoped:#?}"))
    };
    for label in ["件名", "起案日"] {
        assert_eq!(scope(label), "/Scope /Row", "{label}");
    }
    assert_eq!(scope("決裁"), "/Scope /Column");
    assert_eq!(scope("改定後"), "/Scope /Column");
    assert!(has("P", "改定の概要"), "{tree:#?}");
    // The comparison: a heading, then a table whose header is read once and
    // whose cells hold their whole text.
    assert!(
        has("H1", "テスト市ICT部門業務継続計画　新旧対照表"),
        "{tree:#?}"
    );
    for th in ["改定後", "改定前", "備考"] {
        assert_eq!(
            tree.iter().filter(|(k, t)| k == "TH" && t == th).count(),
            1,
            "{th}: {tree:#?}"
        );
    }
    assert!(has("TD", "震度６弱以上で参集する。"), "{tree:#?}");
    assert!(has("TD", "震度５強以上で参集する。"), "{tree:#?}");
    assert!(has("TD", "（新設）") && has("TD", "（削除）"), "{tree:#?}");
    assert!(has("TD", "変更") && has("TD", "追加"), "{tree:#?}");
}
