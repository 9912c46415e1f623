//! `bcpgen approve` and `bcpgen review`: record an approval (a new revision
//! with the content fingerprint) or a review without change, in the
//! document's own source file, touching nothing else in it.

mod text;

use std::path::{Path, PathBuf};

use bcpgen::diag::Diagnostics;
use bcpgen::model::{Approval, Date, Document, Edition, Role, Site};
use bcpgen::source::frontmatter;

/// Why a command stopped: invalid sources (printed as diagnostics) or one message.
pub enum Failure {
    Sources(Diagnostics),
    Message(String),
}

impl From<String> for Failure {
    fn from(m: String) -> Self {
        Failure::Message(m)
    }
}

pub struct ApproveArgs<'a> {
    pub content: &'a Path,
    pub id: &'a str,
    pub approver: &'a str,
    pub version: &'a str,
    pub summary: &'a str,
    pub date: Date,
}

pub struct ReviewArgs<'a> {
    pub content: &'a Path,
    pub id: &'a str,
    pub reviewer: &'a str,
    pub result: &'a str,
    pub date: Date,
}

/// What was written, for the message to the user.
pub struct Recorded {
    pub file: PathBuf,
    pub title: String,
    pub fingerprint: String,
}

fn load_all(content: &Path, today: Date) -> Result<Site, Failure> {
    let shown = content.display().to_string();
    // Every document, whatever its classification: approving is not an edition.
    let opts = bcpgen::LoadOptions {
        content,
        shown: &shown,
        today,
        edition: Edition::Staff,
    };
    bcpgen::load(&opts)
        .map(|l| l.site)
        .map_err(Failure::Sources)
}

fn find<'a>(site: &'a Site, id: &str) -> Result<&'a Document, Failure> {
    site.document(id).ok_or_else(|| {
        let ids: Vec<&str> = site.documents.iter().map(|d| d.id.as_str()).collect();
        Failure::Message(format!(
            "文書「{id}」がありません（ある文書: {}）",
            ids.join(", ")
        ))
    })
}

/// The file that holds the document's metadata, on disk.
fn source_path(content: &Path, doc: &Document) -> PathBuf {
    doc.source.in_folder(content)
}

/// Applies `edit` to the metadata YAML of a file (front matter or the whole
/// YAML file) and returns the whole new file text.
fn edit_metadata(
    path: &Path,
    original: &str,
    edit: impl Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    let is_md = path.extension().is_some_and(|e| e == "md");
    if !is_md {
        return edit(original);
    }
    let split = frontmatter::split(original);
    let yaml = split.yaml.ok_or_else(|| {
        format!(
            "{}: メタデータ（--- で囲んだ部分）がありません",
            path.display()
        )
    })?;
    // `yaml` is a slice of `original`: its offset tells where to splice.
    let start = yaml.as_ptr() as usize - original.as_ptr() as usize;
    let end = start + yaml.len();
    let new_yaml = edit(yaml)?;
    Ok(format!(
        "{}{}{}",
        &original[..start],
        new_yaml,
        &original[end..]
    ))
}

fn metadata_value(path: &Path, text: &str) -> Result<serde_yaml::Value, String> {
    let is_md = path.extension().is_some_and(|e| e == "md");
    let yaml = if is_md {
        frontmatter::split(text).yaml.unwrap_or("")
    } else {
        text
    };
    serde_yaml::from_str(yaml).map_err(|e| {
        let why = bcpgen::source::yaml_ja::syntax_message(&e.to_string());
        format!("{}: {why}", path.display())
    })
}

/// Appends `fields` to the list `key` of the document's metadata, checks
/// that the file now reads as before plus exactly that item, and writes it.
fn append_to_file(path: &Path, key: &str, fields: &[(&str, String)]) -> Result<String, String> {
    let original = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{} を読めません（{}）",
            path.display(),
            bcpgen::diag::io_reason(&e)
        )
    })?;
    let sibling = (key != "revisions").then_some("revisions");
    let updated = edit_metadata(path, &original, |y| {
        text::append_item(y, key, sibling, fields)
    })?;

    // The text edit must mean exactly "one more item": compare parsed values.
    let mut expected = metadata_value(path, &original)?;
    let item: serde_yaml::Mapping = fields
        .iter()
        .map(|(k, v)| {
            (
                serde_yaml::Value::from(*k),
                serde_yaml::Value::from(v.as_str()),
            )
        })
        .collect();
    let map = expected
        .as_mapping_mut()
        .ok_or("メタデータが「項目: 値」の組ではありません")?;
    let list = map
        .entry(serde_yaml::Value::from(key))
        .or_insert_with(|| serde_yaml::Value::Sequence(vec![]));
    match list {
        serde_yaml::Value::Sequence(items) => items.push(serde_yaml::Value::Mapping(item)),
        serde_yaml::Value::Null => {
            *list = serde_yaml::Value::Sequence(vec![serde_yaml::Value::Mapping(item)])
        }
        _ => return Err(format!("{}: {key} がリストではありません", path.display())),
    }
    if metadata_value(path, &updated)? != expected {
        return Err(format!(
            "{}: {key} の書き方を安全に書き換えられませんでした。手で追記してください",
            path.display()
        ));
    }
    write_atomically(path, &updated)?;
    Ok(original)
}

/// Through a symlinked source to its file, keeping the file's mode.
fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    bcpgen::output::replace::replace_file(path, text.as_bytes())
}

/// The role `id` of organization.yaml, or an error listing the roles there.
fn known_role<'s>(site: &'s Site, id: &str, what: &str) -> Result<&'s Role, Failure> {
    site.org.role(id).ok_or_else(|| {
        let roles: Vec<&str> = site.org.roles.iter().map(|r| r.id.as_str()).collect();
        format!(
            "{what}「{id}」は organization.yaml にない役割です（ある役割: {}）",
            roles.join(", ")
        )
        .into()
    })
}

/// Records a new approved revision with the current content fingerprint.
pub fn approve(a: &ApproveArgs) -> Result<Recorded, Failure> {
    let site = load_all(a.content, a.date)?;
    let doc = find(&site, a.id)?;
    let role = known_role(&site, a.approver, "承認者")?;
    if let Some(required) = site.config.approver_for(doc.kind) {
        if required.id != role.id {
            return Err(format!(
                "文書「{}」（{}）の承認者は {}（{}）です。{}（{}）は承認できません（site.yaml の approval）",
                doc.title,
                doc.kind.as_str(),
                required.name,
                required.id,
                role.name,
                role.id
            )
            .into());
        }
    }
    let version = a.version.trim();
    if version.is_empty() || a.summary.trim().is_empty() {
        return Err("--version と --summary には文字を入れてください"
            .to_string()
            .into());
    }
    if doc.revisions.iter().any(|r| r.version == version) {
        return Err(format!(
            "版「{version}」は文書「{}」にすでにあります。新しい版の名前を指定してください",
            doc.id
        )
        .into());
    }
    // An approval dated before the latest revision never gets here: the
    // site is loaded with the approval date as today, and the loader refuses
    // a revision or review dated after today, naming its file and line.
    let path = source_path(a.content, doc);
    let fields = [
        ("version", version.to_string()),
        ("date", a.date.iso()),
        ("approver", role.id.clone()),
        ("summary", a.summary.trim().to_string()),
        (
            "fingerprint",
            bcpgen::source::fingerprint::to_record(&doc.fingerprint),
        ),
    ];
    // Read the site again: the new revision must load and match the content.
    record(a.content, a.date, a.id, &path, "revisions", &fields, |d| {
        d.approval == Approval::Approved && d.latest().version == version
    })?;
    Ok(Recorded {
        file: path,
        title: doc.title.clone(),
        fingerprint: doc.fingerprint.clone(),
    })
}

/// Appends `fields` to the list `key` of the source file, then reads the
/// site again and restores the file unless the document now passes `holds`.
fn record(
    content: &Path,
    date: Date,
    id: &str,
    path: &Path,
    key: &str,
    fields: &[(&str, String)],
    holds: impl Fn(&Document) -> bool,
) -> Result<(), Failure> {
    let what = if key == "reviews" {
        "見直し"
    } else {
        "承認"
    };
    let original = append_to_file(path, key, fields)?;
    if load_all(content, date)
        .ok()
        .and_then(|s| s.document(id).map(&holds))
        != Some(true)
    {
        let _ = write_atomically(path, &original);
        return Err(format!(
            "{}: {what}を記録した後の読み込みで確認できなかったため、元に戻しました",
            path.display()
        )
        .into());
    }
    Ok(())
}

/// Records a review without change (counts for the yearly cycle).
pub fn review(a: &ReviewArgs) -> Result<Recorded, Failure> {
    let site = load_all(a.content, a.date)?;
    let doc = find(&site, a.id)?;
    let role = known_role(&site, a.reviewer, "見直しをした役割")?;
    if doc.approval == Approval::Changed {
        return Err(format!(
            "文書「{}」（{}）には未承認の変更があります。変更を含む見直しは bcpgen approve で新しい版として承認してください",
            doc.title, doc.id
        )
        .into());
    }
    if a.result.trim().is_empty() {
        return Err("--result には見直しの結果を書いてください"
            .to_string()
            .into());
    }
    // As in `approve`: an earlier review or revision stops the load first.
    let path = source_path(a.content, doc);
    let mut fields = vec![
        ("date", a.date.iso()),
        ("reviewer", role.id.clone()),
        ("result", a.result.trim().to_string()),
    ];
    // A review confirms the content: one of a document approved under the
    // old fingerprint algorithm records the current fingerprint, which
    // refreshes its state (docs/approval.md).
    let refresh = doc.approval == Approval::Legacy;
    if refresh {
        fields.push((
            "fingerprint",
            bcpgen::source::fingerprint::to_record(&doc.fingerprint),
        ));
    }
    record(a.content, a.date, a.id, &path, "reviews", &fields, |d| {
        d.last_reviewed() == a.date && (!refresh || d.approval == Approval::Approved)
    })?;
    Ok(Recorded {
        file: path,
        title: doc.title.clone(),
        fingerprint: doc.fingerprint.clone(),
    })
}

/// A YAML scalar for a block context (plain when safe, else double-quoted).
pub fn yaml_scalar(s: &str) -> String {
    text::scalar(s, false)
}
