//! The convert pass over the site: each document converted (in parallel)
//! with the resolve pass's [`Context`], then imprinted and fingerprinted.
//! YAML documents go first, as their own pass, because Markdown documents
//! may embed them (`embed: document` places their converted blocks).

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::imprint::imprint;
use super::targets::Numbered;
use crate::convert::{self, DocState};
use crate::diag::Diagnostic;
use crate::model::{Block, Imprint, OrgInfo};
use crate::resolve::Context;
use crate::source::fingerprint;
use crate::source::meta::DocSource;

/// Which documents a pass converts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// YAML documents of a structured type.
    Data,
    /// Markdown documents (they may embed the YAML ones).
    Markdown,
}

/// One converted document.
#[derive(Clone)]
pub struct Converted {
    /// Its index in the sources.
    pub index: usize,
    /// The body.
    pub blocks: Vec<Block>,
    /// SHA-256 of everything it prints (see `source::fingerprint`).
    pub fingerprint: String,
    /// What its cover and publication block print from site.yaml.
    pub imprint: Imprint,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
    /// Files under `assets/` it shows or links to.
    pub assets: BTreeSet<String>,
}

/// Converts the documents `which` selects; the others are left for their pass.
pub fn pass(
    sources: &[DocSource],
    which: Which,
    ctx: &Context,
    numbered: &Numbered,
    org: &OrgInfo,
) -> Vec<Converted> {
    sources
        .par_iter()
        .enumerate()
        .filter(|(_, s)| (s.data_type.is_some()) == (which == Which::Data))
        .map(|(i, s)| {
            let mut st = DocState {
                id: s.id.clone(),
                version: s.revisions.latest().version.clone(),
                headings: numbered.headings[i].clone(),
                deps: numbered.deps[i].clone(),
                ..DocState::default()
            };
            let blocks = convert::convert_document(s, ctx, &mut st);
            let imprint = imprint(org, s.kind, &mut st.deps);
            let fp = fingerprint::compute(&s.yaml.value, &s.bodies, &st.deps);
            Converted {
                index: i,
                blocks,
                fingerprint: fp,
                imprint,
                diags: st.diags,
                assets: st.assets,
            }
        })
        .collect()
}
