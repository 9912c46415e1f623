//! Every size limit bcpgen puts on its sources, in one place. Each bounds
//! something that drives an allocation, a recursion or the layout time, and
//! each is checked when the sources are loaded, so `check` refuses what
//! `build` could not render (with the file, line, field and the limit).
//! The values sit well above anything a business-continuity plan needs.

/// Deepest Markdown nesting: block quotes, list items, emphasis, links, and
/// `bcp` blocks inside table cells inside `bcp` blocks, counted together.
/// The converter and the renderers walk the tree recursively, so without a
/// bound a line of 5,000 `*` overflowed the stack. Deeper text is an error at
/// the line where the limit is crossed; pulldown-cmark itself does not
/// recurse, so the count runs on its events.
pub const MAX_MARKDOWN_DEPTH: usize = 32;

/// Height of a rack in units (`racks[].units`): the tallest standard rack
/// is 48 U; the drawing allocates a line per unit.
pub const MAX_RACK_UNITS: u32 = 60;

/// Devices in one rack (`racks[].devices`): each takes at least one unit,
/// so more than `MAX_RACK_UNITS` cannot fit; the overlap check compares
/// every pair.
pub const MAX_RACK_DEVICES: usize = MAX_RACK_UNITS as usize;

/// Columns and rows of a floor grid (`grid.cols`, `grid.rows`): the drawing
/// allocates a line per column and row, and at 330 px wide a cell of a
/// 100-column grid is already only 3 px.
pub const MAX_FLOOR_GRID: u32 = 100;

/// Nodes of a flow or relation diagram (`nodes`): the layered layout is
/// measured in `bench/run.sh` up to this size (under a second on a 2-core
/// machine); a BCP's largest flow has a few dozen.
pub const MAX_DIAGRAM_NODES: usize = 200;

/// Edges of a flow or relation diagram (`edges`): four per node on average.
pub const MAX_DIAGRAM_EDGES: usize = 4 * MAX_DIAGRAM_NODES;

/// `rowspan` and `colspan` of an `embed: table` cell: the PDF table grid
/// allocates a slot for every row and column a cell covers.
pub const MAX_TABLE_SPAN: u32 = 100;

/// Writing lines of one form field (`fields[].lines`): the PDF draws each;
/// 40 lines fill an A4 page.
pub const MAX_FORM_LINES: u32 = 40;
