//! The incremental plan: which pages an edit touched.
//!
//! Every change loads the site again, reusing the previous load's results
//! for every document whose inputs are unchanged (`load::cache`), then
//! compares each document with the previous load. A document's page prints its own fields and its
//! body; the body is made from its source text and the facts it drew from
//! elsewhere, and the fingerprint covers exactly those: the normalised text
//! and every recorded [`Dep`] with the value that was read (the embedded
//! document's fingerprint, the referenced document's title or heading
//! label, the role's name, the image's bytes). So a document is rendered
//! again when its fingerprint or one of its other fields changed, and an
//! edit to one document reaches exactly the documents whose pages show
//! something of it: its own page, the pages that embed it, the pages that
//! print its title or a heading it changed. The start page, glossary,
//! status page and search data list every document and are always made
//! (the search entries of documents not rendered again are kept);
//! bcp.html is made when asked for. Theme static files, assets and the web
//! app's files are made only with every page. A change to what every page may read at render time (site.yaml,
//! the organisation, glossary, trainings, the set of documents and assets,
//! the version labels embedded data names, the theme) renders every page.
//!
//! [`Dep`]: crate::source::fingerprint::Dep

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::live::Live;
use super::watch::Change;
use super::ServeOptions;
use crate::diag::Diagnostics;
use crate::load::cache::{digest_debug as hash, Digest as Hash};
use crate::load::Cache;
use crate::model::{Date, Document, Edition, Site};
use crate::render::{html, Collect};
use crate::theme::Theme;

/// What the previous successful render was made from.
struct Made {
    site: Hash,
    docs: HashMap<String, Hash>,
}

/// The rebuild loop's own state.
pub struct Plan {
    content: PathBuf,
    theme_dir: Option<PathBuf>,
    today: Date,
    edition: Edition,
    theme: Option<Arc<Theme>>,
    made: Option<Made>,
    sections: html::Sections,
    /// The previous load's per-document results.
    cache: Cache,
    /// The messages printed last, so an unchanged problem is not printed again.
    printed: Vec<String>,
}

impl Plan {
    /// Nothing built yet.
    pub fn new(opts: &ServeOptions) -> Plan {
        Plan {
            content: opts.content.clone(),
            theme_dir: opts.theme.clone(),
            today: opts.today,
            edition: opts.edition,
            theme: None,
            made: None,
            sections: html::Sections::default(),
            cache: Cache::new(),
            printed: Vec::new(),
        }
    }

    /// Loads the site again and renders what the change touched into
    /// `live`; on errors every page shows them until the next change.
    pub fn rebuild(&mut self, live: &Live, change: Change) {
        let started = Instant::now();
        if change == Change::Theme || self.theme.is_none() {
            match crate::resolve_theme(self.theme_dir.as_deref()) {
                Ok(t) => {
                    self.theme = Some(Arc::new(t));
                    self.made = None;
                }
                Err(d) => return self.fail(live, d.into()),
            }
        }
        let Some(theme) = self.theme.clone() else {
            return;
        };
        let shown = self.content.display().to_string();
        let opts = crate::LoadOptions {
            content: &self.content,
            shown: &shown,
            today: self.today,
            edition: self.edition,
        };
        let loaded = match crate::load::load_cached(&opts, &mut self.cache) {
            Ok(l) => l,
            Err(diags) => return self.fail(live, diags),
        };
        let mut site = loaded.site;
        let lap = |w: &str| {
            if std::env::var_os("BCPGEN_TIMING").is_some() {
                eprintln!("時間: {w} {:.3} 秒", started.elapsed().as_secs_f64())
            }
        };
        lap("読み込み");
        let made = Made {
            site: site_hash(&site),
            docs: site
                .documents
                .par_iter_mut()
                .map(|d| (d.id.clone(), doc_hash(d)))
                .collect(),
        };
        // The documents to render again; None: all of them.
        let touched: Option<HashSet<String>> = match &self.made {
            Some(old) if old.site == made.site => Some(
                made.docs
                    .iter()
                    .filter(|(id, h)| old.docs.get(*id) != Some(h))
                    .map(|(id, _)| id.clone())
                    .collect(),
            ),
            _ => None,
        };
        let unchanged =
            touched.as_ref().is_some_and(HashSet::is_empty) && live.with(|s| s.errors.is_none());
        if unchanged {
            // A file no document reads (an editor's backup) was saved.
            self.print(&loaded.warnings);
            return;
        }
        lap("比較");
        let collect = Collect::default();
        let rendered = match &touched {
            Some(ids) => html::render_some(&site, &theme, ids, false, &mut self.sections, &collect),
            None => {
                self.sections = html::Sections::default();
                let all = site.documents.iter().map(|d| d.id.clone()).collect();
                html::render_some(&site, &theme, &all, true, &mut self.sections, &collect)
            }
        };
        if let Err(diags) = rendered {
            // Rendered again in full once fixed: the kept sections may be partial.
            self.made = None;
            return self.fail(live, diags);
        }
        lap("出力の生成");
        let files = collect.into_files();
        let pages = touched.as_ref().map_or(site.documents.len(), HashSet::len);
        let full = touched.is_none();
        let site = Arc::new(site);
        let mut replaced = Vec::new();
        live.publish(|now| {
            if full {
                replaced.extend(now.files.drain().map(|(_, b)| b));
            }
            for f in files {
                replaced.extend(now.files.insert(f.path, Arc::new(f.bytes)));
            }
            now.errors = None;
            let old = now.site.replace(site.clone());
            now.theme = Some(theme.clone());
            // Freeing the previous site and files (megabytes of small
            // allocations) is left to another thread, off the way of the
            // reloading page.
            std::thread::spawn(move || drop((old, replaced)));
        });
        self.made = Some(made);
        self.print(&loaded.warnings);
        eprintln!(
            "更新しました（文書 {pages} 件のページ、変換した文書 {} 件、{:.2} 秒）",
            self.cache.converted_last(),
            started.elapsed().as_secs_f64()
        );
    }

    /// Shows `diags` in place of every page and prints them once.
    fn fail(&mut self, live: &Live, diags: Diagnostics) {
        self.print(&diags);
        eprintln!(
            "エラー {} 件: 直すまで、どのページにもこの内容を表示します",
            diags.errors().count()
        );
        live.publish(|now| now.errors = Some(Arc::new(diags)));
    }

    /// Prints the messages unless they are the ones printed last.
    fn print(&mut self, diags: &Diagnostics) {
        let lines: Vec<String> = diags.0.iter().map(|d| d.to_string()).collect();
        if lines != self.printed {
            for l in &lines {
                eprintln!("{l}");
            }
            self.printed = lines;
        }
    }
}

/// A document's fields, its body standing in by the fingerprint (see the
/// module's comment): hashing the body itself took seconds on 100
/// documents. The body is set aside meanwhile (cloning the document
/// without it would copy it first).
fn doc_hash(d: &mut Document) -> Hash {
    let body = std::mem::take(&mut d.body);
    let h = hash(d);
    d.body = body;
    h
}

/// What every page reads besides its own document: the site's settings and
/// shared facts, the day and edition, and which documents and assets exist.
fn site_hash(site: &Site) -> Hash {
    // Embedded data names its document's version (`出典：…（第2版）`), which
    // the fingerprint leaves out: a new version renders every page.
    let ids: Vec<(&str, &str)> = site
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.latest().version.as_str()))
        .collect();
    let assets: Vec<(&String, &String)> = site.assets.iter().map(|(k, a)| (k, &a.sha256)).collect();
    hash(&(
        &site.config,
        &site.org,
        &site.glossary,
        &site.trainings,
        site.build_date,
        site.edition,
        ids,
        assets,
    ))
}
