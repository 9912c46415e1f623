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
    /// site.yaml `history: true`: every build links each revision to its
    /// 新旧対照表, as `build --history` does.
    pub history: bool,
    /// Filled by the build, never by site.yaml: the revisions whose
    /// 新旧対照表 this build carries (see [`RevisionLinks`]).
    pub links: RevisionLinks,
}

/// The revisions of a build whose 新旧対照表 against the previous revision
/// is in the output, by document id and the revision's index (0 = 初版,
/// which never has one). Empty unless the build asked for history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RevisionLinks(std::collections::BTreeSet<(String, usize)>);

impl RevisionLinks {
    /// Records that revision `index` of document `id` has its table.
    pub fn insert(&mut self, id: &str, index: usize) {
        self.0.insert((id.to_string(), index));
    }
    /// The file stem of that table under `compare/` when the build has it.
    pub fn stem(&self, id: &str, index: usize) -> Option<String> {
        self.0
            .contains(&(id.to_string(), index))
            .then(|| revision_stem(id, index))
    }
}

/// The one name of a revision's 新旧対照表 in the bundle:
/// `compare/<id>-rev<N>.html|.pdf`, N the revision's 1-based place in the
/// revision table (2 for the second row). ASCII like the id, and stable
/// while the table only grows, so a link saved once keeps working.
pub fn revision_stem(id: &str, index: usize) -> String {
    format!("{id}-rev{}", index + 1)
}

impl Default for CompareConfig {
    fn default() -> Self {
        CompareConfig {
            columns: [CompareColumn::New, CompareColumn::Old, CompareColumn::Note],
            route: None,
            history: false,
            links: RevisionLinks::default(),
        }
    }
}
