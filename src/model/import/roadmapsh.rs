//! A roadmap.sh roadmap: React Flow JSON, `nodes` with a `type`, the words in `data.label`, a
//! `position` and a size, and `edges` from `source` to `target`. Topics come from `topic` and
//! `subtopic` nodes. The main path joins topics by edges, else runs top to bottom; a subtopic
//! hangs from the topic an edge joins it to, else from the nearest topic. Sections become
//! phases in reading order; every other node is left out and counted.

use std::collections::{BTreeMap, HashMap};

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Deserialize;

use super::{Area, Draft, DraftTopic, Spanned, clip_title, count, elements, left_out, phase_for};

#[derive(Deserialize, Default)]
struct Xy {
    #[serde(default)]
    x: Option<f64>,
    #[serde(default)]
    y: Option<f64>,
}

#[derive(Deserialize, Default)]
struct Wh {
    #[serde(default)]
    width: Option<f64>,
    #[serde(default)]
    height: Option<f64>,
}

#[derive(Deserialize, Default)]
struct Data {
    #[serde(default)]
    label: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Node {
    id: String,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    position: Xy,
    #[serde(default)]
    width: Option<f64>,
    #[serde(default)]
    height: Option<f64>,
    #[serde(default)]
    style: Option<Wh>,
    #[serde(default)]
    measured: Option<Wh>,
    #[serde(default)]
    data: Data,
}

impl Node {
    fn area(&self) -> Area {
        let pick = |own: Option<f64>, of: fn(&Wh) -> Option<f64>| {
            own.or_else(|| self.style.as_ref().and_then(of))
                .or_else(|| self.measured.as_ref().and_then(of))
                .filter(|v| v.is_finite())
                .unwrap_or(0.0)
        };
        Area {
            x: self.position.x.filter(|v| v.is_finite()).unwrap_or(0.0),
            y: self.position.y.filter(|v| v.is_finite()).unwrap_or(0.0),
            w: pick(self.width, |s| s.width),
            h: pick(self.height, |s| s.height),
        }
    }

    fn label(&self) -> String {
        match &self.data.label {
            Some(serde_json::Value::String(s)) => clip_title(s),
            _ => String::new(),
        }
    }
}

#[derive(Deserialize)]
struct Edge {
    source: String,
    target: String,
}

/// What a node became: a topic of the main path, a subtopic, or nothing (left out).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Main(usize),
    Sub(usize),
}

/// Reads a roadmap.sh roadmap into a draft.
pub(super) fn read(text: &str) -> Result<Draft, Vec<(usize, String)>> {
    let mut problems = Vec::new();
    let nodes: Vec<Spanned<Node>> = elements(text, "nodes", "node", &mut problems);
    let edges: Vec<Spanned<Edge>> = elements(text, "edges", "edge", &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut draft = Draft::default();
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    let mut in_order: Vec<&Spanned<Node>> = nodes.iter().collect();
    in_order.sort_by(|a, b| a.value.area().reading(&b.value.area()));
    draft.title = in_order
        .iter()
        .find(|n| n.value.kind == "title")
        .map(|n| n.value.label())
        .filter(|t| !t.is_empty());
    let sections: Vec<&Spanned<Node>> = in_order
        .iter()
        .copied()
        .filter(|n| n.value.kind == "section")
        .collect();
    let areas: Vec<Area> = sections.iter().map(|n| n.value.area()).collect();
    draft.phases = sections
        .iter()
        .enumerate()
        .map(|(k, n)| {
            let label = n.value.label();
            let title = if label.is_empty() {
                format!("Phase {}", k + 1)
            } else {
                label
            };
            (title, n.at)
        })
        .collect();
    // Topics in reading order, so that the map reads as the page did.
    let mut role: HashMap<&str, Role> = HashMap::new();
    let mut places: Vec<Area> = Vec::new();
    let mut subs: Vec<usize> = Vec::new();
    for node in &in_order {
        let n = &node.value;
        let kind = n.kind.as_str();
        if kind == "topic" || kind == "subtopic" {
            let title = n.label();
            if title.is_empty() {
                *dropped
                    .entry(format!("`{kind}` node{{s}} without words"))
                    .or_default() += 1;
                continue;
            }
            draft.topics.push(DraftTopic {
                at: node.at,
                title,
                phase: phase_for(&n.area(), &areas),
                ..DraftTopic::default()
            });
            let i = draft.topics.len() - 1;
            places.push(n.area());
            if kind == "topic" {
                role.insert(n.id.as_str(), Role::Main(i));
            } else {
                role.insert(n.id.as_str(), Role::Sub(i));
                subs.push(i);
            }
        } else if kind != "section" && kind != "title" {
            let name = if kind.is_empty() { "untyped" } else { kind };
            *dropped.entry(format!("`{name}` node{{s}}")).or_default() += 1;
        }
    }
    let mut main_edges: Vec<(usize, usize, usize)> = Vec::new();
    let mut parents: Vec<Vec<(usize, usize)>> = vec![Vec::new(); draft.topics.len()];
    for edge in &edges {
        let e = &edge.value;
        match (role.get(e.source.as_str()), role.get(e.target.as_str())) {
            (Some(Role::Main(a)), Some(Role::Main(b))) if a != b => {
                main_edges.push((*a, *b, edge.at));
            }
            (Some(Role::Main(t)), Some(Role::Sub(s)))
            | (Some(Role::Sub(s)), Some(Role::Main(t))) => {
                parents[*s].push((*t, edge.at));
            }
            (Some(Role::Sub(_)), Some(Role::Sub(_))) => {
                *dropped
                    .entry("edge{s} between two subtopics".into())
                    .or_default() += 1;
            }
            _ => {
                *dropped
                    .entry("edge{s} to left-out nodes".into())
                    .or_default() += 1;
            }
        }
    }
    let mut is_sub = vec![false; draft.topics.len()];
    for &s in &subs {
        is_sub[s] = true;
    }
    let main: Vec<usize> = (0..draft.topics.len()).filter(|&i| !is_sub[i]).collect();
    let turned = main_path(&mut draft, &mut main_edges);
    if turned > 0 {
        draft.notes.push(format!(
            "{} of a cycle on the main path read top to bottom instead.",
            count(turned, "edge", "edges")
        ));
    }
    let by_place = join_unlinked(&mut draft, &main, &main_edges);
    if by_place > 0 {
        draft.notes.push(format!(
            "{} of the main path without an edge joined to the topic above.",
            count(by_place, "part", "parts")
        ));
    }
    let hung = hang_subtopics(&mut draft, &subs, &main, &parents, &places);
    if hung > 0 {
        draft.notes.push(format!(
            "{} without an edge hung from the nearest topic.",
            count(hung, "subtopic", "subtopics")
        ));
    }
    draft.notes.extend(left_out(&dropped));
    Ok(draft)
}

/// The main path's edges as prerequisites. Edges inside a cycle run top to bottom instead (the
/// page's reading order), which breaks the cycle; returns how many were turned.
fn main_path(draft: &mut Draft, edges: &mut [(usize, usize, usize)]) -> usize {
    let n = draft.topics.len();
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, edges.len());
    for _ in 0..n {
        g.add_node(());
    }
    for &(a, b, _) in edges.iter() {
        g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    let mut component = vec![0usize; n];
    for (k, scc) in petgraph::algo::kosaraju_scc(&g).iter().enumerate() {
        for v in scc {
            component[v.index()] = k;
        }
    }
    let mut turned = 0;
    for edge in edges.iter_mut() {
        // Topics are numbered in reading order.
        if component[edge.0] == component[edge.1] && edge.0 > edge.1 {
            *edge = (edge.1, edge.0, edge.2);
            turned += 1;
        }
    }
    for &(a, b, at) in edges.iter() {
        let after = &mut draft.topics[b].after;
        if !after.iter().any(|(p, _)| *p == a) {
            after.push((a, at));
        }
    }
    turned
}

/// Parts of the main path no edge joins to the rest (a topic alone, or a chain of its own):
/// the first topic of each such part, in reading order, follows the topic drawn before it in
/// another part. Returns how many parts were joined.
fn join_unlinked(draft: &mut Draft, main: &[usize], edges: &[(usize, usize, usize)]) -> usize {
    let n = draft.topics.len();
    let mut part = petgraph::unionfind::UnionFind::<usize>::new(n);
    for &(a, b, _) in edges {
        part.union(a, b);
    }
    let mut joined = 0;
    let mut seen = vec![false; n];
    for (k, &t) in main.iter().enumerate() {
        let p = part.find(t);
        if std::mem::replace(&mut seen[p], true) {
            continue;
        }
        // The first topic of its part: every topic drawn before it is in another part.
        if let Some(&b) = k.checked_sub(1).and_then(|k| main.get(k)) {
            let at = draft.topics[t].at;
            draft.topics[t].after.push((b, at));
            joined += 1;
        }
    }
    joined
}

/// Each subtopic after its topic: the one an edge joins it to (the nearest, when several),
/// else the nearest topic on the page. Returns how many hang by position only.
fn hang_subtopics(
    draft: &mut Draft,
    subs: &[usize],
    main: &[usize],
    parents: &[Vec<(usize, usize)>],
    places: &[Area],
) -> usize {
    let distance = |a: usize, b: usize| {
        let (ax, ay) = places[a].center();
        let (bx, by) = places[b].center();
        (ax - bx).hypot(ay - by)
    };
    let mut by_place = 0;
    for &s in subs {
        let joined = parents[s]
            .iter()
            .min_by(|x, y| distance(s, x.0).total_cmp(&distance(s, y.0)))
            .copied();
        let parent = joined.or_else(|| {
            main.iter()
                .min_by(|&&x, &&y| distance(s, x).total_cmp(&distance(s, y)))
                .map(|&t| {
                    by_place += 1;
                    (t, draft.topics[s].at)
                })
        });
        if let Some(link) = parent {
            draft.topics[s].after.push(link);
        }
    }
    by_place
}
