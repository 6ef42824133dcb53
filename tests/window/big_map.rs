//! A big roadmap is laid out on another thread: the window keeps drawing (a spinner and what it
//! is doing) and the map appears when the layout is done.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use roadmap::app::RoadmapApp;
use roadmap::layout::generate;
use roadmap::model;
use roadmap::ui::map::BACKGROUND_LAYOUT_FROM;

#[test]
fn a_big_map_is_laid_out_off_the_window_thread_with_a_spinner() {
    let n = BACKGROUND_LAYOUT_FROM * 3;
    let roadmap = roadmap::bench::roadmap_of(&generate::dag(n, 7));
    let json = serde_json::to_string(&roadmap).unwrap();
    let loaded = model::load_str(&json, "big.json").unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None).without_file_dialogs());
    // The first frame returns at once and says what it is doing.
    harness.step();
    harness.get_by_label(&format!("Laying out {n} topics…"));
    assert!(!harness.state().map().is_ready());
    // The window goes on drawing until the layout arrives, then shows the map.
    let start = std::time::Instant::now();
    while harness.query_by_label_contains("Laying out").is_some()
        && start.elapsed() < std::time::Duration::from_mins(2)
    {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    assert!(harness.query_by_label_contains("Laying out").is_none());
    assert!(harness.state().map().is_ready());
    // Every topic has its box, and the ones on screen are widgets.
    let map = harness.state().map();
    let shown = (0..n)
        .filter(|&i| map.screen_rect_of(i).is_some_and(|r| r.is_positive()))
        .count();
    assert_eq!(shown, n);
    let first_on_screen = harness.query_all_by_role(Role::Button).any(|node| {
        node.accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with("Generated topic"))
    });
    assert!(first_on_screen);
}
