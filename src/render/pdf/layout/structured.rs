//! Structured data (SPEC §4) in print: tables, □ boxes to tick by hand,
//! numbered steps with cautions set apart, and blank forms.

use crate::model::{Block, Embedded, FieldKind, Inline, List, Structured};

use super::blocks::{self, Flow};
use super::boxes::{FontKind, Rgb, VBox};
use super::roles::{self, Role};
use super::table::{self, CellSpec, TableSpec};
use super::text::{Align, Style};
use super::Ctx;

fn p(inl: Vec<Inline>) -> Block {
    Block::Paragraph(inl)
}
fn t(s: &str) -> Inline {
    Inline::Text(s.to_string())
}
fn header(cols: &[&str]) -> Vec<Vec<CellSpec>> {
    vec![cols.iter().map(|c| CellSpec::text(c)).collect()]
}
fn centered(s: &str) -> CellSpec {
    CellSpec {
        align: Some(Align::Center),
        ..CellSpec::text(s)
    }
}

/// A bold line that stays with what follows (group and step titles).
fn title(ctx: &Ctx, s: &str, f: &Flow, out: &mut Vec<VBox>) {
    let st = Style::new(FontKind::Gothic, f.size);
    let mut bx = blocks::plain(ctx, s, &st, f, Align::Left);
    roles::stamp_boxes(&mut bx, ctx.leaf(Role::P));
    if let Some(b) = bx.first_mut() {
        b.space_before = 8.0;
    }
    for b in &mut bx {
        b.keep_with_next = true;
    }
    out.extend(bx);
}

/// Lays out an embedded fact list (contacts, roles, systems…).
pub fn embedded(ctx: &Ctx, e: &Embedded, f: &Flow, out: &mut Vec<VBox>) {
    let cap = e.caption.clone();
    match &e.data {
        Structured::Contacts(entries) => {
            let rows = entries
                .iter()
                .map(|c| {
                    let org: Vec<Block> = [&c.organization, &c.role]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .map(|s| p(vec![t(s)]))
                        .collect();
                    let phones: Vec<Block> = c
                        .phones
                        .iter()
                        .map(|ph| {
                            p(vec![t(&if ph.label.is_empty() {
                                ph.number.clone()
                            } else {
                                format!("{}　{}", ph.label, ph.number)
                            })])
                        })
                        .collect();
                    let notes: Vec<Block> = [&c.email, &c.notes]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .map(|s| p(vec![t(s)]))
                        .collect();
                    vec![
                        CellSpec::text(&c.name),
                        CellSpec::new(org),
                        CellSpec::new(phones),
                        CellSpec::new(notes),
                    ]
                })
                .collect();
            let spec = TableSpec {
                caption: cap,
                header: header(&["名称", "所属・役割", "電話", "メール・備考"]),
                rows,
                widths: Some(vec![3.0, 3.0, 3.2, 3.0]),
            };
            table::table(ctx, &spec, f, out);
        }
        Structured::Checklist(groups) => {
            caption_line(ctx, cap.as_deref(), f, out);
            for g in groups {
                let head = match &g.when {
                    Some(w) => format!("{}（{}）", g.title, w),
                    None => g.title.clone(),
                };
                title(ctx, &head, f, out);
                let rows = g
                    .items
                    .iter()
                    .map(|i| {
                        vec![
                            centered("□"),
                            CellSpec::new(vec![p(i.text.clone())]),
                            CellSpec::text(i.by.as_ref().map(|r| r.name()).unwrap_or("")),
                        ]
                    })
                    .collect();
                let spec = TableSpec {
                    caption: None,
                    header: header(&["確認", "項目", "担当"]),
                    rows,
                    widths: Some(vec![1.1, 8.0, 3.0]),
                };
                table::table(ctx, &spec, f, out);
            }
        }
        Structured::Procedure(steps) => {
            caption_line(ctx, cap.as_deref(), f, out);
            for (i, s) in steps.iter().enumerate() {
                let by =
                    s.by.as_ref()
                        .map(|r| format!("（担当：{}）", r.name()))
                        .unwrap_or_default();
                title(ctx, &format!("手順{}　{}{}", i + 1, s.title, by), f, out);
                let inner = f.inset(f.size);
                if !s.actions.is_empty() {
                    let l = List {
                        ordered: true,
                        start: 1,
                        items: s.actions.iter().map(|a| vec![p(a.clone())]).collect(),
                    };
                    blocks::block(ctx, &Block::List(l), &inner, out);
                }
                for c in &s.checks {
                    let mut inl = vec![t("□ ")];
                    inl.extend(c.iter().cloned());
                    blocks::paragraph(ctx, &inl, &inner, out);
                }
                if let Some(c) = &s.caution {
                    let mut inl = vec![Inline::Strong(vec![t("注意")]), t("　")];
                    inl.extend(c.iter().cloned());
                    let cell = CellSpec {
                        fill: Some(Rgb::LIGHT),
                        ..CellSpec::new(vec![p(inl)])
                    };
                    let spec = TableSpec {
                        rows: vec![vec![cell]],
                        ..TableSpec::default()
                    };
                    table::table(ctx, &spec, &inner, out);
                }
            }
        }
        Structured::Succession(chain) => {
            let rows = chain
                .iter()
                .map(|c| {
                    vec![
                        centered(&format!("第{}順位", c.order)),
                        CellSpec::text(c.role.name()),
                        CellSpec::text(&c.holder),
                    ]
                })
                .collect();
            let spec = TableSpec {
                caption: cap,
                header: header(&["順位", "役職", "担当者"]),
                rows,
                widths: Some(vec![1.2, 2.5, 4.0]),
            };
            table::table(ctx, &spec, f, out);
        }
        Structured::AssemblyRules(rules) => {
            let rows = rules
                .iter()
                .map(|r| {
                    vec![
                        CellSpec::text(&r.event),
                        CellSpec::text(&r.condition),
                        CellSpec::text(&r.who),
                        CellSpec::text(r.share.as_deref().unwrap_or("")),
                    ]
                })
                .collect();
            let spec = TableSpec {
                caption: cap,
                header: header(&["事象", "参集基準", "参集者", "情報共有"]),
                rows,
                widths: Some(vec![2.0, 3.5, 3.0, 3.0]),
            };
            table::table(ctx, &spec, f, out);
        }
        Structured::Form(sections) => {
            caption_line(ctx, cap.as_deref(), f, out);
            for s in sections {
                if let Some(ti) = &s.title {
                    title(ctx, ti, f, out);
                }
                let rows = s
                    .fields
                    .iter()
                    .map(|fl| {
                        let label = CellSpec {
                            fill: Some(Rgb::LIGHT),
                            label: true,
                            ..CellSpec::text(&fl.label)
                        };
                        let answer = match &fl.kind {
                            FieldKind::Text => CellSpec {
                                min_height: 26.0,
                                ..CellSpec::default()
                            },
                            FieldKind::Date => CellSpec::text("　　　　年　　　月　　　日"),
                            FieldKind::Time => CellSpec::text("　　　時　　　分"),
                            FieldKind::Checkbox => CellSpec::text("□"),
                            FieldKind::Choice(choices) => CellSpec::text(
                                &choices
                                    .iter()
                                    .map(|c| format!("□ {c}"))
                                    .collect::<Vec<_>>()
                                    .join("　　"),
                            ),
                            FieldKind::Lines(lines) => CellSpec {
                                write_lines: (*lines).max(1),
                                ..CellSpec::default()
                            },
                        };
                        vec![
                            label,
                            CellSpec {
                                rowspan: 1,
                                colspan: 1,
                                ..answer
                            },
                        ]
                    })
                    .collect();
                let spec = TableSpec {
                    rows,
                    widths: Some(vec![1.0, 3.0]),
                    ..TableSpec::default()
                };
                table::table(ctx, &spec, f, out);
            }
        }
    }
}

fn caption_line(ctx: &Ctx, cap: Option<&str>, f: &Flow, out: &mut Vec<VBox>) {
    if let Some(c) = cap {
        let st = Style::new(FontKind::Gothic, blocks::TABLE);
        let mut bx = blocks::plain(ctx, c, &st, f, Align::Center);
        roles::stamp_boxes(&mut bx, ctx.leaf(Role::Caption));
        if let Some(b) = bx.first_mut() {
            b.space_before = 8.0;
        }
        for b in &mut bx {
            b.keep_with_next = true;
        }
        out.extend(bx);
    }
}
