//! File > Export… in the window: pick a format and options, name the file, and get exactly what
//! the command line writes.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use crate::common;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use roadmap::app::RoadmapApp;
use roadmap::export::{self, Format, Options, Personal};
use roadmap::model::{self, Status};

fn wait_for(
    harness: &mut Harness<'_, RoadmapApp>,
    done: impl Fn(&Harness<'_, RoadmapApp>) -> bool,
) {
    // One frame at a time: a spinner repaints while the export runs. A picture takes a while
    // in a debug build on a busy machine.
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_mins(3) {
        harness.step();
        if done(harness) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The window on the bundled roadmap, with no file dialogs and progress kept in memory.
fn window() -> Harness<'static, RoadmapApp> {
    let loaded = model::bundled().unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None).without_file_dialogs());
    harness.run();
    harness
}

/// File > Export….
fn open_export_dialog(harness: &mut Harness<'_, RoadmapApp>) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Export…").click();
    harness.run();
}

/// Export… with the dialog open: there is no file dialog in tests, so the first Export… asks
/// for a path in a field; type `path`, export again, and wait until the dialog says it saved.
fn export_through_the_path_field(harness: &mut Harness<'_, RoadmapApp>, path: &std::path::Path) {
    harness
        .get_by_role_and_label(Role::Button, "Export…")
        .click();
    wait_for(harness, common::has_focused_field);
    common::focused_field(harness).type_text(path.to_str().unwrap());
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Export…")
        .click();
    let saved = format!("Saved to {}", path.display());
    wait_for(harness, |h| h.query_by_label(&saved).is_some());
    harness.get_by_label(&saved);
}

#[test]
fn exporting_markdown_without_notes_writes_what_the_exporter_gives() {
    let mut harness = window();
    // Some progress with a note, which must stay out.
    harness
        .get_by_role_and_label(Role::Button, "What a foundation model is")
        .click();
    harness.run();
    harness.key_press(egui::Key::D);
    harness.run();
    harness.get_by_role(Role::MultilineTextInput).focus();
    harness.run();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("zebra-42");
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();

    open_export_dialog(&mut harness);
    harness.get_by_label("Markdown task list (.md)").click();
    harness.get_by_label("Include my private notes").click();
    harness.run();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.md");
    export_through_the_path_field(&mut harness, &path);

    let written = std::fs::read_to_string(&path).unwrap();
    let progress = harness.state().tracker().progress().clone();
    assert_eq!(progress.status("foundation-models"), Status::Done);
    assert_eq!(progress.note("foundation-models"), "zebra-42");
    let expected = export::export(
        Format::Markdown,
        &Personal {
            loaded: harness.state().roadmap(),
            progress: &progress,
        },
        &Options {
            notes: false,
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(written.as_bytes(), expected.as_slice());
    assert!(!written.contains("zebra-42"));
}

#[test]
fn a_dark_png_saves_off_the_window_thread_and_matches_the_exporter() {
    let mut harness = window();
    open_export_dialog(&mut harness);
    harness.get_by_label("Map picture, PNG (.png)").click();
    harness.run();
    // Pictures carry no notes: the choice is greyed out, and the theme can be picked.
    assert!(
        harness
            .get_by_label("Include my private notes")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("Dark").click();
    harness.run();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.png");
    export_through_the_path_field(&mut harness, &path);
    harness.get_by_label("Show in folder");

    let written = std::fs::read(&path).unwrap();
    let progress = harness.state().tracker().progress().clone();
    let expected = export::export(
        Format::Png,
        &Personal {
            loaded: harness.state().roadmap(),
            progress: &progress,
        },
        &Options {
            notes: false,
            look: roadmap::picture::palette::Look::Dark,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(written == expected, "the window and the exporter differ");
    let image = image::load_from_memory(&written).unwrap().to_rgba8();
    assert!(image.get_pixel(1, 1)[0] < 60, "dark background");
}

#[test]
fn a_picture_takes_the_windows_layer_direction_unless_changed_in_the_dialog() {
    let mut harness = window();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Layers top to bottom").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    open_export_dialog(&mut harness);
    harness.get_by_label("Map picture, SVG (.svg)").click();
    harness.run();
    let checked = |harness: &Harness<'_, RoadmapApp>, label: &str| {
        harness.get_by_label(label).accesskit_node().toggled()
            == Some(egui::accesskit::Toggled::True)
    };
    assert!(checked(&harness, "Top to bottom"));
    assert!(!checked(&harness, "Left to right"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.svg");
    export_through_the_path_field(&mut harness, &path);
    let svg = std::fs::read_to_string(&path).unwrap();
    let progress = harness.state().tracker().progress().clone();
    let expected = export::export(
        Format::Svg,
        &Personal {
            loaded: harness.state().roadmap(),
            progress: &progress,
        },
        &Options {
            direction: roadmap::layout::Direction::TopToBottom,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(
        svg.as_bytes() == expected,
        "the window and the exporter differ"
    );
}

/// The export dialog holds the keyboard: the path field takes it as soon as it appears, what is
/// typed there never reaches the map behind (no search opens, no topic is marked), Enter exports
/// and Esc closes.
#[test]
fn keys_typed_into_the_path_field_never_reach_the_map_and_enter_exports() {
    let mut harness = window();
    harness
        .get_by_role_and_label(Role::Button, "What a foundation model is")
        .click();
    harness.run();
    open_export_dialog(&mut harness);
    harness.get_by_label("Markdown task list (.md)").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Export…")
        .click();
    wait_for(&mut harness, common::has_focused_field);
    harness.run();
    // No click into the field: it has the keyboard already. `s`, `d`, `/` and `f` are all keys
    // of the map.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s-d-f.md");
    common::focused_field(&harness).type_text(path.to_str().unwrap());
    for key in [egui::Key::S, egui::Key::D, egui::Key::Slash, egui::Key::F] {
        harness.key_press(key);
    }
    harness.run();
    let state = harness.state();
    assert_eq!(
        state.tracker().progress().status("foundation-models"),
        Status::Todo,
        "no key marked the selected topic"
    );
    assert!(
        state.search().is_none(),
        "no search opened behind the dialog"
    );
    assert_eq!(
        common::focused_field(&harness)
            .accesskit_node()
            .value()
            .as_deref(),
        Some(path.to_str().unwrap())
    );

    harness.key_press(egui::Key::Enter);
    let saved = format!("Saved to {}", path.display());
    wait_for(&mut harness, |h| h.query_by_label(&saved).is_some());
    assert!(path.exists());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label(&saved).is_none(),
        "Esc closed the dialog"
    );
}
