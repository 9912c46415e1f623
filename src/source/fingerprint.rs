//! Content fingerprints (SPEC §7): SHA-256 of what a document prints, with
//! its approval history left out so that approving does not change it.
//!
//! A fingerprint is computed from three things only:
//! - the document's own metadata without `revisions` and `reviews`
//!   ([`without_history`], [`canonical`]);
//! - its text, normalised so that invisible edits are no change
//!   ([`normalize_text`]);
//! - the [`Deps`] recorded while the document was converted: every fact it
//!   drew from elsewhere, as a typed [`Dep`] with the value that was read.
//!
//! The conversion reaches shared facts only through accessors that record
//! the dependency (`resolve::Context`, `load::imprint`), so a fact that a
//! page prints cannot be left out of the fingerprint by forgetting.
//! `docs/approval.md` lists every [`Dep`] and why it is there.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

/// Written before the hex digits of every fingerprint `approve` records
/// (`v2:…`); a bare 64-digit record was written by the first algorithm.
pub const VERSION_PREFIX: &str = "v2:";

/// Lowercase hex SHA-256 of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

/// `bytes` (a digest) as lowercase hex digits.
pub fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// What a revision's `fingerprint:` field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recorded<'a> {
    /// `v2:` and 64 hex digits: comparable with today's fingerprint.
    Current(&'a str),
    /// 64 hex digits without a prefix: recorded by the first algorithm,
    /// which hashed different parts and cannot be compared.
    Legacy(&'a str),
    /// Anything else (reported by the metadata check).
    Invalid,
}

/// Reads a recorded fingerprint.
pub fn recorded(s: &str) -> Recorded<'_> {
    let is_hex = |h: &str| {
        h.len() == 64
            && h.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    };
    match s.strip_prefix(VERSION_PREFIX) {
        Some(h) if is_hex(h) => Recorded::Current(h),
        None if is_hex(s) => Recorded::Legacy(s),
        _ => Recorded::Invalid,
    }
}

/// The text `approve` records for a fingerprint (`v2:<hex>`).
pub fn to_record(fingerprint: &str) -> String {
    format!("{VERSION_PREFIX}{fingerprint}")
}

/// Canonical JSON of a YAML value: keys sorted, so reordering fields is no
/// change; multi-line strings normalised like text ([`normalize_text`]).
pub fn canonical(v: &serde_yaml::Value) -> String {
    let json: serde_json::Value = serde_json::to_value(v).unwrap_or(serde_json::Value::Null);
    serde_json::to_string(&sorted(json)).unwrap_or_default()
}

fn sorted(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            let b: BTreeMap<String, serde_json::Value> =
                m.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            serde_json::Value::Object(b.into_iter().collect())
        }
        serde_json::Value::Array(a) => {
            serde_json::Value::Array(a.into_iter().map(sorted).collect())
        }
        // A block scalar (`description: |`) is Markdown: the same invisible
        // edits as in a body file are no change.
        serde_json::Value::String(s) if s.contains(['\n', '\r']) => {
            serde_json::Value::String(normalize_text(&s))
        }
        other => other,
    }
}

/// Metadata and data of a document minus its approval history.
pub fn without_history(v: &serde_yaml::Value) -> serde_yaml::Value {
    let mut v = v.clone();
    if let Some(m) = v.as_mapping_mut() {
        m.remove("revisions");
        m.remove("reviews");
    }
    v
}

/// Markdown text as a reader sees it: a UTF-8 BOM dropped, CRLF and CR made
/// LF, trailing whitespace dropped unless it is a hard break (two or more
/// spaces before a line that continues the paragraph, kept as exactly two),
/// trailing blank lines dropped and one final newline.
///
/// Hand-written because it follows CommonMark's one rule for hard breaks;
/// no crate normalises Markdown source without re-rendering it.
pub fn normalize_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len() + 1);
    for (i, line) in lines.iter().enumerate() {
        let kept = line.trim_end_matches([' ', '\t']);
        out.push_str(kept);
        let trailing = &line[kept.len()..];
        let next_continues = lines
            .get(i + 1)
            .is_some_and(|n| !n.trim_matches([' ', '\t']).is_empty());
        if !kept.is_empty() && trailing.ends_with("  ") && next_continues {
            out.push_str("  ");
        }
        out.push('\n');
    }
    let end = out.trim_end_matches('\n').len();
    out.truncate(end);
    out.push('\n');
    out
}

/// A role field a page may print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RoleField {
    /// The role's name (`by:` lines, succession, 担当：).
    Name,
    /// Who holds it (succession tables).
    Holder,
    /// The deputies in order (succession from a role).
    Deputies,
}

/// A field of one unit of an organisation mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum UnitField {
    /// How a role table names it.
    Label,
    /// How a structure chart names it.
    Name,
    /// The holder a structure chart prints.
    Holder,
    /// The role table's 役割の概要.
    Summary,
    /// The role table's ・ items.
    Duties,
    /// The role table's 災害対策本部との関係.
    HqRelation,
    /// The chart's line to its parent.
    ReportsTo,
}

/// A field of site.yaml a page prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SiteField {
    /// Organisation name (every PDF cover; the plan's publication block).
    OrgName,
    /// Department (every PDF cover).
    Department,
    /// Address (every PDF cover; the plan's publication block).
    Address,
    /// Phone (every PDF cover; the plan's publication block).
    Phone,
    /// Editor (the plan's publication block).
    Editor,
    /// The heading numbering style (every numbered heading's label).
    Numbering,
}

/// One fact a document draws from outside its own source file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dep {
    /// One field of a role of organization.yaml.
    Role {
        /// The role's id.
        id: String,
        /// The field read.
        field: RoleField,
    },
    /// One field of one unit of an organisation mode.
    Unit {
        /// The mode's key (normal, disaster …).
        mode: String,
        /// The unit's id.
        id: String,
        /// The field read.
        field: UnitField,
    },
    /// Which units a mode has, in order (rows of a role table, boxes of a chart).
    ModeUnits(String),
    /// A mode's title (structure charts).
    ModeTitle(String),
    /// The training table: every training's printed columns (records excluded).
    Trainings,
    /// Every glossary term and alias: which words of the text get ※.
    GlossaryWords,
    /// The printed glossary (`embed: glossary`): terms and descriptions.
    GlossaryEntries,
    /// A field of site.yaml.
    Site(SiteField),
    /// The bytes of an image under `assets/`.
    Image(String),
    /// The fingerprint of an embedded document.
    Embedded(String),
    /// The title of a referenced document (a link without text prints it).
    Title(String),
    /// The label of a referenced heading (`(1) 計画の目的と位置付け`).
    Heading {
        /// The referenced document.
        doc: String,
        /// The heading's anchor.
        anchor: String,
    },
    /// The documents `embed: documents` lists for a kind: ids and titles.
    DocumentList(String),
}

/// The dependencies of one document, each with the value that was read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deps(BTreeMap<Dep, String>);

impl Deps {
    /// Records that `dep` was read with `value`.
    pub fn record(&mut self, dep: Dep, value: impl Into<String>) {
        self.0.insert(dep, value.into());
    }
    /// Records `dep` once, computing its value only the first time (for
    /// facts read at every paragraph).
    pub fn record_once(&mut self, dep: Dep, value: impl FnOnce() -> String) {
        self.0.entry(dep).or_insert_with(value);
    }
    /// Adds every record of `other`.
    pub fn extend(&mut self, other: Deps) {
        self.0.extend(other.0);
    }
    /// The records, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = (&Dep, &String)> {
        self.0.iter()
    }
    /// Whether `dep` was recorded.
    pub fn contains(&self, dep: &Dep) -> bool {
        self.0.contains_key(dep)
    }
}

/// The fingerprint (64 hex digits) of a document's metadata, its body files
/// (`(file, first line, text)`) and its recorded dependencies.
pub fn compute(
    meta: &serde_yaml::Value,
    bodies: &[(String, usize, String)],
    deps: &Deps,
) -> String {
    let mut fp = Sha256::new();
    let mut part = |label: &str, content: &str| {
        fp.update(label.as_bytes());
        fp.update([0]);
        fp.update((content.len() as u64).to_le_bytes());
        fp.update(content.as_bytes());
    };
    part("meta", &canonical(&without_history(meta)));
    for (file, _, text) in bodies {
        // The file name relative to the document, so moving the folder is no change.
        let name = file.rsplit('/').next().unwrap_or(file);
        part(&format!("body:{name}"), &normalize_text(text));
    }
    for (dep, value) in deps.iter() {
        part(&format!("{dep:?}"), value);
    }
    to_hex(&fp.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_edits_normalise_away_and_hard_breaks_stay() {
        let base = normalize_text("a\nb\n\nc\n");
        assert_eq!(normalize_text("\u{feff}a\r\nb\r\n\r\nc"), base);
        assert_eq!(normalize_text("a \nb\t\n\nc  \n\n\n"), base);
        assert_eq!(normalize_text("a\rb\r\rc\r"), base);
        // Two spaces before a continuing line print a line break.
        assert_ne!(normalize_text("a  \nb\n\nc\n"), base);
        assert_eq!(
            normalize_text("a    \r\nb\n\nc\n"),
            normalize_text("a  \nb\n\nc\n")
        );
    }

    #[test]
    fn records_are_versioned() {
        let h = "0".repeat(64);
        assert_eq!(recorded(&to_record(&h)), Recorded::Current(&h));
        assert_eq!(recorded(&h), Recorded::Legacy(&h));
        assert_eq!(recorded("v2:abc"), Recorded::Invalid);
    }
}
