//! What site.yaml says about the 新旧対照表 and its 起案 sheet
//! (`compare_columns`, `approval_route`; README 「新旧対照表」).

use super::site::RoleRef;

/// One column of the 新旧対照表.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareColumn {
    /// 改定後: the proposed text.
    New,
    /// 改定前: the approved text.
    Old,
    /// 備考: 追加・変更・削除.
    Note,
}

impl CompareColumn {
    /// The name site.yaml uses (`new`, `old`, `note`).
    pub fn parse(s: &str) -> Option<CompareColumn> {
        Some(match s {
            "new" => CompareColumn::New,
            "old" => CompareColumn::Old,
            "note" => CompareColumn::Note,
            _ => return None,
        })
    }
    /// The column's heading in the table.
    pub fn label(self) -> &'static str {
        match self {
            CompareColumn::New => "改定後",
            CompareColumn::Old => "改定前",
            CompareColumn::Note => "備考",
        }
    }
}

/// The stages a 決裁 route may name, in the order a 起案 passes them.
pub const ROUTE_STAGES: [&str; 4] = ["起案", "回議", "合議", "決裁"];

/// One stage of the approval route: who seals the 起案 sheet there.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteStage {
    /// 起案, 回議, 合議 or 決裁.
    pub stage: String,
    /// The role that seals at this stage.
    pub role: RoleRef,
}

/// The 新旧対照表 settings of site.yaml.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareConfig {
    /// Column order; 改定後 | 改定前 | 備考 unless site.yaml says otherwise.
    pub columns: [CompareColumn; 3],
    /// `approval_route`; None: 起案 by the section, 決裁 by the `approval`
    /// table's role for the document's kind.
    pub route: Option<Vec<RouteStage>>,
}

impl Default for CompareConfig {
    fn default() -> Self {
        CompareConfig {
            columns: [CompareColumn::New, CompareColumn::Old, CompareColumn::Note],
            route: None,
        }
    }
}
