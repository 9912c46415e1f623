//! The shared facts a document's conversion may read — roles, units,
//! trainings, the glossary, other documents, images — behind accessors that
//! record a typed dependency ([`Dep`]) with the value read.
//!
//! The fields are private to this module, so the rest of the Markdown stage
//! cannot read a shared fact without recording it: the fingerprint covers
//! everything a page prints from elsewhere by construction, not by review.

use std::collections::{HashMap, HashSet};

use super::{GlossaryMatcher, Target};
use crate::model::*;
use crate::source::assets::AssetFile;
use crate::source::fingerprint::{Dep, Deps, RoleField, UnitField};

/// One document of the site as lists and links see it.
#[derive(Clone, Debug)]
pub struct DocEntry {
    /// The document's id.
    pub id: String,
    /// Its title, as lists print it.
    pub title: String,
    /// Its kind (`embed: documents` lists one kind).
    pub kind: Kind,
    /// Whether the edition being built includes it.
    pub included: bool,
}

/// The raw facts, handed over once by the loader.
pub struct Facts<'a> {
    /// site.yaml.
    pub config: &'a SiteConfig,
    /// organization.yaml.
    pub org: &'a Organization,
    /// The glossary's entries, converted.
    pub terms: &'a [Term],
    /// The matcher of the glossary's terms and aliases.
    pub glossary: &'a GlossaryMatcher,
    /// trainings.yaml.
    pub trainings: &'a [Training],
    /// Every document a reference can point at.
    pub targets: &'a HashMap<String, Target>,
    /// Every document in binder order (`embed: documents`).
    pub documents: &'a [DocEntry],
    /// The files under `assets/`.
    pub assets: &'a Assets,
    /// The edition being built.
    pub edition: Edition,
    /// Ids of documents whose metadata could not be read (already reported):
    /// a reference to one is left as text without a second error.
    pub unreadable: &'a HashSet<String>,
}

/// The files under `assets/` by content-relative path (`assets/map.png`),
/// each read and checked when a document first refers to it.
pub type Assets = std::collections::BTreeMap<String, std::sync::Arc<AssetFile>>;

/// Everything the Markdown stage reads besides the text itself.
pub struct Context<'a> {
    f: Facts<'a>,
    /// Every glossary term and alias, computed once (the value of [`Dep::GlossaryWords`]).
    words: String,
}

/// What a reference to another document resolves to.
pub enum Reference {
    /// No such document.
    Missing,
    /// The document exists but has no such heading.
    NoHeading,
    /// The label the link prints when it has no text of its own, and
    /// whether the edition includes the target.
    Found {
        /// The target's title, or its heading's number and title.
        label: String,
        /// Whether the edition includes the target document.
        included: bool,
    },
}

/// What `embed: document` places.
pub enum EmbedResult {
    /// No such document.
    Missing,
    /// Left out of this edition.
    Excluded,
    /// A Markdown document: linked, not embedded.
    NotStructured,
    /// The blocks to place.
    Blocks(Vec<Block>),
}

/// A row of a role table: the unit fields it prints.
pub struct UnitRow {
    /// 組織 column.
    pub label: String,
    /// Markdown source of 役割の概要.
    pub summary: String,
    /// Markdown source of each ・ item.
    pub duties: Vec<String>,
    /// 災害対策本部との関係, when the mode has one.
    pub hq_relation: Option<String>,
}

impl<'a> Context<'a> {
    /// Wraps the facts; from here on they are read only through the accessors.
    pub fn new(f: Facts<'a>) -> Context<'a> {
        let mut words = String::new();
        for t in f.terms {
            for w in std::iter::once(&t.term).chain(&t.aliases) {
                words.push_str(w);
                words.push('\n');
            }
        }
        Context { f, words }
    }

    /// The edition being built (not printed as document content, no dependency).
    pub fn edition(&self) -> Edition {
        self.f.edition
    }
    /// Raw HTML is refused unless allowed; it prints nothing either way, so no dependency.
    pub fn allow_raw_html(&self) -> bool {
        self.f.config.allow_raw_html
    }
    /// Whether site.yaml lists the incident (a check: nothing printed).
    pub fn incident_known(&self, id: &str) -> bool {
        self.f.config.incidents.iter().any(|x| x.id == id)
    }
    /// Role ids, for messages.
    pub fn role_ids(&self) -> Vec<&str> {
        self.f.org.roles.iter().map(|r| r.id.as_str()).collect()
    }
    /// Mode keys, for messages.
    pub fn mode_keys(&self) -> Vec<&str> {
        self.f.org.modes.iter().map(|m| m.key.as_str()).collect()
    }
    /// The title of the document being converted: its own metadata, which
    /// its fingerprint covers already.
    pub fn own_title(&self, id: &str) -> String {
        self.f
            .targets
            .get(id)
            .map(|t| t.title.clone())
            .unwrap_or_default()
    }
    /// Whether a document's metadata failed (already reported).
    pub fn unreadable(&self, id: &str) -> bool {
        self.f.unreadable.contains(id)
    }

    /// A role by id, for printing its name.
    pub fn role(&self, id: &str, deps: &mut Deps) -> Option<RoleRef> {
        let r = self.f.org.role(id)?;
        deps.record(
            Dep::Role {
                id: id.into(),
                field: RoleField::Name,
            },
            &r.name,
        );
        Some(r.to_ref())
    }
    /// Who holds a role.
    pub fn holder(&self, id: &str, deps: &mut Deps) -> Option<String> {
        let r = self.f.org.role(id)?;
        deps.record(
            Dep::Role {
                id: id.into(),
                field: RoleField::Holder,
            },
            &r.holder,
        );
        Some(r.holder.clone())
    }
    /// A role's deputies in order, each with its name.
    pub fn deputies(&self, id: &str, deps: &mut Deps) -> Option<Vec<RoleRef>> {
        let r = self.f.org.role(id)?;
        let ids: Vec<&str> = r.deputies.iter().map(|d| d.id()).collect();
        deps.record(
            Dep::Role {
                id: id.into(),
                field: RoleField::Deputies,
            },
            ids.join("\n"),
        );
        Some(
            r.deputies
                .iter()
                .filter_map(|d| self.role(d.id(), deps))
                .collect(),
        )
    }

    fn mode(&self, key: &str, deps: &mut Deps) -> Option<&'a Mode> {
        let m = self.f.org.mode(key)?;
        let ids: Vec<&str> = m.units.iter().map(|u| u.id.as_str()).collect();
        deps.record(Dep::ModeUnits(key.into()), ids.join("\n"));
        Some(m)
    }
    fn unit(deps: &mut Deps, mode: &str, u: &Unit, field: UnitField, value: String) {
        deps.record(
            Dep::Unit {
                mode: mode.into(),
                id: u.id.clone(),
                field,
            },
            value,
        );
    }
    /// The rows of a mode's role table.
    pub fn role_rows(&self, key: &str, deps: &mut Deps) -> Option<Vec<UnitRow>> {
        let m = self.mode(key, deps)?;
        Some(
            m.units
                .iter()
                .map(|u| {
                    Self::unit(deps, key, u, UnitField::Label, u.label.clone());
                    Self::unit(deps, key, u, UnitField::Summary, u.summary.clone());
                    Self::unit(deps, key, u, UnitField::Duties, u.duties.join("\n"));
                    let hq = u.hq_relation.clone();
                    Self::unit(
                        deps,
                        key,
                        u,
                        UnitField::HqRelation,
                        hq.clone().unwrap_or_default(),
                    );
                    UnitRow {
                        label: u.label.clone(),
                        summary: u.summary.clone(),
                        duties: u.duties.clone(),
                        hq_relation: hq,
                    }
                })
                .collect(),
        )
    }
    /// A mode's structure chart.
    pub fn org_chart(&self, key: &str, deps: &mut Deps) -> Option<OrgChart> {
        let m = self.mode(key, deps)?;
        deps.record(Dep::ModeTitle(key.into()), &m.title);
        let units = m
            .units
            .iter()
            .map(|u| {
                Self::unit(deps, key, u, UnitField::Name, u.name.clone());
                let holder = u.holder.clone().unwrap_or_default();
                Self::unit(deps, key, u, UnitField::Holder, holder);
                let parent = u.reports_to.map(|p| p.to_string()).unwrap_or_default();
                Self::unit(deps, key, u, UnitField::ReportsTo, parent);
                OrgUnit {
                    id: u.id.clone(),
                    label: u.name.clone(),
                    holder: u.holder.clone(),
                    parent: u.reports_to,
                }
            })
            .collect();
        Some(OrgChart {
            title: m.title.clone(),
            units,
        })
    }

    /// The trainings, for the training table (their records are not printed).
    pub fn trainings(&self, deps: &mut Deps) -> &'a [Training] {
        let mut v = String::new();
        for t in self.f.trainings {
            let timing = t.timing.clone().unwrap_or_default();
            v.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\n",
                t.id, t.name, t.description, t.participants, t.frequency_months, timing
            ));
        }
        deps.record(Dep::Trainings, v);
        self.f.trainings
    }

    /// The glossary entries, for printing them whole.
    pub fn glossary_entries(&self, deps: &mut Deps) -> &'a [Term] {
        let mut v = String::new();
        for t in self.f.terms {
            // The description as converted: its text, links and their labels.
            v.push_str(&format!(
                "{}\t{}\t{:?}\n",
                t.term,
                t.reading.as_deref().unwrap_or_default(),
                t.description
            ));
        }
        deps.record(Dep::GlossaryEntries, v);
        self.f.terms
    }

    /// Marks first uses of glossary terms in body text (※): which words get
    /// one depends on every term and alias.
    pub fn mark_glossary(
        &self,
        inlines: Vec<Inline>,
        used: &mut HashSet<usize>,
        deps: &mut Deps,
    ) -> Vec<Inline> {
        if !self.words.is_empty() {
            deps.record_once(Dep::GlossaryWords, || self.words.clone());
        }
        self.f.glossary.mark(inlines, used)
    }

    /// Resolves a reference; `prints_label` when the link has no text of its
    /// own and so prints the target's title or heading label.
    pub fn reference(
        &self,
        doc: &str,
        anchor: Option<&str>,
        prints_label: bool,
        deps: &mut Deps,
    ) -> Reference {
        let Some(t) = self.f.targets.get(doc) else {
            return Reference::Missing;
        };
        let (dep, label) = match anchor {
            None => (Dep::Title(doc.into()), Some(t.title.clone())),
            Some(a) => (
                Dep::Heading {
                    doc: doc.into(),
                    anchor: a.into(),
                },
                t.headings.get(a).cloned(),
            ),
        };
        let Some(label) = label else {
            return Reference::NoHeading;
        };
        if prints_label {
            deps.record(dep, &label);
        }
        Reference::Found {
            label,
            included: t.included,
        }
    }

    /// The blocks of a structured document to embed. The dependency is
    /// recorded whether or not this edition shows it, so the fingerprint
    /// (and the approval state) is the same in every edition.
    pub fn embedded(&self, id: &str, deps: &mut Deps) -> EmbedResult {
        let Some(t) = self.f.targets.get(id) else {
            return EmbedResult::Missing;
        };
        deps.record(
            Dep::Embedded(id.into()),
            t.fingerprint.clone().unwrap_or_default(),
        );
        if !t.included {
            return EmbedResult::Excluded;
        }
        match &t.structured {
            Some(b) => EmbedResult::Blocks(b.clone()),
            None => EmbedResult::NotStructured,
        }
    }

    /// The documents of a kind this edition includes, in binder order. The
    /// dependency covers every document of the kind, whatever the edition.
    pub fn documents_of(&self, kind: Kind, deps: &mut Deps) -> Vec<&'a DocEntry> {
        let all: Vec<&DocEntry> = self.f.documents.iter().filter(|d| d.kind == kind).collect();
        let v: String = all
            .iter()
            .map(|d| format!("{}\t{}\n", d.id, d.title))
            .collect();
        deps.record(Dep::DocumentList(kind.as_str().into()), v);
        all.into_iter().filter(|d| d.included).collect()
    }

    /// The file under `assets/` at `path`, if there is one. An image the
    /// page shows records the hash of its bytes (a link to a file prints
    /// only its name, 別添).
    pub fn asset(&self, path: &str, image: bool, deps: &mut Deps) -> Option<&'a AssetFile> {
        let file = self.f.assets.get(path)?;
        if image {
            let hash = file
                .load()
                .map(|a| a.sha256.clone())
                .unwrap_or_else(|_| "unreadable".into());
            deps.record(Dep::Image(path.into()), hash);
        }
        Some(file)
    }
}
