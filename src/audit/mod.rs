//! `bcpgen audit`: for each item of the national guidance (the catalogs),
//! which section of the site covers it and how — as the site declares in
//! `content/coverage.yaml` — and, for an item nothing declares, candidate
//! sections where its hints occur. A keyword hit is only ever a candidate
//! (「電源」 in the plan mostly describes losing power, not securing it).
//!
//! The audit runs at load (so `check` and `build` validate coverage.yaml
//! too) and its result rides on the site for the HTML page and the binder
//! appendix (`report::blocks`) and the terminal table (`report::table`).

pub mod catalog;
pub mod command;
pub mod coverage;
mod files;
pub mod report;
pub mod sections;

use std::collections::HashMap;
use std::path::Path;

use catalog::{Catalog, WordingStatus};
use coverage::{Claim, How};

use crate::diag::Diagnostics;
use crate::model::Site;

/// Whether a top-level entry of the content folder belongs to the audit
/// (coverage.yaml, the audit/ catalogs) rather than to the documents.
pub fn is_audit_file(name: &str) -> bool {
    name == files::COVERAGE || name == files::CATALOGS
}

/// Candidates listed per uncovered item, best first.
const MAX_CANDIDATES: usize = 3;

/// Where an item is covered, or might be.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The document's id.
    pub doc: String,
    /// The document's title as its pages show it.
    pub doc_title: String,
    /// None: the whole document.
    pub anchor: Option<String>,
    /// The heading as a cross-reference shows it (empty for the whole document).
    pub label: String,
    /// How it covers the item (None for a candidate).
    pub how: Option<How>,
    /// The declaration's note, shown beside the place.
    pub note: Option<String>,
    /// False when the document exists but this edition leaves it out.
    pub in_edition: bool,
    /// For a candidate: the hints found there.
    pub hits: Vec<String>,
}

impl Place {
    /// `計画 5(1) 参集ルール等` — the document title, then the heading.
    pub fn text(&self) -> String {
        if self.label.is_empty() {
            self.doc_title.clone()
        } else {
            format!("{} {}", self.doc_title, self.label)
        }
    }
}

/// An item's standing.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Declared covered; the best `how` of its declarations.
    Covered(How),
    /// Declared out of scope, with the reason.
    OutOfScope(String),
    /// Nothing declares it: neither covered nor out of scope.
    Gap,
}

impl Status {
    /// 対応 / 一部対応 / 別資料で対応 / 対象外 / 未対応.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Covered(h) => h.label(),
            Status::OutOfScope(_) => "対象外",
            Status::Gap => "未対応",
        }
    }
}

/// One catalog item and how the site stands on it.
#[derive(Clone, Debug)]
pub struct Row {
    /// `catalog/item`.
    pub key: String,
    /// The item's short name.
    pub title: String,
    /// Whether its wording is quoted, paraphrased or not transcribed.
    pub wording_status: WordingStatus,
    /// The guidance's own words, where known.
    pub wording: Option<String>,
    /// Where in the guidance document.
    pub place: Option<String>,
    /// Related items of other catalogs (`catalog/item`).
    pub related: Vec<String>,
    /// How the site stands on the item.
    pub status: Status,
    /// The declared sections.
    pub places: Vec<Place>,
    /// For a gap: sections where the item's hints occur (候補).
    pub candidates: Vec<Place>,
    /// The item's search hints, for candidates found later.
    pub hints: Vec<String>,
}

/// A catalog as the report heads its rows.
#[derive(Clone, Debug)]
pub struct CatalogHead {
    /// The catalog's id.
    pub id: String,
    /// The catalog's title.
    pub title: String,
    /// Publisher, document and date, as cited.
    pub citation: String,
    /// Where it was read from (built in or the site's file).
    pub file: String,
    /// Its items in catalog order.
    pub rows: Vec<Row>,
}

/// The whole audit of one site.
#[derive(Clone, Debug)]
pub struct Audit {
    /// Every catalog, built-in ones first.
    pub catalogs: Vec<CatalogHead>,
    /// Whether the site has a coverage.yaml (the HTML page and the binder
    /// appendix are made only for a site that declares its coverage).
    pub declared: bool,
}

impl Audit {
    /// Every row, catalog by catalog.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.catalogs.iter().flat_map(|c| &c.rows)
    }
    /// Items neither covered nor declared out of scope.
    pub fn gaps(&self) -> usize {
        self.rows().filter(|r| r.status == Status::Gap).count()
    }
}

/// Reads the catalogs and coverage.yaml of the content folder and audits
/// `site` (whose edition leaves out the documents `left_out`). Problems go
/// to `diags` with file, line and field.
pub fn load(
    content: &Path,
    shown: &str,
    site: &Site,
    left_out: &[(String, String)],
    diags: &mut Diagnostics,
) -> Audit {
    let read = files::read(content, shown, diags);
    let catalogs = catalog::load(&read.catalogs, diags);
    let coverage = read
        .coverage
        .as_ref()
        .and_then(|(file, text)| coverage::parse(file, text, diags));
    let declared = coverage.is_some() || read.coverage.is_some();
    let mut claims: HashMap<String, Vec<Claimed>> = HashMap::new();
    if let Some(cov) = &coverage {
        check(cov, &catalogs, site, left_out, diags, &mut claims);
    }
    // Candidates cost a scan of every section per item: a build of a site
    // that declares nothing needs no audit at all (no page, no appendix), so
    // they are found only for a declared site; `bcpgen audit` asks for them
    // on an undeclared one through [`Audit::suggest`].
    let index = declared.then(|| Index::new(site));
    let catalogs = catalogs
        .iter()
        .map(|c| CatalogHead {
            id: c.id.clone(),
            title: c.title.clone(),
            citation: c.source.citation(),
            file: c.file.clone(),
            rows: c
                .items
                .iter()
                .map(|item| {
                    let key = format!("{}/{}", c.id, item.id);
                    let claimed = claims.remove(&key).unwrap_or_default();
                    row(key, item, claimed, index.as_ref())
                })
                .collect(),
        })
        .collect();
    Audit { catalogs, declared }
}

/// A checked declaration.
enum Claimed {
    At(Place),
    OutOfScope(String),
}

fn row(key: String, item: &catalog::Item, claimed: Vec<Claimed>, index: Option<&Index>) -> Row {
    let mut places = Vec::new();
    let mut out_of_scope = None;
    for c in claimed {
        match c {
            Claimed::At(p) => places.push(p),
            Claimed::OutOfScope(r) => out_of_scope = Some(r),
        }
    }
    let status = match (places.iter().filter_map(|p| p.how).max(), out_of_scope) {
        (Some(h), _) => Status::Covered(h),
        (None, Some(r)) => Status::OutOfScope(r),
        (None, None) => Status::Gap,
    };
    let candidates = match index {
        Some(index) if status == Status::Gap => index.candidates(&item.hints),
        _ => Vec::new(),
    };
    Row {
        key,
        title: item.title.clone(),
        wording_status: item.wording_status,
        wording: item.wording.clone(),
        place: item.place.clone(),
        related: item.related.clone(),
        status,
        places,
        candidates,
        hints: item.hints.clone(),
    }
}

impl Audit {
    /// Lists candidate sections for every gap (see `load`: a build of an
    /// undeclared site skips them).
    pub fn suggest(&mut self, site: &Site) {
        let index = Index::new(site);
        for row in self.catalogs.iter_mut().flat_map(|c| c.rows.iter_mut()) {
            if row.status == Status::Gap && row.candidates.is_empty() {
                row.candidates = index.candidates(&row.hints);
            }
        }
    }
}

/// Checks every entry against the catalogs and the site; the good ones go
/// to `claims` by item key.
fn check(
    cov: &coverage::Coverage,
    catalogs: &[Catalog],
    site: &Site,
    left_out: &[(String, String)],
    diags: &mut Diagnostics,
    claims: &mut HashMap<String, Vec<Claimed>>,
) {
    for e in &cov.entries {
        let Some((_, item)) = catalog::find(catalogs, &e.item) else {
            let why = match e.item.split_once('/') {
                None => "「カタログid/項目id」の形で書いてください（例: cao-bcp-6/data-backup）"
                    .to_string(),
                Some((c, _)) if !catalogs.iter().any(|k| k.id == c) => format!(
                    "カタログ {c} がありません（あるのは {}）",
                    catalogs
                        .iter()
                        .map(|k| k.id.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                Some((c, _)) => format!("カタログ {c} にこの項目がありません"),
            };
            diags.push(cov.error(e, "item", &e.item, why));
            continue;
        };
        let claimed = claims.entry(e.item.clone()).or_default();
        match &e.claim {
            Claim::OutOfScope(reason) => {
                if !claimed.is_empty() {
                    diags.push(cov.error(e, "out_of_scope", reason, "この項目には対応箇所（doc）の宣言もあります。対象外と対応は同時に宣言できません"));
                    continue;
                }
                claimed.push(Claimed::OutOfScope(reason.clone()));
            }
            Claim::Covers {
                doc,
                anchor,
                how,
                note,
            } => {
                if claimed.iter().any(|c| matches!(c, Claimed::OutOfScope(_))) {
                    diags.push(cov.error(e, "doc", doc, "この項目は対象外（out_of_scope）とも宣言されています。対象外と対応は同時に宣言できません"));
                    continue;
                }
                if let Some((_, title)) = left_out.iter().find(|(id, _)| id == doc) {
                    diags.push(cov.warning(
                        e,
                        "doc",
                        doc,
                        format!(
                        "文書「{title}」はこの版（{}）に含まれないため、対応箇所を確かめられません",
                        site.edition.label()
                    ),
                    ));
                    claimed.push(Claimed::At(Place {
                        doc: doc.clone(),
                        doc_title: title.clone(),
                        anchor: anchor.clone(),
                        label: anchor.clone().unwrap_or_default(),
                        how: Some(*how),
                        note: note.clone(),
                        in_edition: false,
                        hits: Vec::new(),
                    }));
                    continue;
                }
                let Some(d) = site.document(doc) else {
                    diags.push(cov.error(e, "doc", doc, "この id の文書がありません"));
                    continue;
                };
                let Some(s) = sections::section(d, anchor.as_deref()) else {
                    diags.push(cov.error(
                        e,
                        "anchor",
                        anchor.as_deref().unwrap_or(""),
                        format!(
                            "文書 {doc}（{}）にこのアンカーの見出しがありません",
                            d.title
                        ),
                    ));
                    continue;
                };
                if !item.hints.is_empty() && sections::hits(&s.text, &item.hints).is_empty() {
                    let field = if anchor.is_some() { "anchor" } else { "doc" };
                    let value = anchor.as_deref().unwrap_or(doc);
                    diags.push(cov.warning(e, field, value, format!(
                        "宣言した箇所（{}）に、項目「{}」の手がかり（{}）がどれも出てきません。編集の後で宣言が古くなっていないか確かめてください",
                        if s.label.is_empty() { d.title.clone() } else { format!("{} {}", d.title, s.label) },
                        item.title,
                        item.hints.join("、")
                    )));
                }
                claimed.push(Claimed::At(Place {
                    doc: doc.clone(),
                    doc_title: d.title.clone(),
                    anchor: anchor.clone(),
                    label: s.label,
                    how: Some(*how),
                    note: note.clone(),
                    in_edition: true,
                    hits: Vec::new(),
                }));
            }
        }
    }
}

/// Every section of the site, ready for hint searches.
struct Index<'s> {
    sections: Vec<(&'s crate::model::Document, sections::Section<'s>)>,
}

impl<'s> Index<'s> {
    fn new(site: &'s Site) -> Index<'s> {
        let mut out = Vec::new();
        for d in &site.documents {
            let own = sections::sections(d);
            if own.is_empty() {
                out.extend(sections::section(d, None).map(|s| (d, s)));
            } else {
                out.extend(own.into_iter().map(|s| (d, s)));
            }
        }
        Index { sections: out }
    }

    /// The sections whose own text holds the most of `hints`, document order among equals.
    fn candidates(&self, hints: &[String]) -> Vec<Place> {
        if hints.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(usize, Place)> = self
            .sections
            .iter()
            .filter_map(|(d, s)| {
                let hits = sections::hits(&s.own_text, hints);
                (!hits.is_empty()).then(|| {
                    (
                        hits.len(),
                        Place {
                            doc: d.id.clone(),
                            doc_title: d.title.clone(),
                            anchor: s.anchor.map(str::to_string),
                            label: s.label.clone(),
                            how: None,
                            note: None,
                            in_edition: true,
                            hits: hits.into_iter().map(str::to_string).collect(),
                        },
                    )
                })
            })
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        found
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(_, p)| p)
            .collect()
    }
}
