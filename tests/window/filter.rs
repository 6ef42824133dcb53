//! Filters by phase, status and tag from View > Filter: what they leave out is dimmed, a bar
//! counts what they let through, and Clear filters ends them.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use roadmap::app::RoadmapApp;
use roadmap::model;

use crate::common;

fn harness() -> Harness<'static, RoadmapApp> {
    common::bundled_window(egui::vec2(1280.0, 900.0))
}

fn tick(harness: &mut Harness<'_, RoadmapApp>, label: &str) {
    harness.get_by_label("View").click();
    harness.run();
    // The submenu's label carries an arrow; the bar below says "Filtered: …".
    harness
        .get(By::new().role(Role::Button).label_contains("Filter"))
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, label)
        .scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::CheckBox, label).click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
}

fn shown_ids(harness: &Harness<'_, RoadmapApp>) -> Vec<String> {
    let shown = harness.state().filtered().unwrap();
    let topics = &harness.state().roadmap().roadmap.topics;
    topics
        .iter()
        .zip(shown)
        .filter(|(_, s)| *s)
        .map(|(t, _)| t.id.clone())
        .collect()
}

/// The ids of the bundled roadmap's topics in a phase, in file order.
fn topics_of_phase(phase: &str) -> Vec<String> {
    let loaded = model::bundled().unwrap();
    loaded
        .roadmap
        .topics
        .iter()
        .filter(|t| t.phase == phase)
        .map(|t| t.id.clone())
        .collect()
}

#[test]
fn a_phase_filter_keeps_that_phase_and_the_bar_counts_it() {
    let mut harness = harness();
    assert!(harness.state().filtered().is_none());
    tick(&mut harness, "Phase 2: Own and evolve AI");
    let expected = topics_of_phase("sagemaker");
    assert_eq!(shown_ids(&harness), expected);
    let all = harness.state().roadmap().roadmap.topics.len();
    harness.get_by_label(&format!("Filtered: {} of {all} topics", expected.len()));

    // A tag narrows it further: phase 2 and tagged mlops.
    tick(&mut harness, "mlops");
    let ids = shown_ids(&harness);
    assert!(ids.contains(&"training-pipelines".to_owned()));
    assert!(!ids.contains(&"fine-tuning".to_owned()), "not tagged mlops");
    harness.get_by_label("phase 2; tag mlops");

    harness.get_by_label("Clear filters").click();
    harness.run();
    assert!(harness.state().filtered().is_none());
    assert!(harness.query_by_label_contains("Filtered:").is_none());
}

#[test]
fn a_status_filter_follows_progress() {
    let mut harness = harness();
    tick(&mut harness, "Done");
    assert!(shown_ids(&harness).is_empty(), "nothing is done yet");
    let all = harness.state().roadmap().roadmap.topics.len();
    harness.get_by_label(&format!("Filtered: 0 of {all} topics"));
    // Mark a topic done from the keyboard: the filter lets it through.
    harness.key_press(egui::Key::F);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "What a foundation model is")
        .click();
    harness.run();
    harness.key_press(egui::Key::D);
    harness.run();
    assert_eq!(shown_ids(&harness), vec!["foundation-models".to_owned()]);
}

#[test]
fn a_phase_filter_keeps_its_phase_when_a_reload_adds_one_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, path) = common::watched_window(dir.path(), egui::vec2(1280.0, 900.0));
    let bundled = common::BUNDLED;
    tick(&mut harness, "Phase 2: Own and evolve AI");
    let sagemaker = topics_of_phase("sagemaker");
    assert_eq!(shown_ids(&harness), sagemaker);

    // A new first phase takes the first topic: SageMaker is now phase 3, and the filter still
    // means SageMaker.
    let intro = "\"phases\": [\n    { \"id\": \"intro\", \"title\": \"Warm-up\", \"goal\": \"Start.\", \"order\": 0 },";
    let edited = bundled.replacen("\"phases\": [", intro, 1).replacen(
        "\"phase\": \"bedrock\"",
        "\"phase\": \"intro\"",
        1,
    );
    std::fs::write(&path, edited).unwrap();
    assert!(
        common::wait_for(&mut harness, |app| app.roadmap().roadmap.phases.len() == 3),
        "the edited file was not reloaded"
    );
    assert_eq!(shown_ids(&harness), sagemaker);
    harness.get_by_label("phase 3");
}
