//! Graph queries on a small known roadmap.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::path::Path;

use roadmap::model;

fn ids(loaded: &model::LoadedRoadmap, list: &[usize]) -> Vec<String> {
    list.iter()
        .map(|&i| loaded.roadmap.topics[i].id.clone())
        .collect()
}

#[test]
fn prerequisites_unlocks_ancestors_roots_and_order() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json");
    let loaded = model::load_file(&path).unwrap();
    let g = &loaded.graph;
    let at = |id: &str| g.index_of(id).unwrap();
    assert_eq!(
        ids(&loaded, g.topological_order()),
        ["basics", "middle", "end"]
    );
    assert_eq!(
        ids(&loaded, &g.prerequisites(at("end"))),
        ["basics", "middle"]
    );
    assert_eq!(ids(&loaded, &g.unlocks(at("basics"))), ["middle", "end"]);
    assert_eq!(ids(&loaded, &g.ancestors(at("end"))), ["basics", "middle"]);
    assert_eq!(
        ids(&loaded, &g.descendants(at("basics"))),
        ["middle", "end"]
    );
    assert_eq!(ids(&loaded, &g.roots()), ["basics"]);
    assert!(g.ancestors(at("basics")).is_empty());
    assert_eq!(g.index_of("nowhere"), None);
}

#[test]
fn the_bundled_roadmap_reaches_everything_from_its_root() {
    let loaded = model::bundled().unwrap();
    let root = loaded.graph.roots()[0];
    assert_eq!(loaded.roadmap.topics[root].id, "foundation-models");
    assert_eq!(
        loaded.graph.descendants(root).len(),
        loaded.roadmap.topics.len() - 1
    );
    let last = *loaded.graph.topological_order().last().unwrap();
    assert_eq!(loaded.roadmap.topics[last].id, "enterprise-ai-maturity");
}
