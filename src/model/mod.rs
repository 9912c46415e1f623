//! The one document model both renderers read.

pub mod asset;
pub mod block;
pub mod compare;
pub mod date;
pub mod diagram;
pub mod document;
pub mod kana;
pub mod phone;
pub mod site;
pub mod structured;

pub use asset::*;
pub use block::*;
pub use compare::*;
pub use date::{Date, DateStyle};
pub use diagram::*;
pub use document::*;
pub use site::*;
pub use structured::*;
