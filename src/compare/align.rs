//! Pairs the old and the new version block by block, by the document's
//! structure: sections by their heading (level and title, so a renumbered
//! heading still pairs, showing both numbers), then the blocks inside a
//! section by a shortest edit script over their texts (Myers, through
//! `similar`). Untouched stretches collapse into one 「（略）」 row; the
//! headings above a change stay for orientation.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::diff::{self, Marked};
use super::units::{HeadingText, Section};

/// 備考: what happened to the row's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    Added,
    Changed,
    Deleted,
}

impl Note {
    pub fn label(self) -> &'static str {
        match self {
            Note::Added => "追加",
            Note::Changed => "変更",
            Note::Deleted => "削除",
        }
    }
}

/// One side of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(Marked),
    /// 「（新設）」 on the old side of an added block.
    New,
    /// 「（削除）」 on the new side of a removed block.
    Deleted,
    /// 「（略）」.
    Elided,
}

impl Cell {
    /// The words printed for a placeholder (None for text).
    pub fn placeholder(&self) -> Option<&'static str> {
        match self {
            Cell::Text(_) => None,
            Cell::New => Some("（新設）"),
            Cell::Deleted => Some("（削除）"),
            Cell::Elided => Some("（略）"),
        }
    }
}

/// One row of the 新旧対照表.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// A heading row is set in the heading face.
    pub heading: bool,
    pub old: Cell,
    pub new: Cell,
    pub note: Option<Note>,
}

impl Row {
    fn elided() -> Row {
        Row {
            heading: false,
            old: Cell::Elided,
            new: Cell::Elided,
            note: None,
        }
    }
    fn same_heading(label: &str) -> Row {
        Row {
            heading: true,
            old: Cell::Text(diff::whole(label, false)),
            new: Cell::Text(diff::whole(label, false)),
            note: None,
        }
    }
}

/// How two sections or blocks pair up.
enum Pair {
    Both(usize, usize),
    Old(usize),
    New(usize),
}

/// `akin(i, j)`: whether old `i` and new `j`, in a replaced stretch, are
/// one thing changed rather than one removed and another added.
fn pairs<T: PartialEq + std::hash::Hash + Eq + Ord>(
    old: &[T],
    new: &[T],
    akin: impl Fn(usize, usize) -> bool,
) -> Vec<Pair> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => out.extend((0..len).map(|k| Pair::Both(old_index + k, new_index + k))),
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend((old_index..old_index + old_len).map(Pair::Old)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend((new_index..new_index + new_len).map(Pair::New)),
            // A replaced stretch: its items pair in order while they are
            // akin (a sentence rewritten is one changed row); the rest are
            // removed, then added.
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let both = (0..old_len.min(new_len))
                    .take_while(|&k| akin(old_index + k, new_index + k))
                    .count();
                out.extend((0..both).map(|k| Pair::Both(old_index + k, new_index + k)));
                out.extend((old_index + both..old_index + old_len).map(Pair::Old));
                out.extend((new_index + both..new_index + new_len).map(Pair::New));
            }
        }
    }
    out
}

fn key(s: &Section) -> (u8, String) {
    s.heading
        .as_ref()
        .map(|h| (h.level, h.title.clone()))
        .unwrap_or((0, String::new()))
}

fn label(h: &Option<HeadingText>) -> String {
    h.as_ref().map(HeadingText::label).unwrap_or_default()
}

/// A whole section added or removed: its heading and text in one row.
fn whole_section(s: &Section) -> Marked {
    let mut text = label(&s.heading);
    for b in &s.blocks {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(b);
    }
    diff::whole(&text, true)
}

/// What a section pair contributes: its heading row and, per block, either
/// `None` (unchanged) or a row.
struct Part {
    level: u8,
    heading: Option<Row>,
    heading_changed: bool,
    blocks: Vec<Option<Row>>,
    has_blocks: bool,
}

impl Part {
    fn changed(&self) -> bool {
        self.heading_changed || self.blocks.iter().any(Option::is_some)
    }
}

fn part(old: Option<&Section>, new: Option<&Section>) -> Part {
    let level = new
        .or(old)
        .and_then(|s| s.heading.as_ref())
        .map_or(0, |h| h.level);
    match (old, new) {
        (Some(o), Some(n)) => {
            let (ol, nl) = (label(&o.heading), label(&n.heading));
            let heading_changed = ol != nl;
            let heading = n.heading.as_ref().map(|_| {
                if heading_changed {
                    let (a, b) = diff::chars(&ol, &nl);
                    Row {
                        heading: true,
                        old: Cell::Text(a),
                        new: Cell::Text(b),
                        note: Some(Note::Changed),
                    }
                } else {
                    Row::same_heading(&nl)
                }
            });
            let blocks = pairs(&o.blocks, &n.blocks, |_, _| true)
                .into_iter()
                .map(|p| match p {
                    Pair::Both(i, j) if o.blocks[i] == n.blocks[j] => None,
                    Pair::Both(i, j) => {
                        let (a, b) = diff::chars(&o.blocks[i], &n.blocks[j]);
                        Some(Row {
                            heading: false,
                            old: Cell::Text(a),
                            new: Cell::Text(b),
                            note: Some(Note::Changed),
                        })
                    }
                    Pair::Old(i) => Some(Row {
                        heading: false,
                        old: Cell::Text(diff::whole(&o.blocks[i], true)),
                        new: Cell::Deleted,
                        note: Some(Note::Deleted),
                    }),
                    Pair::New(j) => Some(Row {
                        heading: false,
                        old: Cell::New,
                        new: Cell::Text(diff::whole(&n.blocks[j], true)),
                        note: Some(Note::Added),
                    }),
                })
                .collect();
            Part {
                level,
                heading,
                heading_changed,
                blocks,
                has_blocks: !o.blocks.is_empty() || !n.blocks.is_empty(),
            }
        }
        (Some(o), None) => Part {
            level,
            heading: Some(Row {
                heading: o.heading.is_some(),
                old: Cell::Text(whole_section(o)),
                new: Cell::Deleted,
                note: Some(Note::Deleted),
            }),
            heading_changed: true,
            blocks: vec![],
            has_blocks: false,
        },
        (None, Some(n)) => Part {
            level,
            heading: Some(Row {
                heading: n.heading.is_some(),
                old: Cell::New,
                new: Cell::Text(whole_section(n)),
                note: Some(Note::Added),
            }),
            heading_changed: true,
            blocks: vec![],
            has_blocks: false,
        },
        (None, None) => unreachable!("a pair has at least one side"),
    }
}

/// Rows in order, with what did not change elided.
struct Out {
    rows: Vec<Row>,
    pending: bool,
}

impl Out {
    fn push(&mut self, row: Row) {
        if self.pending {
            self.rows.push(Row::elided());
            self.pending = false;
        }
        self.rows.push(row);
    }
}

/// The rows of the 新旧対照表 of two versions of one document.
pub fn rows(old: &[Section], new: &[Section]) -> Vec<Row> {
    let okeys: Vec<(u8, String)> = old.iter().map(key).collect();
    let nkeys: Vec<(u8, String)> = new.iter().map(key).collect();
    // Sections whose title changed pair when they are the same level and
    // still share a block, or most of the title and most of the text;
    // otherwise one section was removed and another added.
    let akin = |i: usize, j: usize| {
        let (o, n) = (&old[i], &new[j]);
        okeys[i].0 == nkeys[j].0
            && (o.blocks.iter().any(|b| n.blocks.contains(b))
                || (diff::similarity(&okeys[i].1, &nkeys[j].1) >= 0.5
                    && diff::similarity(&o.blocks.join("\n"), &n.blocks.join("\n")) >= 0.5))
    };
    let parts: Vec<Part> = pairs(&okeys, &nkeys, akin)
        .into_iter()
        .map(|p| match p {
            Pair::Both(i, j) => part(Some(&old[i]), Some(&new[j])),
            Pair::Old(i) => part(Some(&old[i]), None),
            Pair::New(j) => part(None, Some(&new[j])),
        })
        .collect();
    let mut out = Out {
        rows: vec![],
        pending: false,
    };
    // Unchanged sections since the last row, and which of them are
    // headings still open above the next one (the ancestors of a change).
    let mut skipped: Vec<usize> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (k, p) in parts.iter().enumerate() {
        if p.level > 0 {
            open.retain(|&a| parts[a].level < p.level);
        }
        if !p.changed() {
            skipped.push(k);
            if p.level > 0 {
                open.push(k);
            }
            continue;
        }
        // (Headings shown with a change are never in `skipped`, so an
        // ancestor is printed once however many changes lie under it.)
        for s in skipped.drain(..) {
            if open.contains(&s) {
                let row = parts[s]
                    .heading
                    .clone()
                    .expect("an open section has a heading");
                out.push(row);
                out.pending = parts[s].has_blocks;
            } else {
                out.pending = true;
            }
        }
        if let Some(h) = &p.heading {
            out.push(h.clone());
        }
        for b in &p.blocks {
            match b {
                Some(row) => out.push(row.clone()),
                None => out.pending = true,
            }
        }
    }
    if !skipped.is_empty() {
        out.pending = true;
    }
    if out.pending || out.rows.is_empty() {
        out.rows.push(Row::elided());
    }
    out.rows
}

/// How many rows of each kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Rows the new version adds.
    pub added: usize,
    /// Rows it changes.
    pub changed: usize,
    /// Rows it deletes.
    pub deleted: usize,
}

impl Counts {
    /// Counts the notes of these rows.
    pub fn of(rows: &[Row]) -> Counts {
        let mut c = Counts::default();
        for r in rows {
            match r.note {
                Some(Note::Added) => c.added += 1,
                Some(Note::Changed) => c.changed += 1,
                Some(Note::Deleted) => c.deleted += 1,
                None => {}
            }
        }
        c
    }
    /// All rows that differ.
    pub fn total(&self) -> usize {
        self.added + self.changed + self.deleted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(level: u8, number: &str, title: &str, blocks: &[&str]) -> Section {
        Section {
            heading: Some(HeadingText {
                level,
                number: Some(number.into()),
                title: title.into(),
            }),
            blocks: blocks.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_change_keeps_its_headings_and_elides_the_rest() {
        let old = vec![
            sec(1, "1", "目的", &["甲。"]),
            sec(2, "(1)", "範囲", &["乙。", "丙。", "丁。"]),
            sec(1, "2", "体制", &["戊。"]),
        ];
        let mut new = old.clone();
        new[1].blocks[1] = "丙です。".into();
        let rows = rows(&old, &new);
        let notes: Vec<Option<Note>> = rows.iter().map(|r| r.note).collect();
        assert_eq!(
            notes,
            [None, None, None, None, Some(Note::Changed), None],
            "{rows:#?}"
        );
        assert!(rows[0].heading && rows[2].heading);
        assert_eq!(rows[1].old, Cell::Elided);
        assert_eq!(rows[3].new, Cell::Elided);
        assert_eq!(rows[5].new, Cell::Elided);
    }

    #[test]
    fn a_renumbered_heading_shows_both_numbers() {
        let old = vec![sec(1, "2", "体制", &[])];
        let new = vec![sec(1, "3", "体制", &[])];
        let rows = rows(&old, &new);
        assert_eq!(rows[0].note, Some(Note::Changed));
        let Cell::Text(o) = &rows[0].old else {
            panic!()
        };
        assert!(o.iter().any(|s| s.changed && s.text == "2"));
    }
}
