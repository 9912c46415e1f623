//! `build --history` (or site.yaml `history: true`): the 新旧対照表 of
//! each revision against the previous one, made from the approved texts in
//! the repository's history and handed to the build's sink as
//! `compare/<id>-rev<N>.html|.pdf` ([`crate::model::revision_stem`]), so
//! they are written with the rest of `out/`, all at once or not at all.
//!
//! Both texts are loaded as the build's edition, so a document the edition
//! leaves out gets no table and a confidential passage never reaches a
//! public one. A revision whose text is not in the history (no git, a
//! shallow clone, two revisions recorded in one commit) gets no link, and
//! the build says so in one notice.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::history::{Approved, Finder};
use super::version::{label_as, load_commit, missing_reason, side_in};
use super::{render_files, Side};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{revision_stem, Date, Edition, RevisionLinks, Site};
use crate::render::{OutputFile, Sink};
use crate::theme::Theme;

/// One table to make: revision `index` of a document against the one before.
struct Pair {
    stem: String,
    old: Side,
    new: Side,
}

/// The tables a build will carry, found before rendering so the revision
/// tables can link them.
pub struct Planned {
    pairs: Vec<Pair>,
    /// Which revisions have a table (goes into the site the renderers read).
    pub links: RevisionLinks,
    /// The one notice about the revisions left without a table, if any.
    pub notice: Option<Diagnostic>,
}

fn notice(content: &Path, message: String) -> Diagnostic {
    Diagnostic::warning(content.display().to_string(), message)
}

/// Finds, for every revision after the first of every document of `site`
/// (already the build's edition), the approved texts of it and of the
/// revision before.
pub fn plan(content: &Path, site: &Site, today: Date, edition: Edition) -> Planned {
    let mut planned = Planned {
        pairs: vec![],
        links: RevisionLinks::default(),
        notice: None,
    };
    let wanted: usize = site
        .documents
        .iter()
        .map(|d| d.revisions.len().saturating_sub(1))
        .sum();
    if wanted == 0 {
        return planned;
    }
    let finder = match Finder::open(content) {
        Ok(f) => f,
        Err(d) => {
            planned.notice = Some(notice(
                content,
                format!(
                    "--history: 改訂履歴から新旧対照表を作れないため、改訂履歴の表にリンクを付けません（{}）",
                    d.message
                ),
            ));
            return planned;
        }
    };
    let mut sites: HashMap<String, Result<Arc<Site>, Diagnostics>> = HashMap::new();
    let mut site_at = |commit: &str| -> Result<Arc<Site>, String> {
        let loaded = sites
            .entry(commit.to_string())
            .or_insert_with(|| load_commit(&finder, commit, today, edition));
        match loaded {
            Ok(s) => Ok(s.clone()),
            Err(d) => Err(d
                .errors()
                .last()
                .map_or_else(String::new, |e| e.message.clone())),
        }
    };
    let mut missed: Vec<String> = Vec::new();
    for doc in &site.documents {
        let rel = doc.source.rel().to_string_lossy().replace('\\', "/");
        let all: Vec<&str> = doc.revisions.iter().map(|r| r.version.as_str()).collect();
        for index in 1..all.len() {
            let labels = [all[index - 1], all[index]];
            let mut sides = Vec::new();
            for label in labels {
                let found = match finder.approved(&rel, label) {
                    Ok(f) => f,
                    Err(d) => {
                        missed.push(format!("{}の{label}: {}", doc.id, d.message));
                        break;
                    }
                };
                if let Some(why) = missing_reason(label, &found) {
                    missed.push(format!("{}: {why}", doc.id));
                    break;
                }
                let Approved::At { commit, .. } = found else {
                    unreachable!("missing_reason is None only for At")
                };
                match site_at(&commit)
                    .and_then(|s| side_in(s, &commit, &doc.id).map_err(|d| d.message))
                {
                    Ok(mut side) => {
                        label_as(&mut side, label);
                        sides.push(side);
                    }
                    Err(why) => {
                        missed.push(format!("{}の{label}: {why}", doc.id));
                        break;
                    }
                }
            }
            if let (Some(new), Some(old)) = (sides.pop(), sides.pop()) {
                planned.links.insert(&doc.id, index);
                planned.pairs.push(Pair {
                    stem: revision_stem(&doc.id, index),
                    old,
                    new,
                });
            }
        }
    }
    if let Some(first) = missed.first() {
        planned.notice = Some(notice(
            content,
            format!(
                "--history: 改訂 {} 件は改定前か改定後の本文が git の履歴にないため、新旧対照表を作らず、改訂履歴の表にリンクを付けません（{}{}）",
                missed.len(),
                first,
                if missed.len() > 1 { " など" } else { "" }
            ),
        ));
    }
    planned
}

/// Makes every planned table and hands it to `sink`: the HTML page when
/// the build writes HTML, the PDF when it writes PDFs. The 起案 sheet is
/// dated with the revision's own date, so the file does not change with
/// the day of the build.
pub fn render(
    planned: &Planned,
    theme: &Theme,
    formats: crate::Formats,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let errors: Vec<Diagnostic> = planned
        .pairs
        .par_iter()
        .filter_map(|p| {
            let made = render_files(&p.old, &p.new, theme, p.new.date, formats.html, formats.pdf)
                .and_then(|made| {
                    if let Some(h) = made.html {
                        sink.put(OutputFile {
                            path: format!("compare/{}.html", p.stem),
                            bytes: h.into_bytes(),
                        })?;
                    }
                    if let Some(b) = made.pdf {
                        sink.put(OutputFile {
                            path: format!("compare/{}.pdf", p.stem),
                            bytes: b,
                        })?;
                    }
                    Ok(())
                });
            made.err()
                .map(|d| d.or_in(p.new.document().source.to_string()))
        })
        .collect();
    Diagnostics(errors).into_result()
}
