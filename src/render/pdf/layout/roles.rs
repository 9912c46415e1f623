//! What each drawing means, as plain roles (heading, paragraph, list,
//! table cell, figure …) for the writer to turn into a tagged PDF's
//! structure tree. No PDF notions here: the writer maps each role to a
//! structure type (see `render/pdf/tagging.rs`).
//!
//! The layout opens and closes nodes while it lays out a block (a stack,
//! like the blocks themselves) and stamps the drawings it produced with the
//! innermost node. Reading order is not kept here: the writer orders the
//! children of every node by where their content is first drawn, which is
//! the order the layout draws the flow in.

use super::boxes::{Draw, VBox};
use super::Ctx;

/// Which structure node a drawing belongs to; `Tag::ARTIFACT` (0) marks
/// decoration and page furniture (rules, frames, running heads).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag(pub u32);

impl Tag {
    /// Not part of the content: drawn, but not read.
    pub const ARTIFACT: Tag = Tag(0);

    /// Whether this marks decoration rather than content.
    pub fn is_artifact(self) -> bool {
        self == Tag::ARTIFACT
    }
}

/// A structural role, independent of any output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// One document inside the binder.
    Sect,
    /// A heading of level 1–6.
    H(u8),
    /// A paragraph.
    P,
    /// A list.
    List,
    /// One item of a list.
    ListItem,
    /// The mark or number of a list item.
    Label,
    /// The content of a list item, beside its label.
    ListBody,
    /// A block quote.
    Quote,
    /// A footnote.
    Note,
    /// A table.
    Table,
    /// A table row.
    Row,
    /// A header cell (of a column).
    HeaderCell,
    /// A header cell of a row: the label the row's other cells answer
    /// (a form's 件名 | its value).
    RowHeaderCell,
    /// A body cell.
    Cell,
    /// A figure (a diagram or an image).
    Figure,
    /// A figure's or table's caption.
    Caption,
    /// A link.
    Link,
    /// A table of contents.
    Toc,
    /// One entry of a table of contents.
    TocEntry,
}

/// One node of the structure tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the node is.
    pub role: Role,
    /// The enclosing node; None at the top of a document.
    pub parent: Option<Tag>,
    /// Text alternative (figures).
    pub alt: Option<String>,
    /// Title (a document's section in the binder).
    pub title: Option<String>,
    /// Table cell spans (1 when not spanning).
    pub rowspan: u32,
    /// Columns the cell spans (1 when not spanning).
    pub colspan: u32,
}

/// The nodes of one laid-out document; node `n` has `Tag(n + 1)`.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    /// The nodes, in the order they were added.
    pub nodes: Vec<Node>,
    open: Vec<Tag>,
}

impl Tree {
    /// Adds a node under the innermost open one.
    pub fn add(&mut self, role: Role) -> Tag {
        self.nodes.push(Node {
            role,
            parent: self.open.last().copied(),
            alt: None,
            title: None,
            rowspan: 1,
            colspan: 1,
        });
        Tag(self.nodes.len() as u32)
    }

    /// The node of this tag; None for `Tag::ARTIFACT` or an unknown tag.
    pub fn node(&self, t: Tag) -> Option<&Node> {
        (t.0 as usize)
            .checked_sub(1)
            .and_then(|i| self.nodes.get(i))
    }

    /// The node of this tag, to change; None for `Tag::ARTIFACT` or an unknown tag.
    pub fn node_mut(&mut self, t: Tag) -> Option<&mut Node> {
        (t.0 as usize)
            .checked_sub(1)
            .and_then(|i| self.nodes.get_mut(i))
    }

    /// Appends another tree's nodes under `under` (None: at the top) and
    /// returns how much its tags moved by (for `retag`).
    pub fn graft(&mut self, other: Tree, under: Option<Tag>) -> u32 {
        let shift = self.nodes.len() as u32;
        for mut n in other.nodes {
            n.parent = match n.parent {
                Some(p) => Some(Tag(p.0 + shift)),
                None => under,
            };
            self.nodes.push(n);
        }
        shift
    }
}

/// The tag a drawing carries, for those that can be content.
pub fn tag_mut(d: &mut Draw) -> Option<&mut Tag> {
    match d {
        Draw::Text { tag, .. }
        | Draw::Image { tag, .. }
        | Draw::Link { tag, .. }
        | Draw::PageNumber { tag, .. } => Some(tag),
        _ => None,
    }
}

/// Gives every drawing not yet claimed by an inner node to `t`.
pub fn stamp(draws: &mut [Draw], t: Tag) {
    for d in draws {
        if let Some(tag) = tag_mut(d) {
            if tag.is_artifact() {
                *tag = t;
            }
        }
    }
}

/// `stamp` over the drawings of boxes.
pub fn stamp_boxes(boxes: &mut [VBox], t: Tag) {
    for b in boxes {
        stamp(&mut b.draws, t);
    }
}

/// Moves every tag by `shift` (a tree grafted into a larger one).
pub fn retag(draws: &mut [Draw], shift: u32) {
    for d in draws {
        if let Some(tag) = tag_mut(d) {
            if !tag.is_artifact() {
                tag.0 += shift;
            }
        }
    }
}

/// Turns drawings into artifacts (a table header repeated on a new page:
/// its cells were read where the table began).
pub fn unstamp(draws: &mut [Draw]) {
    for d in draws {
        if let Some(tag) = tag_mut(d) {
            *tag = Tag::ARTIFACT;
        }
    }
}

impl Ctx<'_> {
    /// Opens a node: nodes added until `close` go inside it.
    pub fn open(&self, role: Role) -> Tag {
        let mut tree = self.tree.borrow_mut();
        let t = tree.add(role);
        tree.open.push(t);
        t
    }

    /// Closes the innermost open node.
    pub fn close(&self) {
        self.tree.borrow_mut().open.pop();
    }

    /// Adds a node with nothing inside it but drawings.
    pub fn leaf(&self, role: Role) -> Tag {
        self.tree.borrow_mut().add(role)
    }

    /// Sets a node's text alternative.
    pub fn set_alt(&self, t: Tag, alt: String) {
        if let Some(n) = self.tree.borrow_mut().node_mut(t) {
            n.alt = Some(alt);
        }
    }

    /// Sets a table cell's spans.
    pub fn set_spans(&self, t: Tag, rowspan: u32, colspan: u32) {
        if let Some(n) = self.tree.borrow_mut().node_mut(t) {
            n.rowspan = rowspan.max(1);
            n.colspan = colspan.max(1);
        }
    }
}
