//! The `/Dests` name tree: every anchor of a PDF under its key
//! (`earthquake#roles`), so another PDF's link (a GoToR action with that
//! name as `/D`) opens this one at the section, not at its first page.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// The key of a named destination as PDF strings hold it: the anchor key's
/// UTF-8 bytes (a GoToR `/D` must name it byte for byte).
pub fn name(key: &str) -> Object {
    Object::String(key.as_bytes().to_vec(), StringFormat::Literal)
}

/// Adds the catalog's `/Names << /Dests … >>`: one leaf holding every anchor
/// whose page exists, in key order (a name tree's leaves are sorted by
/// their bytes, which is the order of a `BTreeMap<String, _>`). `dest`
/// makes the explicit destination of a page and a y from its top.
pub fn add(
    lo: &mut lopdf::Document,
    anchors: &BTreeMap<String, (usize, f32)>,
    pages: &BTreeMap<u32, ObjectId>,
    dest: impl Fn(ObjectId, f32) -> Object,
) {
    let mut names = Vec::with_capacity(anchors.len() * 2);
    for (key, &(page, y)) in anchors {
        let Some(&pid) = u32::try_from(page).ok().and_then(|p| pages.get(&p)) else {
            continue;
        };
        names.push(name(key));
        names.push(dest(pid, y));
    }
    if names.is_empty() {
        return;
    }
    let mut tree = Dictionary::new();
    tree.set("Names", Object::Array(names));
    let tree_id = lo.add_object(tree);
    let mut dict = Dictionary::new();
    dict.set("Dests", Object::Reference(tree_id));
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Names", Object::Dictionary(dict));
    }
}
