//! What several window tests share: the bundled roadmap written to a file the window watches,
//! and waiting for what the window's watch threads bring in.

#![allow(dead_code, reason = "each test file uses only some of these helpers")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::RoadmapApp;
use roadmap::model;

/// The bundled roadmap's text.
pub const BUNDLED: &str = include_str!("../../roadmap.json");

/// A window of `size` showing the bundled roadmap from `roadmap.json` in `dir`, which it
/// watches for changes, with the path field instead of the system's file dialogs.
pub fn watched_window(dir: &Path, size: egui::Vec2) -> (Harness<'static, RoadmapApp>, PathBuf) {
    let path = dir.join("roadmap.json");
    std::fs::write(&path, BUNDLED).expect("the roadmap is written");
    let loaded = model::load_file(&path).expect("the bundled roadmap loads");
    let file = path.clone();
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, Some(file)).without_file_dialogs());
    harness.run();
    (harness, path)
}

/// Steps the window until `done` holds (a watch wakes it from its own thread); false after 30
/// seconds, which only a machine far busier than the work needs comes near.
pub fn wait_for(harness: &mut Harness<'_, RoadmapApp>, done: impl Fn(&RoadmapApp) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        harness.step();
        if done(harness.state()) {
            harness.run();
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// The index of the topic with this id in the window's roadmap.
pub fn topic(harness: &Harness<'_, RoadmapApp>, id: &str) -> usize {
    harness
        .state()
        .roadmap()
        .graph
        .index_of(id)
        .expect("the roadmap has this topic")
}

/// Selects a topic through the map's accessible button for it, as a screen reader would,
/// after fitting the map (F) so every topic is on screen.
pub fn select(harness: &mut Harness<'_, RoadmapApp>, id: &str) {
    harness.key_press(egui::Key::F);
    harness.run();
    let i = topic(harness, id);
    let title = harness.state().roadmap().roadmap.topics[i].title.clone();
    harness.get_by_role_and_label(Role::Button, &title).click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(i));
}

/// The `roadmap` binary with a home, data, settings and cache folders of its own, new for each
/// command, so no test reads or writes the user's folders, whatever the user did with the app.
pub fn roadmap_command() -> assert_cmd::Command {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let home = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("homes")
        .join(format!(
            "{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
    // A folder left by an earlier run with the same process id starts empty again.
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).expect("the test's home folder is made");
    let mut command = assert_cmd::Command::cargo_bin("roadmap").expect("the binary is built");
    command
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"));
    command
}

/// Every label's text in the window, in order, run together: a rationale shown as words and
/// links in a row of labels reads as one string here.
pub fn shown_text<State>(harness: &Harness<'_, State>) -> String {
    use egui_kittest::kittest::NodeT as _;
    harness
        .get_all_by_role(Role::Label)
        .filter_map(|n| n.accesskit_node().value())
        .collect()
}

/// Whether the window shows `text` (a summary or rationale) as a reader sees it: references
/// replaced by the titles they name.
pub fn shows(harness: &Harness<'_, RoadmapApp>, text: &str) -> bool {
    let plain = harness.state().roadmap().plain(text).into_owned();
    shown_text(harness).contains(&plain)
}

/// A window of `size` on the bundled roadmap, progress in memory, after its first frames.
pub fn bundled_window(size: egui::Vec2) -> Harness<'static, RoadmapApp> {
    let loaded = model::bundled().expect("the bundled roadmap loads");
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None));
    harness.run();
    harness
}

/// A PDF page's `MediaBox`: left, bottom, right, top, in points.
pub fn media_box(doc: &lopdf::Document, page: lopdf::ObjectId) -> Vec<f32> {
    doc.get_dictionary(page)
        .and_then(|d| d.get(b"MediaBox"))
        .and_then(lopdf::Object::as_array)
        .expect("a page has a MediaBox")
        .iter()
        .map(|o| o.as_float().expect("a number"))
        .collect()
}

/// The text field that has the keyboard (a dialog's path, the search), among the window's
/// others (the plan's start in the progress panel).
pub fn focused_field<'a, State>(harness: &'a Harness<'_, State>) -> egui_kittest::Node<'a> {
    harness
        .get_all_by_role(Role::TextInput)
        .find(egui_kittest::Node::is_focused)
        .expect("a text field has the keyboard")
}

/// Whether a text field has the keyboard.
pub fn has_focused_field<State>(harness: &Harness<'_, State>) -> bool {
    harness
        .get_all_by_role(Role::TextInput)
        .any(|n| n.is_focused())
}
