//! References between topics in the window: the detail panel, the outline and the presentation
//! caption show each `[[topic-id]]` as the topic's current title, and a click on it goes there.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use roadmap::app::RoadmapApp;
use roadmap::model;

use crate::common::{select, topic};

/// The minimal roadmap, whose middle topic refers to the first by id and to the last in words.
fn window() -> Harness<'static, RoadmapApp> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json"),
    )
    .unwrap()
    .replace(
        "Builds on the basics. Leads to the end.",
        "Builds on [[basics]]. Leads to [[end|the closing topic]].",
    );
    let loaded = model::load_str(&text, "references.json").unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None));
    harness.run();
    harness
}

#[test]
fn the_panel_shows_titles_for_references_and_a_click_selects_the_topic() {
    let mut harness = window();
    select(&mut harness, "middle");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().details_open());
    assert!(
        harness.query_by_label_contains("[[").is_none(),
        "a reference shows raw"
    );
    harness.get_by_label_contains("Builds on");
    // Links are labels that can be clicked, as egui reports them.
    harness
        .get_by_role_and_label(Role::Label, "the closing topic")
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(topic(&harness, "end")));

    select(&mut harness, "middle");
    // The rationale reads as one sentence, the reference shown by the topic's title.
    let texts: Vec<String> = harness
        .get_all_by_role(Role::Label)
        .map(|n| n.accesskit_node().value().unwrap_or_default().clone())
        .collect();
    let at = texts.iter().position(|t| t == "Builds on ").unwrap();
    assert_eq!(
        texts[at..at + 5],
        [
            "Builds on ",
            "Basics",
            ". Leads to ",
            "the closing topic",
            "."
        ]
    );
    let basics = harness.get_all_by_role(Role::Label).nth(at + 1).unwrap();
    basics.click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(topic(&harness, "basics")));
}

#[test]
fn the_presentation_caption_links_to_the_topics_it_names() {
    let mut harness = window();
    harness.key_press(Key::F5);
    harness.run();
    while harness.state().presentation().unwrap().topic() != Some(topic(&harness, "middle")) {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    harness.get_by_role_and_label(Role::Label, "Basics").click();
    harness.run();
    assert_eq!(
        harness.state().presentation().unwrap().topic(),
        Some(topic(&harness, "basics")),
        "the show went back to the topic named"
    );
}
