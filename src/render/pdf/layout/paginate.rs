//! Boxes → pages: keep rules (see `keep`), table headers repeated on a new
//! page, figures that float to the next page while the text after them
//! fills this one, landscape pages for figures too wide for portrait, and
//! boxes taller than a page cut between their text lines.

use std::collections::VecDeque;
use std::sync::Arc;

use super::boxes::{frame_draws, Draw, VBox};

/// The most boxes one keep chain looks ahead (a heading over a long run of
/// headings); beyond it the chain is treated as ended.
const LOOK_AHEAD: usize = 60;

/// Draws of each page, relative to the top left of the content area. A page
/// of a size of its own (a landscape figure) starts with `Draw::PageSize`.
pub fn paginate(boxes: Vec<VBox>, height: f32) -> Vec<Vec<Draw>> {
    let mut p = Pages {
        pages: vec![Vec::new()],
        y: 0.0,
        last_row: None,
    };
    let mut queue: VecDeque<VBox> = boxes.into();
    // Figures moved forward, with their captions, in source order: they go
    // at the top of the next page.
    let mut floats: VecDeque<VBox> = VecDeque::new();
    let mut guard = 0usize;
    loop {
        let Some(b) = queue.pop_front() else {
            if floats.is_empty() {
                break;
            }
            p.break_page(&mut queue, &mut floats);
            continue;
        };
        guard += 1;
        if guard > 1_000_000 {
            break;
        }
        // A figure is never moved past a page break or a new chapter.
        if (b.page_break_before || b.section_start) && !floats.is_empty() {
            queue.push_front(b);
            p.break_page(&mut queue, &mut floats);
            continue;
        }
        if b.page_break_before && p.y > 0.0 {
            p.new_page();
        }
        if b.float {
            let n = chain_len(&b, &queue);
            if let Some(size) = b.page_size {
                if p.is_empty() {
                    // A page of its own in the size the figure needs.
                    p.current().push(Draw::PageSize {
                        w: size.0,
                        h: size.1,
                    });
                    let mut y = 0.0;
                    for bx in std::iter::once(b).chain(queue.drain(..n)) {
                        if y > 0.0 {
                            y += bx.space_before;
                        }
                        place(p.current(), &bx, y);
                        y += bx.height;
                    }
                    p.new_page();
                } else {
                    floats.push_back(b);
                    floats.extend(queue.drain(..n));
                }
                continue;
            }
            let at_top = p.y == 0.0;
            let need = if at_top { 0.0 } else { b.space_before }
                + b.height
                + queue
                    .iter()
                    .take(n)
                    .map(|x| x.space_before + x.height)
                    .sum::<f32>();
            if !floats.is_empty() || (!at_top && p.y + need > height) {
                floats.push_back(b);
                floats.extend(queue.drain(..n));
                continue;
            }
        }
        // True while nothing but a repeated header is on the page.
        let at_top = p.y == 0.0;
        let table = b.header.as_ref().map(Arc::as_ptr);
        let continued = table.is_some()
            && p.last_row
                .is_some_and(|r| Some(r.0) == table && r.1 < p.pages.len());
        if let (true, Some(h)) = (continued, &b.header) {
            // A table continued from the previous page (below a figure that
            // floated there, or at the top): its header again, with the
            // row's first line under it, or both on the next page.
            if !at_top && p.y + b.space_before + header_height(&b) + first_part(&b) > height {
                queue.push_front(b);
                p.break_page(&mut queue, &mut floats);
                continue;
            }
            p.y += if at_top { 0.0 } else { b.space_before };
            // Its cells were read where the table began: here they are
            // page furniture.
            for hb in h.iter() {
                let mut hb = hb.clone();
                super::roles::unstamp(&mut hb.draws);
                let y = p.y;
                place(p.current(), &hb, y);
                p.y += hb.height;
            }
        }
        // A continued row under its repeated header stays: its first line
        // was seen to fit, and the rest of it may be cut below.
        let fresh = at_top || continued;
        let sb = if fresh { 0.0 } else { b.space_before };
        if b.keep_reach() > 0 && !fresh {
            let need = sb + b.height + chain_need(&b, &queue);
            if p.y + need > height && need <= height {
                queue.push_front(b);
                p.break_page(&mut queue, &mut floats);
                continue;
            }
        }
        if p.y + sb + b.height <= height + 0.01 {
            let y = p.y + sb;
            place(p.current(), &b, y);
            p.y += sb + b.height;
            p.placed_row(table);
            continue;
        }
        // While a figure waits for the next page, nothing is cut: the box
        // goes after the figure, whole.
        if !fresh && (b.height <= height - header_height(&b) || !floats.is_empty()) {
            queue.push_front(b);
            p.break_page(&mut queue, &mut floats);
            continue;
        }
        // Taller than a page: cut it between lines.
        let avail = height - p.y - sb;
        let cut = b.cuts().into_iter().rev().find(|c| *c <= avail && *c > 1.0);
        let y = p.y + sb;
        match cut {
            Some(c) => {
                let (top, rest) = b.split_at(c);
                place(p.current(), &top, y);
                p.placed_row(table);
                queue.push_front(rest);
            }
            None if !fresh => queue.push_front(b),
            None => {
                // Nothing to cut at (a huge drawing): cut at the page foot.
                let (top, rest) = b.split_at(avail.max(1.0));
                place(p.current(), &top, y);
                p.placed_row(table);
                queue.push_front(rest);
            }
        }
        p.break_page(&mut queue, &mut floats);
    }
    let mut pages = p.pages;
    while pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

/// The pages so far and how far down the last one is filled.
struct Pages {
    pages: Vec<Vec<Draw>>,
    y: f32,
    /// The table (its shared header) whose row was placed last, and the
    /// page count then: a row of it on a later page repeats the header.
    last_row: Option<(*const Vec<VBox>, usize)>,
}

impl Pages {
    fn current(&mut self) -> &mut Vec<Draw> {
        self.pages.last_mut().expect("there is always a page")
    }

    fn is_empty(&self) -> bool {
        self.y == 0.0 && self.pages.last().is_none_or(Vec::is_empty)
    }

    /// Records that a row of `table` (if the box is one) is on this page.
    fn placed_row(&mut self, table: Option<*const Vec<VBox>>) {
        if let Some(t) = table {
            self.last_row = Some((t, self.pages.len()));
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = 0.0;
    }

    /// Ends the page (unless nothing is on it) and puts the figures that
    /// wait for it at the top of the next (a table continued there repeats
    /// its header below them).
    fn break_page(&mut self, queue: &mut VecDeque<VBox>, floats: &mut VecDeque<VBox>) {
        if !self.is_empty() {
            self.new_page();
        }
        while let Some(f) = floats.pop_back() {
            queue.push_front(f);
        }
    }
}

/// The height of the first line of a box that may be cut (a table row).
fn first_part(b: &VBox) -> f32 {
    b.cuts().first().copied().unwrap_or(b.height).min(b.height)
}

/// How many boxes after `b` are bound to its page by keep rules.
fn chain_len(b: &VBox, queue: &VecDeque<VBox>) -> usize {
    let mut reach = b.keep_reach();
    let mut i = 0;
    while i < reach && i < queue.len() && i < LOOK_AHEAD {
        reach = reach.max(i + 1 + queue[i].keep_reach());
        i += 1;
    }
    i
}

/// The height the boxes bound to `b` need on its page: all of them, but of
/// the last only its first line when it may be cut (a tall table row).
fn chain_need(b: &VBox, queue: &VecDeque<VBox>) -> f32 {
    let n = chain_len(b, queue);
    queue
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, nb)| {
            let whole = i + 1 < n || nb.float;
            nb.space_before + if whole { nb.height } else { first_part(nb) }
        })
        .sum()
}

fn header_height(b: &VBox) -> f32 {
    b.header
        .as_ref()
        .map(|h| h.iter().map(|x| x.height).sum())
        .unwrap_or(0.0)
}

fn place(page: &mut Vec<Draw>, b: &VBox, y: f32) {
    for f in &b.frames {
        for mut d in frame_draws(f) {
            d.translate(0.0, y);
            page.push(d);
        }
    }
    for d in &b.draws {
        let mut d = d.clone();
        d.translate(0.0, y);
        page.push(d);
    }
}
