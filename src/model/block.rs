//! The block tree both renderers read. Everything a source can say — Markdown,
//! embeds, structured YAML — becomes these blocks, with references resolved.

use super::diagram::Diagram;
use super::structured::Structured;

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(Heading),
    Paragraph(Vec<Inline>),
    List(List),
    Table(Table),
    Quote(Vec<Block>),
    Code(String),
    Rule,
    Figure(Figure),
    Structured(Embedded),
    /// An image from `content/assets/`: `src` is the content-relative path
    /// (`assets/map.png`), a key of `Site::assets`; `caption` is the
    /// Markdown title (`![alt](src "caption")`), shown under it, or else `alt`.
    Image {
        src: String,
        alt: String,
        caption: Option<String>,
    },
    /// A footnote's text, placed where the source defined it.
    Footnote {
        label: String,
        blocks: Vec<Block>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// 1 for `#` — the document's chapters.
    pub level: u8,
    /// `1`, `(1)`, `ア` … as site.yaml styles it; None for `{.unnumbered}`.
    pub number: Option<String>,
    pub text: Vec<Inline>,
    /// Unique inside its document.
    pub anchor: String,
}

impl Heading {
    /// Number and title as a cross-reference shows them: `(1) 計画の目的と位置付け`.
    pub fn label(&self) -> String {
        let title = plain_text(&self.text);
        match &self.number {
            Some(n) => format!("{n} {title}"),
            None => title,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct List {
    pub ordered: bool,
    pub start: u64,
    pub items: Vec<Vec<Block>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// 図・表 title as written (`表 …`, `<平常時の役割>`).
    pub caption: Option<String>,
    pub header: Vec<Row>,
    pub rows: Vec<Row>,
    /// Relative column widths, one per column, when the source gave them.
    pub widths: Option<Vec<f32>>,
}

impl Table {
    /// Number of columns, counting colspans of the widest row.
    pub fn columns(&self) -> usize {
        self.header
            .iter()
            .chain(&self.rows)
            .map(|r| r.cells.iter().map(|c| c.colspan as usize).sum::<usize>())
            .max()
            .unwrap_or(0)
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub blocks: Vec<Block>,
    pub rowspan: u32,
    pub colspan: u32,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        Cell::blocks(if s.is_empty() {
            vec![]
        } else {
            vec![Block::Paragraph(vec![Inline::Text(s.to_string())])]
        })
    }
    pub fn blocks(blocks: Vec<Block>) -> Cell {
        Cell {
            blocks,
            rowspan: 1,
            colspan: 1,
        }
    }
}

/// A drawn figure: diagram data resolved so the diagram module needs nothing else.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub caption: Option<String>,
    pub diagram: Diagram,
    /// Unique id inside the site, used for HTML ids.
    pub key: String,
}

/// Structured data placed in the text (a whole YAML document or an inline embed).
#[derive(Clone, Debug, PartialEq)]
pub struct Embedded {
    pub caption: Option<String>,
    /// The document the data belongs to (for a standalone document itself).
    pub source: DocRef,
    /// Unique per document and version, e.g. `damage-checklist@初版#0`:
    /// the phone stores ticks under it so a new version starts clean.
    pub storage_key: String,
    pub data: Structured,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocRef {
    pub id: String,
    pub title: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    Link(Link),
    /// First use of a glossary term in a document: the renderer writes the
    /// text, then ※ (linked to the entry in HTML).
    Glossary {
        text: String,
        anchor: String,
    },
    HardBreak,
    FootnoteRef(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub target: LinkTarget,
    pub content: Vec<Inline>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    /// http(s), mailto, tel.
    External(String),
    /// A resolved `@id#anchor` / `#anchor`. `heading` is true when the anchor
    /// names a heading, so the PDF can add its page.
    Internal {
        doc: String,
        anchor: Option<String>,
        heading: bool,
    },
    /// A reference to a document this edition leaves out: text only, no link.
    Excluded,
    /// A file under `content/assets/` (content-relative path, a key of
    /// `Site::assets`): linked beside the pages, named as 別添 where it
    /// cannot travel (bcp.html, PDF).
    Asset(String),
}

/// The text of inlines without markup (for titles, labels, search data).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Strike(c) => push_plain(c, out),
            Inline::Link(l) => push_plain(&l.content, out),
            Inline::Glossary { text, .. } => out.push_str(text),
            Inline::HardBreak => out.push('\n'),
            Inline::FootnoteRef(_) => {}
        }
    }
}

/// The plain text of blocks, paragraphs separated by newlines (search data, alt text).
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(h) => out.push_str(&h.label()),
            Block::Paragraph(p) => out.push_str(&plain_text(p)),
            Block::List(l) => {
                for item in &l.items {
                    out.push_str(&blocks_text(item));
                }
            }
            Block::Table(t) => {
                for row in t.header.iter().chain(&t.rows) {
                    for c in &row.cells {
                        out.push_str(&blocks_text(&c.blocks));
                        out.push(' ');
                    }
                }
            }
            Block::Quote(bs) | Block::Footnote { blocks: bs, .. } => out.push_str(&blocks_text(bs)),
            Block::Code(c) => out.push_str(c),
            Block::Figure(f) => {
                out.push_str(f.caption.as_deref().unwrap_or(""));
                out.push(' ');
                out.push_str(&f.diagram.labels().join(" "));
            }
            Block::Structured(e) => out.push_str(&e.data.text()),
            Block::Image { alt, .. } => out.push_str(alt),
            Block::Rule => {}
        }
        out.push('\n');
    }
    out
}
