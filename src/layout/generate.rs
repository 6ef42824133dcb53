//! Deterministic random DAGs shaped like roadmaps, for tests and benchmarks.

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

impl Dag {
    /// The DAG without `node` and its edges, and for each node of this one its index in that
    /// DAG (`None` for `node`): what a drawing looked like before `node` was added.
    #[must_use]
    pub fn without(&self, node: usize) -> (Dag, Vec<Option<usize>>) {
        let was: Vec<Option<usize>> = (0..self.sizes.len())
            .map(|v| match v.cmp(&node) {
                std::cmp::Ordering::Less => Some(v),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(v - 1),
            })
            .collect();
        let keep = |v: usize| v != node;
        let dag = Dag {
            sizes: (0..self.sizes.len())
                .filter(|&v| keep(v))
                .map(|v| self.sizes[v])
                .collect(),
            phases: (0..self.phases.len())
                .filter(|&v| keep(v))
                .map(|v| self.phases[v])
                .collect(),
            edges: self
                .edges
                .iter()
                .filter_map(|&(a, b)| Some((was.get(a).copied()??, was.get(b).copied()??)))
                .collect(),
        };
        (dag, was)
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
