//! `bcpgen approve` and `bcpgen review`: record an approval (a new revision
//! with the content fingerprint) or a review without change, in the
//! document's own source file, touching nothing else in it.

mod text;

use std::path::{Path, PathBuf};

use bcpgen::diag::{Diagnostic, Diagnostics};
use bcpgen::model::{Approval, Date, Document, Edition, Role, Site};
use bcpgen::source::frontmatter;

/// What `bcpgen approve` was asked for.
pub struct ApproveArgs<'a> {
    /// The content folder (`--content`).
    pub content: &'a Path,
    /// The document to approve.
    pub id: &'a str,
    /// The approving role's id (`--approver`).
    pub approver: &'a str,
    /// The new version's name (`--version`).
    pub version: &'a str,
    /// What changed (`--summary`).
    pub summary: &'a str,
    /// The approval date (`--date` or today).
    pub date: Date,
}

/// What `bcpgen review` was asked for.
pub struct ReviewArgs<'a> {
    /// The content folder (`--content`).
    pub content: &'a Path,
    /// The document reviewed.
    pub id: &'a str,
    /// The reviewing role's id (`--reviewer`).
    pub reviewer: &'a str,
    /// The review's result (`--result`).
    pub result: &'a str,
    /// The review date (`--date` or today).
    pub date: Date,
}

/// What was written, for the message to the user.
pub struct Recorded {
    /// The source file that now holds the record.
    pub file: PathBuf,
    /// The document's title.
    pub title: String,
    /// The fingerprint of the approved content.
    pub fingerprint: String,
}

/// One failure of `approve` or `review`, as the diagnostics they return.
fn fail(message: impl Into<String>) -> Diagnostics {
    Diagnostic::failure(message).into()
}

/// The whole site; invalid sources stop the command, saying so last.
fn load_all(content: &Path, today: Date) -> Result<Site, Diagnostics> {
    let shown = content.display().to_string();
    // Every document, whatever its classification: approving is not an edition.
    let opts = bcpgen::LoadOptions {
        content,
        shown: &shown,
        today,
        edition: Edition::Staff,
    };
    bcpgen::load(&opts).map(|l| l.site).map_err(|mut d| {
        d.push(Diagnostic::failure(format!(
            "ソースにエラーが {} 件あるため記録できません",
            d.errors().count()
        )));
        d
    })
}

fn find<'a>(site: &'a Site, id: &str) -> Result<&'a Document, Diagnostics> {
    site.document(id).ok_or_else(|| {
        let ids: Vec<&str> = site.documents.iter().map(|d| d.id.as_str()).collect();
        fail(format!(
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
    edit: impl Fn(&str) -> Result<String, Diagnostic>,
) -> Result<String, Diagnostic> {
    let is_md = path.extension().is_some_and(|e| e == "md");
    if !is_md {
        return edit(original);
    }
    let split = frontmatter::split(original);
    let yaml = split.yaml.ok_or_else(|| {
        Diagnostic::failure(format!(
            "{}: メタデータ（--- で囲んだ部分）がありません",
            path.display()
        ))
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

fn metadata_value(path: &Path, text: &str) -> Result<serde_yaml::Value, Diagnostic> {
    let is_md = path.extension().is_some_and(|e| e == "md");
    let yaml = if is_md {
        frontmatter::split(text).yaml.unwrap_or("")
    } else {
        text
    };
    serde_yaml::from_str(yaml).map_err(|e| {
        let why = bcpgen::source::yaml_ja::syntax_message(&e.to_string());
        Diagnostic::failure(format!("{}: {why}", path.display()))
    })
}

/// Appends `fields` to the list `key` of the document's metadata, checks
/// that the file now reads as before plus exactly that item, and writes it.
fn append_to_file(path: &Path, key: &str, fields: &[(&str, String)]) -> Result<String, Diagnostic> {
    let original =
        std::fs::read_to_string(path).map_err(|e| Diagnostic::io(path, "読めません", &e))?;
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
        .ok_or_else(|| Diagnostic::failure("メタデータが「項目: 値」の組ではありません"))?;
    let list = map
        .entry(serde_yaml::Value::from(key))
        .or_insert_with(|| serde_yaml::Value::Sequence(vec![]));
    match list {
        serde_yaml::Value::Sequence(items) => items.push(serde_yaml::Value::Mapping(item)),
        serde_yaml::Value::Null => {
            *list = serde_yaml::Value::Sequence(vec![serde_yaml::Value::Mapping(item)])
        }
        _ => {
            return Err(Diagnostic::failure(format!(
                "{}: {key} がリストではありません",
                path.display()
            )))
        }
    }
    if metadata_value(path, &updated)? != expected {
        return Err(Diagnostic::failure(format!(
            "{}: {key} の書き方を安全に書き換えられませんでした。手で追記してください",
            path.display()
        )));
    }
    write_atomically(path, &updated)?;
    Ok(original)
}

/// Through a symlinked source to its file, keeping the file's mode.
fn write_atomically(path: &Path, text: &str) -> Result<(), Diagnostic> {
    bcpgen::output::replace::replace_file(path, text.as_bytes())
}

/// The role `id` of organization.yaml, or an error listing the roles there.
fn known_role<'s>(site: &'s Site, id: &str, what: &str) -> Result<&'s Role, Diagnostics> {
    site.org.role(id).ok_or_else(|| {
        let roles: Vec<&str> = site.org.roles.iter().map(|r| r.id.as_str()).collect();
        fail(format!(
            "{what}「{id}」は organization.yaml にない役割です（ある役割: {}）",
            roles.join(", ")
        ))
    })
}

/// Records a new approved revision with the current content fingerprint.
pub fn approve(a: &ApproveArgs) -> Result<Recorded, Diagnostics> {
    let site = load_all(a.content, a.date)?;
    let doc = find(&site, a.id)?;
    let role = known_role(&site, a.approver, "承認者")?;
    if let Some(required) = site.config.approver_for(doc.kind) {
        if required.id() != role.id {
            return Err(fail(format!(
                "文書「{}」（{}）の承認者は {}（{}）です。{}（{}）は承認できません（site.yaml の approval）",
                doc.title,
                doc.kind.as_str(),
                required.name(),
                required.id(),
                role.name,
                role.id
            )));
        }
    }
    let version = a.version.trim();
    if version.is_empty() || a.summary.trim().is_empty() {
        return Err(fail("--version と --summary には文字を入れてください"));
    }
    if doc.revisions.iter().any(|r| r.version == version) {
        return Err(fail(format!(
            "版「{version}」は文書「{}」にすでにあります。新しい版の名前を指定してください",
            doc.id
        )));
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
) -> Result<(), Diagnostics> {
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
        // A failed restore must be said: the file now holds an unconfirmed record.
        return Err(fail(match write_atomically(path, &original) {
            Ok(()) => format!(
                "{}: {what}を記録した後の読み込みで確認できなかったため、元に戻しました",
                path.display()
            ),
            Err(e) => format!(
                "{}: {what}を記録した後の読み込みで確認できず、元に戻すこともできませんでした（{}）。追記した項目を手で消してください",
                path.display(),
                e.message
            ),
        }));
    }
    Ok(())
}

/// Records a review without change (counts for the yearly cycle).
pub fn review(a: &ReviewArgs) -> Result<Recorded, Diagnostics> {
    let site = load_all(a.content, a.date)?;
    let doc = find(&site, a.id)?;
    let role = known_role(&site, a.reviewer, "見直しをした役割")?;
    if doc.approval == Approval::Changed {
        return Err(fail(format!(
            "文書「{}」（{}）には未承認の変更があります。変更を含む見直しは bcpgen approve で新しい版として承認してください",
            doc.title, doc.id
        )));
    }
    if a.result.trim().is_empty() {
        return Err(fail("--result には見直しの結果を書いてください"));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the approval fixture site; its `content/` folder.
    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/approval-site");
        for e in walkdir::WalkDir::new(&from) {
            let e = e.unwrap();
            let to = dir.path().join(e.path().strip_prefix(&from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(e.path(), &to).unwrap();
            }
        }
        let content = dir.path().join("content");
        (dir, content)
    }

    #[test]
    fn a_restore_that_fails_is_said_not_dropped() {
        let (_dir, content) = site();
        let path = content.join("plan/_index.md");
        let date = Date::parse_iso("2026-11-26").unwrap();
        let fields = [
            ("date", date.iso()),
            ("reviewer", "it-director".to_string()),
            ("result", "変更の必要なし".to_string()),
        ];
        // The check after writing fails, and by then the file has become a
        // folder with something in it: putting the old text back must fail.
        let sabotage = |_: &Document| {
            std::fs::remove_file(&path).unwrap();
            std::fs::create_dir(&path).unwrap();
            std::fs::write(path.join("x"), "x").unwrap();
            false
        };
        let e = record(&content, date, "plan", &path, "reviews", &fields, sabotage).unwrap_err();
        let m = &e.0.last().unwrap().message;
        assert!(
            m.contains("元に戻すこともできませんでした") && m.contains("手で消してください"),
            "{m}"
        );
        assert!(!m.contains("元に戻しました"), "{m}");
    }
}
