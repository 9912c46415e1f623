//! Document metadata (SPEC §2): front matter or the top of a YAML document,
//! checked field by field.

use super::config::{date, valid_id};
use super::data_type::DataType;
use super::files::DocumentFiles;
use super::frontmatter;
use super::raw::{MetaYaml, META_KEYS};
use super::yaml::{self, typed, Yaml};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;

/// One document's sources with checked metadata, before its text is converted.
#[derive(Clone)]
pub struct DocSource {
    /// The document's id.
    pub id: String,
    /// The title.
    pub title: String,
    /// The kind.
    pub kind: Kind,
    /// The incident type it belongs to.
    pub incident: Option<String>,
    /// How widely it may be shared (`classification:`).
    pub classification: Classification,
    /// Where it sorts among documents of its kind and incident; 0 when absent.
    pub order: i64,
    /// Never empty: a document without a revision is refused here.
    pub revisions: Revisions,
    /// The reviews without changes.
    pub reviews: Vec<Review>,
    /// Its own review interval in months; None: site.yaml's.
    pub review_interval_months: Option<u32>,
    /// Whether it is sample content.
    pub sample: bool,
    /// A one-line description.
    pub description: Option<String>,
    /// The metadata YAML (front matter, or the whole YAML document).
    pub yaml: Yaml,
    /// Where the document lives, relative to the content folder.
    pub rel: String,
    /// The file holding the metadata, relative to the content folder.
    pub meta_rel: String,
    /// Markdown bodies in reading order: (file shown, first line, text).
    pub bodies: Vec<(String, usize, String)>,
    /// For YAML documents, the structured type.
    pub data_type: Option<DataType>,
}

fn err(y: &Yaml, field: &str, value: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(&y.file, message)
        .at(y.lines.line(field))
        .field(field)
        .value(value)
}

/// Reads one document's metadata. `None` when it cannot be used at all.
/// The `id` a document's metadata declares, when it can be read at all: a
/// document whose metadata failed is still named by it, so references to it
/// are not reported a second time as references to nothing.
pub fn declared_id(files: &DocumentFiles) -> Option<String> {
    let text = match files {
        DocumentFiles::Folder { index: f, .. } | DocumentFiles::Markdown(f) => {
            frontmatter::split(&f.text).yaml?
        }
        DocumentFiles::Yaml(f) => &f.text,
    };
    let v: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    v.get("id")?.as_str().map(str::to_string)
}

/// Reads and checks one document's metadata; None after an error, which is pushed to `diags`.
pub fn read(
    files: &DocumentFiles,
    org: &Organization,
    config: &SiteConfig,
    today: Date,
    diags: &mut Diagnostics,
) -> Option<DocSource> {
    let main = files.main_file();
    let (y, bodies, data_type) = match files {
        DocumentFiles::Folder { index, chapters } => {
            let split = frontmatter::split(&index.text);
            let Some(text) = split.yaml else {
                diags.push(Diagnostic::error(&index.display, "_index.md の先頭に --- で囲んだメタデータ（id, title, kind, revisions）が必要です").at(Some(1)));
                return None;
            };
            let y = yaml::parse(text, &index.display, split.yaml_line)
                .map_err(|d| diags.push(d))
                .ok()?;
            let mut bodies = vec![(
                index.display.clone(),
                split.body_line,
                split.body.to_string(),
            )];
            for c in chapters {
                let s = frontmatter::split(&c.text);
                if s.yaml.is_some() {
                    diags.push(Diagnostic::warning(&c.display, "章のファイルのメタデータは使われません（文書のメタデータは _index.md に書きます）").at(Some(1)));
                }
                bodies.push((c.display.clone(), s.body_line, s.body.to_string()));
            }
            (y, bodies, None)
        }
        DocumentFiles::Markdown(f) => {
            let split = frontmatter::split(&f.text);
            let Some(text) = split.yaml else {
                diags.push(Diagnostic::error(&f.display, "Markdown の文書の先頭に --- で囲んだメタデータ（id, title, kind, revisions）が必要です").at(Some(1)));
                return None;
            };
            let y = yaml::parse(text, &f.display, split.yaml_line)
                .map_err(|d| diags.push(d))
                .ok()?;
            (
                y,
                vec![(f.display.clone(), split.body_line, split.body.to_string())],
                None,
            )
        }
        DocumentFiles::Yaml(f) => {
            let y = yaml::parse(&f.text, &f.display, 1)
                .map_err(|d| diags.push(d))
                .ok()?;
            let ty = y
                .value
                .get("type")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            let types = DataType::names().join(", ");
            match ty {
                Some(t) if DataType::parse(&t).is_some() => (y, vec![], DataType::parse(&t)),
                Some(t) => {
                    diags.push(err(
                        &y,
                        "type",
                        &t,
                        format!("知らない資料の種類です（使える種類: {types}）"),
                    ));
                    return None;
                }
                None => {
                    diags.push(
                        Diagnostic::error(
                            &y.file,
                            format!("YAML の文書には type:（{types}）が必要です"),
                        )
                        .at(Some(1))
                        .field("type"),
                    );
                    return None;
                }
            }
        }
    };
    let Some(map) = y.value.as_mapping() else {
        diags.push(
            Diagnostic::error(&y.file, "メタデータは「項目: 値」の組で書いてください")
                .at(y.lines.line("")),
        );
        return None;
    };
    // Split metadata from type data: serde refuses unknown metadata fields,
    // the type's own fields are checked when the data is converted.
    let mut meta_map = serde_yaml::Mapping::new();
    for (k, v) in map {
        let key = k.as_str().unwrap_or_default();
        if META_KEYS.contains(&key) || data_type.is_none() {
            meta_map.insert(k.clone(), v.clone());
        }
    }
    let raw: MetaYaml = typed(&y, &serde_yaml::Value::Mapping(meta_map), "")
        .map_err(|d| diags.push(d))
        .ok()?;
    let before = diags.errors().count();

    if !valid_id(&raw.id) {
        diags.push(err(
            &y,
            "id",
            &raw.id,
            format!(
                "id は英小文字・数字・ハイフンで、{} 文字までで書いてください（出力のファイル名になります）",
                super::config::MAX_ID_CHARS
            ),
        ));
    }
    if crate::render::names::RESERVED_IDS.contains(&raw.id.as_str()) {
        diags.push(err(
            &y,
            "id",
            &raw.id,
            "この id は bcpgen が使う名前と重なります",
        ));
    }
    let kind = Kind::parse(&raw.kind);
    if kind.is_none() {
        diags.push(err(
            &y,
            "kind",
            &raw.kind,
            "kind は plan, manual, list, procedure, diagram, form, guide のどれかです",
        ));
    }
    if let Some(inc) = &raw.incident {
        if config.incidents.iter().all(|i| &i.id != inc) {
            let known: Vec<&str> = config.incidents.iter().map(|i| i.id.as_str()).collect();
            diags.push(err(
                &y,
                "incident",
                inc,
                format!("知らない事象です（使える事象: {}）", known.join(", ")),
            ));
        }
    } else if kind == Some(Kind::Manual) {
        diags.push(
            Diagnostic::error(
                &y.file,
                "マニュアル（kind: manual）には incident: が必要です",
            )
            .at(y.lines.line("kind"))
            .field("incident"),
        );
    }
    let classification = match raw.classification.as_deref() {
        None if kind == Some(Kind::Plan) => Classification::Public,
        None => Classification::Internal,
        Some(c) => Classification::parse(c).unwrap_or_else(|| {
            diags.push(err(
                &y,
                "classification",
                c,
                "classification は public, internal, confidential のどれかです",
            ));
            Classification::Internal
        }),
    };
    if raw.revisions.is_empty() {
        diags.push(
            Diagnostic::error(&y.file, "revisions には少なくとも1つの版が必要です")
                .at(y.lines.line("revisions"))
                .field("revisions"),
        );
    }
    let mut revisions: Vec<Revision> = Vec::new();
    for (i, r) in raw.revisions.iter().enumerate() {
        let at = format!("revisions[{i}]");
        let d = date(&y, &format!("{at}.date"), &r.date, today, diags);
        if revisions.iter().any(|x| x.version == r.version) {
            diags.push(err(
                &y,
                &format!("{at}.version"),
                &r.version,
                "版の名前が文書内で重複しています",
            ));
        }
        let approver = match org.role(&r.approver) {
            Some(role) => Some(role.to_ref()),
            None => {
                diags.push(err(
                    &y,
                    &format!("{at}.approver"),
                    &r.approver,
                    "organization.yaml にない役割です",
                ));
                None
            }
        };
        if let (Some(a), Some(k)) = (&approver, kind) {
            if let Some(required) = config.approver_for(k) {
                if required.id() != a.id() {
                    diags.push(err(
                        &y,
                        &format!("{at}.approver"),
                        &r.approver,
                        format!(
                            "この種類（{}）の文書の承認者は {}（{}）です（site.yaml の approval）",
                            k.as_str(),
                            required.name(),
                            required.id()
                        ),
                    ));
                }
            }
        }
        if let Some(fp) = &r.fingerprint {
            if crate::source::fingerprint::recorded(fp)
                == crate::source::fingerprint::Recorded::Invalid
            {
                diags.push(err(
                    &y,
                    &format!("{at}.fingerprint"),
                    fp,
                    "fingerprint は「v2:」と SHA-256 の16進64桁（小文字）です（v2: のない64桁は以前の方式の記録として読みます）",
                ));
            }
        }
        if let (Some(d), Some(prev)) = (d, revisions.last()) {
            if d < prev.date {
                diags.push(err(
                    &y,
                    &format!("{at}.date"),
                    &r.date,
                    format!("版は古い順に書いてください（前の版は {}）", prev.date.iso()),
                ));
            }
        }
        if let (Some(date), Some(approver)) = (d, approver) {
            revisions.push(Revision {
                version: r.version.clone(),
                date,
                approver,
                summary: r.summary.clone(),
                fingerprint: r.fingerprint.clone(),
            });
        }
    }
    let mut reviews = Vec::new();
    for (i, r) in raw.reviews.iter().enumerate() {
        let at = format!("reviews[{i}]");
        let d = date(&y, &format!("{at}.date"), &r.date, today, diags);
        let reviewer = match org.role(&r.reviewer) {
            Some(role) => Some(role.to_ref()),
            None => {
                diags.push(err(
                    &y,
                    &format!("{at}.reviewer"),
                    &r.reviewer,
                    "organization.yaml にない役割です",
                ));
                None
            }
        };
        if let Some(fp) = &r.fingerprint {
            let recorded = crate::source::fingerprint::recorded(fp);
            if !matches!(recorded, crate::source::fingerprint::Recorded::Current(_)) {
                diags.push(err(
                    &y,
                    &format!("{at}.fingerprint"),
                    fp,
                    "見直しの fingerprint は「v2:」と SHA-256 の16進64桁（小文字）です",
                ));
            }
        }
        if let (Some(date), Some(reviewer)) = (d, reviewer) {
            reviews.push(Review {
                date,
                reviewer,
                result: r.result.clone(),
                fingerprint: r.fingerprint.clone(),
            });
        }
    }
    if let Some(n) = raw.review_interval_months {
        if let Some(m) = crate::model::date::interval_error(n) {
            diags.push(err(&y, "review_interval_months", &n.to_string(), m));
        }
    }
    if diags.errors().count() > before {
        return None;
    }
    let revisions = Revisions::new(revisions)?;
    let rel = match files {
        DocumentFiles::Folder { index, .. } => index.rel.trim_end_matches("_index.md").to_string(),
        _ => main.rel.clone(),
    };
    Some(DocSource {
        id: raw.id,
        title: raw.title,
        kind: kind?,
        incident: raw.incident,
        classification,
        order: raw.order.unwrap_or(0),
        revisions,
        reviews,
        review_interval_months: raw.review_interval_months,
        sample: raw.sample,
        description: raw.description,
        yaml: y,
        rel,
        meta_rel: main.rel.clone(),
        bodies,
        data_type,
    })
}
