//! The site: configuration, organisation, glossary, trainings and documents.

use super::date::{Date, DateStyle};
use super::document::{Classification, Document, Kind};

/// The whole plan as loaded: configuration, organization, glossary, trainings and the edition's documents.
#[derive(Clone, Debug)]
pub struct Site {
    /// site.yaml's settings.
    pub config: SiteConfig,
    /// organization.yaml: roles and the chart of each mode.
    pub org: Organization,
    /// glossary.yaml's terms.
    pub glossary: Vec<Term>,
    /// trainings.yaml's trainings.
    pub trainings: Vec<Training>,
    /// In binder order: plan, manuals, then reference material by kind and order.
    pub documents: Vec<Document>,
    /// The day the build treats as today (`--date` / SOURCE_DATE_EPOCH).
    pub build_date: Date,
    /// The edition this build makes; only its documents are in `documents`.
    pub edition: Edition,
    /// The files under `assets/` that the edition's documents and the
    /// glossary use, by content-relative path (`assets/map.png`): only these
    /// travel with the outputs, so an image of a left-out document leaves no trace.
    pub assets: std::collections::BTreeMap<String, super::Asset>,
    /// The guidance audit (`bcpgen audit`), made at load; None in the
    /// public edition, which carries no audit.
    pub audit: Option<crate::audit::Audit>,
}

impl Site {
    /// The document with this id, if the edition includes it.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
    /// A date written in site.yaml's date style.
    pub fn format_date(&self, d: Date) -> String {
        d.format(self.config.dates)
    }
    /// The incident type with this id (site.yaml `incidents:`).
    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.config.incidents.iter().find(|i| i.id == id)
    }

    /// An empty site built on 2026-11-26, for unit tests to fill in.
    #[cfg(test)]
    pub fn for_tests() -> Site {
        Site {
            config: SiteConfig {
                organization: OrgInfo::default(),
                title: "テスト".into(),
                dates: DateStyle::Wareki,
                numbering: vec![],
                review_interval_months: 12,
                approval: vec![],
                allow_raw_html: false,
                incidents: vec![],
                compare: Default::default(),
            },
            org: Organization::default(),
            glossary: vec![],
            trainings: vec![],
            documents: vec![],
            build_date: Date::parse_iso("2026-11-26").expect("a valid date"),
            edition: Edition::Staff,
            assets: Default::default(),
            audit: None,
        }
    }
}

/// site.yaml, checked and resolved.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// Who the plan belongs to.
    pub organization: OrgInfo,
    /// The plan's title.
    pub title: String,
    /// How dates are written.
    pub dates: DateStyle,
    /// The heading numbering style of each level, `#` first.
    pub numbering: Vec<NumberStyle>,
    /// The default review interval in months.
    pub review_interval_months: u32,
    /// Document kind → the role whose approval it needs.
    pub approval: Vec<(Kind, RoleRef)>,
    /// Whether Markdown may carry raw HTML.
    pub allow_raw_html: bool,
    /// The incident types documents may name.
    pub incidents: Vec<Incident>,
    /// `compare_columns` and `approval_route` (bcpgen compare).
    pub compare: super::compare::CompareConfig,
}

impl SiteConfig {
    /// The role whose approval documents of this kind need, if site.yaml names one.
    pub fn approver_for(&self, kind: Kind) -> Option<&RoleRef> {
        self.approval
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, r)| r)
    }
}

/// The organization's name and contact details (site.yaml `organization:`).
#[derive(Clone, Debug, Default)]
pub struct OrgInfo {
    /// The organization's name.
    pub name: String,
    /// The department that owns the plan.
    pub department: String,
    /// The postal address.
    pub address: String,
    /// The main phone number.
    pub phone: String,
    /// Who edits the plan, when named.
    pub editor: Option<String>,
}

/// One incident type (site.yaml `incidents:`).
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    /// The id documents name in `incident:`.
    pub id: String,
    /// The manual's full name (自然災害（異常気象・火山噴火等）・大規模事故…).
    pub name: String,
    /// A short label for big buttons (地震).
    pub short: String,
}

/// Heading number styles of site.yaml `numbering`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1`, `2`, `3` …
    Arabic,
    /// `(1)`, `(2)`, `(3)` …
    ParenArabic,
    /// `ア`, `イ`, `ウ` …
    Katakana,
    /// `(ア)`, `(イ)`, `(ウ)` …
    ParenKatakana,
    /// `a`, `b`, `c` …
    Latin,
    /// `(a)`, `(b)`, `(c)` …
    ParenLatin,
}

const KATAKANA: &[&str] = &[
    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ",
    "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ", "マ", "ミ",
    "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ", "ヲ", "ン",
];

impl NumberStyle {
    /// Every style with its token in site.yaml `numbering`.
    const TOKENS: [(NumberStyle, &'static str); 6] = [
        (NumberStyle::Arabic, "1"),
        (NumberStyle::ParenArabic, "(1)"),
        (NumberStyle::Katakana, "ア"),
        (NumberStyle::ParenKatakana, "(ア)"),
        (NumberStyle::Latin, "a"),
        (NumberStyle::ParenLatin, "(a)"),
    ];

    /// The style a site.yaml `numbering` token names (`(ア)`), or None.
    pub fn parse(token: &str) -> Option<NumberStyle> {
        Self::TOKENS
            .iter()
            .find(|(_, t)| *t == token)
            .map(|(s, _)| *s)
    }

    /// The label of the `n`th heading (1-based) at this level, or `None`
    /// past the last letter (ン, z): official style has no label after
    /// them, and a number instead would read as another style's.
    pub fn format(self, n: usize) -> Option<String> {
        let kana = || KATAKANA.get(n.checked_sub(1)?).map(|s| s.to_string());
        let latin = || {
            (1..=26)
                .contains(&n)
                .then(|| char::from(b'a' + (n - 1) as u8).to_string())
        };
        Some(match self {
            NumberStyle::Arabic => n.to_string(),
            NumberStyle::ParenArabic => format!("({n})"),
            NumberStyle::Katakana => kana()?,
            NumberStyle::ParenKatakana => format!("({})", kana()?),
            NumberStyle::Latin => latin()?,
            NumberStyle::ParenLatin => format!("({})", latin()?),
        })
    }

    /// The style as site.yaml writes it (`(ア)`).
    pub fn token(self) -> &'static str {
        Self::TOKENS
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("", |(_, t)| t)
    }

    /// How many headings one level can number (`None`: no limit).
    pub fn capacity(self) -> Option<usize> {
        match self {
            NumberStyle::Arabic | NumberStyle::ParenArabic => None,
            NumberStyle::Katakana | NumberStyle::ParenKatakana => Some(KATAKANA.len()),
            NumberStyle::Latin | NumberStyle::ParenLatin => Some(26),
        }
    }
}

/// A role id that was found in organization.yaml, with its name for display.
/// Only the loader makes these (the constructor is crate-private and the
/// fields are private), so holding one means the role exists:
///
/// ```compile_fail,E0451
/// let made_up = bcpgen::model::RoleRef { id: "nobody".into(), name: "誰か".into() };
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleRef {
    id: String,
    name: String,
}

impl RoleRef {
    /// A reference to a role the caller has found in organization.yaml;
    /// crate-private so that code outside the loader cannot name a role
    /// that does not exist.
    pub(crate) fn new(id: impl Into<String>, name: impl Into<String>) -> RoleRef {
        RoleRef {
            id: id.into(),
            name: name.into(),
        }
    }
    /// The role's id in organization.yaml.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The role's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// One role of organization.yaml.
#[derive(Clone, Debug)]
pub struct Role {
    /// The id other files refer to.
    pub id: String,
    /// The role's name.
    pub name: String,
    /// Who holds the role.
    pub holder: String,
    /// 代行者 in order.
    pub deputies: Vec<RoleRef>,
}

impl Role {
    /// A reference to this role.
    pub fn to_ref(&self) -> RoleRef {
        RoleRef::new(self.id.clone(), self.name.clone())
    }
}

/// organization.yaml: the roles and the chart of each mode.
#[derive(Clone, Debug, Default)]
pub struct Organization {
    /// The roles, in file order.
    pub roles: Vec<Role>,
    /// The modes' charts, in file order.
    pub modes: Vec<Mode>,
}

impl Organization {
    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }
    /// The mode with this key (`normal`, `disaster` …).
    pub fn mode(&self, key: &str) -> Option<&Mode> {
        self.modes.iter().find(|m| m.key == key)
    }
}

/// One mode's organization chart.
#[derive(Clone, Debug)]
pub struct Mode {
    /// normal, disaster, security …
    pub key: String,
    /// The mode's title.
    pub title: String,
    /// The chart's units, in file order.
    pub units: Vec<Unit>,
}

/// One unit of a mode's chart: a role or a body of its own.
#[derive(Clone, Debug)]
pub struct Unit {
    /// The role id, or the body's `id`.
    pub id: String,
    /// The role this unit stands for, when it is one.
    pub role: Option<RoleRef>,
    /// How the role table names it (the unit's `label`, else role name (holder)).
    pub label: String,
    /// The role's or body's name for diagrams.
    pub name: String,
    /// Who holds it, when known.
    pub holder: Option<String>,
    /// Markdown source, converted where a role table embeds it (so glossary
    /// marks and links follow the embedding document's rules).
    pub summary: String,
    /// Markdown source of each ・ item.
    pub duties: Vec<String>,
    /// How the unit relates to headquarters.
    pub hq_relation: Option<String>,
    /// Index into the mode's units.
    pub reports_to: Option<usize>,
}

/// One glossary term.
#[derive(Clone, Debug)]
pub struct Term {
    /// The term as written.
    pub term: String,
    /// かな, required for non-Latin terms; sorts the 五十音順 part.
    pub reading: Option<String>,
    /// Other spellings that also mark this term.
    pub aliases: Vec<String>,
    /// What the term means, converted from Markdown.
    pub description: Vec<super::Block>,
    /// HTML id of the entry (`term-3`).
    pub anchor: String,
}

impl Term {
    /// Latin terms go to アルファベット順, the rest to 五十音順.
    pub fn is_latin(&self) -> bool {
        self.term
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    }
}

/// One training or exercise of trainings.yaml.
#[derive(Clone, Debug)]
pub struct Training {
    /// The id records and pages refer to.
    pub id: String,
    /// The training's name.
    pub name: String,
    /// What the training covers.
    pub description: String,
    /// Who takes part.
    pub participants: String,
    /// How often it is held, in months.
    pub frequency_months: u32,
    /// When it is held, as free text.
    pub timing: Option<String>,
    /// Oldest first.
    pub records: Vec<TrainingRecord>,
}

impl Training {
    /// The most recent run, if any.
    pub fn last(&self) -> Option<&TrainingRecord> {
        self.records.iter().max_by_key(|r| r.date)
    }
    /// The day the next run is due; None when it never ran (due now).
    pub fn next_due(&self) -> Option<Date> {
        self.last()
            .map(|r| r.date.add_months(self.frequency_months))
    }
    /// Whether the next run is past due (or it never ran) on `today`.
    pub fn overdue(&self, today: Date) -> bool {
        self.next_due().is_none_or(|d| d < today)
    }
}

/// One held training.
#[derive(Clone, Debug)]
pub struct TrainingRecord {
    /// The date it was held.
    pub date: Date,
    /// What was done or found.
    pub summary: String,
}

/// Which documents a build includes (SPEC §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Edition {
    /// 職員版: every document.
    #[default]
    Staff,
    /// 公開版: public documents only.
    Public,
    /// 庁内版: public and internal documents.
    Internal,
    /// 機密版: every document, confidential ones included.
    Confidential,
}

impl Edition {
    /// The edition a `--edition` value names (`staff`, `public` …), or None.
    pub fn parse(s: &str) -> Option<Edition> {
        Some(match s {
            "staff" => Edition::Staff,
            "public" => Edition::Public,
            "internal" => Edition::Internal,
            "confidential" => Edition::Confidential,
            _ => return None,
        })
    }
    /// The edition as `--edition` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::Staff => "staff",
            Edition::Public => "public",
            Edition::Internal => "internal",
            Edition::Confidential => "confidential",
        }
    }
    /// 職員版 / 公開版 … shown on every page.
    pub fn label(self) -> &'static str {
        match self {
            Edition::Staff => "職員版（全資料）",
            Edition::Public => "公開版",
            Edition::Internal => "庁内版",
            Edition::Confidential => "機密版",
        }
    }
    /// Whether this edition includes documents of classification `c`.
    pub fn includes(self, c: Classification) -> bool {
        match self {
            Edition::Staff | Edition::Confidential => true,
            Edition::Internal => c <= Classification::Internal,
            Edition::Public => c == Classification::Public,
        }
    }
}
