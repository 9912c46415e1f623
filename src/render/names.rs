//! The names of the files the renderers write that are not documents, and
//! so the one list of ids a document may not take: a document `x` is
//! written as `html/x.html` and `pdf/x.pdf`, and must not overwrite (or be
//! overwritten by) a page of bcpgen's own. The loader refuses these ids
//! (`source::meta`, `bcpgen new`); the renderers name their files from the
//! same constants, so a new page cannot be added without its name here.

/// `html/index.html`, the bundle's start page.
pub const INDEX: &str = "index";
/// `html/glossary.html`, the glossary page.
pub const GLOSSARY: &str = "glossary";
/// `html/status.html`, the approval status page.
pub const STATUS: &str = "status";
/// `html/search-data.js`, the search index (reserved so that no document
/// page and script of one name sit side by side and confuse a reader).
pub const SEARCH_DATA: &str = "search-data";
/// `html/audit.html`, the guidance audit page (`bcpgen audit`).
pub const AUDIT: &str = "audit";
/// `pdf/binder.pdf`, every document in one PDF.
pub const BINDER: &str = "binder";

/// Ids a document may not take: every name above.
pub const RESERVED_IDS: [&str; 6] = [INDEX, GLOSSARY, STATUS, SEARCH_DATA, BINDER, AUDIT];
