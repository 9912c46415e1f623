//! File events from the content and theme folders, debounced by
//! notify-debouncer-full so that one save is one rebuild. Only events that
//! change something count: reading the sources (a rebuild does) opens
//! them, and inotify reports every open.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

/// How long a file must stay quiet before its change counts: long enough to
/// join the events of one save, short against the time a rebuild takes.
const QUIET: Duration = Duration::from_millis(20);

/// What changed, the larger one winning when changes are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A file under the content folder.
    Content,
    /// A file of the theme (templates, styles, fonts): read again, every page rendered.
    Theme,
}

impl Change {
    /// The change that covers both.
    pub fn max(self, other: Change) -> Change {
        std::cmp::max(self, other)
    }
}

/// Starts watching; the returned watcher stops when dropped.
pub fn start(
    content: &Path,
    theme: Option<&Path>,
    tx: Sender<Change>,
) -> Result<Debouncer<RecommendedWatcher, RecommendedCache>, String> {
    // Events name paths under the folder as it was watched: watch and
    // compare real paths, so a relative or symlinked `--theme` is recognised.
    let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let theme_root: Option<PathBuf> = theme.map(real);
    let content = real(content);
    let handler = move |res: DebounceEventResult| {
        let Ok(events) = res else {
            // An error of the watcher itself: rebuild, so nothing is missed.
            let _ = tx.send(Change::Content);
            return;
        };
        let changes: Vec<_> = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .collect();
        if changes.is_empty() {
            return;
        }
        let theme_hit = changes.iter().any(|e| {
            theme_root
                .as_deref()
                .is_some_and(|root| e.paths.iter().any(|p| p.starts_with(root)))
        });
        let _ = tx.send(if theme_hit {
            Change::Theme
        } else {
            Change::Content
        });
    };
    let mut debouncer = new_debouncer(QUIET, None, handler)
        .map_err(|e| format!("ファイルの変更を監視できません: {e}"))?;
    let mut watch = |dir: &Path| {
        debouncer
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| format!("フォルダ {} を監視できません: {e}", dir.display()))
    };
    watch(&content)?;
    if let Some(t) = theme {
        watch(&real(t))?;
    }
    Ok(debouncer)
}
