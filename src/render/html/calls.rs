//! Call buttons beside every mention of a role that has a contact (SPEC §8):
//! a contacts entry with `role_id:` makes the role callable, and wherever a
//! page names that role (its name, a unit label of organization.yaml, a
//! `by:`, a succession entry) the phone offers `tel:` buttons for the holder
//! and then each deputy in order.
//!
//! Found at render time, from the documents of the edition being built:
//! the numbers belong to the contacts document, which is approved on its
//! own, so they are not facts of the pages that show the buttons and no
//! fingerprint records them (docs/approval.md). An edition without the
//! contacts document shows no button and no number.

use std::collections::BTreeMap;

use crate::escape::push_esc;
use crate::model::{Block, Contact, Site, Structured};

/// One number a button dials.
struct Number {
    /// Shown on the button: the role's name, and the phone's label when
    /// the role has more than one number.
    text: String,
    /// As written in the contacts document, for the accessible name.
    written: String,
    tel: String,
}

/// The callable roles of one build.
#[derive(Default)]
pub struct Calls {
    /// Role id → its own numbers, in the contacts documents' order.
    own: BTreeMap<String, Vec<Number>>,
    /// Role id → the roles to call in order: itself, then its deputies.
    chain: BTreeMap<String, Vec<String>>,
    /// (words that name a role, role id), longest first so a unit label
    /// wins over the role name inside it.
    names: Vec<(String, String)>,
}

impl Calls {
    /// Collects every contact with a `role_id` in the edition's documents.
    pub fn new(site: &Site) -> Calls {
        let mut entries: Vec<&Contact> = Vec::new();
        for d in &site.documents {
            collect(&d.body, &mut entries);
        }
        let mut own: BTreeMap<String, Vec<Number>> = BTreeMap::new();
        for c in entries {
            let Some(role) = &c.role_id else { continue };
            let many = c.phones.iter().map(|p| p.dial.len()).sum::<usize>() > 1;
            for p in &c.phones {
                for d in &p.dial {
                    let text = if many && !p.label.is_empty() {
                        format!("{}（{}）", role.name(), p.label)
                    } else {
                        role.name().to_string()
                    };
                    let list = own.entry(role.id().to_string()).or_default();
                    // A contacts list embedded in another page is read twice.
                    let tel = d.tel_uri();
                    if !list.iter().any(|n| n.tel == tel) {
                        list.push(Number {
                            text,
                            written: d.written.clone(),
                            tel,
                        });
                    }
                }
            }
        }
        if own.is_empty() {
            return Calls::default();
        }
        let mut chain = BTreeMap::new();
        let mut names = Vec::new();
        for r in &site.org.roles {
            let order: Vec<String> = std::iter::once(r.id.clone())
                .chain(r.deputies.iter().map(|d| d.id().to_string()))
                .filter(|id| own.contains_key(id))
                .collect();
            if order.is_empty() {
                continue;
            }
            names.push((r.name.clone(), r.id.clone()));
            chain.insert(r.id.clone(), order);
        }
        for m in &site.org.modes {
            for u in &m.units {
                if let Some(r) = u.role.as_ref().filter(|r| chain.contains_key(r.id())) {
                    names.push((u.label.clone(), r.id().to_string()));
                }
            }
        }
        names.retain(|(n, _)| !n.is_empty());
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        names.dedup();
        Calls { own, chain, names }
    }

    /// Whether any role can be called (no scan of the text otherwise).
    pub fn is_empty(&self) -> bool {
        self.chain.is_empty()
    }

    /// The callable roles `text` names, in the order it names them.
    pub fn mentioned(&self, text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = Vec::new();
        if self.is_empty() {
            return found;
        }
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            match self
                .names
                .iter()
                .find(|(n, _)| rest.starts_with(n.as_str()))
            {
                Some((n, id)) => {
                    if !found.contains(&id.as_str()) {
                        found.push(id);
                    }
                    i += n.len();
                }
                None => i += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
        found
    }

    /// The buttons for `roles` (each role's holder, then its deputies), after
    /// the paragraph or item that names them; nothing when none is callable.
    /// `deputies: false` gives each role's own numbers only (a succession
    /// order lists the deputies itself).
    pub fn push_buttons(&self, out: &mut String, roles: &[&str], deputies: bool) {
        let mut seen: Vec<&str> = Vec::new();
        for r in roles {
            let Some(order) = self.chain.get(*r) else {
                continue;
            };
            let order = if deputies { &order[..] } else { &order[..1] };
            for id in order {
                if !seen.contains(&id.as_str()) && self.own.contains_key(id) {
                    seen.push(id);
                }
            }
        }
        if seen.is_empty() {
            return;
        }
        out.push_str("<div class=\"calls\" role=\"group\" aria-label=\"電話をかける\">");
        for id in seen {
            for n in &self.own[id] {
                out.push_str("<a class=\"call\" href=\"");
                push_esc(out, &n.tel);
                out.push_str("\" aria-label=\"");
                push_esc(out, &n.text);
                out.push_str("に電話（");
                push_esc(out, &n.written);
                out.push_str("）\">");
                push_esc(out, &n.text);
                out.push_str("</a>");
            }
        }
        out.push_str("</div>\n");
    }

    /// `push_buttons` for the roles named in `text`, with their deputies.
    pub fn push_for_text(&self, out: &mut String, text: &str) {
        if !self.is_empty() {
            self.push_buttons(out, &self.mentioned(text), true);
        }
    }
}

/// The contacts entries of `blocks`, embedded ones included.
fn collect<'s>(blocks: &'s [Block], out: &mut Vec<&'s Contact>) {
    for b in blocks {
        match b {
            Block::Structured(e) => {
                if let Structured::Contacts(cs) = &e.data {
                    out.extend(cs);
                }
            }
            Block::Quote(bs) => collect(bs, out),
            Block::List(l) => l.items.iter().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
}
