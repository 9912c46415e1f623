//! Renderers: the model in, files out. They never touch the disk: each
//! finished file goes to a `Sink`, which the caller decides about.

pub mod html;
pub mod names;
pub mod pdf;

use std::sync::Mutex;

/// One output file, its path relative to the output folder (`html/plan.html`).
#[derive(Clone, Debug)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A renderer's failure: which document, and what went wrong, in Japanese.
#[derive(Clone, Debug)]
pub struct RenderError {
    pub document: Option<String>,
    pub message: String,
    /// A character the fonts lack: the caller names where the sources
    /// write it, rather than blaming every document that shows it.
    pub missing: Option<char>,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.document {
            Some(id) => write!(f, "文書「{id}」: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

pub type RenderResult = Result<(), Vec<RenderError>>;

/// Takes each file as soon as a renderer has finished it, so a build never
/// holds all its output at once (a hundred PDFs and a binder are ~50 MB).
/// Called from several threads.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), String>;
}

/// A sink that keeps the files in memory, for callers that want them.
#[derive(Default)]
pub struct Collect(Mutex<Vec<OutputFile>>);

impl Collect {
    /// The files, sorted by path (the order they arrive in varies).
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut v = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<(), String> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// A failure that is not one document's (a template, the sink) as a renderer error.
pub(crate) fn site_error(message: String) -> Vec<RenderError> {
    vec![RenderError {
        document: None,
        message,
        missing: None,
    }]
}
