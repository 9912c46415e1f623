//! Sources → the one document model, as a sequence of passes with one job
//! each:
//!
//! 1. `source` — the content folder read, site-wide YAML parsed with lines
//!    and checked (site.yaml, organization.yaml, trainings, glossary);
//! 2. [`documents`] — every document's metadata, ids unique, binder order;
//! 3. [`targets`] — headings numbered, so every reference target is known;
//! 4. [`glossary`] — the glossary's descriptions converted;
//! 5. [`convert`] — each document's Markdown or data → draft blocks
//!    (`crate::convert`, no site facts at hand), then the drafts resolved
//!    into model blocks (`crate::resolve`, reading shared facts only through
//!    `resolve::Context`, which records each dependency), then its
//!    fingerprint; YAML documents first, as Markdown may embed them;
//! 6. [`approval`] — each document's state against its recorded fingerprint;
//! 7. the model assembled, then `validate`'s warnings.
//!
//! `bcpgen serve` loads through [`load_cached`], which hands passes 2, 3 and
//! 5 a [`Cache`] of the previous load's per-document results.

pub mod approval;
pub mod cache;
pub mod convert;
pub mod documents;
pub mod glossary;
pub mod imprint;
pub mod targets;

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::Diagnostics;
use crate::model::*;
use crate::resolve::{Context, Facts, GlossaryMatcher};
use crate::source::config;
use crate::source::files;
pub use cache::Cache;
use convert::Which;

/// What a successful load gives: the site and its warnings.
pub struct Loaded {
    /// The whole site, checked and converted.
    pub site: Site,
    /// Warnings (nothing refused the build).
    pub warnings: Diagnostics,
}

/// How the caller wants the site read.
pub struct LoadOptions<'a> {
    /// The content folder.
    pub content: &'a Path,
    /// How the user named the content folder (shown in messages).
    pub shown: &'a str,
    /// The day the build treats as today.
    pub today: Date,
    /// Which documents the build includes.
    pub edition: Edition,
}

/// Reads, checks and converts the whole site; every problem found is
/// reported at once.
pub fn load(opts: &LoadOptions) -> Result<Loaded, Diagnostics> {
    load_cached(opts, &mut Cache::off())
}

/// [`load`], reusing what `cache` kept from the previous load wherever the
/// inputs are the same (the result is the same as [`load`]'s), and keeping
/// this load's results for the next.
pub fn load_cached(opts: &LoadOptions, cache: &mut Cache) -> Result<Loaded, Diagnostics> {
    let loaded = load_with(opts, cache);
    cache.turn();
    loaded
}

fn load_with(opts: &LoadOptions, cache: &Cache) -> Result<Loaded, Diagnostics> {
    let files = files::read_content(opts.content, opts.shown)?;
    let mut diags = Diagnostics::default();

    let parse = |f: &Option<files::TextFile>, diags: &mut Diagnostics| {
        f.as_ref().and_then(|f| config::parse_yaml_file(f, diags))
    };
    let org_yaml = parse(&files.organization, &mut diags);
    let org = org_yaml
        .as_ref()
        .and_then(|y| config::organization(y, &mut diags));
    let site_yaml = parse(&files.site, &mut diags);
    let (Some(org), Some(site_yaml)) = (org, site_yaml) else {
        return Err(diags);
    };
    let Some(cfg) = config::site_config(&site_yaml, &org, &mut diags) else {
        return Err(diags);
    };
    let trainings = parse(&files.trainings, &mut diags)
        .map(|y| config::trainings(&y, opts.today, &mut diags))
        .unwrap_or_default();
    let glossary_yaml = parse(&files.glossary, &mut diags);
    let raw_terms = glossary_yaml
        .as_ref()
        .map(|y| config::glossary(y, &mut diags))
        .unwrap_or_default();

    let documents::Documents {
        sources,
        keys,
        unreadable,
    } = documents::read(
        &files.documents,
        &org,
        &cfg,
        opts.today,
        (cache, &files),
        &mut diags,
    );
    let numbered = targets::number(&sources, &keys, &cfg.numbering, cache, &mut diags);
    let mut targets = targets::targets(&sources, &numbered, opts.edition);
    let entries = targets::entries(&sources, opts.edition);

    let assets = &files.assets;
    let mut used_assets = BTreeSet::new();
    let no_terms = GlossaryMatcher::new(&[]);
    let terms = glossary::terms(
        &raw_terms,
        glossary_yaml.as_ref(),
        &Context::new(Facts {
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
        }),
        &mut used_assets,
        &mut diags,
    );
    let matcher = GlossaryMatcher::new(&terms);
    // What every conversion may read without recording it (see `cache`).
    let shared = if cache.is_on() {
        cache::shared_facts(
            &files,
            &unreadable,
            &targets,
            &entries,
            opts.edition,
            opts.today,
        )
    } else {
        cache::Digest::default()
    };

    let mut converted: Vec<Option<convert::Converted>> = vec![None; sources.len()];
    for which in [Which::Data, Which::Markdown] {
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
        let fingerprint_of = |id: &str| {
            let t = targets.get(id)?;
            Some(t.fingerprint.clone().unwrap_or_default())
        };
        let reuse = convert::Reuse {
            cache,
            keys: &keys,
            shared,
            fingerprint_of: &fingerprint_of,
        };
        let done = convert::pass(&sources, which, &ctx, &numbered, &cfg.organization, &reuse);
        for c in done {
            let s = &sources[c.index];
            diags.0.extend(c.diags.iter().cloned());
            if opts.edition.includes(s.classification) {
                used_assets.extend(c.assets.iter().cloned());
            }
            // What later passes (embedders) read of this document.
            if let Some(t) = targets.get_mut(&s.id) {
                if which == Which::Data {
                    t.structured = Some(c.blocks.clone());
                }
                t.fingerprint = Some(c.fingerprint.clone());
            }
            let i = c.index;
            converted[i] = Some(c);
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }

    let mut documents = Vec::new();
    // (id, title) of the documents this edition leaves out: the audit
    // tells a declaration naming one from one naming no document at all.
    let mut left_out = Vec::new();
    for (s, c) in sources.into_iter().zip(converted) {
        if !opts.edition.includes(s.classification) {
            left_out.push((s.id, s.title));
            continue;
        }
        let Some(c) = c else { continue };
        documents.push(Document {
            approval: approval::state(&s.revisions, &s.reviews, &c.fingerprint),
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
            body: c.blocks,
            fingerprint: c.fingerprint,
            imprint: c.imprint,
            source: SourcePath::new(opts.shown, &s.meta_rel),
        });
    }
    let mut site = Site {
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
        audit: None,
    };
    // The public edition carries no audit: an ICT-BCP's gaps are not for
    // the public. Every other edition checks coverage.yaml.
    if opts.edition != Edition::Public {
        site.audit = Some(crate::audit::load(
            opts.content,
            opts.shown,
            &site,
            &left_out,
            &mut diags,
        ));
        if diags.has_errors() {
            return Err(diags);
        }
    }
    let warnings = crate::validate::warnings(&site);
    diags.extend(warnings);
    Ok(Loaded {
        site,
        warnings: diags,
    })
}
