//! `bcpgen audit` (issue 17): declared coverage is checked (anchor, staleness),
//! undeclared items get candidates but stay uncovered, `--strict` fails on a
//! gap, and `build` adds the audit page and the binder appendix.

use crate::harness::{Site, DATE};

/// The built-in catalogs; a site file with one of these ids replaces it.
const BUILT_IN: [&str; 4] = [
    "cao-bcp-6",
    "mic-ict-bcp-checklist-r6",
    "mic-ict-bcp-2008",
    "ict-bcp-initial-2013",
];

/// A catalog of the site's own with two items: backup (hint バックアップ)
/// and ransomware (hint ランサムウェア, which the test plan's 1(1) mentions).
const CATALOG: &str = "id: pref
title: テスト県チェックリスト
source:
  publisher: テスト県
  document: 市町村ICT-BCP点検表
  date: 令和7年
items:
  - id: backup
    title: データのバックアップ
    wording_status: quoted
    wording: 重要なデータのバックアップを取得している。
    where: 第1項
    hints: [バックアップ]
  - id: ransomware
    title: ランサムウェアへの備え
    wording_status: not-transcribed
    hints: [ランサムウェア]
";

/// The test site with the built-in catalogs emptied (so only `pref`
/// counts) and `coverage` as content/coverage.yaml.
fn site(coverage: &str) -> Site {
    let s = Site::new();
    for id in BUILT_IN {
        s.write(
            &format!("audit/{id}.yaml"),
            &format!("id: {id}\ntitle: 空\nsource: {{document: 空, date: 令和7年}}\nitems: []\n"),
        );
    }
    s.write("audit/pref.yaml", CATALOG);
    s.write("coverage.yaml", coverage);
    s
}

fn audit(s: &Site, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec!["audit", "--content", "content", "--date", DATE];
    args.extend_from_slice(extra);
    s.run(&args)
}

/// The stdout line of item `id`.
fn row<'a>(out: &'a str, id: &str) -> &'a str {
    out.lines()
        .find(|l| l.split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no row {id} in:\n{out}"))
}

#[test]
fn a_declaration_to_a_missing_anchor_is_an_error_with_file_and_line() {
    let s = site("# 宣言\n- item: pref/backup\n  doc: plan\n  anchor: nowhere\n  how: full\n");
    let o = audit(&s, &[]);
    o.assert_refused(&[
        "エラー: content/coverage.yaml:4: [0].anchor 「nowhere」",
        "見出しがありません",
    ]);
    assert!(o.stdout.is_empty(), "{}", o.stdout);
    // `check` and `build` read the same declarations.
    s.check(&[]).assert_refused(&["content/coverage.yaml:4"]);
    let o = audit(
        &site("- item: pref/nothing\n  doc: plan\n  how: full\n"),
        &[],
    );
    o.assert_refused(&[
        "content/coverage.yaml:1: [0].item 「pref/nothing」",
        "カタログ pref にこの項目がありません",
    ]);
}

#[test]
fn a_stale_declaration_warns_until_the_section_mentions_the_item_again() {
    let s = site(
        "- item: pref/backup\n  doc: plan\n  anchor: purpose\n  how: full\n  note: 毎晩取得\n",
    );
    let o = audit(&s, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("警告: content/coverage.yaml:3: [0].anchor 「purpose」")
            && o.stderr
                .contains("手がかり（バックアップ）がどれも出てきません"),
        "{}",
        o.stderr
    );
    // Declared coverage stays the authority: still 対応, with the note.
    let r = row(&o.stdout, "backup");
    assert!(
        r.contains("対応") && r.contains("目的と位置付け") && r.contains("毎晩取得"),
        "{r}"
    );
    s.edit(
        "plan/01-objectives.md",
        "ランサムウェアへの備えを定める。",
        "ランサムウェアへの備えとバックアップを定める。",
    );
    let o = audit(&s, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!o.stderr.contains("coverage.yaml"), "{}", o.stderr);
}

#[test]
fn an_undeclared_item_lists_candidates_and_stays_uncovered() {
    let s = site("");
    let o = audit(&s, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let r = row(&o.stdout, "ransomware");
    assert!(r.contains("未対応"), "{r}");
    assert!(
        r.contains("候補：テスト市ICT部門業務継続計画 1(1) 目的と位置付け（ランサムウェア）"),
        "{r}"
    );
    // Every output shows the wording status.
    assert!(r.contains("文言未転記"), "{r}");
    assert!(row(&o.stdout, "backup").contains("原文"));
    assert!(
        o.stdout
            .contains("対応 0、一部対応 0、別資料で対応 0、対象外 0、未対応 2"),
        "{}",
        o.stdout
    );
}

#[test]
fn strict_fails_on_a_gap_and_passes_when_every_item_is_declared() {
    let s = site("- item: pref/backup\n  doc: plan\n  anchor: purpose\n  how: partial\n");
    let o = audit(&s, &["--strict"]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert!(
        o.stderr
            .contains("--strict: 対応の宣言も対象外の宣言もない項目が 1 件"),
        "{}",
        o.stderr
    );
    assert_eq!(audit(&s, &[]).code, 0);

    let s = site(
        "- item: pref/backup\n  out_of_scope: データはすべて県の共同クラウドにあり、バックアップは県が行う\n- item: pref/ransomware\n  doc: plan\n  anchor: purpose\n  how: full\n",
    );
    let o = audit(&s, &["--strict"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let r = row(&o.stdout, "backup");
    assert!(
        r.contains("対象外") && r.contains("県の共同クラウド"),
        "{r}"
    );

    // An out-of-scope item needs its reason.
    let o = audit(
        &site("- item: pref/backup\n  out_of_scope: \"  \"\n"),
        &["--strict"],
    );
    o.assert_refused(&[
        "content/coverage.yaml:2: [0].out_of_scope",
        "理由を書いてください",
    ]);
}

#[test]
fn build_adds_the_audit_page_and_the_binder_appendix() {
    let s = site("- item: pref/ransomware\n  doc: plan\n  anchor: purpose\n  how: partial\n  note: 備えの方針のみ\n");
    let o = s.build(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = std::fs::read_to_string(s.out().join("html/audit.html")).expect("audit page");
    assert!(page.contains("国の指針に照らした点検"), "{page}");
    assert!(page.contains("一部対応") && page.contains("備えの方針のみ"));
    assert!(
        page.contains("href=\"plan.html#purpose\""),
        "declared place linked"
    );
    assert!(page.contains("文言未転記"));
    let status = std::fs::read_to_string(s.out().join("html/status.html")).unwrap();
    assert!(status.contains("href=\"audit.html\""), "{status}");
    let single = std::fs::read_to_string(s.out().join("bcp.html")).unwrap();
    assert!(single.contains("id=\"audit\"") && single.contains("href=\"#plan--purpose\""));

    let text = std::process::Command::new("pdftotext")
        .arg(s.out().join("pdf/binder.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let appendix = text
        .split("付録")
        .nth(1)
        .unwrap_or_else(|| panic!("no appendix in:\n{text}"));
    for want in [
        "国の指針に照らした点検",
        "テスト県チェックリスト",
        "ランサムウェアへの備え",
        "一部対応",
        "未対応",
        "データのバックアップ",
    ] {
        assert!(
            appendix.contains(want),
            "{want} not in appendix:\n{appendix}"
        );
    }

    // A site that declares nothing gets neither; nor does the public edition.
    let plain = Site::new();
    assert_eq!(plain.build(&[]).code, 0);
    assert!(!plain.out().join("html/audit.html").exists());
    let o = s.build(&["--edition", "public", "--format", "html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!s.out().join("html/audit.html").exists());
}
