//! Diagram data → geometry (`Drawing`) → SVG for HTML; the PDF writer draws
//! the same geometry with its own operations.

pub mod drawing;

pub use drawing::*;
