//! A document as the 新旧対照表 compares it: sections (a heading and the
//! blocks under it), each block one row's worth of plain text — a
//! paragraph, a list item, a table row, one entry of structured data
//! (contact, checklist item, procedure step …).

use crate::model::*;

/// A heading as the table shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadingText {
    pub level: u8,
    pub number: Option<String>,
    pub title: String,
}

impl HeadingText {
    /// Number and title, as the heading reads in the document.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n}　{}", self.title),
            None => self.title.clone(),
        }
    }
}

/// A heading and the blocks up to the next one.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// None for the text before the first heading.
    pub heading: Option<HeadingText>,
    pub blocks: Vec<String>,
}

/// The document's sections in order.
pub fn sections(doc: &Document) -> Vec<Section> {
    let mut out = vec![Section {
        heading: None,
        blocks: vec![],
    }];
    for b in &doc.body {
        if let Block::Heading(h) = b {
            out.push(Section {
                heading: Some(HeadingText {
                    level: h.level,
                    number: h.number.clone(),
                    title: plain_text(&h.text),
                }),
                blocks: vec![],
            });
        } else {
            let last = out.last_mut().expect("one section at least");
            block(b, &mut last.blocks);
        }
    }
    if out[0].blocks.is_empty() {
        out.remove(0);
    }
    out
}

fn push(out: &mut Vec<String>, s: String) {
    let s = s.trim().to_string();
    if !s.is_empty() {
        out.push(s);
    }
}

fn block(b: &Block, out: &mut Vec<String>) {
    match b {
        Block::Heading(h) => push(out, h.label()),
        Block::Paragraph(p) => push(out, plain_text(p)),
        Block::List(l) => {
            for (i, item) in l.items.iter().enumerate() {
                let mark = if l.ordered {
                    format!("{}. ", l.start + i as u64)
                } else {
                    "・".to_string()
                };
                // The item's own text is one row; a list inside it, rows of its own.
                let (nested, own): (Vec<&Block>, Vec<&Block>) =
                    item.iter().partition(|b| matches!(b, Block::List(_)));
                let own: Vec<Block> = own.into_iter().cloned().collect();
                push(out, format!("{mark}{}", blocks_text(&own).trim()));
                for n in nested {
                    block(n, out);
                }
            }
        }
        Block::Table(t) => {
            if let Some(c) = &t.caption {
                push(out, c.clone());
            }
            for row in t.header.iter().chain(&t.rows) {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|c| blocks_text(&c.blocks).trim().replace('\n', " "))
                    .collect();
                push(out, cells.join("｜"));
            }
        }
        Block::Quote(bs) => {
            for b in bs {
                block(b, out);
            }
        }
        Block::Footnote { label, blocks } => {
            push(out, format!("注{label}　{}", blocks_text(blocks).trim()));
        }
        Block::Code(c) => push(out, c.clone()),
        Block::Rule => {}
        Block::Figure(f) => push(
            out,
            format!(
                "{}　{}",
                f.caption.as_deref().unwrap_or("図"),
                f.diagram.labels().join("・")
            ),
        ),
        Block::Image { alt, caption, .. } => push(
            out,
            format!("［画像］{}", caption.as_deref().unwrap_or(alt)),
        ),
        Block::Structured(e) => {
            if let Some(c) = &e.caption {
                push(out, c.clone());
            }
            structured(&e.data, out);
        }
    }
}

fn role(by: &Option<RoleRef>) -> String {
    by.as_ref()
        .map(|r| format!("（担当：{}）", r.name()))
        .unwrap_or_default()
}

fn structured(data: &Structured, out: &mut Vec<String>) {
    match data {
        Structured::Contacts(es) => {
            for e in es {
                let mut s = e.name.clone();
                let org: Vec<&str> = [e.organization.as_str(), &e.role]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                if !org.is_empty() {
                    s.push_str(&format!("（{}）", org.join("・")));
                }
                for p in &e.phones {
                    s.push_str(&format!("　{}：{}", p.label, p.number));
                }
                for extra in [&e.email, &e.notes] {
                    if !extra.is_empty() {
                        s.push_str(&format!("　{extra}"));
                    }
                }
                push(out, s);
            }
        }
        Structured::Checklist(groups) => {
            for g in groups {
                let when = g
                    .when
                    .as_ref()
                    .map(|w| format!("（{w}）"))
                    .unwrap_or_default();
                push(out, format!("{}{when}", g.title));
                for i in &g.items {
                    push(out, format!("□ {}{}", plain_text(&i.text), role(&i.by)));
                }
            }
        }
        Structured::Procedure(steps) => {
            for (n, s) in steps.iter().enumerate() {
                let mut t = format!("手順{}　{}{}", n + 1, s.title, role(&s.by));
                for a in &s.actions {
                    t.push_str(&format!("\n・{}", plain_text(a)));
                }
                for c in &s.checks {
                    t.push_str(&format!("\n確認：{}", plain_text(c)));
                }
                if let Some(c) = &s.caution {
                    t.push_str(&format!("\n注意：{}", plain_text(c)));
                }
                push(out, t);
            }
        }
        Structured::Succession(chain) => {
            for e in chain {
                push(
                    out,
                    format!("第{}順位　{}　{}", e.order, e.role.name(), e.holder),
                );
            }
        }
        Structured::AssemblyRules(rules) => {
            for r in rules {
                let share = r
                    .share
                    .as_ref()
                    .map(|s| format!("（{s}）"))
                    .unwrap_or_default();
                push(
                    out,
                    format!("{}：{}　{}{share}", r.event, r.condition, r.who),
                );
            }
        }
        Structured::Form(sections) => {
            for s in sections {
                if let Some(t) = &s.title {
                    push(out, t.clone());
                }
                for f in &s.fields {
                    let choices = match &f.kind {
                        crate::model::FieldKind::Choice(c) if !c.is_empty() => {
                            format!("（{}）", c.join("／"))
                        }
                        _ => String::new(),
                    };
                    push(out, format!("{}{choices}", f.label));
                }
            }
        }
    }
}
