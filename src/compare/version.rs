//! What `--from` and `--to` name, as loaded versions of the document: a
//! revision label is the text of the commit where that revision entry
//! first appears in the document's source (checked against the recorded
//! fingerprint, [`history::Finder::approved`]); anything else is tried as a
//! git revision.

use std::path::Path;
use std::sync::Arc;

use super::history::{Approved, Finder};
use super::{load_site, next_version, Options, Side};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Date, Edition, Site};
use crate::source::fingerprint::{self, Recorded};

/// The first characters of a commit id, as messages show it.
pub fn short(commit: &str) -> &str {
    &commit[..commit.len().min(8)]
}

/// Why the approved text of revision `v` is not in the history, or None
/// when it is ([`Approved::At`]).
pub fn missing_reason(v: &str, found: &Approved) -> Option<String> {
    match found {
        Approved::At { .. } => None,
        Approved::Absent { shallow } => {
            let shallow = if *shallow {
                "（浅いクローンのため古いコミットがありません。git fetch --unshallow で取得してください）"
            } else {
                ""
            };
            Some(format!(
                "版「{v}」を記録したコミットが git の履歴にありません{shallow}。この版の本文は比べられません"
            ))
        }
        Approved::Together { commit, later } => Some(format!(
            "{v}の本文は履歴にありません（{v}と{}がコミット {} で同時に記録されたため、その時点の本文は{}のものです）",
            later.join("・"),
            short(commit),
            later.last().map_or("", String::as_str)
        )),
    }
}

/// Loads the content folder as it was at `commit`, as `edition`.
pub fn load_commit(
    finder: &Finder,
    commit: &str,
    today: Date,
    edition: Edition,
) -> Result<Arc<Site>, Diagnostics> {
    let git = &finder.git;
    let tmp = tempfile::tempdir().map_err(|e| {
        Diagnostic::failure(format!(
            "一時フォルダを作れません（{}）",
            crate::diag::io_reason(&e)
        ))
    })?;
    let shown_root = format!("{}:{}", short(commit), git.prefix.trim_end_matches('/'));
    git.materialize(commit, tmp.path())
        .map_err(|d| d.or_in(&shown_root))?;
    let date = git.date(commit).unwrap_or(today);
    load_site(tmp.path(), &shown_root, today.max(date), edition)
        .map(Arc::new)
        .map_err(|d| {
            let mut all = Diagnostics::default();
            all.push(Diagnostic::error(
                &shown_root,
                format!(
                    "コミット {} のコンテンツを読み込めないため比べられません",
                    short(commit)
                ),
            ));
            all.extend(d);
            all
        })
}

/// The document `id` of a site loaded at `commit`.
pub fn side_in(site: Arc<Site>, commit: &str, id: &str) -> Result<Side, Diagnostic> {
    let origin = format!("コミット {}", short(commit));
    let Some(doc) = site.documents.iter().position(|d| d.id == id) else {
        return Err(Diagnostic::error(
            format!("{}:", short(commit)),
            format!("文書「{id}」は比べる版（{origin}）にありません"),
        ));
    };
    Ok(side(site, doc, origin))
}

fn side(site: Arc<Site>, doc: usize, origin: String) -> Side {
    let d = &site.documents[doc];
    let (label, date, fingerprint) = (
        d.latest().version.clone(),
        d.latest().date,
        fingerprint::to_record(&d.fingerprint),
    );
    Side {
        site,
        doc,
        label,
        date,
        fingerprint,
        origin,
    }
}

fn at_commit(
    finder: &Finder,
    commit: &str,
    today: Date,
    edition: Edition,
    id: &str,
) -> Result<Side, Diagnostics> {
    let site = load_commit(finder, commit, today, edition)?;
    let shown_root = format!(
        "{}:{}",
        short(commit),
        finder.git.prefix.trim_end_matches('/')
    );
    side_in(site, commit, id).map_err(|d| {
        Diagnostics::from(Diagnostic {
            file: shown_root,
            ..d
        })
    })
}

struct Ctx<'a> {
    o: &'a Options<'a>,
    current: &'a Site,
    /// The document's metadata file, relative to the content folder.
    rel: String,
    finder: Option<Finder>,
    notes: Vec<String>,
}

impl Ctx<'_> {
    fn finder(&mut self) -> Result<&Finder, Diagnostic> {
        if self.finder.is_none() {
            self.finder = Some(Finder::open(self.o.content)?);
        }
        Ok(self.finder.as_ref().expect("set above"))
    }

    fn shown(&self) -> String {
        self.o.content.display().to_string()
    }

    /// The version a `--from`/`--to` value names.
    fn resolve(&mut self, v: &str) -> Result<Side, Diagnostics> {
        let doc = self
            .current
            .document(self.o.id)
            .expect("checked by the caller");
        let labels: Vec<String> = doc.revisions.iter().map(|r| r.version.clone()).collect();
        let file = format!("{}/{}", self.shown(), self.rel);
        let rel = self.rel.clone();
        let (today, id) = (self.o.today, self.o.id);
        if labels.iter().any(|l| l == v) {
            let finder = self.finder()?;
            let found = finder.approved(&rel, v).map_err(|d| d.or_in(&file))?;
            if let Some(why) = missing_reason(v, &found) {
                let hint = if matches!(found, Approved::Together { .. }) {
                    format!("。--from-content で{v}のコンテンツのフォルダを指定してください")
                } else {
                    String::new()
                };
                return Err(Diagnostic::error(&file, format!("{why}{hint}")).into());
            }
            let Approved::At { commit, recorded } = found else {
                unreachable!("missing_reason is None only for At")
            };
            let mut side = at_commit(finder, &commit, today, Edition::Staff, id)?;
            label_as(&mut side, v);
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
        let commit = self.finder()?.git.commit(v).map_err(|d| d.or_in(&file))?;
        match commit {
            Some(c) => at_commit(self.finder()?, &c, today, Edition::Staff, id),
            None => Err(Diagnostic::error(
                &file,
                format!(
                    "版「{v}」は文書「{}」の改訂履歴（{}）にも git のリビジョンにもありません",
                    self.o.id,
                    labels.join("、")
                ),
            )
            .into()),
        }
    }
}

/// Names a loaded version after its revision `v` and dates it so.
pub fn label_as(side: &mut Side, v: &str) {
    let date = side
        .document()
        .revisions
        .iter()
        .find(|r| r.version == v)
        .map(|r| r.date);
    if let Some(d) = date {
        side.date = d;
    }
    side.label = v.to_string();
}

/// A content folder loaded, with the document `id` in it.
fn load_side(
    dir: &Path,
    shown: &str,
    today: Date,
    edition: Edition,
    id: &str,
    origin: String,
) -> Result<Side, Diagnostics> {
    let site = load_site(dir, shown, today, edition).map_err(|d| {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error(
            shown,
            format!("{origin} のコンテンツを読み込めないため比べられません"),
        ));
        all.extend(d);
        all
    })?;
    let Some(doc) = site.documents.iter().position(|d| d.id == id) else {
        return Err(Diagnostic::error(
            shown,
            format!("文書「{id}」は比べる版（{origin}）にありません"),
        )
        .into());
    };
    Ok(side(Arc::new(site), doc, origin))
}

/// The old and the new side of the comparison, and notes for the user.
pub fn sides(o: &Options) -> Result<(Side, Side, Vec<String>), Diagnostics> {
    let shown = o.content.display().to_string();
    let current = load_site(o.content, &shown, o.today, Edition::Staff)?;
    let Some(doc) = current.document(o.id) else {
        let ids: Vec<&str> = current.documents.iter().map(|d| d.id.as_str()).collect();
        return Err(Diagnostic::error(
            &shown,
            format!(
                "文書「{}」がありません（ある文書: {}）",
                o.id,
                ids.join(", ")
            ),
        )
        .into());
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
        finder: None,
        notes: vec![],
    };
    let old = match (o.from_content, o.from) {
        (Some(dir), _) => load_side(
            dir,
            &dir.display().to_string(),
            o.today,
            Edition::Staff,
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
                    site: Arc::new(current),
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
