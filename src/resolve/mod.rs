//! The resolve pass: a document's draft blocks (see `convert::draft`) →
//! model blocks. It fills in every pending part from the site-wide facts —
//! other documents (references, embeds, lists), roles, units, trainings,
//! the glossary, images — read only through accessors ([`Context`]) that
//! each record the typed dependency ([`crate::source::fingerprint::Dep`])
//! with the value read, so the fingerprint covers every fact a page prints
//! from elsewhere by construction.

mod blocks;
mod contact_role;
mod data;
mod diagram;
mod embed;
pub mod facts;
pub mod glossary;
pub mod table_shape;

use std::collections::HashMap;

use crate::model::{Block, Kind};

pub use blocks::{resolve_blocks, DocState};
pub use facts::{Assets, Context, DocEntry, EmbedResult, Facts, Reference, UnitRow};
pub use glossary::GlossaryMatcher;

/// What a reference can point at: every document of the site, with its
/// headings, whether this edition includes it, and (for YAML documents) the
/// blocks `embed: document` places.
#[derive(Clone, Debug)]
pub struct Target {
    /// The document's title.
    pub title: String,
    /// Its kind.
    pub kind: Kind,
    /// Whether the edition being built includes it.
    pub included: bool,
    /// Anchor → `(1) 計画の目的と位置付け`.
    pub headings: HashMap<String, String>,
    /// Body blocks of a structured (YAML) document, once converted.
    pub structured: Option<Vec<Block>>,
    /// Fingerprint of the target, once known (embedders include it in theirs).
    pub fingerprint: Option<String>,
}
