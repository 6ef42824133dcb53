//! Layered (Sugiyama-style) layout of a DAG: plain Rust, no egui, deterministic.
//!
//! Nodes go into layers by prerequisite depth, a node that unlocks more than it needs then moves
//! later to shorten its edges, phases are bands in order, and every edge points forward. An
//! edge that spans several layers gets a dummy node in each layer it crosses, so it bends only
//! in the gaps between layers and never runs under a node. Median sweeps down and up the
//! layers, then two rounds of sifting and a last swap of neighbours, reduce crossings; small
//! drawings run that search from a few starts and keep the best. Brandes–Köpf then lays every
//! long edge out straight, and the other nodes settle between their neighbours.
//!
//! Nothing here recurses on the graph, iterates a hash map, or reads a clock, so deep graphs do
//! not overflow the stack and the same input gives the same output, bit for bit.

use std::collections::{BinaryHeap, VecDeque};

/// Which way the layers run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Layers are columns; prerequisites on the left.
    #[default]
    LeftToRight,
    /// Layers are rows; prerequisites on top.
    TopToBottom,
}

/// A width and a height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// A point in layout space (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal coordinate.
    pub x: f32,
    /// Vertical coordinate.
    pub y: f32,
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Top-left corner.
    pub min: Point,
    /// Bottom-right corner.
    pub max: Point,
}

impl Rect {
    /// The centre.
    #[must_use]
    pub fn center(&self) -> Point {
        Point {
            x: f32::midpoint(self.min.x, self.max.x),
            y: f32::midpoint(self.min.y, self.max.y),
        }
    }

    /// Width and height.
    #[must_use]
    pub fn size(&self) -> Size {
        Size {
            w: self.max.x - self.min.x,
            h: self.max.y - self.min.y,
        }
    }

    /// Whether the two rectangles share any interior point.
    #[must_use]
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// The smallest rectangle holding both.
    #[must_use]
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min: Point {
                x: self.min.x.min(other.min.x),
                y: self.min.y.min(other.min.y),
            },
            max: Point {
                x: self.max.x.max(other.max.x),
                y: self.max.y.max(other.max.y),
            },
        }
    }
}

/// Spacing, direction and effort.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Which way the layers run.
    pub direction: Direction,
    /// Space between two layers.
    pub layer_gap: f32,
    /// Space between two nodes of one layer. An edge passing a node keeps half of it.
    pub node_gap: f32,
    /// Extra space between the last layer of a phase and the first of the next.
    pub band_gap: f32,
    /// Rounds of crossing reduction, each a sweep down and a sweep up the layers. The search
    /// stops early once rounds stop finding fewer crossings; 0 keeps the first, depth-first
    /// order, which is mostly useful to measure what the sweeps gain.
    pub crossing_rounds: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            direction: Direction::LeftToRight,
            layer_gap: 90.0,
            node_gap: 24.0,
            band_gap: 60.0,
            crossing_rounds: 12,
        }
    }
}

/// What to lay out.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Size of each node's box.
    pub sizes: &'a [Size],
    /// Phase rank of each node (0 for the first phase). A node's prerequisites are in the same or
    /// an earlier phase.
    pub phases: &'a [usize],
    /// Edges from a prerequisite to the node that needs it, as node indices. Must be acyclic.
    pub edges: &'a [(usize, usize)],
}

/// Where everything goes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// The box of each node, in input order.
    pub nodes: Vec<Rect>,
    /// Layer of each node, in input order.
    pub layers: Vec<usize>,
    /// For each input edge, the polyline from the prerequisite's box to the dependent's box.
    /// It leaves the prerequisite's box in the middle of its far side, runs straight through
    /// every layer it crosses, bends only in the gaps between layers, and ends in the middle of
    /// the near side of the dependent's box. An edge naming a node that does not exist gets no
    /// points; one that breaks the acyclic contract gets a straight line.
    pub edges: Vec<Vec<Point>>,
    /// For each phase rank, the band its layers occupy across the whole drawing. A phase with no
    /// nodes gets a band of no thickness where it would have been.
    pub bands: Vec<Rect>,
    /// The rectangle holding every node, edge and band; its min corner is (0, 0).
    pub bounds: Rect,
}

/// Lays out a DAG. The same input gives the same output on every run and machine.
///
/// Sizes, gaps and phases that make no sense (negative, not finite, missing) are read as zero,
/// so the output is always finite.
#[must_use]
pub fn layout(input: &Input<'_>, settings: &Settings) -> Layout {
    let n = input.sizes.len();
    if n == 0 {
        return Layout {
            edges: vec![Vec::new(); input.edges.len()],
            ..Layout::default()
        };
    }
    let axes = Axes(settings.direction);
    let layer_gap = sane(settings.layer_gap);
    let node_gap = sane(settings.node_gap);
    let band_gap = sane(settings.band_gap);
    let sizes: Vec<Size> = input
        .sizes
        .iter()
        .map(|s| Size {
            w: sane(s.w),
            h: sane(s.h),
        })
        .collect();
    let phases: Vec<usize> = (0..n)
        .map(|v| input.phases.get(v).copied().unwrap_or(0))
        .collect();
    let edge_ok = |&(a, b): &(usize, usize)| a < n && b < n && a != b;

    let layers = assign_layers(&phases, input.edges, edge_ok);
    let graph = Proper::new(&layers, input.edges, edge_ok, |v| axes.cross(sizes[v]));
    let order = order_layers(&graph, settings.crossing_rounds);
    let centre = place(&graph, &order, node_gap);

    // Along the main axis: each layer is a slab as deep as its deepest node.
    let layer_count = graph.layer_count;
    let mut depth = vec![0.0f32; layer_count];
    let mut layer_phase = vec![None; layer_count];
    for v in 0..n {
        let l = layers[v];
        depth[l] = depth[l].max(axes.main(sizes[v]));
        // The first node's phase stands for the layer: with valid input they all agree.
        layer_phase[l] = layer_phase[l].or(Some(phases[v]));
    }
    let mut start = vec![0.0f32; layer_count];
    let mut at = 0.0f32;
    for l in 0..layer_count {
        if l > 0 {
            at += layer_gap;
            if layer_phase[l] != layer_phase[l - 1] {
                at += band_gap;
            }
        }
        start[l] = at;
        at += depth[l];
    }
    let end = |l: usize| start[l] + depth[l];

    let nodes: Vec<Rect> = (0..n)
        .map(|v| {
            let l = layers[v];
            let s = sizes[v];
            let main = start[l] + (depth[l] - axes.main(s)) / 2.0;
            // Placement put every box edge at 0 or beyond; this only absorbs rounding.
            let cross = (centre[v] - axes.cross(s) / 2.0).max(0.0);
            axes.rect(main, cross, s)
        })
        .collect();

    let edges: Vec<Vec<Point>> = graph
        .routes
        .iter()
        .zip(input.edges)
        .map(|(route, &(a, b))| {
            let exit = |v: usize| axes.main_max(&nodes[v]);
            let entry = |v: usize| axes.main_min(&nodes[v]);
            let mut points = Vec::new();
            match *route {
                Route::Skip => {}
                Route::Straight => {
                    points.push(axes.point(exit(a), centre[a]));
                    points.push(axes.point(entry(b), centre[b]));
                }
                Route::Chain { first, count } => {
                    let mut push = |main: f32, cross: f32| {
                        let p = axes.point(main, cross);
                        if points.last() != Some(&p) {
                            points.push(p);
                        }
                    };
                    push(exit(a), centre[a]);
                    push(end(layers[a]), centre[a]);
                    let dummies = first..first + count;
                    for (&l, &c) in graph.layer[dummies.clone()].iter().zip(&centre[dummies]) {
                        push(start[l], c);
                        push(end(l), c);
                    }
                    push(start[layers[b]], centre[b]);
                    push(entry(b), centre[b]);
                }
            }
            points
        })
        .collect();

    // Across: the drawing starts at 0 (placement made sure) and ends at the furthest box or
    // edge, measured on the boxes as built so that bands and bounds agree to the last bit.
    let cross_end = nodes
        .iter()
        .map(|r| axes.across(r.max))
        .chain(centre.iter().copied())
        .fold(0.0f32, f32::max);
    let phase_count = phases.iter().copied().max().map_or(0, |p| p + 1);
    let mut span: Vec<Option<(usize, usize)>> = vec![None; phase_count];
    for v in 0..n {
        let l = layers[v];
        let s = &mut span[phases[v]];
        *s = Some(s.map_or((l, l), |(lo, hi)| (lo.min(l), hi.max(l))));
    }
    let mut reached = 0.0f32;
    let bands: Vec<Rect> = span
        .iter()
        .map(|s| {
            let (m0, m1) = s.map_or((reached, reached), |(lo, hi)| (start[lo], end(hi)));
            reached = reached.max(m1);
            axes.band(m0, m1, cross_end)
        })
        .collect();

    let mut bounds = nodes
        .iter()
        .chain(&bands)
        .copied()
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default();
    for p in edges.iter().flatten() {
        bounds = bounds.union(&Rect { min: *p, max: *p });
    }
    Layout {
        nodes,
        layers,
        edges,
        bands,
        bounds,
    }
}

/// Counts the edge crossings of a layout, from its geometry: in each gap between two adjacent
/// layers, the pairs of edge segments that swap sides across the gap. Edges that share an end
/// do not cross. This is the count the crossing reduction minimises, and it works on any layout
/// whose edges run forward, so tests and benchmarks can compare orderings.
#[must_use]
pub fn crossings(layout: &Layout, direction: Direction) -> usize {
    let axes = Axes(direction);
    let layer_count = layout.layers.iter().copied().max().map_or(0, |l| l + 1);
    if layer_count < 2 {
        return 0;
    }
    // Each layer's slab along the main axis, from the nodes in it.
    let mut lo = vec![f32::INFINITY; layer_count];
    let mut hi = vec![f32::NEG_INFINITY; layer_count];
    for (rect, &l) in layout.nodes.iter().zip(&layout.layers) {
        lo[l] = lo[l].min(axes.main_min(rect));
        hi[l] = hi[l].max(axes.main_max(rect));
    }
    let mut gaps: Vec<Vec<(f32, f32)>> = vec![Vec::new(); layer_count - 1];
    for route in &layout.edges {
        let (Some(&first), Some(&last)) = (route.first(), route.last()) else {
            continue;
        };
        let (m0, m1) = (axes.along(first), axes.along(last));
        let mut cursor = 0;
        let from = hi[..layer_count - 1].partition_point(|&h| h < m0);
        for (g, gap) in gaps.iter_mut().enumerate().skip(from) {
            if lo[g + 1] > m1 {
                break;
            }
            let s = cross_at(route, axes, hi[g], &mut cursor);
            let t = cross_at(route, axes, lo[g + 1], &mut cursor);
            gap.push((s, t));
        }
    }
    let mut tree = Vec::new();
    let mut total = 0;
    for mut gap in gaps {
        gap.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut ends: Vec<f32> = gap.iter().map(|&(_, t)| t).collect();
        ends.sort_by(f32::total_cmp);
        ends.dedup();
        let ranks: Vec<usize> = gap
            .iter()
            .map(|&(_, t)| ends.partition_point(|&e| e.total_cmp(&t).is_lt()))
            .collect();
        total += accumulate(&ranks, ends.len(), &mut tree);
    }
    total
}

/// Every crossing of a drawing counted the slow, direct way: the pairs of segments of different
/// edges that cross at a point inside both (edges meeting at a shared end do not cross).
/// Quadratic in the segments; for any drawing, straight-edged or routed, where [`crossings`]
/// cannot be used, and as its reference.
#[must_use]
pub fn segment_crossings(drawing: &Layout) -> usize {
    let side = |p: Point, q: Point, r: Point| {
        let d = f64::from(q.x - p.x) * f64::from(r.y - p.y)
            - f64::from(q.y - p.y) * f64::from(r.x - p.x);
        if d > 0.0 {
            1_i8
        } else if d < 0.0 {
            -1
        } else {
            0
        }
    };
    let segments: Vec<(usize, Point, Point)> = drawing
        .edges
        .iter()
        .enumerate()
        .flat_map(|(e, route)| route.windows(2).map(move |w| (e, w[0], w[1])))
        .collect();
    let mut count = 0;
    for (i, &(e1, p1, q1)) in segments.iter().enumerate() {
        for &(e2, p2, q2) in &segments[i + 1..] {
            if e1 != e2
                && side(p1, q1, p2) * side(p1, q1, q2) < 0
                && side(p2, q2, p1) * side(p2, q2, q1) < 0
            {
                count += 1;
            }
        }
    }
    count
}

/// Counts the crossings between two adjacent layers with the accumulator tree of Barth, Jünger
/// and Mutzel, in O(E log V). Each link is a pair (position of its end in the upper layer,
/// position of its end in the lower layer); `lower_len` is the number of positions in the lower
/// layer. Links that share an end do not cross.
#[must_use]
pub fn bilayer_crossings(lower_len: usize, links: &[(usize, usize)]) -> usize {
    let mut sorted = links.to_vec();
    sorted.sort_unstable();
    let lower: Vec<usize> = sorted.iter().map(|&(_, q)| q).collect();
    let size = lower.iter().map(|&q| q + 1).fold(lower_len, usize::max);
    accumulate(&lower, size, &mut Vec::new())
}

/// Deterministic random DAGs shaped like roadmaps, for tests and benchmarks.
pub mod generate {
    use super::{Input, Size};

    /// A generated DAG, owning what an [`Input`] borrows.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Dag {
        /// Size of each node's box.
        pub sizes: Vec<Size>,
        /// Phase rank of each node; never decreases with the index.
        pub phases: Vec<usize>,
        /// Prerequisite edges, always from a lower index to a higher one.
        pub edges: Vec<(usize, usize)>,
    }

    impl Dag {
        /// The DAG as layout input.
        #[must_use]
        pub fn input(&self) -> Input<'_> {
            Input {
                sizes: &self.sizes,
                phases: &self.phases,
                edges: &self.edges,
            }
        }
    }

    /// A DAG of `n` nodes. Each node takes 1–3 prerequisites (the first of each phase none),
    /// mostly among the few nodes just before it, now and then one much further back (a long
    /// edge), as roadmaps do. 1–4 phases split the nodes by index; boxes range from 80×30 to
    /// 220×90. The same `n` and `seed` give the same DAG everywhere.
    #[must_use]
    pub fn dag(n: usize, seed: u64) -> Dag {
        let mut rng = XorShift::new(seed);
        let phase_count = 1 + rng.below(4);
        let phases: Vec<usize> = (0..n).map(|i| i * phase_count / n.max(1)).collect();
        let sizes = (0..n)
            .map(|_| Size {
                w: rng.between(80.0, 220.0),
                h: rng.between(30.0, 90.0),
            })
            .collect();
        let mut edges = Vec::new();
        let mut picked = Vec::new();
        for i in 1..n {
            picked.clear();
            // Only the first topic of a phase starts from nothing. Any other topic without
            // prerequisites would sit at the start of its phase, far from what it unlocks, and
            // a few of those would make every graph a fan of long edges.
            let wanted = if phases[i] == phases[i - 1] {
                1 + rng.below(3)
            } else {
                0
            };
            for _ in 0..wanted {
                let reach = if rng.below(8) == 0 { 120 } else { 12 };
                let back = 1 + rng.below(reach.min(i));
                if !picked.contains(&(i - back)) {
                    picked.push(i - back);
                }
            }
            edges.extend(picked.iter().map(|&p| (p, i)));
        }
        Dag {
            sizes,
            phases,
            edges,
        }
    }

    /// Marsaglia's xorshift64: tiny and good enough to shape test graphs.
    pub(super) struct XorShift(u64);

    impl XorShift {
        pub(super) fn new(seed: u64) -> Self {
            // One splitmix64 step spreads nearby seeds apart; xorshift must not start at zero.
            let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            Self((z ^ (z >> 31)) | 1)
        }

        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        /// A number in `0..bound` (0 if the bound is 0).
        pub(super) fn below(&mut self, bound: usize) -> usize {
            let bound = u64::try_from(bound).unwrap_or(u64::MAX).max(1);
            usize::try_from(self.next() % bound).unwrap_or(0)
        }

        fn between(&mut self, lo: f32, hi: f32) -> f32 {
            let unit = (self.next() >> 40) as f32 / (1u64 << 24) as f32;
            lo + (hi - lo) * unit
        }
    }
}

/// Reads a size or gap that makes no sense as zero, so nothing downstream turns non-finite.
fn sane(x: f32) -> f32 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

/// Turns the main/cross coordinates the algorithm works in into x/y for a direction.
#[derive(Clone, Copy)]
struct Axes(Direction);

impl Axes {
    fn main(self, s: Size) -> f32 {
        match self.0 {
            Direction::LeftToRight => s.w,
            Direction::TopToBottom => s.h,
        }
    }

    fn cross(self, s: Size) -> f32 {
        match self.0 {
            Direction::LeftToRight => s.h,
            Direction::TopToBottom => s.w,
        }
    }

    fn along(self, p: Point) -> f32 {
        match self.0 {
            Direction::LeftToRight => p.x,
            Direction::TopToBottom => p.y,
        }
    }

    fn across(self, p: Point) -> f32 {
        match self.0 {
            Direction::LeftToRight => p.y,
            Direction::TopToBottom => p.x,
        }
    }

    fn main_min(self, r: &Rect) -> f32 {
        self.along(r.min)
    }

    fn main_max(self, r: &Rect) -> f32 {
        self.along(r.max)
    }

    fn point(self, main: f32, cross: f32) -> Point {
        match self.0 {
            Direction::LeftToRight => Point { x: main, y: cross },
            Direction::TopToBottom => Point { x: cross, y: main },
        }
    }

    fn rect(self, main: f32, cross: f32, s: Size) -> Rect {
        let corner = self.point(main, cross);
        Rect {
            min: corner,
            max: Point {
                x: corner.x + s.w,
                y: corner.y + s.h,
            },
        }
    }

    fn band(self, m0: f32, m1: f32, cross_end: f32) -> Rect {
        Rect {
            min: self.point(m0, 0.0),
            max: self.point(m1, cross_end),
        }
    }
}

/// Where a route is across the main axis at `main`, which must not lie before the point the
/// cursor is on; the cursor moves along so that a walk down the gaps stays linear.
fn cross_at(route: &[Point], axes: Axes, main: f32, cursor: &mut usize) -> f32 {
    while *cursor + 1 < route.len() && axes.along(route[*cursor + 1]) < main {
        *cursor += 1;
    }
    let p0 = route[*cursor];
    let Some(&p1) = route.get(*cursor + 1) else {
        return axes.across(p0);
    };
    let (a0, a1) = (axes.along(p0), axes.along(p1));
    // Exact ends, not interpolated ones, so edges that share a point tie instead of crossing.
    if main <= a0 {
        axes.across(p0)
    } else if main >= a1 {
        axes.across(p1)
    } else {
        let (c0, c1) = (axes.across(p0), axes.across(p1));
        c0 + (c1 - c0) * ((main - a0) / (a1 - a0))
    }
}

/// Counts, over a sequence of positions, the pairs where a later one is strictly smaller than
/// an earlier one: the Barth–Jünger–Mutzel accumulator tree. `size` bounds the positions.
fn accumulate(sequence: &[usize], size: usize, tree: &mut Vec<usize>) -> usize {
    let leaves = size.next_power_of_two();
    tree.clear();
    tree.resize(2 * leaves, 0);
    let mut count = 0;
    for &q in sequence {
        let mut i = leaves + q;
        tree[i] += 1;
        while i > 1 {
            // A left child's sibling holds the larger positions already seen.
            if i.is_multiple_of(2) {
                count += tree[i + 1];
            }
            i /= 2;
            tree[i] += 1;
        }
    }
    count
}

/// Longest-path layering, with each phase starting after the last layer of the phase before,
/// then [`promote`]d.
fn assign_layers(
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
struct Adjacency {
    start: Vec<usize>,
    links: Vec<usize>,
}

impl Adjacency {
    fn new(nodes: usize, links: &[(usize, usize)], end: impl Fn(&(usize, usize)) -> usize) -> Self {
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

    fn of(&self, v: usize) -> &[usize] {
        &self.links[self.start[v]..self.start[v + 1]]
    }
}

/// How an input edge is drawn.
#[derive(Clone, Copy)]
enum Route {
    /// It names a node that does not exist, or joins a node to itself.
    Skip,
    /// It does not point forward (the input had a cycle): a straight line, nothing to route.
    Straight,
    /// Through the dummies `first..first + count`, one per layer crossed.
    Chain { first: usize, count: usize },
}

/// The proper layered graph: the input nodes, then one dummy per layer an edge crosses, with
/// links only between adjacent layers.
struct Proper {
    /// Nodes below this index are input nodes; the rest are dummies.
    real: usize,
    layer_count: usize,
    /// Layer of each node.
    layer: Vec<usize>,
    /// Size across the layers of each node; 0 for a dummy.
    thickness: Vec<f32>,
    /// Each link as (node in the upper layer, node in the layer below it).
    links: Vec<(usize, usize)>,
    /// Links to the layer above each node.
    up: Adjacency,
    /// Links to the layer below each node.
    down: Adjacency,
    /// For each input edge, how to draw it.
    routes: Vec<Route>,
}

impl Proper {
    fn new(
        layers: &[usize],
        edges: &[(usize, usize)],
        edge_ok: impl Fn(&(usize, usize)) -> bool,
        thickness: impl Fn(usize) -> f32,
    ) -> Self {
        let real = layers.len();
        let mut layer = layers.to_vec();
        let mut thick: Vec<f32> = (0..real).map(thickness).collect();
        let mut links = Vec::with_capacity(edges.len());
        let routes = edges
            .iter()
            .map(|edge| {
                let (a, b) = *edge;
                if !edge_ok(edge) {
                    return Route::Skip;
                }
                if layers[b] <= layers[a] {
                    return Route::Straight;
                }
                let first = layer.len();
                let mut prev = a;
                for l in layers[a] + 1..layers[b] {
                    let d = layer.len();
                    layer.push(l);
                    thick.push(0.0);
                    links.push((prev, d));
                    prev = d;
                }
                links.push((prev, b));
                Route::Chain {
                    first,
                    count: layer.len() - first,
                }
            })
            .collect();
        let count = layer.len();
        Self {
            real,
            layer_count: layers.iter().copied().max().map_or(0, |l| l + 1),
            up: Adjacency::new(count, &links, |&(_, lower)| lower),
            down: Adjacency::new(count, &links, |&(upper, _)| upper),
            layer,
            thickness: thick,
            links,
            routes,
        }
    }

    fn is_dummy(&self, v: usize) -> bool {
        v >= self.real
    }
}

/// The order of the nodes in each layer, and each node's position in its layer.
struct Order {
    layers: Vec<Vec<usize>>,
    pos: Vec<usize>,
}

impl Order {
    fn from_layers(layers: Vec<Vec<usize>>, nodes: usize) -> Self {
        let mut pos = vec![0; nodes];
        for layer in &layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
        Self { layers, pos }
    }
}

/// Rounds without a better ordering after which the search gives up.
const PATIENCE: usize = 3;
/// Cap on passes of neighbour swapping when polishing the final order; each pass is linear, and
/// later passes rarely find anything.
const SWAP_PASSES: usize = 4;
/// Work allowed for the sweeps, in nodes and links visited. That is every round for graphs of
/// thousands of nodes, while a graph whose long edges make a million dummies still gets a few
/// sweeps and finishes in bounded time. Work is counted, not timed, to stay deterministic.
const SWEEP_BUDGET: usize = 8_000_000;
/// Work allowed for sifting, in pairs of nodes compared, over all rounds. Sifting costs the
/// square of a layer's width, so it polishes small drawings and skips huge ones.
const SIFT_BUDGET: usize = 8_000_000;
/// Rounds of sifting over all the layers; they stop early once a round removes nothing. A third
/// round removes about a thousandth of the crossings at 1,000 topics and costs a fifth of the
/// time.
const SIFT_ROUNDS: usize = 2;
/// Widest layer that sifting works on: its table holds the square of the width.
const SIFT_MAX_WIDTH: usize = 1_024;
/// Passes of sifting over one layer while its neighbours stand still.
const SIFT_PASSES: usize = 2;
/// Work allowed for trying other starts, in nodes and links per start: small drawings, cheap to
/// order, are ordered from several starts and keep the best, big ones from the first only.
const STARTS_BUDGET: usize = 2_000;
/// Most starts tried.
const STARTS: usize = 4;

/// Orders each layer to make few crossings: depth-first to start, then median sweeps down and
/// up, keeping the best order seen, which sifting and neighbour swaps then polish. Every step
/// after the first order keeps the best so far, so the result never has more crossings than the
/// depth-first order. Small drawings repeat this from a few different starts and keep the best.
fn order_layers(g: &Proper, rounds: usize) -> Order {
    if rounds == 0 || g.layer_count < 2 {
        return Order::from_layers(initial_order(g, None), g.layer.len());
    }
    let mut scratch = Scratch::default();
    let starts = (STARTS_BUDGET / (g.layer.len() + g.links.len()).max(1)).clamp(1, STARTS);
    let mut best: Option<(usize, Order)> = None;
    // The first start follows the input order depth-first and sweeps by medians. Others
    // alternate medians and means (neither wins everywhere) and follow sources and links in an
    // order shuffled from a fixed seed, so the result stays the same on every run.
    let mut rng = generate::XorShift::new(0);
    for start in 0..starts {
        let mean = start % 2 == 1;
        let shuffle = if start < 2 { None } else { Some(&mut rng) };
        let first = initial_order(g, shuffle);
        let (count, order) = order_from(g, rounds, first, mean, &mut scratch);
        if best.as_ref().is_none_or(|(c, _)| count < *c) {
            best = Some((count, order));
        }
        if count == 0 {
            break;
        }
    }
    best.map_or_else(
        || Order::from_layers(initial_order(g, None), g.layer.len()),
        |(_, order)| order,
    )
}

/// One search from the order `first`, sweeping by means (`mean`) or medians. Returns its
/// crossings and the order.
fn order_from(
    g: &Proper,
    rounds: usize,
    first: Vec<Vec<usize>>,
    mean: bool,
    scratch: &mut Scratch,
) -> (usize, Order) {
    let mut order = Order::from_layers(first, g.layer.len());
    let mut best_count = count_crossings(g, &order, scratch);
    let mut best = order.layers.clone();
    let sweep_cost = g.layer.len() + g.links.len();
    let sweeps = (2 * rounds).min((SWEEP_BUDGET / sweep_cost).max(2));
    let mut stale = 0;
    for sweep in 0..sweeps {
        if best_count == 0 {
            break;
        }
        if sweep % 2 == 0 {
            for l in 1..g.layer_count {
                reorder(g, &mut order, l, true, mean, scratch);
            }
        } else {
            for l in (0..g.layer_count - 1).rev() {
                reorder(g, &mut order, l, false, mean, scratch);
            }
        }
        swap_neighbours(g, &mut order, 1, scratch);
        let count = count_crossings(g, &order, scratch);
        if count < best_count {
            best_count = count;
            best.clone_from(&order.layers);
            stale = 0;
        } else {
            stale += 1;
            if stale >= 2 * PATIENCE {
                break;
            }
        }
    }
    let mut order = Order::from_layers(best, g.layer.len());
    let sift_cost: usize = order
        .layers
        .iter()
        .map(Vec::len)
        .filter(|&len| len <= SIFT_MAX_WIDTH)
        .map(|len| len * len)
        .sum();
    let sift_rounds = (SIFT_BUDGET / sift_cost.max(1)).min(SIFT_ROUNDS);
    for round in 0..sift_rounds {
        if best_count == 0 {
            break;
        }
        let mut removed = 0;
        for step in 0..g.layer_count {
            // Alternate the direction, so that what one layer settles on reaches the others.
            let l = if round % 2 == 0 {
                step
            } else {
                g.layer_count - 1 - step
            };
            removed += sift_layer(g, &mut order, l, SIFT_PASSES, scratch);
        }
        best_count -= removed;
        if removed == 0 {
            break;
        }
    }
    if best_count > 0 {
        swap_neighbours(g, &mut order, SWAP_PASSES, scratch);
        best_count = count_crossings(g, &order, scratch);
    }
    (best_count, order)
}

/// Buffers reused across layers so the sweeps do not allocate per layer.
#[derive(Default)]
struct Scratch {
    sequence: Vec<usize>,
    tree: Vec<usize>,
    keyed: Vec<(f32, usize)>,
    above: Vec<usize>,
    above_start: Vec<usize>,
    below: Vec<usize>,
    below_start: Vec<usize>,
    local: Vec<usize>,
    table: Vec<usize>,
}

/// A deterministic first order: depth-first from the sources in input order, following each
/// node's links in input order, so that what one node unlocks starts out together. With a
/// `shuffle`, sources and links are taken in an order drawn from it instead.
fn initial_order(g: &Proper, mut shuffle: Option<&mut generate::XorShift>) -> Vec<Vec<usize>> {
    let count = g.layer.len();
    let mut layers = vec![Vec::new(); g.layer_count];
    let mut seen = vec![false; count];
    let mut stack = Vec::new();
    // Dummies always have a link upwards, so in a DAG every node is reached from some source;
    // taking the rest in index order only guards against that ever failing.
    let mut sources: Vec<usize> = (0..g.real).filter(|&v| g.up.of(v).is_empty()).collect();
    if let Some(rng) = shuffle.as_deref_mut() {
        shuffle_with(&mut sources, rng);
    }
    for source in sources.into_iter().chain(0..count) {
        stack.push(source);
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            layers[g.layer[v]].push(v);
            // The link to follow first goes on the stack last.
            let from = stack.len();
            stack.extend(
                g.down
                    .of(v)
                    .iter()
                    .map(|&e| g.links[e].1)
                    .filter(|&w| !seen[w]),
            );
            stack[from..].reverse();
            if let Some(rng) = shuffle.as_deref_mut() {
                shuffle_with(&mut stack[from..], rng);
            }
        }
    }
    layers
}

/// Fisher–Yates, from a seeded generator.
fn shuffle_with(items: &mut [usize], rng: &mut generate::XorShift) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// Crossings of the whole ordering: the sum over adjacent layer pairs.
fn count_crossings(g: &Proper, order: &Order, scratch: &mut Scratch) -> usize {
    (1..g.layer_count)
        .map(|l| {
            scratch.sequence.clear();
            for &u in &order.layers[l - 1] {
                let from = scratch.sequence.len();
                scratch
                    .sequence
                    .extend(g.down.of(u).iter().map(|&e| order.pos[g.links[e].1]));
                scratch.sequence[from..].sort_unstable();
            }
            accumulate(&scratch.sequence, order.layers[l].len(), &mut scratch.tree)
        })
        .sum()
}

/// Sorts layer `l` by the median (or with `mean`, the mean) position of each node's neighbours
/// in the layer above (`from_above`) or below. A node with no neighbour there follows its neighbours on the other
/// side instead, and a node with none at all keeps its relative place: that is why keys are
/// fractions of the neighbouring layer's width, so keys from different layers compare.
fn reorder(
    g: &Proper,
    order: &mut Order,
    l: usize,
    from_above: bool,
    mean: bool,
    scratch: &mut Scratch,
) {
    let Scratch {
        keyed, sequence, ..
    } = scratch;
    let len = order.layers[l].len();
    keyed.clear();
    for (i, &v) in order.layers[l].iter().enumerate() {
        let key = median_key(g, order, v, from_above, mean, sequence)
            .or_else(|| median_key(g, order, v, !from_above, mean, sequence))
            .unwrap_or((i as f32 + 0.5) / len as f32);
        keyed.push((key, i));
    }
    // Ties keep their current order, which makes the sweep stable and deterministic.
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let reordered: Vec<usize> = keyed.iter().map(|&(_, i)| order.layers[l][i]).collect();
    for (i, &v) in reordered.iter().enumerate() {
        order.pos[v] = i;
    }
    order.layers[l] = reordered;
}

/// The median position of a node's neighbours in the layer above or below, as a fraction of
/// that layer's width. With an even count it leans towards the side whose neighbours are packed
/// closer (Gansner et al.), which keeps tight groups together.
fn median_key(
    g: &Proper,
    order: &Order,
    v: usize,
    above: bool,
    mean: bool,
    positions: &mut Vec<usize>,
) -> Option<f32> {
    let links = if above { g.up.of(v) } else { g.down.of(v) };
    let far_end = |e: usize| {
        let (upper, lower) = g.links[e];
        if above { upper } else { lower }
    };
    let &first = links.first()?;
    let width = order.layers[g.layer[far_end(first)]].len() as f32;
    positions.clear();
    positions.extend(links.iter().map(|&e| order.pos[far_end(e)]));
    positions.sort_unstable();
    let d = positions.len();
    let m = d / 2;
    let median = if mean {
        positions.iter().sum::<usize>() as f32 / d as f32
    } else if d % 2 == 1 {
        positions[m] as f32
    } else {
        let (lo, hi) = (positions[m - 1] as f32, positions[m] as f32);
        let left = lo - positions[0] as f32;
        let right = positions[d - 1] as f32 - hi;
        if left + right > 0.0 {
            (lo * right + hi * left) / (left + right)
        } else {
            f32::midpoint(lo, hi)
        }
    };
    Some((median + 0.5) / width)
}

/// Fills the scratch lists with the sorted positions of the neighbours, above and below, of
/// each node of layer `l`, by the node's current index; the neighbouring layers do not move
/// while this one is worked on.
fn collect_ends(g: &Proper, order: &Order, l: usize, scratch: &mut Scratch) {
    let Scratch {
        above,
        above_start,
        below,
        below_start,
        ..
    } = scratch;
    above.clear();
    below.clear();
    above_start.clear();
    below_start.clear();
    for &v in &order.layers[l] {
        above_start.push(above.len());
        let from = above.len();
        above.extend(g.up.of(v).iter().map(|&e| order.pos[g.links[e].0]));
        above[from..].sort_unstable();
        below_start.push(below.len());
        let from = below.len();
        below.extend(g.down.of(v).iter().map(|&e| order.pos[g.links[e].1]));
        below[from..].sort_unstable();
    }
    above_start.push(above.len());
    below_start.push(below.len());
}

/// Crossings between the links of the nodes at start indices `a` and `b` of the layer whose
/// ends are collected, if `a` stands left of `b`.
fn crossings_between(scratch: &Scratch, a: usize, b: usize) -> usize {
    let above = |k: usize| &scratch.above[scratch.above_start[k]..scratch.above_start[k + 1]];
    let below = |k: usize| &scratch.below[scratch.below_start[k]..scratch.below_start[k + 1]];
    pair_crossings(above(a), above(b)) + pair_crossings(below(a), below(b))
}

/// Writes layer `l` back in the order given as start indices.
fn apply_local(order: &mut Order, l: usize, local: &[usize]) {
    let reordered: Vec<usize> = local.iter().map(|&k| order.layers[l][k]).collect();
    for (i, &v) in reordered.iter().enumerate() {
        order.pos[v] = i;
    }
    order.layers[l] = reordered;
}

/// Swaps adjacent nodes wherever that alone removes crossings with both neighbouring layers,
/// for up to `passes` passes over the layers. Never adds crossings.
fn swap_neighbours(g: &Proper, order: &mut Order, passes: usize, scratch: &mut Scratch) {
    for _ in 0..passes {
        let mut swapped = false;
        for l in 0..g.layer_count {
            swapped |= swap_in_layer(g, order, l, scratch);
        }
        if !swapped {
            break;
        }
    }
}

fn swap_in_layer(g: &Proper, order: &mut Order, l: usize, scratch: &mut Scratch) -> bool {
    let len = order.layers[l].len();
    if len < 2 {
        return false;
    }
    collect_ends(g, order, l, scratch);
    let mut local = std::mem::take(&mut scratch.local);
    local.clear();
    local.extend(0..len);
    let mut any = false;
    for _ in 0..SWAP_PASSES {
        let mut swapped = false;
        for i in 0..len - 1 {
            let (a, b) = (local[i], local[i + 1]);
            if crossings_between(scratch, b, a) < crossings_between(scratch, a, b) {
                local.swap(i, i + 1);
                swapped = true;
            }
        }
        any |= swapped;
        if !swapped {
            break;
        }
    }
    if any {
        apply_local(order, l, &local);
    }
    scratch.local = local;
    any
}

/// Sifting: takes each node of layer `l` out in turn, most links first, and puts it back where
/// it crosses least, staying put on a tie; repeats over the layer up to `passes` times or until
/// nothing moves. Only the moved node's crossings change, so this never adds any. The crossings
/// of every pair of nodes, either way round, are counted once into a table first, since the
/// neighbouring layers stand still meanwhile. Returns the crossings removed.
fn sift_layer(
    g: &Proper,
    order: &mut Order,
    l: usize,
    passes: usize,
    scratch: &mut Scratch,
) -> usize {
    let len = order.layers[l].len();
    if !(2..=SIFT_MAX_WIDTH).contains(&len) {
        return 0;
    }
    collect_ends(g, order, l, scratch);
    let mut table = std::mem::take(&mut scratch.table);
    table.clear();
    table.resize(len * len, 0);
    {
        let above = |k: usize| &scratch.above[scratch.above_start[k]..scratch.above_start[k + 1]];
        let below = |k: usize| &scratch.below[scratch.below_start[k]..scratch.below_start[k + 1]];
        for a in 0..len {
            for b in a + 1..len {
                let (up_ab, up_ba) = pair_crossings_both(above(a), above(b));
                let (down_ab, down_ba) = pair_crossings_both(below(a), below(b));
                table[a * len + b] = up_ab + down_ab;
                table[b * len + a] = up_ba + down_ba;
            }
        }
    }
    // Most links first: they have the most crossings to lose, and the rest then fit round them.
    let mut sequence = std::mem::take(&mut scratch.sequence);
    sequence.clear();
    sequence.extend(0..len);
    let degree = |k: usize| {
        scratch.above_start[k + 1] - scratch.above_start[k] + scratch.below_start[k + 1]
            - scratch.below_start[k]
    };
    sequence.sort_by_key(|&k| (std::cmp::Reverse(degree(k)), k));
    let mut local = std::mem::take(&mut scratch.local);
    local.clear();
    local.extend(0..len);
    let mut removed = 0;
    for _ in 0..passes {
        let mut moved = false;
        for &k in &sequence {
            let Some(at) = local.iter().position(|&x| x == k) else {
                continue;
            };
            local.remove(at);
            let row = &table[k * len..(k + 1) * len];
            // Cost of k at the start, then moving k past the next node trades k-left-of-it
            // for k-right-of-it.
            let mut cost: usize = local.iter().map(|&w| row[w]).sum();
            let mut best = (cost, 0);
            let mut cost_at = cost;
            for (j, &w) in local.iter().enumerate() {
                cost = cost - row[w] + table[w * len + k];
                if j + 1 == at {
                    cost_at = cost;
                }
                if cost < best.0 {
                    best = (cost, j + 1);
                }
            }
            let to = if cost_at <= best.0 { at } else { best.1 };
            if to != at {
                moved = true;
                removed += cost_at - best.0;
            }
            local.insert(to, k);
        }
        if !moved {
            break;
        }
    }
    if removed > 0 {
        apply_local(order, l, &local);
    }
    scratch.local = local;
    scratch.sequence = sequence;
    scratch.table = table;
    removed
}

/// Crossings between the links of two nodes of one layer, given the sorted positions of their
/// other ends, first with `a` left of `b`, then with `b` left of `a`. Links that share an end
/// do not cross, which is why the two need not add up to every pair.
fn pair_crossings_both(a: &[usize], b: &[usize]) -> (usize, usize) {
    let mut a_left = 0;
    let mut shared = 0;
    let (mut smaller, mut not_larger) = (0, 0);
    for &p in a {
        while smaller < b.len() && b[smaller] < p {
            smaller += 1;
        }
        not_larger = not_larger.max(smaller);
        while not_larger < b.len() && b[not_larger] <= p {
            not_larger += 1;
        }
        a_left += smaller;
        shared += not_larger - smaller;
    }
    (a_left, a.len() * b.len() - a_left - shared)
}

/// Crossings between the links of a node and those of the node right of it, given the sorted
/// positions of their other ends: pairs where the left node's end lies right of the other's.
fn pair_crossings(left: &[usize], right: &[usize]) -> usize {
    let mut count = 0;
    let mut smaller = 0;
    for &p in left {
        while smaller < right.len() && right[smaller] < p {
            smaller += 1;
        }
        count += smaller;
    }
    count
}

/// Sweeps of the refinement that centres input nodes among their neighbours; it settles within
/// a few, and each is linear.
const REFINE_SWEEPS: usize = 8;

/// Places every node across the layers and returns its centre, with the drawing starting at 0.
///
/// Long edges come first, by Brandes–Köpf: each run of dummies is aligned into one straight
/// block, packed four ways (blocks pulled up or down the layers, packed left or right), and the
/// four are balanced. Only dummies are aligned: aligning input nodes as well makes every long
/// path of the graph one rigid block, and in deep graphs such blocks stack into a staircase
/// several times wider than the widest layer. Input nodes are then centred among their
/// neighbours between the fixed long edges.
fn place(g: &Proper, order: &Order, node_gap: f32) -> Vec<f32> {
    let separation = |u: usize, w: usize| {
        // An edge passing a node keeps half the gap two nodes keep.
        let gap = if g.is_dummy(u) || g.is_dummy(w) {
            node_gap / 2.0
        } else {
            node_gap
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
    refine(g, order, &mut centre, &separation);
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
) {
    let mut near: Vec<f32> = Vec::new();
    let mut wanted: Vec<f32> = Vec::new();
    let mut offsets: Vec<f32> = Vec::new();
    // Pooled blocks as (mean wanted position less offset, number of nodes).
    let mut pools: Vec<(f32, usize)> = Vec::new();
    for sweep in 0..REFINE_SWEEPS {
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
                while end < layer.len() && !g.is_dummy(layer[end]) {
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
