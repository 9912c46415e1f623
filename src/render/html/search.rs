//! Search data: every page's text cut at its headings, so a hit can link to
//! the heading above it. Embedded as a script that sets a variable because a
//! page opened from file:// cannot fetch. Matching (substring, after NFKC and
//! lower-casing, so 震度６弱 finds 震度6弱) happens in static/app.js.

use serde::Serialize;

use super::links::{Linker, GLOSSARY};
use crate::model::{blocks_text, Block, Site};

#[derive(Serialize)]
struct Page {
    /// Page href.
    u: String,
    /// Page title.
    t: String,
    /// Sections: [href, heading label, text].
    s: Vec<(String, String, String)>,
}

/// `window.BCP_SEARCH = [...]`; `single` selects bcp.html's links.
pub fn search_js(site: &Site, single: bool) -> String {
    let mut pages = Vec::with_capacity(site.documents.len() + 1);
    for d in &site.documents {
        let link = if single {
            Linker::single(&d.id)
        } else {
            Linker::multi(&d.id)
        };
        let page_href = Linker { page: "", ..link }.href(&d.id, None);
        let mut sections: Vec<(String, String, String)> =
            vec![(page_href.clone(), String::new(), String::new())];
        for b in &d.body {
            match b {
                Block::Heading(h) => sections.push((
                    Linker { page: "", ..link }.href(&d.id, Some(&h.anchor)),
                    h.label(),
                    String::new(),
                )),
                other => {
                    let text = blocks_text(std::slice::from_ref(other));
                    let cur = &mut sections.last_mut().expect("starts with one").2;
                    cur.push_str(text.trim_end());
                    cur.push('\n');
                }
            }
        }
        sections.retain(|s| !s.1.is_empty() || !s.2.is_empty());
        pages.push(Page {
            u: page_href,
            t: d.title.clone(),
            s: sections,
        });
    }
    if !site.glossary.is_empty() {
        let link = if single {
            Linker::single("")
        } else {
            Linker::multi("")
        };
        pages.push(Page {
            u: link.href(GLOSSARY, None),
            t: "用語集".into(),
            s: site
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
                    (link.href(GLOSSARY, Some(&t.anchor)), t.term.clone(), text)
                })
                .collect(),
        });
    }
    let json = serde_json::to_string(&pages).expect("strings only");
    // `<` only occurs inside JSON strings, where \u003c means the same; this
    // keeps `</script>` in a document's text from ending the inline script.
    format!("window.BCP_SEARCH={};\n", json.replace('<', "\\u003c"))
}
