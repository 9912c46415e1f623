//! `bcpgen compare`: the 新旧対照表 from a temporary git repository made
//! here — a site committed with 初版 and 第2版 together, 第3版 approved and
//! committed, then a sentence, a list item, a contact's number, a role's
//! holder, a section added and one removed.

use std::path::Path;
use std::process::Command;

use crate::harness::{copy_dir, run_in, Output, Site, DATE};

/// The chapter the changes are made in.
const CHAPTER: &str = "# 参集と連絡 {#assembly}

## 参集基準 {#rule}

震度５強以上で参集する。

参集の前に家族の安全を確かめる。

1. サーバ室を点検する。
2. 回線を確認する。

## 連絡先 {#contacts}

```bcp
embed: contacts
entries:
  - name: 保守業者
    organization: テスト電算株式会社
    phones:
      - { label: 代表, number: 03-1111-2222 }
```

## 旧い手順 {#old}

この節は次の版で削除する。
";

pub(crate) fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

pub(crate) fn commit(s: &Site, message: &str) {
    git(s.dir.path(), &["add", "-A"]);
    git(s.dir.path(), &["commit", "-q", "-m", message]);
}

/// The site in git: 初版 and 第2版 in the first commit, 第3版 approved in
/// the second.
pub(crate) fn repo() -> Site {
    let s = Site::new();
    s.write("plan/02-assembly.md", CHAPTER);
    git(s.dir.path(), &["init", "-q"]);
    commit(&s, "初版と第2版");
    let o = s.approve("plan", "it-director", "第3版", "参集基準の見直し");
    assert_eq!(o.code, 0, "{}", o.stderr);
    commit(&s, "第3版");
    s
}

/// The draft of 第4版: every kind of change.
pub(crate) fn change(s: &Site) {
    s.edit("plan/02-assembly.md", "震度５強以上", "震度６弱以上");
    s.edit(
        "plan/02-assembly.md",
        "サーバ室を点検",
        "サーバ室と電源を点検",
    );
    s.edit("plan/02-assembly.md", "03-1111-2222", "03-1111-3333");
    s.edit(
        "organization.yaml",
        "holder: 情報政策課長",
        "holder: デジタル政策課長",
    );
    s.edit(
        "plan/02-assembly.md",
        "## 旧い手順 {#old}\n\nこの節は次の版で削除する。\n",
        "## 新しい手順 {#new}\n\n停電時は非常用発電機の燃料を確認する。\n",
    );
}

fn compare(s: &Site, extra: &[&str]) -> Output {
    let mut args = vec!["compare", "plan", "--date", DATE];
    args.extend_from_slice(extra);
    s.run(&args)
}

/// The `<tr>` rows of the HTML table.
pub(crate) fn rows(html: &str) -> Vec<String> {
    let body = html.split("<tbody>").nth(1).expect("a table body");
    body.split("<tr")
        .skip(1)
        .map(|r| r.split("</tr>").next().unwrap().to_string())
        .collect()
}

/// The cell of `col` (改定後, 改定前, 備考) in a row.
pub(crate) fn cell<'r>(row: &'r str, col: &str) -> &'r str {
    let at = row
        .find(&format!("data-col=\"{col}\">"))
        .unwrap_or_else(|| panic!("no {col} in {row}"));
    let rest = &row[at..];
    let start = rest.find('>').unwrap() + 1;
    &rest[start..rest.find("</td>").unwrap()]
}

/// The one row whose 改定後 or 改定前 holds `text` (markup removed).
fn row_with<'a>(rows: &'a [String], text: &str) -> &'a str {
    let plain = |s: &str| s.replace("<u>", "").replace("</u>", "");
    let found: Vec<&String> = rows.iter().filter(|r| plain(r).contains(text)).collect();
    assert_eq!(found.len(), 1, "rows with {text:?}: {found:#?}");
    found[0]
}

#[test]
fn each_change_is_its_own_row_with_its_note_and_underlines() {
    let s = repo();
    change(&s);
    let o = compare(&s, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("compare/plan.html"), "{}", o.stderr);
    let html = std::fs::read_to_string(s.dir.path().join("compare/plan.html")).unwrap();
    let rows = rows(&html);

    let r = row_with(&rows, "以上で参集する。");
    assert_eq!(cell(r, "改定後"), "震度<u>６弱</u>以上で参集する。");
    assert_eq!(cell(r, "改定前"), "震度<u>５強</u>以上で参集する。");
    assert_eq!(cell(r, "備考"), "変更");

    let r = row_with(&rows, "を点検する。");
    assert!(
        cell(r, "改定後").contains("サーバ室<u>と電源</u>を点検する。"),
        "{r}"
    );
    assert!(!cell(r, "改定前").contains("<u>"), "{r}");
    assert_eq!(cell(r, "備考"), "変更");

    let r = row_with(&rows, "保守業者");
    assert!(cell(r, "改定後").contains("03-1111-<u>3333</u>"), "{r}");
    assert!(cell(r, "改定前").contains("03-1111-<u>2222</u>"), "{r}");
    assert_eq!(cell(r, "備考"), "変更");

    // The holder lives in organization.yaml; the plan shows it in its role table.
    let r = row_with(&rows, "政策課長");
    assert!(cell(r, "改定後").contains("<u>デジタル</u>政策課長"), "{r}");
    assert!(cell(r, "改定前").contains("<u>情報</u>政策課長"), "{r}");
    assert_eq!(cell(r, "備考"), "変更");

    let r = row_with(&rows, "非常用発電機");
    assert!(cell(r, "改定後").contains("<u>"), "{r}");
    assert_eq!(cell(r, "改定前"), "（新設）");
    assert_eq!(cell(r, "備考"), "追加");

    let r = row_with(&rows, "この節は次の版で削除する。");
    assert_eq!(cell(r, "改定後"), "（削除）");
    assert_eq!(cell(r, "備考"), "削除");

    // Untouched text is elided; the headings above a change stay.
    assert!(rows.iter().any(|r| cell(r, "改定後") == "（略）"));
    assert!(!html.contains("参集の前に家族の安全を確かめる。"));
    assert!(!html.contains("ランサムウェアへの備えを定める。"));
    let r = row_with(&rows, "参集基準");
    assert!(r.starts_with(" class=\"h\""), "{r}");
    assert_eq!(cell(r, "備考"), "");
    // Offline: no request leaves the file, as the bundle's pages.
    assert!(html.contains("Content-Security-Policy"));
    assert!(!html.contains("http://") && !html.contains("https://"));
}

pub(crate) fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    // The quarter-em 和欧間 of the PDF reads as a space to poppler; the text
    // has none there.
    let text = String::from_utf8_lossy(&o.stdout);
    let chars: Vec<char> = text.chars().collect();
    let japanese = |c: char| matches!(c as u32, 0x3041..=0x30FF | 0x3400..=0x9FFF);
    (0..chars.len())
        .filter(|&i| {
            !(chars[i] == ' '
                && i > 0
                && i + 1 < chars.len()
                && ((japanese(chars[i - 1]) && chars[i + 1].is_ascii_alphanumeric())
                    || (chars[i - 1].is_ascii_alphanumeric() && japanese(chars[i + 1]))))
        })
        .map(|i| chars[i])
        .collect()
}

fn page_sizes(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "99", pdf.to_str().unwrap()])
        .output()
        .expect("pdfinfo (poppler-utils) runs");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| l.split("size:").nth(1).unwrap().trim().to_string())
        .collect()
}

#[test]
fn the_pdf_is_the_kian_sheet_then_landscape_table_pages() {
    let s = repo();
    change(&s);
    let o = compare(&s, &["--out", "taisho", "--version", "第4版"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let pdf = s.dir.path().join("taisho/plan.pdf");
    let text = pdftotext(&pdf);
    for want in [
        "起",
        "テスト市ICT部門業務継続計画の改定について（伺い）",
        "令和8年11月26日",
        "第4版（案）",
        "改定後",
        "改定前",
        "備考",
        "（略）",
        "震度６弱以上で参集する。",
        "震度５強以上で参集する。",
        "（新設）",
        "（削除）",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    // The sheet carries the fingerprint `approve` records for this text.
    let approved = s.approve("plan", "it-director", "第4版", "改定");
    assert_eq!(approved.code, 0, "{}", approved.stderr);
    let index = s.read("plan/_index.md");
    let recorded = index
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("fingerprint: "))
        .expect("approve recorded a fingerprint")
        .trim_matches('"');
    assert!(
        text.contains(recorded),
        "{recorded} not on the sheet:\n{text}"
    );

    let sizes = page_sizes(&pdf);
    assert!(sizes.len() >= 2, "{sizes:?}");
    assert!(sizes[0].starts_with("595.28 x 841.89"), "{sizes:?}");
    for s in &sizes[1..] {
        assert!(s.starts_with("841.89 x 595.28"), "{sizes:?}");
    }
}

#[test]
fn two_runs_give_the_same_bytes() {
    let s = repo();
    change(&s);
    assert_eq!(compare(&s, &["--out", "a"]).code, 0);
    assert_eq!(compare(&s, &["--out", "b"]).code, 0);
    for f in ["plan.html", "plan.pdf"] {
        let a = std::fs::read(s.dir.path().join("a").join(f)).unwrap();
        let b = std::fs::read(s.dir.path().join("b").join(f)).unwrap();
        assert!(a == b, "{f} differs between two runs");
    }
}

#[test]
fn versions_by_label_and_by_git_revision() {
    let s = repo();
    change(&s);
    commit(&s, "第4版の案");
    // 第3版 → HEAD (the committed draft): the same change rows as against
    // the working tree.
    let o = compare(&s, &["--from", "第3版", "--to", "HEAD", "--out", "x"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("変更 4、追加 1、削除 1"), "{}", o.stderr);
    // 第2版 (first commit) → 第3版 (approval commit): no change in the text.
    let o = compare(&s, &["--from", "第2版", "--to", "第3版", "--out", "y"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("変更 0、追加 0、削除 0"), "{}", o.stderr);
    // A git revision of the first commit gives the same text as 第2版.
    let o = compare(&s, &["--from", "HEAD~2", "--to", "HEAD", "--out", "z"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("変更 4、追加 1、削除 1"), "{}", o.stderr);
    let html = std::fs::read_to_string(s.dir.path().join("y/plan.html")).unwrap();
    assert!(html.contains("第2版") && html.contains("第3版"), "{html}");
}

#[test]
fn the_errors_name_what_is_missing() {
    let s = repo();
    // 初版 and 第2版 first appear in the same commit: 初版's text is lost.
    compare(&s, &["--from", "初版"])
        .assert_refused(&["content/plan/_index.md", "初版の本文は履歴にありません"]);
    compare(&s, &["--from", "第9版"]).assert_refused(&[
        "版「第9版」",
        "改訂履歴",
        "初版、第2版、第3版",
    ]);
    compare(&s, &["--from=-x"]).assert_refused(&["版「-x」"]);
    // A document the old version does not have.
    s.write(
        "lists/contacts.md",
        "---\nid: contacts\ntitle: 連絡先一覧\nkind: list\nrevisions:\n  - { version: 初版, date: 2026-06-01, approver: computer-manager, summary: 新規 }\n---\n\n本文。\n",
    );
    s.run(&["compare", "contacts", "--date", DATE, "--from", "HEAD"])
        .assert_refused(&["文書「contacts」は比べる版（コミット", "にありません"]);
    s.run(&["compare", "contacts", "--date", DATE])
        .assert_refused(&["版「初版」を記録したコミットが git の履歴にありません"]);
    s.run(&["compare", "nothing", "--date", DATE])
        .assert_refused(&["文書「nothing」がありません"]);
    // Writing into the content folder is refused as a usage error.
    let o = compare(&s, &["--out", "content/x"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("コンテンツのフォルダ"), "{}", o.stderr);
    assert!(!s.content().join("x").exists());
}

#[test]
fn without_git_the_command_says_so() {
    let s = repo();
    change(&s);
    let empty = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_bcpgen"))
        .args(["compare", "plan", "--date", DATE])
        .current_dir(s.dir.path())
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("git コマンドが見つかりません"), "{err}");
    assert!(err.contains("--from-content"), "{err}");
}

#[test]
fn outside_git_from_content_compares_two_folders() {
    let s = Site::new();
    s.write("plan/02-assembly.md", CHAPTER);
    compare(&s, &[]).assert_refused(&["git のリポジトリの中にない", "--from-content"]);
    let old = tempfile::tempdir().unwrap();
    copy_dir(&s.content(), &old.path().join("content"));
    change(&s);
    let from = old.path().join("content");
    let o = run_in(
        s.dir.path(),
        &[
            "compare",
            "plan",
            "--date",
            DATE,
            "--from-content",
            from.to_str().unwrap(),
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("変更 4、追加 1、削除 1"), "{}", o.stderr);
    let html = std::fs::read_to_string(s.dir.path().join("compare/plan.html")).unwrap();
    assert!(html.contains("震度<u>６弱</u>以上"), "{html}");
    // Nothing else was written beside the sources, and out/ was not made.
    assert!(!s.dir.path().join("out").exists());
}

#[test]
fn site_yaml_sets_the_columns_and_the_route() {
    let s = repo();
    change(&s);
    let site = s.read("site.yaml");
    s.write(
        "site.yaml",
        &format!(
            "{site}compare_columns: [old, new, note]\napproval_route:\n  - {{ stage: 起案, role: deputy-1 }}\n  - {{ stage: 回議, role: computer-manager }}\n  - {{ stage: 決裁, role: it-director }}\n"
        ),
    );
    let o = compare(&s, &["--out", "r"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let html = std::fs::read_to_string(s.dir.path().join("r/plan.html")).unwrap();
    let head = html.split("<thead>").nth(1).unwrap();
    let (old, new) = (head.find("改定前").unwrap(), head.find("改定後").unwrap());
    assert!(old < new, "改定前 comes first: {head}");
    let text = pdftotext(&s.dir.path().join("r/plan.pdf"));
    for want in [
        "回議",
        "代行者1",
        "情報政策課係長",
        "電算機管理者",
        "情報システム統括責任者",
    ] {
        assert!(text.contains(want), "{want:?} not on the sheet:\n{text}");
    }
}

#[test]
fn wrong_columns_and_route_are_errors_at_their_line() {
    let s = Site::new();
    let site = s.read("site.yaml");
    s.write(
        "site.yaml",
        &format!(
            "{site}compare_columns: [old, new, nope]\napproval_route:\n  - {{ stage: 起案, role: nobody }}\n  - {{ stage: 押印, role: it-director }}\n"
        ),
    );
    let o = s.check(&[]);
    o.assert_refused(&[
        "site.yaml:",
        "compare_columns[2]",
        "「nope」",
        "approval_route[0].role",
        "「nobody」",
        "organization.yaml にない役割です",
        "approval_route[1].stage",
        "「押印」",
    ]);
}
