//! Layered layout of a DAG: plain Rust, no egui, deterministic. Nodes go into layers by
//! prerequisite depth, phases are bands in order, and every edge points forward.

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

/// Spacing and direction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Which way the layers run.
    pub direction: Direction,
    /// Space between two layers.
    pub layer_gap: f32,
    /// Space between two nodes of one layer.
    pub node_gap: f32,
    /// Extra space between the last layer of a phase and the first of the next.
    pub band_gap: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            direction: Direction::LeftToRight,
            layer_gap: 90.0,
            node_gap: 24.0,
            band_gap: 60.0,
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
    pub edges: Vec<Vec<Point>>,
    /// For each phase rank, the band its layers occupy across the whole drawing.
    pub bands: Vec<Rect>,
    /// The rectangle holding every node and band.
    pub bounds: Rect,
}

/// Lays out a DAG. The same input gives the same output on every run and machine.
#[must_use]
pub fn layout(input: &Input<'_>, settings: &Settings) -> Layout {
    let n = input.sizes.len();
    let layers = assign_layers(input);
    let layer_count = layers.iter().copied().max().map_or(0, |l| l + 1);

    // Main axis: along the layers; cross axis: within a layer.
    let main = |s: Size| match settings.direction {
        Direction::LeftToRight => s.w,
        Direction::TopToBottom => s.h,
    };
    let cross = |s: Size| match settings.direction {
        Direction::LeftToRight => s.h,
        Direction::TopToBottom => s.w,
    };

    let mut members: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (v, &l) in layers.iter().enumerate() {
        members[l].push(v);
    }
    let mut depth = vec![0.0f32; layer_count];
    for (l, vs) in members.iter().enumerate() {
        depth[l] = vs.iter().map(|&v| main(input.sizes[v])).fold(0.0, f32::max);
    }
    let phase_of_layer: Vec<usize> = members
        .iter()
        .map(|vs| vs.first().map_or(0, |&v| input.phases[v]))
        .collect();
    let mut start = vec![0.0f32; layer_count];
    let mut at = 0.0;
    for l in 0..layer_count {
        if l > 0 {
            at += settings.layer_gap;
            if phase_of_layer[l] != phase_of_layer[l - 1] {
                at += settings.band_gap;
            }
        }
        start[l] = at;
        at += depth[l];
    }

    let mut nodes = vec![Rect::default(); n];
    for (l, vs) in members.iter().enumerate() {
        let mut c = 0.0;
        for &v in vs {
            let s = input.sizes[v];
            let m0 = start[l] + (depth[l] - main(s)) / 2.0;
            nodes[v] = match settings.direction {
                Direction::LeftToRight => rect(m0, c, s),
                Direction::TopToBottom => rect(c, m0, s),
            };
            c += cross(s) + settings.node_gap;
        }
    }

    let edges = input
        .edges
        .iter()
        .map(|&(a, b)| {
            let (ra, rb) = (nodes[a], nodes[b]);
            match settings.direction {
                Direction::LeftToRight => vec![
                    Point {
                        x: ra.max.x,
                        y: ra.center().y,
                    },
                    Point {
                        x: rb.min.x,
                        y: rb.center().y,
                    },
                ],
                Direction::TopToBottom => vec![
                    Point {
                        x: ra.center().x,
                        y: ra.max.y,
                    },
                    Point {
                        x: rb.center().x,
                        y: rb.min.y,
                    },
                ],
            }
        })
        .collect();

    let bounds = nodes
        .iter()
        .copied()
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default();
    let phase_count = input.phases.iter().copied().max().map_or(0, |p| p + 1);
    let mut bands = vec![Rect::default(); phase_count];
    for (p, band) in bands.iter_mut().enumerate() {
        let ls: Vec<usize> = (0..layer_count)
            .filter(|&l| phase_of_layer[l] == p)
            .collect();
        let (Some(&first), Some(&last)) = (ls.first(), ls.last()) else {
            continue;
        };
        let (m0, m1) = (start[first], start[last] + depth[last]);
        *band = match settings.direction {
            Direction::LeftToRight => Rect {
                min: Point {
                    x: m0,
                    y: bounds.min.y,
                },
                max: Point {
                    x: m1,
                    y: bounds.max.y,
                },
            },
            Direction::TopToBottom => Rect {
                min: Point {
                    x: bounds.min.x,
                    y: m0,
                },
                max: Point {
                    x: bounds.max.x,
                    y: m1,
                },
            },
        };
    }
    let bounds = bands.iter().fold(bounds, |acc, b| acc.union(b));
    Layout {
        nodes,
        layers,
        edges,
        bands,
        bounds,
    }
}

fn rect(x: f32, y: f32, s: Size) -> Rect {
    Rect {
        min: Point { x, y },
        max: Point {
            x: x + s.w,
            y: y + s.h,
        },
    }
}

/// Longest-path layering, with each phase starting after the last layer of the phase before.
fn assign_layers(input: &Input<'_>) -> Vec<usize> {
    let n = input.sizes.len();
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in input.edges {
        outgoing[a].push(b);
        incoming[b].push(a);
    }
    // Kahn's order, earliest phase first, so each phase is complete before the next starts.
    let mut missing: Vec<usize> = incoming.iter().map(Vec::len).collect();
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>> = (0..n)
        .filter(|&v| missing[v] == 0)
        .map(|v| std::cmp::Reverse((input.phases[v], v)))
        .collect();
    let mut layer = vec![0usize; n];
    let mut phase_start = 0;
    let mut phase_end = 0; // one past the last layer used so far
    let mut current_phase = None;
    while let Some(std::cmp::Reverse((p, v))) = ready.pop() {
        if current_phase != Some(p) {
            current_phase = Some(p);
            phase_start = phase_end;
        }
        let after = incoming[v].iter().map(|&u| layer[u] + 1).max().unwrap_or(0);
        layer[v] = after.max(phase_start);
        phase_end = phase_end.max(layer[v] + 1);
        for &w in &outgoing[v] {
            missing[w] -= 1;
            if missing[w] == 0 {
                ready.push(std::cmp::Reverse((input.phases[w], w)));
            }
        }
    }
    layer
}
