//! What `--from` and `--to` name, as loaded versions of the document: a
//! revision label is the text of the commit where that revision entry
//! first appears in the document's source (checked against the recorded
//! fingerprint); anything else is tried as a git revision.

use std::path::Path;

use super::history::Git;
use super::{load_site, next_version, Failure, Options, Side};
use crate::diag::Diagnostics;
use crate::model::{Date, Site};
use crate::source::fingerprint::{self, Recorded};

/// The labels and recorded fingerprints of a metadata text's revisions.
fn revisions_in(path: &str, text: &str) -> Vec<(String, Option<String>)> {
    let yaml = if path.ends_with(".md") {
        crate::source::frontmatter::split(text).yaml.unwrap_or("")
    } else {
        text
    };
    let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(yaml) else {
        return vec![];
    };
    v.get("revisions")
        .and_then(|r| r.as_sequence())
        .map(|seq| {
            seq.iter()
                .filter_map(|r| {
                    let version = r.get("version")?.as_str()?.trim().to_string();
                    let fp = r
                        .get("fingerprint")
                        .and_then(|f| f.as_str())
                        .map(str::to_string);
                    Some((version, fp))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(8)]
}

struct Ctx<'a> {
    o: &'a Options<'a>,
    current: &'a Site,
    /// The document's metadata file, relative to the content folder.
    rel: String,
    git: Option<Git>,
    notes: Vec<String>,
}

impl Ctx<'_> {
    fn git(&mut self) -> Result<&Git, Failure> {
        if self.git.is_none() {
            let g = Git::open(self.o.content).map_err(|m| Failure::one("", m))?;
            self.git = Some(g);
        }
        Ok(self.git.as_ref().expect("set above"))
    }

    fn shown(&self) -> String {
        self.o.content.display().to_string()
    }

    /// The version a `--from`/`--to` value names.
    fn resolve(&mut self, v: &str) -> Result<Side, Failure> {
        let doc = self
            .current
            .document(self.o.id)
            .expect("checked by the caller");
        let labels: Vec<String> = doc.revisions.iter().map(|r| r.version.clone()).collect();
        let file = format!("{}/{}", self.shown(), self.rel);
        let rel = self.rel.clone();
        if labels.iter().any(|l| l == v) {
            let git = self.git()?;
            let commits = git.commits_of(&rel).map_err(|m| Failure::one(&file, m))?;
            let mut found = None;
            for c in &commits {
                let Some(text) = git.show(c, &rel).map_err(|m| Failure::one(&file, m))? else {
                    continue;
                };
                let revs = revisions_in(&rel, &text);
                if revs.iter().any(|(l, _)| l == v) {
                    found = Some((c.clone(), revs));
                    break;
                }
            }
            let Some((commit, revs)) = found else {
                let shallow = if git.shallow() {
                    "（浅いクローンのため古いコミットがありません。git fetch --unshallow で取得してください）"
                } else {
                    ""
                };
                return Err(Failure::one(
                    &file,
                    format!("版「{v}」を記録したコミットが git の履歴にありません{shallow}。この版の本文は比べられません"),
                ));
            };
            if let Some(pos) = revs.iter().position(|(l, _)| l == v) {
                if pos + 1 < revs.len() {
                    let later: Vec<&str> =
                        revs[pos + 1..].iter().map(|(l, _)| l.as_str()).collect();
                    return Err(Failure::one(
                        &file,
                        format!(
                            "{v}の本文は履歴にありません（{v}と{}がコミット {} で同時に記録されたため、その時点の本文は{}のものです）。--from-content で{v}のコンテンツのフォルダを指定してください",
                            later.join("・"),
                            short(&commit),
                            later.last().expect("not empty")
                        ),
                    ));
                }
            }
            let recorded = revs
                .iter()
                .find(|(l, _)| l == v)
                .and_then(|(_, f)| f.clone());
            let mut side = self.at_commit(&commit)?;
            let rev = side
                .document()
                .revisions
                .iter()
                .find(|r| r.version == v)
                .cloned();
            if let Some(r) = &rev {
                side.date = r.date;
            }
            side.label = v.to_string();
            if let Some(rec) = recorded {
                if let Recorded::Current(h) = fingerprint::recorded(&rec) {
                    if h != side.document().fingerprint {
                        self.notes.push(format!(
                            "注意: {v}として記録された指紋 {} と、コミット {} の本文の指紋 {} が一致しません（承認の後、同じコミットで本文が変わっています）",
                            &h[..12],
                            short(&commit),
                            &side.document().fingerprint[..12]
                        ));
                    } else {
                        self.notes.push(format!(
                            "{v}の本文はコミット {} のもので、記録された指紋と一致します",
                            short(&commit)
                        ));
                    }
                }
            }
            return Ok(side);
        }
        let commit = self.git()?.commit(v).map_err(|m| Failure::one(&file, m))?;
        match commit {
            Some(c) => self.at_commit(&c),
            None => Err(Failure::one(
                &file,
                format!(
                    "版「{v}」は文書「{}」の改訂履歴（{}）にも git のリビジョンにもありません",
                    self.o.id,
                    labels.join("、")
                ),
            )),
        }
    }

    /// The content folder as it was at `commit`, loaded.
    fn at_commit(&mut self, commit: &str) -> Result<Side, Failure> {
        let git = self.git()?;
        let tmp = tempfile::tempdir().map_err(|e| {
            Failure::one(
                "",
                format!("一時フォルダを作れません（{}）", crate::diag::io_reason(&e)),
            )
        })?;
        let shown_root = format!("{}:{}", short(commit), git.prefix.trim_end_matches('/'));
        git.materialize(commit, tmp.path())
            .map_err(|m| Failure::one(&shown_root, m))?;
        let date = git.date(commit).unwrap_or(self.o.today);
        let side = load_side(
            tmp.path(),
            &shown_root,
            self.o.today.max(date),
            self.o.id,
            format!("コミット {}", short(commit)),
        )?;
        Ok(side)
    }
}

/// A content folder loaded, with the document `id` in it.
fn load_side(
    dir: &Path,
    shown: &str,
    today: Date,
    id: &str,
    origin: String,
) -> Result<Side, Failure> {
    let site = load_site(dir, shown, today).map_err(|d| {
        let mut all = Diagnostics::default();
        all.push(crate::diag::Diagnostic::error(
            shown,
            format!("{origin} のコンテンツを読み込めないため比べられません"),
        ));
        all.extend(d);
        Failure::Invalid(all)
    })?;
    let Some(doc) = site.documents.iter().position(|d| d.id == id) else {
        return Err(Failure::one(
            shown,
            format!("文書「{id}」は比べる版（{origin}）にありません"),
        ));
    };
    let d = &site.documents[doc];
    let (label, date, fp) = (
        d.latest().version.clone(),
        d.latest().date,
        fingerprint::to_record(&d.fingerprint),
    );
    Ok(Side {
        site,
        doc,
        label,
        date,
        fingerprint: fp,
        origin,
    })
}

/// The old and the new side of the comparison, and notes for the user.
pub fn sides(o: &Options) -> Result<(Side, Side, Vec<String>), Failure> {
    let shown = o.content.display().to_string();
    let current = load_site(o.content, &shown, o.today).map_err(Failure::Invalid)?;
    let Some(doc) = current.document(o.id) else {
        let ids: Vec<&str> = current.documents.iter().map(|d| d.id.as_str()).collect();
        return Err(Failure::one(
            &shown,
            format!(
                "文書「{}」がありません（ある文書: {}）",
                o.id,
                ids.join(", ")
            ),
        ));
    };
    // Git paths use `/` whatever the platform.
    let rel = doc.source.rel().to_string_lossy().replace('\\', "/");
    let latest = doc.latest().version.clone();
    let proposed = o
        .version
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| next_version(doc));
    let mut ctx = Ctx {
        o,
        current: &current,
        rel,
        git: None,
        notes: vec![],
    };
    let old = match (o.from_content, o.from) {
        (Some(dir), _) => load_side(
            dir,
            &dir.display().to_string(),
            o.today,
            o.id,
            dir.display().to_string(),
        )?,
        (None, Some(v)) => ctx.resolve(v)?,
        (None, None) => ctx.resolve(&latest)?,
    };
    let new = match o.to {
        Some(v) => ctx.resolve(v)?,
        None => {
            let d = current.document(o.id).expect("found above");
            let fp = fingerprint::to_record(&d.fingerprint);
            let doc = current
                .documents
                .iter()
                .position(|x| x.id == o.id)
                .expect("found above");
            let origin = "作業中のソース".to_string();
            let notes = std::mem::take(&mut ctx.notes);
            drop(ctx);
            return Ok((
                old,
                Side {
                    site: current,
                    doc,
                    label: proposed,
                    date: o.today,
                    fingerprint: fp,
                    origin,
                },
                notes,
            ));
        }
    };
    Ok((old, new, ctx.notes))
}
