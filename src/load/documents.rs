//! The metadata pass: every document's front matter or YAML top read and
//! checked (in parallel, reported in file order), duplicate ids refused, and
//! the documents put in binder order.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Date, Organization, SiteConfig};
use crate::source::files::DocumentFiles;
use crate::source::meta::{self, DocSource};

/// The documents whose metadata could be read, in binder order, and the ids
/// of those whose metadata failed (already reported): the rest are still
/// converted, so one run reports every problem, and references to these are
/// not errors twice.
pub struct Documents {
    /// Readable documents, plan first (see [`sort_for_binder`]).
    pub sources: Vec<DocSource>,
    /// Ids declared by documents whose metadata failed.
    pub unreadable: HashSet<String>,
}

/// Reads and checks every document's metadata.
pub fn read(
    files: &[DocumentFiles],
    org: &Organization,
    cfg: &SiteConfig,
    today: Date,
    diags: &mut Diagnostics,
) -> Documents {
    let read: Vec<(Result<DocSource, Option<String>>, Diagnostics)> = files
        .par_iter()
        .map(|f| {
            let mut d = Diagnostics::default();
            let s = meta::read(f, org, cfg, today, &mut d).ok_or_else(|| meta::declared_id(f));
            (s, d)
        })
        .collect();
    let mut sources: Vec<DocSource> = Vec::with_capacity(read.len());
    let mut unreadable: HashSet<String> = HashSet::new();
    for (s, d) in read {
        diags.extend(d);
        match s {
            Ok(s) => sources.push(s),
            Err(id) => unreadable.extend(id),
        }
    }
    let mut ids: HashMap<String, String> = HashMap::new();
    for s in &sources {
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
    Documents {
        sources,
        unreadable,
    }
}

/// Plan first, then manuals in the order of site.yaml's incidents, then
/// reference material by kind; `order`, then title, inside each.
fn sort_for_binder(sources: &mut [DocSource], cfg: &SiteConfig) {
    let incident_rank = |s: &DocSource| {
        s.incident
            .as_ref()
            .and_then(|i| cfg.incidents.iter().position(|x| &x.id == i))
            .unwrap_or(usize::MAX)
    };
    sources.sort_by(|a, b| {
        (a.kind, incident_rank(a), a.order, &a.title, &a.id).cmp(&(
            b.kind,
            incident_rank(b),
            b.order,
            &b.title,
            &b.id,
        ))
    });
}
