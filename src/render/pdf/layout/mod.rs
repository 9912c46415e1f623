//! Japanese typesetting: the document model in, positioned text and lines
//! out. Knows nothing of PDF bytes; fonts only through `crate::font::FontMetrics`.

pub mod blocks;
pub mod boxes;
pub mod document;
pub mod figure;
pub mod keep;
pub mod paginate;
pub mod reference;
pub mod roles;
pub mod spacing;
pub mod structured;
pub mod table;
pub mod text;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::font::FontMetrics;
use boxes::{FontKind, Target};

/// The two faces' metrics, parsed once per build.
pub struct Fonts<'a> {
    /// Body face.
    pub mincho: FontMetrics<'a>,
    /// Heading and table face.
    pub gothic: FontMetrics<'a>,
}

impl<'a> Fonts<'a> {
    /// The metrics of `kind`.
    pub fn get(&self, kind: FontKind) -> &FontMetrics<'a> {
        match kind {
            FontKind::Mincho => &self.mincho,
            FontKind::Gothic => &self.gothic,
        }
    }
}

/// Where a document is being laid out: alone, or inside the binder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A document's own PDF.
    Single,
    /// The binder: every document in one PDF.
    Binder,
}

/// Everything one layout pass of one document needs.
pub struct Ctx<'a> {
    /// Both faces' metrics.
    pub fonts: &'a Fonts<'a>,
    /// The site.
    pub site: &'a crate::model::Site,
    /// The document being laid out.
    pub doc_id: String,
    /// Alone or in the binder.
    pub mode: Mode,
    /// Anchor key → page number, from the previous pass (empty in the first).
    pub pages: &'a BTreeMap<String, usize>,
    /// Characters the fonts lack, reported as errors after layout.
    pub missing: RefCell<BTreeSet<char>>,
    /// Every page number this pass asked for, with the answer it got: the
    /// layout depends on `pages` through these alone (see `Lookups::settled`).
    pub lookups: RefCell<Lookups>,
    /// The structure nodes this pass made (see `roles`).
    pub tree: RefCell<roles::Tree>,
    /// Whether the layout asked about another document (a reference or a
    /// link to it), which reads differently alone and in the binder.
    pub other_docs: std::cell::Cell<bool>,
}

/// Page numbers one layout pass read, and what it read.
#[derive(Clone, Debug, Default)]
pub struct Lookups(BTreeMap<String, Option<usize>>);

impl Lookups {
    /// Whether the pass read no page number at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a pass given `pages` would read the same numbers: then it
    /// would lay out exactly the same, and no further pass is needed.
    pub fn settled(&self, pages: &BTreeMap<String, usize>) -> bool {
        self.0.iter().all(|(k, v)| pages.get(k).copied() == *v)
    }

    /// Adds the lookups of another pass or part.
    pub fn extend(&mut self, other: Lookups) {
        self.0.extend(other.0);
    }

    /// The documents whose pages the pass read (the part of each key
    /// before `#`).
    pub fn documents(&self) -> BTreeSet<&str> {
        self.0
            .keys()
            .map(|k| k.split_once('#').map_or(k.as_str(), |(d, _)| d))
            .collect()
    }
}

impl<'a> Ctx<'a> {
    /// The context of laying out `doc_id` in `mode`.
    pub fn new(
        fonts: &'a Fonts<'a>,
        site: &'a crate::model::Site,
        doc_id: &str,
        mode: Mode,
        pages: &'a BTreeMap<String, usize>,
    ) -> Ctx<'a> {
        Ctx {
            fonts,
            site,
            doc_id: doc_id.to_string(),
            mode,
            pages,
            missing: RefCell::new(BTreeSet::new()),
            lookups: RefCell::new(Lookups::default()),
            tree: RefCell::new(roles::Tree::default()),
            other_docs: std::cell::Cell::new(false),
        }
    }

    /// The page of an anchor key from the previous pass, recorded.
    pub fn page_of(&self, key: &str) -> Option<usize> {
        let p = self.pages.get(key).copied();
        self.lookups.borrow_mut().0.insert(key.to_string(), p);
        p
    }

    /// Advance of `c` in ems; a character the font lacks is recorded.
    pub fn advance(&self, font: FontKind, c: char) -> f32 {
        match self.fonts.get(font).advance(c) {
            Some(a) => a,
            None => {
                if !c.is_control() {
                    self.missing.borrow_mut().insert(c);
                }
                1.0
            }
        }
    }

    /// The width of `s` in `font` at `size` points.
    pub fn width(&self, font: FontKind, size: f32, s: &str) -> f32 {
        s.chars().map(|c| self.advance(font, c)).sum::<f32>() * size
    }

    /// Whether a document's pages are part of the PDF being made.
    pub fn contains_doc(&self, id: &str) -> bool {
        if id != self.doc_id {
            self.other_docs.set(true);
        }
        match self.mode {
            Mode::Single => id == self.doc_id,
            Mode::Binder => self.site.document(id).is_some(),
        }
    }

    /// The link target of an internal reference: an anchor of this PDF, or
    /// a named destination of the other document's own PDF (every PDF
    /// names its anchors in a `/Dests` tree, see `writer`).
    pub fn target(&self, doc: &str, anchor: Option<&str>) -> Target {
        let key = anchor_key(doc, anchor);
        if self.contains_doc(doc) {
            Target::Anchor(key)
        } else {
            Target::File {
                file: format!("{doc}.pdf"),
                dest: key,
            }
        }
    }

    /// Page of an anchor for 「（P.n）」, a placeholder of two digits until
    /// a pass knows it. A section of another document has the page of that
    /// document's own PDF when laid out alone (`pages` then holds every
    /// document's anchors); a whole other document has a page only in the
    /// binder (alone, it is the first page of its own file).
    pub fn page_ref(&self, doc: &str, anchor: Option<&str>) -> Option<String> {
        if anchor.is_none() && !self.contains_doc(doc) {
            return None;
        }
        Some(match self.page_of(&anchor_key(doc, anchor)) {
            Some(p) => p.to_string(),
            None => "00".to_string(),
        })
    }
}

/// The key of an anchor of a document (`plan#purpose`), or of the whole document (`plan`).
pub fn anchor_key(doc: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) => format!("{doc}#{a}"),
        None => doc.to_string(),
    }
}
