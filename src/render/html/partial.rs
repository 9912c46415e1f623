//! Rendering some documents' pages only (`bcpgen serve` after an edit).
//! bcp.html holds every page, so the single-file sections of the pages not
//! rendered again come from the previous render ([`Sections`]).

use std::collections::{HashMap, HashSet};

use super::links::{AUDIT, GLOSSARY, INDEX, STATUS};
use super::pages::PageOut;
use super::search;
use super::{render_chosen, Chosen, Rendered};
use crate::model::Site;
use crate::render::{RenderResult, Sink};
use crate::theme::Theme;

/// Each document's section of bcp.html and its entries of the two search
/// scripts as the last render made them.
/// Also the theme's templates as parsed: the caller starts a new
/// `Sections` when the theme changes.
#[derive(Default)]
pub struct Sections(
    HashMap<String, (&'static str, PageOut)>,
    HashMap<String, (String, String)>,
    pub(super) Option<tera::Tera>,
);

impl Sections {
    /// Whether a section of document `id` is kept.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// Whether the search entries of document `id` are kept.
    pub(super) fn has_search(&self, id: &str) -> bool {
        self.1.contains_key(id)
    }

    /// Both search scripts (pages, bcp.html) in bundle order: the entries
    /// made now (`made[i]` is the document of `multi[i]` and `single[i]`,
    /// None for the glossary) and the kept ones of every other document.
    /// Keeps the documents' entries for the next render.
    pub(super) fn merge_search<'a>(
        &mut self,
        site: &Site,
        made: impl Iterator<Item = Option<&'a str>>,
        multi: Vec<String>,
        single: Vec<String>,
    ) -> (String, String) {
        let mut glossary = None;
        let mut now: HashMap<&str, (String, String)> = HashMap::new();
        for (id, entry) in made.zip(multi.into_iter().zip(single)) {
            match id {
                Some(id) => {
                    now.insert(id, entry);
                }
                None => glossary = Some(entry),
            }
        }
        let mut kept = HashMap::with_capacity(site.documents.len());
        for d in &site.documents {
            // `render_chosen` makes every entry not kept.
            if let Some(e) = now.remove(d.id.as_str()).or_else(|| self.1.remove(&d.id)) {
                kept.insert(d.id.clone(), e);
            }
        }
        let ordered = site
            .documents
            .iter()
            .filter_map(|d| kept.get(&d.id))
            .chain(glossary.as_ref());
        let out = (
            search::join(ordered.clone().map(|e| e.0.as_str())),
            search::join(ordered.map(|e| e.1.as_str())),
        );
        self.1 = kept;
        out
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

/// Renders the pages of the documents in `ids` plus everything that lists
/// every document (start page, glossary, status, search data, bcp.html),
/// taking the other documents' sections of bcp.html and search entries from
/// `kept` and keeping the new ones there. `shared`: also the files made
/// from the theme and the site's settings alone (theme static files,
/// assets, web app files); a caller that kept them from an earlier render
/// of the same theme and settings passes false. The caller decides which
/// pages an edit touched.
pub fn render_some(
    site: &Site,
    theme: &Theme,
    ids: &HashSet<String>,
    shared: bool,
    kept: &mut Sections,
    sink: &dyn Sink,
) -> RenderResult {
    render_chosen(site, theme, Some(Chosen { ids, kept, shared }), sink)
}
