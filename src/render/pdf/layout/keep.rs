//! Keep rules, set as flags on the boxes a block makes; the paginator alone
//! obeys them (`paginate`), so no caller breaks pages itself.
//!
//! - a paragraph never leaves one line alone at a page foot (orphan) or
//!   head (widow): a two- or three-line paragraph moves whole, a longer one
//!   splits with at least two lines on each side;
//! - a heading stays with [`HEADING_LINES`] lines of what follows;
//! - a list's last item and a table's last row never go alone to a new page;
//! - a caption stays with its figure (`figure::place_with_caption`).

use super::boxes::VBox;

/// Lines of what follows a heading that stay on the heading's page.
pub const HEADING_LINES: u8 = 2;

/// The line boxes of one paragraph: its first two lines stay together, and
/// so do its last two.
pub fn paragraph_lines(lines: &mut [VBox]) {
    let n = lines.len();
    if n < 2 {
        return;
    }
    lines[0].keep_with_next = true;
    lines[n - 2].keep_with_next = true;
}

/// The boxes of a run of units (list items, table rows) whose last unit
/// starts at `last_start`: the box before it keeps with it, so the last
/// unit never starts a page alone.
pub fn last_not_alone(boxes: &mut [VBox], last_start: usize) {
    if last_start > 0 && last_start < boxes.len() {
        boxes[last_start - 1].keep_with_next = true;
    }
}
