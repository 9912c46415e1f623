//! What a `bcpgen serve` session keeps from one load to the next, so that
//! after an edit only what depends on it is read and converted again.
//!
//! Each pass that works per document (metadata, heading numbers,
//! conversion) asks a [`Memo`] with a key that digests everything its
//! result is made from; a key seen in the previous load gives the previous
//! result back, anything else is computed as `build` computes it. So a
//! cached load gives the very site a fresh one would, only sooner:
//!
//! - metadata: the document's files (names and bytes) plus what checking
//!   them reads (organization.yaml, site.yaml, the day);
//! - heading numbers: the same key (the bodies and site.yaml's numbering);
//! - conversion: the same key, the facts every conversion may read without
//!   recording a dependency ([`shared_facts`]: site.yaml, the organisation,
//!   glossary, trainings, edition, which documents exist with their titles,
//!   headings and classification, the files under `assets/`), and the pass;
//!   then each recorded [`Dep::Embedded`] is checked against the embedded
//!   document's fingerprint now, because embedded blocks change with their
//!   source while everything above stays the same. A document that shows
//!   or links a file under `assets/` is always converted again (the file's
//!   bytes are not in the key).
//!
//! A change to a title, a heading or a classification therefore converts
//! every document again; an edit inside a document's text converts that
//! document and the ones that embed it.
//!
//! `build` uses [`Cache::off`]: nothing is looked up or kept.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Debug, Write as _};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use sha2::{Digest as _, Sha256};

use super::convert::Converted;
use crate::convert::headings::HeadingInfo;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Date, Edition};
use crate::resolve::{DocEntry, Target};
use crate::source::files::{ContentFiles, DocumentFiles, TextFile};
use crate::source::fingerprint::{Dep, Deps};
use crate::source::meta::DocSource;

/// A SHA-256 digest.
pub type Digest = [u8; 32];

/// SHA-256 of a value's `Debug` text, streamed (no string is built).
pub fn digest_debug(v: &impl Debug) -> Digest {
    struct W(Sha256);
    impl fmt::Write for W {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    let mut w = W(Sha256::new());
    let _ = write!(w, "{v:?}");
    w.0.finalize().into()
}

/// A digest fed with length-prefixed byte strings, so that no two
/// sequences of parts feed the same bytes.
#[derive(Default)]
pub struct Feed(Sha256);

impl Feed {
    /// Nothing fed yet.
    pub fn new() -> Feed {
        Feed(Sha256::new())
    }
    /// Feeds one part.
    pub fn part(&mut self, bytes: &[u8]) -> &mut Feed {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }
    /// Feeds a file's names and text (hashed raw: a `Debug` text of 30 KB
    /// of Japanese costs a check per character).
    pub fn file(&mut self, f: &TextFile) -> &mut Feed {
        self.part(f.display.as_bytes())
            .part(f.rel.as_bytes())
            .part(f.text.as_bytes())
    }
    /// The digest.
    pub fn finish(&mut self) -> Digest {
        std::mem::replace(&mut self.0, Sha256::new())
            .finalize()
            .into()
    }
}

/// SHA-256 of a document's files (names and bytes) and `checked_against`.
pub fn digest_files(files: &DocumentFiles, checked_against: &Digest) -> Digest {
    let mut h = Feed::new();
    h.part(checked_against);
    // The variant (a folder, Markdown or YAML) decides how the files are read.
    h.part(match files {
        DocumentFiles::Folder { .. } => b"folder",
        DocumentFiles::Markdown(_) => b"md",
        DocumentFiles::Yaml(_) => b"yaml",
    });
    for f in files.texts() {
        h.file(f);
    }
    h.finish()
}

/// The site-wide files a document's metadata is checked against
/// (site.yaml, organization.yaml) and the day, as one digest.
pub fn site_files(files: &ContentFiles, today: Date) -> Digest {
    let mut h = Feed::new();
    for f in [&files.site, &files.organization] {
        match f {
            Some(f) => h.part(b"file").file(f),
            None => h.part(b"none"),
        };
    }
    h.part(format!("{today:?}").as_bytes());
    h.finish()
}

/// Digests as one.
pub fn combine(parts: &[&[u8]]) -> Digest {
    let mut h = Feed::new();
    for p in parts {
        h.part(p);
    }
    h.finish()
}

/// The facts a conversion may read without recording a dependency, as one
/// digest: everything of the site but the other documents' text and data.
/// The site-wide files stand for what is parsed from them (site.yaml, the
/// organisation, trainings; the glossary, whose links read `targets` too).
pub fn shared_facts(
    files: &ContentFiles,
    unreadable: &HashSet<String>,
    targets: &HashMap<String, Target>,
    entries: &[DocEntry],
    edition: Edition,
    today: Date,
) -> Digest {
    let mut h = Feed::new();
    for f in [
        &files.site,
        &files.organization,
        &files.glossary,
        &files.trainings,
    ] {
        match f {
            Some(f) => h.part(b"file").file(f),
            None => h.part(b"none"),
        };
    }
    h.part(edition.label().as_bytes());
    h.part(format!("{today:?}").as_bytes());
    let mut unreadable: Vec<&String> = unreadable.iter().collect();
    unreadable.sort();
    h.part(b"unreadable");
    for id in unreadable {
        h.part(id.as_bytes());
    }
    h.part(b"assets");
    for rel in files.assets.keys() {
        h.part(rel.as_bytes());
    }
    let mut ids: Vec<&String> = targets.keys().collect();
    ids.sort();
    h.part(b"targets");
    for id in ids {
        let t = &targets[id];
        h.part(id.as_bytes())
            .part(t.title.as_bytes())
            .part(t.kind.as_str().as_bytes())
            .part(&[t.included as u8]);
        let mut headings: Vec<_> = t.headings.iter().collect();
        headings.sort();
        for (anchor, label) in headings {
            h.part(anchor.as_bytes()).part(label.as_bytes());
        }
        h.part(b"end");
    }
    h.part(b"entries");
    for e in entries {
        h.part(e.id.as_bytes())
            .part(e.title.as_bytes())
            .part(e.kind.as_str().as_bytes())
            .part(&[e.included as u8]);
    }
    h.finish()
}

/// Results of one pass by key: the previous load's, taken when asked for
/// again, and this load's, kept for the next.
pub struct Memo<V> {
    on: bool,
    /// Results made (not reused) in this load, and in the last one.
    made: AtomicUsize,
    last_made: usize,
    old: Mutex<HashMap<Digest, V>>,
    new: Mutex<HashMap<Digest, V>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere leaves a map of whole entries: keep using it.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<V: Clone> Memo<V> {
    fn new(on: bool) -> Memo<V> {
        Memo {
            on,
            made: AtomicUsize::new(0),
            last_made: 0,
            old: Mutex::new(HashMap::new()),
            new: Mutex::new(HashMap::new()),
        }
    }

    /// The result for `key`: the previous load's when it has one that
    /// `still_valid` accepts, else `make`'s (kept only when `keep` accepts it).
    pub fn get(
        &self,
        key: Digest,
        still_valid: impl FnOnce(&V) -> bool,
        keep: impl FnOnce(&V) -> bool,
        make: impl FnOnce() -> V,
    ) -> V {
        if !self.on {
            return make();
        }
        let old = lock(&self.old).remove(&key).filter(still_valid);
        let v = old.unwrap_or_else(|| {
            self.made.fetch_add(1, Ordering::Relaxed);
            make()
        });
        if keep(&v) {
            lock(&self.new).insert(key, v.clone());
        }
        v
    }

    /// This load's results become the ones the next load may take; the
    /// rest (documents gone or changed) are dropped.
    fn turn(&mut self) {
        self.last_made = self.made.swap(0, Ordering::Relaxed);
        let new = std::mem::take(&mut *lock(&self.new));
        *lock(&self.old) = new;
    }
}

/// A document's metadata pass: the source, or the id it declares when its
/// metadata failed; and the problems found.
pub type MetaResult = (Result<DocSource, Option<String>>, Diagnostics);
/// A document's headings pass: its headings, the dependency their
/// numbering recorded, and the problems found.
pub type Numbered = (Vec<HeadingInfo>, Deps, Vec<Diagnostic>);

/// The per-document results of the previous load.
pub struct Cache {
    /// Metadata by [`digest_files`].
    pub meta: Memo<MetaResult>,
    /// Heading numbers by the same key.
    pub numbered: Memo<Numbered>,
    /// Conversions by the same key, [`shared_facts`] and the pass.
    pub converted: Memo<Converted>,
}

impl Cache {
    /// A cache that keeps nothing (`build`, `check`, …).
    pub fn off() -> Cache {
        Cache::with(false)
    }

    /// A cache kept across the loads of one serve session.
    pub fn new() -> Cache {
        Cache::with(true)
    }

    fn with(on: bool) -> Cache {
        Cache {
            meta: Memo::new(on),
            numbered: Memo::new(on),
            converted: Memo::new(on),
        }
    }

    /// Whether results are looked up and kept.
    pub fn is_on(&self) -> bool {
        self.meta.on
    }

    /// How many documents the last load converted (the others were reused).
    pub fn converted_last(&self) -> usize {
        self.converted.last_made
    }

    /// Ends a load: what it made is what the next one may reuse.
    pub fn turn(&mut self) {
        self.meta.turn();
        self.numbered.turn();
        self.converted.turn();
    }
}

impl Default for Cache {
    fn default() -> Cache {
        Cache::new()
    }
}

/// Whether a kept conversion read, of every document it embeds, the
/// fingerprint that document has now (`fingerprint_of` gives it as the
/// conversion would record it).
pub fn embeds_unchanged(c: &Converted, fingerprint_of: impl Fn(&str) -> Option<String>) -> bool {
    c.deps.iter().all(|(dep, value)| match dep {
        Dep::Embedded(id) => fingerprint_of(id).as_deref() == Some(value.as_str()),
        _ => true,
    })
}
