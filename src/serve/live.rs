//! The site as served: the latest files in memory, the diagnostics while a
//! source is broken, and the reload scripts waiting for the next version.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::model::Site;
use crate::theme::Theme;

/// How long a reload script's request is held before it is answered
/// unchanged (it asks again): under the usual 30 s proxy and browser limits.
const HOLD: Duration = Duration::from_secs(20);
/// Reload scripts held at once; more are told to ask again later, so a
/// flood of requests cannot pile up connections without bound.
const MAX_WAITERS: usize = 64;

/// One file's bytes, shared between the map and the responses.
pub type Bytes = Arc<Vec<u8>>;

/// Everything a request may read, replaced together.
pub struct Snapshot {
    /// Counts the rebuilds that changed something; pages carry it and
    /// reload when it moves on.
    pub version: u64,
    /// Output files by path, as a build would write them under `out/`
    /// (`html/index.html`; bcp.html is made on request, see `pdfs`).
    pub files: HashMap<String, Bytes>,
    /// The errors of the latest load or render, shown in place of every page.
    pub errors: Option<Arc<Diagnostics>>,
    /// The latest site loaded without errors, and its theme (PDFs are made from them).
    pub site: Option<Arc<Site>>,
    pub theme: Option<Arc<Theme>>,
    /// Files made on request for this version: PDFs by document id, and
    /// bcp.html.
    pub pdfs: HashMap<String, Bytes>,
}

/// The served state, shared by the rebuild loop and the request threads.
pub struct Live {
    now: Mutex<Snapshot>,
    waiters: Mutex<Vec<(tiny_http::Request, Instant)>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A request thread that panicked leaves consistent data behind (every
    // change is one assignment): keep serving.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Live {
    /// Nothing built yet (version 0).
    pub fn new() -> Live {
        Live {
            now: Mutex::new(Snapshot {
                version: 0,
                files: HashMap::new(),
                errors: None,
                site: None,
                theme: None,
                pdfs: HashMap::new(),
            }),
            waiters: Mutex::new(Vec::new()),
        }
    }

    /// Reads the current state.
    pub fn with<R>(&self, f: impl FnOnce(&Snapshot) -> R) -> R {
        f(&lock(&self.now))
    }

    /// Changes the state as one new version, then answers every waiting
    /// reload script with it.
    pub fn publish(&self, f: impl FnOnce(&mut Snapshot)) {
        let version = {
            let mut now = lock(&self.now);
            f(&mut now);
            now.pdfs.clear();
            now.version += 1;
            now.version
        };
        for (request, _) in lock(&self.waiters).drain(..) {
            answer_version(request, version);
        }
    }

    /// Keeps a file made on request for `version` (dropped if the site
    /// moved on meanwhile).
    pub fn keep_pdf(&self, version: u64, id: &str, bytes: Bytes) {
        let mut now = lock(&self.now);
        if now.version == version {
            now.pdfs.insert(id.to_string(), bytes);
        }
    }

    /// A reload script asks whether the version is still `seen`: answered
    /// at once if not, else held until the next version or [`HOLD`].
    pub fn wait(&self, request: tiny_http::Request, seen: Option<u64>) {
        let mut waiters = lock(&self.waiters);
        let version = self.with(|s| s.version);
        if seen != Some(version) {
            drop(waiters);
            answer_version(request, version);
        } else if waiters.len() >= MAX_WAITERS {
            drop(waiters);
            let _ = request.respond(tiny_http::Response::empty(503));
        } else {
            waiters.push((request, Instant::now()));
        }
    }

    /// Answers the reload scripts held longer than [`HOLD`] (they ask again).
    pub fn expire_waiters(&self) {
        let version = self.with(|s| s.version);
        let expired: Vec<_> = {
            let mut waiters = lock(&self.waiters);
            let (old, young) = waiters
                .drain(..)
                .partition(|(_, since)| since.elapsed() >= HOLD);
            *waiters = young;
            old
        };
        for (request, _) in expired {
            answer_version(request, version);
        }
    }
}

fn answer_version(request: tiny_http::Request, version: u64) {
    let _ = request.respond(super::http::text(version.to_string()));
}
