//! The text of a document cut into sections, for finding an item's hints:
//! a declared section is the heading with everything under it (its
//! subsections too); a candidate is the smallest section holding a hint.

use crate::model::{blocks_text, Block, Document};

/// One heading of a document with the text it stands over.
pub struct Section<'d> {
    /// None for the whole document.
    pub anchor: Option<&'d str>,
    /// `5(1) 参集ルール等`: the numbers of the headings above, then this one's.
    pub label: String,
    /// The heading and all blocks under it, subsections included.
    pub text: String,
    /// The heading and the blocks up to the next heading of any level.
    pub own_text: String,
}

/// Every heading's section, in document order.
pub fn sections(doc: &Document) -> Vec<Section<'_>> {
    let heads: Vec<(usize, u8)> = doc
        .body
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading(h) => Some((i, h.level)),
            _ => None,
        })
        .collect();
    // The numbers of the headings above, so a label reads 5(1)ア, not ア.
    let mut numbers: Vec<(u8, String)> = Vec::new();
    heads
        .iter()
        .enumerate()
        .filter_map(|(k, &(i, level))| {
            let Block::Heading(h) = &doc.body[i] else {
                return None;
            };
            numbers.retain(|(l, _)| *l < level);
            numbers.push((level, h.number.clone().unwrap_or_default()));
            let path: String = numbers.iter().map(|(_, n)| n.as_str()).collect();
            let title = crate::model::plain_text(&h.text);
            let label = if path.is_empty() {
                title
            } else {
                format!("{path} {title}")
            };
            let next_any = heads.get(k + 1).map_or(doc.body.len(), |&(j, _)| j);
            let end = heads[k + 1..]
                .iter()
                .find(|&&(_, l)| l <= level)
                .map_or(doc.body.len(), |&(j, _)| j);
            Some(Section {
                anchor: Some(h.anchor.as_str()),
                label,
                text: blocks_text(&doc.body[i..end]),
                own_text: blocks_text(&doc.body[i..next_any]),
            })
        })
        .collect()
}

/// The section at `anchor` (None: the whole document, with its title).
pub fn section<'d>(doc: &'d Document, anchor: Option<&str>) -> Option<Section<'d>> {
    match anchor {
        None => {
            let text = format!("{}\n{}", doc.title, blocks_text(&doc.body));
            Some(Section {
                anchor: None,
                label: String::new(),
                own_text: text.clone(),
                text,
            })
        }
        Some(a) => sections(doc).into_iter().find(|s| s.anchor == Some(a)),
    }
}

/// The hints that occur in `text` (ASCII letters compared without case).
pub fn hits<'h>(text: &str, hints: &'h [String]) -> Vec<&'h str> {
    let folded = text.to_ascii_lowercase();
    hints
        .iter()
        .filter(|h| folded.contains(&h.to_ascii_lowercase()))
        .map(String::as_str)
        .collect()
}
