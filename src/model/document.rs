//! One document of the site and its approval history.

use super::block::Block;
use super::date::Date;
use super::revisions::Revisions;
use super::site::RoleRef;
use super::source_path::SourcePath;

/// A document's kind (SPEC §2), which decides where it goes and how it renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The plan itself (計画).
    Plan,
    /// An incident manual (事象別対応マニュアル).
    Manual,
    /// A list (リスト（一覧）), e.g. contacts.
    List,
    /// A procedure (手順).
    Procedure,
    /// A diagram (図).
    Diagram,
    /// A form (帳票).
    Form,
    /// Anything else (その他).
    Guide,
}

impl Kind {
    /// Every kind, in binder order.
    pub const ALL: [Kind; 7] = [
        Kind::Plan,
        Kind::Manual,
        Kind::List,
        Kind::Procedure,
        Kind::Diagram,
        Kind::Form,
        Kind::Guide,
    ];

    /// The kind a `kind:` value names, or None.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// The kind as `kind:` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Manual => "manual",
            Kind::List => "list",
            Kind::Procedure => "procedure",
            Kind::Diagram => "diagram",
            Kind::Form => "form",
            Kind::Guide => "guide",
        }
    }
    /// The plan's own words for the kinds (6(1)'s 種類 column).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Plan => "計画",
            Kind::Manual => "事象別対応マニュアル",
            Kind::List => "リスト（一覧）",
            Kind::Procedure => "手順",
            Kind::Diagram => "図",
            Kind::Form => "帳票",
            Kind::Guide => "その他",
        }
    }
    /// Whether documents of this kind are reference material (neither the plan nor a manual).
    pub fn is_reference(self) -> bool {
        !matches!(self, Kind::Plan | Kind::Manual)
    }
}

/// How widely a document may be shared; orders from least to most restricted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    /// 公開: anyone.
    Public,
    /// 庁内限り: staff of the organization.
    Internal,
    /// 機密: confidential.
    Confidential,
}

impl Classification {
    /// The classification a `classification:` value names, or None.
    pub fn parse(s: &str) -> Option<Classification> {
        Some(match s {
            "public" => Classification::Public,
            "internal" => Classification::Internal,
            "confidential" => Classification::Confidential,
            _ => return None,
        })
    }
    /// The classification as `classification:` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Internal => "internal",
            Classification::Confidential => "confidential",
        }
    }
    /// The label printed on pages (公開, 庁内限り, 機密).
    pub fn label(self) -> &'static str {
        match self {
            Classification::Public => "公開",
            Classification::Internal => "庁内限り",
            Classification::Confidential => "機密",
        }
    }
}

/// One revision of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    /// The version string.
    pub version: String,
    /// The revision date.
    pub date: Date,
    /// The role that approved it.
    pub approver: RoleRef,
    /// What changed.
    pub summary: String,
    /// The content fingerprint approved with this revision (`bcpgen approve`
    /// records it); None for revisions written by hand.
    pub fingerprint: Option<String>,
}

/// One review that found no change needed.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// The review date.
    pub date: Date,
    /// The role that reviewed.
    pub reviewer: RoleRef,
    /// The outcome, as free text.
    pub result: String,
    /// The current fingerprint, recorded by `bcpgen review` when the latest
    /// revision's was of the old algorithm (`v2:…`): the reviewer confirmed
    /// the content, so the document reads 承認済 again.
    pub fingerprint: Option<String>,
}

/// Whether the current content is what was last approved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approval {
    /// The latest revision's fingerprint matches the content.
    Approved,
    /// The latest revision carries no fingerprint (written by hand before
    /// `bcpgen approve` existed): taken as approved, shown as such in status.
    Unverified,
    /// The content changed after the latest approval: 「未承認の変更あり」.
    Changed,
    /// The latest revision's fingerprint was recorded by the first
    /// fingerprint algorithm (no `v2:` prefix), which hashed other parts and
    /// cannot be compared: shown as approved, 「旧方式の指紋」 in status,
    /// until `bcpgen approve` records a current one.
    Legacy,
}

impl Approval {
    /// The one wording of each state, for the terminal status table and the
    /// HTML status page alike.
    pub fn label(self) -> &'static str {
        match self {
            Approval::Approved => "承認済",
            Approval::Unverified => "指紋なし",
            Approval::Changed => "未承認の変更あり",
            Approval::Legacy => "旧方式の指紋",
        }
    }
    /// Why the state is what it is, for `bcpgen status` (None when nothing to explain).
    pub fn explanation(self) -> Option<&'static str> {
        match self {
            Approval::Approved => None,
            Approval::Unverified => Some(
                "指紋なし：最新の版に fingerprint の記録がありません（手書きの記録）。内容との一致は確かめられません",
            ),
            Approval::Changed => Some(
                "未承認の変更あり：最後の承認の後に内容が変わっています。bcpgen approve で承認してください",
            ),
            Approval::Legacy => Some(
                "旧方式の指紋：最新の版の fingerprint は以前の方式（v2: のない64桁）で記録されていて、今の内容と比べられません。内容を確かめて bcpgen approve で承認し直すと今の方式で記録されます",
            ),
        }
    }
}

/// How a `sample: true` document's state reads wherever an approval would
/// be shown: its revision records are placeholders, not approvals.
pub const SAMPLE_STATE: &str = "サンプル（未承認）";

/// What a document's PDF cover and the plan's publication block print about
/// the organisation. The loader copies it from site.yaml and records each
/// field it copies in the document's fingerprint, so the renderers print
/// only facts the fingerprint covers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imprint {
    /// The organization's name.
    pub org: String,
    /// The department.
    pub department: String,
    /// The postal address.
    pub address: String,
    /// The main phone number.
    pub phone: String,
    /// Only the plan's publication block prints it (None elsewhere).
    pub editor: Option<String>,
}

/// One document of the plan, loaded and converted.
#[derive(Clone, Debug)]
pub struct Document {
    /// The id, unique in the plan.
    pub id: String,
    /// The title.
    pub title: String,
    /// The kind.
    pub kind: Kind,
    /// The incident type (site.yaml `incidents:`) it belongs to.
    pub incident: Option<String>,
    /// How widely it may be shared.
    pub classification: Classification,
    /// Where it sorts among documents of its kind and incident (then title, id).
    pub order: i64,
    /// Oldest first, never empty, in date order.
    pub revisions: Revisions,
    /// The reviews without changes.
    pub reviews: Vec<Review>,
    /// The review interval in months.
    pub review_interval_months: u32,
    /// The whole document is sample data to be replaced (「サンプル」 on every page).
    pub sample: bool,
    /// The converted content.
    pub body: Vec<Block>,
    /// SHA-256 (lowercase hex) of the content, revisions and reviews excluded.
    pub fingerprint: String,
    /// How the content stands against its latest approval.
    pub approval: Approval,
    /// The organisation as its cover and publication block print it.
    pub imprint: Imprint,
    /// The file holding its metadata, relative to the content folder.
    pub source: SourcePath,
}

impl Document {
    /// The latest revision.
    pub fn latest(&self) -> &Revision {
        self.revisions.latest()
    }
    /// The first 8 hex digits of the fingerprint, for display.
    pub fn short_fingerprint(&self) -> &str {
        &self.fingerprint[..8.min(self.fingerprint.len())]
    }
    /// The state the status table, the status page, the page header and the
    /// PDF footer show: a sample document never claims an approval, whatever
    /// its revision records say ([`SAMPLE_STATE`]).
    pub fn state_label(&self) -> &'static str {
        if self.sample {
            SAMPLE_STATE
        } else {
            self.approval.label()
        }
    }
    /// Whether the content is still what was approved (not changed since).
    pub fn approved(&self) -> bool {
        self.approval != Approval::Changed
    }
    /// The last day its content was approved or reviewed.
    pub fn last_reviewed(&self) -> Date {
        self.reviews
            .iter()
            .map(|r| r.date)
            .chain([self.latest().date])
            .max()
            .unwrap_or(self.latest().date)
    }
    /// The day the next review is due.
    pub fn next_review(&self) -> Date {
        self.last_reviewed().add_months(self.review_interval_months)
    }
    /// Whether the next review is past due on `today`.
    pub fn overdue(&self, today: Date) -> bool {
        self.next_review() < today
    }
    /// Every heading, in document order.
    pub fn headings(&self) -> impl Iterator<Item = &super::Heading> {
        self.body.iter().filter_map(|b| match b {
            Block::Heading(h) => Some(h),
            _ => None,
        })
    }
    /// 計画の新規制定／改訂一覧 for the plan, 改訂履歴 otherwise.
    pub fn revision_table_title(&self) -> &'static str {
        if self.kind == Kind::Plan {
            "計画の新規制定／改訂一覧"
        } else {
            "改訂履歴"
        }
    }
}
