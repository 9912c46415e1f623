//! Renderers: the model in, files out. They never touch the disk: each
//! finished file goes to a `Sink`, which the caller decides about.

pub mod html;
pub mod names;
pub mod pdf;

use std::sync::Mutex;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Document;

/// One output file, its path relative to the output folder (`html/plan.html`).
#[derive(Clone, Debug)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    /// The whole content of the file.
    pub bytes: Vec<u8>,
}

/// What a renderer returns: every problem it found, as diagnostics.
pub type RenderResult = Result<(), Diagnostics>;

/// A problem with one document's output: placed in the document's source
/// file and naming the document (「文書「plan」: …」).
pub fn in_document(doc: &Document, message: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(&doc.source, format!("文書「{}」: {message}", doc.id))
}

/// Takes each file as soon as a renderer has finished it, so a build never
/// holds all its output at once (a hundred PDFs and a binder are ~50 MB).
/// Called from several threads.
pub trait Sink: Sync {
    /// Takes one finished file; `Err` fails the build.
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
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
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}
