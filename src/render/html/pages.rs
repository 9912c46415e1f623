//! Page contents (what goes inside `<main>`): one document, the start page,
//! the glossary and the status page. Each is rendered for a `Linker`, so the
//! same code serves the multi-page bundle and the single file.

use serde::Serialize;
use tera::{Context, Tera};

use super::blocks::{blocks_html, Ctx};
use super::links::{Linker, GLOSSARY, STATUS};
use super::splice::{self, Splicer};
use crate::diag::Diagnostic;
use crate::font::FontMetrics;
use crate::model::{Block, Document, Kind, Site, Structured, Term};

/// What every page is rendered from.
pub struct Pages<'a> {
    /// The site.
    pub site: &'a Site,
    /// The theme's templates, parsed.
    pub tera: &'a Tera,
    /// The label font diagrams are measured with, if the theme has it.
    pub fonts: Option<&'a FontMetrics<'a>>,
    /// Call buttons for roles with a contact (built once per build).
    pub calls: &'a super::calls::Calls,
}

/// A rendered page body with its title.
#[derive(Clone)]
pub struct PageOut {
    /// The page title.
    pub title: String,
    /// The page body (inside the layout).
    pub html: String,
}

/// How many headings make a document long enough for a contents list.
const TOC_MIN_HEADINGS: usize = 4;

#[derive(Serialize)]
struct TocEntry {
    href: String,
    number: Option<String>,
    text: String,
    level: u8,
}

#[derive(Serialize)]
struct RevisionRow {
    version: String,
    date: String,
    approver: String,
    summary: String,
    /// The href of its 新旧対照表 (`build --history`), if the build has it.
    compare: Option<String>,
}

#[derive(Serialize)]
struct Publication {
    date: String,
    org: String,
    address: String,
    phone: String,
    editor: Option<String>,
}

#[derive(Serialize)]
struct DocLink {
    href: String,
    title: String,
    unapproved: bool,
    overdue: bool,
    sample: bool,
}

impl<'a> Pages<'a> {
    fn render(&self, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map_err(|e| Diagnostic::failure(super::tera_ja::render_error(template, &e)))
    }

    /// `render` with large values spliced in afterwards (see `splice`).
    pub fn render_with<'v>(
        &self,
        template: &str,
        build: impl Fn(&mut Splicer<'v>) -> Context,
    ) -> Result<String, Diagnostic> {
        splice::render(self.tera, template, build)
            .map_err(|e| Diagnostic::failure(super::tera_ja::render_error(template, &e)))
    }

    fn base(&self, link: &Linker) -> Context {
        let mut c = Context::new();
        c.insert("site_title", &self.site.config.title);
        c.insert("edition_label", self.site.edition.label());
        c.insert("build_date", &self.site.format_date(self.site.build_date));
        c.insert("p", &link.prefix());
        c.insert("glossary_href", &link.href(GLOSSARY, None));
        c.insert("status_href", &link.href(STATUS, None));
        c
    }

    fn doc_link(&self, link: &Linker, d: &Document, anchor: Option<&str>) -> DocLink {
        DocLink {
            href: link.href(&d.id, anchor),
            title: d.title.clone(),
            unapproved: !d.approved(),
            overdue: d.overdue(self.site.build_date),
            sample: d.sample,
        }
    }

    /// A document's page.
    pub fn document(&self, d: &Document, link: Linker) -> Result<PageOut, Diagnostic> {
        let site = self.site;
        let ctx = Ctx {
            site,
            link,
            fonts: self.fonts,
            calls: self.calls,
            tables: Default::default(),
        };
        let body = blocks_html(&ctx, &d.body);
        let latest = d.latest();
        let mut c = self.base(&link);
        c.insert("title", &d.title);
        c.insert("kind", d.kind.as_str());
        c.insert("kind_label", d.kind.label());
        c.insert("version", &latest.version);
        c.insert("approved_on", &site.format_date(latest.date));
        c.insert("approver", latest.approver.name());
        c.insert("fingerprint", d.short_fingerprint());
        c.insert("unapproved", &!d.approved());
        c.insert("sample", &d.sample);
        c.insert("state", d.state_label());
        c.insert("overdue", &d.overdue(site.build_date));
        c.insert("next_review", &site.format_date(d.next_review()));
        let headings: Vec<_> = d.headings().filter(|h| h.level <= 2).collect();
        let toc: Vec<TocEntry> = if headings.len() >= TOC_MIN_HEADINGS {
            headings
                .iter()
                .map(|h| TocEntry {
                    href: link.href(&d.id, Some(&h.anchor)),
                    number: h.number.clone(),
                    text: crate::model::plain_text(&h.text),
                    level: h.level,
                })
                .collect()
        } else {
            vec![]
        };
        // Short contents lists are open; the plan's long one starts folded so
        // the first screen on a phone still shows text.
        c.insert("toc_open", &(toc.len() <= 12));
        c.insert("toc", &toc);
        c.insert("revision_title", d.revision_table_title());
        let revisions: Vec<RevisionRow> = d
            .revisions
            .iter()
            .enumerate()
            .map(|(i, r)| RevisionRow {
                version: r.version.clone(),
                date: site.format_date(r.date),
                approver: r.approver.name().to_string(),
                summary: r.summary.clone(),
                compare: site
                    .config
                    .compare
                    .links
                    .stem(&d.id, i)
                    .map(|stem| link.compare(&stem)),
            })
            .collect();
        c.insert("revisions", &revisions);
        let publication = (d.kind == Kind::Plan).then(|| {
            let o = &d.imprint;
            Publication {
                date: latest.date.format_month(site.config.dates),
                org: o.org.clone(),
                address: o.address.clone(),
                phone: o.phone.clone(),
                editor: o.editor.clone(),
            }
        });
        c.insert("publication", &publication);
        let html = self.render_with("document.html", |s| {
            let mut c = c.clone();
            c.insert("body", &s.put(&body));
            c
        })?;
        Ok(PageOut {
            title: d.title.clone(),
            html,
        })
    }

    /// The start page: the documents by kind and incident.
    pub fn index(&self, link: Linker) -> Result<PageOut, Diagnostic> {
        let site = self.site;
        let mut c = self.base(&link);
        c.insert("org", &site.config.organization.name);
        let plan = site.documents.iter().find(|d| d.kind == Kind::Plan);

        #[derive(Serialize)]
        struct IncidentEntry {
            short: String,
            href: String,
            target: String,
        }
        let incidents: Vec<IncidentEntry> = site
            .config
            .incidents
            .iter()
            .filter_map(|i| {
                let manual = site.documents.iter().find(|d| {
                    d.kind == Kind::Manual && d.incident.as_deref() == Some(i.id.as_str())
                });
                let (href, target) = match manual {
                    Some(m) => {
                        let anchor = m
                            .headings()
                            .any(|h| h.anchor == "first-actions")
                            .then_some("first-actions");
                        (
                            link.href(&m.id, anchor),
                            if anchor.is_some() {
                                "初動対応を開く".to_string()
                            } else {
                                m.title.clone()
                            },
                        )
                    }
                    None => {
                        let p = plan?;
                        let anchor = p
                            .headings()
                            .any(|h| h.anchor == "assembly")
                            .then_some("assembly");
                        (
                            link.href(&p.id, anchor),
                            "計画の参集・初動を開く".to_string(),
                        )
                    }
                };
                Some(IncidentEntry {
                    short: i.short.clone(),
                    href,
                    target,
                })
            })
            .collect();
        c.insert("incidents", &incidents);

        let assembly_doc = site
            .documents
            .iter()
            .find(|d| holds(&d.body, &|s| matches!(s, Structured::AssemblyRules(_))));
        c.insert(
            "assembly",
            &assembly_doc.map(|d| self.doc_link(&link, d, None)),
        );
        c.insert(
            "am_i",
            &assembly_doc.map(|d| am_i(site, d)).unwrap_or_default(),
        );
        let contacts: Vec<DocLink> = site
            .documents
            .iter()
            .filter(|d| holds(&d.body, &|s| matches!(s, Structured::Contacts(_))))
            .map(|d| self.doc_link(&link, d, None))
            .collect();
        c.insert("contacts", &contacts);
        let is_form = |s: &Structured| matches!(s, Structured::Form(_));
        let safety = site
            .documents
            .iter()
            .find(|d| d.kind == Kind::List && holds(&d.body, &is_form))
            .or_else(|| {
                site.documents
                    .iter()
                    .find(|d| holds(&d.body, &is_form) && d.title.contains("安否"))
            });
        c.insert("safety", &safety.map(|d| self.doc_link(&link, d, None)));

        c.insert("plan", &plan.map(|d| self.doc_link(&link, d, None)));
        let manuals: Vec<DocLink> = site
            .documents
            .iter()
            .filter(|d| d.kind == Kind::Manual)
            .map(|d| self.doc_link(&link, d, None))
            .collect();
        c.insert("manuals", &manuals);

        #[derive(Serialize)]
        struct Group {
            label: &'static str,
            docs: Vec<DocLink>,
        }
        let references: Vec<Group> = Kind::ALL
            .iter()
            .filter(|k| k.is_reference())
            .map(|k| Group {
                label: k.label(),
                docs: site
                    .documents
                    .iter()
                    .filter(|d| d.kind == *k)
                    .map(|d| self.doc_link(&link, d, None))
                    .collect(),
            })
            .filter(|g| !g.docs.is_empty())
            .collect();
        c.insert("references", &references);
        let unapproved: Vec<DocLink> = site
            .documents
            .iter()
            .filter(|d| !d.approved())
            .map(|d| self.doc_link(&link, d, None))
            .collect();
        c.insert("unapproved", &unapproved);
        let overdue = site
            .documents
            .iter()
            .filter(|d| d.overdue(site.build_date))
            .count()
            + site
                .trainings
                .iter()
                .filter(|t| t.overdue(site.build_date))
                .count();
        c.insert("overdue_count", &overdue);
        Ok(PageOut {
            title: site.config.title.clone(),
            html: self.render("index.html", &c)?,
        })
    }

    /// The glossary page, in kana order.
    pub fn glossary(&self, link: Linker) -> Result<PageOut, Diagnostic> {
        let ctx = Ctx {
            site: self.site,
            link,
            fonts: self.fonts,
            calls: self.calls,
            tables: Default::default(),
        };
        #[derive(Serialize)]
        struct Entry {
            id: String,
            term: String,
            reading: Option<String>,
            aliases: String,
            html: String,
        }
        #[derive(Serialize)]
        struct Part {
            title: &'static str,
            terms: Vec<Entry>,
        }
        let entry = |t: &Term| Entry {
            id: link.id(&t.anchor),
            term: t.term.clone(),
            reading: t.reading.clone().filter(|_| !t.is_latin()),
            aliases: t.aliases.join("、"),
            html: blocks_html(&ctx, &t.description),
        };
        let (latin, kana) = crate::model::kana::sorted_glossary(&self.site.glossary);
        let parts = [
            Part {
                title: "〈アルファベット順〉",
                terms: latin.into_iter().map(entry).collect(),
            },
            Part {
                title: "〈五十音順〉",
                terms: kana.into_iter().map(entry).collect(),
            },
        ];
        let mut c = self.base(&link);
        c.insert("parts", &parts);
        Ok(PageOut {
            title: "用語集".into(),
            html: self.render("glossary.html", &c)?,
        })
    }

    /// The status page: approval state of every document and every training's schedule.
    pub fn status(&self, link: Linker) -> Result<PageOut, Diagnostic> {
        let site = self.site;
        #[derive(Serialize)]
        struct DocRow {
            href: String,
            title: String,
            version: String,
            approved_on: String,
            approver: String,
            state: &'static str,
            unapproved: bool,
            next_review: String,
            overdue: bool,
        }
        let docs: Vec<DocRow> = site
            .documents
            .iter()
            .map(|d| DocRow {
                href: link.href(&d.id, None),
                title: d.title.clone(),
                version: d.latest().version.clone(),
                approved_on: site.format_date(d.latest().date),
                approver: d.latest().approver.name().to_string(),
                state: d.state_label(),
                unapproved: !d.approved(),
                next_review: site.format_date(d.next_review()),
                overdue: d.overdue(site.build_date),
            })
            .collect();
        #[derive(Serialize)]
        struct TrainingRow {
            name: String,
            frequency: String,
            last: String,
            last_summary: String,
            next: String,
            overdue: bool,
        }
        let trainings: Vec<TrainingRow> = site
            .trainings
            .iter()
            .map(|t| TrainingRow {
                name: t.name.clone(),
                frequency: t.frequency_label(),
                last: t.last_label(site),
                last_summary: t.last().map(|r| r.summary.clone()).unwrap_or_default(),
                next: t.next_label(site),
                overdue: t.overdue(site.build_date),
            })
            .collect();
        let mut c = self.base(&link);
        c.insert("docs", &docs);
        c.insert("trainings", &trainings);
        let audit = site.audit.as_ref().filter(|a| a.declared);
        c.insert(
            "audit_href",
            &audit.map(|_| link.href(super::links::AUDIT, None)),
        );
        Ok(PageOut {
            title: "承認・見直し・訓練の状況".into(),
            html: self.render("status.html", &c)?,
        })
    }
}

/// Whether a document's body holds structured data of some type (at the top
/// level, where standalone documents and `embed: document` put it).
fn holds(blocks: &[Block], pred: &dyn Fn(&Structured) -> bool) -> bool {
    blocks
        .iter()
        .any(|b| matches!(b, Block::Structured(e) if pred(&e.data)))
}

#[derive(Serialize, Default)]
struct RuleGroup {
    name: String,
    rules: Vec<RuleRow>,
}

#[derive(Serialize)]
struct RuleRow {
    event: String,
    condition: String,
    who: String,
    share: Option<String>,
}

/// 「自分は参集すべきか」: the assembly rules grouped by incident, in the
/// site's incident order; rules naming no incident apply to all (共通).
fn am_i(site: &Site, d: &Document) -> Vec<RuleGroup> {
    let rules: Vec<_> = d
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Structured(e) => match &e.data {
                Structured::AssemblyRules(r) => Some(r),
                _ => None,
            },
            _ => None,
        })
        .flatten()
        .collect();
    let row = |r: &crate::model::AssemblyRule| RuleRow {
        event: r.event.clone(),
        condition: r.condition.clone(),
        who: r.who.clone(),
        share: r.share.clone(),
    };
    let mut groups: Vec<RuleGroup> = site
        .config
        .incidents
        .iter()
        .map(|i| RuleGroup {
            name: i.short.clone(),
            rules: rules
                .iter()
                .filter(|r| r.incident.as_deref() == Some(i.id.as_str()))
                .map(|r| row(r))
                .collect(),
        })
        .filter(|g| !g.rules.is_empty())
        .collect();
    let common: Vec<RuleRow> = rules
        .iter()
        .filter(|r| {
            r.incident
                .as_deref()
                .is_none_or(|id| site.incident(id).is_none())
        })
        .map(|r| row(r))
        .collect();
    if !common.is_empty() {
        groups.push(RuleGroup {
            name: "その他・共通".into(),
            rules: common,
        });
    }
    groups
}
