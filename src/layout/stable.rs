//! Laying a graph out again after an edit, from the drawing before it, so that what the edit
//! did not touch stays where it was: every node keeps its layer unless an edge or its phase
//! pushes it on, and the nodes that were drawn before keep their order in each layer. Only the
//! new nodes and the long edges move, each sifted to where it crosses least.

use std::collections::BinaryHeap;

use super::axes::Axes;
use super::layering::Adjacency;
use super::ordering::{Order, Scratch, sift_free};
use super::proper::{Proper, Route};
use super::{Direction, Layout};

/// The drawing before an edit, for [`super::relayout`].
#[derive(Debug, Clone, Copy)]
pub struct Previous<'a> {
    /// The drawing before the edit, laid out in the same direction.
    pub layout: &'a Layout,
    /// For each node of the new input, its index in that drawing, if it was in it.
    pub was: &'a [Option<usize>],
}

/// Rounds of sifting the nodes that may move, down and up the layers.
const SIFT_ROUNDS: usize = 4;

/// Layers that keep each node where it was, as far as the edges, every one pointing forward,
/// and the phases, in bands in order, allow. Nodes go in order of phase and prerequisites. A
/// node that was drawn keeps its old layer unless a prerequisite (through a new link) or an
/// earlier phase now reaches it, and then goes just after. A new node goes into the first old
/// layer after its prerequisites if that comes before what it unlocks, else into a new layer
/// of its own between them, which moves no other node off its layer-mates. `None` if the edges
/// have a cycle.
pub(super) fn keep_layers(
    phases: &[usize],
    edges: &[(usize, usize)],
    edge_ok: impl Fn(&(usize, usize)) -> bool,
    old: &[Option<usize>],
) -> Option<Vec<usize>> {
    let n = phases.len();
    let valid: Vec<(usize, usize)> = edges.iter().copied().filter(|e| edge_ok(e)).collect();
    let incoming = Adjacency::new(n, &valid, |&(_, b)| b);
    let outgoing = Adjacency::new(n, &valid, |&(a, _)| a);
    let was = |v: usize| old.get(v).copied().flatten();
    // Positions along the layers: old layers at whole numbers, new layers between them.
    let mut pos = vec![0.0f64; n];
    let mut missing: Vec<usize> = (0..n).map(|v| incoming.of(v).len()).collect();
    let mut ready: BinaryHeap<std::cmp::Reverse<(usize, usize)>> = (0..n)
        .filter(|&v| missing[v] == 0)
        .map(|v| std::cmp::Reverse((phases[v], v)))
        .collect();
    let mut placed = 0;
    let phase_count = phases.iter().copied().max().map_or(0, |p| p + 1);
    // The last old layer of each phase; a phase with none sets no bound.
    let mut last_old = vec![f64::INFINITY; phase_count];
    for v in 0..n {
        if let Some(l) = was(v) {
            let last = &mut last_old[phases[v]];
            *last = if last.is_finite() {
                last.max(l as f64)
            } else {
                l as f64
            };
        }
    }
    // The furthest position of the phases before the current one, and of all so far.
    let (mut floor, mut reached, mut current) = (f64::NEG_INFINITY, f64::NEG_INFINITY, None);
    while let Some(std::cmp::Reverse((p, v))) = ready.pop() {
        if current != Some(p) {
            current = Some(p);
            floor = reached;
        }
        let after = incoming
            .of(v)
            .iter()
            .map(|&e| pos[valid[e].0])
            .fold(floor, f64::max);
        pos[v] = if let Some(l) = was(v) {
            let l = l as f64;
            if l > after { l } else { after.floor() + 1.0 }
        } else {
            // Before what it unlocks, and within the old layers of its phase.
            let limit = outgoing
                .of(v)
                .iter()
                .filter_map(|&e| was(valid[e].1))
                .map(|l| l as f64)
                .fold(last_old[p] + 1.0, f64::min);
            let next = if after.is_finite() {
                after.floor() + 1.0
            } else if limit.is_finite() {
                limit - 1.0
            } else {
                0.0
            };
            if next < limit || limit <= after {
                next
            } else {
                f64::midpoint(after, limit)
            }
        };
        reached = reached.max(pos[v]);
        placed += 1;
        for &e in outgoing.of(v) {
            let w = valid[e].1;
            missing[w] -= 1;
            if missing[w] == 0 {
                ready.push(std::cmp::Reverse((phases[w], w)));
            }
        }
    }
    if placed < n {
        return None;
    }
    // Number the positions that hold a node from 0.
    let mut used = pos.clone();
    used.sort_by(f64::total_cmp);
    used.dedup();
    Some(
        pos.iter()
            .map(|&x| used.partition_point(|&u| u < x))
            .collect(),
    )
}

/// The order of each layer from the drawing before: the nodes that were in it keep their
/// order, new nodes start between their neighbours, and each long edge on the line between its
/// ends; then new nodes and long edges are sifted to where they cross least, and nothing else
/// moves.
pub(super) fn keep_order(
    g: &Proper,
    edges: &[(usize, usize)],
    previous: &Previous<'_>,
    direction: Direction,
) -> Order {
    let axes = Axes(direction);
    let count = g.layer.len();
    let old_centre = |v: usize| {
        let i = previous.was.get(v).copied().flatten()?;
        previous
            .layout
            .nodes
            .get(i)
            .map(|r| axes.across(r.center()))
    };
    let mut key: Vec<Option<f32>> = (0..count)
        .map(|v| if v < g.real { old_centre(v) } else { None })
        .collect();
    let mut free: Vec<bool> = key.iter().map(Option::is_none).collect();
    // A new node starts at the mean of its old neighbours.
    let valid: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < g.real && b < g.real && a != b)
        .collect();
    let touching = Adjacency::new(g.real, &valid, |&(a, _)| a);
    let touched = Adjacency::new(g.real, &valid, |&(_, b)| b);
    for v in 0..g.real {
        if key[v].is_some() {
            continue;
        }
        let near: Vec<f32> = touching
            .of(v)
            .iter()
            .map(|&e| valid[e].1)
            .chain(touched.of(v).iter().map(|&e| valid[e].0))
            .filter_map(|w| key[w])
            .collect();
        key[v] = (!near.is_empty()).then(|| near.iter().sum::<f32>() / near.len() as f32);
    }
    // A long edge starts on the straight line between its ends.
    for (&(a, b), route) in edges.iter().zip(&g.routes) {
        let Route::Chain { first, count } = *route else {
            continue;
        };
        let (ka, kb) = (key[a].unwrap_or(0.0), key[b].unwrap_or(0.0));
        let span = (count + 1) as f32;
        for k in 0..count {
            let t = (k + 1) as f32 / span;
            key[first + k] = Some(ka + (kb - ka) * t);
            free[first + k] = true;
        }
    }
    let mut layers = vec![Vec::new(); g.layer_count];
    for v in 0..count {
        layers[g.layer[v]].push(v);
    }
    for layer in &mut layers {
        layer.sort_by(|&u, &w| {
            let (ku, kw) = (key[u].unwrap_or(0.0), key[w].unwrap_or(0.0));
            ku.total_cmp(&kw).then(u.cmp(&w))
        });
    }
    let mut order = Order::from_layers(layers, count);
    let mut scratch = Scratch::default();
    for round in 0..SIFT_ROUNDS {
        for step in 0..g.layer_count {
            let l = if round % 2 == 0 {
                step
            } else {
                g.layer_count - 1 - step
            };
            sift_free(g, &mut order, l, &free, &mut scratch);
        }
    }
    order
}

/// How much of a drawing stayed in place in the next one: the share of the nodes of `after`
/// that were in `before` (by `was`) and have both kept their layer and, among the nodes that
/// shared their layer before and still do, the same nodes on each side. A node keeps its layer
/// if it is in the layer where most of its old layer went (the lowest, on a tie): a layer put
/// in before it moves every later layer on by one, which moves no node away from its
/// layer-mates. 1 when nothing was in `before`. Quadratic in the widest layer.
#[must_use]
pub fn kept_in_place(
    before: &Layout,
    after: &Layout,
    was: &[Option<usize>],
    direction: Direction,
) -> f64 {
    let axes = Axes(direction);
    let across = |layout: &Layout, v: usize| axes.across(layout.nodes[v].center());
    let both: Vec<(usize, usize)> = was
        .iter()
        .enumerate()
        .filter_map(|(v, &i)| Some((v, i?)))
        .filter(|&(v, i)| v < after.nodes.len() && i < before.nodes.len())
        .collect();
    if both.is_empty() {
        return 1.0;
    }
    // Where each old layer went: the new layer most of its nodes are in.
    let mut moves: Vec<(usize, usize)> = both
        .iter()
        .map(|&(v, i)| (before.layers[i], after.layers[v]))
        .collect();
    moves.sort_unstable();
    let old_count = before.layers.iter().copied().max().map_or(0, |l| l + 1);
    let mut image: Vec<(usize, usize)> = vec![(0, usize::MAX); old_count];
    for run in moves.chunk_by(|a, b| a == b) {
        let (old, new) = run[0];
        if run.len() > image[old].0 {
            image[old] = (run.len(), new);
        }
    }
    let layer_count = after.layers.iter().copied().max().map_or(0, |l| l + 1);
    let mut by_layer = vec![Vec::new(); layer_count];
    for &(v, i) in &both {
        by_layer[after.layers[v]].push((v, i));
    }
    let kept = both
        .iter()
        .filter(|&&(v, i)| {
            after.layers[v] == image[before.layers[i]].1
                && by_layer[after.layers[v]].iter().all(|&(w, j)| {
                    w == v
                        || before.layers[j] != before.layers[i]
                        || (across(after, w) < across(after, v))
                            == (across(before, j) < across(before, i))
                })
        })
        .count();
    kept as f64 / both.len() as f64
}
