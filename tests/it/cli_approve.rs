//! `bcpgen approve` / `bcpgen review`: what they write into the sources, what
//! they refuse, and the approval states a later build shows.

use crate::harness::{Fixture, Output, DATE};

fn approve(site: &Fixture, id: &str, approver: &str, version: &str) -> Output {
    site.cmd(
        "approve",
        &[
            id,
            "--approver",
            approver,
            "--version",
            version,
            "--summary",
            "年次見直し: 体制の更新",
        ],
    )
}

/// `new` is `old` with exactly the lines `added` inserted after line `after` (1-based).
fn assert_inserted(old: &str, new: &str, after: usize, added: &[&str]) {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    assert_eq!(new_lines.len(), old_lines.len() + added.len(), "{new}");
    assert_eq!(new_lines[..after], old_lines[..after]);
    assert_eq!(new_lines[after + added.len()..], old_lines[after..]);
    for (got, want) in new_lines[after..after + added.len()].iter().zip(added) {
        assert_eq!(got.trim_end_matches('\n'), *want);
    }
}

#[test]
fn approve_appends_a_revision_in_the_files_own_style_and_the_build_shows_it_approved() {
    let s = Fixture::new();
    assert_eq!(s.build().code, 0);
    let before = s.entry("plan");
    assert_eq!(
        before["approved"], true,
        "no fingerprint yet: treated as approved"
    );
    let fp = before["sha256"].as_str().unwrap().to_string();

    let old = s.read("content/plan/_index.md");
    let o = approve(&s, "plan", "it-director", "第2版");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("第2版"), "{}", o.stderr);
    let new = s.read("content/plan/_index.md");
    // Four-space items with a comment inside the list: the new item follows them exactly,
    // everything else (comments, `order:` after the list, the body) is untouched.
    assert_inserted(
        &old,
        &new,
        12,
        &[
            "    - version: 第2版",
            &format!("      date: {DATE}"),
            "      approver: it-director",
            "      summary: \"年次見直し: 体制の更新\"",
            &format!("      fingerprint: v2:{fp}"),
        ],
    );

    assert_eq!(s.build().code, 0);
    let after = s.entry("plan");
    assert_eq!(after["approved"], true);
    assert_eq!(after["version"], "第2版");
    assert_eq!(after["approved_on"], DATE);
    assert_eq!(
        after["sha256"],
        fp.as_str(),
        "approving does not change the fingerprint"
    );
}

#[test]
fn approve_keeps_flow_style_items_and_yaml_files() {
    let s = Fixture::new();
    let old = s.read("content/manuals/quake.md");
    assert_eq!(approve(&s, "quake", "computer-manager", "第2版").code, 0);
    let new = s.read("content/manuals/quake.md");
    let line = new.lines().nth(7).unwrap();
    assert!(line.starts_with("  - {version: 第2版, date: 2026-11-26, approver: computer-manager, summary: \"年次見直し: 体制の更新\", fingerprint: "), "{new}");
    assert_eq!(new.replacen(&format!("{line}\n"), "", 1), old);

    let old = s.read("content/lists/secret-contacts.yaml");
    assert_eq!(
        approve(&s, "secret-contacts", "computer-manager", "第2版").code,
        0
    );
    let new = s.read("content/lists/secret-contacts.yaml");
    assert!(
        new.starts_with("# Confidential: nothing of this"),
        "the comment stays"
    );
    assert_eq!(new.lines().count(), old.lines().count() + 5);
    assert!(
        new.contains("    summary: 新規作成\n  - version: 第2版\n    date: 2026-11-26\n"),
        "{new}"
    );
    assert_eq!(s.build().code, 0);
    assert_eq!(s.entry("secret-contacts")["version"], "第2版");
    assert_eq!(s.entry("quake")["version"], "第2版");
}

#[test]
fn approve_refuses_the_wrong_role_an_old_label_an_earlier_date_and_unknown_ids() {
    let s = Fixture::new();
    let plan = s.read("content/plan/_index.md");

    let o = approve(&s, "plan", "computer-manager", "第2版");
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("承認者は 情報システム統括責任者（it-director）"),
        "{}",
        o.stderr
    );
    let o = approve(&s, "plan", "nobody", "第2版");
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("organization.yaml にない役割"),
        "{}",
        o.stderr
    );
    let o = approve(&s, "plan", "it-director", "初版");
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("版「初版」は文書「plan」にすでにあります"),
        "{}",
        o.stderr
    );
    let o = s.run(&[
        "approve",
        "plan",
        "--approver",
        "it-director",
        "--version",
        "第2版",
        "--summary",
        "x",
        "--date",
        "2026-03-31",
    ]);
    assert_eq!(o.code, 1);
    // An approval dated before the latest revision: that revision is then "after today".
    assert!(
        o.stderr.contains("日付がビルド日（2026-03-31）より後です"),
        "{}",
        o.stderr
    );
    let o = approve(&s, "no-such", "it-director", "第2版");
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("文書「no-such」がありません"),
        "{}",
        o.stderr
    );

    assert_eq!(
        s.read("content/plan/_index.md"),
        plan,
        "a refused approval writes nothing"
    );
}

#[test]
fn a_change_after_approval_is_marked_everywhere_and_fails_strict_check() {
    let s = Fixture::new();
    assert_eq!(approve(&s, "plan", "it-director", "第2版").code, 0);
    assert_eq!(approve(&s, "quake", "computer-manager", "第2版").code, 0);
    s.edit(
        "content/plan/01-organization.md",
        "次のとおりとする。",
        "次のとおり定める。",
    );

    let o = s.cmd("build", &[]);
    assert_eq!(o.code, 0, "the build still succeeds: {}", o.stderr);
    assert!(
        s.read("out/html/index.html").contains("未承認の変更あり"),
        "the start page lists it"
    );
    // 未承認 on every page of the plan's PDF, on none of the manual's.
    let pdf_pages = |id: &str| {
        let o = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(s.path(&format!("out/pdf/{id}.pdf")))
            .arg("-")
            .output()
            .expect("pdftotext");
        String::from_utf8_lossy(&o.stdout)
            .split('\x0c')
            .filter(|p| !p.trim().is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let pages = pdf_pages("plan");
    assert!(!pages.is_empty());
    assert!(pages.iter().all(|p| p.contains("未承認")), "{pages:?}");
    assert!(pdf_pages("quake").iter().all(|p| !p.contains("未承認")));
    assert!(
        o.stderr.contains("（plan）に未承認の変更があります"),
        "{}",
        o.stderr
    );
    assert_eq!(s.entry("plan")["approved"], false);
    assert_eq!(s.entry("quake")["approved"], true);
    let page = s.read("out/html/plan.html");
    assert!(
        page.contains("未承認の変更あり"),
        "the plan's page carries the banner"
    );
    assert!(!s.read("out/html/quake.html").contains("未承認の変更あり"));

    let o = s.cmd("check", &["--strict"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("文書「試験市ICT部門業務継続計画」（plan）に未承認の変更があります"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("（quake）に未承認"), "{}", o.stderr);
    assert_eq!(
        s.cmd("check", &[]).code,
        0,
        "without --strict it is a warning"
    );

    // Approving the new text clears it.
    assert_eq!(approve(&s, "plan", "it-director", "第3版").code, 0);
    assert_eq!(s.build().code, 0);
    assert_eq!(s.entry("plan")["approved"], true);
}

#[test]
fn changes_to_an_embedded_document_or_the_organisation_reach_the_embedder() {
    let s = Fixture::new();
    for (id, role) in [
        ("plan", "it-director"),
        ("quake", "computer-manager"),
        ("secret-contacts", "computer-manager"),
    ] {
        assert_eq!(approve(&s, id, role, "第2版").code, 0);
    }
    s.edit(
        "content/lists/secret-contacts.yaml",
        "090-9876-5432",
        "090-1111-2222",
    );
    assert_eq!(s.build().code, 0);
    assert_eq!(s.entry("secret-contacts")["approved"], false);
    assert_eq!(
        s.entry("quake")["approved"],
        false,
        "quake embeds secret-contacts"
    );
    assert_eq!(
        s.entry("plan")["approved"],
        true,
        "the plan only links to quake"
    );

    // The plan prints the role table: a new holder is a change of the plan.
    s.edit(
        "content/organization.yaml",
        "holder: 情報政策課長",
        "holder: デジタル推進課長",
    );
    assert_eq!(s.build().code, 0);
    assert_eq!(s.entry("plan")["approved"], false);
}

#[test]
fn the_approval_state_is_the_same_in_every_edition() {
    let s = Fixture::new();
    assert_eq!(approve(&s, "quake", "computer-manager", "第2版").code, 0);
    // quake embeds a confidential list: the internal edition leaves it out,
    // but quake is still the approved text.
    let o = s.cmd("build", &["--format", "html", "--edition", "internal"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(s.entry("quake")["approved"], true);
}

#[test]
fn review_records_a_review_without_change_and_ends_the_overdue_state() {
    let s = Fixture::new();
    let o = s.build();
    assert!(
        o.stderr
            .contains("（old-guide）の見直し期限 2025-01-10 を過ぎています"),
        "{}",
        o.stderr
    );
    assert_eq!(s.entry("old-guide")["overdue"], true);
    assert_eq!(s.cmd("check", &["--strict"]).code, 1);

    let old = s.read("content/guides/old-guide.md");
    let o = s.cmd(
        "review",
        &[
            "old-guide",
            "--reviewer",
            "computer-manager",
            "--result",
            "変更の必要なし",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let new = s.read("content/guides/old-guide.md");
    assert_inserted(
        &old,
        &new,
        9,
        &[
            "reviews:",
            "  - date: 2026-11-26",
            "    reviewer: computer-manager",
            "    result: 変更の必要なし",
        ],
    );

    let o = s.build();
    assert!(!o.stderr.contains("見直し期限"), "{}", o.stderr);
    assert_eq!(s.entry("old-guide")["overdue"], false);
    assert_eq!(s.entry("old-guide")["next_review"], "2027-11-26");
    assert_eq!(
        s.entry("old-guide")["version"],
        "初版",
        "a review is no new version"
    );
    let o = s.cmd("check", &["--strict"]);
    assert_eq!(o.code, 0, "nothing else warns in the fixture: {}", o.stderr);

    // A second review appends to the list now there.
    let o = s.cmd(
        "review",
        &["old-guide", "--reviewer", "staff", "--result", "確認済"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(s
        .read("content/guides/old-guide.md")
        .contains("    result: 変更の必要なし\n  - date: 2026-11-26\n    reviewer: staff\n"));
}

#[test]
fn review_is_refused_while_the_content_has_unapproved_changes() {
    let s = Fixture::new();
    assert_eq!(
        approve(&s, "old-guide", "computer-manager", "第2版").code,
        0
    );
    s.edit("content/guides/old-guide.md", "二人以上", "三人以上");
    let before = s.read("content/guides/old-guide.md");
    let o = s.cmd(
        "review",
        &[
            "old-guide",
            "--reviewer",
            "computer-manager",
            "--result",
            "変更なし",
        ],
    );
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("未承認の変更があります"), "{}", o.stderr);
    assert_eq!(s.read("content/guides/old-guide.md"), before);
}
