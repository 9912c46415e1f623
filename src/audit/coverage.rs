//! `content/coverage.yaml`: the site's own statement of which section covers
//! which catalog item, and how. It is the authority: the audit checks each
//! declaration (item, document, anchor, edition, staleness) but never adds
//! coverage of its own.

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::yaml::{self, typed, Yaml};

/// How a declared section covers an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum How {
    /// Partly: the note should say what is missing.
    Partial,
    /// The section points to a manual or list that covers it.
    ByReference,
    /// Wholly.
    Full,
}

impl How {
    fn parse(s: &str) -> Option<How> {
        Some(match s {
            "full" => How::Full,
            "partial" => How::Partial,
            "by-reference" => How::ByReference,
            _ => return None,
        })
    }
    /// The status label an item covered this way shows.
    pub fn label(self) -> &'static str {
        match self {
            How::Full => "対応",
            How::Partial => "一部対応",
            How::ByReference => "別資料で対応",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryYaml {
    item: String,
    doc: Option<String>,
    anchor: Option<String>,
    how: Option<String>,
    note: Option<String>,
    out_of_scope: Option<String>,
}

/// What one entry says, its fields checked for shape (references are
/// checked against the catalogs and the site by the caller).
pub enum Claim {
    /// The item is covered by a document or one of its sections.
    Covers {
        /// The covering document's id.
        doc: String,
        /// A heading anchor in it (None: the whole document).
        anchor: Option<String>,
        /// How fully the section covers the item.
        how: How,
        /// The declaration's note.
        note: Option<String>,
    },
    /// The item is out of scope, for the reason given.
    OutOfScope(String),
}

/// One entry of coverage.yaml with the lines its fields were written on.
pub struct Entry {
    /// `catalog/item` as written.
    pub item: String,
    /// What the entry declares.
    pub claim: Claim,
    /// `[3]` — the entry's path, for field names in messages.
    pub path: String,
}

/// The parsed file: its entries, and the YAML for lines.
pub struct Coverage {
    /// The entries in file order.
    pub entries: Vec<Entry>,
    /// The parsed YAML, kept for the lines of fields.
    pub yaml: Yaml,
}

impl Coverage {
    /// An error at `field` of entry `e`.
    pub fn error(&self, e: &Entry, field: &str, value: &str, m: impl Into<String>) -> Diagnostic {
        self.at(Diagnostic::error(&self.yaml.file, m), e, field, value)
    }
    /// A warning at `field` of entry `e`.
    pub fn warning(&self, e: &Entry, field: &str, value: &str, m: impl Into<String>) -> Diagnostic {
        self.at(Diagnostic::warning(&self.yaml.file, m), e, field, value)
    }
    fn at(&self, d: Diagnostic, e: &Entry, field: &str, value: &str) -> Diagnostic {
        let path = format!("{}.{field}", e.path);
        d.at(self.yaml.lines.line(&path)).field(path).value(value)
    }
}

/// Parses coverage.yaml (a list of entries); entries whose shape is wrong
/// are reported and left out.
pub fn parse(file: &str, text: &str, diags: &mut Diagnostics) -> Option<Coverage> {
    let y = match yaml::parse(text, file, 1) {
        Ok(y) => y,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    // An empty file declares nothing.
    let raw: Vec<EntryYaml> = if y.value.is_null() {
        Vec::new()
    } else {
        match typed(&y, &y.value, "") {
            Ok(r) => r,
            Err(d) => {
                diags.push(d);
                return None;
            }
        }
    };
    let mut entries = Vec::new();
    for (i, r) in raw.into_iter().enumerate() {
        let path = format!("[{i}]");
        let err = |field: &str, value: &str, m: &str| {
            let p = format!("{path}.{field}");
            Diagnostic::error(file, m)
                .at(y.lines.line(&p))
                .field(p)
                .value(value)
        };
        let claim = match (r.doc, r.out_of_scope) {
            (Some(_), Some(reason)) => {
                diags.push(err(
                    "out_of_scope",
                    &reason,
                    "doc（対応箇所）と out_of_scope（対象外の理由）は同じ項目に書けません。どちらか一方にしてください",
                ));
                continue;
            }
            (None, None) => {
                diags.push(err(
                    "item",
                    &r.item,
                    "doc（対応する文書）か out_of_scope（対象外の理由）のどちらかが必要です",
                ));
                continue;
            }
            (None, Some(reason)) => {
                if reason.trim().is_empty() {
                    diags.push(err(
                        "out_of_scope",
                        &reason,
                        "対象外とする理由を書いてください",
                    ));
                    continue;
                }
                for (f, v) in [("anchor", &r.anchor), ("how", &r.how), ("note", &r.note)] {
                    if let Some(v) = v {
                        diags.push(err(
                            f,
                            v,
                            "out_of_scope（対象外）の項目には書けません（理由は out_of_scope に書いてください）",
                        ));
                    }
                }
                Claim::OutOfScope(reason.trim().to_string())
            }
            (Some(doc), None) => {
                let how = match r.how.as_deref().map(|h| (h, How::parse(h))) {
                    Some((_, Some(h))) => h,
                    Some((h, None)) => {
                        diags.push(err(
                            "how",
                            h,
                            "how は full（対応）、partial（一部対応）、by-reference（別資料で対応）のどれかです",
                        ));
                        continue;
                    }
                    None => {
                        diags.push(err(
                            "doc",
                            &doc,
                            "how（full、partial、by-reference のどれか）が必要です",
                        ));
                        continue;
                    }
                };
                Claim::Covers {
                    doc,
                    anchor: r.anchor,
                    how,
                    note: r.note.filter(|n| !n.trim().is_empty()),
                }
            }
        };
        entries.push(Entry {
            item: r.item,
            claim,
            path,
        });
    }
    Some(Coverage { entries, yaml: y })
}
