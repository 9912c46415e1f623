//! The sources as written: serde shapes of the YAML files (SPEC §1–§5).
//! Unknown fields are refused so a typo is an error, not a silent default.

use serde::Deserialize;
use serde_yaml::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteYaml {
    pub organization: OrgInfoYaml,
    pub title: String,
    #[serde(default)]
    pub dates: Option<String>,
    #[serde(default)]
    pub numbering: Option<Vec<String>>,
    #[serde(default)]
    pub review_interval_months: Option<u32>,
    pub approval: Value,
    #[serde(default)]
    pub allow_raw_html: bool,
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
    pub stage: String,
    pub role: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgInfoYaml {
    pub name: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub editor: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentYaml {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub short: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationYaml {
    pub roles: Vec<RoleYaml>,
    #[serde(default)]
    pub modes: serde_yaml::Mapping,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleYaml {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub holder: String,
    #[serde(default)]
    pub deputies: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeYaml {
    pub title: String,
    #[serde(default)]
    pub units: Vec<UnitYaml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitYaml {
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub duties: Vec<String>,
    #[serde(default)]
    pub hq_relation: Option<String>,
    #[serde(default)]
    pub reports_to: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryYaml {
    #[serde(default)]
    pub terms: Vec<TermYaml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermYaml {
    pub term: String,
    #[serde(default)]
    pub reading: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingsYaml {
    #[serde(default)]
    pub trainings: Vec<TrainingYaml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingYaml {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub participants: String,
    pub frequency_months: u32,
    #[serde(default)]
    pub timing: Option<String>,
    #[serde(default)]
    pub records: Vec<TrainingRecordYaml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingRecordYaml {
    pub date: String,
    #[serde(default)]
    pub summary: String,
}

/// Document metadata (SPEC §2), the same in front matter and YAML documents.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaYaml {
    pub id: String,
    pub title: String,
    pub kind: String,
    #[serde(default)]
    pub incident: Option<String>,
    #[serde(default)]
    pub classification: Option<String>,
    #[serde(default)]
    pub order: Option<i64>,
    pub revisions: Vec<RevisionYaml>,
    #[serde(default)]
    pub reviews: Vec<ReviewYaml>,
    #[serde(default)]
    pub review_interval_months: Option<u32>,
    #[serde(default)]
    pub sample: bool,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionYaml {
    pub version: String,
    pub date: String,
    pub approver: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub fingerprint: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewYaml {
    pub date: String,
    pub reviewer: String,
    #[serde(default)]
    pub result: String,
    /// Written by `bcpgen review` only to refresh a fingerprint of the old
    /// algorithm (docs/approval.md).
    #[serde(default)]
    pub fingerprint: Option<String>,
}

// ---- structured data (SPEC §4) ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactYaml {
    pub name: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub phones: Vec<PhoneYaml>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub notes: String,
    /// The role of organization.yaml this entry reaches (SPEC §8), so pages
    /// naming the role can offer its call buttons.
    #[serde(default)]
    pub role_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneYaml {
    #[serde(default)]
    pub label: String,
    pub number: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckGroupYaml {
    pub title: String,
    #[serde(default)]
    pub when: Option<String>,
    pub items: Vec<CheckItemYaml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckItemYaml {
    pub text: String,
    #[serde(default)]
    pub by: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepYaml {
    pub title: String,
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(default)]
    pub checks: Vec<String>,
    #[serde(default)]
    pub caution: Option<String>,
    #[serde(default)]
    pub by: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuccessionYaml {
    pub order: u32,
    pub role: String,
    #[serde(default)]
    pub holder: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssemblyRuleYaml {
    pub event: String,
    #[serde(default)]
    pub incident: Option<String>,
    pub condition: String,
    pub who: String,
    #[serde(default)]
    pub share: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSectionYaml {
    #[serde(default)]
    pub title: Option<String>,
    pub fields: Vec<FormFieldYaml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormFieldYaml {
    pub label: String,
    #[serde(default = "default_field_kind")]
    pub kind: String,
    #[serde(default)]
    pub lines: Option<u32>,
    #[serde(default)]
    pub choices: Vec<String>,
}

fn default_field_kind() -> String {
    "text".into()
}

// ---- diagrams ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeYaml {
    pub id: String,
    #[serde(default)]
    pub kind: Option<String>,
    pub text: String,
    #[serde(default)]
    pub group: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeYaml {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RackYaml {
    pub name: String,
    #[serde(default = "default_units")]
    pub units: u32,
    #[serde(default)]
    pub devices: Vec<DeviceYaml>,
}

fn default_units() -> u32 {
    42
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceYaml {
    pub name: String,
    pub u: u32,
    #[serde(default = "one")]
    pub height: u32,
    #[serde(default)]
    pub kind: String,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridYaml {
    pub cols: u32,
    pub rows: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaYaml {
    pub name: String,
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemYaml {
    pub name: String,
    pub x: u32,
    pub y: u32,
    #[serde(default)]
    pub kind: String,
}
