//! bcpgen: an ICT business-continuity plan in, an offline HTML bundle and
//! archive-quality PDFs out.
//!
//! The pipeline reads like the folders: `source` (walk and parse files) →
//! `model` (one document model) → `validate` → `render` (html, pdf), with
//! `diagram` shared by both renderers and `output` writing the result safely.

pub mod diag;
pub mod diagram;
pub mod font;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod source;
pub mod theme;
pub mod validate;
