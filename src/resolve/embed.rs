//! `bcp` embeds (SPEC §3) and structured YAML documents placed: the rows,
//! figures and lists they print, read from the site.

use serde_yaml::{Mapping, Value};

use super::blocks::R;
use crate::convert::draft::{DataDraft, Embed, EmbedKind};
use crate::convert::scalar as s;
use crate::diag::Diagnostic;
use crate::limits::MAX_TABLE_SPAN;
use crate::model::*;
use crate::resolve::EmbedResult;
use crate::source::data_type::DataType;
use crate::source::yaml::{self, Yaml};

impl R<'_> {
    /// What a `bcp` block places.
    pub(super) fn embed(&mut self, e: Embed) -> Vec<Block> {
        let Embed {
            kind,
            yaml: y,
            map,
            caption,
            data,
            ..
        } = e;
        match kind {
            EmbedKind::Table => self.embed_table(&y, &map, caption).into_iter().collect(),
            EmbedKind::Roles => {
                let mode = s(map.get("mode")).unwrap_or_default();
                self.roles_table(&y, &mode, caption).into_iter().collect()
            }
            EmbedKind::Structure => {
                let mode = s(map.get("mode")).unwrap_or_default();
                let Some(chart) = self.org_chart(&y, &mode, "mode") else {
                    return vec![];
                };
                vec![self.figure(Diagram::Org(chart), caption)]
            }
            EmbedKind::Trainings => vec![self.trainings_table(caption)],
            EmbedKind::Glossary => self.glossary_blocks(),
            EmbedKind::Document => self.embed_document(&y, &map, caption),
            EmbedKind::Documents => self.document_list(&y, &map),
            EmbedKind::Data(ty) => {
                if ty == DataType::Diagram {
                    return match self.diagram(&y, &map, "") {
                        Some(d) => vec![self.figure(d, caption)],
                        None => vec![],
                    };
                }
                let Some(data) = data else { return vec![] };
                let data = self.structured(data, &y);
                data.map(|data| self.embedded(data, caption))
                    .into_iter()
                    .collect()
            }
        }
    }

    /// A YAML document of a structured type: a diagram is drawn as a
    /// figure, the other types are data.
    pub(super) fn data_document(&mut self, d: DataDraft) -> Option<Block> {
        let DataDraft { yaml, map, data } = d;
        if data.data_type() == DataType::Diagram {
            let diagram = self.diagram(&yaml, &map, "")?;
            return Some(self.figure(diagram, None));
        }
        let data = self.structured(data, &yaml)?;
        Some(self.embedded(data, None))
    }

    pub(super) fn embedded(&mut self, data: Structured, caption: Option<String>) -> Block {
        let n = self.st.embed_count;
        self.st.embed_count += 1;
        let title = self.ctx.own_title(&self.st.id);
        Block::Structured(Embedded {
            caption,
            source: DocRef {
                id: self.st.id.clone(),
                title,
                version: self.st.version.clone(),
            },
            storage_key: format!("{}@{}#{}", self.st.id, self.st.version, n),
            data,
        })
    }

    fn figure(&mut self, diagram: Diagram, caption: Option<String>) -> Block {
        self.st.figure_count += 1;
        Block::Figure(Figure {
            caption,
            diagram,
            key: format!("{}-fig{}", self.st.id, self.st.figure_count),
        })
    }

    fn cell(&mut self, y: &Yaml, v: &Value, at: &str) -> Cell {
        let line = y.lines.line(at);
        match v {
            Value::Mapping(m) => {
                for k in m.keys() {
                    let key = k.as_str().unwrap_or_default();
                    if !["text", "rowspan", "colspan"].contains(&key) {
                        self.st.diags.push(
                            Diagnostic::error(
                                self.file,
                                "表のセルで使える項目は text, rowspan, colspan です",
                            )
                            .at(line)
                            .field(format!("{at}.{key}")),
                        );
                    }
                }
                let span = |k: &str, me: &mut Self| -> u32 {
                    match m.get(k) {
                        None => 1,
                        Some(Value::Number(n))
                            if n.as_u64()
                                .is_some_and(|n| (1..=u64::from(MAX_TABLE_SPAN)).contains(&n)) =>
                        {
                            n.as_u64().unwrap_or(1) as u32
                        }
                        Some(other) => {
                            let shown = serde_yaml::to_string(other).unwrap_or_default();
                            me.st.diags.push(
                                Diagnostic::error(
                                    me.file,
                                    format!("{k} は 1 以上 {MAX_TABLE_SPAN} 以下の整数です"),
                                )
                                .at(line)
                                .field(format!("{at}.{k}"))
                                .value(shown.trim()),
                            );
                            1
                        }
                    }
                };
                let rowspan = span("rowspan", self);
                let colspan = span("colspan", self);
                let text = s(m.get("text")).unwrap_or_default();
                Cell {
                    blocks: self.markdown_blocks(&text, line),
                    rowspan,
                    colspan,
                }
            }
            Value::Null => Cell::blocks(vec![]),
            other => {
                let text = s(Some(other)).unwrap_or_default();
                Cell::blocks(self.markdown_blocks(&text, line))
            }
        }
    }

    fn embed_table(&mut self, y: &Yaml, map: &Mapping, caption: Option<String>) -> Option<Block> {
        let mut header = Vec::new();
        if let Some(cols) = map.get("columns") {
            let Some(cols) = cols.as_sequence() else {
                self.st.diags.push(
                    Diagnostic::error(self.file, "columns はリストで書いてください")
                        .at(y.lines.line("columns"))
                        .field("columns"),
                );
                return None;
            };
            let cells = cols
                .iter()
                .enumerate()
                .map(|(i, c)| self.cell(y, c, &format!("columns[{i}]")))
                .collect();
            header.push(Row { cells });
        }
        let Some(rows_v) = map.get("rows").and_then(|r| r.as_sequence()) else {
            self.st.diags.push(
                Diagnostic::error(
                    self.file,
                    "embed: table には rows: （行のリスト）が必要です",
                )
                .at(y.lines.line(""))
                .field("rows"),
            );
            return None;
        };
        let mut rows = Vec::new();
        for (ri, r) in rows_v.iter().enumerate() {
            let Some(cells_v) = r.as_sequence() else {
                let at = format!("rows[{ri}]");
                self.st.diags.push(
                    Diagnostic::error(self.file, "表の行はセルのリストで書いてください")
                        .at(y.lines.line(&at))
                        .field(at),
                );
                continue;
            };
            let cells = cells_v
                .iter()
                .enumerate()
                .map(|(ci, c)| self.cell(y, c, &format!("rows[{ri}][{ci}]")))
                .collect();
            rows.push(Row { cells });
        }
        let widths = match map.get("widths") {
            None => None,
            Some(v) => match yaml::typed::<Vec<f32>>(y, v, "widths") {
                Ok(w) if w.iter().all(|x| *x > 0.0) => Some(w),
                Ok(_) => {
                    self.st.diags.push(
                        Diagnostic::error(self.file, "widths は正の数のリストです")
                            .at(y.lines.line("widths"))
                            .field("widths"),
                    );
                    None
                }
                Err(d) => {
                    self.st.diags.push(d);
                    None
                }
            },
        };
        let table = Table {
            caption,
            header,
            rows,
            widths,
        };
        self.check_table_shape(y, &table);
        if let Some(w) = &table.widths {
            if w.len() != table.columns() {
                self.st.diags.push(
                    Diagnostic::error(
                        self.file,
                        format!(
                            "widths の数（{}）が列の数（{}）と合いません",
                            w.len(),
                            table.columns()
                        ),
                    )
                    .at(y.lines.line("widths"))
                    .field("widths"),
                );
            }
        }
        Some(Block::Table(table))
    }

    /// Refuses rows that do not fill the table's columns (counted from the
    /// header, or from the first row when there is none), and rowspans that
    /// reach past the last row.
    fn check_table_shape(&mut self, y: &Yaml, table: &Table) {
        use super::table_shape::{misfits, widths};
        let (header, header_open) = widths(&table.header);
        let (body, body_open) = widths(&table.rows);
        let Some(&columns) = header.first().or(body.first()) else {
            return;
        };
        let sections = [
            ("columns", &table.header[..], header_open),
            ("rows", &table.rows[..], body_open),
        ];
        for (key, rows, open) in sections {
            for m in misfits(rows, columns) {
                let at = if key == "columns" {
                    key.to_string()
                } else {
                    format!("{key}[{}]", m.row)
                };
                self.st.diags.push(
                    Diagnostic::error(
                        self.file,
                        format!(
                            "この行のセルは {} 列分ですが、表は {columns} 列です（colspan と、上の行の rowspan が覆う列も数えます）",
                            m.found
                        ),
                    )
                    .at(y.lines.line(&at))
                    .field(at),
                );
            }
            if open {
                self.st.diags.push(
                    Diagnostic::error(self.file, "rowspan が表の最後の行を越えています")
                        .at(y.lines.line(key))
                        .field(key),
                );
            }
        }
    }

    fn roles_table(&mut self, y: &Yaml, mode_key: &str, caption: Option<String>) -> Option<Block> {
        let Some(units) = self.ctx.role_rows(mode_key, &mut self.st.deps) else {
            let known = self.ctx.mode_keys();
            self.st.diags.push(
                Diagnostic::error(
                    self.file,
                    format!(
                        "organization.yaml にない体制（mode）です（使える体制: {}）",
                        known.join(", ")
                    ),
                )
                .at(y.lines.line("mode"))
                .field("mode")
                .value(mode_key),
            );
            return None;
        };
        let with_hq = units.iter().any(|u| u.hq_relation.is_some());
        let mut head = vec![Cell::text("組織"), Cell::text("役割の概要")];
        if with_hq {
            head.push(Cell::text("災害対策本部との関係"));
        }
        let mut rows = Vec::new();
        for u in &units {
            let mut blocks = if u.summary.is_empty() {
                vec![]
            } else {
                self.markdown_blocks(&u.summary, None)
            };
            if !u.duties.is_empty() {
                let items = u
                    .duties
                    .iter()
                    .map(|d| vec![Block::Paragraph(self.inline_markdown(d, None))])
                    .collect();
                blocks.push(Block::List(List {
                    ordered: false,
                    start: 1,
                    items,
                }));
            }
            let mut cells = vec![Cell::text(&u.label), Cell::blocks(blocks)];
            if with_hq {
                cells.push(Cell::text(u.hq_relation.as_deref().unwrap_or("")));
            }
            rows.push(Row { cells });
        }
        let widths = if with_hq {
            vec![1.3, 3.0, 1.0]
        } else {
            vec![1.3, 3.5]
        };
        Some(Block::Table(Table {
            caption,
            header: vec![Row { cells: head }],
            rows,
            widths: Some(widths),
        }))
    }

    fn trainings_table(&mut self, caption: Option<String>) -> Block {
        let head = ["訓練名称", "訓練の概要", "実施者", "時期"]
            .map(Cell::text)
            .to_vec();
        let rows = self
            .ctx
            .trainings(&mut self.st.deps)
            .iter()
            .map(|t| {
                let timing = t
                    .timing
                    .clone()
                    .unwrap_or_else(|| format!("{}か月ごと", t.frequency_months));
                Row {
                    cells: vec![
                        Cell::text(&t.name),
                        Cell::text(&t.description),
                        Cell::text(&t.participants),
                        Cell::text(&timing),
                    ],
                }
            })
            .collect();
        Block::Table(Table {
            caption,
            header: vec![Row { cells: head }],
            rows,
            widths: Some(vec![1.2, 3.0, 1.4, 1.4]),
        })
    }

    fn glossary_blocks(&mut self) -> Vec<Block> {
        let (latin, kana) = kana::sorted_glossary(self.ctx.glossary_entries(&mut self.st.deps));
        let mut out = Vec::new();
        for (label, terms) in [("〈アルファベット順〉", latin), ("〈五十音順〉", kana)]
        {
            if terms.is_empty() {
                continue;
            }
            let rows = terms
                .iter()
                .map(|t| Row {
                    cells: vec![Cell::text(&t.term), Cell::blocks(t.description.clone())],
                })
                .collect();
            out.push(Block::Table(Table {
                caption: Some(label.to_string()),
                header: vec![Row {
                    cells: vec![Cell::text("用語"), Cell::text("解説等")],
                }],
                rows,
                widths: Some(vec![1.2, 3.8]),
            }));
        }
        out
    }

    fn embed_document(&mut self, y: &Yaml, map: &Mapping, caption: Option<String>) -> Vec<Block> {
        let id = s(map.get("id")).unwrap_or_default();
        let line = y.lines.line("id");
        let blocks = match self.ctx.embedded(&id, &mut self.st.deps) {
            EmbedResult::Blocks(b) => b,
            EmbedResult::Missing => {
                if !self.ctx.unreadable(&id) {
                    self.st.diags.push(
                        Diagnostic::error(self.file, "埋め込む文書がありません")
                            .at(line)
                            .field("id")
                            .value(&id),
                    );
                }
                return vec![];
            }
            EmbedResult::Excluded => {
                return vec![Block::Paragraph(vec![Inline::Text(
                    "（本版に含まれない資料）".into(),
                )])];
            }
            EmbedResult::NotStructured => {
                self.st.diags.push(
                    Diagnostic::error(self.file, "embed: document で埋め込めるのは YAML の資料（リスト・手順・図・帳票）だけです").at(line).field("id").value(&id),
                );
                return vec![];
            }
        };
        blocks
            .into_iter()
            .map(|b| match b {
                Block::Structured(mut e) => {
                    if caption.is_some() {
                        e.caption = caption.clone();
                    }
                    Block::Structured(e)
                }
                Block::Figure(mut f) => {
                    if caption.is_some() {
                        f.caption = caption.clone();
                    }
                    Block::Figure(f)
                }
                other => other,
            })
            .collect()
    }

    fn document_list(&mut self, y: &Yaml, map: &Mapping) -> Vec<Block> {
        let kind_s = s(map.get("kind")).unwrap_or_default();
        let Some(kind) = Kind::parse(&kind_s) else {
            self.st.diags.push(
                Diagnostic::error(
                    self.file,
                    "kind は plan, manual, list, procedure, diagram, form, guide のどれかです",
                )
                .at(y.lines.line("kind"))
                .field("kind")
                .value(&kind_s),
            );
            return vec![];
        };
        let items: Vec<Vec<Block>> = self
            .ctx
            .documents_of(kind, &mut self.st.deps)
            .into_iter()
            .map(|d| {
                vec![Block::Paragraph(vec![Inline::Link(Link {
                    target: LinkTarget::Internal {
                        doc: d.id.clone(),
                        anchor: None,
                        heading: false,
                    },
                    content: vec![Inline::Text(d.title.clone())],
                })])]
            })
            .collect();
        vec![Block::List(List {
            ordered: false,
            start: 1,
            items,
        })]
    }
}
