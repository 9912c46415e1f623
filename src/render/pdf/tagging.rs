//! The tagged-PDF half of the writer: every drawing inside a marked-content
//! sequence (content with an MCID, or an artifact), and from the layout's
//! neutral roles a structure tree (StructTreeRoot, ParentTree, /StructParents,
//! link OBJRs) in reading order.
//!
//! Role map (layout role → standard structure type, so no /RoleMap is
//! needed): Sect→Sect, H(n)→Hn, P→P, List→L, ListItem→LI, Label→Lbl,
//! ListBody→LBody, Quote→BlockQuote, Note→Note, Table→Table, Row→TR,
//! HeaderCell→TH (/Scope /Column), RowHeaderCell→TH (/Scope /Row),
//! Cell→TD, Figure→Figure (/Alt), Caption→Caption, Link→Link (+ OBJR), Toc→TOC, TocEntry→TOCI; everything
//! untagged is an /Artifact.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId};
use printpdf::{DictItem, Op};

use super::layout::roles::{Role, Tag, Tree};

/// The standard structure type of a role.
pub fn structure_type(role: Role) -> &'static str {
    match role {
        Role::Sect => "Sect",
        Role::H(1) => "H1",
        Role::H(2) => "H2",
        Role::H(3) => "H3",
        Role::H(4) => "H4",
        Role::H(5) => "H5",
        Role::H(_) => "H6",
        Role::P => "P",
        Role::List => "L",
        Role::ListItem => "LI",
        Role::Label => "Lbl",
        Role::ListBody => "LBody",
        Role::Quote => "BlockQuote",
        Role::Note => "Note",
        Role::Table => "Table",
        Role::Row => "TR",
        Role::HeaderCell | Role::RowHeaderCell => "TH",
        Role::Cell => "TD",
        Role::Figure => "Figure",
        Role::Caption => "Caption",
        Role::Link => "Link",
        Role::Toc => "TOC",
        Role::TocEntry => "TOCI",
    }
}

/// Which marked-content sequence the operators being written are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seq {
    Artifact,
    Content(Tag),
}

/// Marked content of the page being written, and what the structure tree
/// needs from all pages.
pub struct Marks<'t> {
    tree: &'t Tree,
    open: Option<Seq>,
    /// Order of first drawing, over the whole document (reading order).
    counter: u64,
    /// Per page: the node and order of each MCID (its index).
    pub pages: Vec<Vec<(Tag, u64)>>,
    /// Text drawn per link node (the annotation's /Contents).
    pub link_text: BTreeMap<Tag, String>,
}

impl<'t> Marks<'t> {
    /// Marks for a document with this structure tree, before any page.
    pub fn new(tree: &'t Tree) -> Marks<'t> {
        Marks {
            tree,
            open: None,
            counter: 0,
            pages: Vec::new(),
            link_text: BTreeMap::new(),
        }
    }

    /// Begins a new page: its marked content is numbered from 0.
    pub fn start_page(&mut self) {
        self.pages.push(Vec::new());
        self.open = None;
    }

    /// A place in reading order (for a link annotation's OBJR).
    pub fn next_order(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// Makes sure the next operators are inside the sequence for `tag`
    /// (an artifact for `Tag::ARTIFACT` or a tag the tree does not know).
    /// `end_text` closes an open text object first: a sequence may not
    /// cross BT/ET.
    pub fn enter(&mut self, tag: Tag, ops: &mut Vec<Op>, end_text: impl FnOnce(&mut Vec<Op>)) {
        let want = match self.tree.node(tag) {
            Some(_) => Seq::Content(tag),
            None => Seq::Artifact,
        };
        if self.open == Some(want) {
            return;
        }
        end_text(ops);
        if self.open.is_some() {
            ops.push(Op::EndMarkedContent);
        }
        match want {
            Seq::Artifact => ops.push(Op::BeginMarkedContent {
                tag: "Artifact".to_string(),
            }),
            Seq::Content(t) => {
                let page = self.pages.last_mut().expect("start_page first");
                let mcid = page.len() as i64;
                self.counter += 1;
                page.push((t, self.counter));
                let role = self.tree.node(t).map(|n| n.role).unwrap_or(Role::P);
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: structure_type(role).to_string(),
                    properties: DictItem::Dict {
                        map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]),
                    },
                });
            }
        }
        self.open = Some(want);
    }

    /// Notes text drawn for a link node.
    pub fn text(&mut self, tag: Tag, s: &str) {
        if self.tree.node(tag).is_some_and(|n| n.role == Role::Link) {
            self.link_text.entry(tag).or_default().push_str(s);
        }
    }

    /// Closes the page's last sequence.
    pub fn end_page(&mut self, ops: &mut Vec<Op>) {
        if self.open.take().is_some() {
            ops.push(Op::EndMarkedContent);
        }
    }
}

/// A link annotation written as its own object, for its OBJR.
pub struct Annot {
    /// The annotation's object.
    pub id: ObjectId,
    /// The page it is on.
    pub page: ObjectId,
    /// Its link node in the structure tree.
    pub tag: Tag,
    /// Its place in reading order.
    pub order: u64,
}

enum Kid {
    Mcid { page: usize, mcid: i64 },
    Objr { annot: ObjectId, page: ObjectId },
    Node(usize),
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Writes the structure tree and points the catalog, pages and link
/// annotations at it. Annotations get
/// /StructParent keys after the pages' /StructParents.
pub fn write_tree(
    lo: &mut lopdf::Document,
    tree: &Tree,
    pages: &[Vec<(Tag, u64)>],
    page_ids: &[ObjectId],
    annots: &[Annot],
) {
    let n = tree.nodes.len();
    // Every node's own content and children, keyed by reading order.
    let mut kids: Vec<Vec<(u64, Kid)>> = (0..n).map(|_| Vec::new()).collect();
    for (p, marks) in pages.iter().enumerate() {
        for (mcid, (tag, order)) in marks.iter().enumerate() {
            if let Some(i) = (tag.0 as usize).checked_sub(1).filter(|i| *i < n) {
                kids[i].push((
                    *order,
                    Kid::Mcid {
                        page: p,
                        mcid: mcid as i64,
                    },
                ));
            }
        }
    }
    for a in annots {
        if let Some(i) = (a.tag.0 as usize).checked_sub(1).filter(|i| *i < n) {
            kids[i].push((
                a.order,
                Kid::Objr {
                    annot: a.id,
                    page: a.page,
                },
            ));
        }
    }
    // Where each node is first read: the least order in its subtree.
    // Children always come after their parent in the node list, so one
    // backwards pass settles it.
    let mut first: Vec<Option<u64>> = kids
        .iter()
        .map(|k| k.iter().map(|(o, _)| *o).min())
        .collect();
    for i in (0..n).rev() {
        if let (Some(p), Some(o)) = (tree.nodes[i].parent, first[i]) {
            let pi = p.0 as usize - 1;
            first[pi] = Some(first[pi].map_or(o, |x| x.min(o)));
        }
    }
    // An empty cell of a row that has content is kept (the table's grid
    // must stay whole); any other node with nothing to read is left out.
    let keep: Vec<bool> = (0..n)
        .map(|i| {
            let node = &tree.nodes[i];
            first[i].is_some()
                || (matches!(
                    node.role,
                    Role::Cell | Role::HeaderCell | Role::RowHeaderCell
                ) && node
                    .parent
                    .is_some_and(|p| first[p.0 as usize - 1].is_some()))
        })
        .collect();
    let keep = |i: usize| keep[i];
    let mut top: Vec<(u64, usize)> = Vec::new();
    let mut last_seen: BTreeMap<Option<usize>, u64> = BTreeMap::new();
    for (i, node_first) in first.iter().enumerate() {
        if !keep(i) {
            continue;
        }
        let parent = tree.nodes[i].parent.map(|p| p.0 as usize - 1);
        // An empty cell sorts right after the sibling before it.
        let key = node_first.unwrap_or_else(|| last_seen.get(&parent).copied().unwrap_or(0));
        last_seen.insert(parent, key);
        match parent {
            Some(p) if keep(p) => kids[p].push((key, Kid::Node(i))),
            Some(_) => {}
            None => top.push((key, i)),
        }
    }
    for k in &mut kids {
        k.sort_by_key(|(o, _)| *o);
    }
    top.sort_by_key(|(o, _)| *o);

    let root_id = lo.new_object_id();
    let doc_id = lo.new_object_id();
    // Ids only for the nodes written: an unused id would make /Size wrong.
    let ids: Vec<ObjectId> = (0..n)
        .map(|i| if keep(i) { lo.new_object_id() } else { (0, 0) })
        .collect();
    let parent_ref = |i: usize| match tree.nodes[i].parent {
        Some(p) => ids[p.0 as usize - 1],
        None => doc_id,
    };
    let mut parent_tree: Vec<Vec<Object>> =
        pages.iter().map(|m| vec![Object::Null; m.len()]).collect();
    for (i, node) in tree.nodes.iter().enumerate() {
        if !keep(i) {
            continue;
        }
        let mut d = Dictionary::new();
        d.set("Type", name("StructElem"));
        d.set("S", name(structure_type(node.role)));
        d.set("P", Object::Reference(parent_ref(i)));
        let pg = kids[i].iter().find_map(|(_, k)| match k {
            Kid::Mcid { page, .. } => Some(*page),
            _ => None,
        });
        if let Some(p) = pg {
            d.set("Pg", Object::Reference(page_ids[p]));
        }
        let mut k = Vec::new();
        for (_, kid) in &kids[i] {
            k.push(match kid {
                Kid::Mcid { page, mcid } => {
                    parent_tree[*page][*mcid as usize] = Object::Reference(ids[i]);
                    if Some(*page) == pg {
                        Object::Integer(*mcid)
                    } else {
                        let mut r = Dictionary::new();
                        r.set("Type", name("MCR"));
                        r.set("Pg", Object::Reference(page_ids[*page]));
                        r.set("MCID", Object::Integer(*mcid));
                        Object::Dictionary(r)
                    }
                }
                Kid::Objr { annot, page } => {
                    let mut r = Dictionary::new();
                    r.set("Type", name("OBJR"));
                    r.set("Pg", Object::Reference(*page));
                    r.set("Obj", Object::Reference(*annot));
                    Object::Dictionary(r)
                }
                Kid::Node(c) => Object::Reference(ids[*c]),
            });
        }
        if !k.is_empty() {
            d.set(
                "K",
                if k.len() == 1 {
                    k.pop().unwrap()
                } else {
                    Object::Array(k)
                },
            );
        }
        if let Some(alt) = &node.alt {
            d.set("Alt", super::writer::utf16(alt));
        }
        if let Some(t) = &node.title {
            d.set("T", super::writer::utf16(t));
        }
        if node.role == Role::Note {
            // PDF/UA asks every Note for an ID.
            d.set(
                "ID",
                Object::String(
                    format!("note-{}", i + 1).into_bytes(),
                    lopdf::StringFormat::Literal,
                ),
            );
        }
        if matches!(
            node.role,
            Role::Cell | Role::HeaderCell | Role::RowHeaderCell
        ) {
            let mut a = Dictionary::new();
            a.set("O", name("Table"));
            match node.role {
                Role::HeaderCell => a.set("Scope", name("Column")),
                Role::RowHeaderCell => a.set("Scope", name("Row")),
                _ => {}
            }
            if node.rowspan > 1 {
                a.set("RowSpan", Object::Integer(node.rowspan as i64));
            }
            if node.colspan > 1 {
                a.set("ColSpan", Object::Integer(node.colspan as i64));
            }
            if a.len() > 1 {
                d.set("A", a);
            }
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    let mut doc = Dictionary::new();
    doc.set("Type", name("StructElem"));
    doc.set("S", name("Document"));
    doc.set("P", Object::Reference(root_id));
    doc.set(
        "K",
        Object::Array(
            top.iter()
                .map(|(_, i)| Object::Reference(ids[*i]))
                .collect(),
        ),
    );
    lo.objects.insert(doc_id, Object::Dictionary(doc));

    let mut nums = Vec::new();
    for (p, refs) in parent_tree.into_iter().enumerate() {
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(refs));
        if let Ok(page) = lo.get_dictionary_mut(page_ids[p]) {
            page.set("StructParents", Object::Integer(p as i64));
            page.set("Tabs", name("S"));
        }
    }
    let mut next = pages.len() as i64;
    for a in annots {
        let Some(i) = (a.tag.0 as usize)
            .checked_sub(1)
            .filter(|i| *i < n && keep(*i))
        else {
            continue;
        };
        nums.push(Object::Integer(next));
        nums.push(Object::Reference(ids[i]));
        if let Ok(ad) = lo.get_dictionary_mut(a.id) {
            ad.set("StructParent", Object::Integer(next));
        }
        next += 1;
    }
    let mut pt = Dictionary::new();
    pt.set("Nums", Object::Array(nums));
    let pt_id = lo.add_object(pt);

    let mut root = Dictionary::new();
    root.set("Type", name("StructTreeRoot"));
    root.set("K", Object::Reference(doc_id));
    root.set("ParentTree", Object::Reference(pt_id));
    root.set("ParentTreeNextKey", Object::Integer(next));
    lo.objects.insert(root_id, Object::Dictionary(root));

    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference(root_id));
        let mut mark = Dictionary::new();
        mark.set("Marked", Object::Boolean(true));
        catalog.set("MarkInfo", mark);
    }
}
