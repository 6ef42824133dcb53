//! File > Open of another tool's file: a roadmap.sh roadmap opens as a new roadmap for editing,
//! says what the import did, and is saved beside the file it came from, which stays as it was.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::RoadmapApp;
use roadmap::model;

use crate::common;

const PLATFORM: &str = include_str!("../corpus/import/platform.roadmapsh.json");

/// Types `text` over whatever the focused path field holds.
fn type_path(harness: &mut Harness<'_, RoadmapApp>, text: &str) {
    common::focused_field(harness).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    common::focused_field(harness).type_text(text);
    harness.run();
}

/// Runs frames until `done`, for up to 30 s: the file loads on a thread of its own.
fn until(harness: &mut Harness<'_, RoadmapApp>, what: &str, done: impl Fn(&RoadmapApp) -> bool) {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(30) {
        harness.run();
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("{what} did not happen");
}

#[test]
fn a_roadmap_sh_file_opens_as_a_new_roadmap_to_edit_and_saves_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("platform.roadmapsh.json");
    std::fs::write(&file, PLATFORM).unwrap();
    let folder = dir.path().join("roadmap").join("progress");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(40)
        .build_eframe(move |_cc| {
            RoadmapApp::new(model::bundled().unwrap(), None)
                .without_file_dialogs()
                .with_progress_folder(Some(folder))
        });
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open from a path…").click();
    harness.run();
    assert!(common::shows(
        &harness,
        "Path of a roadmap, an Obsidian canvas or a roadmap.sh file:"
    ));
    type_path(&mut harness, file.to_str().unwrap());
    harness.get_by_label("Open").click();
    until(&mut harness, "the import", |app| {
        app.roadmap().roadmap.title == "Platform engineering"
    });
    harness.run();
    let app = harness.state();
    assert_eq!(app.roadmap().roadmap.topics.len(), 116);
    assert!(app.editing(), "an import opens for editing");
    assert!(app.unsaved(), "an import has no file of its own yet");
    assert!(app.window_title().starts_with("• Platform engineering"));
    assert!(common::shows(&harness, "116 topics · 1 phase"));
    assert!(common::shows(
        &harness,
        "Imported from roadmap.sh: 116 topics, 115 links, 1 phase. Every topic is linked."
    ));
    harness.get_by_label("348 warnings");

    // Save asks where, beside the file it came from; the file itself is not touched.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let suggested = dir.path().join("platform-engineering.json");
    assert_eq!(
        common::focused_field(&harness).value().unwrap_or_default(),
        suggested.display().to_string()
    );
    harness.get_by_label("Save").click();
    until(&mut harness, "the save", |app| !app.unsaved());
    let saved = model::load_file(&suggested).unwrap();
    assert_eq!(&saved.roadmap, &harness.state().roadmap().roadmap);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), PLATFORM);
    assert!(Path::new(&suggested).exists());
}

#[test]
fn a_broken_canvas_shows_its_problem_and_the_roadmap_stays() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.canvas");
    std::fs::write(
        &file,
        "{\"nodes\": [\n  {\"id\": \"a\", \"type\": \"text\", \"text\": \"Alpha\"}\n],\n \"edges\": [{\"id\": \"1\", \"fromNode\": \"a\", \"toNode\": \"b\"}]}\n",
    )
    .unwrap();
    let mut harness = common::bundled_window(egui::vec2(1400.0, 900.0));
    let before = harness.state().roadmap().roadmap.clone();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open from a path…").click();
    harness.run();
    type_path(&mut harness, file.to_str().unwrap());
    harness.get_by_label("Open").click();
    until(&mut harness, "the report", |app| app.problems().is_some());
    harness.run();
    let problems = harness.state().problems().unwrap();
    assert_eq!(
        problems.lines().collect::<Vec<_>>(),
        [format!(
            "{}:4:12: edge `1` joins node `b`, which the canvas does not have",
            file.display()
        )]
    );
    assert_eq!(harness.state().roadmap().roadmap, before);
}

#[test]
fn a_canvas_named_on_the_command_line_is_imported_in_the_first_frames() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("study.canvas");
    std::fs::write(
        &file,
        r#"{"nodes": [
  {"id": "a", "type": "text", "x": 0, "y": 0, "width": 200, "height": 60, "text": "Alpha\nThe first."},
  {"id": "b", "type": "text", "x": 300, "y": 0, "width": 200, "height": 60, "text": "Beta"}
], "edges": [{"id": "1", "fromNode": "a", "toNode": "b"}]}"#,
    )
    .unwrap();
    let path = file.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .with_max_steps(40)
        .build_eframe(move |_cc| {
            RoadmapApp::new(model::bundled().unwrap(), None).importing_on_start(path)
        });
    until(&mut harness, "the import", |app| {
        app.roadmap().roadmap.title == "study"
    });
    let r = &harness.state().roadmap().roadmap;
    assert_eq!(r.topics.len(), 2);
    assert_eq!(r.topics[1].prerequisites, [r.topics[0].id.clone()]);
    assert_eq!(r.topics[0].summary, "The first.");
    assert!(harness.state().editing());
}
