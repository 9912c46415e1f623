//! The heading pass: every document's headings numbered before any text is
//! converted, so every reference target (document, heading label) is known
//! when the convert pass meets a reference.

use std::collections::HashMap;

use rayon::prelude::*;

use super::cache::{Cache, Digest};
use crate::convert::headings::{self, HeadingInfo};
use crate::diag::Diagnostics;
use crate::model::{Edition, NumberStyle};
use crate::resolve::{DocEntry, Target};
use crate::source::fingerprint::Deps;
use crate::source::meta::DocSource;

/// Per document (in the order of the sources): its headings and the
/// dependency their numbering recorded (the numbering style).
pub struct Numbered {
    /// Headings of each document, in order.
    pub headings: Vec<Vec<HeadingInfo>>,
    /// What each document's numbering read from site.yaml.
    pub deps: Vec<Deps>,
}

/// Numbers every document's headings (in parallel, reported in order);
/// `keys[i]` digests what source `i` was read from, site.yaml included
/// (its numbering), so `cache` may give the previous numbers back.
pub fn number(
    sources: &[DocSource],
    keys: &[Digest],
    numbering: &[NumberStyle],
    cache: &Cache,
    diags: &mut Diagnostics,
) -> Numbered {
    let numbered: Vec<_> = sources
        .par_iter()
        .zip(keys)
        .map(|(s, key)| {
            cache.numbered.get(
                *key,
                |_| true,
                |_| true,
                || {
                    let files: Vec<(&str, usize, &str)> = s
                        .bodies
                        .iter()
                        .map(|(f, l, t)| (f.as_str(), *l, t.as_str()))
                        .collect();
                    let mut d = Vec::new();
                    let mut deps = Deps::default();
                    let hs = headings::number_headings(&files, numbering, &mut deps, &mut d);
                    (hs, deps, d)
                },
            )
        })
        .collect();
    let mut out = Numbered {
        headings: Vec::with_capacity(numbered.len()),
        deps: Vec::with_capacity(numbered.len()),
    };
    for (hs, deps, d) in numbered {
        out.headings.push(hs);
        out.deps.push(deps);
        diags.0.extend(d);
    }
    out
}

/// What references can point at, by id.
pub fn targets(
    sources: &[DocSource],
    numbered: &Numbered,
    edition: Edition,
) -> HashMap<String, Target> {
    sources
        .iter()
        .zip(&numbered.headings)
        .map(|(s, hs)| {
            let t = Target {
                title: s.title.clone(),
                kind: s.kind,
                included: edition.includes(s.classification),
                headings: hs.iter().map(|h| (h.anchor.clone(), h.label())).collect(),
                structured: None,
                fingerprint: None,
            };
            (s.id.clone(), t)
        })
        .collect()
}

/// Every document as `embed: documents` lists it, in binder order.
pub fn entries(sources: &[DocSource], edition: Edition) -> Vec<DocEntry> {
    sources
        .iter()
        .map(|s| DocEntry {
            id: s.id.clone(),
            title: s.title.clone(),
            kind: s.kind,
            included: edition.includes(s.classification),
        })
        .collect()
}
