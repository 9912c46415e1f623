//! Issue 10, items 9, 11 and 12: tel: links dial what is written, every
//! message names file, line and field in Japanese, and out-of-range or
//! duplicate values are refused instead of turned into wrong output.

use crate::harness::{Site, DATE};

/// A contacts list whose phone numbers are `numbers` (YAML flow scalars).
fn contacts(numbers: &[&str]) -> String {
    let mut s = String::from(
        "id: contacts\ntitle: 連絡先\nkind: list\nrevisions:\n  - version: 初版\n    date: 2026-04-01\n    approver: computer-manager\n    summary: 新規作成\ntype: contacts\nentries:\n  - name: 担当者\n    phones:\n",
    );
    for n in numbers {
        s.push_str(&format!("      - {{label: 窓口, number: \"{n}\"}}\n"));
    }
    s
}

/// No sentence of serde's or clap's English leaks through.
fn assert_no_english(stderr: &str) {
    for word in [
        "expected",
        "invalid",
        "error:",
        "Usage",
        "usage:",
        "found",
        "as u",
        "File name",
        "No such file",
        "duplicate",
    ] {
        assert!(
            !stderr.contains(word),
            "English {word:?} in the message:\n{stderr}"
        );
    }
}

// ---- item 9: tel: links ----

#[test]
fn an_extension_and_two_numbers_dial_correctly() {
    let site = Site::new();
    site.write(
        "lists/contacts.yaml",
        &contacts(&["03-3695-1111 内線2345", "03-0000-0001／090-0000-0001"]),
    );
    let o = site.build(&["--format", "html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let html = std::fs::read_to_string(site.out().join("html/contacts.html")).unwrap();
    let hrefs: Vec<&str> = html
        .split("href=\"tel:")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        hrefs,
        ["0336951111;ext=2345", "0300000001", "09000000001"],
        "{html}"
    );
    // Each button shows its number as written.
    assert!(html.contains("<span class=\"tel-number\">03-3695-1111 内線2345</span>"));
    assert!(html.contains("<span class=\"tel-number\">03-0000-0001</span>"));
    assert!(html.contains("<span class=\"tel-number\">090-0000-0001</span>"));
}

#[test]
fn a_number_with_nothing_to_dial_is_refused_with_its_line() {
    let site = Site::new();
    site.write(
        "lists/contacts.yaml",
        &contacts(&["03-0000-0001", "要記入"]),
    );
    let o = site.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("lists/contacts.yaml:14: entries[0].phones[1].number 「要記入」"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("番号"), "{}", o.stderr);
}

// ---- item 11: every message Japanese, naming file, line and field ----

#[test]
fn a_missing_glyph_is_named_once_where_it_is_written() {
    let site = Site::new();
    // 统 (simplified) is not in IPAex; the plan's role table shows it.
    site.edit(
        "organization.yaml",
        "name: 情報システム統括責任者",
        "name: 情報システム统括責任者",
    );
    let o = site.build(&["--format", "pdf"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let errors: Vec<&str> = o.stderr.lines().filter(|l| l.contains('统')).collect();
    assert_eq!(errors.len(), 1, "{}", o.stderr);
    assert!(
        errors[0].starts_with("エラー: content/organization.yaml:3: "),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("_index.md"), "{}", o.stderr);
}

#[test]
fn a_duplicate_key_is_named_at_the_second_key_in_japanese() {
    let site = Site::new();
    site.edit(
        "glossary.yaml",
        "    reading: らんさむうぇあ\n",
        "    reading: らんさむうぇあ\n    term: 重複\n",
    );
    let o = site.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("content/glossary.yaml:4: terms[0].term: "),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("2回"), "{}", o.stderr);
    assert_no_english(&o.stderr);
}

#[test]
fn out_of_range_numbers_are_japanese_with_their_line() {
    for (value, shown) in [
        ("4294967296", "4294967296"),
        ("99999999999999999999999", "99999999999999999999999"),
    ] {
        let site = Site::new();
        site.edit(
            "site.yaml",
            "review_interval_months: 12",
            &format!("review_interval_months: {value}"),
        );
        let o = site.check(&[]);
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert!(
            o.stderr
                .contains("content/site.yaml:9: review_interval_months"),
            "{}",
            o.stderr
        );
        assert!(o.stderr.contains(&format!("「{shown}」")), "{}", o.stderr);
        assert_no_english(&o.stderr);
    }
}

#[test]
fn usage_errors_are_japanese_and_exit_2() {
    let site = Site::new();
    for (args, names) in [
        (&["bogus"][..], "bogus"),
        (&["build", "--bogus"][..], "--bogus"),
        (&["build", "--out"][..], "--out"),
        (&["approve", "plan"][..], "--approver"),
        (&[][..], "build"),
        (&["check", "--content", "nowhere"][..], "nowhere"),
        (&["build", "--theme", "nowhere"][..], "nowhere"),
    ] {
        let o = site.run(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(
            o.stderr.starts_with("使い方の誤り: "),
            "{args:?}: {}",
            o.stderr
        );
        assert!(o.stderr.contains(names), "{args:?}: {}", o.stderr);
        assert_no_english(&o.stderr);
    }
}

#[test]
fn an_overlong_id_is_refused_at_its_line() {
    let site = Site::new();
    let long = "a".repeat(300);
    site.edit("plan/_index.md", "id: plan", &format!("id: {long}"));
    let o = site.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("content/plan/_index.md:2: id 「aaa"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("64 文字まで"), "{}", o.stderr);
    let o = site.run(&["new", "list", &long]);
    assert_ne!(o.code, 0);
    assert!(o.stderr.contains("64 文字まで"), "{}", o.stderr);
    assert_no_english(&o.stderr);
}

// ---- item 12: wrong output refused ----

#[test]
fn control_characters_are_shown_escaped() {
    let site = Site::new();
    site.edit(
        "plan/_index.md",
        "title: テスト市ICT部門業務継続計画",
        "title: \"テスト市\\e[2J計画\\u202Eです\"",
    );
    let o = site.run(&["status", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("テスト市\\u{1b}[2J計画\\u{202e}です"),
        "{}",
        o.stdout
    );
    assert!(!o.stdout.contains('\x1b') && !o.stdout.contains('\u{202e}'));
    // In a message as well.
    site.edit(
        "plan/_index.md",
        "    approver: it-director\n    summary: 改訂",
        "    approver: \"x\\e]0;owned\\a\"\n    summary: 改訂",
    );
    let o = site.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("x\\u{1b}]0;owned\\u{7}"), "{}", o.stderr);
    assert!(!o.stderr.contains('\x1b') && !o.stderr.contains('\x07'));
}

#[test]
fn a_heading_may_not_take_an_id_of_the_theme() {
    let site = Site::new();
    site.edit("plan/01-objectives.md", "{#roles}", "{#bcp-toc}");
    let o = site.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("content/plan/01-objectives.md:8: {#id} 「bcp-toc」"),
        "{}",
        o.stderr
    );
}

#[test]
fn heading_numbers_past_the_last_kana_are_refused() {
    let site = Site::new();
    // Level 3 is numbered ア, イ … ン (46): the 47th has no label.
    let mut text = String::from("# 章\n\n## 節\n\n");
    for i in 1..=47 {
        text.push_str(&format!("### 項{i}\n\n"));
    }
    site.write("plan/02-many.md", &text);
    let o = site.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    // The 47th level-3 heading is on line 5 + 2 × 46.
    assert!(
        o.stderr.contains("content/plan/02-many.md:97: 「項47」"),
        "{}",
        o.stderr
    );
}

#[test]
fn dates_out_of_range_are_refused() {
    let site = Site::new();
    site.edit(
        "site.yaml",
        "review_interval_months: 12",
        "review_interval_months: 4294967295",
    );
    let o = site.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("content/site.yaml:9: review_interval_months 「4294967295」"),
        "{}",
        o.stderr
    );

    let site = Site::new();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_bcpgen"))
        .args(["check", "--content", "content"])
        .current_dir(site.dir.path())
        .env("SOURCE_DATE_EPOCH", "99999999999999999")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH「99999999999999999」"),
        "{stderr}"
    );
}

#[test]
fn table_rows_must_fill_the_columns() {
    let site = Site::new();
    site.write(
        "plan/02-table.md",
        "# 表\n\n```bcp\nembed: table\ncolumns: [A, B, C]\nrows:\n  - [{text: 縦, rowspan: 2}, b, c]\n  - [b, c]\n  - [a, b, c, d]\n  - [{text: 横, colspan: 2}]\n  - [{text: 横, colspan: 2}, c]\n```\n",
    );
    let o = site.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let lines: Vec<&str> = o.stderr.lines().filter(|l| l.contains("列です")).collect();
    assert_eq!(lines.len(), 2, "{}", o.stderr);
    assert!(
        lines[0].contains("content/plan/02-table.md:9: rows[2]"),
        "{}",
        o.stderr
    );
    assert!(
        lines[1].contains("content/plan/02-table.md:10: rows[3]"),
        "{}",
        o.stderr
    );
}
