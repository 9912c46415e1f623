//! The shape of an `embed: table`: every row fills exactly the table's
//! columns, counting `colspan` and the columns a `rowspan` from a row above
//! still covers. A row with a cell too many or too few would shift every
//! cell after it into the wrong column, in HTML and PDF alike.

use crate::model::Row;

/// A row whose cells do not fill the table's columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misfit {
    /// Index of the row in the rows checked together.
    pub row: usize,
    /// Columns the row fills (its cells' colspans and the covered columns).
    pub found: u64,
}

/// A cell still covering columns of the rows below it.
struct Span {
    start: u64,
    end: u64,
    rows_left: u32,
}

/// Columns each row of `rows` fills (rows of one section: a rowspan does
/// not reach from the header into the body). Also returns whether a rowspan
/// reaches past the last row. Spans are kept as column ranges, so a wide
/// colspan costs nothing to count.
pub fn widths(rows: &[Row]) -> (Vec<u64>, bool) {
    let mut spans: Vec<Span> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut col = 0u64;
        let mut filled = 0u64;
        let mut new = Vec::new();
        for cell in &row.cells {
            // A cell takes the next column no span from above covers.
            while let Some(s) = spans.iter().find(|s| s.start <= col && col < s.end) {
                filled += s.end - s.start;
                col = s.end;
            }
            let end = col.saturating_add(u64::from(cell.colspan));
            filled = filled.saturating_add(end - col);
            if cell.rowspan > 1 {
                new.push(Span {
                    start: col,
                    end,
                    rows_left: cell.rowspan - 1,
                });
            }
            col = end;
        }
        // Spans right of the last cell still fill their columns.
        filled += spans
            .iter()
            .filter(|s| s.start >= col)
            .map(|s| s.end - s.start)
            .sum::<u64>();
        out.push(filled);
        for s in &mut spans {
            s.rows_left -= 1;
        }
        spans.retain(|s| s.rows_left > 0);
        spans.extend(new);
    }
    (out, !spans.is_empty())
}

/// The rows of `rows` that do not fill `columns` columns.
pub fn misfits(rows: &[Row], columns: u64) -> Vec<Misfit> {
    widths(rows)
        .0
        .into_iter()
        .enumerate()
        .filter(|&(_, w)| w != columns)
        .map(|(row, found)| Misfit { row, found })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;

    fn row(spans: &[(u32, u32)]) -> Row {
        Row {
            cells: spans
                .iter()
                .map(|&(rowspan, colspan)| Cell {
                    rowspan,
                    colspan,
                    ..Cell::text("x")
                })
                .collect(),
        }
    }

    #[test]
    fn counts_colspans_and_rowspans_from_above() {
        let rows = [
            row(&[(2, 1), (1, 2)]),
            row(&[(1, 1), (1, 1)]),
            row(&[(1, 3)]),
            row(&[(1, 1), (1, 1), (1, 1), (1, 1)]),
            row(&[(1, 1)]),
        ];
        let (w, open) = widths(&rows);
        assert_eq!(w, [3, 3, 3, 4, 1]);
        assert!(!open);
        let bad: Vec<usize> = misfits(&rows, 3).iter().map(|m| m.row).collect();
        assert_eq!(bad, [3, 4]);
    }

    #[test]
    fn a_rowspan_in_the_middle_shifts_the_cells_after_it() {
        let rows = [row(&[(1, 1), (2, 1), (1, 1)]), row(&[(1, 1), (1, 1)])];
        assert_eq!(widths(&rows), (vec![3, 3], false));
        assert_eq!(widths(&rows[..1]), (vec![3], true));
    }
}
