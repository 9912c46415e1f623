//! Issue 11: every printed fact inside the fingerprint, nothing invisible in
//! it. Each test approves a small site with `bcpgen approve`, makes one
//! edit, builds, and reads the approval state back from the manifest (and
//! the printed text from the HTML where it matters).

use crate::harness::{run_in, Site, DATE};

const ORG: &str = "roles:
  - id: it-director
    name: 情報システム統括責任者
    holder: 情報政策担当部長
  - id: computer-manager
    name: 電算機管理者
    holder: 情報政策課長
    deputies: [infra-team]
  - id: infra-team
    name: インフラチーム
    holder: 基盤係長
modes:
  normal:
    title: 平常時の体制
    units:
      - { role: it-director, duties: [計画の承認] }
      - { role: computer-manager, duties: [計画の運用], reports_to: it-director }
";

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
    by: infra-team
    actions:
      - 二人以上で入る。
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
id: notes
title: 留意事項
kind: guide
revisions:
  - version: 初版
    date: 2026-04-01
    approver: computer-manager
    summary: 作成
---

作業の前に二人以上で確認する。
次の行へ続く文。
";

/// Two valid 1×1 PNGs (red, blue): same size, different bytes.
const RED_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
const BLUE_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\x60\x60\xf8\x0f\x00\x01\x03\x01\x00\x08\x89\xc2\xec\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// The common site plus a procedure whose step is `by: infra-team`, a
/// succession list drawn from the deputies, a plain guide, an image in the
/// plan and the plan's list of guides.
fn site() -> Site {
    let s = Site::new();
    s.write("organization.yaml", ORG);
    s.write("procedures/power.yaml", PROCEDURE);
    s.write("lists/chain.yaml", SUCCESSION);
    s.write("guides/notes.md", GUIDE);
    s.write_bytes("assets/map.png", RED_PNG);
    let chapter = s.read("plan/01-objectives.md");
    s.write(
        "plan/01-objectives.md",
        &format!(
            "{chapter}\n![配置図](assets/map.png)\n\n```bcp\nembed: documents\nkind: guide\n```\n"
        ),
    );
    for (id, approver) in [
        ("plan", "it-director"),
        ("power", "computer-manager"),
        ("chain", "computer-manager"),
        ("notes", "computer-manager"),
    ] {
        let o = s.approve(id, approver, "承認版", "承認");
        assert_eq!(o.code, 0, "approve {id}: {}", o.stderr);
    }
    assert_eq!(unapproved(&s), Vec::<String>::new());
    s
}

/// Ids of the documents the build shows as unapproved (HTML only: quick).
fn unapproved(s: &Site) -> Vec<String> {
    let o = s.build(&["--format", "html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(s.out().join("manifest.json")).unwrap())
            .unwrap();
    let mut ids: Vec<String> = m["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["approved"] == false)
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn html(s: &Site, id: &str) -> String {
    std::fs::read_to_string(s.out().join(format!("html/{id}.html"))).unwrap()
}

#[test]
fn renaming_a_role_unapproves_the_documents_that_print_its_name() {
    let s = site();
    s.edit(
        "organization.yaml",
        "name: インフラチーム",
        "name: 基盤チーム",
    );
    // The procedure prints it on its step (担当), the succession list as a
    // deputy; the plan's role table and the guide do not print it.
    assert_eq!(unapproved(&s), ["chain", "power"]);
    assert!(html(&s, "power").contains("基盤チーム"));
}

#[test]
fn a_new_holder_unapproves_only_documents_that_print_holders() {
    let s = site();
    s.edit("organization.yaml", "holder: 基盤係長", "holder: 基盤課長");
    // The succession list prints holders; the procedure prints only the name.
    assert_eq!(unapproved(&s), ["chain"]);
}

#[test]
fn the_site_phone_unapproves_every_document_whose_cover_prints_it() {
    let s = site();
    s.edit("site.yaml", "phone: 000-0000-0000", "phone: 03-1111-2222");
    // Every PDF cover prints the phone, the plan's publication block too.
    assert_eq!(unapproved(&s), ["chain", "notes", "plan", "power"]);
    assert!(html(&s, "plan").contains("電話 03-1111-2222"));
}

#[test]
fn the_heading_numbering_style_unapproves_documents_with_numbered_headings() {
    let s = site();
    s.edit(
        "site.yaml",
        "numbering: [\"1\", \"(1)\", \"ア\", \"(ア)\"]",
        "numbering: [\"1\", \"(a)\", \"ア\", \"(ア)\"]",
    );
    assert_eq!(unapproved(&s), ["plan"]);
    assert!(html(&s, "plan").contains("(a)"));
}

#[test]
fn new_image_bytes_unapprove_the_document_that_shows_the_image() {
    let s = site();
    s.write_bytes("assets/map.png", BLUE_PNG);
    assert_eq!(unapproved(&s), ["plan"]);
}

#[test]
fn the_entries_of_embed_documents_are_part_of_the_listing_document() {
    let s = site();
    s.edit(
        "guides/notes.md",
        "title: 留意事項",
        "title: 作業の留意事項",
    );
    // The guide's own metadata changed, and the plan prints its title.
    assert_eq!(unapproved(&s), ["notes", "plan"]);
    assert!(html(&s, "plan").contains("作業の留意事項"));
}

#[test]
fn converting_to_crlf_with_a_bom_changes_no_approval() {
    let s = site();
    for rel in ["plan/01-objectives.md", "guides/notes.md", "plan/_index.md"] {
        let t = s.read(rel).replace('\n', "\r\n");
        s.write(rel, &format!("\u{feff}{t}"));
    }
    assert_eq!(unapproved(&s), Vec::<String>::new());
}

#[test]
fn trailing_spaces_change_no_approval_but_a_hard_break_does() {
    let s = site();
    s.edit(
        "guides/notes.md",
        "次の行へ続く文。\n",
        "次の行へ続く文。 \t\n\n\n",
    );
    // Spaces before a blank line make no break either.
    s.edit(
        "plan/01-objectives.md",
        "印を付けない。\n",
        "印を付けない。   \n",
    );
    assert_eq!(unapproved(&s), Vec::<String>::new());
    // Two spaces before a continuing line print a line break.
    s.edit("guides/notes.md", "確認する。\n", "確認する。  \n");
    assert_eq!(unapproved(&s), ["notes"]);
    assert!(html(&s, "notes").contains("確認する。<br>"));
}

#[test]
fn a_fingerprint_of_the_old_algorithm_shows_its_own_state_until_approved_again() {
    let s = Site::new();
    // A record without `v2:`, as `approve` wrote before this version.
    s.edit(
        "plan/_index.md",
        "    summary: 改訂\n",
        &format!("    summary: 改訂\n    fingerprint: {}\n", "ab".repeat(32)),
    );
    assert_eq!(unapproved(&s), Vec::<String>::new());
    let status = s.run(&["status", "--content", "content", "--date", DATE]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    let row = status
        .stdout
        .lines()
        .find(|l| l.starts_with("plan "))
        .unwrap();
    assert!(row.contains("旧方式の指紋"), "{}", status.stdout);
    assert!(
        status.stdout.contains("bcpgen approve で承認し直す"),
        "{}",
        status.stdout
    );
    let o = s.approve("plan", "it-director", "第3版", "指紋の更新");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(s.read("plan/_index.md").contains("fingerprint: v2:"));
    let status = s.run(&["status", "--content", "content", "--date", DATE]);
    let row = status
        .stdout
        .lines()
        .find(|l| l.starts_with("plan "))
        .unwrap();
    assert!(row.contains("承認済") && !row.contains("旧方式"), "{row}");
}

#[test]
fn default_content_claims_no_approval_outside_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let o = run_in(
        dir.path(),
        &[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--out",
            "out",
            "--date",
            DATE,
            "--format",
            "html",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let m: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/manifest.json")).unwrap(),
    )
    .unwrap();
    let docs = m["documents"].as_array().unwrap();
    assert!(docs.len() > 20);
    for d in docs {
        let id = d["id"].as_str().unwrap();
        let page = std::fs::read_to_string(dir.path().join(format!("out/html/{id}.html"))).unwrap();
        if id == "plan" {
            assert!(page.contains("承認者 "), "{id}");
            assert!(!page.contains("banner-sample"), "{id}");
        } else {
            assert!(page.contains("サンプル（未承認）"), "{id}");
            assert!(page.contains("banner-sample"), "{id}");
            assert!(!page.contains("承認者 "), "{id}");
        }
    }
}

#[test]
fn a_review_refreshes_a_fingerprint_of_the_old_algorithm() {
    let s = Site::new();
    s.edit(
        "plan/_index.md",
        "    summary: 改訂\n",
        &format!("    summary: 改訂\n    fingerprint: {}\n", "cd".repeat(32)),
    );
    let o = s.run(&[
        "review",
        "plan",
        "--content",
        "content",
        "--date",
        DATE,
        "--reviewer",
        "it-director",
        "--result",
        "変更の必要なし",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = s.read("plan/_index.md");
    assert!(text.contains("reviews:"), "{text}");
    assert!(text.contains("fingerprint: v2:"), "{text}");
    let status = s.run(&["status", "--content", "content", "--date", DATE]);
    let row = status
        .stdout
        .lines()
        .find(|l| l.starts_with("plan "))
        .unwrap();
    assert!(row.contains("承認済") && !row.contains("旧方式"), "{row}");
    // The refreshed state is checked like any other: an edit shows.
    s.edit(
        "plan/01-objectives.md",
        "備えを定める。",
        "備えを定めている。",
    );
    assert_eq!(unapproved(&s), ["plan"]);
}
