//! Semantic rules on diagram data the loader cannot see while converting
//! YAML: overlapping rack devices, unreachable flow steps, areas off the
//! grid. The loader turns each problem into a file/line diagnostic using
//! `field` (a path like `racks[0].devices[2].u`).

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
