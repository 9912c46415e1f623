//! A small layered (Sugiyama-style) layout for top-down graphs: back edges
//! found by depth-first search, longest-path layers, dummy vertices on long
//! edges, barycenter sweeps against crossings, and centre x positions that
//! pull each vertex towards its neighbours while keeping the order.

/// The result for `n` real vertices followed by the dummy vertices.
pub struct Layered {
    /// Layer of every vertex (real first, then dummies).
    pub layer: Vec<usize>,
    /// Vertices of each layer, left to right.
    pub order: Vec<Vec<usize>>,
    /// Centre x of every vertex.
    pub x: Vec<f32>,
    /// Per input edge: true when it points back up (drawn on the side).
    pub back: Vec<bool>,
    /// Per forward input edge: the vertices it passes, source to target.
    pub chains: Vec<Vec<usize>>,
}

/// Space between neighbouring boxes, and next to a dummy (an edge passing by).
const GAP: f32 = 14.0;
const DUMMY_GAP: f32 = 8.0;

/// `widths` are the real vertices' widths; `starts` are visited first.
pub fn layered(widths: &[f32], edges: &[(usize, usize)], starts: &[usize]) -> Layered {
    let n = widths.len();
    let (back, visit) = back_edges(n, edges, starts);
    let forward: Vec<(usize, usize)> = edges
        .iter()
        .zip(&back)
        .filter(|(_, b)| !**b)
        .map(|(e, _)| *e)
        .collect();
    let mut layer = longest_path(n, &forward);
    limit_width(&mut layer, widths, &forward, starts, &visit);

    // Long edges get one dummy vertex per layer they cross.
    let mut chains = Vec::new();
    let mut width: Vec<f32> = widths.to_vec();
    let mut key: Vec<f32> = visit.iter().map(|&v| v as f32).collect();
    for (e, b) in edges.iter().zip(&back) {
        if *b {
            chains.push(vec![e.0, e.1]);
            continue;
        }
        let mut chain = vec![e.0];
        for l in layer[e.0] + 1..layer[e.1] {
            layer.push(l);
            width.push(0.0);
            key.push((key[e.0] + key[e.1]) / 2.0);
            chain.push(layer.len() - 1);
        }
        chain.push(e.1);
        chains.push(chain);
    }
    let total = layer.len();
    let depth = layer.iter().max().map_or(0, |m| m + 1);
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); depth];
    let mut by_key: Vec<usize> = (0..total).collect();
    by_key.sort_by(|a, b| key[*a].total_cmp(&key[*b]).then(a.cmp(b)));
    for v in by_key {
        order[layer[v]].push(v);
    }
    let segments: Vec<(usize, usize)> = chains
        .iter()
        .zip(&back)
        .filter(|(_, b)| !**b)
        .flat_map(|(c, _)| c.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>())
        .collect();
    let order = reduce_crossings(order, &segments, &layer);
    let x = place(&order, &segments, &width);
    Layered {
        layer,
        order,
        x,
        back,
        chains,
    }
}

/// Layers alone (cycles broken as in `layered`), for layouts that only
/// need the top-down order.
pub fn layers(n: usize, edges: &[(usize, usize)], starts: &[usize]) -> Vec<usize> {
    let (back, _) = back_edges(n, edges, starts);
    let forward: Vec<(usize, usize)> = edges
        .iter()
        .zip(&back)
        .filter(|(_, b)| !**b)
        .map(|(e, _)| *e)
        .collect();
    longest_path(n, &forward)
}

/// Widest a layer may be before vertices move down a layer: the PDF's
/// measure (a flow is long before it is wide, and every layer it saves
/// keeps its text larger on paper; the phone scales the SVG).
const MAX_LAYER_W: f32 = 440.0;

/// Keeps layers narrow (a phone, a text column): while a layer's boxes and
/// passing edges are wider than `MAX_LAYER_W`, moves one vertex down (an end
/// first, then the last visited), pushing its successors down as needed.
fn limit_width(
    layer: &mut [usize],
    widths: &[f32],
    forward: &[(usize, usize)],
    starts: &[usize],
    visit: &[usize],
) {
    let n = widths.len();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in forward {
        succ[e.0].push(e.1);
    }
    let mut l = 0;
    while l <= layer.iter().copied().max().unwrap_or(0) {
        loop {
            let members: Vec<usize> = (0..n).filter(|v| layer[*v] == l).collect();
            let passing = forward
                .iter()
                .filter(|e| layer[e.0] < l && l < layer[e.1])
                .count();
            let w: f32 = members.iter().map(|v| widths[*v] + GAP).sum::<f32>()
                + passing as f32 * 2.0 * DUMMY_GAP
                - GAP;
            if w <= MAX_LAYER_W || members.len() < 2 {
                break;
            }
            let movable: Vec<usize> = members
                .iter()
                .copied()
                .filter(|v| !starts.contains(v))
                .collect();
            let sink = |v: &usize| succ[*v].is_empty();
            let pick = movable
                .iter()
                .copied()
                .filter(sink)
                .max_by_key(|v| visit[*v])
                .or_else(|| movable.iter().copied().max_by_key(|v| visit[*v]));
            let Some(v) = pick else { break };
            push_down(layer, &succ, v, l + 1);
        }
        l += 1;
    }
}

/// Moves `v` down to layer `to` and its successors below it. Recursive, one
/// frame per vertex on a path: the loader caps a flow's nodes (`limits`).
fn push_down(layer: &mut [usize], succ: &[Vec<usize>], v: usize, to: usize) {
    if layer[v] >= to {
        return;
    }
    layer[v] = to;
    for &w in &succ[v] {
        push_down(layer, succ, w, to + 1);
    }
}

/// Depth-first from the starts (then from anything left): an edge to a vertex
/// still on the stack closes a cycle and is a back edge. Also returns each
/// vertex's visit number, a good first left-to-right order.
fn back_edges(n: usize, edges: &[(usize, usize)], starts: &[usize]) -> (Vec<bool>, Vec<usize>) {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        out[e.0].push(i);
    }
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut visit = vec![0usize; n];
    let mut count = 0;
    let mut back = vec![false; edges.len()];
    let roots: Vec<usize> = starts.iter().copied().chain(0..n).collect();
    for r in roots {
        if state[r] != 0 {
            continue;
        }
        // Iterative DFS: (vertex, next out-edge position).
        let mut stack = vec![(r, 0usize)];
        state[r] = 1;
        visit[r] = count;
        count += 1;
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if i < out[v].len() {
                top.1 += 1;
                let e = out[v][i];
                let w = edges[e].1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        visit[w] = count;
                        count += 1;
                        stack.push((w, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    (back, visit)
}

/// Each vertex one layer below its lowest predecessor (edges form a DAG).
fn longest_path(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut indeg = vec![0usize; n];
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in edges {
        indeg[e.1] += 1;
        succ[e.0].push(e.1);
    }
    let mut layer = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|v| indeg[*v] == 0).collect();
    ready.reverse();
    while let Some(v) = ready.pop() {
        for &w in &succ[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                ready.push(w);
            }
        }
    }
    layer
}

/// Position of every vertex within its layer.
fn positions(order: &[Vec<usize>], total: usize) -> Vec<usize> {
    let mut pos = vec![0usize; total];
    for l in order {
        for (i, v) in l.iter().enumerate() {
            pos[*v] = i;
        }
    }
    pos
}

/// Pairs of segments between the same two layers that cross. Per layer the
/// segments are sorted by their upper end, then counted as inversions of
/// their lower ends with a Fenwick tree: O(S log S), where comparing every
/// pair (as before) took minutes on a 100-node flow.
fn crossings(order: &[Vec<usize>], segments: &[(usize, usize)], layer: &[usize]) -> usize {
    let pos = positions(order, layer.len());
    let mut by_layer: Vec<Vec<(usize, usize)>> = vec![Vec::new(); order.len()];
    for s in segments {
        by_layer[layer[s.0]].push((pos[s.0], pos[s.1]));
    }
    let mut count = 0;
    for (l, mut segs) in by_layer.into_iter().enumerate() {
        if segs.len() < 2 {
            continue;
        }
        // Equal upper ends never cross; sorted by lower end they add no inversion.
        segs.sort_unstable();
        let width = order.get(l + 1).map_or(0, Vec::len).max(1);
        let mut tree = vec![0usize; width + 1];
        for (seen, &(_, lower)) in segs.iter().enumerate() {
            // Earlier segments (upper end further left) whose lower end is
            // strictly further right.
            let mut at_most = 0;
            let mut i = lower + 1;
            while i > 0 {
                at_most += tree[i];
                i -= i & i.wrapping_neg();
            }
            count += seen - at_most;
            let mut i = lower + 1;
            while i <= width {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    count
}

/// Barycenter sweeps down and up; keeps the order with the fewest crossings.
fn reduce_crossings(
    mut order: Vec<Vec<usize>>,
    segments: &[(usize, usize)],
    layer: &[usize],
) -> Vec<Vec<usize>> {
    let total = layer.len();
    // Each vertex's neighbours above and below, in segment order (the order
    // the barycenters have always been summed in).
    let mut above: Vec<Vec<usize>> = vec![Vec::new(); total];
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); total];
    for s in segments {
        above[s.1].push(s.0);
        below[s.0].push(s.1);
    }
    let mut pos = positions(&order, total);
    let mut best = order.clone();
    let mut best_count = crossings(&order, segments, layer);
    for round in 0..12 {
        let down = round % 2 == 0;
        let layers: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for l in layers {
            let neighbour = if down { l - 1 } else { l + 1 };
            let at = |v: usize| (layer[v] == neighbour).then_some(pos[v] as f32);
            let mut keyed: Vec<(f32, usize)> = order[l]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let others = if down { &above[v] } else { &below[v] };
                    let ns: Vec<f32> = others.iter().filter_map(|&u| at(u)).collect();
                    let b = if ns.is_empty() {
                        i as f32
                    } else {
                        ns.iter().sum::<f32>() / ns.len() as f32
                    };
                    (b, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            order[l] = keyed.into_iter().map(|k| k.1).collect();
            for (i, &v) in order[l].iter().enumerate() {
                pos[v] = i;
            }
        }
        let c = crossings(&order, segments, layer);
        if c < best_count {
            best_count = c;
            best = order.clone();
        }
    }
    best
}

/// Centre x for every vertex: repeatedly moves each layer towards the mean
/// of its neighbours' positions, keeping the order and the gaps (an exact
/// least-squares fit per layer, by pooling adjacent violators).
fn place(order: &[Vec<usize>], segments: &[(usize, usize)], width: &[f32]) -> Vec<f32> {
    let total = width.len();
    let mut x = vec![0.0f32; total];
    let sep = |a: usize, b: usize| {
        let gap = if width[a] == 0.0 || width[b] == 0.0 {
            DUMMY_GAP
        } else {
            GAP
        };
        (width[a] + width[b]) / 2.0 + gap
    };
    for l in order {
        let mut at = 0.0;
        for (i, &v) in l.iter().enumerate() {
            if i > 0 {
                at += sep(l[i - 1], v);
            }
            x[v] = at;
        }
        let mid = at / 2.0;
        for &v in l {
            x[v] -= mid;
        }
    }
    // Each vertex's neighbours along segments, in segment order.
    let mut nbrs: Vec<Vec<usize>> = vec![Vec::new(); total];
    for s in segments {
        nbrs[s.0].push(s.1);
        nbrs[s.1].push(s.0);
    }
    for round in 0..24 {
        let layers: Vec<usize> = if round % 2 == 0 {
            (0..order.len()).collect()
        } else {
            (0..order.len()).rev().collect()
        };
        for l in layers {
            let row = &order[l];
            let desired: Vec<f32> = row
                .iter()
                .map(|&v| {
                    let ns: Vec<f32> = nbrs[v].iter().map(|&u| x[u]).collect();
                    if ns.is_empty() {
                        x[v]
                    } else {
                        ns.iter().sum::<f32>() / ns.len() as f32
                    }
                })
                .collect();
            let gaps: Vec<f32> = row.windows(2).map(|w| sep(w[0], w[1])).collect();
            // Edges passing by are a little stiffer than boxes.
            let weights: Vec<f32> = row
                .iter()
                .map(|v| if width[*v] == 0.0 { 2.0 } else { 1.0 })
                .collect();
            let placed = fit_weighted(&desired, &weights, &gaps);
            for (v, p) in row.iter().zip(placed) {
                x[*v] = p;
            }
        }
    }
    straighten(order, segments, &sep, &mut x);
    x
}

/// Removes small jogs: where an edge bends by less than `JOG`, moves one end
/// over the other when its layer has room, so chains of steps run straight.
fn straighten(
    order: &[Vec<usize>],
    segments: &[(usize, usize)],
    sep: &dyn Fn(usize, usize) -> f32,
    x: &mut [f32],
) {
    const JOG: f32 = 100.0;
    let total = x.len();
    let mut layer_of = vec![0usize; total];
    let mut pos = vec![0usize; total];
    for (l, row) in order.iter().enumerate() {
        for (i, v) in row.iter().enumerate() {
            layer_of[*v] = l;
            pos[*v] = i;
        }
    }
    let mut incident: Vec<Vec<(usize, usize)>> = vec![Vec::new(); total];
    for s in segments {
        incident[s.0].push(*s);
        incident[s.1].push(*s);
    }
    // Edges of `v` other than (a, b) that already run straight.
    let straight = |x: &[f32], v: usize, a: usize, b: usize| {
        incident[v]
            .iter()
            .filter(|s| **s != (a, b) && (x[s.0] - x[s.1]).abs() < 0.01)
            .count()
    };
    let fits = |x: &[f32], v: usize, to: f32| {
        let row = &order[layer_of[v]];
        let i = pos[v];
        (i == 0 || to - x[row[i - 1]] >= sep(row[i - 1], v) - 0.01)
            && (i + 1 == row.len() || x[row[i + 1]] - to >= sep(v, row[i + 1]) - 0.01)
    };
    let mut segs: Vec<(usize, usize)> = segments.to_vec();
    segs.sort_by_key(|s| layer_of[s.0]);
    for _ in 0..3 {
        for &(a, b) in &segs {
            let d = (x[a] - x[b]).abs();
            if !(0.01..=JOG).contains(&d) {
                continue;
            }
            // Move the end whose other edges lose less straightness.
            let (first, second) = if straight(x, b, a, b) <= straight(x, a, a, b) {
                (b, a)
            } else {
                (a, b)
            };
            let other = |v: usize| if v == a { b } else { a };
            if fits(x, first, x[other(first)]) {
                x[first] = x[other(first)];
            } else if fits(x, second, x[other(second)]) {
                x[second] = x[other(second)];
            }
        }
    }
}

/// Positions as close as possible (least squares) to `desired` with
/// `x[i+1] - x[i] >= gaps[i]`: shift out the gaps, then isotonic regression.
pub fn fit_in_order(desired: &[f32], gaps: &[f32]) -> Vec<f32> {
    fit_weighted(desired, &vec![1.0; desired.len()], gaps)
}

/// `fit_in_order` with a weight per position (heavier ones move less).
pub fn fit_weighted(desired: &[f32], weights: &[f32], gaps: &[f32]) -> Vec<f32> {
    let mut offset = vec![0.0f32; desired.len()];
    for i in 1..desired.len() {
        offset[i] = offset[i - 1] + gaps[i - 1];
    }
    // Blocks of (weighted sum, total weight, count) whose means never decrease.
    let mut blocks: Vec<(f32, f32, usize)> = Vec::new();
    for ((d, o), w) in desired.iter().zip(&offset).zip(weights) {
        blocks.push(((d - o) * w, *w, 1));
        while blocks.len() > 1 {
            let (s1, w1, c1) = blocks[blocks.len() - 1];
            let (s0, w0, c0) = blocks[blocks.len() - 2];
            if s0 / w0 > s1 / w1 {
                blocks.pop();
                blocks.pop();
                blocks.push((s0 + s1, w0 + w1, c0 + c1));
            } else {
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (s, w, c) in blocks {
        for _ in 0..c {
            out.push(s / w);
        }
    }
    out.iter().zip(&offset).map(|(y, o)| y + o).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_gaps_and_order() {
        let x = fit_in_order(&[0.0, 0.0, 0.0], &[10.0, 10.0]);
        assert_eq!(x, vec![-10.0, 0.0, 10.0]);
        let x = fit_in_order(&[0.0, 100.0], &[10.0]);
        assert_eq!(x, vec![0.0, 100.0]);
    }

    /// The definition: every pair of segments between the same two layers
    /// whose ends are in opposite orders.
    fn crossings_pairwise(
        order: &[Vec<usize>],
        segments: &[(usize, usize)],
        layer: &[usize],
    ) -> usize {
        let pos = positions(order, layer.len());
        let mut count = 0;
        for (i, a) in segments.iter().enumerate() {
            for b in &segments[i + 1..] {
                let (a0, a1, b0, b1) = (pos[a.0], pos[a.1], pos[b.0], pos[b.1]);
                if layer[a.0] == layer[b.0] && (a0 < b0 && a1 > b1 || a0 > b0 && a1 < b1) {
                    count += 1;
                }
            }
        }
        count
    }

    #[test]
    fn crossings_counted_as_inversions_match_the_pairwise_count() {
        // Three layers of widths 4, 5, 3 in many orders, with repeated and
        // parallel segments; a small linear congruential generator.
        let layer = vec![0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2];
        let mut seed = 7u64;
        let mut next = |m: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % m
        };
        for _ in 0..200 {
            let mut segments = Vec::new();
            for _ in 0..next(14) {
                if next(2) == 0 {
                    segments.push((next(4), 4 + next(5)));
                } else {
                    segments.push((4 + next(5), 9 + next(3)));
                }
            }
            let mut order = vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7, 8], vec![9, 10, 11]];
            for row in &mut order {
                for i in (1..row.len()).rev() {
                    row.swap(i, next(i + 1));
                }
            }
            assert_eq!(
                crossings(&order, &segments, &layer),
                crossings_pairwise(&order, &segments, &layer)
            );
        }
    }

    #[test]
    fn cycle_gets_one_back_edge_and_layers_follow_edges() {
        let edges = [(0, 1), (1, 2), (2, 1), (1, 3)];
        let l = layered(&[50.0; 4], &edges, &[0]);
        assert_eq!(l.back, vec![false, false, true, false]);
        assert!(l.layer[0] < l.layer[1] && l.layer[1] < l.layer[2]);
    }
}
