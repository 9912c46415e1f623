//! YAML data of the structured types (SPEC §4) → checked model values.
//! Used for YAML documents and for inline `bcp` embeds alike.

use serde_yaml::Value;

use super::blocks::R;
use crate::limits::MAX_FORM_LINES;
use crate::model::*;
use crate::source::data_type::{
    AssemblyRulesYaml, ChecklistYaml, ContactsYaml, DataYaml, FormYaml, ProcedureYaml,
    SuccessionDataYaml,
};
use crate::source::raw::*;
use crate::source::yaml::Yaml;

/// `base.key`, or `key` at the top.
pub(super) fn path(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

impl R<'_> {
    /// A required key that is absent (a shape with two alternatives, such as
    /// `role`/`chain`, leaves the check to its reader).
    fn missing(&mut self, yaml: &Yaml, key: &str) {
        self.st.diags.push(
            crate::diag::Diagnostic::error(&yaml.file, format!("必須の項目 {key} がありません"))
                .at(yaml.lines.line(""))
                .field(key),
        );
    }

    pub(super) fn resolve_role(&mut self, yaml: &Yaml, id: &str, at: &str) -> Option<RoleRef> {
        match self.ctx.role(id, &mut self.st.deps) {
            Some(r) => Some(r),
            None => {
                let known = self.ctx.role_ids();
                self.st.diags.push(
                    crate::diag::Diagnostic::error(
                        &yaml.file,
                        format!(
                            "organization.yaml にない役割です（使える役割: {}）",
                            known.join(", ")
                        ),
                    )
                    .at(yaml.lines.line(at))
                    .field(at)
                    .value(id),
                );
                None
            }
        }
    }

    /// One line of inline Markdown from a YAML string (links and glossary marks work).
    pub(super) fn inline_markdown(&mut self, s: &str, line: Option<usize>) -> Vec<Inline> {
        let blocks = self.markdown_blocks(s, line);
        let mut out = Vec::new();
        for (i, b) in blocks.into_iter().enumerate() {
            if i > 0 {
                out.push(Inline::HardBreak);
            }
            match b {
                Block::Paragraph(inl) => out.extend(inl),
                other => out.push(Inline::Text(
                    blocks_text(std::slice::from_ref(&other)).trim().to_string(),
                )),
            }
        }
        out
    }

    /// Converts the data of one structured type, its keys already checked
    /// by its serde shape ([`DataYaml`]).
    pub(super) fn structured(&mut self, data: DataYaml, yaml: &Yaml) -> Option<Structured> {
        match data {
            DataYaml::Contacts(ContactsYaml { entries }) => {
                let mut out = Vec::new();
                for (ei, e) in entries.into_iter().enumerate() {
                    let mut phones = Vec::new();
                    for (pi, p) in e.phones.into_iter().enumerate() {
                        match crate::model::phone::parse(&p.number) {
                            Ok(dial) => phones.push(Phone {
                                label: p.label,
                                number: p.number,
                                dial,
                            }),
                            Err(why) => {
                                let at = format!("entries[{ei}].phones[{pi}].number");
                                self.st.diags.push(
                                    crate::diag::Diagnostic::error(&yaml.file, why.to_string())
                                        .at(yaml.lines.line(&at))
                                        .field(at)
                                        .value(p.number),
                                );
                            }
                        }
                    }
                    let role_id = e.role_id.as_deref().and_then(|id| {
                        let at = format!("entries[{ei}].role_id");
                        self.contact_role(yaml, id, &at)
                    });
                    out.push(Contact {
                        role_id,
                        name: e.name,
                        organization: e.organization,
                        role: e.role,
                        phones,
                        email: e.email,
                        notes: e.notes,
                    });
                }
                Some(Structured::Contacts(out))
            }
            DataYaml::Checklist(ChecklistYaml { groups }) => {
                let mut out = Vec::new();
                for (gi, g) in groups.into_iter().enumerate() {
                    let mut items = Vec::new();
                    for (ii, it) in g.items.into_iter().enumerate() {
                        let at = format!("groups[{gi}].items[{ii}]");
                        let by = it
                            .by
                            .as_deref()
                            .and_then(|b| self.resolve_role(yaml, b, &format!("{at}.by")));
                        let text = self.inline_markdown(&it.text, yaml.lines.line(&at));
                        items.push(CheckItem { text, by });
                    }
                    out.push(CheckGroup {
                        title: g.title,
                        when: g.when,
                        items,
                    });
                }
                Some(Structured::Checklist(out))
            }
            DataYaml::Procedure(ProcedureYaml { steps }) => {
                let mut out = Vec::new();
                for (si, s) in steps.into_iter().enumerate() {
                    let at = format!("steps[{si}]");
                    let line = yaml.lines.line(&at);
                    let by =
                        s.by.as_deref()
                            .and_then(|b| self.resolve_role(yaml, b, &format!("{at}.by")));
                    let actions = s
                        .actions
                        .iter()
                        .map(|a| self.inline_markdown(a, line))
                        .collect();
                    let checks = s
                        .checks
                        .iter()
                        .map(|a| self.inline_markdown(a, line))
                        .collect();
                    let caution = s.caution.as_deref().map(|c| self.inline_markdown(c, line));
                    out.push(Step {
                        title: s.title,
                        actions,
                        checks,
                        caution,
                        by,
                    });
                }
                Some(Structured::Procedure(out))
            }
            DataYaml::Succession(SuccessionDataYaml { role, chain }) => {
                if let Some(id) = role {
                    let r = self.resolve_role(yaml, &id, "role")?;
                    let deps = &mut self.st.deps;
                    let mut chain = vec![SuccessionEntry {
                        order: 0,
                        holder: self.ctx.holder(r.id(), deps).unwrap_or_default(),
                        role: r.clone(),
                    }];
                    let deputies = self.ctx.deputies(r.id(), deps).unwrap_or_default();
                    for (i, d) in deputies.into_iter().enumerate() {
                        let holder = self.ctx.holder(d.id(), deps).unwrap_or_default();
                        chain.push(SuccessionEntry {
                            order: i as u32 + 1,
                            role: d,
                            holder,
                        });
                    }
                    return Some(Structured::Succession(chain));
                }
                let Some(chain) = chain else {
                    self.missing(yaml, "chain");
                    return None;
                };
                let mut out = Vec::new();
                let mut last = None;
                for (i, e) in chain.into_iter().enumerate() {
                    let at = format!("chain[{i}]");
                    if last.is_some_and(|l| e.order <= l) {
                        self.st.diags.push(
                            crate::diag::Diagnostic::error(
                                &yaml.file,
                                "代行順位は小さい順に、重複なく書いてください",
                            )
                            .at(yaml.lines.line(&format!("{at}.order")))
                            .field(format!("{at}.order"))
                            .value(e.order.to_string()),
                        );
                    }
                    last = Some(e.order);
                    let Some(role) = self.resolve_role(yaml, &e.role, &format!("{at}.role")) else {
                        continue;
                    };
                    let holder = match e.holder {
                        Some(h) => h,
                        None => self
                            .ctx
                            .holder(role.id(), &mut self.st.deps)
                            .unwrap_or_default(),
                    };
                    out.push(SuccessionEntry {
                        order: e.order,
                        role,
                        holder,
                    });
                }
                Some(Structured::Succession(out))
            }
            DataYaml::AssemblyRules(AssemblyRulesYaml { rules }) => {
                let mut out = Vec::new();
                for (i, r) in rules.into_iter().enumerate() {
                    if let Some(inc) = &r.incident {
                        if !self.ctx.incident_known(inc) {
                            let at = format!("rules[{i}].incident");
                            self.st.diags.push(
                                crate::diag::Diagnostic::error(
                                    &yaml.file,
                                    "site.yaml の incidents にない事象です",
                                )
                                .at(yaml.lines.line(&at))
                                .field(at)
                                .value(inc),
                            );
                        }
                    }
                    let share = r.share.map(|v| match v {
                        Value::String(s) => s,
                        Value::Number(n) => n.to_string(),
                        other => serde_yaml::to_string(&other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    });
                    out.push(AssemblyRule {
                        event: r.event,
                        incident: r.incident,
                        condition: r.condition,
                        who: r.who,
                        share,
                    });
                }
                Some(Structured::AssemblyRules(out))
            }
            DataYaml::Form(FormYaml { fields, sections }) => {
                let prefix = if sections.is_some() {
                    "sections[{s}].fields"
                } else {
                    "fields"
                };
                let sections = match (sections, fields) {
                    (Some(sections), _) => sections,
                    (None, Some(fields)) => vec![FormSectionYaml {
                        title: None,
                        fields,
                    }],
                    (None, None) => {
                        self.missing(yaml, "fields");
                        return None;
                    }
                };
                let mut out = Vec::new();
                for (si, s) in sections.into_iter().enumerate() {
                    let mut fields = Vec::new();
                    for (fi, f) in s.fields.into_iter().enumerate() {
                        let at = format!("{}[{fi}].kind", prefix.replace("{s}", &si.to_string()));
                        let known = ["text", "date", "time", "checkbox", "choice", "lines"];
                        if !known.contains(&f.kind.as_str()) {
                            self.st.diags.push(
                                crate::diag::Diagnostic::error(&yaml.file, "記入欄の種類は text, date, time, checkbox, choice, lines のどれかです")
                                    .at(yaml.lines.line(&at))
                                    .field(at)
                                    .value(&f.kind),
                            );
                            continue;
                        }
                        if f.kind == "choice" && f.choices.is_empty() {
                            self.st.diags.push(
                                crate::diag::Diagnostic::error(
                                    &yaml.file,
                                    "choice の記入欄には choices が必要です",
                                )
                                .at(yaml.lines.line(&at))
                                .field(at),
                            );
                        }
                        if let Some(n) = f.lines.filter(|n| *n > MAX_FORM_LINES) {
                            let at =
                                format!("{}[{fi}].lines", prefix.replace("{s}", &si.to_string()));
                            self.st.diags.push(
                                crate::diag::Diagnostic::error(
                                    &yaml.file,
                                    format!("記入欄の行数が多すぎます（{MAX_FORM_LINES} 行まで）"),
                                )
                                .at(yaml.lines.line(&at))
                                .field(at)
                                .value(n.to_string()),
                            );
                        }
                        let kind = match f.kind.as_str() {
                            "date" => FieldKind::Date,
                            "time" => FieldKind::Time,
                            "checkbox" => FieldKind::Checkbox,
                            "choice" => FieldKind::Choice(f.choices),
                            "lines" => {
                                FieldKind::Lines(f.lines.unwrap_or(3).clamp(1, MAX_FORM_LINES))
                            }
                            _ => FieldKind::Text,
                        };
                        fields.push(FormField {
                            label: f.label,
                            kind,
                        });
                    }
                    out.push(FormSection {
                        title: s.title,
                        fields,
                    });
                }
                Some(Structured::Form(out))
            }
            // Drawn as a figure by its callers (a diagram document, `embed:
            // diagram`), never data: nothing to convert here.
            DataYaml::Diagram(_) => None,
        }
    }
}
