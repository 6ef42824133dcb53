//! The proper layered graph: every edge that spans several layers gets a dummy node in each
//! layer it crosses, so that the later phases only ever see links between adjacent layers.

use super::layering::Adjacency;

/// How an input edge is drawn.
#[derive(Clone, Copy)]
pub(super) enum Route {
    /// It names a node that does not exist, or joins a node to itself.
    Skip,
    /// It does not point forward (the input had a cycle): a straight line, nothing to route.
    Straight,
    /// Through the dummies `first..first + count`, one per layer crossed.
    Chain { first: usize, count: usize },
}

/// The proper layered graph: the input nodes, then one dummy per layer an edge crosses, with
/// links only between adjacent layers.
pub(super) struct Proper {
    /// Nodes below this index are input nodes; the rest are dummies.
    pub(super) real: usize,
    pub(super) layer_count: usize,
    /// Layer of each node.
    pub(super) layer: Vec<usize>,
    /// Size across the layers of each node; 0 for a dummy.
    pub(super) thickness: Vec<f32>,
    /// Each link as (node in the upper layer, node in the layer below it).
    pub(super) links: Vec<(usize, usize)>,
    /// Links to the layer above each node.
    pub(super) up: Adjacency,
    /// Links to the layer below each node.
    pub(super) down: Adjacency,
    /// For each input edge, how to draw it.
    pub(super) routes: Vec<Route>,
}

impl Proper {
    pub(super) fn new(
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

    pub(super) fn is_dummy(&self, v: usize) -> bool {
        v >= self.real
    }
}
