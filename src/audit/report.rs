//! The audit as people read it: a table for the terminal (`bcpgen audit`)
//! and model blocks — headings, paragraphs, tables — that the HTML page and
//! the binder appendix render with the existing renderers.

use unicode_width::UnicodeWidthStr;

use super::{Audit, Place, Row, Status};
use crate::model::{Block, Cell, Heading, Inline, Link, LinkTarget, Row as TableRow, Table};

/// The title of the HTML page and the binder appendix.
pub const TITLE: &str = "国の指針に照らした点検（ICT-BCP）";

/// How to read the report: printed above every output of it.
pub const LEGEND: &str = "状態は content/coverage.yaml の宣言によります（対応・一部対応・別資料で対応・対象外）。宣言のない項目は「未対応」です。「候補」は項目の手がかりの語が出てくる節を示すだけで、対応しているという判定ではありません。文言の欄は、カタログが指針の文言をどこまで持っているか（原文・要約・文言未転記）です。";

/// Counts by status, in a fixed order: (label, count).
pub fn counts(audit: &Audit) -> Vec<(&'static str, usize)> {
    let labels = ["対応", "一部対応", "別資料で対応", "対象外", "未対応"];
    labels
        .iter()
        .map(|l| (*l, audit.rows().filter(|r| r.status.label() == *l).count()))
        .collect()
}

/// 「項目 41 件: 対応 5、… 未対応 20（文言未転記 27 件を含む全項目）」.
pub fn summary(audit: &Audit) -> String {
    let total = audit.rows().count();
    let untranscribed = audit
        .rows()
        .filter(|r| r.wording_status == super::catalog::WordingStatus::NotTranscribed)
        .count();
    let parts: Vec<String> = counts(audit)
        .into_iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    format!(
        "項目 {total} 件: {}（うち文言未転記の項目 {untranscribed} 件）",
        parts.join("、")
    )
}

/// How a declared place reads: 「計画 5(1) 参集ルール等（一部対応：発電機の確保はない）」.
fn declared_text(p: &Place) -> String {
    format!("{}{}", p.text(), how_suffix(p))
}

fn candidate_text(p: &Place) -> String {
    format!("候補：{}（{}）", p.text(), p.hits.join("・"))
}

/// The lines of a row's 箇所 column.
fn where_lines(r: &Row) -> Vec<String> {
    match &r.status {
        Status::OutOfScope(reason) => vec![format!("対象外の理由：{reason}")],
        Status::Covered(_) => r.places.iter().map(declared_text).collect(),
        Status::Gap if r.candidates.is_empty() => vec!["（宣言なし・候補なし）".into()],
        Status::Gap => r.candidates.iter().map(candidate_text).collect(),
    }
}

/// The terminal report (control characters of the sources escaped).
pub fn table(audit: &Audit, heading: &str) -> String {
    let mut out = format!("{heading}\n{LEGEND}\n");
    if !audit.declared {
        out.push_str("coverage.yaml がないため、どの項目も宣言がありません（未対応）。\n");
    }
    for c in &audit.catalogs {
        out.push_str(&format!("\n■ {}　{}\n", c.title, c.citation));
        let mut rows = vec![["ID", "項目", "文言", "状態", "箇所"]
            .map(String::from)
            .to_vec()];
        for r in &c.rows {
            let lines = where_lines(r);
            let id = r.key.rsplit('/').next().unwrap_or(&r.key).to_string();
            for (i, l) in lines.into_iter().enumerate() {
                rows.push(if i == 0 {
                    vec![
                        id.clone(),
                        r.title.clone(),
                        r.wording_status.label().into(),
                        r.status.label().into(),
                        l,
                    ]
                } else {
                    vec![
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        l,
                    ]
                });
            }
        }
        out.push_str(&aligned(&rows));
    }
    out.push('\n');
    out.push_str(&summary(audit));
    out.push('\n');
    crate::escape::terminal(&out).into_owned()
}

/// Columns padded to the widest cell by display width (全角 counts 2).
fn aligned(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i] - c.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(inlines)
}

/// A link to the place, or its text alone when the edition leaves its
/// document out.
fn place_link(p: &Place) -> Inline {
    let target = if p.in_edition {
        LinkTarget::Internal {
            doc: p.doc.clone(),
            anchor: p.anchor.clone(),
            heading: p.anchor.is_some(),
        }
    } else {
        LinkTarget::Excluded
    };
    Inline::Link(Link {
        target,
        content: vec![text(p.text())],
    })
}

/// The text after a declared place: 「（一部対応：note）」.
fn how_suffix(p: &Place) -> String {
    let mut t = String::new();
    if !p.in_edition {
        t.push_str("（この版に含まれない文書）");
    }
    match (&p.how, &p.note) {
        (Some(h), Some(n)) => t.push_str(&format!("（{}：{n}）", h.label())),
        (Some(h), None) => t.push_str(&format!("（{}）", h.label())),
        _ => {}
    }
    t
}

/// The status in bold, then the declared places, the reason, or the candidates.
fn where_cell(r: &Row) -> Cell {
    let mut blocks = vec![para(vec![Inline::Strong(vec![text(r.status.label())])])];
    match &r.status {
        Status::OutOfScope(reason) => blocks.push(para(vec![text(format!("理由：{reason}"))])),
        Status::Covered(_) => blocks.extend(
            r.places
                .iter()
                .map(|p| para(vec![place_link(p), text(how_suffix(p))])),
        ),
        Status::Gap if r.candidates.is_empty() => {
            blocks.push(para(vec![text("宣言なし・候補なし")]))
        }
        Status::Gap => blocks.extend(r.candidates.iter().map(|p| {
            para(vec![
                text("候補："),
                place_link(p),
                text(format!("（{}）", p.hits.join("・"))),
            ])
        })),
    }
    Cell::blocks(blocks)
}

/// The item's id and title, its wording status and wording, where in the
/// guidance, related items.
fn item_cell(r: &Row) -> Cell {
    let id = r.key.rsplit('/').next().unwrap_or(&r.key);
    let mut blocks = vec![para(vec![
        Inline::Strong(vec![text(id)]),
        text(format!("　{}", r.title)),
    ])];
    let mut wording = format!("文言：{}", r.wording_status.label());
    if let Some(w) = r.wording.as_ref().filter(|w| **w != r.title) {
        wording.push_str(&format!("「{w}」"));
    }
    blocks.push(para(vec![text(wording)]));
    let mut meta = Vec::new();
    if let Some(p) = &r.place {
        meta.push(format!("出典箇所：{p}"));
    }
    if !r.related.is_empty() {
        meta.push(format!("関連：{}", r.related.join("、")));
    }
    if !meta.is_empty() {
        blocks.push(para(vec![text(meta.join("　"))]));
    }
    Cell::blocks(blocks)
}

/// The report as blocks: the legend and summary, then per catalog a
/// heading (anchor `audit-<catalog>`), its citation and a table.
pub fn blocks(audit: &Audit) -> Vec<Block> {
    let mut out = vec![para(vec![text(LEGEND)]), para(vec![text(summary(audit))])];
    for c in &audit.catalogs {
        out.push(Block::Heading(Heading {
            level: 1,
            number: None,
            text: vec![text(&c.title)],
            anchor: format!("audit-{}", c.id),
        }));
        out.push(para(vec![text(format!("出典：{}", c.citation))]));
        let header = TableRow {
            cells: ["項目（文言の状態）", "状態・対応箇所・候補"]
                .into_iter()
                .map(Cell::text)
                .collect(),
        };
        let rows = c
            .rows
            .iter()
            .map(|r| TableRow {
                cells: vec![item_cell(r), where_cell(r)],
            })
            .collect();
        out.push(Block::Table(Table {
            caption: None,
            header: vec![header],
            rows,
            widths: Some(vec![1.0, 1.0]),
        }));
    }
    out
}
