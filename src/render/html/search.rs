//! Search data: every page's text cut at its headings, so a hit can link to
//! the heading above it. Embedded as a script that sets a variable because a
//! page opened from file:// cannot fetch. Matching (substring, after NFKC and
//! lower-casing, so 震度６弱 finds 震度6弱) and ranking happen in
//! static/app.js; each page carries its kind for the ranking.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

use super::links::{Linker, GLOSSARY};
use crate::model::{blocks_text, Block, Site};

#[derive(Serialize)]
struct Page<'a> {
    /// Page href.
    u: String,
    /// Page title.
    t: &'a str,
    /// Document kind (`manual`, `plan` …) or `glossary`: the script ranks by it.
    k: &'a str,
    /// Sections: [href, heading label, text].
    s: Vec<(String, &'a str, &'a str)>,
}

/// One page's searchable text, cut at its headings; the same for both link
/// styles, so it is extracted once per build.
pub struct PageText<'s> {
    /// Document id, or the glossary page.
    page: &'s str,
    title: &'s str,
    /// Document kind, or `glossary`.
    kind: &'s str,
    /// (anchor, heading label, text); the first has no anchor.
    sections: Vec<(Option<&'s str>, String, String)>,
}

impl PageText<'_> {
    /// The document's id (None: the glossary's page).
    pub fn document(&self) -> Option<&str> {
        (self.kind != "glossary").then_some(self.page)
    }
}

/// The text of every document `want` accepts, then the glossary's.
pub fn texts<'s>(
    site: &'s Site,
    want: &(dyn Fn(&crate::model::Document) -> bool + Sync),
) -> Vec<PageText<'s>> {
    let mut pages: Vec<PageText> = site
        .documents
        .par_iter()
        .filter(|d| want(d))
        .map(|d| {
            let mut sections = vec![(None, String::new(), String::new())];
            for b in &d.body {
                match b {
                    Block::Heading(h) => {
                        sections.push((Some(h.anchor.as_str()), h.label(), String::new()))
                    }
                    other => {
                        let text = blocks_text(std::slice::from_ref(other));
                        let cur = &mut sections.last_mut().expect("starts with one").2;
                        cur.push_str(text.trim_end());
                        cur.push('\n');
                    }
                }
            }
            sections.retain(|s| !s.1.is_empty() || !s.2.is_empty());
            PageText {
                page: &d.id,
                title: &d.title,
                kind: d.kind.as_str(),
                sections,
            }
        })
        .collect();
    if !site.glossary.is_empty() {
        pages.push(PageText {
            page: GLOSSARY,
            title: "用語集",
            kind: "glossary",
            sections: site
                .glossary
                .iter()
                .map(|t| {
                    let mut text = blocks_text(&t.description);
                    if let Some(r) = &t.reading {
                        text.push_str(r);
                    }
                    for a in &t.aliases {
                        text.push(' ');
                        text.push_str(a);
                    }
                    (Some(t.anchor.as_str()), t.term.clone(), text)
                })
                .collect(),
        });
    }
    pages
}

/// Each page's entry of the search data, in the order of `pages`; `single`
/// selects bcp.html's links.
pub fn parts(pages: &[PageText], single: bool) -> Vec<String> {
    // Pages serialize in parallel; the array is their concatenation.
    pages
        .par_iter()
        .map(|p| {
            let link = Linker {
                page: "",
                ..if single {
                    Linker::single(p.page)
                } else {
                    Linker::multi(p.page)
                }
            };
            let page = Page {
                u: link.href(p.page, None),
                t: p.title,
                k: p.kind,
                s: p.sections
                    .iter()
                    .map(|(anchor, label, text)| {
                        (link.href(p.page, *anchor), label.as_str(), text.as_str())
                    })
                    .collect(),
            };
            let mut out = Vec::new();
            page.serialize(&mut Serializer::with_formatter(&mut out, ScriptSafe))
                .expect("strings only");
            String::from_utf8(out).expect("serde_json writes UTF-8")
        })
        .collect()
}

/// `window.BCP_SEARCH = [...]` of the pages' entries, in the order given.
pub fn join<'a>(parts: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut out = String::with_capacity(parts.clone().map(str::len).sum::<usize>() + 32);
    out.push_str("window.BCP_SEARCH=[");
    for (i, p) in parts.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(p);
    }
    out.push_str("];\n");
    out
}

/// Compact JSON whose strings spell `<` as \u003c, so `</script>` in a
/// document's text cannot end the inline script. `<` occurs in JSON only
/// inside strings, where both spellings mean the same.
struct ScriptSafe;

impl Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut parts = fragment.split('<');
        if let Some(first) = parts.next() {
            w.write_all(first.as_bytes())?;
        }
        for p in parts {
            w.write_all(b"\\u003c")?;
            w.write_all(p.as_bytes())?;
        }
        Ok(())
    }
}
