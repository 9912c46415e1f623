//! Where links point. The multi-page bundle links `doc.html#anchor`; the
//! single file (bcp.html) holds every page as a section, so the same link
//! becomes `#doc--anchor` and every id on a page is prefixed with `doc--`.

pub use crate::render::names::{AUDIT, GLOSSARY, INDEX, STATUS};

/// Writes links from one page: to files in the bundle, or to sections of `bcp.html`.
#[derive(Clone, Copy, Debug)]
pub struct Linker<'a> {
    /// Rendering for bcp.html.
    pub single: bool,
    /// The page being rendered (a document id or one of the reserved pages).
    pub page: &'a str,
}

impl<'a> Linker<'a> {
    /// Links from `page` of the multi-file bundle.
    pub fn multi(page: &'a str) -> Self {
        Linker {
            single: false,
            page,
        }
    }
    /// Links from `page`'s section of `bcp.html`.
    pub fn single(page: &'a str) -> Self {
        Linker { single: true, page }
    }

    /// The href of `page`, optionally at `anchor`.
    pub fn href(&self, page: &str, anchor: Option<&str>) -> String {
        match (self.single, anchor) {
            (true, Some(a)) => format!("#{page}--{a}"),
            (true, None) => format!("#{page}"),
            (false, Some(a)) if page == self.page => format!("#{a}"),
            (false, Some(a)) => format!("{page}.html#{a}"),
            (false, None) => format!("{page}.html"),
        }
    }

    /// The href of a 新旧対照表 of the bundle (`compare/<stem>.html`, beside
    /// `bcp.html` and one folder up from the pages).
    pub fn compare(&self, stem: &str) -> String {
        if self.single {
            format!("compare/{stem}.html")
        } else {
            format!("../compare/{stem}.html")
        }
    }

    /// The id attribute for `anchor` on the current page.
    pub fn id(&self, anchor: &str) -> String {
        if self.single {
            format!("{}--{anchor}", self.page)
        } else {
            anchor.to_string()
        }
    }

    /// Prefix templates put before their own ids (`revisions`, `toc`).
    pub fn prefix(&self) -> String {
        if self.single {
            format!("{}--", self.page)
        } else {
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_and_single_links() {
        let m = Linker::multi("plan");
        assert_eq!(m.href("plan", Some("purpose")), "#purpose");
        assert_eq!(
            m.href("earthquake", Some("first-actions")),
            "earthquake.html#first-actions"
        );
        assert_eq!(m.href("glossary", None), "glossary.html");
        let s = Linker::single("plan");
        assert_eq!(s.href("plan", Some("purpose")), "#plan--purpose");
        assert_eq!(s.href("earthquake", None), "#earthquake");
        assert_eq!(s.id("purpose"), "plan--purpose");
    }
}
