//! Semantic rules on diagram data the loader cannot see while converting
//! YAML: overlapping rack devices, unreachable flow steps, areas off the
//! grid. The loader turns each problem into a file/line diagnostic using
//! `field` (a path like `racks[0].devices[2].u`).

use super::drawing::{Drawing, Shape};
use crate::font::FontMetrics;
use crate::limits::{
    MAX_DIAGRAM_EDGES, MAX_DIAGRAM_NODES, MAX_FLOOR_GRID, MAX_RACK_DEVICES, MAX_RACK_UNITS,
};
use crate::model::{Diagram, Edge, Floor, Flow, FlowKind, OrgChart, Rack};

/// A problem in a diagram's data, placed by the loader in its source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagramProblem {
    /// Where in the diagram's data, e.g. `racks[0].devices[2].u`.
    pub field: String,
    /// The offending value as written (may be empty).
    pub value: String,
    /// What is wrong, in Japanese.
    pub message: String,
}

fn problem(field: String, value: impl ToString, message: String) -> DiagramProblem {
    DiagramProblem {
        field,
        value: value.to_string(),
        message,
    }
}

/// Every problem of `diagram` that would make it unreadable when drawn (overlaps, devices outside a rack, unknown nodes…).
pub fn check(diagram: &Diagram) -> Vec<DiagramProblem> {
    match diagram {
        Diagram::Org(o) => check_org(o),
        Diagram::Flow(f) => {
            let mut out = check_size(f.nodes.len(), &f.edges);
            if out.is_empty() {
                out = check_flow(f);
            }
            out
        }
        Diagram::Relation(r) => check_size(r.nodes.len(), &r.edges),
        Diagram::Rack(r) => check_racks(r),
        Diagram::Floor(f) => check_floor(f),
    }
}

fn check_org(o: &OrgChart) -> Vec<DiagramProblem> {
    let n = o.units.len();
    let mut out = Vec::new();
    for (i, u) in o.units.iter().enumerate() {
        let Some(p) = u.parent else { continue };
        if p >= n {
            out.push(problem(
                format!("units[{i}].reports_to"),
                p,
                format!("「{}」の報告先が見つかりません", u.label),
            ));
            continue;
        }
        // Following reports_to from here must reach a top within n steps.
        let mut at = p;
        let mut steps = 0;
        while let Some(q) = o.units[at].parent.filter(|q| *q < n) {
            if at == i || steps > n {
                break;
            }
            at = q;
            steps += 1;
        }
        if at == i || steps > n {
            out.push(problem(
                format!("units[{i}].reports_to"),
                &o.units[p].id,
                format!("「{}」の報告先をたどると自分に戻ります（循環）", u.label),
            ));
        }
    }
    out
}

/// Nodes and edges within what the layout handles in well under a second.
fn check_size(nodes: usize, edges: &[Edge]) -> Vec<DiagramProblem> {
    let mut out = Vec::new();
    if nodes > MAX_DIAGRAM_NODES {
        out.push(problem(
            "nodes".to_string(),
            format!("{nodes} 個"),
            format!("図のノードが多すぎます（{MAX_DIAGRAM_NODES} 個まで）。図を分けてください"),
        ));
    }
    if edges.len() > MAX_DIAGRAM_EDGES {
        out.push(problem(
            "edges".to_string(),
            format!("{} 本", edges.len()),
            format!("図の線が多すぎます（{MAX_DIAGRAM_EDGES} 本まで）。図を分けてください"),
        ));
    }
    out
}

fn check_flow(f: &Flow) -> Vec<DiagramProblem> {
    let n = f.nodes.len();
    let mut out = Vec::new();
    for (i, e) in f.edges.iter().enumerate() {
        if e.from >= n || e.to >= n {
            out.push(problem(
                format!("edges[{i}]"),
                "",
                "矢印の両端がノードを指していません".to_string(),
            ));
        }
    }
    let starts: Vec<usize> = (0..n)
        .filter(|i| f.nodes[*i].kind == FlowKind::Start)
        .collect();
    if starts.is_empty() {
        out.push(problem(
            "nodes".to_string(),
            "",
            "開始（kind: start）のノードがありません".to_string(),
        ));
        return out;
    }
    let mut seen = vec![false; n];
    let mut stack = starts.clone();
    for s in &starts {
        seen[*s] = true;
    }
    while let Some(v) = stack.pop() {
        for e in f.edges.iter().filter(|e| e.from == v && e.to < n) {
            if !seen[e.to] {
                seen[e.to] = true;
                stack.push(e.to);
            }
        }
    }
    for (i, node) in f.nodes.iter().enumerate() {
        if !seen[i] {
            out.push(problem(
                format!("nodes[{i}]"),
                &node.id,
                format!(
                    "「{}」（{}）には開始ノードからたどり着けません",
                    node.text, node.id
                ),
            ));
        }
        let outgoing = f.edges.iter().filter(|e| e.from == i).count();
        if node.kind != FlowKind::End && outgoing == 0 {
            out.push(problem(
                format!("nodes[{i}]"),
                &node.id,
                format!(
                    "「{}」（{}）から先への矢印がありません（終わりなら kind: end にする）",
                    node.text, node.id
                ),
            ));
        }
        if node.kind == FlowKind::Decision && outgoing < 2 {
            out.push(problem(
                format!("nodes[{i}]"),
                &node.id,
                format!(
                    "判断「{}」（{}）には分かれ先が二つ以上必要です",
                    node.text, node.id
                ),
            ));
        }
    }
    out
}

fn units_text(lo: u32, hi: u32) -> String {
    if hi > lo {
        format!("U{lo}〜U{hi}")
    } else {
        format!("U{lo}")
    }
}

/// The highest unit a device fills, None when it lies past any rack.
pub(super) fn top_unit(u: u32, height: u32) -> Option<u32> {
    u.checked_add(height.max(1) - 1)
}

fn check_racks(racks: &[Rack]) -> Vec<DiagramProblem> {
    let mut out = Vec::new();
    for (r, rack) in racks.iter().enumerate() {
        if rack.units == 0 {
            out.push(problem(
                format!("racks[{r}].units"),
                0,
                format!("「{}」のユニット数が0です", rack.name),
            ));
        }
        if rack.units > MAX_RACK_UNITS {
            out.push(problem(
                format!("racks[{r}].units"),
                rack.units,
                format!(
                    "「{}」のユニット数が大きすぎます（{MAX_RACK_UNITS} U まで）",
                    rack.name
                ),
            ));
        }
        if rack.devices.len() > MAX_RACK_DEVICES {
            out.push(problem(
                format!("racks[{r}].devices"),
                format!("{} 台", rack.devices.len()),
                format!(
                    "「{}」の機器が多すぎます（{MAX_RACK_DEVICES} 台まで）",
                    rack.name
                ),
            ));
            continue;
        }
        for (d, dev) in rack.devices.iter().enumerate() {
            let at = format!("racks[{r}].devices[{d}]");
            if dev.height == 0 {
                out.push(problem(
                    format!("{at}.height"),
                    0,
                    format!("「{}」の高さ（U数）が0です", dev.name),
                ));
            }
            if dev.u < 1 {
                out.push(problem(
                    format!("{at}.u"),
                    dev.u,
                    format!("「{}」の位置がU1より下です（uは1以上）", dev.name),
                ));
            }
            // Checked: `u: 4294967295, height: 2` must not wrap below the top.
            let Some(top) = top_unit(dev.u, dev.height) else {
                out.push(problem(
                    format!("{at}.u"),
                    dev.u,
                    format!(
                        "「{}」が「{}」の最上段U{}を超えています",
                        dev.name, rack.name, rack.units
                    ),
                ));
                continue;
            };
            if rack.units > 0 && top > rack.units {
                out.push(problem(
                    format!("{at}.u"),
                    dev.u,
                    format!(
                        "「{}」（{}）が「{}」の最上段U{}を超えています",
                        dev.name,
                        units_text(dev.u, top),
                        rack.name,
                        rack.units
                    ),
                ));
            }
            for (e, earlier) in rack.devices[..d].iter().enumerate() {
                // One past the top was reported for `earlier` already.
                let Some(etop) = top_unit(earlier.u, earlier.height) else {
                    continue;
                };
                if dev.u <= etop && earlier.u <= top {
                    out.push(problem(
                        format!("{at}.u"),
                        dev.u,
                        format!(
                            "「{}」（{}）が「{}」（devices[{e}]、{}）と重なっています",
                            dev.name,
                            units_text(dev.u, top),
                            earlier.name,
                            units_text(earlier.u, etop)
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn check_floor(f: &Floor) -> Vec<DiagramProblem> {
    let mut out = Vec::new();
    if f.cols == 0 {
        out.push(problem(
            "grid.cols".to_string(),
            0,
            "グリッドの列数が0です".to_string(),
        ));
    }
    if f.rows == 0 {
        out.push(problem(
            "grid.rows".to_string(),
            0,
            "グリッドの行数が0です".to_string(),
        ));
    }
    for (field, n, what) in [("grid.cols", f.cols, "列数"), ("grid.rows", f.rows, "行数")] {
        if n > MAX_FLOOR_GRID {
            out.push(problem(
                field.to_string(),
                n,
                format!("グリッドの{what}が大きすぎます（{MAX_FLOOR_GRID} まで）"),
            ));
        }
    }
    let grid = format!("{}列×{}行", f.cols, f.rows);
    for (i, a) in f.areas.iter().enumerate() {
        let value = format!("x: {}, y: {}, w: {}, h: {}", a.x, a.y, a.w, a.h);
        if a.w == 0 || a.h == 0 {
            out.push(problem(
                format!("areas[{i}]"),
                &value,
                format!("区画「{}」の幅か高さが0です", a.name),
            ));
        } else if a.x.checked_add(a.w).is_none_or(|r| r > f.cols)
            || a.y.checked_add(a.h).is_none_or(|b| b > f.rows)
        {
            out.push(problem(
                format!("areas[{i}]"),
                &value,
                format!(
                    "区画「{}」がグリッド（{grid}）の外にはみ出しています",
                    a.name
                ),
            ));
        }
    }
    for (i, it) in f.items.iter().enumerate() {
        if it.x >= f.cols || it.y >= f.rows {
            out.push(problem(
                format!("items[{i}]"),
                format!("x: {}, y: {}", it.x, it.y),
                format!(
                    "「{}」がグリッド（{grid}、x・yは0から）の外にあります",
                    it.name
                ),
            ));
        }
    }
    out
}

/// The smallest text a diagram may draw at scale 1, in points: the PDF
/// never shrinks a figure below this either, so it is what paper shows.
pub const MIN_TEXT: f32 = 7.0;
/// The least distance between two edges running side by side (2 mm).
pub const MIN_PARALLEL: f32 = 5.67;

/// Faults of a laid-out drawing that make it hard to read on paper: text
/// under `MIN_TEXT`, two edges sharing a segment or running closer than
/// `MIN_PARALLEL` side by side, an edge crossing a box, an edge label that
/// does not sit beside the start of one edge more than any other (flows). Each
/// fault is described in words for a test's failure message; layouts are
/// checked by tests, not on every build (it is quadratic in the edges).
pub fn check_drawing(diagram: &Diagram, d: &Drawing, metrics: &FontMetrics) -> Vec<String> {
    let mut out = Vec::new();
    for s in &d.shapes {
        if let Shape::Text { size, text, .. } = s {
            if *size < MIN_TEXT - 0.01 {
                out.push(format!("text 「{text}」 is {size} pt"));
            }
        }
    }
    let edges: Vec<&Vec<(f32, f32)>> = d
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line {
                points,
                arrow: true,
                ..
            } => Some(points),
            _ => None,
        })
        .collect();
    let segs: Vec<Segment> = edges
        .iter()
        .enumerate()
        .flat_map(|(i, pts)| pts.windows(2).map(move |w| (i, w[0], w[1])))
        .collect();
    for (k, &(i, a0, a1)) in segs.iter().enumerate() {
        for &(j, b0, b1) in &segs[k + 1..] {
            if i == j {
                continue;
            }
            if let Some(gap) = parallel_overlap(a0, a1, b0, b1) {
                out.push(format!(
                    "edges {i} and {j} run {gap:.1} pt apart: {a0:?}–{a1:?} and {b0:?}–{b1:?}"
                ));
            }
        }
    }
    let boxes: Vec<Outline> = d.shapes.iter().filter_map(outline).collect();
    for (i, pts) in edges.iter().enumerate() {
        let (first, last) = (pts[0], pts[pts.len() - 1]);
        for w in pts.windows(2) {
            let len = ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt();
            let steps = (len.ceil() as usize).max(1);
            for s in 0..=steps {
                let t = s as f32 / steps as f32;
                let p = (
                    w[0].0 + (w[1].0 - w[0].0) * t,
                    w[0].1 + (w[1].1 - w[0].1) * t,
                );
                let near_end = dist(p, first) < 1.5 || dist(p, last) < 1.5;
                if !near_end {
                    if let Some(b) = boxes.iter().find(|b| b.contains(p)) {
                        out.push(format!("edge {i} crosses the box at {:?}", b.centre()));
                        break;
                    }
                }
            }
        }
    }
    // Flow labels (はい／いいえ) belong at the branch; relation labels sit
    // along their edge.
    let flow = matches!(diagram, Diagram::Flow(_));
    let starts: Vec<(f32, f32)> = edges.iter().map(|p| p[0]).collect();
    for s in d.shapes.iter().filter(|_| flow) {
        if let Shape::Text {
            class: "dg-edge-label",
            text,
            ..
        } = s
        {
            let b = super::finish::extent(s, metrics);
            let mut ds: Vec<f32> = starts.iter().map(|p| box_dist(b, *p)).collect();
            ds.sort_by(f32::total_cmp);
            let own = ds.first().copied().unwrap_or(f32::MAX);
            let next = ds.get(1).copied().unwrap_or(f32::MAX);
            if own > 6.0 || next < own + 4.0 {
                out.push(format!(
                    "label 「{text}」 is {own:.1} pt from the nearest edge start, {next:.1} from the next"
                ));
            }
        }
    }
    out
}

/// A piece of edge `0` from point `1` to point `2`.
type Segment = (usize, (f32, f32), (f32, f32));

fn dist(a: (f32, f32), b: (f32, f32)) -> f32 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// Distance from a box (left, top, right, bottom) to a point.
fn box_dist(b: (f32, f32, f32, f32), p: (f32, f32)) -> f32 {
    let dx = (b.0 - p.0).max(p.0 - b.2).max(0.0);
    let dy = (b.1 - p.1).max(p.1 - b.3).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

/// For two axis-parallel segments running the same way, closer than
/// `MIN_PARALLEL` and overlapping along their length by more than a point:
/// their distance. Crossing or end-to-end segments are fine.
fn parallel_overlap(a0: (f32, f32), a1: (f32, f32), b0: (f32, f32), b1: (f32, f32)) -> Option<f32> {
    let horizontal = |p: (f32, f32), q: (f32, f32)| (p.1 - q.1).abs() < 0.01;
    let vertical = |p: (f32, f32), q: (f32, f32)| (p.0 - q.0).abs() < 0.01;
    let (gap, a, b) = if horizontal(a0, a1) && horizontal(b0, b1) {
        ((a0.1 - b0.1).abs(), (a0.0, a1.0), (b0.0, b1.0))
    } else if vertical(a0, a1) && vertical(b0, b1) {
        ((a0.0 - b0.0).abs(), (a0.1, a1.1), (b0.1, b1.1))
    } else {
        return None;
    };
    let lo = a.0.min(a.1).max(b.0.min(b.1));
    let hi = a.0.max(a.1).min(b.0.max(b.1));
    (gap < MIN_PARALLEL - 0.01 && hi - lo > 1.0).then_some(gap)
}

/// A box an edge must not cross: a rectangle or a diamond.
enum Outline {
    Rect(f32, f32, f32, f32),
    Diamond(f32, f32, f32, f32),
}

impl Outline {
    /// Strictly inside, more than a point from the outline.
    fn contains(&self, p: (f32, f32)) -> bool {
        match *self {
            Outline::Rect(x0, y0, x1, y1) => {
                p.0 > x0 + 1.0 && p.0 < x1 - 1.0 && p.1 > y0 + 1.0 && p.1 < y1 - 1.0
            }
            Outline::Diamond(cx, cy, hw, hh) => {
                let r = (p.0 - cx).abs() / hw + (p.1 - cy).abs() / hh;
                r < 1.0 - 1.5 / hw.min(hh)
            }
        }
    }

    fn centre(&self) -> (f32, f32) {
        match *self {
            Outline::Rect(x0, y0, x1, y1) => ((x0 + x1) / 2.0, (y0 + y1) / 2.0),
            Outline::Diamond(cx, cy, _, _) => (cx, cy),
        }
    }
}

/// The boxes of flow and relation diagrams (nodes, terminals, decisions).
fn outline(s: &Shape) -> Option<Outline> {
    match s {
        Shape::Rect {
            x, y, w, h, paint, ..
        } if matches!(paint.class, "dg-node" | "dg-terminal") => {
            Some(Outline::Rect(*x, *y, x + w, y + h))
        }
        Shape::Polygon { points, paint } if paint.class == "dg-decision" && points.len() == 4 => {
            let (cx, cy) = (points[0].0, points[1].1);
            Some(Outline::Diamond(
                cx,
                cy,
                (points[1].0 - cx).abs(),
                (points[2].1 - cy).abs(),
            ))
        }
        _ => None,
    }
}
