//! Draft blocks: what the convert pass makes of one text, before anything
//! from elsewhere in the site is known. Everything a page would print from
//! another file — a reference's label, an image's bytes, a glossary mark, an
//! embed's rows — is left as a pending part here, and only the resolve pass
//! turns a draft into model blocks (recording what it read). So the Markdown
//! walk cannot read a shared fact at all, and the model cannot hold a
//! reference nobody resolved.

use serde_yaml::Mapping;

use crate::model::{Block, Inline};
use crate::source::data_type::{DataType, DataYaml};
use crate::source::yaml::Yaml;

/// A block as the convert pass leaves it.
pub enum Draft {
    /// A block that prints nothing from elsewhere (code, a rule, allowed raw HTML).
    Ready(Block),
    /// A paragraph of body text (the glossary marks its terms).
    Paragraph(Vec<DraftInline>),
    /// A heading, numbered and anchored by the heading pre-pass.
    Heading {
        /// 1 for `#`.
        level: u8,
        /// Its number as site.yaml styles it.
        number: Option<String>,
        /// Its anchor.
        anchor: String,
        /// Its text (not marked by the glossary).
        text: Vec<DraftInline>,
        /// Images written inside the heading: checked, then not shown.
        images: Vec<DraftImage>,
    },
    /// A block quote.
    Quote(Vec<Draft>),
    /// A list.
    List {
        /// Numbered or bulleted.
        ordered: bool,
        /// The first number.
        start: u64,
        /// The items' blocks.
        items: Vec<Vec<Draft>>,
    },
    /// A Markdown table.
    Table {
        /// Header rows (not marked by the glossary).
        header: Vec<Vec<DraftCell>>,
        /// Body rows.
        rows: Vec<Vec<DraftCell>>,
    },
    /// A footnote's text.
    Footnote {
        /// Its label.
        label: String,
        /// Its blocks.
        blocks: Vec<Draft>,
    },
    /// An image, shown as a block after the text that holds it.
    Image(DraftImage),
    /// A `bcp` block, parsed and its kind known.
    Embed(Embed),
    /// A YAML document's data, its keys checked by its type's shape.
    Data(DataDraft),
}

/// An inline as the convert pass leaves it.
pub enum DraftInline {
    /// Text, code, breaks and footnote marks: nothing from elsewhere.
    Ready(Inline),
    /// Strong emphasis.
    Strong(Vec<DraftInline>),
    /// Emphasis.
    Emphasis(Vec<DraftInline>),
    /// Struck-through text.
    Strike(Vec<DraftInline>),
    /// A link as written: `@id#anchor`, `#anchor`, a URL or a file under
    /// `assets/` (whether its target exists is the resolve pass's question).
    Link {
        /// The destination as written.
        dest: String,
        /// The link's text (empty: the target's label is printed).
        content: Vec<DraftInline>,
        /// The line it is written on.
        line: usize,
    },
}

/// A table cell of a Markdown table.
pub struct DraftCell {
    /// Its text.
    pub inlines: Vec<DraftInline>,
    /// Images written in it, shown after its text.
    pub images: Vec<DraftImage>,
}

/// `![alt](dest "caption")`.
pub struct DraftImage {
    /// The path as written.
    pub dest: String,
    /// The alternative text.
    pub alt: Vec<DraftInline>,
    /// The title, when given.
    pub caption: Option<String>,
    /// The line it is written on.
    pub line: usize,
}

/// The kinds of `bcp` block (SPEC §3): site facts and text, or data of a
/// structured type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedKind {
    /// `embed: table`.
    Table,
    /// `embed: roles`.
    Roles,
    /// `embed: structure`.
    Structure,
    /// `embed: trainings`.
    Trainings,
    /// `embed: glossary`.
    Glossary,
    /// `embed: document`.
    Document,
    /// `embed: documents`.
    Documents,
    /// Data of a structured type.
    Data(DataType),
}

impl EmbedKind {
    /// The kinds that place site facts or text, as written after `embed:`.
    pub const TEXT: &'static [(&'static str, EmbedKind)] = &[
        ("table", EmbedKind::Table),
        ("roles", EmbedKind::Roles),
        ("structure", EmbedKind::Structure),
        ("trainings", EmbedKind::Trainings),
        ("glossary", EmbedKind::Glossary),
        ("document", EmbedKind::Document),
        ("documents", EmbedKind::Documents),
    ];

    /// The kind named `name`, if any.
    pub fn parse(name: &str) -> Option<EmbedKind> {
        EmbedKind::TEXT
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| *k)
            .or_else(|| DataType::parse(name).map(EmbedKind::Data))
    }

    /// Every kind's name, for messages listing them.
    pub fn names() -> String {
        let mut all: Vec<&str> = EmbedKind::TEXT.iter().map(|(n, _)| *n).collect();
        all.extend(DataType::names());
        all.join(", ")
    }
}

/// A `bcp` block: its YAML parsed with lines, its kind and keys checked.
pub struct Embed {
    /// What it places.
    pub kind: EmbedKind,
    /// The block's YAML.
    pub yaml: Yaml,
    /// Its top-level mapping.
    pub map: Mapping,
    /// `caption:`, when given.
    pub caption: Option<String>,
    /// The data of a structured type, read into its shape.
    pub data: Option<DataYaml>,
    /// Markdown nesting depth at the block (text inside it nests deeper).
    pub depth: usize,
}

/// A YAML document of a structured type.
pub struct DataDraft {
    /// The file's YAML.
    pub yaml: Yaml,
    /// Its top-level mapping.
    pub map: Mapping,
    /// Its data, read into the type's shape (which names its type).
    pub data: DataYaml,
}
