//! One small site per class of bad input: `bcpgen check` exits 1 and names
//! file, line, field and value in Japanese; nothing panics.

use crate::harness::{assert_no_leftovers, snapshot, Site, DATE};

/// Runs `check` and asserts exit 1 with every fragment in stderr.
fn fails_with(site: &Site, fragments: &[&str]) {
    site.check(&[]).assert_refused(fragments);
}

#[test]
fn the_fixture_site_is_valid() {
    let s = Site::new();
    let o = s.check(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

#[test]
fn yaml_syntax_error_names_file_and_line() {
    let s = Site::new();
    s.edit("site.yaml", "title: テスト市", "title: [テスト市");
    fails_with(&s, &["content/site.yaml:", "YAMLの構文"]);
}

#[test]
fn wrong_type_names_the_field() {
    let s = Site::new();
    s.edit(
        "plan/_index.md",
        "    date: 2019-04-30",
        "    date: [2019, 4, 30]",
    );
    fails_with(
        &s,
        &[
            "content/plan/_index.md:7",
            "revisions[0].date",
            "値の型が違います",
        ],
    );
}

#[test]
fn missing_required_field() {
    let s = Site::new();
    s.edit("plan/_index.md", "title: テスト市ICT部門業務継続計画\n", "");
    fails_with(
        &s,
        &["content/plan/_index.md", "必須の項目 title がありません"],
    );
}

#[test]
fn unknown_field_is_a_typo() {
    let s = Site::new();
    s.edit("plan/_index.md", "kind: plan", "kind: plan\ntitel: 誤字");
    fails_with(&s, &["content/plan/_index.md:5", "titel", "知らない項目"]);
}

#[test]
fn impossible_date() {
    let s = Site::new();
    s.edit("plan/_index.md", "2026-06-01", "2026-02-30");
    fails_with(
        &s,
        &[
            "content/plan/_index.md:11",
            "revisions[1].date",
            "「2026-02-30」",
            "実在する日",
        ],
    );
}

#[test]
fn date_after_the_build_date() {
    let s = Site::new();
    s.edit("plan/_index.md", "2026-06-01", "2027-01-01");
    fails_with(
        &s,
        &[
            "content/plan/_index.md:11",
            "revisions[1].date",
            "ビルド日（2026-11-26）より後",
        ],
    );
}

#[test]
fn revisions_out_of_order() {
    let s = Site::new();
    s.edit("plan/_index.md", "2026-06-01", "2018-01-01");
    fails_with(&s, &["revisions[1].date", "古い順"]);
}

#[test]
fn unknown_approver_role() {
    let s = Site::new();
    s.edit(
        "plan/_index.md",
        "    approver: it-director\n    summary: 改訂",
        "    approver: nobody\n    summary: 改訂",
    );
    fails_with(
        &s,
        &[
            "content/plan/_index.md:12",
            "revisions[1].approver",
            "「nobody」",
            "organization.yaml にない役割",
        ],
    );
}

#[test]
fn approver_must_be_the_role_site_yaml_names() {
    let s = Site::new();
    s.edit(
        "plan/_index.md",
        "    approver: it-director\n    summary: 改訂",
        "    approver: computer-manager\n    summary: 改訂",
    );
    fails_with(
        &s,
        &[
            "revisions[1].approver",
            "「computer-manager」",
            "承認者は 情報システム統括責任者（it-director）",
        ],
    );
}

#[test]
fn duplicate_ids() {
    let s = Site::new();
    let copy = s.read("plan/_index.md");
    s.write("other/plan-copy.md", &copy);
    fails_with(&s, &["id 「plan」", "重複"]);
}

#[test]
fn unresolved_cross_reference_and_anchor() {
    let s = Site::new();
    s.edit(
        "plan/01-objectives.md",
        "[](#purpose)を参照する。",
        "[](@nothing)と[](#nowhere)を参照する。",
    );
    fails_with(
        &s,
        &[
            "content/plan/01-objectives.md:10",
            "「@nothing」",
            "参照先の文書がありません",
            "「#nowhere」",
            "参照先の見出し",
        ],
    );
}

#[test]
fn one_run_reports_bad_metadata_and_bad_text_together() {
    let s = Site::new();
    // A manual whose approver is unknown, which the plan links to…
    s.write(
        "manuals/quake.md",
        "---\nid: quake\ntitle: 地震編\nkind: manual\nincident: earthquake\nrevisions:\n  - {version: 初版, date: 2026-04-01, approver: nobody, summary: 作成}\n---\n\n本文。\n",
    );
    // …and, in the plan, a link to the manual and a link to nothing.
    s.edit(
        "plan/01-objectives.md",
        "[](#purpose)を参照する。",
        "[](@quake)と[](@nothing)を参照する。",
    );
    let o = s.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    for f in [
        "content/manuals/quake.md",
        "nobody",
        "content/plan/01-objectives.md:10",
        "「@nothing」",
    ] {
        assert!(o.stderr.contains(f), "missing {f:?} in:\n{}", o.stderr);
    }
    // The manual's own error is enough: the link to it is not an error too.
    assert!(!o.stderr.contains("「@quake」"), "{}", o.stderr);
}

#[test]
fn unknown_embed_and_mode() {
    let s = Site::new();
    s.edit("plan/01-objectives.md", "mode: normal", "mode: wartime");
    fails_with(
        &s,
        &[
            "content/plan/01-objectives.md:14",
            "mode 「wartime」",
            "体制（mode）",
        ],
    );
    let s = Site::new();
    s.edit("plan/01-objectives.md", "embed: roles", "embed: rolez");
    fails_with(
        &s,
        &[
            "content/plan/01-objectives.md:13",
            "embed 「rolez」",
            "知らない埋め込み",
        ],
    );
}

#[test]
fn raw_html_is_refused() {
    let s = Site::new();
    s.edit(
        "plan/01-objectives.md",
        "ランサムウェアへの備え",
        "<script>alert(1)</script>ランサムウェアへの備え",
    );
    fails_with(&s, &["content/plan/01-objectives.md:5", "生の HTML"]);
}

#[test]
fn binary_garbage_is_not_a_panic() {
    let s = Site::new();
    s.write_bytes(
        "lists/garbage.yaml",
        &[0xff, 0xfe, 0x00, 0x12, 0x80, 0x81, b'\n', 0xc3],
    );
    fails_with(&s, &["content/lists/garbage.yaml", "UTF-8"]);
    let s = Site::new();
    s.write_bytes("lists/nul.md", b"---\nid: x\n\0\0\0");
    fails_with(&s, &["content/lists/nul.md", "バイナリ"]);
}

#[test]
fn glossary_term_needs_a_reading() {
    let s = Site::new();
    s.edit("glossary.yaml", "    reading: らんさむうぇあ\n", "");
    fails_with(
        &s,
        &["content/glossary.yaml:2", "terms[0].reading", "よみがな"],
    );
}

#[test]
fn rack_overlap_is_rejected() {
    let s = Site::new();
    s.write(
        "diagrams/rack.yaml",
        "id: rack\ntitle: ラック図\nkind: diagram\nrevisions:\n  - {version: 初版, date: 2026-04-01, approver: computer-manager, summary: 作成}\ntype: diagram\ndiagram: rack\nracks:\n  - name: A\n    units: 10\n    devices:\n      - {name: SW1, u: 1, height: 2, kind: network}\n      - {name: SW2, u: 2, height: 1, kind: network}\n      - {name: UPS, u: 10, height: 2, kind: power}\n",
    );
    fails_with(
        &s,
        &[
            "content/diagrams/rack.yaml:",
            "racks[0].devices[1]",
            "racks[0].devices[2]",
        ],
    );
}

#[test]
fn flow_edges_must_name_nodes() {
    let s = Site::new();
    s.write(
        "plan/02-flow.md",
        "# 流れ\n\n```bcp\nembed: diagram\ndiagram: flow\nnodes:\n  - {id: a, kind: start, text: 開始}\n  - {id: b, kind: end, text: 終了}\nedges:\n  - {from: a, to: c}\n```\n",
    );
    fails_with(&s, &["content/plan/02-flow.md:10", "edges[0].to", "「c」"]);
}

#[test]
fn a_link_may_not_leave_the_content_folder() {
    let s = Site::new();
    s.edit(
        "plan/01-objectives.md",
        "[](#purpose)を参照する。",
        "[秘密](../secret.txt)を参照する。",
    );
    fails_with(
        &s,
        &[
            "content/plan/01-objectives.md:10",
            "「../secret.txt」",
            "フォルダの外",
        ],
    );
}

#[test]
fn duplicate_heading_anchor() {
    let s = Site::new();
    s.edit(
        "plan/01-objectives.md",
        "## 体制 {#roles}",
        "## 体制 {#purpose}",
    );
    fails_with(
        &s,
        &["content/plan/01-objectives.md:8", "「purpose」", "重複"],
    );
}

#[test]
fn manual_needs_an_incident_and_known_incident() {
    let s = Site::new();
    s.write(
        "manuals/quake.md",
        "---\nid: quake\ntitle: 地震編\nkind: manual\nincident: meteor\nrevisions:\n  - {version: 初版, date: 2026-04-01, approver: computer-manager, summary: 制定}\n---\n# 初動\n",
    );
    fails_with(
        &s,
        &[
            "content/manuals/quake.md:5",
            "incident 「meteor」",
            "知らない事象",
        ],
    );
}

#[test]
fn structured_item_with_unknown_role() {
    let s = Site::new();
    s.write(
        "lists/check.yaml",
        "id: check\ntitle: 点検表\nkind: list\nrevisions:\n  - {version: 初版, date: 2026-04-01, approver: computer-manager, summary: 作成}\ntype: checklist\ngroups:\n  - title: 電源\n    items:\n      - {text: 停電を確認する, by: infra}\n",
    );
    fails_with(
        &s,
        &[
            "content/lists/check.yaml:10",
            "groups[0].items[0].by",
            "「infra」",
        ],
    );
}

#[test]
fn usage_errors_exit_2() {
    let s = Site::new();
    let o = s.run(&["build", "--content", "content", "--date", "2026-13-01"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("--date"), "{}", o.stderr);
    let o = s.run(&["build", "--format", "docx", "--date", DATE]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    let o = s.run(&["frobnicate"]);
    assert_eq!(o.code, 2);
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let s = Site::new();
    let o = s.build(&["--format", "html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let before = snapshot(&s.out());
    assert!(before.iter().any(|(p, _)| p.ends_with("manifest.json")));
    s.edit("plan/_index.md", "2026-06-01", "2026-02-30");
    let o = s.build(&["--format", "html"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("以前のまま"), "{}", o.stderr);
    assert_eq!(snapshot(&s.out()), before);
    assert_no_leftovers(s.dir.path());
}

/// A YAML reference document of `ty` with `data`, approved correctly.
fn reference_doc(ty: &str, data: &str) -> String {
    format!("id: ref\ntitle: 資料\nkind: list\nrevisions:\n  - {{version: 初版, date: 2026-04-01, approver: computer-manager, summary: 作成}}\ntype: {ty}\n{data}")
}

#[test]
fn malformed_contacts_entry() {
    let s = Site::new();
    s.write(
        "lists/ref.yaml",
        &reference_doc(
            "contacts",
            "entries:\n  - name: 事業者A\n    phones:\n      - {label: 代表}\n",
        ),
    );
    fails_with(
        &s,
        &[
            "content/lists/ref.yaml:10",
            "entries[0].phones[0]",
            "必須の項目 number",
        ],
    );
}

#[test]
fn malformed_checklist_item() {
    let s = Site::new();
    s.write(
        "lists/ref.yaml",
        &reference_doc(
            "checklist",
            "groups:\n  - title: 電源\n    items:\n      - {txt: 停電を確認する}\n",
        ),
    );
    fails_with(
        &s,
        &["content/lists/ref.yaml:10", "groups[0].items[0]", "txt"],
    );
}

#[test]
fn malformed_procedure_step() {
    let s = Site::new();
    s.write(
        "lists/ref.yaml",
        &reference_doc(
            "procedure",
            "steps:\n  - title: 電源を入れる\n    actions: 分電盤を確認する\n",
        ),
    );
    fails_with(
        &s,
        &["content/lists/ref.yaml:9", "steps[0].actions", "リスト"],
    );
}

#[test]
fn malformed_succession_chain() {
    let s = Site::new();
    s.write(
        "lists/ref.yaml",
        &reference_doc(
            "succession",
            "chain:\n  - {order: 2, role: computer-manager}\n  - {order: 1, role: deputy-1}\n",
        ),
    );
    fails_with(
        &s,
        &["content/lists/ref.yaml:9", "chain[1].order", "小さい順"],
    );
}

#[test]
fn malformed_assembly_rule() {
    let s = Site::new();
    s.write(
        "lists/ref.yaml",
        &reference_doc(
            "assembly-rules",
            "rules:\n  - {event: 地震, incident: quake, condition: 震度6弱以上, who: 全職員}\n",
        ),
    );
    fails_with(
        &s,
        &["content/lists/ref.yaml:8", "rules[0].incident", "「quake」"],
    );
}

#[test]
fn malformed_form_field() {
    let s = Site::new();
    s.write(
        "lists/ref.yaml",
        &reference_doc(
            "form",
            "fields:\n  - {label: 氏名, kind: text}\n  - {label: 到着, kind: clock}\n",
        ),
    );
    fails_with(
        &s,
        &["content/lists/ref.yaml:9", "fields[1].kind", "「clock」"],
    );
}

#[test]
fn unknown_type_and_stray_field() {
    let s = Site::new();
    s.write(
        "lists/ref.yaml",
        &reference_doc("phonebook", "entries: []\n"),
    );
    fails_with(&s, &["content/lists/ref.yaml:6", "type 「phonebook」"]);
    let s = Site::new();
    s.write(
        "lists/ref.yaml",
        &reference_doc("checklist", "groups: []\nextra: 1\n"),
    );
    fails_with(
        &s,
        &["content/lists/ref.yaml:8", "extra", "知らない項目 extra"],
    );
}

#[test]
fn an_asset_of_a_left_out_document_stays_out_of_the_edition() {
    let s = Site::new();
    // Real PNGs: assets are checked by their bytes.
    let png = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/safety-assets/ok.png"
    ))
    .unwrap();
    s.write_bytes("assets/open.png", &png);
    s.write_bytes("assets/secret.png", &png);
    s.edit(
        "plan/01-objectives.md",
        "[](#purpose)を参照する。",
        "[](#purpose)を参照する。\n\n![公開図](assets/open.png)",
    );
    s.write(
        "lists/secret.md",
        "---\nid: secret\ntitle: 機密資料\nkind: guide\nclassification: confidential\nrevisions:\n  - {version: 初版, date: 2026-04-01, approver: computer-manager, summary: 作成}\n---\n\n![機密図](assets/secret.png)\n",
    );
    let staff = s.build(&["--format", "html"]);
    assert_eq!(staff.code, 0, "{}", staff.stderr);
    assert!(s.out().join("html/assets/open.png").exists());
    assert!(s.out().join("html/assets/secret.png").exists());
    // The offline web app keeps the images too: its file list names them.
    let sw = std::fs::read_to_string(s.out().join("html/sw.js")).unwrap();
    assert!(sw.contains("assets/open.png"), "sw.js lists no image");

    let public = s.build(&["--format", "html", "--edition", "public"]);
    assert_eq!(public.code, 0, "{}", public.stderr);
    assert!(s.out().join("html/assets/open.png").exists());
    assert!(
        !s.out().join("html/assets/secret.png").exists(),
        "an image only the confidential document shows is not shipped"
    );
    let manifest = std::fs::read_to_string(s.out().join("manifest.json")).unwrap();
    assert!(!manifest.contains("secret.png"), "{manifest}");
}

#[test]
fn a_glossary_entry_may_link_to_a_document_but_not_to_nothing() {
    let s = Site::new();
    s.edit(
        "glossary.yaml",
        "description: 身代金を要求する不正なソフトウェア。",
        "description: 身代金を要求する不正なソフトウェア。[](@plan)を参照。",
    );
    let o = s.build(&["--format", "html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = std::fs::read_to_string(s.out().join("html/glossary.html")).unwrap();
    assert!(page.contains(r#"href="plan.html""#), "{page}");

    s.edit("glossary.yaml", "[](@plan)", "[](@nothing)");
    fails_with(
        &s,
        &[
            "content/glossary.yaml",
            "「@nothing」",
            "参照先の文書がありません",
        ],
    );
}

#[test]
fn a_unit_that_fails_does_not_shift_the_others_reports_to() {
    let s = Site::new();
    s.edit(
        "organization.yaml",
        "      - { role: it-director, duties: [計画の承認], hq_relation: 本部員 }",
        "      - { duties: [名前のない行] }\n      - { role: it-director, duties: [計画の承認], hq_relation: 本部員 }",
    );
    let o = s.check(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("modes.normal.units[0]"), "{}", o.stderr);
    assert!(
        o.stderr.contains("role:（役割の id）か name:"),
        "{}",
        o.stderr
    );
    // units[2] (computer-manager) reports to it-director, which is there.
    assert!(!o.stderr.contains("reports_to"), "{}", o.stderr);
}

#[test]
fn an_image_inside_emphasis_or_a_link_is_shown_as_an_image() {
    let s = Site::new();
    s.write_bytes(
        "assets/map.png",
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/safety-assets/ok.png"
        ))
        .unwrap(),
    );
    s.edit(
        "plan/01-objectives.md",
        "[](#purpose)を参照する。",
        "*地図 ![庁舎の地図](assets/map.png)* と [![配置図](assets/map.png)](#purpose) を見る。",
    );
    let o = s.build(&["--format", "html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = std::fs::read_to_string(s.out().join("html/plan.html")).unwrap();
    assert!(!page.contains("img:"), "no marker text leaks into the page");
    assert!(
        !page.contains('\u{2}'),
        "no control character leaks into the page"
    );
    for alt in ["庁舎の地図", "配置図"] {
        assert!(page.contains(&format!(r#"alt="{alt}""#)), "{alt}: {page}");
    }
}
