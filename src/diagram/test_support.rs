//! Shared test helpers: the theme's Gothic font and small diagrams.

use crate::font::FontMetrics;

/// The built-in theme's label font.
pub fn metrics() -> FontMetrics<'static> {
    static FONT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let data = FONT.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/fonts/ipaexg.ttf"
        );
        std::fs::read(path).expect("the default theme's Gothic font")
    });
    FontMetrics::parse(data).expect("a font")
}

use crate::model::*;

/// The plan's 参集ルールフロー図 (content/plan/05-emergency.md): the chart
/// that decides who comes in, which must read on paper at >= 7 pt.
pub fn assembly_flow() -> Flow {
    let node = |id: &str, kind, text: &str| FlowNode {
        id: id.into(),
        kind,
        text: text.into(),
    };
    let edge = |from, to, label: Option<&str>| Edge {
        from,
        to,
        label: label.map(String::from),
    };
    Flow {
        nodes: vec![
            node("start", FlowKind::Start, "事象の発生"),
            node("q-earthquake", FlowKind::Decision, "地震か"),
            node("q-shindo6", FlowKind::Decision, "震度6弱以上か"),
            node(
                "q-shindo5",
                FlowKind::Decision,
                "震度5強以上で災対本部設置か",
            ),
            node("q-flood", FlowKind::Decision, "風水害か"),
            node(
                "q-flood-hq",
                FlowKind::Decision,
                "災害対策本部が設置されるか",
            ),
            node("q-security", FlowKind::Decision, "情報セキュリティ事象か"),
            node(
                "q-impact",
                FlowKind::Decision,
                "業務継続に支障が出るか（可能性含む）",
            ),
            node("q-need", FlowKind::Decision, "参集しなければ解決できないか"),
            node(
                "q-contact",
                FlowKind::Decision,
                "電算機管理者と連絡が取れるか",
            ),
            node("deputy", FlowKind::Step, "代行者1→2→3の順に役割を担当"),
            node(
                "gather",
                FlowKind::Step,
                "電算機管理者（代行者）の指示で参集",
            ),
            node(
                "q-large",
                FlowKind::Decision,
                "住民・全庁に影響が出る大きな障害か",
            ),
            node("all", FlowKind::End, "全職員が参集"),
            node("part", FlowKind::End, "全体の40%の職員が参集"),
            node("remote", FlowKind::End, "参集せず遠隔で状況を確認"),
            node("in-house", FlowKind::End, "情報システム課の対応で完結"),
            node("csirt", FlowKind::End, "4(3)の体制に移行して対応"),
            node("other", FlowKind::End, "(ア)～(ウ)に準じて対応"),
        ],
        edges: vec![
            edge(0, 1, None),
            edge(1, 2, Some("はい")),
            edge(1, 4, Some("いいえ")),
            edge(2, 13, Some("はい")),
            edge(2, 3, Some("いいえ")),
            edge(3, 14, Some("はい")),
            edge(3, 15, Some("いいえ")),
            edge(4, 5, Some("はい")),
            edge(4, 6, Some("いいえ")),
            edge(5, 13, Some("はい")),
            edge(5, 15, Some("いいえ")),
            edge(6, 7, Some("はい")),
            edge(6, 18, Some("いいえ")),
            edge(7, 8, Some("はい")),
            edge(7, 15, Some("いいえ")),
            edge(8, 9, Some("はい")),
            edge(8, 15, Some("いいえ")),
            edge(9, 11, Some("はい")),
            edge(9, 10, Some("いいえ")),
            edge(10, 11, None),
            edge(11, 12, None),
            edge(12, 17, Some("はい")),
            edge(12, 16, Some("いいえ")),
        ],
    }
}

/// A small flow chart with a decision.
pub fn flow() -> Flow {
    let node = |id: &str, kind, text: &str| FlowNode {
        id: id.into(),
        kind,
        text: text.into(),
    };
    let edge = |from, to, label: Option<&str>| Edge {
        from,
        to,
        label: label.map(String::from),
    };
    Flow {
        nodes: vec![
            node("s", FlowKind::Start, "事象の発生"),
            node("q1", FlowKind::Decision, "地震か"),
            node("q2", FlowKind::Decision, "震度5強以上で災対本部設置か"),
            node(
                "q3",
                FlowKind::Decision,
                "業務継続に支障が出るか（可能性含む）",
            ),
            node("a", FlowKind::Step, "電算機管理者（代行者）の指示で参集"),
            node("b", FlowKind::End, "全職員が参集"),
            node("c", FlowKind::End, "参集せず遠隔で状況を確認"),
            node("d", FlowKind::Step, "被害状況の確認"),
        ],
        edges: vec![
            edge(0, 1, None),
            edge(1, 2, Some("はい")),
            edge(1, 3, Some("いいえ")),
            edge(2, 5, Some("はい")),
            edge(2, 6, Some("いいえ")),
            edge(3, 4, Some("はい")),
            edge(3, 6, Some("いいえ")),
            edge(4, 7, None),
            edge(7, 3, Some("再確認")),
        ],
    }
}

/// A small organisation chart.
pub fn org() -> OrgChart {
    let unit = |id: &str, label: &str, holder: Option<&str>, parent| OrgUnit {
        id: id.into(),
        label: label.into(),
        holder: holder.map(String::from),
        parent,
    };
    OrgChart {
        title: "情報セキュリティ事象発生時の体制".into(),
        units: vec![
            unit(
                "cio",
                "最高情報システム統括責任者（CIO）",
                Some("政策経営部を担任する副区長"),
                None,
            ),
            unit(
                "it",
                "情報システム統括責任者",
                Some("デジタル推進担当部長"),
                Some(0),
            ),
            unit("cm", "電算機管理者", Some("情報システム課長"), Some(1)),
            unit("l", "連絡調整チーム", Some("情報システム課職員"), Some(2)),
            unit("i", "インフラチーム", Some("情報システム課職員"), Some(2)),
            unit(
                "s",
                "業務システムチーム",
                Some("情報システム課職員"),
                Some(2),
            ),
            unit(
                "v",
                "運用・保守事業者",
                Some("運用・保守事業者その他外部事業者"),
                Some(2),
            ),
            unit("adv", "CIO補佐官", Some("外部専門家"), Some(0)),
            unit(
                "ciso",
                "最高情報セキュリティ統括責任者",
                Some("総務部を担任する副区長"),
                None,
            ),
            unit(
                "csirt",
                "情報セキュリティインシデント対応チーム",
                None,
                Some(8),
            ),
        ],
    }
}

/// A small relation diagram.
pub fn relation() -> Relation {
    let node = |id: &str, text: &str, group| RelationNode {
        id: id.into(),
        text: text.into(),
        group,
    };
    let edge = |from, to, label: &str| Edge {
        from,
        to,
        label: Some(label.into()),
    };
    Relation {
        groups: vec!["全庁BCP".into(), "区の規程".into(), "本計画".into()],
        nodes: vec![
            node("e", "全庁BCP〈地震編〉", Some(0)),
            node("f", "全庁BCP〈水害編〉", Some(0)),
            node("p", "情報セキュリティポリシー", Some(1)),
            node("plan", "本計画", Some(2)),
            node("m", "事象別対応マニュアル", None),
        ],
        edges: vec![
            edge(0, 3, "前提"),
            edge(1, 3, "前提"),
            edge(2, 3, "準拠"),
            edge(3, 4, "具体化"),
        ],
    }
}

/// A device of `height` units at unit `u`.
pub fn device(name: &str, u: u32, height: u32, kind: &str) -> Device {
    Device {
        name: name.into(),
        u,
        height,
        kind: kind.into(),
    }
}

/// Two small racks.
pub fn racks() -> Vec<Rack> {
    vec![
        Rack {
            name: "ラック1（回線・コア）".into(),
            units: 42,
            devices: vec![
                device("UPS", 1, 3, "power"),
                device("パッチパネル1", 10, 1, "patch"),
                device("パッチパネル2", 11, 1, "patch"),
                device("コアスイッチ", 14, 2, "network"),
                device("データセンター接続ルータ（サンプル）", 16, 1, "network"),
            ],
        },
        Rack {
            name: "ラック2".into(),
            units: 12,
            devices: vec![device("スイッチ", 12, 1, "network")],
        },
        Rack {
            name: "ラック3".into(),
            units: 42,
            devices: vec![],
        },
    ]
}

/// A small floor plan.
pub fn floor() -> Floor {
    Floor {
        cols: 12,
        rows: 8,
        areas: vec![
            Area {
                name: "CVCF盤の列".into(),
                x: 1,
                y: 1,
                w: 6,
                h: 2,
            },
            Area {
                name: "エレベーター".into(),
                x: 9,
                y: 5,
                w: 2,
                h: 2,
            },
        ],
        items: vec![
            FloorItem {
                name: "CVCF本体1".into(),
                x: 2,
                y: 2,
                kind: "cvcf".into(),
            },
            FloorItem {
                name: "本計画・マニュアル（印刷版）の書庫".into(),
                x: 11,
                y: 7,
                kind: "cabinet".into(),
            },
            FloorItem {
                name: "入口".into(),
                x: 8,
                y: 7,
                kind: "door".into(),
            },
        ],
    }
}

/// One diagram of every type.
pub fn all() -> Vec<Diagram> {
    vec![
        Diagram::Org(org()),
        Diagram::Flow(flow()),
        Diagram::Relation(relation()),
        Diagram::Rack(racks()),
        Diagram::Floor(floor()),
    ]
}
