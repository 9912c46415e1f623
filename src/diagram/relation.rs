//! Relation figures (本計画の位置付け): nodes in top-down order of their edges,
//! grouped in labelled rounded boxes stacked in one column; an edge to the
//! very next box is a short arrow down, every other edge runs through a lane
//! on the right (one lane per target, shared by its sources, labels on the
//! stubs). One column keeps long document names legible on a phone.

use super::drawing::{Anchor, Drawing, Shape};
use super::finish::finish;
use super::layered::layers;
use super::style;
use super::text::{push_lines, width, wrap_balanced as wrap};
use crate::font::FontMetrics;
use crate::model::Relation;

const NODE_W: f32 = 196.0;
const PAD: f32 = 6.0;
/// Padding inside a group box.
const GP: f32 = 8.0;
const GAP: f32 = 8.0;
/// Gap holding a short labelled arrow between consecutive boxes.
const ARROW_GAP: f32 = 24.0;
const LANE: f32 = 10.0;
const STUB: f32 = 7.0;

/// Lays out a relation diagram: nodes in layers, edges with labels.
pub fn layout(rel: &Relation, m: &FontMetrics) -> Drawing {
    let n = rel.nodes.len();
    let edges: Vec<(usize, usize)> = rel.edges.iter().map(|e| (e.from, e.to)).collect();
    let sources: Vec<usize> = (0..n)
        .filter(|v| !edges.iter().any(|e| e.1 == *v))
        .collect();
    let layer = layers(n, &edges, &sources);

    // Sequence: groups by their first layer, nodes by layer inside a group;
    // a node without a group is a block of its own.
    let block_of = |v: usize| rel.nodes[v].group.map_or(usize::MAX - v, |g| g);
    let mut blocks: Vec<usize> = (0..n).map(block_of).collect();
    blocks.sort();
    blocks.dedup();
    let first_layer = |b: usize| {
        (0..n)
            .filter(|v| block_of(*v) == b)
            .map(|v| layer[v])
            .min()
            .unwrap_or(0)
    };
    let first_node = |b: usize| (0..n).find(|v| block_of(*v) == b).unwrap_or(0);
    blocks.sort_by_key(|b| (first_layer(*b), first_node(*b)));
    let mut seq: Vec<usize> = Vec::new();
    for &b in &blocks {
        let mut vs: Vec<usize> = (0..n).filter(|v| block_of(*v) == b).collect();
        vs.sort_by_key(|v| (layer[*v], *v));
        seq.extend(vs);
    }
    // An edge drawn as a short arrow: to the next node in the column.
    let direct: Vec<bool> = edges
        .iter()
        .map(|e| {
            seq.iter().position(|v| *v == e.0).map(|i| i + 1) == seq.iter().position(|v| *v == e.1)
        })
        .collect();

    let st = style::LABEL;
    let lines: Vec<Vec<String>> = rel
        .nodes
        .iter()
        .map(|nd| wrap(m, &nd.text, st.size, NODE_W - 2.0 * PAD))
        .collect();
    let node_h = |v: usize| lines[v].len() as f32 * st.line + 2.0 * PAD;

    let mut shapes = Vec::new();
    let mut top = vec![0.0f32; n];
    let mut y = 0.0;
    let node_x = GP;
    for (bi, &b) in blocks.iter().enumerate() {
        let members: Vec<usize> = seq.iter().copied().filter(|v| block_of(*v) == b).collect();
        let grouped = b < rel.groups.len();
        let start_y = y;
        let mut group_shapes = Vec::new();
        if grouped {
            let head = wrap(m, &rel.groups[b], style::HEADING.size, NODE_W);
            push_lines(
                &mut group_shapes,
                m,
                &head,
                GP,
                y + 4.0,
                Anchor::Start,
                &style::HEADING,
            );
            y += 4.0 + head.len() as f32 * style::HEADING.line + 2.0;
        }
        for (k, &v) in members.iter().enumerate() {
            if k > 0 {
                y += if direct_between(&edges, &direct, members[k - 1], v) {
                    ARROW_GAP
                } else {
                    GAP
                };
            }
            top[v] = y;
            group_shapes.push(Shape::Rect {
                x: node_x,
                y,
                w: NODE_W,
                h: node_h(v),
                r: 2.0,
                paint: style::node(),
            });
            push_lines(
                &mut group_shapes,
                m,
                &lines[v],
                node_x + PAD,
                y + PAD,
                Anchor::Start,
                &st,
            );
            y += node_h(v);
        }
        if grouped {
            y += GP;
            shapes.push(Shape::Rect {
                x: 0.0,
                y: start_y,
                w: NODE_W + 2.0 * GP,
                h: y - start_y,
                r: 6.0,
                paint: style::group(),
            });
        }
        shapes.extend(group_shapes);
        if let Some(&next) = blocks.get(bi + 1) {
            let last = *members.last().expect("a block has a node");
            let first = seq
                .iter()
                .copied()
                .find(|v| block_of(*v) == next)
                .expect("a block has a node");
            y += if direct_between(&edges, &direct, last, first) {
                ARROW_GAP
            } else {
                GAP + 2.0
            };
        }
    }
    let mid = |v: usize| top[v] + node_h(v) / 2.0;

    // Short arrows down.
    let cx = node_x + NODE_W / 2.0;
    for (i, e) in rel.edges.iter().enumerate() {
        if !direct[i] {
            continue;
        }
        let (a, b) = (e.from, e.to);
        shapes.push(Shape::Line {
            points: vec![(cx, top[a] + node_h(a)), (cx, top[b])],
            paint: style::edge(),
            arrow: true,
        });
        if let Some(l) = &e.label {
            let sl = style::EDGE_LABEL;
            let gap_mid = (top[a] + node_h(a) + top[b]) / 2.0;
            push_lines(
                &mut shapes,
                m,
                std::slice::from_ref(l),
                cx + 4.0,
                gap_mid - sl.line / 2.0,
                Anchor::Start,
                &sl,
            );
        }
    }

    // Lanes: one per target, packed so lanes whose spans overlap differ.
    let right = NODE_W + 2.0 * GP;
    let label_w = rel
        .edges
        .iter()
        .zip(&direct)
        .filter(|(_, d)| !**d)
        .filter_map(|(e, _)| e.label.as_ref())
        .map(|l| width(m, l, style::EDGE_LABEL.size))
        .fold(0.0, f32::max);
    let lane0 = right + label_w + 8.0;
    let mut targets: Vec<usize> = Vec::new();
    for (i, e) in rel.edges.iter().enumerate() {
        if !direct[i] && !targets.contains(&e.to) {
            targets.push(e.to);
        }
    }
    // Stub offsets so a source with several lane edges keeps them apart.
    let mut stub_count = vec![0usize; n];
    let mut lane_ends: Vec<(f32, f32)> = Vec::new();
    for t in targets {
        let ins: Vec<usize> = (0..rel.edges.len())
            .filter(|i| !direct[*i] && rel.edges[*i].to == t)
            .collect();
        let mut ys: Vec<(usize, f32)> = Vec::new();
        for &i in &ins {
            let s = rel.edges[i].from;
            let off = stub_count[s] as f32 * STUB;
            stub_count[s] += 1;
            ys.push((i, mid(s) + off));
        }
        let lo = ys.iter().map(|p| p.1).fold(mid(t), f32::min);
        let hi = ys.iter().map(|p| p.1).fold(mid(t), f32::max);
        let lane = match lane_ends
            .iter()
            .position(|(a, b)| hi + 4.0 < *a || lo > *b + 4.0)
        {
            Some(k) => {
                lane_ends[k] = (lane_ends[k].0.min(lo), lane_ends[k].1.max(hi));
                k
            }
            None => {
                lane_ends.push((lo, hi));
                lane_ends.len() - 1
            }
        };
        let lx = lane0 + lane as f32 * LANE;
        for (i, sy) in ys {
            shapes.push(Shape::Line {
                points: vec![(node_x + NODE_W, sy), (lx, sy)],
                paint: style::edge(),
                arrow: false,
            });
            if let Some(l) = &rel.edges[i].label {
                let sl = style::EDGE_LABEL;
                push_lines(
                    &mut shapes,
                    m,
                    std::slice::from_ref(l),
                    right + 3.0,
                    sy - sl.line,
                    Anchor::Start,
                    &sl,
                );
            }
        }
        shapes.push(Shape::Line {
            points: vec![(lx, lo), (lx, hi)],
            paint: style::edge(),
            arrow: false,
        });
        shapes.push(Shape::Line {
            points: vec![(lx, mid(t)), (node_x + NODE_W, mid(t))],
            paint: style::edge(),
            arrow: true,
        });
    }
    finish(shapes, m)
}

fn direct_between(edges: &[(usize, usize)], direct: &[bool], a: usize, b: usize) -> bool {
    edges
        .iter()
        .zip(direct)
        .any(|(e, d)| *d && e.0 == a && e.1 == b)
}
