//! Flowcharts: rounded start/end boxes, step rectangles, decision diamonds,
//! laid out top-down in layers; edges run as vertical/horizontal polylines
//! with arrow heads, edges that go back up run in lanes on the right.

use super::drawing::{Anchor, Drawing, Shape};
use super::finish::finish;
use super::layered::layered;
use super::style;
use super::text::{max_width, push_lines, wrap_balanced as wrap};
use crate::font::FontMetrics;
use crate::model::{Flow, FlowKind};

/// Box width of steps, starts and ends.
const BOX_W: f32 = 100.0;
const PAD: f32 = 7.0;
/// Diamond widths tried, narrowest first, until the text takes at most two
/// lines and the diamond is no taller than `DIAMOND_MAX_H`: a flat diamond
/// keeps a long chain of decisions short enough for a page at >= 7 pt.
const DIAMOND_W: [f32; 8] = [104.0, 120.0, 136.0, 152.0, 168.0, 184.0, 200.0, 216.0];
const DIAMOND_MAX_H: f32 = 56.0;
/// Share of a diamond's width its text may use.
const DIAMOND_TEXT: f32 = 0.62;
/// Space in a gap above its first horizontal track: room for a label
/// (はい／いいえ) beside the edge where it leaves its box, or a short stub.
const ZONE_LABEL: f32 = 13.0;
const ZONE_PLAIN: f32 = 7.0;
/// Space below the last track, for the arrow head.
const ZONE_ARROW: f32 = 9.5;
/// Distance between horizontal tracks of one gap, and the least distance
/// between two edges running side by side (2 mm is 5.67 pt).
const TRACK: f32 = 7.0;
/// Least distance along a track between two runs on it, and between ports.
const CLEAR: f32 = 6.0;
/// Distance between the entry and exit points on one side of a box.
const PORT: f32 = 12.0;
/// Distance between the lanes back edges climb in, right of everything.
const LANE: f32 = 10.0;

struct Node {
    w: f32,
    h: f32,
    lines: Vec<String>,
}

fn size(kind: FlowKind, text: &str, m: &FontMetrics) -> Node {
    let st = style::LABEL;
    if kind == FlowKind::Decision {
        let mut best: Option<Node> = None;
        for w in DIAMOND_W {
            let lines = wrap(m, text, st.size, w * DIAMOND_TEXT);
            // The text block (a wide, b tall) fits when a/w + b/h <= 1.
            let a = max_width(m, &lines, st.size) + 4.0;
            let b = lines.len() as f32 * st.line + 4.0;
            let h = (b / (1.0 - (a / w).min(0.75))).max(40.0);
            let done = lines.len() <= 2 && h <= DIAMOND_MAX_H;
            best = Some(Node { w, h, lines });
            if done {
                break;
            }
        }
        return best.expect("widths are tried");
    }
    let lines = wrap(m, text, st.size, BOX_W - 2.0 * PAD);
    let h = lines.len() as f32 * st.line + 2.0 * PAD;
    Node { w: BOX_W, h, lines }
}

/// A horizontal run of one edge in one gap between layers: it comes down
/// (or up) at `from`, runs along a track, and goes on at `to`.
struct Run {
    edge: usize,
    from: f32,
    to: f32,
    /// Whether the edge reaches the track from above (else from below, a
    /// back edge's lane) and leaves it downwards (else upwards).
    down_in: bool,
    down_out: bool,
}

/// The track of every run of one gap: runs never share a track where they
/// come within `CLEAR` of each other, and a run that drops from above at x
/// takes a higher track than one that goes down at the same x, so their
/// vertical parts never overlap.
fn assign_tracks(runs: &[Run]) -> Vec<usize> {
    let k = runs.len();
    let near = |a: f32, b: f32| (a - b).abs() < CLEAR;
    // before[i][j]: run i must lie above run j.
    let mut before = vec![Vec::new(); k];
    let mut indeg = vec![0usize; k];
    for i in 0..k {
        for j in 0..k {
            if i == j {
                continue;
            }
            let (a, b) = (&runs[i], &runs[j]);
            // a's part above its track at a.from against b's part below its
            // track at b.to (and lanes climbing from below likewise).
            let conflict = (a.down_in && b.down_out && near(a.from, b.to))
                || (a.down_in && !b.down_in && near(a.from, b.from))
                || (!a.down_out && b.down_out && near(a.to, b.to));
            if conflict {
                before[i].push(j);
                indeg[j] += 1;
            }
        }
    }
    let mut track = vec![0usize; k];
    let mut min_track = vec![0usize; k];
    let mut done = vec![false; k];
    let mut used: Vec<Vec<(f32, f32)>> = Vec::new();
    for _ in 0..k {
        // The leftmost ready run; on a cycle of constraints, the leftmost left.
        let lo = |r: &Run| r.from.min(r.to);
        let pick = (0..k)
            .filter(|i| !done[*i] && indeg[*i] == 0)
            .min_by(|a, b| lo(&runs[*a]).total_cmp(&lo(&runs[*b])))
            .or_else(|| {
                (0..k)
                    .filter(|i| !done[*i])
                    .min_by(|a, b| lo(&runs[*a]).total_cmp(&lo(&runs[*b])))
            })
            .expect("a run is left");
        done[pick] = true;
        let r = &runs[pick];
        let (a, b) = (r.from.min(r.to), r.from.max(r.to));
        let mut t = min_track[pick];
        loop {
            if t == used.len() {
                used.push(Vec::new());
            }
            if used[t]
                .iter()
                .all(|(c, d)| b + CLEAR <= *c || *d + CLEAR <= a)
            {
                break;
            }
            t += 1;
        }
        used[t].push((a, b));
        track[pick] = t;
        for &j in &before[pick] {
            indeg[j] = indeg[j].saturating_sub(1);
            min_track[j] = min_track[j].max(t + 1);
        }
    }
    track
}

/// Offsets of `k` ports spread over a side `w` wide, centred.
fn spread(k: usize, w: f32) -> Vec<f32> {
    if k <= 1 {
        return vec![0.0; k];
    }
    let step = PORT.min(w * 0.7 / (k - 1) as f32).max(CLEAR);
    (0..k)
        .map(|i| (i as f32 - (k - 1) as f32 / 2.0) * step)
        .collect()
}

/// Lays out a flow chart: steps, decisions and the edges between them.
/// Every edge gets its own ports on its boxes and its own track in each gap
/// it runs along, so no two edges share a segment or run closer than
/// `TRACK`; edges turn only in the gaps between layers and never cross a box.
pub fn layout(flow: &Flow, m: &FontMetrics) -> Drawing {
    let nodes: Vec<Node> = flow
        .nodes
        .iter()
        .map(|n| size(n.kind, &n.text, m))
        .collect();
    let n = nodes.len();
    let ne = flow.edges.len();
    let edges: Vec<(usize, usize)> = flow.edges.iter().map(|e| (e.from, e.to)).collect();
    let starts: Vec<usize> = (0..n)
        .filter(|i| flow.nodes[*i].kind == FlowKind::Start)
        .collect();
    let widths: Vec<f32> = nodes.iter().map(|b| b.w).collect();
    let lay = layered(&widths, &edges, &starts);
    let depth = lay.order.len();
    let total = lay.layer.len();
    let half = |v: usize| if v < n { nodes[v].w / 2.0 } else { 0.0 };
    let right = (0..total)
        .map(|v| lay.x[v] + half(v))
        .fold(f32::MIN, f32::max);

    let side: Vec<Option<f32>> = (0..ne)
        .map(|e| {
            if lay.back[e] {
                None
            } else {
                side_exit(flow, &lay, &nodes, e)
            }
        })
        .collect();
    // Back edges climb in lanes right of everything, the shortest innermost.
    let mut backs: Vec<usize> = (0..ne).filter(|e| lay.back[*e]).collect();
    backs.sort_by_key(|e| {
        lay.layer[edges[*e].0] - lay.layer[edges[*e].1].min(lay.layer[edges[*e].0])
    });
    let mut lane_x = vec![0.0f32; ne];
    for (i, e) in backs.iter().enumerate() {
        lane_x[*e] = right + 16.0 + i as f32 * LANE;
    }

    // Ports: where each edge leaves its source's bottom and enters its
    // target's top, ordered by where the other end lies so they do not cross.
    let mut out_port = vec![0.0f32; ne];
    let mut in_port = vec![0.0f32; ne];
    for v in 0..n {
        let toward = |e: usize| {
            if lay.back[e] {
                lane_x[e]
            } else {
                lay.x[lay.chains[e][1]]
            }
        };
        let mut outs: Vec<usize> = (0..ne)
            .filter(|e| edges[*e].0 == v && side[*e].is_none())
            .collect();
        outs.sort_by(|a, b| toward(*a).total_cmp(&toward(*b)).then(a.cmp(b)));
        for (e, dx) in outs.iter().zip(spread(outs.len(), nodes[v].w)) {
            out_port[*e] = lay.x[v] + dx;
        }
        let from = |e: usize| {
            if lay.back[e] {
                lane_x[e]
            } else {
                let c = &lay.chains[e];
                let u = c[c.len() - 2];
                match side[e] {
                    Some(dir) if c.len() == 2 => lay.x[u] + dir * nodes[u].w / 2.0,
                    _ => lay.x[u],
                }
            }
        };
        let mut ins: Vec<usize> = (0..ne).filter(|e| edges[*e].1 == v).collect();
        ins.sort_by(|a, b| from(*a).total_cmp(&from(*b)).then(a.cmp(b)));
        for (e, dx) in ins.iter().zip(spread(ins.len(), nodes[v].w)) {
            in_port[*e] = lay.x[v] + dx;
        }
    }
    // An entry right under another edge's way down into the same gap would
    // make their vertical parts overlap whichever track each takes: shift
    // the box's entries sideways (within the box) until none is.
    let mut uppers: Vec<Vec<(usize, f32)>> = vec![Vec::new(); depth + 1];
    for e in 0..ne {
        if lay.back[e] {
            uppers[lay.layer[edges[e].0] + 1].push((e, out_port[e]));
            continue;
        }
        for (k, w) in lay.chains[e].windows(2).enumerate() {
            if k == 0 && side[e].is_some() {
                continue;
            }
            let x = if k == 0 { out_port[e] } else { lay.x[w[0]] };
            uppers[lay.layer[w[1]]].push((e, x));
        }
    }
    for (v, node) in nodes.iter().enumerate() {
        let ins: Vec<usize> = (0..ne).filter(|e| edges[*e].1 == v).collect();
        let room = node.w * 0.4;
        let g = lay.layer[v];
        let clash = |shift: f32| {
            ins.iter().any(|&e| {
                let x = in_port[e] + shift;
                (x - lay.x[v]).abs() > room
                    || uppers[g]
                        .iter()
                        .any(|&(f, ux)| f != e && (ux - x).abs() < CLEAR)
            })
        };
        if ins.is_empty() || !clash(0.0) {
            continue;
        }
        let shifts = [7.0, -7.0, 14.0, -14.0, 21.0, -21.0, 28.0, -28.0];
        if let Some(s) = shifts.into_iter().find(|s| !clash(*s)) {
            for &e in &ins {
                in_port[e] += s;
            }
        }
    }

    // Runs per gap; gap g lies above layer g (gap `depth` below the last).
    let mut runs: Vec<Vec<Run>> = (0..=depth).map(|_| Vec::new()).collect();
    let mut labelled = vec![false; depth + 1];
    for e in 0..ne {
        let (a, b) = edges[e];
        if flow.edges[e].label.is_some() && side[e].is_none() {
            labelled[lay.layer[a] + 1] = true;
        }
        if lay.back[e] {
            runs[lay.layer[a] + 1].push(Run {
                edge: e,
                from: out_port[e],
                to: lane_x[e],
                down_in: true,
                down_out: false,
            });
            runs[lay.layer[b]].push(Run {
                edge: e,
                from: lane_x[e],
                to: in_port[e],
                down_in: false,
                down_out: true,
            });
            continue;
        }
        let chain = &lay.chains[e];
        for (k, w) in chain.windows(2).enumerate() {
            let (u, v) = (w[0], w[1]);
            let from = if k == 0 && side[e].is_none() {
                out_port[e]
            } else {
                lay.x[u]
            };
            let to = if v < n { in_port[e] } else { lay.x[v] };
            // A side exit has already run across to its column.
            let from = if k == 0 && side[e].is_some() {
                to
            } else {
                from
            };
            if (from - to).abs() > 0.5 {
                runs[lay.layer[v]].push(Run {
                    edge: e,
                    from,
                    to,
                    down_in: true,
                    down_out: true,
                });
            }
        }
    }
    let tracks: Vec<Vec<usize>> = runs.iter().map(|r| assign_tracks(r)).collect();
    let count = |g: usize| tracks[g].iter().map(|t| t + 1).max().unwrap_or(0);

    // Bands and gaps from the top down.
    let mut gap_top = vec![0.0f32; depth + 1];
    let mut band_top = vec![0.0f32; depth];
    let mut band_h = vec![0.0f32; depth];
    let mut y = 0.0;
    for g in 0..=depth {
        gap_top[g] = y;
        let interior = g > 0 && g < depth;
        if interior || count(g) > 0 {
            let zone = if labelled[g] { ZONE_LABEL } else { ZONE_PLAIN };
            y += zone + count(g).saturating_sub(1) as f32 * TRACK + ZONE_ARROW;
        }
        if g < depth {
            band_top[g] = y;
            band_h[g] = lay.order[g]
                .iter()
                .filter(|v| **v < n)
                .map(|v| nodes[*v].h)
                .fold(0.0, f32::max);
            y += band_h[g];
        }
    }
    let zone = |g: usize| if labelled[g] { ZONE_LABEL } else { ZONE_PLAIN };
    let track_y = |g: usize, e: usize| {
        let i = runs[g].iter().position(|r| r.edge == e).expect("a run");
        gap_top[g] + zone(g) + tracks[g][i] as f32 * TRACK
    };
    let mid = |v: usize| band_top[lay.layer[v]] + band_h[lay.layer[v]] / 2.0;
    // Where a vertical at `x` meets the outline of `v` from above or below.
    let outline = |v: usize, x: f32, top: bool| -> f32 {
        let (node, cy) = (&nodes[v], mid(v));
        let dx = (x - lay.x[v]).abs().min(node.w / 2.0);
        let inset = match flow.nodes[v].kind {
            FlowKind::Decision => dx / (node.w / 2.0) * (node.h / 2.0),
            FlowKind::Start | FlowKind::End => {
                let r = node.h.min(30.0) / 2.0;
                let over = dx - (node.w / 2.0 - r);
                if over > 0.0 {
                    r - (r * r - over * over).max(0.0).sqrt()
                } else {
                    0.0
                }
            }
            FlowKind::Step => 0.0,
        };
        if top {
            cy - node.h / 2.0 + inset
        } else {
            cy + node.h / 2.0 - inset
        }
    };

    let mut shapes = Vec::new();
    for (i, node) in flow.nodes.iter().enumerate() {
        draw_node(&mut shapes, m, node.kind, &nodes[i], lay.x[i], mid(i));
    }
    let st = style::EDGE_LABEL;
    for e in 0..ne {
        let (a, b) = edges[e];
        let label = flow.edges[e].label.as_deref();
        let mut pts: Vec<(f32, f32)>;
        // Where the label goes: beside the edge where it leaves its box.
        let label_at: (f32, f32, Anchor);
        if let Some(dir) = side[e] {
            let vx = lay.x[a] + dir * nodes[a].w / 2.0;
            let c = lay.chains[e][1];
            let col = if c < n { in_port[e] } else { lay.x[c] };
            pts = vec![(vx, mid(a)), (col, mid(a))];
            let lx = if dir > 0.0 { vx + 2.0 } else { vx - 2.0 };
            let anchor = if dir > 0.0 {
                Anchor::Start
            } else {
                Anchor::End
            };
            label_at = (lx, mid(a) - st.line - 1.0, anchor);
        } else {
            let x = out_port[e];
            let y0 = outline(a, x, false);
            pts = vec![(x, y0)];
            // With two exits at the bottom, the left one's label goes left.
            let siblings = (0..ne)
                .filter(|f| edges[*f].0 == a && side[*f].is_none())
                .count();
            let leftmost = (0..ne)
                .filter(|f| edges[*f].0 == a && side[*f].is_none())
                .all(|f| out_port[f] >= x);
            let anchor = if siblings == 2 && leftmost {
                Anchor::End
            } else {
                Anchor::Start
            };
            let lx = if anchor == Anchor::End {
                x - 3.0
            } else {
                x + 3.0
            };
            label_at = (lx, y0 + 1.0, anchor);
        }
        if lay.back[e] {
            let (g1, g2) = (lay.layer[a] + 1, lay.layer[b]);
            let (y1, y2) = (track_y(g1, e), track_y(g2, e));
            pts.push((out_port[e], y1));
            pts.push((lane_x[e], y1));
            pts.push((lane_x[e], y2));
            pts.push((in_port[e], y2));
            pts.push((in_port[e], outline(b, in_port[e], true)));
        } else {
            let chain = &lay.chains[e];
            let mut x = pts.last().expect("a first point").0;
            for w in chain.windows(2) {
                let v = w[1];
                let to = if v < n { in_port[e] } else { lay.x[v] };
                let g = lay.layer[v];
                if (x - to).abs() > 0.5 {
                    let ty = track_y(g, e);
                    pts.push((x, ty));
                    pts.push((to, ty));
                }
                x = to;
                if v < n {
                    pts.push((x, outline(v, x, true)));
                } else {
                    pts.push((x, band_top[g] + band_h[g]));
                }
            }
        }
        shapes.push(Shape::Line {
            points: simplify(pts),
            paint: style::edge(),
            arrow: true,
        });
        if let Some(l) = label {
            let (lx, ly, anchor) = label_at;
            push_lines(&mut shapes, m, &[l.to_string()], lx, ly, anchor, &st);
        }
    }
    finish(shapes, m)
}

/// For an edge out of a two-way decision: Some(±1) when it should leave by
/// the left (-1) or right (+1) vertex, the other edge keeping the bottom one.
/// Only when nothing stands between the vertex and where the edge goes down.
fn side_exit(flow: &Flow, lay: &super::layered::Layered, nodes: &[Node], e: usize) -> Option<f32> {
    let a = flow.edges[e].from;
    if flow.nodes[a].kind != FlowKind::Decision {
        return None;
    }
    let outs: Vec<usize> = (0..flow.edges.len())
        .filter(|i| flow.edges[*i].from == a && !lay.back[*i])
        .collect();
    if outs.len() != 2 {
        return None;
    }
    let dx = |i: usize| lay.x[lay.chains[i][1]] - lay.x[a];
    let this = dx(e);
    let other = dx(if outs[0] == e { outs[1] } else { outs[0] });
    let half = nodes[a].w / 2.0;
    // The edge more nearly below keeps the bottom vertex; on a tie the
    // left one does, unless they go to opposite sides.
    let goes_side = if this.abs() < 1.0 {
        false
    } else if (this > 0.0) != (other > 0.0) && other.abs() >= 1.0 {
        this.abs() >= other.abs() || this > 0.0
    } else {
        this.abs() > other.abs()
    };
    // The edge enters its target at a port up to 0.35 of its width off
    // centre: that column must still lie beside the diamond.
    let b = lay.chains[e][1];
    let slack = if b < nodes.len() {
        nodes[b].w * 0.35
    } else {
        0.0
    };
    if !goes_side || this.abs() - slack < half + 6.0 {
        return None;
    }
    let dir = this.signum();
    let target = lay.x[b] + dir * slack;
    // The run, and room for its label (はい／いいえ) beside the vertex.
    let vx = lay.x[a] + dir * half;
    let reach = vx + dir * 34.0;
    let (lo, hi) = if dir > 0.0 {
        (vx, target.max(reach))
    } else {
        (target.min(reach), vx)
    };
    // Nothing of the same layer in the way (boxes or passing edges).
    let blocked = lay.order[lay.layer[a]].iter().any(|&v| {
        v != a && {
            let w = if v < nodes.len() {
                nodes[v].w / 2.0
            } else {
                0.0
            };
            lay.x[v] + w >= lo && lay.x[v] - w <= hi
        }
    });
    (!blocked).then_some(dir)
}

/// Drops points that lie on a straight run, and repeated points.
fn simplify(pts: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::new();
    for p in pts {
        if let Some(last) = out.last() {
            if (last.0 - p.0).abs() < 0.01 && (last.1 - p.1).abs() < 0.01 {
                continue;
            }
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = ((a.0 - b.0).abs() < 0.01 && (b.0 - p.0).abs() < 0.01)
                || ((a.1 - b.1).abs() < 0.01 && (b.1 - p.1).abs() < 0.01);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

fn draw_node(
    shapes: &mut Vec<Shape>,
    m: &FontMetrics,
    kind: FlowKind,
    node: &Node,
    cx: f32,
    cy: f32,
) {
    let (x, y) = (cx - node.w / 2.0, cy - node.h / 2.0);
    match kind {
        FlowKind::Decision => shapes.push(Shape::Polygon {
            points: vec![(cx, y), (x + node.w, cy), (cx, y + node.h), (x, cy)],
            paint: style::decision(),
        }),
        FlowKind::Start | FlowKind::End => shapes.push(Shape::Rect {
            x,
            y,
            w: node.w,
            h: node.h,
            r: node.h.min(30.0) / 2.0,
            paint: style::terminal(),
        }),
        FlowKind::Step => shapes.push(Shape::Rect {
            x,
            y,
            w: node.w,
            h: node.h,
            r: 0.0,
            paint: style::node(),
        }),
    }
    let st = style::LABEL;
    let block = node.lines.len() as f32 * st.line;
    push_lines(
        shapes,
        m,
        &node.lines,
        cx,
        cy - block / 2.0,
        Anchor::Middle,
        &st,
    );
}

/// The boxes of a laid-out flow's nodes (tests check they never overlap).
#[cfg(test)]
pub fn node_boxes(d: &Drawing) -> Vec<(f32, f32, f32, f32)> {
    d.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect { x, y, w, h, .. } => Some((*x, *y, x + w, y + h)),
            Shape::Polygon { points, .. } => {
                let xs = points.iter().map(|p| p.0);
                let ys = points.iter().map(|p| p.1);
                Some((
                    xs.clone().fold(f32::MAX, f32::min),
                    ys.clone().fold(f32::MAX, f32::min),
                    xs.fold(f32::MIN, f32::max),
                    ys.fold(f32::MIN, f32::max),
                ))
            }
            _ => None,
        })
        .collect()
}
