//! Boxes → pages: keep-with-next, table headers repeated on a new page, and
//! boxes taller than the space left cut between their text lines.

use std::collections::VecDeque;

use super::boxes::{frame_draws, Draw, VBox};

/// Draws of each page, relative to the top left of the content area.
pub fn paginate(boxes: Vec<VBox>, height: f32) -> Vec<Vec<Draw>> {
    let mut pages: Vec<Vec<Draw>> = vec![Vec::new()];
    let mut y = 0.0_f32;
    let mut queue: VecDeque<VBox> = boxes.into();
    let mut guard = 0usize;
    while let Some(b) = queue.pop_front() {
        guard += 1;
        if guard > 1_000_000 {
            break;
        }
        if b.page_break_before && y > 0.0 {
            pages.push(Vec::new());
            y = 0.0;
        }
        // True while nothing but a repeated header is on the page.
        let at_top = y == 0.0;
        if y == 0.0 && pages.len() > 1 {
            if let Some(h) = &b.header {
                // A table continued from the previous page: its header again.
                // Its cells were read where the table began: here they
                // are page furniture.
                for hb in h.iter() {
                    let mut hb = hb.clone();
                    super::roles::unstamp(&mut hb.draws);
                    place(pages.last_mut().unwrap(), &hb, y);
                    y += hb.height;
                }
            }
        }
        let sb = if at_top { 0.0 } else { b.space_before };
        if b.keep_with_next && !at_top {
            let mut need = sb + b.height;
            let mut keep = true;
            for nb in queue.iter().take(30) {
                if !keep {
                    break;
                }
                let first_part = nb
                    .cuts()
                    .first()
                    .copied()
                    .unwrap_or(nb.height)
                    .min(nb.height);
                need += nb.space_before
                    + if nb.keep_with_next {
                        nb.height
                    } else {
                        first_part
                    };
                keep = nb.keep_with_next;
            }
            if y + need > height && need <= height {
                pages.push(Vec::new());
                y = 0.0;
                queue.push_front(b);
                continue;
            }
        }
        if y + sb + b.height <= height + 0.01 {
            place(pages.last_mut().unwrap(), &b, y + sb);
            y += sb + b.height;
            continue;
        }
        if b.height <= height - header_height(&b) && !at_top {
            pages.push(Vec::new());
            y = 0.0;
            queue.push_front(b);
            continue;
        }
        // Taller than a page: cut it between lines.
        let avail = height - y - sb;
        let cut = b.cuts().into_iter().rev().find(|c| *c <= avail && *c > 1.0);
        match cut {
            Some(c) => {
                let (top, rest) = b.split_at(c);
                place(pages.last_mut().unwrap(), &top, y + sb);
                queue.push_front(rest);
            }
            None if !at_top => queue.push_front(b),
            None => {
                // Nothing to cut at (a huge drawing): cut at the page foot.
                let (top, rest) = b.split_at(avail.max(1.0));
                place(pages.last_mut().unwrap(), &top, y + sb);
                queue.push_front(rest);
            }
        }
        pages.push(Vec::new());
        y = 0.0;
    }
    while pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
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
