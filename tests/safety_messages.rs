//! Issue 10, items 9, 11 and 12: tel: links dial what is written, every
//! message names file, line and field in Japanese, and out-of-range or
//! duplicate values are refused instead of turned into wrong output.

mod common;

use common::Site;

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
        "expected", "invalid", "error:", "Usage", "usage:", "found", "as u", "File name",
        "No such file", "duplicate",
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
    site.write("lists/contacts.yaml", &contacts(&["03-0000-0001", "要記入"]));
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
