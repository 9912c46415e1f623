//! The sources as written: serde shapes of the YAML files (SPEC §1–§5).
//! Unknown fields are refused so a typo is an error, not a silent default.

use serde::Deserialize;
use serde_yaml::Value;

/// `site.yaml`: the organization, the plan's title and the site-wide settings.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteYaml {
    /// Who the plan belongs to.
    pub organization: OrgInfoYaml,
    /// The plan's title, shown on covers and page heads.
    pub title: String,
    /// How dates are written: `wareki` (the default) or `iso`.
    #[serde(default)]
    pub dates: Option<String>,
    /// The heading numbering style of each level, as tokens (`1`, `(1)`, `ア` …);
    /// `1, (1), ア, (ア), a, (a)` when absent.
    #[serde(default)]
    pub numbering: Option<Vec<String>>,
    /// The default review interval in months; a document's own value wins.
    #[serde(default)]
    pub review_interval_months: Option<u32>,
    /// Document kind → the role id whose approval it needs, kept as raw YAML
    /// and checked by `site_config`.
    pub approval: Value,
    /// Whether Markdown may carry raw HTML; off by default, so a page cannot inject markup.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Whether every build links each revision to its 新旧対照表 (as `build --history`).
    #[serde(default)]
    pub history: bool,
    /// The incident types documents may name in `incident:`.
    #[serde(default)]
    pub incidents: Option<Vec<IncidentYaml>>,
    /// `bcpgen compare`'s column order (README 「新旧対照表」).
    #[serde(default)]
    pub compare_columns: Option<Vec<String>>,
    /// The 起案 sheet's seal route (README 「新旧対照表」).
    #[serde(default)]
    pub approval_route: Option<Vec<RouteStageYaml>>,
}

/// One stage of `approval_route`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteStageYaml {
    /// The stage's name, as printed on the seal route.
    pub stage: String,
    /// The role id (organization.yaml) that seals at this stage.
    pub role: String,
}

/// `organization:` in site.yaml: the organization's name and contact details.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgInfoYaml {
    /// The organization's name.
    pub name: String,
    /// The department that owns the plan.
    #[serde(default)]
    pub department: String,
    /// The postal address.
    #[serde(default)]
    pub address: String,
    /// The main phone number.
    #[serde(default)]
    pub phone: String,
    /// Who edits the plan, when named.
    #[serde(default)]
    pub editor: Option<String>,
}

/// One incident type of `incidents:` in site.yaml.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentYaml {
    /// The id documents refer to.
    pub id: String,
    /// The full name.
    pub name: String,
    /// A short name for tight places (tabs, tables).
    #[serde(default)]
    pub short: Option<String>,
}

/// `organization.yaml`: the roles and the organization chart of each mode.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationYaml {
    /// The roles, in order.
    pub roles: Vec<RoleYaml>,
    /// The modes (e.g. normal, emergency) by name, each read as a `ModeYaml` later.
    #[serde(default)]
    pub modes: serde_yaml::Mapping,
}

/// One role of organization.yaml.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleYaml {
    /// The id other files refer to.
    pub id: String,
    /// The role's name.
    pub name: String,
    /// Who holds the role.
    #[serde(default)]
    pub holder: String,
    /// The deputies, in order of succession.
    #[serde(default)]
    pub deputies: Vec<String>,
}

/// One mode of organization.yaml: a titled list of units.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeYaml {
    /// The mode's title.
    pub title: String,
    /// The units of the chart.
    #[serde(default)]
    pub units: Vec<UnitYaml>,
}

/// One unit of a mode's chart: either a role (`role:`) or a unit of its own (`id:` and `name:`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitYaml {
    /// The role this unit stands for.
    #[serde(default)]
    pub role: Option<String>,
    /// The unit's own id, when it is not a role.
    #[serde(default)]
    pub id: Option<String>,
    /// The unit's own name, when it is not a role.
    #[serde(default)]
    pub name: Option<String>,
    /// A label to show instead of the name.
    #[serde(default)]
    pub label: Option<String>,
    /// A one-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// The unit's duties.
    #[serde(default)]
    pub duties: Vec<String>,
    /// How the unit relates to headquarters.
    #[serde(default)]
    pub hq_relation: Option<String>,
    /// The unit or role this one reports to.
    #[serde(default)]
    pub reports_to: Option<String>,
}

/// `glossary.yaml`: the terms.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryYaml {
    /// The terms, in order.
    #[serde(default)]
    pub terms: Vec<TermYaml>,
}

/// One glossary term.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermYaml {
    /// The term as written.
    pub term: String,
    /// Its reading (かな), which sorts it in the 五十音順 part.
    #[serde(default)]
    pub reading: Option<String>,
    /// Other spellings that also mean this term.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the term means.
    pub description: String,
}

/// `trainings.yaml`: the training and exercise plan.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingsYaml {
    /// The trainings, in order.
    #[serde(default)]
    pub trainings: Vec<TrainingYaml>,
}

/// One training or exercise.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingYaml {
    /// The id records and pages refer to.
    pub id: String,
    /// The training's name.
    pub name: String,
    /// What the training covers.
    #[serde(default)]
    pub description: String,
    /// Who takes part.
    #[serde(default)]
    pub participants: String,
    /// How often it is held, in months.
    pub frequency_months: u32,
    /// When it is held, as free text.
    #[serde(default)]
    pub timing: Option<String>,
    /// The dates it was held.
    #[serde(default)]
    pub records: Vec<TrainingRecordYaml>,
}

/// One held training.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingRecordYaml {
    /// The date it was held.
    pub date: String,
    /// What was done or found.
    #[serde(default)]
    pub summary: String,
}

/// Document metadata (SPEC §2), the same in front matter and YAML documents.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaYaml {
    /// The document's id, unique in the plan.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// The document's kind (SPEC §2), which decides its renderer.
    pub kind: String,
    /// The incident type (site.yaml `incidents:`) the document belongs to.
    #[serde(default)]
    pub incident: Option<String>,
    /// The classification (confidentiality) label.
    #[serde(default)]
    pub classification: Option<String>,
    /// Where it sorts among documents of its kind and incident; 0 when absent.
    #[serde(default)]
    pub order: Option<i64>,
    /// The revision history, approvals included.
    pub revisions: Vec<RevisionYaml>,
    /// The reviews without changes.
    #[serde(default)]
    pub reviews: Vec<ReviewYaml>,
    /// This document's review interval in months, overriding site.yaml.
    #[serde(default)]
    pub review_interval_months: Option<u32>,
    /// Whether this is sample content, marked as such when rendered.
    #[serde(default)]
    pub sample: bool,
    /// A one-line description for lists and the index.
    #[serde(default)]
    pub description: Option<String>,
}

/// The keys of `MetaYaml`, to split a YAML document into metadata and data.
pub const META_KEYS: &[&str] = &[
    "id",
    "title",
    "kind",
    "incident",
    "classification",
    "order",
    "revisions",
    "reviews",
    "review_interval_months",
    "sample",
    "description",
];

/// One revision of a document.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionYaml {
    /// The version string.
    pub version: String,
    /// The revision date.
    pub date: String,
    /// Who approved the revision.
    pub approver: String,
    /// What changed.
    #[serde(default)]
    pub summary: String,
    /// The content fingerprint recorded at approval, to detect later edits (docs/approval.md).
    #[serde(default)]
    pub fingerprint: Option<String>,
}

/// One review that found no change needed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewYaml {
    /// The review date.
    pub date: String,
    /// Who reviewed.
    pub reviewer: String,
    /// The outcome, as free text.
    #[serde(default)]
    pub result: String,
    /// Written by `bcpgen review` only to refresh a fingerprint of the old
    /// algorithm (docs/approval.md).
    #[serde(default)]
    pub fingerprint: Option<String>,
}

// ---- structured data (SPEC §4) ----

/// One entry of a contact list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactYaml {
    /// The person's or office's name.
    pub name: String,
    /// The organization they belong to.
    #[serde(default)]
    pub organization: String,
    /// Their role or title.
    #[serde(default)]
    pub role: String,
    /// Their phone numbers.
    #[serde(default)]
    pub phones: Vec<PhoneYaml>,
    /// Their e-mail address.
    #[serde(default)]
    pub email: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// The role of organization.yaml this entry reaches (SPEC §8), so pages
    /// naming the role can offer its call buttons.
    #[serde(default)]
    pub role_id: Option<String>,
}

/// One phone number of a contact.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneYaml {
    /// What the number is (e.g. mobile, office).
    #[serde(default)]
    pub label: String,
    /// The number as written.
    pub number: String,
}

/// One titled group of a checklist.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckGroupYaml {
    /// The group's title.
    pub title: String,
    /// When the group applies.
    #[serde(default)]
    pub when: Option<String>,
    /// The checks.
    pub items: Vec<CheckItemYaml>,
}

/// One check of a checklist.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckItemYaml {
    /// What to check.
    pub text: String,
    /// Who checks it.
    #[serde(default)]
    pub by: Option<String>,
}

/// One step of a procedure.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepYaml {
    /// The step's title.
    pub title: String,
    /// What to do.
    #[serde(default)]
    pub actions: Vec<String>,
    /// What to confirm.
    #[serde(default)]
    pub checks: Vec<String>,
    /// A caution to show with the step.
    #[serde(default)]
    pub caution: Option<String>,
    /// Who does the step.
    #[serde(default)]
    pub by: Option<String>,
}

/// One rank of a line of succession.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuccessionYaml {
    /// The rank (代行順位), smallest first, no two alike.
    pub order: u32,
    /// The role (organization.yaml) at this rank.
    pub role: String,
    /// The holder's name; the role's holder when absent.
    #[serde(default)]
    pub holder: Option<String>,
}

/// One rule of when and whom to assemble.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssemblyRuleYaml {
    /// The triggering event.
    pub event: String,
    /// The incident type the rule belongs to.
    #[serde(default)]
    pub incident: Option<String>,
    /// The condition under which it applies.
    pub condition: String,
    /// Who assembles.
    pub who: String,
    /// What to share, kept as raw YAML.
    #[serde(default)]
    pub share: Option<Value>,
}

/// One section of a form.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSectionYaml {
    /// The section's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The fields.
    pub fields: Vec<FormFieldYaml>,
}

/// One field of a form.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormFieldYaml {
    /// The field's label.
    pub label: String,
    /// The field's kind; `text` when absent.
    #[serde(default = "default_field_kind")]
    pub kind: String,
    /// How many lines to leave for writing.
    #[serde(default)]
    pub lines: Option<u32>,
    /// The choices, for a choice field.
    #[serde(default)]
    pub choices: Vec<String>,
}

fn default_field_kind() -> String {
    "text".into()
}

// ---- diagrams ----

/// One node of a flow or network diagram.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeYaml {
    /// The id edges refer to.
    pub id: String,
    /// The node's kind, which decides its shape.
    #[serde(default)]
    pub kind: Option<String>,
    /// The node's text.
    pub text: String,
    /// The group (box) the node is drawn in.
    #[serde(default)]
    pub group: Option<String>,
}

/// One edge of a diagram.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeYaml {
    /// The id of the node it starts from.
    pub from: String,
    /// The id of the node it goes to.
    pub to: String,
    /// The edge's label.
    #[serde(default)]
    pub label: Option<String>,
}

/// One server rack.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RackYaml {
    /// The rack's name.
    pub name: String,
    /// Its height in rack units; 42 when absent.
    #[serde(default = "default_units")]
    pub units: u32,
    /// The mounted devices.
    #[serde(default)]
    pub devices: Vec<DeviceYaml>,
}

fn default_units() -> u32 {
    42
}

/// One device in a rack.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceYaml {
    /// The device's name.
    pub name: String,
    /// The lowest rack unit it occupies.
    pub u: u32,
    /// Its height in rack units; 1 when absent.
    #[serde(default = "one")]
    pub height: u32,
    /// Its kind, which decides its colour.
    #[serde(default)]
    pub kind: String,
}

fn one() -> u32 {
    1
}

/// The grid of a floor plan.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridYaml {
    /// Columns.
    pub cols: u32,
    /// Rows.
    pub rows: u32,
}

/// One area of a floor plan, in grid cells.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaYaml {
    /// The area's name.
    pub name: String,
    /// Left column.
    pub x: u32,
    /// Top row.
    pub y: u32,
    /// Width in cells.
    pub w: u32,
    /// Height in cells.
    pub h: u32,
}

/// One item placed on a floor plan.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemYaml {
    /// The item's name.
    pub name: String,
    /// Column.
    pub x: u32,
    /// Row.
    pub y: u32,
    /// Its kind, which decides its mark.
    #[serde(default)]
    pub kind: String,
}
