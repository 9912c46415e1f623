//! Guidance catalogs: what a national (or prefectural) guidance document
//! expects an ICT-BCP to cover, item by item. The tool ships one YAML file
//! per source in `catalogs/` (built into the binary, so `bcpgen audit` works
//! from any folder); a site may replace one or add its own with a YAML file
//! of the same shape in `content/audit/` (a file whose `id` is a built-in
//! catalog's replaces it whole).

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::yaml::{self, typed, Yaml};

/// The built-in catalogs, as (name shown in messages, text).
const BUILT_IN: [(&str, &str); 4] = [
    (
        "catalogs/cao-bcp-6.yaml",
        include_str!("../../catalogs/cao-bcp-6.yaml"),
    ),
    (
        "catalogs/mic-ict-bcp-checklist-r6.yaml",
        include_str!("../../catalogs/mic-ict-bcp-checklist-r6.yaml"),
    ),
    (
        "catalogs/mic-ict-bcp-2008.yaml",
        include_str!("../../catalogs/mic-ict-bcp-2008.yaml"),
    ),
    (
        "catalogs/ict-bcp-initial-2013.yaml",
        include_str!("../../catalogs/ict-bcp-initial-2013.yaml"),
    ),
];

/// How much of an item's text the catalog holds. Shown on every output, so
/// a reader never takes a placeholder for the guidance's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WordingStatus {
    /// `wording` is the source's text, word for word.
    Quoted,
    /// `wording` is a summary in other words.
    Paraphrased,
    /// The source's text is not in the catalog yet.
    NotTranscribed,
}

impl WordingStatus {
    /// The label every output prints beside the item.
    pub fn label(self) -> &'static str {
        match self {
            WordingStatus::Quoted => "原文",
            WordingStatus::Paraphrased => "要約",
            WordingStatus::NotTranscribed => "文言未転記",
        }
    }
}

/// Where a catalog's items come from.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Absent when not known (never guessed).
    pub publisher: Option<String>,
    /// The document's name, as published.
    pub document: String,
    /// Its date as the document gives it (和暦).
    pub date: String,
}

impl Source {
    /// 「総務省『…』（平成20年）」.
    pub fn citation(&self) -> String {
        let publisher = self.publisher.as_deref().unwrap_or("発行者未転記");
        format!("{publisher}「{}」（{}）", self.document, self.date)
    }
}

/// One thing the guidance expects.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item's id, unique in its catalog.
    pub id: String,
    /// A short name; for a `not-transcribed` item only what is known.
    pub title: String,
    /// Whether `wording` is quoted, paraphrased or not transcribed.
    pub wording_status: WordingStatus,
    /// The text, required when quoted or paraphrased, absent otherwise.
    pub wording: Option<String>,
    /// Where in the source document (`様式7`, `重要6要素 (5)`).
    #[serde(rename = "where")]
    pub place: Option<String>,
    /// `catalog/item` of related items in other catalogs.
    #[serde(default)]
    pub related: Vec<String>,
    /// Words whose presence makes a section a candidate for the item, and
    /// whose absence makes a declaration stale. Never coverage by themselves.
    #[serde(default)]
    pub hints: Vec<String>,
}

/// One guidance source's items.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The catalog's id (a-z, 0-9, -).
    pub id: String,
    /// The catalog's title.
    pub title: String,
    /// The guidance document it transcribes.
    pub source: Source,
    /// Its items in the document's order.
    pub items: Vec<Item>,
    /// Where it was read from (`catalogs/x.yaml` built in, or the site's file).
    #[serde(skip)]
    pub file: String,
}

impl Catalog {
    /// The item `id`, if the catalog has it.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// One catalog file parsed and checked on its own (ids, wording status).
fn parse(file: &str, text: &str, diags: &mut Diagnostics) -> Option<(Catalog, Yaml)> {
    let y = match yaml::parse(text, file, 1) {
        Ok(y) => y,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut c: Catalog = match typed(&y, &y.value, "") {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    c.file = file.to_string();
    let err = |field: String, value: &str, m: &str| {
        Diagnostic::error(file, m)
            .at(y.lines.line(&field))
            .field(field)
            .value(value)
    };
    if !crate::source::config::valid_id(&c.id) {
        diags.push(err(
            "id".into(),
            &c.id,
            "カタログの id は英小文字・数字・ハイフンで書いてください",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, item) in c.items.iter().enumerate() {
        let at = |f: &str| format!("items[{i}].{f}");
        if item.id.is_empty() || item.id.contains(['/', ' ']) {
            diags.push(err(
                at("id"),
                &item.id,
                "項目の id は空にできず、「/」や空白を含められません",
            ));
        } else if !seen.insert(item.id.as_str()) {
            diags.push(err(at("id"), &item.id, "項目の id が重複しています"));
        }
        let has_text = item
            .wording
            .as_deref()
            .is_some_and(|w| !w.trim().is_empty());
        match (item.wording_status, has_text) {
            (WordingStatus::NotTranscribed, true) => diags.push(err(
                at("wording"),
                item.wording.as_deref().unwrap_or(""),
                "wording_status が not-transcribed の項目に wording は書けません（転記したら quoted か paraphrased にしてください）",
            )),
            (WordingStatus::Quoted | WordingStatus::Paraphrased, false) => diags.push(err(
                at("wording_status"),
                "",
                "quoted か paraphrased の項目には wording（文言）が必要です",
            )),
            _ => {}
        }
        if item.hints.iter().any(|h| h.trim().is_empty()) {
            diags.push(err(at("hints"), "", "空の手がかり（hints）は書けません"));
        }
    }
    Some((c, y))
}

/// The built-in catalogs with the site's files (`content/audit/*.yaml`,
/// given as (shown name, text)) laid over them, then every `related` link
/// checked against the result.
pub fn load(site_files: &[(String, String)], diags: &mut Diagnostics) -> Vec<Catalog> {
    let mut out: Vec<(Catalog, Option<Yaml>)> = Vec::new();
    for (file, text) in BUILT_IN {
        // The built-in files are tested (`built_in_catalogs_are_valid`); a
        // problem here is still reported, never a panic.
        if let Some((c, _)) = parse(file, text, diags) {
            out.push((c, None));
        }
    }
    let mut site_ids = std::collections::HashMap::new();
    for (file, text) in site_files {
        let Some((c, y)) = parse(file, text, diags) else {
            continue;
        };
        if let Some(first) = site_ids.insert(c.id.clone(), file.clone()) {
            diags.push(
                Diagnostic::error(file, format!("カタログの id が {first} と重複しています"))
                    .at(y.lines.line("id"))
                    .field("id")
                    .value(&c.id),
            );
            continue;
        }
        match out.iter_mut().find(|(b, _)| b.id == c.id) {
            Some(slot) => *slot = (c, Some(y)),
            None => out.push((c, Some(y))),
        }
    }
    // Only the site's files are held to their links: a built-in catalog
    // linking to an item a site file replaced just loses that link.
    for (c, y) in out.iter().filter_map(|(c, y)| Some((c, y.as_ref()?))) {
        for (i, item) in c.items.iter().enumerate() {
            for (j, r) in item.related.iter().enumerate() {
                if find(out.iter().map(|(c, _)| c), r).is_none() {
                    let field = format!("items[{i}].related[{j}]");
                    diags.push(
                        Diagnostic::error(&c.file, "関連項目がどのカタログにもありません（「カタログid/項目id」で書いてください）")
                            .at(y.lines.line(&field))
                            .field(field)
                            .value(r),
                    );
                }
            }
        }
    }
    out.into_iter().map(|(c, _)| c).collect()
}

/// The catalog and item a `catalog/item` reference names.
pub fn find<'c>(
    catalogs: impl IntoIterator<Item = &'c Catalog>,
    reference: &str,
) -> Option<(&'c Catalog, &'c Item)> {
    let (cat, item) = reference.split_once('/')?;
    let c = catalogs.into_iter().find(|c| c.id == cat)?;
    Some((c, c.item(item)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_catalogs_are_valid() {
        let mut diags = Diagnostics::default();
        let cats = load(&[], &mut diags);
        assert!(diags.0.is_empty(), "{:?}", diags.0);
        assert_eq!(cats.len(), 4);
        // Every quoted item carries its words; nothing untranscribed pretends to.
        for c in &cats {
            for i in &c.items {
                assert_eq!(
                    i.wording.is_some(),
                    i.wording_status != WordingStatus::NotTranscribed
                );
            }
        }
    }

    #[test]
    fn a_site_file_replaces_a_built_in_catalog_and_links_are_checked() {
        let mut diags = Diagnostics::default();
        let text = "id: cao-bcp-6\ntitle: 差し替え\nsource: {document: 文書, date: 令和7年}\nitems:\n  - id: a\n    title: 項目\n    wording_status: not-transcribed\n    related: [nowhere/x]\n";
        let cats = load(&[("content/audit/x.yaml".into(), text.into())], &mut diags);
        assert_eq!(cats.iter().filter(|c| c.id == "cao-bcp-6").count(), 1);
        let mine: Vec<_> = diags
            .0
            .iter()
            .filter(|d| d.file == "content/audit/x.yaml")
            .collect();
        assert_eq!(mine.len(), 1, "{:?}", diags.0);
        assert_eq!(mine[0].line, Some(8));
    }
}
