//! The outline view as a user sees it, driven through `egui_kittest`.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::{RoadmapApp, View};
use roadmap::model;

fn harness() -> Harness<'static, RoadmapApp> {
    let loaded = model::bundled().unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|_cc| RoadmapApp::new(loaded, None));
    harness.run();
    harness.get_by_label("Outline").click();
    harness.run();
    assert_eq!(harness.state().view(), View::Outline);
    // The progress panel repeats the phase titles; hide it to read the outline alone.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Progress panel").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness
}

#[test]
fn the_window_shows_the_roadmap_title_and_its_size() {
    let harness = harness();
    let loaded = model::bundled().unwrap();
    harness.get_by_label("Amazon Bedrock first, then Amazon SageMaker");
    harness.get_by_label_contains(&format!(
        "{} topics · 2 phases",
        loaded.roadmap.topics.len()
    ));
    assert_eq!(
        harness.state().window_title(),
        "Amazon Bedrock first, then Amazon SageMaker · Roadmap"
    );
}

#[test]
fn the_outline_lists_phases_in_order_and_topics_in_topological_order() {
    let harness = harness();
    let loaded = model::bundled().unwrap();
    harness.get_by_label("Phase 1: Deliver GenAI value");
    harness.get_by_label("Phase 2: Own and evolve AI");
    // Every topic is listed once, numbered in topological order, with its summary.
    for (n, &i) in loaded.graph.topological_order().iter().enumerate() {
        let topic = &loaded.roadmap.topics[i];
        harness.get_by_label(&format!("{}. {}", n + 1, topic.title));
        harness.get_by_label(&topic.summary);
    }
    let first = harness.get_by_label("1. What a foundation model is");
    let phase_two = harness.get_by_label("Phase 2: Own and evolve AI");
    let last_label = format!("{}. Enterprise AI maturity", loaded.roadmap.topics.len());
    let last = harness.get_by_label(&last_label);
    let y = |node: &egui_kittest::Node<'_>| node.rect().min.y;
    assert!(y(&first) < y(&phase_two) && y(&phase_two) < y(&last));
}

#[test]
fn opening_a_topic_shows_its_rationale_prerequisites_and_sources() {
    let mut harness = harness();
    let loaded = model::bundled().unwrap();
    let topic = &loaded.roadmap.topics[loaded.graph.index_of("knowledge-bases").unwrap()];
    assert!(
        harness.query_by_label(&topic.rationale).is_none(),
        "details start closed"
    );

    let position = loaded
        .graph
        .topological_order()
        .iter()
        .position(|&i| loaded.roadmap.topics[i].id == "knowledge-bases")
        .unwrap();
    let header = "Why here, and sources";
    harness
        .get_all_by_label(header)
        .nth(position)
        .unwrap()
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label(header)
        .nth(position)
        .unwrap()
        .click();
    harness.run();

    harness.get_by_label(&topic.rationale);
    harness.get_by_label("After: Retrieval-augmented generation (RAG)");
    harness.get_by_label_contains("Unlocks: ");
    for source in &topic.sources {
        harness.get_by_label(&source.title);
    }
}
