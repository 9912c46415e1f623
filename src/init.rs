//! `bcpgen init DIR` (a new site from the skeleton built into the binary)
//! and `bcpgen new KIND ID` (one document from a template).
//!
//! The skeleton's files carry `{{date}}` and `{{fingerprint}}`; documents
//! are written first with a placeholder fingerprint, then the site is
//! loaded and each placeholder replaced by the document's real
//! fingerprint, so a fresh site starts 承認済 and every later edit shows
//! as 「未承認の変更あり」 until it is approved.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use bcpgen::diag::{Diagnostic, Diagnostics};
use bcpgen::model::{Date, Edition, Kind};
use bcpgen::theme::Theme;

static SKELETON: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/skeleton");

/// Written where the real fingerprint is not known yet (valid syntax, never a real hash).
const PLACEHOLDER: &str = "v2:0000000000000000000000000000000000000000000000000000000000000000";

/// One failure of `init` or `new`, as the diagnostics they return.
fn fail(message: impl Into<String>) -> Diagnostics {
    Diagnostic::failure(message).into()
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostics> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            fail(format!(
                "{} を作れません（{}）",
                dir.display(),
                bcpgen::diag::io_reason(&e)
            ))
        })?;
    }
    std::fs::write(path, bytes).map_err(|e| {
        fail(format!(
            "{} に書き込めません（{}）",
            path.display(),
            bcpgen::diag::io_reason(&e)
        ))
    })
}

fn fill(text: &str, date: Date) -> String {
    text.replace("{{date}}", &date.iso())
        .replace("{{fingerprint}}", PLACEHOLDER)
}

fn load(content: &Path, date: Date) -> Result<bcpgen::model::Site, Diagnostics> {
    let shown = content.display().to_string();
    bcpgen::load(&bcpgen::LoadOptions {
        content,
        shown: &shown,
        today: date,
        edition: Edition::Staff,
    })
    .map(|l| l.site)
}

/// Replaces the placeholder fingerprint in each named document's file.
fn stamp(content: &Path, date: Date, only: Option<&str>) -> Result<(), Diagnostics> {
    let site = load(content, date)?;
    for d in site
        .documents
        .iter()
        .filter(|d| only.is_none_or(|id| d.id == id))
    {
        let path = d.source.in_folder(content);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            fail(format!(
                "{} を読めません（{}）",
                path.display(),
                bcpgen::diag::io_reason(&e)
            ))
        })?;
        if text.contains(PLACEHOLDER) {
            write(
                &path,
                text.replacen(
                    PLACEHOLDER,
                    &bcpgen::source::fingerprint::to_record(&d.fingerprint),
                    1,
                )
                .as_bytes(),
            )?;
        }
    }
    Ok(())
}

/// Creates `dir` with `content/` (or `--content`, relative to `dir`), the
/// default theme and a README. Returns how many files were written.
pub fn init(dir: &Path, content_name: &Path, date: Date) -> Result<usize, Diagnostics> {
    if dir.exists() {
        let empty = dir
            .read_dir()
            .map_err(|e| {
                fail(format!(
                    "{} を読めません（{}）",
                    dir.display(),
                    bcpgen::diag::io_reason(&e)
                ))
            })?
            .next()
            .is_none();
        if !dir.is_dir() || !empty {
            return Err(fail(format!(
                "{} は空のフォルダではありません。新しいフォルダの名前を指定してください",
                dir.display()
            )));
        }
    }
    if content_name.is_absolute()
        || content_name
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(fail(
            "--content には作るフォルダの中の名前（例: content）を指定してください",
        ));
    }
    let content = dir.join(content_name);
    let mut n = 0;
    let skeleton = SKELETON
        .get_dir("content")
        .ok_or_else(|| fail("ひな形が組み込まれていません"))?;
    for f in all_files(skeleton) {
        let rel = f.path().strip_prefix("content").unwrap_or(f.path());
        let text =
            std::str::from_utf8(f.contents()).map_err(|_| fail("ひな形が UTF-8 ではありません"))?;
        write(&content.join(rel), fill(text, date).as_bytes())?;
        n += 1;
    }
    if let Some(readme) = SKELETON.get_file("README.md") {
        write(&dir.join("README.md"), readme.contents())?;
        n += 1;
    }
    for (rel, bytes) in Theme::built_in().files {
        write(&dir.join("themes/default").join(rel), &bytes)?;
        n += 1;
    }
    stamp(&content, date, None)?;
    Ok(n)
}

fn all_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out: Vec<_> = dir.files().collect();
    for d in dir.dirs() {
        out.extend(all_files(d));
    }
    out
}

/// What `bcpgen new` was asked for.
pub struct NewArgs<'a> {
    /// The content folder (`--content`).
    pub content: &'a Path,
    /// The document kind as typed (`manual`).
    pub kind: &'a str,
    /// The new document's id.
    pub id: &'a str,
    /// `--title`, if given.
    pub title: Option<&'a str>,
    /// `--incident` (manuals only).
    pub incident: Option<&'a str>,
    /// The day written as the first revision's date.
    pub date: Date,
}

/// Where a new document of a kind goes, relative to the content folder.
fn target(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Plan => "plan/_index.md".into(),
        Kind::Manual => format!("manuals/{id}.md"),
        Kind::Guide => format!("guides/{id}.md"),
        Kind::List => format!("lists/{id}.yaml"),
        Kind::Procedure => format!("procedures/{id}.yaml"),
        Kind::Diagram => format!("diagrams/{id}.yaml"),
        Kind::Form => format!("forms/{id}.yaml"),
    }
}

/// Adds one document from its kind's template. Returns the file written.
pub fn new_document(a: &NewArgs) -> Result<PathBuf, Diagnostics> {
    let kind = Kind::parse(a.kind).ok_or_else(|| {
        fail(format!(
            "種類「{}」はありません（plan, manual, list, procedure, diagram, form, guide）",
            a.kind
        ))
    })?;
    if !bcpgen::source::config::valid_id(a.id)
        || bcpgen::render::names::RESERVED_IDS.contains(&a.id)
    {
        return Err(fail(format!(
            "id「{}」は使えません（英小文字・数字・ハイフンで {} 文字まで、bcpgen が使う名前と重ならないもの）",
            a.id,
            bcpgen::source::config::MAX_ID_CHARS
        )));
    }
    let site = load(a.content, a.date).map_err(|mut d| {
        d.push(Diagnostic::failure(
            "今のコンテンツにエラーがあるため、文書を追加できません",
        ));
        d
    })?;
    if let Some(d) = site.document(a.id) {
        return Err(fail(format!(
            "id「{}」はすでにあります（{}）",
            a.id, d.source
        )));
    }
    if kind == Kind::Plan && site.documents.iter().any(|d| d.kind == Kind::Plan) {
        return Err(fail("計画（plan）はすでにあります。計画はサイトに1つです"));
    }
    let incident = match (kind, a.incident) {
        (Kind::Manual, None) => {
            return Err(fail(
                "マニュアルには --incident（site.yaml の incidents の id）が必要です",
            ))
        }
        (Kind::Manual, Some(i)) => Some(site.incident(i).ok_or_else(|| {
            let ids: Vec<&str> = site
                .config
                .incidents
                .iter()
                .map(|x| x.id.as_str())
                .collect();
            fail(format!(
                "事象「{i}」は site.yaml にありません（ある事象: {}）",
                ids.join(", ")
            ))
        })?),
        (_, Some(_)) => return Err(fail("--incident はマニュアル（manual）にだけ使えます")),
        (_, None) => None,
    };
    let approver = site
        .config
        .approver_for(kind)
        .map(|r| r.id().to_string())
        .ok_or_else(|| {
            fail(format!(
                "site.yaml の approval に {} の承認者がありません",
                kind.as_str()
            ))
        })?;
    let title = match (a.title, incident) {
        (Some(t), _) if !t.trim().is_empty() => t.trim().to_string(),
        (_, Some(inc)) => format!("事象別対応マニュアル {}編", inc.name),
        _ => format!("{}（要記入）", kind.label()),
    };
    let ext = if matches!(kind, Kind::Plan | Kind::Manual | Kind::Guide) {
        "md"
    } else {
        "yaml"
    };
    let template = SKELETON
        .get_file(format!("templates/{}.{ext}", kind.as_str()))
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| fail("ひな形が組み込まれていません"))?;
    let text = fill(template, a.date)
        .replace("{{id}}", a.id)
        .replace("{{title}}", &crate::approve::yaml_scalar(&title))
        .replace("{{approver}}", &approver)
        .replace(
            "{{incident}}",
            incident.map(|i| i.id.as_str()).unwrap_or_default(),
        );
    let path = a.content.join(target(kind, a.id));
    if path.exists() {
        return Err(fail(format!("{} はすでにあります", path.display())));
    }
    write(&path, text.as_bytes())?;
    if let Err(mut d) = stamp(a.content, a.date, Some(a.id)) {
        // The half-made document must not stay behind; if it cannot be
        // removed, the user is told where it is.
        d.push(Diagnostic::failure(match std::fs::remove_file(&path) {
            Ok(()) => format!(
                "追加した文書を読み込めなかったため、{} を消しました",
                path.display()
            ),
            Err(e) => format!(
                "追加した文書を読み込めず、{} を消すこともできませんでした（{}）。手で消してください",
                path.display(),
                bcpgen::diag::io_reason(&e)
            ),
        }));
        return Err(d);
    }
    Ok(path)
}
