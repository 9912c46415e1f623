//! Renders a small hand-made site and checks the real output text.

use super::render;
use crate::model::*;
use crate::render::Collect;
use crate::theme::Theme;

fn role(id: &str, name: &str) -> RoleRef {
    RoleRef::new(id, name)
}

fn date(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn para(parts: Vec<Inline>) -> Block {
    Block::Paragraph(parts)
}

fn heading(level: u8, number: Option<&str>, t: &str, anchor: &str) -> Block {
    Block::Heading(Heading {
        level,
        number: number.map(String::from),
        text: vec![text(t)],
        anchor: anchor.into(),
    })
}

fn rev(version: &str, d: &str, approver: RoleRef, summary: &str) -> Revision {
    Revision {
        version: version.into(),
        date: date(d),
        approver,
        summary: summary.into(),
        fingerprint: None,
    }
}

fn doc(id: &str, title: &str, kind: Kind, body: Vec<Block>) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        kind,
        incident: None,
        classification: Classification::Internal,
        order: 0,
        revisions: Revisions::one(rev(
            "初版",
            "2026-04-01",
            role("computer-manager", "電算機管理者"),
            "新規作成",
        )),
        reviews: vec![],
        review_interval_months: 12,
        sample: false,
        body,
        fingerprint: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".into(),
        approval: Approval::Unverified,
        imprint: Imprint::default(),
        source: SourcePath::new("content", format!("{id}.yaml")),
    }
}

fn embedded(id: &str, title: &str, n: usize, data: Structured) -> Block {
    Block::Structured(Embedded {
        caption: None,
        source: DocRef {
            id: id.into(),
            title: title.into(),
            version: "初版".into(),
        },
        storage_key: format!("{id}@初版#{n}"),
        data,
    })
}

fn term(term: &str, reading: Option<&str>, anchor: &str, desc: &str) -> Term {
    Term {
        term: term.into(),
        reading: reading.map(String::from),
        aliases: vec![],
        description: vec![para(vec![text(desc)])],
        anchor: anchor.into(),
    }
}

fn incident(id: &str, short: &str) -> Incident {
    Incident {
        id: id.into(),
        name: short.into(),
        short: short.into(),
    }
}

pub(super) fn site() -> Site {
    let it = role("it-director", "情報システム統括責任者");
    let mut plan = doc(
        "plan",
        "テスト市ICT-BCP",
        Kind::Plan,
        vec![
            heading(1, Some("1"), "計画の目的", "purpose"),
            para(vec![
                text("本計画は"),
                Inline::Glossary {
                    text: "ランサムウェア".into(),
                    anchor: "term-4".into(),
                },
                text("への備えを定める。<script>alert(1)</script> & \"引用\""),
            ]),
            para(vec![
                Inline::Link(Link {
                    target: LinkTarget::Internal {
                        doc: "earthquake".into(),
                        anchor: Some("first-actions".into()),
                        heading: true,
                    },
                    content: vec![text("地震編の初動対応")],
                }),
                text("と"),
                Inline::Link(Link {
                    target: LinkTarget::Internal {
                        doc: "plan".into(),
                        anchor: Some("assembly".into()),
                        heading: true,
                    },
                    content: vec![text("(1) 参集")],
                }),
                text("と"),
                Inline::Link(Link {
                    target: LinkTarget::Excluded,
                    content: vec![text("（本版に含まれない資料）")],
                }),
            ]),
            heading(2, Some("(1)"), "参集", "assembly"),
            para(vec![text(
                "震度6弱以上の地震が発生した場合は全職員が参集する。",
            )]),
            Block::Table(Table {
                caption: Some("表 リスク".into()),
                header: vec![Row {
                    cells: vec![Cell::text("区分"), Cell::text("内容")],
                }],
                rows: vec![
                    Row {
                        cells: vec![
                            Cell {
                                rowspan: 2,
                                ..Cell::text("地震")
                            },
                            Cell::text("停電"),
                        ],
                    },
                    Row {
                        cells: vec![Cell::text("断水")],
                    },
                ],
                widths: Some(vec![1.0, 3.0]),
            }),
            Block::Figure(Figure {
                caption: Some("図 参集ルールフロー".into()),
                diagram: Diagram::Flow(Flow {
                    nodes: vec![
                        FlowNode {
                            id: "s".into(),
                            kind: FlowKind::Start,
                            text: "地震発生".into(),
                        },
                        FlowNode {
                            id: "e".into(),
                            kind: FlowKind::End,
                            text: "参集する".into(),
                        },
                    ],
                    edges: vec![Edge {
                        from: 0,
                        to: 1,
                        label: Some("震度6弱以上".into()),
                    }],
                }),
                key: "plan-fig-1".into(),
            }),
            heading(1, Some("2"), "運用", "operation"),
            heading(1, Some("3"), "訓練", "training"),
        ],
    );
    plan.revisions = Revisions::new(vec![
        rev("初版", "2011-03-31", it.clone(), "新規制定"),
        rev("第2版", "2022-09-07", it, "全面改訂"),
    ])
    .unwrap();
    plan.approval = Approval::Changed;
    // What the loader copies from site.yaml for the plan's publication block.
    plan.imprint = Imprint {
        org: "テスト市".into(),
        department: "情報システム課".into(),
        address: "テスト市本町1-1".into(),
        phone: "03-0000-0000（代表）".into(),
        editor: Some("テスト市情報システム課".into()),
    };
    plan.classification = Classification::Public;

    let mut quake = doc(
        "earthquake",
        "事象別対応マニュアル 地震編",
        Kind::Manual,
        vec![
            heading(1, Some("1"), "初動対応", "first-actions"),
            embedded(
                "earthquake",
                "事象別対応マニュアル 地震編",
                0,
                Structured::Checklist(vec![CheckGroup {
                    title: "発災直後".into(),
                    when: Some("0〜30分".into()),
                    items: vec![
                        CheckItem {
                            text: vec![text("身の安全を確保した")],
                            by: Some(role("staff", "情報システム課職員")),
                        },
                        CheckItem {
                            text: vec![text("安否を報告した")],
                            by: None,
                        },
                    ],
                }]),
            ),
        ],
    );
    quake.incident = Some("earthquake".into());
    quake.revisions.latest_mut().date = date("2024-01-10"); // overdue by 2026-11-26

    let mut contacts = doc(
        "vendor-contacts",
        "事業者連絡先一覧",
        Kind::List,
        vec![embedded(
            "vendor-contacts",
            "事業者連絡先一覧",
            0,
            Structured::Contacts(vec![Contact {
                name: "サンプル担当者A".into(),
                organization: "サンプル事業者".into(),
                role: "運用".into(),
                phones: vec![
                    Phone {
                        label: "代表".into(),
                        number: "03-3695-1111（代表）".into(),
                        dial: crate::model::phone::parse("03-3695-1111（代表）").unwrap(),
                    },
                    Phone {
                        label: "携帯".into(),
                        number: "090-0000-0000".into(),
                        dial: crate::model::phone::parse("090-0000-0000").unwrap(),
                    },
                ],
                email: "a@example.invalid".into(),
                notes: String::new(),
                role_id: None,
            }]),
        )],
    );
    contacts.sample = true;

    let rules = doc(
        "assembly-rules",
        "参集基準",
        Kind::List,
        vec![embedded(
            "assembly-rules",
            "参集基準",
            0,
            Structured::AssemblyRules(vec![
                AssemblyRule {
                    event: "地震".into(),
                    incident: Some("earthquake".into()),
                    condition: "震度6弱以上".into(),
                    who: "全職員".into(),
                    share: Some("100%".into()),
                },
                AssemblyRule {
                    event: "風水害".into(),
                    incident: Some("flood".into()),
                    condition: "災害対策本部が設置される場合".into(),
                    who: "全職員".into(),
                    share: None,
                },
            ]),
        )],
    );

    let form = doc(
        "staff-safety-form",
        "職員安否確認票",
        Kind::List,
        vec![embedded(
            "staff-safety-form",
            "職員安否確認票",
            0,
            Structured::Form(vec![FormSection {
                title: Some("安否".into()),
                fields: vec![
                    FormField {
                        label: "氏名".into(),
                        kind: FieldKind::Text,
                    },
                    FormField {
                        label: "本人".into(),
                        kind: FieldKind::Choice(vec!["無事".into(), "けが".into()]),
                    },
                    FormField {
                        label: "連絡事項".into(),
                        kind: FieldKind::Lines(3),
                    },
                ],
            }]),
        )],
    );

    let procedure = doc(
        "power-recovery",
        "電源復旧手順",
        Kind::Procedure,
        vec![embedded(
            "power-recovery",
            "電源復旧手順",
            0,
            Structured::Procedure(vec![
                Step {
                    title: "安全を確かめる".into(),
                    actions: vec![vec![text("煙がないか確かめる")]],
                    checks: vec![vec![text("煙・においがない")]],
                    caution: Some(vec![text("濡れた機器に通電しない")]),
                    by: Some(role("infra-team", "インフラチーム")),
                },
                Step {
                    title: "報告する".into(),
                    actions: vec![vec![text("電算機管理者に報告する")]],
                    checks: vec![],
                    caution: None,
                    by: None,
                },
            ]),
        )],
    );

    let succession = doc(
        "command-succession",
        "職員参集時指揮者優先順位",
        Kind::List,
        vec![embedded(
            "command-succession",
            "職員参集時指揮者優先順位",
            0,
            Structured::Succession(vec![
                SuccessionEntry {
                    order: 1,
                    role: role("computer-manager", "電算機管理者"),
                    holder: "情報システム課長".into(),
                },
                SuccessionEntry {
                    order: 2,
                    role: role("deputy-1", "代行者1"),
                    holder: "調整係長".into(),
                },
            ]),
        )],
    );

    Site {
        config: SiteConfig {
            organization: OrgInfo {
                name: "テスト市".into(),
                department: "情報システム課".into(),
                address: "テスト市本町1-1".into(),
                phone: "03-0000-0000（代表）".into(),
                editor: Some("テスト市情報システム課".into()),
            },
            title: "テスト市ICT-BCP".into(),
            dates: DateStyle::Wareki,
            numbering: vec![NumberStyle::Arabic, NumberStyle::ParenArabic],
            review_interval_months: 12,
            approval: vec![],
            allow_raw_html: false,
            incidents: vec![incident("earthquake", "地震"), incident("flood", "風水害")],
            compare: Default::default(),
        },
        org: Organization::default(),
        glossary: vec![
            term(
                "電算センター",
                Some("でんさんせんたー"),
                "term-1",
                "庁舎の電算機室。",
            ),
            term("ICT", None, "term-2", "情報通信技術。"),
            term(
                "データセンター",
                Some("でーたせんたー"),
                "term-3",
                "外部の施設。",
            ),
            term(
                "ランサムウェア",
                Some("らんさむうぇあ"),
                "term-4",
                "身代金を要求する不正プログラム。",
            ),
            term("BCP", None, "term-5", "業務継続計画。"),
        ],
        trainings: vec![Training {
            id: "tabletop".into(),
            name: "机上訓練".into(),
            description: "読み合わせ".into(),
            participants: "職員".into(),
            frequency_months: 12,
            timing: None,
            records: vec![TrainingRecord {
                date: date("2025-06-10"),
                summary: "首都直下地震".into(),
            }],
        }],
        documents: vec![plan, quake, contacts, rules, form, procedure, succession],
        build_date: date("2026-11-26"),
        edition: Edition::Staff,
        assets: Default::default(),
        audit: None,
    }
}

fn out(site: &Site) -> std::collections::BTreeMap<String, String> {
    let sink = Collect::default();
    render(site, &Theme::built_in(), &sink).unwrap_or_else(|e| panic!("{e}"));
    sink.into_files()
        .into_iter()
        // The web app's icons are the only binary files the renderer writes.
        .filter(|f| !f.path.ends_with(".png"))
        .map(|f| (f.path, String::from_utf8(f.bytes).expect("utf-8")))
        .collect()
}

fn page<'a>(files: &'a std::collections::BTreeMap<String, String>, path: &str) -> &'a str {
    files.get(path).unwrap_or_else(|| {
        panic!(
            "{path} missing; have {:?}",
            files.keys().collect::<Vec<_>>()
        )
    })
}

#[test]
fn writes_every_page_asset_and_the_single_file() {
    let f = out(&site());
    for p in [
        "html/index.html",
        "html/plan.html",
        "html/earthquake.html",
        "html/vendor-contacts.html",
        "html/glossary.html",
        "html/status.html",
        "html/search-data.js",
        "html/style.css",
        "html/app.js",
        "bcp.html",
    ] {
        page(&f, p);
    }
}

#[test]
fn every_document_page_names_its_approved_text() {
    let s = site();
    let f = out(&s);
    for d in &s.documents {
        let html = page(&f, &format!("html/{}.html", d.id));
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
            "{}",
            d.id
        );
        assert!(html.contains("<meta name=\"viewport\""));
        assert!(html.contains("default-src 'none'"));
        assert!(
            html.contains(&format!("版 {}", d.latest().version)),
            "{}",
            d.id
        );
        assert!(
            html.contains(&format!("<code>{}</code>", &d.fingerprint[..8])),
            "{}",
            d.id
        );
        assert!(html.contains("職員版（全資料）"), "{}", d.id);
        // A sample's revision records are placeholders: it shows its state instead.
        let approval = if d.sample {
            SAMPLE_STATE.to_string()
        } else {
            format!("承認日 {}", d.latest().date.wareki())
        };
        assert!(html.contains(&approval), "{}", d.id);
        assert_eq!(html.contains("承認者 "), !d.sample, "{}", d.id);
    }
}

#[test]
fn banners_follow_approval_sample_and_review() {
    let f = out(&site());
    let plan = page(&f, "html/plan.html");
    assert!(plan.contains("class=\"banner banner-unapproved\""));
    assert!(plan.contains("未承認の変更あり"));
    let contacts = page(&f, "html/vendor-contacts.html");
    assert!(contacts.contains("class=\"banner banner-sample\""));
    assert!(!contacts.contains("banner-unapproved"));
    let quake = page(&f, "html/earthquake.html");
    assert!(quake.contains("<strong>要見直し</strong>"));
    assert!(!page(&f, "html/vendor-contacts.html").contains("<strong>要見直し</strong>"));
    // The start page lists the unapproved document too.
    assert!(page(&f, "html/index.html").contains("<a href=\"plan.html\">テスト市ICT-BCP</a>"));
}

#[test]
fn revision_table_and_publication_block() {
    let f = out(&site());
    let plan = page(&f, "html/plan.html");
    assert!(plan.contains("<h2>計画の新規制定／改訂一覧</h2>"));
    assert!(plan.contains("<tr><td>初版</td><td class=\"nowrap\">平成23年3月31日</td><td>情報システム統括責任者</td><td>新規制定</td></tr>"));
    assert!(plan.contains("<tr><td>第2版</td><td class=\"nowrap\">令和4年9月7日</td><td>情報システム統括責任者</td><td>全面改訂</td></tr>"));
    assert!(plan.find("<td>初版</td>") < plan.find("<td>第2版</td>"));
    assert!(plan.contains("<dt>発行日</dt><dd>令和4年9月</dd>"));
    assert!(plan.contains("電話 03-0000-0000（代表）"));
    assert!(plan.contains("<dt>編集</dt><dd>テスト市情報システム課</dd>"));
    let quake = page(&f, "html/earthquake.html");
    assert!(quake.contains("<h2>改訂履歴</h2>"));
    assert!(!quake.contains("発行日"));
}

#[test]
fn blocks_links_and_escaping() {
    let f = out(&site());
    let plan = page(&f, "html/plan.html");
    assert!(plan.contains("<h2 id=\"purpose\"><span class=\"num\">1</span> 計画の目的</h2>"));
    assert!(plan.contains("<h3 id=\"assembly\"><span class=\"num\">(1)</span> 参集</h3>"));
    assert!(plan.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引用&quot;"));
    assert!(!plan.contains("<script>alert"));
    assert!(plan.contains("ランサムウェア<a href=\"glossary.html#term-4\" class=\"gmark\""));
    assert!(plan.contains("<a href=\"earthquake.html#first-actions\">地震編の初動対応</a>"));
    assert!(plan.contains("<a href=\"#assembly\">(1) 参集</a>"));
    assert!(plan.contains("<span class=\"excluded\">（本版に含まれない資料）</span>"));
    assert!(plan.contains("role=\"region\" aria-label=\"テスト計画 表1 表 リスク（横にスクロールできます）\"><table>\n<caption>表 リスク</caption>") || plan.contains("表 リスク（横にスクロールできます）\"><table>\n<caption>表 リスク</caption>"));
    assert!(plan.contains("<td rowspan=\"2\">地震</td>"));
    assert!(plan.contains("<col style=\"width:25.0%\">"));
    // Figure: caption and the steps as text (the phone layout).
    assert!(plan.contains("<figure class=\"diagram diagram-flow\" id=\"fig-plan-fig-1\">"));
    assert!(plan.contains("<span class=\"flow-text\">地震発生</span>"));
    assert!(plan.contains("<figcaption>図 参集ルールフロー</figcaption>"));
    // Four chapter/section headings make a contents list.
    assert!(plan.contains("<nav class=\"toc\""));
    assert!(plan.contains("<a href=\"#operation\"><span class=\"num\">2</span> 運用</a>"));
}

#[test]
fn structured_data_for_the_phone() {
    let f = out(&site());
    let contacts = page(&f, "html/vendor-contacts.html");
    assert!(contacts.contains("<a class=\"tel\" href=\"tel:0336951111\">"));
    assert!(contacts.contains("href=\"tel:09000000000\""));
    assert!(contacts.contains("<span class=\"tel-number\">03-3695-1111（代表）</span>"));
    let quake = page(&f, "html/earthquake.html");
    assert!(quake.contains("data-storage=\"earthquake@初版#0\" data-total=\"2\""));
    assert!(quake.contains("<input type=\"checkbox\" data-key=\"earthquake@初版#0:0\">"));
    assert!(quake.contains("<input type=\"checkbox\" data-key=\"earthquake@初版#0:1\">"));
    assert!(quake.contains("0 / 2 完了"));
    assert!(quake.contains("<button type=\"button\" class=\"reset\">リセット</button>"));
    assert!(quake.contains("担当：情報システム課職員"));
    let proc = page(&f, "html/power-recovery.html");
    assert!(proc.contains(
        "<div class=\"caution\" role=\"note\"><strong>注意</strong> 濡れた機器に通電しない</div>"
    ));
    assert!(
        proc.contains("data-key=\"power-recovery@初版#0:1\""),
        "the step without checks gets a box"
    );
    assert!(proc.contains("担当：インフラチーム"));
    let succ = page(&f, "html/command-succession.html");
    assert!(succ.contains("<li value=\"2\"><span class=\"role\">代行者1</span>（調整係長）</li>"));
    let rules = page(&f, "html/assembly-rules.html");
    assert!(rules.contains("<td>地震</td><td>震度6弱以上</td><td>全職員</td><td>100%</td>"));
    let form = page(&f, "html/staff-safety-form.html");
    assert!(form.contains("<dt>氏名</dt>"));
    assert_eq!(
        form.matches("<span class=\"blank line\"></span>").count(),
        3
    );
    assert!(form.contains("<li><span class=\"box\">□</span> 無事</li>"));
}

#[test]
fn start_page_leads_with_incidents_and_first_minutes() {
    let f = out(&site());
    let index = page(&f, "html/index.html");
    let quake = index
        .find("href=\"earthquake.html#first-actions\"")
        .expect("earthquake entry");
    // No flood manual: the entry falls back to the plan's assembly section.
    let flood = index
        .find("<a class=\"big\" href=\"plan.html#assembly\"")
        .expect("flood entry");
    assert!(quake < flood);
    assert!(flood < index.find("参集基準").unwrap());
    assert!(index.contains("<a class=\"quick-link\" href=\"assembly-rules.html\">参集基準</a>"));
    assert!(index.contains("<a class=\"quick-link\" href=\"vendor-contacts.html\">連絡先</a>"));
    assert!(index.contains("<a class=\"quick-link\" href=\"staff-safety-form.html\">安否確認</a>"));
    assert!(index.contains("<summary>地震</summary>"));
    assert!(index.contains("震度6弱以上"));
    assert!(index.contains("<input type=\"search\" id=\"search\" class=\"search-input\" aria-controls=\"search-results\""));
    assert!(index.contains("<div id=\"search-results\""));
    // The search data is loaded when the box is first used (app.js).
    assert!(index.contains("data-index=\"search-data.js\""));
    assert!(index.contains("<h3>手順</h3>"));
    assert!(index.find("<h2>計画</h2>") < index.find("<h2>事象別対応マニュアル</h2>"));
}

#[test]
fn glossary_sorted_latin_then_kana_by_reading() {
    let f = out(&site());
    let g = page(&f, "html/glossary.html");
    let pos = |s: &str| g.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(pos("〈アルファベット順〉") < pos("<dt>BCP"));
    assert!(pos("<dt>BCP") < pos("<dt>ICT"));
    assert!(pos("<dt>ICT") < pos("〈五十音順〉"));
    assert!(pos("〈五十音順〉") < pos("<dt>データセンター"));
    assert!(pos("<dt>データセンター") < pos("<dt>電算センター"));
    assert!(pos("<dt>電算センター") < pos("<dt>ランサムウェア"));
    assert!(g.contains("<div class=\"term\" id=\"term-4\">"));
}

#[test]
fn status_page_marks_overdue() {
    let f = out(&site());
    let s = page(&f, "html/status.html");
    assert!(s.contains("未承認の変更あり"));
    assert!(s.contains(Approval::Unverified.label()));
    // earthquake approved 2024-01-10: next review 令和7年1月10日, overdue.
    assert!(s.contains("令和7年1月10日 <strong class=\"tag tag-overdue\">期限超過</strong>"));
    // The training last ran 2025-06-10: due 令和8年6月10日, overdue on 2026-11-26.
    assert!(s.contains("<td>机上訓練</td>"));
    assert!(s.contains("令和8年6月10日 <strong class=\"tag tag-overdue\">期限超過</strong>"));
}

#[test]
fn search_data_holds_page_text_and_heading_links() {
    let f = out(&site());
    let js = page(&f, "html/search-data.js");
    assert!(js.starts_with("window.BCP_SEARCH=["));
    assert!(js.contains("震度6弱以上の地震が発生した場合は全職員が参集する。"));
    assert!(js.contains("\"plan.html#assembly\",\"(1) 参集\""));
    assert!(js.contains("ランサムウェア"));
    assert!(js.contains("\"glossary.html#term-3\",\"データセンター\""));
    assert!(
        !js.contains("</script>"),
        "escaped: {}",
        js.contains("\\u003c/script")
    );
    assert!(js.contains("\\u003cscript>alert(1)\\u003c/script>"));
}

#[test]
fn single_file_is_self_contained_and_links_inside_itself() {
    let f = out(&site());
    let bcp = page(&f, "bcp.html");
    assert!(!bcp.contains("<link rel=\"stylesheet\""));
    if let Some(i) = bcp.find(" src=\"") {
        panic!("external src at {i}: {}", &bcp[i..i + 60]);
    }
    for (i, _) in bcp.match_indices("href=\"") {
        let v = &bcp[i + 6..];
        assert!(
            ["#", "tel:", "mailto:", "data:"]
                .iter()
                .any(|p| v.starts_with(p)),
            "href leaving the file: {}",
            &v[..v.find('"').unwrap()]
        );
    }
    assert!(bcp.contains("<section class=\"page\" id=\"plan\""));
    assert!(bcp.contains("<h2 id=\"plan--purpose\">"));
    assert!(bcp.contains("href=\"#earthquake--first-actions\""));
    assert!(bcp.contains("<a href=\"#plan--assembly\">(1) 参集</a>"));
    assert!(bcp.contains("href=\"#glossary--term-4\" class=\"gmark\""));
    assert!(bcp.contains("id=\"glossary--term-4\""));
    assert!(bcp.contains("window.BCP_SEARCH=["));
    assert!(bcp.contains("\"#plan--assembly\",\"(1) 参集\""));
    // One search box, in the top bar of the file.
    assert!(bcp.contains("aria-controls=\"search-results\""));
    assert!(bcp.contains("id=\"search-results\""));
    assert!(bcp.contains(".table-wrap"), "CSS inlined");
    assert!(bcp.contains("localStorage"), "script inlined");
    // Every id a link in the file points at exists in the file.
    for (i, _) in bcp.match_indices("href=\"#") {
        let v = &bcp[i + 7..];
        let id = &v[..v.find('"').unwrap()];
        assert!(bcp.contains(&format!("id=\"{id}\"")), "dangling #{id}");
    }
}

#[test]
fn multi_page_links_resolve() {
    let f = out(&site());
    for (path, html) in f
        .iter()
        .filter(|(p, _)| p.starts_with("html/") && p.ends_with(".html"))
    {
        for (i, _) in html.match_indices("href=\"") {
            let v = &html[i + 6..];
            let href = &v[..v.find('"').unwrap()];
            if href.starts_with("tel:") || href.starts_with("mailto:") || href.starts_with("data:")
            {
                continue;
            }
            let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                html.as_str()
            } else {
                page(&f, &format!("html/{file}"))
            };
            if !anchor.is_empty() {
                assert!(
                    target.contains(&format!("id=\"{anchor}\"")),
                    "{path}: dangling {href}"
                );
            }
        }
    }
}

#[test]
fn output_is_deterministic() {
    let s = site();
    assert_eq!(out(&s), out(&s));
}

#[test]
fn embedded_data_names_its_source_unless_the_edition_left_it_out() {
    let mut s = site();
    let contacts = s
        .documents
        .iter()
        .find(|d| d.id == "vendor-contacts")
        .unwrap()
        .body[0]
        .clone();
    s.documents[1].body.push(contacts);
    let f = out(&s);
    let quake = page(&f, "html/earthquake.html");
    assert!(quake.contains(
        "出典：<a href=\"vendor-contacts.html\">事業者連絡先一覧</a>（初版） <span class=\"tag tag-sample\">サンプル</span>"
    ));
    s.documents.retain(|d| d.id != "vendor-contacts");
    let f = out(&s);
    assert!(!page(&f, "html/earthquake.html").contains("事業者連絡先一覧"));
    assert!(!page(&f, "html/earthquake.html").contains("vendor-contacts.html"));
}
