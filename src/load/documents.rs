//! The metadata pass: every document's front matter or YAML top read and
//! checked (in parallel, reported in file order), duplicate ids refused, and
//! the documents put in binder order.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::cache::{self, Cache, Digest};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Date, Organization, SiteConfig};
use crate::source::files::{ContentFiles, DocumentFiles};
use crate::source::meta::{self, DocSource};

/// The documents whose metadata could be read, in binder order, and the ids
/// of those whose metadata failed (already reported): the rest are still
/// converted, so one run reports every problem, and references to these are
/// not errors twice.
pub struct Documents {
    /// Readable documents, plan first (see [`sort_for_binder`]).
    pub sources: Vec<DocSource>,
    /// Each source's files and what reading them checked against, digested
    /// (the key of its cached passes; see [`cache`]).
    pub keys: Vec<Digest>,
    /// Ids declared by documents whose metadata failed.
    pub unreadable: HashSet<String>,
}

/// Reads and checks every document's metadata (taken from `cache` when a
/// document's files and the site-wide files it is checked against, of
/// `files_of_site`, are as before).
pub fn read(
    files: &[DocumentFiles],
    org: &Organization,
    cfg: &SiteConfig,
    today: Date,
    (cache, files_of_site): (&Cache, &ContentFiles),
    diags: &mut Diagnostics,
) -> Documents {
    let checked_against = if cache.is_on() {
        cache::site_files(files_of_site, today)
    } else {
        Digest::default()
    };
    let read: Vec<(cache::MetaResult, Digest)> = files
        .par_iter()
        .map(|f| {
            let key = if cache.is_on() {
                cache::digest_files(f, &checked_against)
            } else {
                Digest::default()
            };
            let r = cache.meta.get(
                key,
                |_| true,
                |_| true,
                || {
                    let mut d = Diagnostics::default();
                    let s =
                        meta::read(f, org, cfg, today, &mut d).ok_or_else(|| meta::declared_id(f));
                    (s, d)
                },
            );
            (r, key)
        })
        .collect();
    let mut sources: Vec<(DocSource, Digest)> = Vec::with_capacity(read.len());
    let mut unreadable: HashSet<String> = HashSet::new();
    for ((s, d), key) in read {
        diags.extend(d);
        match s {
            Ok(s) => sources.push((s, key)),
            Err(id) => unreadable.extend(id),
        }
    }
    let mut ids: HashMap<String, String> = HashMap::new();
    for (s, _) in &sources {
        if let Some(first) = ids.insert(s.id.clone(), s.yaml.file.clone()) {
            diags.push(
                Diagnostic::error(&s.yaml.file, format!("id が {first} と重複しています"))
                    .at(s.yaml.lines.line("id"))
                    .field("id")
                    .value(&s.id),
            );
        }
    }
    sort_for_binder(&mut sources, cfg);
    let (sources, keys) = sources.into_iter().unzip();
    Documents {
        sources,
        keys,
        unreadable,
    }
}

/// Plan first, then manuals in the order of site.yaml's incidents, then
/// reference material by kind; `order`, then title, inside each.
fn sort_for_binder(sources: &mut [(DocSource, Digest)], cfg: &SiteConfig) {
    let incident_rank = |s: &DocSource| {
        s.incident
            .as_ref()
            .and_then(|i| cfg.incidents.iter().position(|x| &x.id == i))
            .unwrap_or(usize::MAX)
    };
    sources.sort_by(|(a, _), (b, _)| {
        (a.kind, incident_rank(a), a.order, &a.title, &a.id).cmp(&(
            b.kind,
            incident_rank(b),
            b.order,
            &b.title,
            &b.id,
        ))
    });
}
