//! The outline view as a user sees it, driven through `egui_kittest`: alone, and beside the
//! map, where its checkboxes and the map's selection stay in step.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::{RoadmapApp, View};
use roadmap::model::{self, Status};

use crate::common;

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
        !common::shows(&harness, &topic.rationale),
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

    assert!(common::shows(&harness, &topic.rationale));
    harness.get_by_label("After: Retrieval-augmented generation (RAG)");
    harness.get_by_label_contains("Unlocks: ");
    for source in &topic.sources {
        harness.get_by_label(&source.title);
    }
}

/// The map with the outline beside it, and no progress panel.
fn beside_the_map() -> Harness<'static, RoadmapApp> {
    let loaded = model::bundled().unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(30)
        .build_eframe(|_cc| RoadmapApp::new(loaded, None));
    harness.run();
    for item in ["Progress panel", "Outline beside the map"] {
        harness.get_by_label("View").click();
        harness.run();
        harness.get_by_label(item).click();
        harness.run();
        harness.key_press(egui::Key::Escape);
        harness.run();
    }
    assert_eq!(harness.state().view(), View::Map);
    harness
}

/// The outline's label of a topic: its number in topological order and its title.
fn outline_label(id: &str) -> String {
    let loaded = model::bundled().unwrap();
    let i = loaded.graph.index_of(id).unwrap();
    let n = loaded
        .graph
        .topological_order()
        .iter()
        .position(|&t| t == i)
        .unwrap();
    format!("{}. {}", n + 1, loaded.roadmap.topics[i].title)
}

fn ticked(harness: &Harness<'_, RoadmapApp>, label: &str) -> bool {
    use egui_kittest::kittest::NodeT as _;
    let node = harness.get_by_role_and_label(Role::CheckBox, label);
    node.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

#[test]
fn the_outline_checkbox_ticks_the_same_topic_as_the_map() {
    let mut harness = beside_the_map();
    let label = outline_label("knowledge-bases");
    assert!(!ticked(&harness, &label));
    harness
        .get_by_role_and_label(Role::CheckBox, &label)
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, &label)
        .click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .tracker()
            .progress()
            .status("knowledge-bases"),
        Status::Done
    );
    assert!(ticked(&harness, &label));

    // And the other way: D on the map ticks the outline's box; T clears it.
    harness.key_press(egui::Key::F);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Bedrock Knowledge Bases")
        .click();
    harness.run();
    harness.key_press(egui::Key::T);
    harness.run();
    assert!(!ticked(&harness, &label));
    let guardrails = outline_label("guardrails");
    harness
        .get_by_role_and_label(Role::Button, "Amazon Bedrock Guardrails")
        .click();
    harness.run();
    harness.key_press(egui::Key::D);
    harness.run();
    assert!(ticked(&harness, &guardrails));
}

#[test]
fn the_outline_follows_the_map_selection_and_selects_on_the_map() {
    let mut harness = beside_the_map();
    // Selecting the last topic on the map scrolls the outline to it.
    harness.key_press(egui::Key::F);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Enterprise AI maturity")
        .click();
    harness.run();
    harness.run();
    let label = outline_label("enterprise-ai-maturity");
    let row = harness.get_by_role_and_label(Role::CheckBox, &label).rect();
    assert!(row.bottom() < 900.0 && row.top() > 0.0, "{row:?}");
    harness.get_by_label("Selected");

    // "Show" beside a topic (in the compact outline) selects it on the map.
    let first = outline_label("foundation-models");
    harness
        .get_by_role_and_label(Role::CheckBox, &first)
        .scroll_to_me();
    harness.run();
    let y = harness
        .get_by_role_and_label(Role::CheckBox, &first)
        .rect()
        .center()
        .y;
    let show = harness
        .get_all_by_label("Show")
        .min_by(|a, b| {
            (a.rect().center().y - y)
                .abs()
                .total_cmp(&(b.rect().center().y - y).abs())
        })
        .unwrap();
    // On the topic's own row, not on a line of its own below it.
    let checkbox = harness.get_by_role_and_label(Role::CheckBox, &first).rect();
    assert!(
        show.rect().top() < checkbox.bottom() && show.rect().bottom() > checkbox.top(),
        "{:?} beside {checkbox:?}",
        show.rect()
    );
    show.click();
    harness.run();
    let fm = harness
        .state()
        .roadmap()
        .graph
        .index_of("foundation-models");
    assert_eq!(harness.state().selected(), fm);
}
