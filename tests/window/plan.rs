//! The Plan section of the progress panel: hours a week and a start, saved with the progress,
//! and the same dates `roadmap plan` prints.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use roadmap::app::RoadmapApp;
use roadmap::model;

use crate::common;

#[test]
fn the_plan_is_saved_with_the_progress_and_agrees_with_roadmap_plan() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.json");
    let loaded = model::bundled().unwrap();
    let progress = Some(file.clone());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 1000.0))
        .with_max_steps(40)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None).with_progress_file(progress));
    harness.run();
    harness.get_by_label("Plan");

    // The start: typed as a date.
    harness
        .get_all_by_role(Role::TextInput)
        .find(|n| {
            n.accesskit_node()
                .placeholder()
                .is_some_and(|p| p.starts_with("today"))
        })
        .unwrap()
        .click();
    harness.run();
    harness.event(egui::Event::Text("2026-12-07".to_owned()));
    harness.run();
    // The hours: the drag value, typed into.
    harness.get_by_value("5 h a week").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("10".to_owned()));
    harness.key_press(Key::Enter);
    harness.run();

    let plan = harness.state().tracker().progress().plan.clone().unwrap();
    assert_eq!(plan.start.as_deref(), Some("2026-12-07"));
    assert!((plan.hours_per_week - 10.0).abs() < 1e-9, "{plan:?}");
    let shown = common::shown_text(&harness);

    // Saved within a second, then `roadmap plan` reads it and says the same day.
    assert!(
        common::wait_for(&mut harness, |_| std::fs::read_to_string(&file)
            .is_ok_and(|t| t.contains("2026-12-07"))),
        "the plan was not saved"
    );
    let output = common::roadmap_command()
        .arg("--progress")
        .arg(&file)
        .arg("plan")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("The whole roadmap: done by "))
        .unwrap();
    let day =
        jiff::civil::Date::strptime("%a %Y-%m-%d", &line["The whole roadmap: done by ".len()..])
            .unwrap();
    let expected = format!("All: by {}", day.strftime("%a %-d %b %Y"));
    assert!(
        shown.contains(&expected),
        "{expected} not in the window; the plan:\n{text}"
    );
    assert!(
        text.starts_with("Study plan for Amazon Bedrock first, then Amazon SageMaker: 10 h a week")
    );
}
