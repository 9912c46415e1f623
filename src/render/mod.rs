//! Renderers: the model in, files out. They never touch the disk.

pub mod html;
pub mod pdf;

use crate::theme::Theme;

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
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.document {
            Some(id) => write!(f, "文書「{id}」: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

pub type RenderResult = Result<Vec<OutputFile>, Vec<RenderError>>;

#[allow(unused)]
fn _assert_theme_is_data(_: &Theme) {}
