//! Issue 12 item 1: `role_id:` on a contacts entry — checked at load, and
//! turned into call buttons on the pages that name the role, without
//! entering their fingerprints.

use crate::harness::Site;

/// A contacts list reaching the manager and the manager's deputy.
fn contacts(role_id: &str, number: &str) -> String {
    format!(
        "id: staff-contacts
title: 緊急連絡先リスト
kind: list
classification: confidential
revisions:
  - version: 初版
    date: 2026-04-01
    approver: computer-manager
    summary: 新規制定
type: contacts
entries:
  - name: 課長
    role_id: {role_id}
    phones:
      - {{label: 携帯, number: {number}}}
  - name: 係長
    role_id: deputy-1
    phones:
      - {{label: 携帯, number: 03-0000-1202}}
"
    )
}

#[test]
fn an_unknown_role_id_is_refused_with_file_line_field_and_a_suggestion() {
    let s = Site::new();
    s.write(
        "lists/staff-contacts.yaml",
        &contacts("computer-manger", "03-0000-1201"),
    );
    s.check(&[]).assert_refused(&[
        "lists/staff-contacts.yaml:13",
        "entries[0].role_id",
        "computer-manger",
        "organization.yaml にない役割の id です",
        "「computer-manager」（電算機管理者）のことではありませんか",
    ]);
}

#[test]
fn a_role_name_written_for_its_id_is_pointed_at_the_id() {
    let s = Site::new();
    s.write(
        "lists/staff-contacts.yaml",
        &contacts("電算機管理者", "03-0000-1201"),
    );
    s.check(&[]).assert_refused(&[
        "lists/staff-contacts.yaml:13",
        "entries[0].role_id",
        "「computer-manager」（電算機管理者）のことではありませんか",
    ]);
}

#[test]
fn a_role_id_far_from_any_lists_the_ids() {
    let s = Site::new();
    s.write(
        "lists/staff-contacts.yaml",
        &contacts("zzz", "03-0000-1201"),
    );
    s.check(&[]).assert_refused(&[
        "lists/staff-contacts.yaml:13",
        "使える id: it-director, computer-manager, deputy-1",
    ]);
}

/// The `<a>` elements of `html` whose href starts with `tel:`, in order.
fn tel_links(html: &str) -> Vec<&str> {
    html.match_indices("<a class=\"call\" href=\"tel:")
        .map(|(at, _)| {
            let rest = &html[at..];
            &rest[..rest.find("</a>").unwrap() + 4]
        })
        .collect()
}

#[test]
fn a_page_naming_the_role_calls_the_holder_then_the_deputies() {
    let s = Site::new();
    s.write(
        "lists/staff-contacts.yaml",
        &contacts("computer-manager", "03-0000-1201"),
    );
    let o = s.build(&["--format", "html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let plan = std::fs::read_to_string(s.out().join("html/plan.html")).unwrap();
    let main = &plan[plan.find("<main").unwrap()..plan.find("</main>").unwrap()];
    let links = tel_links(main);
    // The role table names 電算機管理者: its holder, then 代行者1.
    assert_eq!(
        links[..2],
        [
            "<a class=\"call\" href=\"tel:0300001201\" aria-label=\"電算機管理者に電話（03-0000-1201）\">電算機管理者</a>",
            "<a class=\"call\" href=\"tel:0300001202\" aria-label=\"代行者1に電話（03-0000-1202）\">代行者1</a>",
        ],
        "{main}"
    );
    // The buttons follow the cell: the sentence is kept as written.
    assert!(
        main.contains("電算機管理者（情報政策課長）<div class=\"calls\""),
        "{main}"
    );
}

#[test]
fn the_numbers_are_not_in_the_fingerprint_of_pages_showing_buttons() {
    let s = Site::new();
    s.write(
        "lists/staff-contacts.yaml",
        &contacts("computer-manager", "03-0000-1201"),
    );
    let sha = |s: &Site, id: &str| -> String {
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(s.out().join("manifest.json")).unwrap())
                .unwrap();
        m["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .unwrap()["sha256"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(s.build(&["--format", "html"]).code, 0);
    let (plan, list) = (sha(&s, "plan"), sha(&s, "staff-contacts"));
    s.edit("lists/staff-contacts.yaml", "03-0000-1201", "03-0000-1299");
    assert_eq!(s.build(&["--format", "html"]).code, 0);
    let page = std::fs::read_to_string(s.out().join("html/plan.html")).unwrap();
    assert!(page.contains("tel:0300001299"), "the new number is shown");
    assert_eq!(sha(&s, "plan"), plan, "the plan's approval still holds");
    assert_ne!(sha(&s, "staff-contacts"), list, "the list itself changed");
}

#[test]
fn an_edition_without_the_contacts_shows_no_button_and_no_number() {
    let s = Site::new();
    s.write(
        "lists/staff-contacts.yaml",
        &contacts("computer-manager", "03-0000-1201"),
    );
    let o = s.build(&["--format", "html", "--edition", "public"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for f in [
        "html/plan.html",
        "html/index.html",
        "bcp.html",
        "html/search-data.js",
    ] {
        let t = std::fs::read_to_string(s.out().join(f)).unwrap();
        assert!(!t.contains("class=\"call\""), "{f}");
        assert!(!t.contains("0000-120") && !t.contains("0300001"), "{f}");
    }
}
