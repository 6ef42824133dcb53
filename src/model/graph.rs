//! Graph queries over a validated roadmap: topological order, prerequisites, what a topic unlocks.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use super::types::Roadmap;

/// A topic's place in one loaded roadmap's `topics`: what commands, progress edits and events
/// carry, so a topic is never taken for another count or position. What is saved names topics by
/// id instead, since an index means nothing in another version of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicIndex(usize);

impl TopicIndex {
    /// The topic at `index` in the roadmap's list.
    #[must_use]
    pub const fn new(index: usize) -> Self {
        Self(index)
    }

    /// Its position in the roadmap's list.
    #[must_use]
    pub const fn get(self) -> usize {
        self.0
    }
}

/// The prerequisite graph of a roadmap. Nodes are topic indices into `Roadmap::topics`;
/// an edge runs from a prerequisite to the topic that needs it.
#[derive(Debug, Clone)]
pub struct RoadmapGraph {
    graph: DiGraph<usize, ()>,
    order: Vec<usize>,
    rank: Vec<usize>,
    index_of: HashMap<String, usize>,
}

impl RoadmapGraph {
    /// Builds the graph. Unknown prerequisite ids are skipped, and topics caught in a cycle are
    /// placed after the others in file order, so this never fails; validation reports both.
    #[must_use]
    pub fn new(roadmap: &Roadmap) -> Self {
        let n = roadmap.topics.len();
        let mut index_of = HashMap::with_capacity(n);
        for (i, topic) in roadmap.topics.iter().enumerate() {
            index_of.entry(topic.id.clone()).or_insert(i);
        }
        let mut graph = DiGraph::with_capacity(n, roadmap.link_count());
        for i in 0..n {
            graph.add_node(i);
        }
        for (i, topic) in roadmap.topics.iter().enumerate() {
            for prereq in &topic.prerequisites {
                if let Some(&p) = index_of.get(prereq.as_str())
                    && p != i
                    && graph
                        .find_edge(NodeIndex::new(p), NodeIndex::new(i))
                        .is_none()
                {
                    graph.add_edge(NodeIndex::new(p), NodeIndex::new(i), ());
                }
            }
        }

        // Kahn's algorithm, always taking the ready topic of the earliest phase, then the first
        // in the file: the order is stable and reads phase by phase.
        let phase_rank: HashMap<&str, u32> = roadmap
            .phases
            .iter()
            .map(|p| (p.id.as_str(), p.order))
            .collect();
        let key = |i: usize| {
            let phase = phase_rank
                .get(roadmap.topics[i].phase.as_str())
                .copied()
                .unwrap_or(u32::MAX);
            Reverse((phase, i))
        };
        let mut missing: Vec<usize> = (0..n)
            .map(|i| {
                graph
                    .neighbors_directed(NodeIndex::new(i), Direction::Incoming)
                    .count()
            })
            .collect();
        let mut heap: BinaryHeap<_> = (0..n).filter(|&i| missing[i] == 0).map(key).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(Reverse((_, i))) = heap.pop() {
            order.push(i);
            for next in graph.neighbors_directed(NodeIndex::new(i), Direction::Outgoing) {
                let j = next.index();
                missing[j] -= 1;
                if missing[j] == 0 {
                    heap.push(key(j));
                }
            }
        }
        if order.len() < n {
            order.extend((0..n).filter(|&i| missing[i] > 0));
        }
        let mut rank = vec![0; n];
        for (position, &i) in order.iter().enumerate() {
            rank[i] = position;
        }
        Self {
            graph,
            order,
            rank,
            index_of,
        }
    }

    /// Number of topics.
    #[must_use]
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether the roadmap has no topics.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Topic indices in topological order: every prerequisite before the topics that need it,
    /// earlier phases first, ties broken by position in the file.
    #[must_use]
    pub fn topological_order(&self) -> &[usize] {
        &self.order
    }

    /// Position of a topic in the topological order.
    #[must_use]
    pub fn rank(&self, topic: usize) -> usize {
        self.rank[topic]
    }

    /// Index of the topic with this id.
    #[must_use]
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index_of.get(id).copied()
    }

    /// Direct prerequisites of a topic, in topological order.
    #[must_use]
    pub fn prerequisites(&self, topic: usize) -> Vec<usize> {
        self.neighbours(topic, Direction::Incoming)
    }

    /// Every prerequisite link as (prerequisite, topic), topic by topic in file order and each
    /// topic's prerequisites in topological order: the order the map draws its arrows in.
    #[must_use]
    pub fn links(&self) -> Vec<(usize, usize)> {
        (0..self.len())
            .flat_map(|i| self.prerequisites(i).into_iter().map(move |p| (p, i)))
            .collect()
    }

    /// Topics that list this one as a direct prerequisite, in topological order.
    #[must_use]
    pub fn unlocks(&self, topic: usize) -> Vec<usize> {
        self.neighbours(topic, Direction::Outgoing)
    }

    /// Every topic this one depends on, directly or not, in topological order.
    #[must_use]
    pub fn ancestors(&self, topic: usize) -> Vec<usize> {
        self.reachable(topic, Direction::Incoming)
    }

    /// Every topic that depends on this one, directly or not, in topological order.
    #[must_use]
    pub fn descendants(&self, topic: usize) -> Vec<usize> {
        self.reachable(topic, Direction::Outgoing)
    }

    /// Topics with no prerequisites, in topological order.
    #[must_use]
    pub fn roots(&self) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&i| {
                self.graph
                    .neighbors_directed(NodeIndex::new(i), Direction::Incoming)
                    .next()
                    .is_none()
            })
            .collect()
    }

    /// The underlying petgraph graph; node weights are topic indices.
    #[must_use]
    pub fn petgraph(&self) -> &DiGraph<usize, ()> {
        &self.graph
    }

    fn neighbours(&self, topic: usize, dir: Direction) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .graph
            .neighbors_directed(NodeIndex::new(topic), dir)
            .map(NodeIndex::index)
            .collect();
        out.sort_by_key(|&i| self.rank[i]);
        out
    }

    // Iterative on purpose: a 100,000-topic chain must not overflow the stack.
    fn reachable(&self, topic: usize, dir: Direction) -> Vec<usize> {
        let mut seen = vec![false; self.len()];
        let mut stack = vec![topic];
        let mut out = Vec::new();
        while let Some(i) = stack.pop() {
            for next in self.graph.neighbors_directed(NodeIndex::new(i), dir) {
                let j = next.index();
                if !seen[j] {
                    seen[j] = true;
                    out.push(j);
                    stack.push(j);
                }
            }
        }
        out.sort_by_key(|&i| self.rank[i]);
        out
    }
}
