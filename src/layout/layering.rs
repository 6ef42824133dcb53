//! The first phase: which layer each node goes into, by prerequisite depth within its phase's
//! band, then moved later where that shortens edges. Also the adjacency lists later phases use.

use std::collections::BinaryHeap;

/// Longest-path layering, with each phase starting after the last layer of the phase before,
/// then [`promote`]d, then tightened by network simplex ([`super::simplex::tighten`]).
pub(super) fn assign_layers(
    phases: &[usize],
    edges: &[(usize, usize)],
    edge_ok: impl Fn(&(usize, usize)) -> bool,
) -> Vec<usize> {
    let n = phases.len();
    let valid: Vec<(usize, usize)> = edges.iter().copied().filter(|e| edge_ok(e)).collect();
    let incoming = Adjacency::new(n, &valid, |&(_, b)| b);
    let outgoing = Adjacency::new(n, &valid, |&(a, _)| a);
    // Kahn's order, earliest phase first, so each phase is complete before the next starts.
    let mut missing: Vec<usize> = (0..n).map(|v| incoming.of(v).len()).collect();
    let mut ready: BinaryHeap<std::cmp::Reverse<(usize, usize)>> = (0..n)
        .filter(|&v| missing[v] == 0)
        .map(|v| std::cmp::Reverse((phases[v], v)))
        .collect();
    let mut layer = vec![0usize; n];
    let mut placed = vec![false; n];
    let mut phase_start = 0;
    let mut phase_end = 0; // one past the last layer used so far
    let mut current_phase = None;
    while let Some(std::cmp::Reverse((p, v))) = ready.pop() {
        if current_phase != Some(p) {
            current_phase = Some(p);
            phase_start = phase_end;
        }
        let after = incoming
            .of(v)
            .iter()
            .map(|&e| layer[valid[e].0] + 1)
            .max()
            .unwrap_or(0);
        layer[v] = after.max(phase_start);
        placed[v] = true;
        phase_end = phase_end.max(layer[v] + 1);
        for &e in outgoing.of(v) {
            let w = valid[e].1;
            missing[w] -= 1;
            if missing[w] == 0 {
                ready.push(std::cmp::Reverse((phases[w], w)));
            }
        }
    }
    // Nodes on a cycle never become ready. The contract rules cycles out, but rather than
    // stacking such nodes in layer 0, put each after whatever placed prerequisites it has.
    for v in 0..n {
        if !placed[v] {
            layer[v] = incoming
                .of(v)
                .iter()
                .map(|&e| valid[e].0)
                .filter(|&u| placed[u])
                .map(|u| layer[u] + 1)
                .max()
                .unwrap_or(0);
            placed[v] = true;
        }
    }
    promote(&mut layer, phases, &valid, &incoming, &outgoing);
    super::simplex::tighten(&mut layer, phases, &valid);
    layer
}

/// Moves a node that unlocks more than it needs to a later layer, as far as what it unlocks
/// and its phase's band allow: each layer it moves shortens every edge out of it and lengthens
/// every edge into it by one, so long edges, and the dummies and crossings they bring, get
/// fewer. Nodes go latest layer first, so that what a node unlocks has already moved.
fn promote(
    layer: &mut [usize],
    phases: &[usize],
    valid: &[(usize, usize)],
    incoming: &Adjacency,
    outgoing: &Adjacency,
) {
    let n = layer.len();
    let phase_count = phases.iter().copied().max().map_or(0, |p| p + 1);
    let mut last = vec![0usize; phase_count];
    for v in 0..n {
        last[phases[v]] = last[phases[v]].max(layer[v]);
    }
    let mut by_layer: Vec<usize> = (0..n).collect();
    by_layer.sort_by_key(|&v| (std::cmp::Reverse(layer[v]), v));
    for v in by_layer {
        let (ins, outs) = (incoming.of(v), outgoing.of(v));
        if outs.len() <= ins.len() {
            continue;
        }
        let Some(limit) = outs.iter().map(|&e| layer[valid[e].1]).min() else {
            continue;
        };
        // A backward edge (the input had a cycle) keeps the node where it is.
        if limit <= layer[v] || ins.iter().any(|&e| layer[valid[e].0] >= layer[v]) {
            continue;
        }
        layer[v] = (limit - 1).min(last[phases[v]]).max(layer[v]);
    }
}

/// For each node, the indices of the links that touch it at one end, in link order.
pub(super) struct Adjacency {
    start: Vec<usize>,
    links: Vec<usize>,
}

impl Adjacency {
    pub(super) fn new(
        nodes: usize,
        links: &[(usize, usize)],
        end: impl Fn(&(usize, usize)) -> usize,
    ) -> Self {
        let mut start = vec![0usize; nodes + 1];
        for link in links {
            start[end(link) + 1] += 1;
        }
        for v in 0..nodes {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut slots = vec![0usize; links.len()];
        for (i, link) in links.iter().enumerate() {
            let v = end(link);
            slots[fill[v]] = i;
            fill[v] += 1;
        }
        Self {
            start,
            links: slots,
        }
    }

    pub(super) fn of(&self, v: usize) -> &[usize] {
        &self.links[self.start[v]..self.start[v + 1]]
    }
}
