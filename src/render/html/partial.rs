//! Rendering some documents' pages only (`bcpgen serve` after an edit).
//! The search data holds every document, so the entries of the documents
//! not rendered again come from the previous render ([`Sections`]).

use std::collections::{HashMap, HashSet};

use super::search;
use super::{render_chosen, Chosen};
use crate::model::Site;
use crate::render::{RenderResult, Sink};
use crate::theme::Theme;

/// What a render of some pages takes from the previous one: each
/// document's entry of the search data, and the theme's templates as parsed
/// (the caller starts a new `Sections` when the theme changes).
#[derive(Default)]
pub struct Sections(HashMap<String, String>, pub(super) Option<tera::Tera>);

impl Sections {
    /// Whether the search entry of document `id` is kept.
    pub(super) fn has_search(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// The search data in bundle order: the entries made now (`made[i]` is
    /// the document of `entries[i]`, None for the glossary) and the kept
    /// ones of every other document. Keeps the documents' entries for the
    /// next render (those of documents gone are dropped).
    pub(super) fn merge_search<'a>(
        &mut self,
        site: &Site,
        made: impl Iterator<Item = Option<&'a str>>,
        entries: Vec<String>,
    ) -> String {
        let mut glossary = None;
        let mut now: HashMap<&str, String> = HashMap::new();
        for (id, entry) in made.zip(entries) {
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
            if let Some(e) = now.remove(d.id.as_str()).or_else(|| self.0.remove(&d.id)) {
                kept.insert(d.id.clone(), e);
            }
        }
        let ordered = site
            .documents
            .iter()
            .filter_map(|d| kept.get(&d.id))
            .chain(glossary.as_ref())
            .map(String::as_str);
        let out = search::join(ordered);
        self.0 = kept;
        out
    }
}

/// Renders the pages of the documents in `ids` plus everything that lists
/// every document (start page, glossary, status, search data; not
/// bcp.html, which serve makes when asked for), taking the other
/// documents' search entries from `kept` and keeping the new ones there. `shared`: also the files made
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
