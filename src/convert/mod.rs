//! The convert pass: one document at a time, its Markdown (numbered
//! headings, `@` references, glossary marks, `bcp` embeds, Japanese line
//! joins on top of pulldown-cmark) or its structured data → model blocks, in
//! one parse. Every fact it needs from elsewhere in the site is read through
//! the resolve pass's [`Context`], which records the dependency.

mod contact_role;
pub mod data;
mod diagram;
pub mod embed;
pub mod headings;
pub mod join;
mod parse;
pub mod table_shape;

use std::collections::HashSet;

use crate::diag::Diagnostic;
use crate::model::Block;
use crate::resolve::Context;
use crate::source::data_type::DataType;
use crate::source::fingerprint::Deps;

pub use parse::parse_body;

/// Per-document state carried across its chapter files.
#[derive(Default)]
pub struct DocState {
    /// The document's id.
    pub id: String,
    /// The document's current version (it keys embedded data's storage).
    pub version: String,
    /// Terms already marked in this document.
    pub glossary_used: HashSet<usize>,
    /// Headings from the pre-pass, consumed in order.
    pub headings: Vec<headings::HeadingInfo>,
    /// Index into `headings` of the next heading to convert.
    pub next_heading: usize,
    /// Embeds placed so far, numbering their storage keys.
    pub embed_count: usize,
    /// Nesting depth of the Markdown being converted, across the `bcp`
    /// blocks inside table cells (checked against `limits::MAX_MARKDOWN_DEPTH`).
    pub depth: usize,
    /// Figures placed so far, numbering their keys.
    pub figure_count: usize,
    /// Every fact the content drew from elsewhere, with the value read
    /// (recorded by `Context`'s accessors; the fingerprint is computed from it).
    pub deps: Deps,
    /// Files under `assets/` the text shows or links to (content-relative).
    pub assets: std::collections::BTreeSet<String>,
    /// Problems found while converting.
    pub diags: Vec<Diagnostic>,
}

/// Converts a whole document: its Markdown bodies, or its structured data.
pub fn convert_document(
    s: &crate::source::meta::DocSource,
    ctx: &Context,
    st: &mut DocState,
) -> Vec<Block> {
    let Some(ty) = &s.data_type else {
        let mut out = Vec::new();
        for (file, line, text) in &s.bodies {
            out.extend(parse_body(text, file, *line, ctx, st));
        }
        return out;
    };
    let mut p = parse::P::new("", &s.yaml.file, 1, ctx, st);
    let mut out = Vec::new();
    if let Some(desc) = &s.description {
        let line = s.yaml.lines.line("description").map(|l| l + 1);
        out.extend(p.markdown_blocks(desc, line));
    }
    let Some(map) = s.yaml.value.as_mapping() else {
        return out;
    };
    // The type's own keys are checked by its shape; the rest are metadata.
    let mut around = vec!["type"];
    around.extend(crate::source::raw::META_KEYS);
    let data = match crate::source::data_type::DataYaml::read(*ty, &s.yaml, map, &around) {
        Ok(data) => data,
        Err(d) => {
            p.st.diags.push(d);
            return out;
        }
    };
    // A diagram document is drawn as a figure; the other types are data.
    if *ty == DataType::Diagram {
        if let Some(d) = p.diagram(&s.yaml, map, "") {
            p.st.figure_count += 1;
            out.push(Block::Figure(crate::model::Figure {
                caption: None,
                diagram: d,
                key: format!("{}-fig{}", s.id, p.st.figure_count),
            }));
        }
    } else if let Some(data) = p.structured(data, &s.yaml) {
        out.push(p.embedded(data, None));
    }
    out
}
