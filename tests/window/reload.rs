//! Live reload: the open roadmap file changes on disk while the window shows it. A good version
//! replaces the map and keeps the camera, the selection and the progress; a bad one leaves the
//! last good map and shows a banner with its problems.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::RoadmapApp;
use roadmap::model::{self, Status};

use crate::common;

use common::{BUNDLED, select, topic, wait_for};
const TITLE: &str = "\"title\": \"What a foundation model is\"";

/// The bundled roadmap with the foundation-models topic called `title`.
fn with_title(title: &str) -> String {
    BUNDLED.replace(TITLE, &format!("\"title\": \"{title}\""))
}

/// Writes as editors do: a new file renamed over the old one.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn harness(dir: &tempfile::TempDir) -> (Harness<'static, RoadmapApp>, PathBuf) {
    common::watched_window(dir.path(), egui::vec2(1400.0, 900.0))
}

fn edited_title(app: &RoadmapApp) -> &str {
    let i = app.roadmap().graph.index_of("foundation-models").unwrap();
    &app.roadmap().roadmap.topics[i].title
}

#[test]
fn good_edit_bad_edit_good_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, path) = harness(&dir);
    select(&mut harness, "foundation-models");
    let selected_id = "foundation-models";
    let camera = harness.state().map().camera();

    // 1. A good edit, written in place: the new title is on the map; selection and camera stay.
    std::fs::write(&path, with_title("Foundation models, edited")).unwrap();
    assert!(
        wait_for(&mut harness, |app| edited_title(app)
            == "Foundation models, edited"),
        "the edit was not picked up"
    );
    harness.get_by_role_and_label(Role::Button, "Foundation models, edited");
    assert_eq!(
        harness.state().selected(),
        Some(topic(&harness, selected_id))
    );
    assert!(harness.state().details_open());
    assert_eq!(harness.state().map().camera(), camera, "the view was kept");
    assert!(harness.state().reload_problems().is_none());

    // 2. A bad edit: the map stays, a banner tells the first problem as FILE:LINE:COL.
    let good = with_title("Foundation models, edited");
    save_by_rename(&path, &good[..good.len() / 2]);
    assert!(
        wait_for(&mut harness, |app| app.reload_problems().is_some()),
        "the broken version was not reported"
    );
    let first = harness
        .state()
        .reload_problems()
        .unwrap()
        .lines()
        .next()
        .unwrap();
    let position = first
        .strip_prefix(&format!("{}:", path.display()))
        .unwrap()
        .split(':')
        .take(2)
        .map(|n| n.trim().parse::<u32>().unwrap())
        .collect::<Vec<_>>();
    assert!(position.len() == 2 && position[0] > 0, "{first}");
    let problems = harness.state().reload_problems().unwrap();
    let more = problems.diagnostics.len() - 1;
    let d = &problems.diagnostics[0];
    // The file is named once; the problem says where in it.
    let mut banner = format!(
        "{} changed on disk but cannot be loaded: line {}, column {}: {}",
        path.display(),
        d.line,
        d.column,
        d.message
    );
    if more > 0 {
        banner = format!("{banner} ({more} more)");
    }
    harness.get_by_label(&banner);
    assert_eq!(banner.matches(&path.display().to_string()).count(), 1);
    assert_eq!(edited_title(harness.state()), "Foundation models, edited");
    harness.get_by_role_and_label(Role::Button, "Foundation models, edited");
    assert_eq!(
        harness.state().selected(),
        Some(topic(&harness, selected_id))
    );
    // The banner's button lists every problem.
    harness.get_by_label("Show all").click();
    harness.run();
    harness.get_by_label("Cannot open this roadmap");
    assert!(harness.get_all_by_label(&first).count() >= 1);
    // The window stays open until the next good version.

    // 3. A good edit again: the banner goes, the new content shows.
    save_by_rename(&path, &with_title("Foundation models, fixed"));
    assert!(
        wait_for(&mut harness, |app| edited_title(app)
            == "Foundation models, fixed"),
        "the fixed version was not picked up"
    );
    assert!(harness.state().reload_problems().is_none());
    assert!(
        harness.state().problems().is_none(),
        "the problems window went"
    );
    assert!(
        harness
            .query_by_label_contains("changed on disk but cannot be loaded")
            .is_none()
    );
    harness.get_by_role_and_label(Role::Button, "Foundation models, fixed");
    assert_eq!(
        harness.state().selected(),
        Some(topic(&harness, selected_id))
    );
    assert_eq!(harness.state().map().camera(), camera, "the view was kept");
}

#[test]
fn progress_survives_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, path) = harness(&dir);
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();
    let done = topic(&harness, "foundation-models");
    assert_eq!(
        harness
            .state()
            .tracker()
            .progress()
            .status("foundation-models"),
        Status::Done
    );

    save_by_rename(&path, &with_title("Foundation models, edited"));
    assert!(
        wait_for(&mut harness, |app| edited_title(app)
            == "Foundation models, edited"),
        "the edit was not picked up"
    );
    let tracker = harness.state().tracker();
    assert_eq!(tracker.progress().status("foundation-models"), Status::Done);
    assert_eq!(tracker.overview().status[done], Status::Done);
    assert!(tracker.can_undo(), "the undo history is kept too");
}

#[test]
fn a_topic_that_is_gone_is_no_longer_selected() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, path) = harness(&dir);
    select(&mut harness, "guardrails");
    // Rename the topic's id: the old one is gone from the new version.
    let text = BUNDLED
        .replace("\"guardrails\"", "\"bedrock-guardrails\"")
        .replace("[[guardrails]", "[[bedrock-guardrails]")
        .replace("[[guardrails|", "[[bedrock-guardrails|");
    save_by_rename(&path, &text);
    assert!(
        wait_for(&mut harness, |app| app
            .roadmap()
            .graph
            .index_of("guardrails")
            .is_none()),
        "the edit was not picked up"
    );
    assert_eq!(harness.state().selected(), None);
    assert!(!harness.state().details_open());
}

#[test]
fn a_watched_idle_window_asks_for_no_more_frames() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, _path) = harness(&dir);
    assert!(harness.try_run().is_ok());
    let steps = harness.try_run().unwrap();
    assert!(steps <= 2, "still painting after {steps} steps");
}

#[test]
fn opening_another_file_watches_that_file_instead() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, first) = harness(&dir);
    let other_dir = tempfile::tempdir().unwrap();
    let second = other_dir.path().join("other.json");
    std::fs::write(&second, with_title("The other file")).unwrap();

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open from a path…").click();
    harness.run();
    // The field holds the open file's path: select it all, then type over it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    common::focused_field(&harness).type_text(&format!("{}", second.display()));
    harness.run();
    harness.get_by_label("Open").click();
    assert!(
        wait_for(&mut harness, |app| edited_title(app) == "The other file"),
        "the other file was not opened"
    );

    // The file left behind is no longer followed.
    std::fs::write(&first, with_title("Not followed")).unwrap();
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(1500) {
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(edited_title(harness.state()), "The other file");

    save_by_rename(&second, &with_title("The other file, edited"));
    assert!(
        wait_for(&mut harness, |app| edited_title(app)
            == "The other file, edited"),
        "the opened file is not followed"
    );
}

#[test]
fn a_reload_does_not_set_off_another() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, path) = harness(&dir);
    save_by_rename(&path, &with_title("Foundation models, edited"));
    assert!(
        wait_for(&mut harness, |app| edited_title(app)
            == "Foundation models, edited"),
        "the edit was not picked up"
    );
    // Each reload works out progress again; reading the file must not count as a change.
    let revision = harness.state().tracker().revision();
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(1500) {
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(harness.state().tracker().revision(), revision);
}

#[test]
fn a_topic_marked_in_a_terminal_shows_in_the_open_window_and_the_windows_ticks_stay() {
    let dir = tempfile::tempdir().unwrap();
    // The progress file sits in a folder that does not exist yet, as on a first run.
    let progress = dir.path().join("data").join("progress.json");
    let loaded = model::bundled().unwrap();
    let file = progress.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(30)
        .build_eframe(move |_cc| {
            RoadmapApp::new(loaded, None)
                .with_progress_file(Some(file))
                .without_file_dialogs()
        });
    harness.run();

    // The window ticks one topic with the D key; the terminal marks another.
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();
    let fm = topic(&harness, "foundation-models");
    let tokens = topic(&harness, "tokens-and-context");
    assert_eq!(
        harness.state().tracker().overview().status[fm],
        Status::Done
    );

    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = roadmap::cli::mark(
        None,
        Some(&progress),
        "tokens-and-context",
        "doing",
        None,
        &mut out,
        &mut err,
    );
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    assert!(
        wait_for(&mut harness, |app| app.tracker().overview().status[tokens]
            == Status::Doing),
        "the terminal's mark never showed in the window"
    );
    assert_eq!(
        harness.state().tracker().overview().status[fm],
        Status::Done
    );
    harness.get_by_label_contains("Progress changed in the file");

    // Both are on disk once the window has saved.
    harness.state().tracker().flush().unwrap();
    let saved = roadmap::store::open(&progress, "bedrock-then-sagemaker").progress;
    assert_eq!(saved.status("foundation-models"), Status::Done);
    assert_eq!(saved.status("tokens-and-context"), Status::Doing);
}
