//! Sources → the one document model: reads the content folder, checks every
//! field, converts Markdown and structured data, and computes fingerprints.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::{self, Context, DocEntry, DocState, Facts, GlossaryMatcher, Target};
use crate::model::*;
use crate::source::config;
use crate::source::files;
use crate::source::fingerprint::{self, Dep, Deps, Recorded, SiteField};
use crate::source::meta::{self, DocSource};
use crate::source::raw::TermYaml;
use crate::source::yaml::Yaml;

/// What a successful load gives: the site and its warnings.
pub struct Loaded {
    pub site: Site,
    pub warnings: Diagnostics,
}

/// How the caller wants the site read.
pub struct LoadOptions<'a> {
    pub content: &'a Path,
    /// How the user named the content folder (shown in messages).
    pub shown: &'a str,
    pub today: Date,
    pub edition: Edition,
}

pub fn load(opts: &LoadOptions) -> Result<Loaded, Diagnostics> {
    let files = files::read_content(opts.content, opts.shown)?;
    let mut diags = Diagnostics::default();

    let org_yaml = files
        .organization
        .as_ref()
        .and_then(|f| config::parse_yaml_file(f, &mut diags));
    let org = org_yaml
        .as_ref()
        .and_then(|y| config::organization(y, &mut diags));
    let site_yaml = files
        .site
        .as_ref()
        .and_then(|f| config::parse_yaml_file(f, &mut diags));
    let (Some(org), Some(site_yaml)) = (org, site_yaml) else {
        return Err(diags);
    };
    let Some(cfg) = config::site_config(&site_yaml, &org, &mut diags) else {
        return Err(diags);
    };

    let trainings_yaml = files
        .trainings
        .as_ref()
        .and_then(|f| config::parse_yaml_file(f, &mut diags));
    let trainings = trainings_yaml
        .as_ref()
        .map(|y| config::trainings(y, opts.today, &mut diags))
        .unwrap_or_default();
    let glossary_yaml = files
        .glossary
        .as_ref()
        .and_then(|f| config::parse_yaml_file(f, &mut diags));
    let raw_terms = glossary_yaml
        .as_ref()
        .map(|y| config::glossary(y, &mut diags))
        .unwrap_or_default();

    // Metadata of every document.
    // Documents are independent here: read in parallel, reported in file order.
    let read: Vec<(Result<DocSource, Option<String>>, Diagnostics)> = files
        .documents
        .par_iter()
        .map(|f| {
            let mut d = Diagnostics::default();
            let s =
                meta::read(f, &org, &cfg, opts.today, &mut d).ok_or_else(|| meta::declared_id(f));
            (s, d)
        })
        .collect();
    let mut sources: Vec<DocSource> = Vec::with_capacity(read.len());
    // Documents whose metadata failed: the rest are still converted, so one
    // run reports every problem, and references to these are not errors twice.
    let mut unreadable: HashSet<String> = HashSet::new();
    for (s, d) in read {
        diags.extend(d);
        match s {
            Ok(s) => sources.push(s),
            Err(id) => unreadable.extend(id),
        }
    }
    let mut ids: HashMap<String, String> = HashMap::new();
    for s in &sources {
        if let Some(first) = ids.insert(s.id.clone(), s.yaml.file.clone()) {
            diags.push(
                Diagnostic::error(&s.yaml.file, format!("id が {first} と重複しています"))
                    .at(s.yaml.lines.line("id"))
                    .field("id")
                    .value(&s.id),
            );
        }
    }
    sort_for_binder(&mut sources, &cfg);

    // Heading pre-pass: every reference target is known before any text is converted.
    type Numbered = (Vec<markdown::headings::HeadingInfo>, Deps, Vec<Diagnostic>);
    let numbered: Vec<Numbered> = sources
        .par_iter()
        .map(|s| {
            let files: Vec<(&str, usize, &str)> = s
                .bodies
                .iter()
                .map(|(f, l, t)| (f.as_str(), *l, t.as_str()))
                .collect();
            let mut d = Vec::new();
            let mut deps = Deps::default();
            let hs = markdown::headings::number_headings(&files, &cfg.numbering, &mut deps, &mut d);
            (hs, deps, d)
        })
        .collect();
    let mut heading_lists = Vec::with_capacity(numbered.len());
    let mut heading_deps = Vec::with_capacity(numbered.len());
    for (hs, deps, d) in numbered {
        heading_lists.push(hs);
        heading_deps.push(deps);
        diags.0.extend(d);
    }
    let mut targets: HashMap<String, Target> = HashMap::new();
    for (s, hs) in sources.iter().zip(&heading_lists) {
        targets.insert(
            s.id.clone(),
            Target {
                title: s.title.clone(),
                kind: s.kind,
                included: opts.edition.includes(s.classification),
                headings: hs.iter().map(|h| (h.anchor.clone(), h.label())).collect(),
                structured: None,
                fingerprint: None,
            },
        );
    }
    let entries: Vec<DocEntry> = sources
        .iter()
        .map(|s| DocEntry {
            id: s.id.clone(),
            title: s.title.clone(),
            kind: s.kind,
            included: opts.edition.includes(s.classification),
        })
        .collect();

    let assets = &files.assets;
    let mut used_assets = BTreeSet::new();
    // Glossary descriptions may link to documents; they carry no ※ themselves.
    let no_terms = GlossaryMatcher::new(&[]);
    let glossary_ctx = Context::new(Facts {
        config: &cfg,
        org: &org,
        terms: &[],
        glossary: &no_terms,
        trainings: &[],
        targets: &targets,
        documents: &[],
        assets,
        edition: opts.edition,
        unreadable: &unreadable,
    });
    let terms = glossary_terms(
        &raw_terms,
        glossary_yaml.as_ref(),
        &glossary_ctx,
        &mut used_assets,
        &mut diags,
    );
    let matcher = GlossaryMatcher::new(&terms);

    // YAML documents first: Markdown documents may embed them. Inside a pass
    // documents only read the targets, so they convert in parallel.
    let mut converted: Vec<Option<(Vec<Block>, String, Imprint)>> = vec![None; sources.len()];
    for pass in [true, false] {
        let ctx = Context::new(Facts {
            config: &cfg,
            org: &org,
            terms: &terms,
            glossary: &matcher,
            trainings: &trainings,
            targets: &targets,
            documents: &entries,
            assets,
            edition: opts.edition,
            unreadable: &unreadable,
        });
        type Converted = (
            usize,
            Vec<Block>,
            String,
            Imprint,
            Vec<Diagnostic>,
            BTreeSet<String>,
        );
        let results: Vec<Converted> = sources
            .par_iter()
            .enumerate()
            .filter(|(_, s)| s.data_type.is_some() == pass)
            .map(|(i, s)| {
                let mut st = DocState {
                    id: s.id.clone(),
                    version: s.revisions.latest().version.clone(),
                    headings: heading_lists[i].clone(),
                    deps: heading_deps[i].clone(),
                    ..DocState::default()
                };
                let blocks = markdown::convert_document(s, &ctx, &mut st);
                let imprint = imprint(&cfg.organization, s.kind, &mut st.deps);
                let fp = fingerprint::compute(&s.yaml.value, &s.bodies, &st.deps);
                (i, blocks, fp, imprint, st.diags, st.assets)
            })
            .collect();
        for (i, blocks, fp, imprint, d, used) in results {
            diags.0.extend(d);
            let s = &sources[i];
            if opts.edition.includes(s.classification) {
                used_assets.extend(used);
            }
            if let Some(t) = targets.get_mut(&s.id) {
                if s.data_type.is_some() {
                    t.structured = Some(blocks.clone());
                }
                t.fingerprint = Some(fp.clone());
            }
            converted[i] = Some((blocks, fp, imprint));
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }

    let mut documents = Vec::new();
    for (s, c) in sources.into_iter().zip(converted) {
        if !opts.edition.includes(s.classification) {
            continue;
        }
        let Some((body, fp, imprint)) = c else {
            continue;
        };
        let latest = s.revisions.latest();
        let approval = match latest.fingerprint.as_deref() {
            None => Approval::Unverified,
            Some(f) => match fingerprint::recorded(f) {
                Recorded::Current(h) if h == fp => Approval::Approved,
                Recorded::Legacy(_) => refreshed(&s.reviews, latest, &fp),
                Recorded::Current(_) | Recorded::Invalid => Approval::Changed,
            },
        };
        documents.push(Document {
            id: s.id,
            title: s.title,
            kind: s.kind,
            incident: s.incident,
            classification: s.classification,
            order: s.order,
            revisions: s.revisions,
            reviews: s.reviews,
            review_interval_months: s
                .review_interval_months
                .unwrap_or(cfg.review_interval_months),
            sample: s.sample,
            body,
            fingerprint: fp,
            approval,
            imprint,
            source: SourcePath::new(opts.shown, &s.meta_rel),
        });
    }
    let site = Site {
        config: cfg,
        org,
        glossary: terms,
        trainings,
        documents,
        build_date: opts.today,
        edition: opts.edition,
        // Every used file was read and checked when first referred to.
        assets: used_assets
            .iter()
            .filter_map(|rel| Some((rel.clone(), assets.get(rel)?.load().ok()?.clone())))
            .collect(),
    };
    let warnings = crate::validate::warnings(&site);
    diags.extend(warnings);
    Ok(Loaded {
        site,
        warnings: diags,
    })
}

/// Plan first, then manuals in the order of site.yaml's incidents, then
/// reference material by kind; `order`, then title, inside each.
fn sort_for_binder(sources: &mut [DocSource], cfg: &SiteConfig) {
    let incident_rank = |s: &DocSource| {
        s.incident
            .as_ref()
            .and_then(|i| cfg.incidents.iter().position(|x| &x.id == i))
            .unwrap_or(usize::MAX)
    };
    sources.sort_by(|a, b| {
        (a.kind, incident_rank(a), a.order, &a.title, &a.id).cmp(&(
            b.kind,
            incident_rank(b),
            b.order,
            &b.title,
            &b.id,
        ))
    });
}

fn glossary_terms(
    raw: &[(TermYaml, usize)],
    yaml: Option<&Yaml>,
    ctx: &Context,
    used_assets: &mut BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Vec<Term> {
    let Some(yaml) = yaml else { return vec![] };
    let mut st = DocState {
        id: "glossary".into(),
        ..DocState::default()
    };
    let terms = raw
        .iter()
        .enumerate()
        .map(|(i, (t, line))| Term {
            term: t.term.clone(),
            reading: t.reading.clone(),
            aliases: t.aliases.clone(),
            description: markdown::parse_body(&t.description, &yaml.file, *line, ctx, &mut st),
            anchor: format!("term-{}", i + 1),
        })
        .collect();
    diags.0.extend(st.diags);
    used_assets.extend(st.assets);
    terms
}

/// The state of a document whose latest revision holds an old-algorithm
/// fingerprint: a later review that recorded a current one (`bcpgen review`)
/// is compared instead; without one it stays 旧方式の指紋.
fn refreshed(reviews: &[Review], latest: &Revision, fp: &str) -> Approval {
    let recorded = reviews
        .iter()
        .filter(|r| r.date >= latest.date)
        .filter_map(|r| r.fingerprint.as_deref())
        .next_back();
    match recorded.map(fingerprint::recorded) {
        None => Approval::Legacy,
        Some(Recorded::Current(h)) if h == fp => Approval::Approved,
        Some(_) => Approval::Changed,
    }
}

/// What a document's cover (every document's PDF) and publication block
/// (the plan's HTML page and PDF) print from site.yaml, each field recorded.
fn imprint(o: &OrgInfo, kind: Kind, deps: &mut Deps) -> Imprint {
    let mut field = |f: SiteField, v: &str| {
        deps.record(Dep::Site(f), v);
        v.to_string()
    };
    Imprint {
        org: field(SiteField::OrgName, &o.name),
        department: field(SiteField::Department, &o.department),
        address: field(SiteField::Address, &o.address),
        phone: field(SiteField::Phone, &o.phone),
        editor: match (&o.editor, kind) {
            (Some(e), Kind::Plan) => Some(field(SiteField::Editor, e)),
            _ => None,
        },
    }
}
