//! The glossary's descriptions converted (they may link to documents; they
//! carry no ※ marks themselves).

use std::collections::BTreeSet;

use crate::convert::{self, Converter};
use crate::diag::Diagnostics;
use crate::model::Term;
use crate::resolve::{resolve_blocks, Context, DocState};
use crate::source::raw::TermYaml;
use crate::source::yaml::Yaml;

/// glossary.yaml's entries as model terms, anchors numbered in file order.
pub fn terms(
    raw: &[(TermYaml, usize)],
    yaml: Option<&Yaml>,
    ctx: &Context,
    used_assets: &mut BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Vec<Term> {
    let Some(yaml) = yaml else { return vec![] };
    let mut st = DocState {
        id: "glossary".into(),
        ..DocState::default()
    };
    let terms = raw
        .iter()
        .enumerate()
        .map(|(i, (t, line))| {
            let mut cv = Converter {
                allow_raw_html: ctx.allow_raw_html(),
                ..Converter::default()
            };
            let drafts = convert::parse_body(&t.description, &yaml.file, *line, &mut cv);
            st.diags.append(&mut cv.diags);
            Term {
                term: t.term.clone(),
                reading: t.reading.clone(),
                aliases: t.aliases.clone(),
                description: resolve_blocks(drafts, &yaml.file, ctx, &mut st),
                anchor: format!("term-{}", i + 1),
            }
        })
        .collect();
    diags.0.extend(st.diags);
    used_assets.extend(st.assets);
    terms
}
