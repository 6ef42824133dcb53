//! Layered (Sugiyama-style) layout of a DAG: plain Rust, no egui, deterministic.
//!
//! Nodes go into layers by prerequisite depth, a node that unlocks more than it needs then moves
//! later to shorten its edges, and network simplex then makes the edges shortest in total;
//! phases are bands in order, and every edge points forward. An
//! edge that spans several layers gets a dummy node in each layer it crosses, so it bends only
//! in the gaps between layers and never runs under a node. Median sweeps down and up the
//! layers, swapping neighbours after each layer, then two rounds of sifting and a last swap of
//! neighbours, reduce crossings; rounds of median sorts, each followed by neighbour swaps over
//! the whole drawing that also take swaps changing nothing (as `dot` does), then walk the
//! order along plateaus of equal counts to better ones, and sifting polishes the best. Small
//! drawings run that search from a few starts, with and without the swaps in the sweeps, and
//! keep the best. Edges are taken in a canonical order, so the order they come in changes
//! nothing. Brandes–Köpf then lays every long edge out straight, and the other nodes settle
//! between their neighbours.
//!
//! Nothing here recurses on the graph, iterates a hash map, or reads a clock, so deep graphs do
//! not overflow the stack and the same input gives the same output, bit for bit.

mod axes;
mod coordinates;
mod drawn;
pub mod generate;
mod layering;
mod ordering;
mod proper;
mod refine;
mod routes;
mod simplex;
mod stable;

use axes::{Axes, cross_at};
use coordinates::place;
pub use drawn::{drawn_crossings, flatten_cubic};
use layering::assign_layers;
use ordering::{accumulate, order_layers};
use proper::{Proper, Route};
use routes::Portal;
pub use stable::{Previous, kept_in_place};

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
    layout_with(input, settings, None)
}

/// Lays out a DAG again after an edit, from the drawing before it: every node that was drawn
/// keeps its layer unless an edge or its phase pushes it on, and the nodes that were drawn keep
/// their order in each layer; new nodes and long edges go where they cross least. Fewer
/// crossings are found than by [`layout`], which owes nothing to the drawing before, so an
/// app would use this while editing and [`layout`] when asked to tidy up.
#[must_use]
pub fn relayout(input: &Input<'_>, settings: &Settings, previous: &Previous<'_>) -> Layout {
    layout_with(input, settings, Some(previous))
}

#[expect(
    clippy::too_many_lines,
    reason = "the layout's phases in the order they run, each a call or a short loop"
)]
fn layout_with(input: &Input<'_>, settings: &Settings, previous: Option<&Previous<'_>>) -> Layout {
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
    // Edges in a canonical order, so that the drawing does not depend on the order they come in.
    let mut by_edge: Vec<usize> = (0..input.edges.len()).collect();
    by_edge.sort_by_key(|&i| input.edges[i]);
    let sorted: Vec<(usize, usize)> = by_edge.iter().map(|&i| input.edges[i]).collect();

    let old_layers: Option<Vec<Option<usize>>> = previous.map(|p| {
        (0..n)
            .map(|v| {
                let i = p.was.get(v).copied().flatten()?;
                p.layout.layers.get(i).copied()
            })
            .collect()
    });
    let layers = old_layers
        .and_then(|old| stable::keep_layers(&phases, &sorted, edge_ok, &old))
        .unwrap_or_else(|| assign_layers(&phases, &sorted, edge_ok));
    let graph = Proper::new(&layers, &sorted, edge_ok, |v| axes.cross(sizes[v]));
    let mut routes = vec![Route::Skip; input.edges.len()];
    for (&i, &route) in by_edge.iter().zip(&graph.routes) {
        routes[i] = route;
    }
    let order = match previous {
        Some(p) => stable::keep_order(&graph, &sorted, p, settings.direction),
        None => order_layers(&graph, settings.crossing_rounds),
    };
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

    let lane = routes::lanes(&graph, &order, &centre);
    let reach = layer_gap / 4.0;
    let mut portals = Vec::new();
    let mut pulled = Vec::new();
    let edges: Vec<Vec<Point>> = routes
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
                    // Lines a little before and after each layer, in the open space between
                    // layers, where the route crosses each lane it goes through.
                    let before = |l: usize| start[l] - reach;
                    let after = |l: usize| end(l) + reach;
                    let portal = |main: f32, v: usize| Portal {
                        main,
                        lo: lane[v].0,
                        hi: lane[v].1,
                    };
                    portals.clear();
                    portals.push(portal(after(layers[a]), a));
                    for d in first..first + count {
                        let l = graph.layer[d];
                        portals.push(portal(before(l), d));
                        portals.push(portal(after(l), d));
                    }
                    portals.push(portal(before(layers[b]), b));
                    pulled.clear();
                    routes::pull(
                        (exit(a), centre[a]),
                        &portals,
                        (entry(b), centre[b]),
                        &mut pulled,
                    );
                    points.extend(pulled.iter().map(|&(m, c)| axes.point(m, c)));
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

/// Reads a size or gap that makes no sense as zero, so nothing downstream turns non-finite.
fn sane(x: f32) -> f32 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}
