//! The load stage's passes: the structured types' keys are checked by one
//! mechanism (their serde shapes), so a stray key reads the same wherever a
//! structured type is written, with file, line and field.

use crate::harness::Site;

/// A YAML document of structured type `ty` with `data` after its metadata.
fn yaml_document(ty: &str, data: &str) -> String {
    format!("id: ref\ntitle: 資料\nkind: list\nrevisions:\n  - {{version: 初版, date: 2026-04-01, approver: computer-manager, summary: 作成}}\ntype: {ty}\n{data}")
}

#[test]
fn a_stray_key_in_a_structured_embed_is_an_unknown_key() {
    let s = Site::new();
    s.write(
        "plan/01-objectives.md",
        "# 目的 {#objectives}\n\n```bcp\nembed: checklist\ngroups: []\nstray: 1\n```\n",
    );
    s.check(&[]).assert_refused(&[
        "content/plan/01-objectives.md:6",
        "stray",
        "知らない項目 stray です（使える項目: embed, caption, groups）",
    ]);
}

#[test]
fn a_stray_key_in_a_structured_document_is_an_unknown_key() {
    let s = Site::new();
    s.write(
        "lists/ref.yaml",
        &yaml_document("procedure", "steps: []\nextra: 1\n"),
    );
    s.check(&[]).assert_refused(&[
        "content/lists/ref.yaml:8",
        "extra",
        "知らない項目 extra です（使える項目: type, id, title, kind, incident, classification, order, revisions, reviews, review_interval_months, sample, description, steps）",
    ]);
}

#[test]
fn each_structured_type_refuses_a_stray_key_the_same_way() {
    for ty in [
        "contacts",
        "checklist",
        "procedure",
        "succession",
        "assembly-rules",
        "form",
        "diagram",
    ] {
        let s = Site::new();
        s.write(
            "plan/01-objectives.md",
            &format!("# 目的 {{#objectives}}\n\n```bcp\nembed: {ty}\nwrong: 1\n```\n"),
        );
        s.check(&[]).assert_refused(&[
            "content/plan/01-objectives.md:5",
            "wrong",
            "知らない項目 wrong です",
        ]);
    }
}

#[test]
fn every_other_embed_refuses_a_stray_key_by_the_same_shape_check() {
    for (kind, own) in [
        ("table", "columns, rows, widths"),
        ("roles", "mode"),
        ("structure", "mode"),
        ("document", "id"),
        ("documents", "kind"),
    ] {
        let s = Site::new();
        s.write(
            "plan/01-objectives.md",
            &format!("# 目的 {{#objectives}}\n\n```bcp\nembed: {kind}\ncolour: red\n```\n"),
        );
        s.check(&[]).assert_refused(&[
            "content/plan/01-objectives.md:5",
            "colour",
            &format!("知らない項目 colour です（使える項目: embed, caption, {own}）"),
        ]);
    }
    for kind in ["trainings", "glossary"] {
        let s = Site::new();
        s.write(
            "plan/01-objectives.md",
            &format!("# 目的 {{#objectives}}\n\n```bcp\nembed: {kind}\nmode: x\n```\n"),
        );
        s.check(&[]).assert_refused(&[
            "content/plan/01-objectives.md:5",
            "知らない項目 mode です（使える項目: embed, caption",
        ]);
    }
}

/// The convert pass reads no site facts, so what only the site can answer
/// (does the document exist, is the image there, is the role known) is
/// found by the resolve pass — at the line where it is written, in the
/// chapter file and inside an embed alike, all in one run.
#[test]
fn what_only_the_site_can_answer_is_reported_at_its_line_after_conversion() {
    let s = Site::new();
    s.write(
        "plan/01-objectives.md",
        "# 目的 {#objectives}\n\n[](@nowhere) と書く。\n\n![図](assets/none.png)\n\n```bcp\nembed: checklist\ngroups:\n  - title: 確認\n    items:\n      - text: 確認する\n        by: no-such-role\n```\n",
    );
    let out = s.check(&[]);
    out.assert_refused(&[
        "content/plan/01-objectives.md:3",
        "参照先の文書がありません",
        "content/plan/01-objectives.md:5",
        "参照しているファイルが assets/ にありません",
        "no-such-role",
        "organization.yaml にない役割です",
    ]);
}

#[test]
fn succession_needs_a_role_or_a_chain() {
    let s = Site::new();
    s.write("lists/ref.yaml", &yaml_document("succession", ""));
    s.check(&[])
        .assert_refused(&["content/lists/ref.yaml", "必須の項目 chain がありません"]);
}

/// Conversion and resolution find problems in two walks; the messages are
/// still told in reading order, line by line.
#[test]
fn problems_of_both_passes_are_told_in_reading_order() {
    let s = Site::new();
    s.write(
        "plan/01-objectives.md",
        "# 目的 {#objectives}\n\n[](@nowhere) と書く。\n\n```bcp\nembed: roles\ncolour: red\n```\n\n[](@elsewhere) も。\n",
    );
    let out = s.check(&[]);
    out.assert_refused(&[]);
    let at = |f: &str| {
        out.stderr
            .find(f)
            .unwrap_or_else(|| panic!("{f} not in {}", out.stderr))
    };
    let (link, key, last) = (
        at("01-objectives.md:3"),
        at("01-objectives.md:7"),
        at("01-objectives.md:10"),
    );
    assert!(link < key && key < last, "{}", out.stderr);
}
