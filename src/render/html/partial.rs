//! Rendering some documents' pages only (`bcpgen serve` after an edit).
//! bcp.html holds every page, so the single-file sections of the pages not
//! rendered again come from the previous render ([`Sections`]).

use std::collections::{HashMap, HashSet};

use super::links::{AUDIT, GLOSSARY, INDEX, STATUS};
use super::pages::PageOut;
use super::{render_chosen, Chosen, Rendered};
use crate::model::Site;
use crate::render::{RenderResult, Sink};
use crate::theme::Theme;

/// Each document's section of bcp.html as the last render made it.
#[derive(Default)]
pub struct Sections(HashMap<String, (&'static str, PageOut)>);

impl Sections {
    /// Whether a section of document `id` is kept.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// Every page of bcp.html in bundle order: the rendered ones, and the
    /// kept section of each document not rendered this time.
    pub(super) fn merge<'s>(&self, site: &'s Site, rendered: Rendered<'s>) -> Rendered<'s> {
        let mut now: HashMap<&str, (&'s str, &'static str, PageOut)> =
            rendered.into_iter().map(|r| (r.0, r)).collect();
        let mut out = Vec::with_capacity(site.documents.len() + 3);
        out.extend(now.remove(INDEX));
        for d in &site.documents {
            match now.remove(d.id.as_str()) {
                Some(r) => out.push(r),
                None => {
                    // `render_chosen` renders every section not kept.
                    if let Some((kind, page)) = self.0.get(&d.id) {
                        out.push((d.id.as_str(), *kind, page.clone()));
                    }
                }
            }
        }
        out.extend(now.remove(GLOSSARY));
        out.extend(now.remove(STATUS));
        out
    }

    /// Keeps the documents' sections of a merged render (documents that
    /// are gone are dropped with the old map).
    pub(super) fn keep(&mut self, merged: Rendered) {
        self.0 = merged
            .into_iter()
            .filter(|(name, _, _)| ![INDEX, GLOSSARY, STATUS, AUDIT].contains(name))
            .map(|(name, kind, page)| (name.to_string(), (kind, page)))
            .collect();
    }
}

/// Renders the pages of the documents in `ids` plus everything shared (start
/// page, glossary, status, search data, theme files, bcp.html), taking the
/// other documents' sections of bcp.html from `kept` and keeping the new
/// ones there. The caller decides which pages an edit touched.
pub fn render_some(
    site: &Site,
    theme: &Theme,
    ids: &HashSet<String>,
    kept: &mut Sections,
    sink: &dyn Sink,
) -> RenderResult {
    render_chosen(site, theme, Some(Chosen { ids, kept }), sink)
}
