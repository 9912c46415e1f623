//! The block tree both renderers read. Everything a source can say — Markdown,
//! embeds, structured YAML — becomes these blocks, with references resolved.

use super::diagram::Diagram;
use super::structured::Structured;

/// One block of a document's body.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading.
    Heading(Heading),
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bulleted or numbered list.
    List(List),
    /// A table.
    Table(Table),
    /// A block quote.
    Quote(Vec<Block>),
    /// A code block, verbatim.
    Code(String),
    /// A horizontal rule.
    Rule,
    /// A drawn diagram.
    Figure(Figure),
    /// Structured data (contacts, checklists …) placed in the text.
    Structured(Embedded),
    /// An image from `content/assets/`: `src` is the content-relative path
    /// (`assets/map.png`), a key of `Site::assets`; `caption` is the
    /// Markdown title (`![alt](src "caption")`), shown under it, or else `alt`.
    Image {
        /// Content-relative path, a key of `Site::assets`.
        src: String,
        /// The alternative text.
        alt: String,
        /// The Markdown title, shown under the image.
        caption: Option<String>,
    },
    /// A footnote's text, placed where the source defined it.
    Footnote {
        /// The footnote's label, as `FootnoteRef` names it.
        label: String,
        /// The footnote's text.
        blocks: Vec<Block>,
    },
}

/// A heading, numbered and anchored.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// 1 for `#` — the document's chapters.
    pub level: u8,
    /// `1`, `(1)`, `ア` … as site.yaml styles it; None for `{.unnumbered}`.
    pub number: Option<String>,
    /// The heading's text.
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

/// A list.
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    /// Numbered (true) or bulleted.
    pub ordered: bool,
    /// The first number of a numbered list.
    pub start: u64,
    /// The items, each a list of blocks.
    pub items: Vec<Vec<Block>>,
}

/// A table.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// 図・表 title as written (`表 …`, `<平常時の役割>`).
    pub caption: Option<String>,
    /// The header rows.
    pub header: Vec<Row>,
    /// The body rows.
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

/// One table row.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Row {
    /// The row's cells.
    pub cells: Vec<Cell>,
}

/// One table cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The cell's content.
    pub blocks: Vec<Block>,
    /// How many rows it spans (1: none).
    pub rowspan: u32,
    /// How many columns it spans (1: none).
    pub colspan: u32,
}

impl Cell {
    /// A cell of one plain-text paragraph (empty when `s` is).
    pub fn text(s: &str) -> Cell {
        Cell::blocks(if s.is_empty() {
            vec![]
        } else {
            vec![Block::Paragraph(vec![Inline::Text(s.to_string())])]
        })
    }
    /// A cell of these blocks, spanning one row and one column.
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
    /// The figure's title, when given.
    pub caption: Option<String>,
    /// The diagram to draw.
    pub diagram: Diagram,
    /// Unique id inside the site, used for HTML ids.
    pub key: String,
}

/// Structured data placed in the text (a whole YAML document or an inline embed).
#[derive(Clone, Debug, PartialEq)]
pub struct Embedded {
    /// The title shown above the data, when given.
    pub caption: Option<String>,
    /// The document the data belongs to (for a standalone document itself).
    pub source: DocRef,
    /// Unique per document and version, e.g. `damage-checklist@初版#0`:
    /// the phone stores ticks under it so a new version starts clean.
    pub storage_key: String,
    /// The data.
    pub data: Structured,
}

/// A document named by id, with its title and current version for display.
#[derive(Clone, Debug, PartialEq)]
pub struct DocRef {
    /// The document's id.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// The document's current version.
    pub version: String,
}

/// Inline content of a paragraph, heading or cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Strong emphasis (bold).
    Strong(Vec<Inline>),
    /// Emphasis.
    Emphasis(Vec<Inline>),
    /// Struck-through text.
    Strike(Vec<Inline>),
    /// Inline code, verbatim.
    Code(String),
    /// A link.
    Link(Link),
    /// First use of a glossary term in a document: the renderer writes the
    /// text, then ※ (linked to the entry in HTML).
    Glossary {
        /// The term as written in the text.
        text: String,
        /// The HTML id of the glossary entry.
        anchor: String,
    },
    /// A hard line break.
    HardBreak,
    /// A reference to the footnote with this label.
    FootnoteRef(String),
}

/// A link and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Where the link goes.
    pub target: LinkTarget,
    /// The link's text.
    pub content: Vec<Inline>,
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    /// http(s), mailto, tel.
    External(String),
    /// A resolved `@id#anchor` / `#anchor`. `heading` is true when the anchor
    /// names a heading, so the PDF can add its page.
    Internal {
        /// The target document's id.
        doc: String,
        /// The anchor inside it; None for the document itself.
        anchor: Option<String>,
        /// Whether the anchor names a heading.
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
