//! What `bcpgen status` shows in its 「変更」 column: how many blocks of
//! each document differ from its latest approved text, counted by the
//! same alignment as the 新旧対照表. The repository's log is read once and
//! each commit's content loaded once, whatever the number of documents.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use super::history::{Approved, Finder};
use super::version::load_commit;
use crate::model::{Edition, Site};

/// Each document's changed blocks since its latest approval, by id; None
/// when the approved text is not in the history (no git, a shallow clone,
/// the revision recorded together with a later one, a document that
/// was not there). Empty outside git.
pub fn changed_blocks(content: &Path, site: &Site) -> BTreeMap<String, Option<usize>> {
    let mut out = BTreeMap::new();
    let Ok(finder) = Finder::open(content) else {
        return out;
    };
    let mut sites: HashMap<String, Option<Arc<Site>>> = HashMap::new();
    for doc in &site.documents {
        let rel = doc.source.rel().to_string_lossy().replace('\\', "/");
        let count = match finder.approved(&rel, &doc.latest().version) {
            Ok(Approved::At { commit, .. }) => sites
                .entry(commit.clone())
                .or_insert_with(|| {
                    load_commit(&finder, &commit, site.build_date, Edition::Staff).ok()
                })
                .as_ref()
                .and_then(|old| old.document(&doc.id))
                .map(|old| super::Counts::of(&super::align_documents(old, doc)).total()),
            _ => None,
        };
        out.insert(doc.id.clone(), count);
    }
    out
}
