//! The convert and resolve passes over the site: each document converted
//! to drafts and resolved with [`Context`] (in parallel), then imprinted
//! and fingerprinted.
//! YAML documents go first, as their own pass, because Markdown documents
//! may embed them (`embed: document` places their converted blocks).

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::cache::{self, Cache, Digest};
use super::imprint::imprint;
use super::targets::Numbered;
use crate::convert::{self, Converter};
use crate::diag::Diagnostic;
use crate::model::{Block, Imprint, OrgInfo};
use crate::resolve::{resolve_blocks, Context, DocState};
use crate::source::fingerprint::{self, Deps};
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
    /// Every fact it read from elsewhere, as its fingerprint covers them
    /// (a serve session checks the embedded ones before reusing it).
    pub deps: Deps,
}

/// What a pass may reuse: the cache, and the digest of what every
/// conversion reads besides its own sources (see [`cache`]).
pub struct Reuse<'c> {
    /// The previous load's conversions.
    pub cache: &'c Cache,
    /// Each source's key (see `documents::Documents::keys`).
    pub keys: &'c [Digest],
    /// [`cache::shared_facts`] of this load.
    pub shared: Digest,
    /// An embedded document's fingerprint as this pass's conversions read
    /// it (`resolve::Context::embedded`); None: no such document.
    pub fingerprint_of: &'c (dyn Fn(&str) -> Option<String> + Sync),
}

/// Converts the documents `which` selects; the others are left for their
/// pass. A document whose inputs are those of a conversion `reuse` kept is
/// not converted again.
pub fn pass(
    sources: &[DocSource],
    which: Which,
    ctx: &Context,
    numbered: &Numbered,
    org: &OrgInfo,
    reuse: &Reuse,
) -> Vec<Converted> {
    sources
        .par_iter()
        .enumerate()
        .filter(|(_, s)| (s.data_type.is_some()) == (which == Which::Data))
        .map(|(i, s)| {
            let key = if reuse.cache.is_on() {
                cache::combine(&[&reuse.keys[i], &reuse.shared, &[which as u8]])
            } else {
                Digest::default()
            };
            let mut c = reuse.cache.converted.get(
                key,
                |c| cache::embeds_unchanged(c, reuse.fingerprint_of),
                // The bytes of files under assets/ are not in the key.
                |c| c.assets.is_empty(),
                || convert_one(i, s, ctx, numbered, org),
            );
            c.index = i;
            c
        })
        .collect()
}

fn convert_one(
    i: usize,
    s: &DocSource,
    ctx: &Context,
    numbered: &Numbered,
    org: &OrgInfo,
) -> Converted {
    let mut cv = Converter {
        headings: numbered.headings[i].clone(),
        allow_raw_html: ctx.allow_raw_html(),
        ..Converter::default()
    };
    let texts = convert::document(s, &mut cv);
    let mut st = DocState {
        id: s.id.clone(),
        version: s.revisions.latest().version.clone(),
        deps: numbered.deps[i].clone(),
        diags: cv.diags,
        ..DocState::default()
    };
    let files: Vec<String> = texts.iter().map(|t| t.file.clone()).collect();
    let mut blocks = Vec::new();
    for t in texts {
        blocks.extend(resolve_blocks(t.blocks, &t.file, ctx, &mut st));
    }
    // Conversion's problems and resolution's are found in two walks; they
    // are told in reading order, file by file and line by line.
    st.diags.sort_by_key(|d| {
        let file = files.iter().position(|f| *f == d.file);
        (file.unwrap_or(usize::MAX), d.line.unwrap_or(0))
    });
    let imprint = imprint(org, s.kind, &mut st.deps);
    let fp = fingerprint::compute(&s.yaml.value, &s.bodies, &st.deps);
    Converted {
        index: i,
        blocks,
        fingerprint: fp,
        imprint,
        diags: st.diags,
        assets: st.assets,
        deps: st.deps,
    }
}
