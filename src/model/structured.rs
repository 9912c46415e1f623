//! The structured types of SPEC §4, as checked data.

use super::block::{plain_text, Inline};
use super::diagram::Diagram;
use super::site::RoleRef;

#[derive(Clone, Debug, PartialEq)]
pub enum Structured {
    Contacts(Vec<Contact>),
    Checklist(Vec<CheckGroup>),
    Procedure(Vec<Step>),
    Succession(Vec<SuccessionEntry>),
    AssemblyRules(Vec<AssemblyRule>),
    Form(Vec<FormSection>),
    Diagram(Diagram),
}

impl Structured {
    /// SPEC's `type:` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Structured::Contacts(_) => "contacts",
            Structured::Checklist(_) => "checklist",
            Structured::Procedure(_) => "procedure",
            Structured::Succession(_) => "succession",
            Structured::AssemblyRules(_) => "assembly-rules",
            Structured::Form(_) => "form",
            Structured::Diagram(_) => "diagram",
        }
    }

    /// All words of the data, for search.
    pub fn text(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        let owned: Vec<String>;
        match self {
            Structured::Contacts(es) => {
                for e in es {
                    parts.extend([
                        e.name.as_str(),
                        &e.organization,
                        &e.role,
                        &e.email,
                        &e.notes,
                    ]);
                    for p in &e.phones {
                        parts.extend([p.label.as_str(), &p.number]);
                    }
                }
            }
            Structured::Checklist(gs) => {
                for g in gs {
                    parts.push(&g.title);
                    parts.extend(g.when.as_deref());
                }
                owned = gs
                    .iter()
                    .flat_map(|g| g.items.iter())
                    .flat_map(|i| {
                        [plain_text(&i.text)]
                            .into_iter()
                            .chain(i.by.as_ref().map(|r| r.name.clone()))
                    })
                    .collect();
                parts.extend(owned.iter().map(String::as_str));
            }
            Structured::Procedure(steps) => {
                owned = steps
                    .iter()
                    .flat_map(|s| {
                        let mut v = vec![s.title.clone()];
                        v.extend(
                            s.actions
                                .iter()
                                .chain(&s.checks)
                                .chain(&s.caution)
                                .map(|t| plain_text(t)),
                        );
                        v.extend(s.by.as_ref().map(|r| r.name.clone()));
                        v
                    })
                    .collect();
                parts.extend(owned.iter().map(String::as_str));
            }
            Structured::Succession(chain) => {
                for e in chain {
                    parts.extend([e.role.name.as_str(), &e.holder]);
                }
            }
            Structured::AssemblyRules(rules) => {
                for r in rules {
                    parts.extend([r.event.as_str(), &r.condition, &r.who]);
                    parts.extend(r.share.as_deref());
                }
            }
            Structured::Form(sections) => {
                for s in sections {
                    parts.extend(s.title.as_deref());
                    for f in &s.fields {
                        parts.push(&f.label);
                        parts.extend(f.choices.iter().map(String::as_str));
                    }
                }
            }
            Structured::Diagram(d) => {
                owned = d.labels();
                parts.extend(owned.iter().map(String::as_str));
            }
        }
        parts.retain(|p| !p.is_empty());
        parts.join(" ")
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Contact {
    pub name: String,
    pub organization: String,
    pub role: String,
    pub phones: Vec<Phone>,
    pub email: String,
    pub notes: String,
    /// The role this entry reaches (`role_id:`), checked at load.
    pub role_id: Option<RoleRef>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Phone {
    pub label: String,
    /// As written (the PDF and the search show it whole).
    pub number: String,
    /// What a tap dials, one button each (read at load; never empty).
    pub dial: Vec<super::phone::Dialable>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckGroup {
    pub title: String,
    /// When in the response this group applies (発災直後, 30分以内 …).
    pub when: Option<String>,
    pub items: Vec<CheckItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckItem {
    /// Inline Markdown (may hold `@` links).
    pub text: Vec<Inline>,
    pub by: Option<RoleRef>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub title: String,
    /// Inline Markdown each (may hold `@` links).
    pub actions: Vec<Vec<Inline>>,
    pub checks: Vec<Vec<Inline>>,
    pub caution: Option<Vec<Inline>>,
    pub by: Option<RoleRef>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SuccessionEntry {
    pub order: u32,
    pub role: RoleRef,
    pub holder: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssemblyRule {
    pub event: String,
    /// An incident id of site.yaml, so the start page can answer 「自分は参集すべきか」.
    pub incident: Option<String>,
    pub condition: String,
    pub who: String,
    pub share: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormSection {
    pub title: Option<String>,
    pub fields: Vec<FormField>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormField {
    pub label: String,
    pub kind: FieldKind,
    /// Write-in lines (for `lines`; 1 otherwise).
    pub lines: u32,
    pub choices: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Date,
    Time,
    Checkbox,
    Choice,
    Lines,
}

impl FieldKind {
    pub fn parse(s: &str) -> Option<FieldKind> {
        Some(match s {
            "text" => FieldKind::Text,
            "date" => FieldKind::Date,
            "time" => FieldKind::Time,
            "checkbox" => FieldKind::Checkbox,
            "choice" => FieldKind::Choice,
            "lines" => FieldKind::Lines,
            _ => return None,
        })
    }
}
