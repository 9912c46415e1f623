//! Diagram data → geometry (`Drawing`) → SVG for HTML; the PDF writer draws
//! the same geometry with its own operations.
//!
//! `layout` places a diagram for a narrow page (a 360 px phone, an A4 text
//! column): tall rather than wide, labels wrapped with the PDF's font metrics.
//! `check` finds the semantic mistakes the loader reports with file and line.

pub mod alt;
mod check;
pub mod drawing;
mod finish;
mod floor;
mod flow;
mod layered;
mod legend;
mod org;
mod rack;
mod relation;
mod style;
mod svg;
pub mod text;

pub use check::{check, check_drawing, DiagramProblem, MIN_PARALLEL, MIN_TEXT};
pub use drawing::*;
pub use svg::svg;

use crate::font::FontMetrics;
use crate::model::Diagram;

/// Lays a diagram out; `metrics` must be the Gothic font's (labels are drawn in it).
pub fn layout(diagram: &Diagram, metrics: &FontMetrics) -> Drawing {
    match diagram {
        Diagram::Org(o) => org::layout(o, metrics),
        Diagram::Flow(f) => flow::layout(f, metrics),
        Diagram::Relation(r) => relation::layout(r, metrics),
        Diagram::Rack(racks) => rack::layout(racks, metrics),
        Diagram::Floor(f) => floor::layout(f, metrics),
    }
}

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;
