//! The structured types of SPEC §4, as checked data.

use super::block::{plain_text, Inline};
use super::site::RoleRef;
use crate::source::data_type::DataType;

/// Structured data of a list, procedure or form (SPEC §4).
#[derive(Clone, Debug, PartialEq)]
pub enum Structured {
    /// A contact list.
    Contacts(Vec<Contact>),
    /// A checklist in groups.
    Checklist(Vec<CheckGroup>),
    /// A procedure's steps.
    Procedure(Vec<Step>),
    /// A line of succession.
    Succession(Vec<SuccessionEntry>),
    /// Rules of when and whom to assemble.
    AssemblyRules(Vec<AssemblyRule>),
    /// A paper form's sections.
    Form(Vec<FormSection>),
}

impl Structured {
    /// SPEC's `type:` name.
    pub fn type_name(&self) -> &'static str {
        self.data_type().name()
    }

    /// Which structured type the data is.
    pub fn data_type(&self) -> DataType {
        match self {
            Structured::Contacts(_) => DataType::Contacts,
            Structured::Checklist(_) => DataType::Checklist,
            Structured::Procedure(_) => DataType::Procedure,
            Structured::Succession(_) => DataType::Succession,
            Structured::AssemblyRules(_) => DataType::AssemblyRules,
            Structured::Form(_) => DataType::Form,
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
                            .chain(i.by.as_ref().map(|r| r.name().to_string()))
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
                        v.extend(s.by.as_ref().map(|r| r.name().to_string()));
                        v
                    })
                    .collect();
                parts.extend(owned.iter().map(String::as_str));
            }
            Structured::Succession(chain) => {
                for e in chain {
                    parts.extend([e.role.name(), &e.holder]);
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
                        if let FieldKind::Choice(cs) = &f.kind {
                            parts.extend(cs.iter().map(String::as_str));
                        }
                    }
                }
            }
        }
        parts.retain(|p| !p.is_empty());
        parts.join(" ")
    }
}

/// One entry of a contact list.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Contact {
    /// The person's or office's name.
    pub name: String,
    /// The organization they belong to.
    pub organization: String,
    /// Their role or title.
    pub role: String,
    /// Their phone numbers.
    pub phones: Vec<Phone>,
    /// Their e-mail address.
    pub email: String,
    /// Free notes.
    pub notes: String,
    /// The role this entry reaches (`role_id:`), checked at load.
    pub role_id: Option<RoleRef>,
}

/// One phone number of a contact.
#[derive(Clone, Debug, PartialEq)]
pub struct Phone {
    /// What the number is (e.g. mobile, office).
    pub label: String,
    /// As written (the PDF and the search show it whole).
    pub number: String,
    /// What a tap dials, one button each (read at load; never empty).
    pub dial: Vec<super::phone::Dialable>,
}

/// One titled group of a checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckGroup {
    /// The group's title.
    pub title: String,
    /// When in the response this group applies (発災直後, 30分以内 …).
    pub when: Option<String>,
    /// The checks.
    pub items: Vec<CheckItem>,
}

/// One check of a checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckItem {
    /// Inline Markdown (may hold `@` links).
    pub text: Vec<Inline>,
    /// The role that does the check.
    pub by: Option<RoleRef>,
}

/// One step of a procedure.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The step's title.
    pub title: String,
    /// Inline Markdown each (may hold `@` links).
    pub actions: Vec<Vec<Inline>>,
    /// What to confirm, inline Markdown each.
    pub checks: Vec<Vec<Inline>>,
    /// A caution to show with the step.
    pub caution: Option<Vec<Inline>>,
    /// The role that does the step.
    pub by: Option<RoleRef>,
}

/// One rank of a line of succession.
#[derive(Clone, Debug, PartialEq)]
pub struct SuccessionEntry {
    /// The rank, smallest first (0 for the role itself when the chain follows its deputies).
    pub order: u32,
    /// The role at this rank.
    pub role: RoleRef,
    /// Who holds it.
    pub holder: String,
}

/// One rule of when and whom to assemble.
#[derive(Clone, Debug, PartialEq)]
pub struct AssemblyRule {
    /// The triggering event.
    pub event: String,
    /// An incident id of site.yaml, so the start page can answer 「自分は参集すべきか」.
    pub incident: Option<String>,
    /// The condition under which it applies.
    pub condition: String,
    /// Who assembles.
    pub who: String,
    /// What to share.
    pub share: Option<String>,
}

/// One section of a paper form.
#[derive(Clone, Debug, PartialEq)]
pub struct FormSection {
    /// The section's title.
    pub title: Option<String>,
    /// The fields.
    pub fields: Vec<FormField>,
}

/// One field of a paper form: its label and what room it leaves.
#[derive(Clone, Debug, PartialEq)]
pub struct FormField {
    /// What the field asks.
    pub label: String,
    /// The room to write or the boxes to tick; the choices and the number
    /// of lines live in the kind that uses them, so they cannot disagree.
    pub kind: FieldKind,
}

/// What a form field leaves room for (SPEC §4 `form`, `kind:`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// One write-in line.
    Text,
    /// 年 月 日.
    Date,
    /// 時 分.
    Time,
    /// One box to tick.
    Checkbox,
    /// A box per choice (never empty: the loader refuses a choice field
    /// without choices).
    Choice(Vec<String>),
    /// Write-in lines, 1 to `limits::MAX_FORM_LINES`.
    Lines(u32),
}
