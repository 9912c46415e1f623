//! Where a document came from: the real path inside the content folder,
//! kept as a path so commands that rewrite the file (`approve`, `review`)
//! join it to the folder instead of parsing a message string back.

use std::fmt;
use std::path::{Path, PathBuf};

/// The file holding a document's metadata (`_index.md`, the Markdown file or
/// the YAML file), relative to the content folder, plus how the user named
/// that folder so messages can show the path as they would type it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcePath {
    rel: PathBuf,
    shown_root: String,
}

impl SourcePath {
    /// `rel` is relative to the content folder (`plan/_index.md`);
    /// `shown_root` is the folder as the user named it (`content`).
    pub fn new(shown_root: &str, rel: impl Into<PathBuf>) -> SourcePath {
        SourcePath {
            rel: rel.into(),
            shown_root: shown_root.trim_end_matches('/').to_string(),
        }
    }

    /// The path relative to the content folder.
    pub fn rel(&self) -> &Path {
        &self.rel
    }

    /// The file on disk, inside the content folder `content`.
    pub fn in_folder(&self, content: &Path) -> PathBuf {
        content.join(&self.rel)
    }
}

/// As messages print it: `content/plan/_index.md`.
impl fmt::Display for SourcePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.shown_root, self.rel.display())
    }
}

/// Diagnostics name their file as a string (`Diagnostic::error(&d.source, …)`).
impl From<&SourcePath> for String {
    fn from(p: &SourcePath) -> String {
        p.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_as_typed_and_joined_as_a_path() {
        let p = SourcePath::new("my content/", "plan/_index.md");
        assert_eq!(p.to_string(), "my content/plan/_index.md");
        assert_eq!(
            p.in_folder(Path::new("/x/my content")),
            PathBuf::from("/x/my content/plan/_index.md")
        );
    }
}
