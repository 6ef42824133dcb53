//! Coordinates across the layers: Brandes–Köpf lays every long edge out straight, the other
//! nodes settle between their neighbours, and then long edges and nodes settle together, each
//! long edge pulled towards the straight line between its ends, keeping the spacing the
//! settings ask for.

use std::collections::VecDeque;

use super::layering::Adjacency;
use super::ordering::Order;
use super::proper::Proper;

/// Sweeps of the refinement that centres input nodes among their neighbours; it settles within
/// a few, and each is linear.
const REFINE_SWEEPS: usize = 8;
/// Sweeps of the second refinement, which moves long edges too: each sweep straightens an edge
/// only by what its dummies learn from their neighbours, so it takes more of them to settle.
const STRAIGHTEN_SWEEPS: usize = 32;

/// Places every node across the layers and returns its centre, with the drawing starting at 0.
///
/// Long edges come first, by Brandes–Köpf: each run of dummies is aligned into one straight
/// block, packed four ways (blocks pulled up or down the layers, packed left or right), and the
/// four are balanced. Only dummies are aligned: aligning input nodes as well makes every long
/// path of the graph one rigid block, and in deep graphs such blocks stack into a staircase
/// several times wider than the widest layer. Input nodes are then centred among their
/// neighbours between the fixed long edges. Last, the long edges are let go: each dummy moves
/// towards the middle of its neighbours on its edge, while the input nodes keep to theirs,
/// which shortens the edges (by a fifth at 1,000 topics, a third at 2,000) and draws each long
/// edge as one gentle line instead of a straight run with a step at each end.
pub(super) fn place(g: &Proper, order: &Order, node_gap: f32) -> Vec<f32> {
    let separation = |u: usize, w: usize| {
        // An edge passing a node keeps half the gap two nodes keep, and edges passing side by
        // side run in one channel, a quarter of that gap apart.
        let gap = match (g.is_dummy(u), g.is_dummy(w)) {
            (true, true) => node_gap / 4.0,
            (true, false) | (false, true) => node_gap / 2.0,
            (false, false) => node_gap,
        };
        f32::midpoint(g.thickness[u], g.thickness[w]) + gap
    };
    let variants = [(true, true), (true, false), (false, true), (false, false)];
    let mut xs: Vec<Vec<f32>> = variants
        .iter()
        .map(|&(downward, leftward)| align_and_compact(g, order, downward, leftward, &separation))
        .collect();
    // Line the four up on the narrowest, left ones by their left edge and right ones by their
    // right edge, then take the mean of the two middle candidates per node.
    let extent = |x: &[f32]| {
        x.iter()
            .zip(&g.thickness)
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), (&c, &t)| {
                (lo.min(c - t / 2.0), hi.max(c + t / 2.0))
            })
    };
    let extents: Vec<(f32, f32)> = xs.iter().map(|x| extent(x)).collect();
    let width = |k: usize| extents[k].1 - extents[k].0;
    let narrowest = (0..extents.len())
        .min_by(|&a, &b| width(a).total_cmp(&width(b)).then(a.cmp(&b)))
        .unwrap_or(0);
    for (k, x) in xs.iter_mut().enumerate() {
        let leftward = variants[k].1;
        let shift = if leftward {
            extents[narrowest].0 - extents[k].0
        } else {
            extents[narrowest].1 - extents[k].1
        };
        for c in x.iter_mut() {
            *c += shift;
        }
    }
    // The i-th smallest of four values, each at least `sep` past the matching one of another
    // four, is itself at least `sep` past the i-th smallest of those: balancing keeps spacing.
    let mut centre: Vec<f32> = (0..g.layer.len())
        .map(|v| {
            let mut c = [xs[0][v], xs[1][v], xs[2][v], xs[3][v]];
            c.sort_by(f32::total_cmp);
            f32::midpoint(c[1], c[2])
        })
        .collect();
    refine(g, order, &mut centre, &separation, false);
    refine(g, order, &mut centre, &separation, true);
    let lo = extent(&centre).0;
    for c in &mut centre {
        *c -= lo;
    }
    centre
}

/// One of the four Brandes–Köpf passes. Aligns each dummy with the dummy before it on its long
/// edge (above it when `downward`, below otherwise) unless that would cross an alignment made
/// earlier in the scan from the `leftward` side, then packs the blocks towards that side.
/// Returns each node's centre.
fn align_and_compact(
    g: &Proper,
    order: &Order,
    downward: bool,
    leftward: bool,
    separation: &impl Fn(usize, usize) -> f32,
) -> Vec<f32> {
    let count = g.layer.len();
    // Position counted from the side the pass packs towards.
    let side_pos = |v: usize| {
        if leftward {
            order.pos[v]
        } else {
            order.layers[g.layer[v]].len() - 1 - order.pos[v]
        }
    };
    let from_side = |l: usize| -> Box<dyn Iterator<Item = usize> + '_> {
        if leftward {
            Box::new(order.layers[l].iter().copied())
        } else {
            Box::new(order.layers[l].iter().rev().copied())
        }
    };
    let mut root: Vec<usize> = (0..count).collect();
    let layer_seq: Vec<usize> = if downward {
        (0..g.layer_count).collect()
    } else {
        (0..g.layer_count).rev().collect()
    };
    for &l in &layer_seq {
        // Position of the last alignment into the layer before: alignments may not cross.
        let mut reached: Option<usize> = None;
        for v in from_side(l) {
            if !g.is_dummy(v) {
                continue;
            }
            let links = if downward { g.up.of(v) } else { g.down.of(v) };
            let &[link] = links else {
                continue;
            };
            let (upper, lower) = g.links[link];
            let u = if downward { upper } else { lower };
            if g.is_dummy(u) && reached.is_none_or(|r| r < side_pos(u)) {
                root[v] = root[u];
                reached = Some(side_pos(u));
            }
        }
    }

    // Pack the blocks: each goes as close to the side as the blocks before it in every layer
    // it spans allow. Alignments never cross, so "before" is acyclic and a queue settles it.
    let mut arcs: Vec<(usize, usize)> = Vec::with_capacity(count);
    for l in 0..g.layer_count {
        let mut prev = None;
        for w in from_side(l) {
            if let Some(u) = prev {
                arcs.push((u, w));
            }
            prev = Some(w);
        }
    }
    let after = Adjacency::new(count, &arcs, |&(u, _)| root[u]);
    let mut waiting = vec![0usize; count];
    for &(_, w) in &arcs {
        waiting[root[w]] += 1;
    }
    let mut x = vec![0.0f32; count];
    let mut queue: VecDeque<usize> = (0..count)
        .filter(|&v| root[v] == v && waiting[v] == 0)
        .collect();
    while let Some(b) = queue.pop_front() {
        for &a in after.of(b) {
            let (u, w) = arcs[a];
            let to = root[w];
            x[to] = x[to].max(x[b] + separation(u, w));
            waiting[to] -= 1;
            if waiting[to] == 0 {
                queue.push_back(to);
            }
        }
    }
    debug_assert!(waiting.iter().all(|&w| w == 0), "block order has a cycle");
    (0..count)
        .map(|v| if leftward { x[root[v]] } else { -x[root[v]] })
        .collect()
}

/// Moves the input nodes of each layer towards the median of their neighbours, as far as the
/// spacing and the long edges between them, which stay put, allow. Each run of input nodes
/// between two dummies is a small least-squares problem under order constraints, solved
/// exactly by pooling adjacent violators; sweeps alternate down and up the layers.
fn refine(
    g: &Proper,
    order: &Order,
    centre: &mut [f32],
    separation: &impl Fn(usize, usize) -> f32,
    straighten: bool,
) {
    let mut near: Vec<f32> = Vec::new();
    let mut wanted: Vec<f32> = Vec::new();
    let mut offsets: Vec<f32> = Vec::new();
    // Pooled blocks as (mean wanted position less offset, number of nodes).
    let mut pools: Vec<(f32, usize)> = Vec::new();
    let sweeps = if straighten {
        STRAIGHTEN_SWEEPS
    } else {
        REFINE_SWEEPS
    };
    for sweep in 0..sweeps {
        for step in 0..g.layer_count {
            let l = if sweep % 2 == 0 {
                step
            } else {
                g.layer_count - 1 - step
            };
            let layer = &order.layers[l];
            let mut end = 0;
            while end < layer.len() {
                let start = end;
                while end < layer.len() && (straighten || !g.is_dummy(layer[end])) {
                    end += 1;
                }
                let run = &layer[start..end];
                end += 1;
                let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
                    continue;
                };
                // Offsets turn "at least this far apart" into plain order: with y = x - offset,
                // spacing holds exactly when the y values do not decrease.
                wanted.clear();
                offsets.clear();
                let mut offset = 0.0f32;
                for (k, &v) in run.iter().enumerate() {
                    if k > 0 {
                        offset += separation(run[k - 1], v);
                    }
                    offsets.push(offset);
                    // A long edge's dummy wants to lie midway between the nodes before and
                    // after it on the edge, which draws the edge as straight as room allows.
                    if let (true, &[up], &[down]) = (g.is_dummy(v), g.up.of(v), g.down.of(v)) {
                        let between = f32::midpoint(centre[g.links[up].0], centre[g.links[down].1]);
                        wanted.push(between - offset);
                        continue;
                    }
                    near.clear();
                    near.extend(g.up.of(v).iter().map(|&e| centre[g.links[e].0]));
                    near.extend(g.down.of(v).iter().map(|&e| centre[g.links[e].1]));
                    near.sort_by(f32::total_cmp);
                    let m = near.len() / 2;
                    let target = match near.len() {
                        0 => centre[v],
                        len if !len.is_multiple_of(2) => near[m],
                        _ => f32::midpoint(near[m - 1], near[m]),
                    };
                    wanted.push(target - offset);
                }
                pools.clear();
                for &y in &wanted {
                    let mut pool = (y, 1);
                    while let Some(&(before, n)) = pools.last() {
                        if before <= pool.0 {
                            break;
                        }
                        pools.pop();
                        let total = n + pool.1;
                        pool = (
                            (before * n as f32 + pool.0 * pool.1 as f32) / total as f32,
                            total,
                        );
                    }
                    pools.push(pool);
                }
                // With order constraints, bounds on the first and last node bound them all, so
                // clamping the pooled solution keeps it optimal.
                let lo = (start > 0).then(|| {
                    let d = layer[start - 1];
                    centre[d] + separation(d, first)
                });
                let hi = layer
                    .get(end - 1)
                    .map(|&d| centre[d] - separation(last, d) - offset);
                let mut k = 0;
                for &(y, n) in &pools {
                    let y = hi.map_or(y, |h| y.min(h));
                    let y = lo.map_or(y, |l| y.max(l));
                    for _ in 0..n {
                        centre[run[k]] = y + offsets[k];
                        k += 1;
                    }
                }
            }
        }
    }
}
