//! The convert pass: one document at a time, its Markdown (numbered
//! headings, `@` references, images, `bcp` embeds on top of pulldown-cmark)
//! or its structured data → [`draft`] blocks, in one parse. It reads nothing
//! from elsewhere in the site — it cannot: it is given no site facts — and
//! leaves every reference, image, glossary mark and embed pending for the
//! resolve pass, which records each fact it fills in.

pub mod draft;
mod embed;
pub mod headings;
pub mod join;
mod parse;

use crate::diag::Diagnostic;
use crate::source::meta::DocSource;
use draft::{DataDraft, Draft};
use headings::HeadingInfo;

pub use embed::scalar;
pub use parse::parse_body;

/// What converting one document's texts carries from one text to the next.
#[derive(Default)]
pub struct Converter {
    /// Headings from the pre-pass, taken in order.
    pub headings: Vec<HeadingInfo>,
    /// Index into `headings` of the next heading to convert.
    pub next_heading: usize,
    /// Nesting depth of the Markdown being converted, across the `bcp`
    /// blocks inside table cells (checked against `limits::MAX_MARKDOWN_DEPTH`).
    pub depth: usize,
    /// Whether site.yaml lets raw HTML through as literal text.
    pub allow_raw_html: bool,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
}

/// One text of a document converted: the file it came from and its drafts.
pub struct DraftText {
    /// The file, as messages name it.
    pub file: String,
    /// Its draft blocks.
    pub blocks: Vec<Draft>,
}

/// Converts a whole document: its Markdown bodies, or its structured data
/// (its `description` first).
pub fn document(s: &DocSource, cv: &mut Converter) -> Vec<DraftText> {
    let Some(ty) = s.data_type else {
        return s
            .bodies
            .iter()
            .map(|(file, line, text)| DraftText {
                file: file.clone(),
                blocks: parse_body(text, file, *line, cv),
            })
            .collect();
    };
    let file = &s.yaml.file;
    let mut blocks = Vec::new();
    if let Some(desc) = &s.description {
        let line = s.yaml.lines.line("description").map(|l| l + 1);
        blocks.extend(parse_body(desc, file, line.unwrap_or(1), cv));
    }
    if let Some(map) = s.yaml.value.as_mapping() {
        // The type's own keys are checked by its shape; the rest are metadata.
        let mut around = vec!["type"];
        around.extend(crate::source::raw::META_KEYS);
        match crate::source::data_type::DataYaml::read(ty, &s.yaml, map, &around) {
            Ok(data) => blocks.push(Draft::Data(DataDraft {
                yaml: s.yaml.clone(),
                map: map.clone(),
                data,
            })),
            Err(d) => cv.diags.push(d),
        }
    }
    vec![DraftText {
        file: file.clone(),
        blocks,
    }]
}

#[cfg(test)]
mod tests {
    use super::draft::{Draft, DraftInline, EmbedKind};
    use super::*;

    /// Conversion is given no site, so a reference to a document nobody
    /// wrote, an image that is not there and an embed naming an unknown
    /// mode are not its business: they stay pending, with their lines, for
    /// the resolve pass. Only what the text itself gets wrong is reported.
    #[test]
    fn conversion_leaves_what_the_site_answers_pending() {
        let text = "段落の[](@nowhere#x)参照。\n\n![図](assets/none.png)\n\n```bcp\nembed: roles\nmode: unknown\n```\n\n```bcp\nembed: nothing\n```\n";
        let mut cv = Converter::default();
        let drafts = parse_body(text, "c.md", 10, &mut cv);
        // The image's paragraph holds nothing else: an empty draft the
        // resolve pass drops.
        let drafts: Vec<Draft> = drafts
            .into_iter()
            .filter(|d| !matches!(d, Draft::Paragraph(i) if i.is_empty()))
            .collect();
        let Draft::Paragraph(inlines) = &drafts[0] else {
            panic!("a paragraph first")
        };
        assert!(inlines.iter().any(|i| matches!(
            i,
            DraftInline::Link { dest, line: 10, .. } if dest == "@nowhere#x"
        )));
        assert!(
            matches!(&drafts[1], Draft::Image(i) if i.dest == "assets/none.png" && i.line == 12)
        );
        assert!(matches!(&drafts[2], Draft::Embed(e) if e.kind == EmbedKind::Roles));
        assert_eq!(drafts.len(), 3, "the unknown embed kind is dropped");
        assert_eq!(cv.diags.len(), 1, "{:?}", cv.diags);
        assert!(cv.diags[0]
            .message
            .starts_with("知らない埋め込みの種類です"));
        assert_eq!(cv.diags[0].line, Some(20));
    }
}
