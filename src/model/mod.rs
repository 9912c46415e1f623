//! The one document model both renderers read.

pub mod asset;
pub mod block;
pub mod compare;
pub mod date;
pub mod diagram;
pub mod document;
pub mod kana;
pub mod phone;
pub mod revisions;
pub mod site;
pub mod source_path;
pub mod structured;
mod training_labels;

pub use asset::*;
pub use block::*;
pub use compare::*;
pub use date::{Date, DateStyle};
pub use diagram::*;
pub use document::*;
pub use revisions::Revisions;
pub use site::*;
pub use source_path::SourcePath;
pub use structured::*;
