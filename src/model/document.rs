//! One document of the site and its approval history.

use super::block::Block;
use super::date::Date;
use super::site::RoleRef;

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
    pub revisions: Vec<Revision>,
    pub reviews: Vec<Review>,
    pub review_interval_months: u32,
    /// The whole document is sample data to be replaced (「サンプル」 on every page).
    pub sample: bool,
    pub body: Vec<Block>,
    /// SHA-256 (lowercase hex) of the content, revisions and reviews excluded.
    pub fingerprint: String,
    pub approval: Approval,
    /// Where it came from, relative to the content folder (for messages only).
    pub source: String,
}

impl Document {
    pub fn latest(&self) -> &Revision {
        self.revisions
            .last()
            .expect("the loader refuses documents without revisions")
    }
    pub fn short_fingerprint(&self) -> &str {
        &self.fingerprint[..8.min(self.fingerprint.len())]
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
