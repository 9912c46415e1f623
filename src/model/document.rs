//! One document of the site and its approval history.

use super::block::Block;
use super::date::Date;
use super::revisions::Revisions;
use super::site::RoleRef;
use super::source_path::SourcePath;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Plan,
    Manual,
    List,
    Procedure,
    Diagram,
    Form,
    Guide,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Plan,
        Kind::Manual,
        Kind::List,
        Kind::Procedure,
        Kind::Diagram,
        Kind::Form,
        Kind::Guide,
    ];

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
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
    pub fn is_reference(self) -> bool {
        !matches!(self, Kind::Plan | Kind::Manual)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    Public,
    Internal,
    Confidential,
}

impl Classification {
    pub fn parse(s: &str) -> Option<Classification> {
        Some(match s {
            "public" => Classification::Public,
            "internal" => Classification::Internal,
            "confidential" => Classification::Confidential,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Internal => "internal",
            Classification::Confidential => "confidential",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Classification::Public => "公開",
            Classification::Internal => "庁内限り",
            Classification::Confidential => "機密",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub version: String,
    pub date: Date,
    pub approver: RoleRef,
    pub summary: String,
    /// The content fingerprint approved with this revision (`bcpgen approve`
    /// records it); None for revisions written by hand.
    pub fingerprint: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub date: Date,
    pub reviewer: RoleRef,
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
    pub org: String,
    pub department: String,
    pub address: String,
    pub phone: String,
    /// Only the plan's publication block prints it (None elsewhere).
    pub editor: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub incident: Option<String>,
    pub classification: Classification,
    pub order: i64,
    /// Oldest first, never empty, in date order.
    pub revisions: Revisions,
    pub reviews: Vec<Review>,
    pub review_interval_months: u32,
    /// The whole document is sample data to be replaced (「サンプル」 on every page).
    pub sample: bool,
    pub body: Vec<Block>,
    /// SHA-256 (lowercase hex) of the content, revisions and reviews excluded.
    pub fingerprint: String,
    pub approval: Approval,
    /// The organisation as its cover and publication block print it.
    pub imprint: Imprint,
    /// The file holding its metadata, relative to the content folder.
    pub source: SourcePath,
}

impl Document {
    pub fn latest(&self) -> &Revision {
        self.revisions.latest()
    }
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
    pub fn next_review(&self) -> Date {
        self.last_reviewed().add_months(self.review_interval_months)
    }
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
