//! Flowcharts: rounded start/end boxes, step rectangles, decision diamonds,
//! laid out top-down in layers; edges run as vertical/horizontal polylines
//! with arrow heads, edges that go back up run in lanes on the right.

use super::drawing::{Anchor, Drawing, Shape};
use super::finish::finish;
use super::layered::layered;
use super::style;
use super::text::{max_width, push_lines, width, wrap_balanced as wrap};
use crate::font::FontMetrics;
use crate::model::{Flow, FlowKind};

/// Box width of steps, starts and ends.
const BOX_W: f32 = 100.0;
const PAD: f32 = 7.0;
/// Diamond widths tried, narrowest first, until the text takes two lines.
const DIAMOND_W: [f32; 3] = [104.0, 122.0, 140.0];
/// Share of a diamond's width its text may use.
const DIAMOND_TEXT: f32 = 0.6;
/// Vertical gap between layers without horizontal tracks.
const GAP_TOP: f32 = 8.0;
const TRACK: f32 = 7.0;
const GAP_LABEL: f32 = 20.0;
const LANE: f32 = 12.0;

struct Node {
    w: f32,
    h: f32,
    lines: Vec<String>,
}

fn size(kind: FlowKind, text: &str, m: &FontMetrics) -> Node {
    let st = style::LABEL;
    if kind == FlowKind::Decision {
        let mut best = None;
        for w in DIAMOND_W {
            let lines = wrap(m, text, st.size, w * DIAMOND_TEXT);
            let done = lines.len() <= 2;
            best = Some((w, lines));
            if done {
                break;
            }
        }
        let (w, lines) = best.expect("widths are tried");
        // The text block (a wide, b tall) fits when a/w + b/h <= 1.
        let a = max_width(m, &lines, style::LABEL.size) + 4.0;
        let b = lines.len() as f32 * st.line + 4.0;
        let h = (b / (1.0 - (a / w).min(0.7))).max(40.0);
        return Node { w, h, lines };
    }
    let lines = wrap(m, text, st.size, BOX_W - 2.0 * PAD);
    let h = lines.len() as f32 * st.line + 2.0 * PAD;
    Node { w: BOX_W, h, lines }
}

/// Lays out a flow chart: steps, decisions and the edges between them.
pub fn layout(flow: &Flow, m: &FontMetrics) -> Drawing {
    let nodes: Vec<Node> = flow
        .nodes
        .iter()
        .map(|n| size(n.kind, &n.text, m))
        .collect();
    let n = nodes.len();
    let edges: Vec<(usize, usize)> = flow.edges.iter().map(|e| (e.from, e.to)).collect();
    let starts: Vec<usize> = (0..n)
        .filter(|i| flow.nodes[*i].kind == FlowKind::Start)
        .collect();
    let widths: Vec<f32> = nodes.iter().map(|b| b.w).collect();
    let lay = layered(&widths, &edges, &starts);
    let depth = lay.order.len();

    // Horizontal tracks per gap: one per vertex that fans out sideways, so
    // edges from different vertices never share a horizontal run.
    let mut track_of: Vec<Vec<(usize, usize)>> = vec![Vec::new(); depth]; // gap below layer l: (vertex, track)
    let mut tracks = vec![0usize; depth];
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); lay.layer.len()];
    for s in &lay.segments {
        below[s.0].push(s.1);
    }
    for l in 0..depth {
        let mut spans: Vec<(f32, f32, usize)> = Vec::new();
        for &v in &lay.order[l] {
            let xs = below[v].iter().map(|&w| lay.x[w]);
            let lo = xs.clone().fold(lay.x[v], f32::min);
            let hi = xs.fold(lay.x[v], f32::max);
            if hi - lo > 0.5 {
                spans.push((lo, hi, v));
            }
        }
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut ends: Vec<f32> = Vec::new();
        for (lo, hi, v) in spans {
            let t = match ends.iter().position(|e| *e + 6.0 < lo) {
                Some(t) => t,
                None => {
                    ends.push(f32::MIN);
                    ends.len() - 1
                }
            };
            ends[t] = hi;
            track_of[l].push((v, t));
        }
        tracks[l] = ends.len();
    }

    // Layer bands: every box centred on its band's middle.
    let mut band_top = vec![0.0f32; depth];
    let mut band_h = vec![0.0f32; depth];
    let mut y = 0.0;
    for l in 0..depth {
        band_top[l] = y;
        band_h[l] = lay.order[l]
            .iter()
            .filter(|v| **v < n)
            .map(|v| nodes[*v].h)
            .fold(0.0, f32::max);
        y += band_h[l] + GAP_TOP + tracks[l].saturating_sub(1) as f32 * TRACK + GAP_LABEL;
    }
    let mid = |v: usize| band_top[lay.layer[v]] + band_h[lay.layer[v]] / 2.0;
    let top = |v: usize| {
        if v < n {
            mid(v) - nodes[v].h / 2.0
        } else {
            band_top[lay.layer[v]]
        }
    };
    let bottom = |v: usize| {
        if v < n {
            mid(v) + nodes[v].h / 2.0
        } else {
            band_top[lay.layer[v]] + band_h[lay.layer[v]]
        }
    };
    let track_y = |v: usize| {
        let l = lay.layer[v];
        let t = track_of[l].iter().find(|p| p.0 == v).map_or(0, |p| p.1);
        band_top[l] + band_h[l] + GAP_TOP + t as f32 * TRACK
    };

    let mut shapes = Vec::new();
    for (i, node) in flow.nodes.iter().enumerate() {
        draw_node(&mut shapes, m, node.kind, &nodes[i], lay.x[i], mid(i));
    }

    let right = (0..n)
        .map(|v| lay.x[v] + nodes[v].w / 2.0)
        .fold(f32::MIN, f32::max);
    let mut lane = 0;
    for (e, edge) in flow.edges.iter().enumerate() {
        let chain = &lay.chains[e];
        let label = edge.label.as_deref();
        if lay.back[e] {
            // Out of the source's right side, up a lane, into the target's right side.
            let (s, t) = (edge.from, edge.to);
            let lx = right + 14.0 + lane as f32 * LANE;
            lane += 1;
            let sx = lay.x[s] + nodes[s].w / 2.0;
            let tx = lay.x[t] + nodes[t].w / 2.0;
            let pts = vec![(sx, mid(s)), (lx, mid(s)), (lx, mid(t)), (tx, mid(t))];
            shapes.push(Shape::Line {
                points: pts,
                paint: style::edge(),
                arrow: true,
            });
            if let Some(l) = label {
                let st = style::EDGE_LABEL;
                push_lines(
                    &mut shapes,
                    m,
                    &[l.to_string()],
                    sx + 3.0,
                    mid(s) - st.line - 1.0,
                    Anchor::Start,
                    &st,
                );
            }
            continue;
        }
        let (mut pts, mut label_at, first) = match side_exit(flow, &lay, &nodes, e) {
            // Out of the diamond's side vertex, across, then down.
            Some(dir) => {
                let (a, b) = (chain[0], chain[1]);
                let vx = lay.x[a] + dir * nodes[a].w / 2.0;
                let st = style::EDGE_LABEL;
                let lx = if dir > 0.0 {
                    vx + 2.0
                } else {
                    vx - 2.0 - width(m, label.unwrap_or(""), st.size)
                };
                (
                    vec![(vx, mid(a)), (lay.x[b], mid(a)), (lay.x[b], top(b))],
                    Some((lx, mid(a) - st.line - 1.0)),
                    1,
                )
            }
            None => (vec![(lay.x[chain[0]], bottom(chain[0]))], None, 0),
        };
        for (k, w) in chain.windows(2).enumerate().skip(first) {
            let (a, b) = (w[0], w[1]);
            if k > 0 {
                pts.push((lay.x[a], bottom(a)));
            }
            if (lay.x[a] - lay.x[b]).abs() > 0.5 {
                let ty = track_y(a);
                pts.push((lay.x[a], ty));
                pts.push((lay.x[b], ty));
                if k == 0 {
                    label_at = Some((lay.x[b] + 3.0, ty));
                }
            } else if k == 0 {
                label_at = Some((lay.x[b] + 3.0, bottom(a)));
            }
            pts.push((lay.x[b], top(b)));
        }
        shapes.push(Shape::Line {
            points: simplify(pts),
            paint: style::edge(),
            arrow: true,
        });
        if let (Some(l), Some((lx, ly))) = (label, label_at) {
            let st = style::EDGE_LABEL;
            push_lines(
                &mut shapes,
                m,
                &[l.to_string()],
                lx,
                ly + 1.0,
                Anchor::Start,
                &st,
            );
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
    if !goes_side || this.abs() < half + 6.0 {
        return None;
    }
    let dir = this.signum();
    let target = lay.x[lay.chains[e][1]];
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
