//! The node map and the detail panel, driven as a user would: clicks at the positions the layout
//! gave, keys, the wheel. Snapshots pin the look in light and dark.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::accesskit::Role;
use egui::{Event, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::RoadmapApp;
use roadmap::model;

use crate::common;

const SIZE: Vec2 = egui::vec2(1280.0, 800.0);

fn harness(dark: bool) -> Harness<'static, RoadmapApp> {
    let loaded = model::bundled().unwrap();
    let theme = if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .with_theme(theme)
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None));
    // Settles: an idle map asks for no more frames, or this would run out of steps.
    harness.run();
    harness
}

/// The map fitted whole to the window (F), where every topic is on screen.
fn fitted(dark: bool) -> Harness<'static, RoadmapApp> {
    let mut harness = harness(dark);
    harness.key_press(egui::Key::F);
    harness.run();
    harness
}

fn topic(harness: &Harness<'_, RoadmapApp>, id: &str) -> usize {
    harness.state().roadmap().graph.index_of(id).unwrap()
}

fn click_at(harness: &mut Harness<'_, RoadmapApp>, pos: Pos2) {
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

/// Zooms in around the topic until it is large, as a user would with the wheel.
fn zoom_to(harness: &mut Harness<'_, RoadmapApp>, id: &str) -> Pos2 {
    let i = topic(harness, id);
    for _ in 0..12 {
        let at = harness.state().map().screen_rect_of(i).unwrap().center();
        if harness.state().map().zoom() >= 0.9 {
            return at;
        }
        harness.hover_at(at);
        harness.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, 120.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
    harness.state().map().screen_rect_of(i).unwrap().center()
}

#[test]
fn a_big_map_opens_readable_at_its_start_with_the_overview_and_f_fits_it_whole() {
    let mut harness = harness(true);
    let area = egui::Rect::from_min_size(Pos2::ZERO, SIZE);
    let n = harness.state().roadmap().roadmap.topics.len();
    // Fitting the bundled roadmap's layers into 1280 points would shrink titles below reading size,
    // so the map opens at a readable zoom, on its first topic, with the overview map.
    let map = harness.state().map();
    assert!(map.is_ready());
    assert!(map.zoom() >= 0.8, "opened at zoom {}", map.zoom());
    let first = harness.state().roadmap().graph.topological_order()[0];
    assert!(area.contains_rect(map.screen_rect_of(first).unwrap()));
    let on_screen = (0..n)
        .filter(|&i| area.contains_rect(map.screen_rect_of(i).unwrap()))
        .count();
    assert!(on_screen < n, "the map is bigger than the window here");
    harness.get_by_label("Overview map: click or drag to move the view");

    harness.key_press(egui::Key::F);
    harness.run();
    let map = harness.state().map();
    for i in 0..n {
        let r = map.screen_rect_of(i).unwrap();
        assert!(
            area.contains_rect(r),
            "topic {i} is off screen after fitting: {r:?}"
        );
    }
    assert!(
        harness
            .query_by_label("Overview map: click or drag to move the view")
            .is_none(),
        "no overview while the whole map is in view"
    );
}

#[test]
fn clicking_a_topic_shows_its_rationale_and_sources() {
    let mut harness = fitted(true);
    let i = topic(&harness, "knowledge-bases");
    let at = zoom_to(&mut harness, "knowledge-bases");
    click_at(&mut harness, at);

    assert_eq!(harness.state().selected(), Some(i));
    let t = harness.state().roadmap().roadmap.topics[i].clone();
    assert!(common::shows(&harness, &t.rationale));
    let hours = t.estimate_hours.unwrap();
    harness.get_by_label(&format!("Phase 1: Deliver GenAI value · about {hours} h"));
    for source in &t.sources {
        harness.get_by_label(&source.title);
    }
    // The prerequisite, as a link in the panel (the map's box is a button).
    harness.get_by_role_and_label(Role::Label, "Retrieval-augmented generation (RAG)");
}

#[test]
fn a_prerequisite_link_selects_that_topic_and_brings_it_into_view() {
    let mut harness = fitted(true);
    let at = zoom_to(&mut harness, "knowledge-bases");
    click_at(&mut harness, at);
    let rag = topic(&harness, "rag-fundamentals");

    harness
        .get_by_role_and_label(Role::Label, "Retrieval-augmented generation (RAG)")
        .click();
    harness.run();

    assert_eq!(harness.state().selected(), Some(rag));
    let rationale = harness.state().roadmap().roadmap.topics[rag]
        .rationale
        .clone();
    assert!(common::shows(&harness, &rationale));
    let on_screen = harness.state().map().screen_rect_of(rag).unwrap();
    assert!(egui::Rect::from_min_size(Pos2::ZERO, SIZE).contains_rect(on_screen));
}

#[test]
fn escape_and_a_click_on_the_background_clear_the_selection() {
    let mut harness = fitted(true);
    let at = zoom_to(&mut harness, "guardrails");
    click_at(&mut harness, at);
    assert!(harness.state().selected().is_some());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected(), None);
    assert!(
        harness.query_by_label("Why here").is_none(),
        "the panel closed"
    );

    click_at(&mut harness, at);
    assert!(harness.state().selected().is_some());
    // Far below the map, on the empty background (left of the overview map in the corner).
    click_at(&mut harness, egui::pos2(600.0, 785.0));
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn the_wheel_zooms_around_the_pointer_and_f_fits_again() {
    let mut harness = fitted(true);
    let i = topic(&harness, "prompting-patterns");
    let before = harness.state().map().screen_rect_of(i).unwrap();
    let zoom_before = harness.state().map().zoom();
    zoom_to(&mut harness, "prompting-patterns");
    let after = harness.state().map().screen_rect_of(i).unwrap();
    assert!(harness.state().map().zoom() > zoom_before * 3.0);
    // The topic under the pointer stays under it while the map grows around it.
    assert!(after.contains(before.center()), "{before:?} -> {after:?}");

    harness.key_press(egui::Key::F);
    harness.run();
    assert!((harness.state().map().zoom() - zoom_before).abs() < 1e-4);
}

#[test]
fn dragging_the_background_pans_the_map() {
    let mut harness = fitted(true);
    let i = topic(&harness, "foundation-models");
    let before = harness.state().map().screen_rect_of(i).unwrap();
    let start = egui::pos2(640.0, 760.0);
    harness.hover_at(start);
    harness.event(Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    for step in 1..=10 {
        harness.hover_at(start + egui::vec2(10.0 * step as f32, -5.0 * step as f32));
        harness.run();
    }
    let end = start + egui::vec2(100.0, -50.0);
    harness.event(Event::PointerButton {
        pos: end,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    let after = harness.state().map().screen_rect_of(i).unwrap();
    let moved = after.center() - before.center();
    assert!(
        (moved - egui::vec2(100.0, -50.0)).length() < 12.0,
        "moved by {moved:?}"
    );
    assert_eq!(harness.state().selected(), None, "a drag is not a click");
}

#[test]
fn opening_a_broken_file_shows_its_problems_and_keeps_the_roadmap() {
    let mut harness = fitted(true);
    let before = harness.state().roadmap().roadmap.id.clone();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open from a path…").click();
    harness.run();
    let broken = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/invalid/cycle.json"
    );
    common::focused_field(&harness).type_text(broken);
    harness.run();
    harness.key_press(egui::Key::Enter);
    // The file loads on another thread; give it a moment.
    // Up to 30 s: the load runs on a thread of its own, and a busy machine can be slow.
    for _ in 0..1500 {
        harness.run();
        if harness.state().problems().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let problems = harness.state().problems().unwrap().clone();
    assert_eq!(harness.state().roadmap().roadmap.id, before);
    let line = problems.lines().next().unwrap();
    harness.get_by_label(&line);
    assert!(
        line.contains(":16:25: prerequisites form a cycle"),
        "{line}"
    );
}

#[test]
fn hovering_a_topic_highlights_what_it_needs_and_what_it_unlocks() {
    let mut harness = fitted(true);
    let at = zoom_to(&mut harness, "knowledge-bases");
    harness.hover_at(at);
    harness.run();
    let kb = topic(&harness, "knowledge-bases");
    let map = harness.state().map();
    let on_chain = |id: &str| map.highlight_of(topic(&harness, id)).unwrap();
    assert_eq!(on_chain("foundation-models"), (kb, true), "an ancestor");
    assert_eq!(on_chain("agents"), (kb, true), "a dependent");
    assert_eq!(
        on_chain("enterprise-ai-maturity"),
        (kb, true),
        "a far dependent"
    );
    assert_eq!(on_chain("private-connectivity"), (kb, false), "unrelated");
}

#[test]
fn an_idle_map_asks_for_no_more_frames() {
    let mut harness = fitted(true);
    let at = zoom_to(&mut harness, "guardrails");
    click_at(&mut harness, at);
    // After the camera settles, nothing requests another frame.
    assert!(harness.try_run().is_ok());
    let steps = harness.try_run().unwrap();
    assert!(steps <= 2, "still painting after {steps} steps");
}

#[test]
fn opening_a_good_file_replaces_the_roadmap_and_lays_it_out() {
    let mut harness = fitted(true);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open from a path…").click();
    harness.run();
    let good = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/valid/minimal.json"
    );
    common::focused_field(&harness).type_text(good);
    harness.run();
    harness.get_by_label("Open").click();
    // Up to 30 s: the load runs on a thread of its own, and a busy machine can be slow.
    for _ in 0..1500 {
        harness.run();
        if harness.state().roadmap().roadmap.id == "tiny" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(harness.state().roadmap().roadmap.id, "tiny");
    assert_eq!(
        harness.state().window_title(),
        "Tiny roadmap · minimal.json · Roadmap"
    );
    harness.run();
    harness.get_by_label("Tiny roadmap");
    // The new map is laid out and fitted: its three topics are on screen, in layer order.
    let map = harness.state().map();
    let x: Vec<f32> = (0..3)
        .map(|i| map.screen_rect_of(i).unwrap().center().x)
        .collect();
    assert!(x[0] < x[1] && x[1] < x[2], "{x:?}");
    harness.get_by_role_and_label(Role::Button, "Basics");
}

#[test]
fn snapshot_light() {
    let mut harness = fitted(false);
    harness.snapshot("map_light");
}

#[test]
fn snapshot_dark_with_a_topic_selected() {
    let mut harness = fitted(true);
    let at = zoom_to(&mut harness, "rag-not-enough");
    click_at(&mut harness, at);
    harness.snapshot("map_dark_selected");
}

#[test]
fn snapshot_opening_dark() {
    let mut harness = harness(true);
    harness.snapshot("map_opening_dark");
}

#[test]
fn with_progress_the_map_opens_where_the_user_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.json");
    let loaded = model::bundled().unwrap();
    // Everything before fine-tuning is done and fine-tuning is in progress: deep in phase 2.
    let mut progress = model::Progress::new(&loaded.roadmap.id);
    let fine_tuning = loaded.graph.index_of("fine-tuning").unwrap();
    for i in loaded.graph.ancestors(fine_tuning) {
        progress.set_status(&loaded.roadmap.topics[i].id, model::Status::Done);
    }
    progress.set_status("fine-tuning", model::Status::Doing);
    roadmap::store::save(&path, &progress).unwrap();

    let mut harness = Harness::builder()
        .with_size(SIZE)
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None).with_progress_file(Some(path)));
    harness.run();
    let map = harness.state().map();
    assert!(map.zoom() >= 0.8, "opened at zoom {}", map.zoom());
    let on_screen = map.screen_rect_of(fine_tuning).unwrap();
    assert!(
        egui::Rect::from_min_size(Pos2::ZERO, SIZE).contains_rect(on_screen),
        "the topic in progress is off screen: {on_screen:?}"
    );
    let first = harness.state().roadmap().graph.topological_order()[0];
    assert!(
        map.screen_rect_of(first).unwrap().max.x < 0.0,
        "the view moved away from the start"
    );
}

#[test]
fn a_click_in_the_overview_map_moves_the_view_there_and_m_hides_it() {
    let mut harness = harness(true);
    let order = harness.state().roadmap().graph.topological_order().to_vec();
    let last = *order.last().unwrap();
    let area = egui::Rect::from_min_size(Pos2::ZERO, SIZE);
    assert!(!area.contains_rect(harness.state().map().screen_rect_of(last).unwrap()));
    let zoom = harness.state().map().zoom();

    // The map's last topic is at the overview's right end.
    let overview = harness
        .get_by_label("Overview map: click or drag to move the view")
        .rect();
    click_at(
        &mut harness,
        egui::pos2(overview.max.x - 10.0, overview.center().y),
    );
    let map = harness.state().map();
    assert!(
        area.contains_rect(map.screen_rect_of(last).unwrap()),
        "the end of the map is not in view: {:?}",
        map.screen_rect_of(last)
    );
    assert!((map.zoom() - zoom).abs() < 1e-4, "the zoom stays");
    assert_eq!(
        harness.state().selected(),
        None,
        "a click there selects nothing"
    );

    harness.key_press(egui::Key::M);
    harness.run();
    assert!(
        harness
            .query_by_label("Overview map: click or drag to move the view")
            .is_none()
    );
    harness.key_press(egui::Key::M);
    harness.run();
    harness.get_by_label("Overview map: click or drag to move the view");
}

#[test]
fn in_a_narrow_window_the_overview_map_sits_above_the_legend() {
    let bottom_of_overview = |width: f32| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let loaded = model::bundled().unwrap();
        // Progress brings the legend up in the bottom-left corner.
        let mut progress = model::Progress::new(&loaded.roadmap.id);
        progress.set_status("foundation-models", model::Status::Done);
        roadmap::store::save(&path, &progress).unwrap();
        let mut harness = Harness::builder()
            .with_size(egui::vec2(width, 700.0))
            .with_max_steps(30)
            .build_eframe(move |_cc| RoadmapApp::new(loaded, None).with_progress_file(Some(path)));
        harness.run();
        harness
            .get_by_label("Overview map: click or drag to move the view")
            .rect()
            .bottom()
    };
    let wide = bottom_of_overview(1280.0);
    let narrow = bottom_of_overview(700.0);
    assert!((wide - (700.0 - 12.0)).abs() < 1.0, "{wide}");
    assert!(narrow < 700.0 - 30.0, "it sits on the legend: {narrow}");
}

#[test]
fn in_a_narrow_window_the_top_bar_wraps_without_covering_the_view_switch() {
    let loaded = model::bundled().unwrap();
    let totals = roadmap::ui::totals_text(&loaded);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(700.0, 600.0))
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None));
    harness.run();
    let window = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(700.0, 600.0));
    let map = harness.get_by_label("Map").rect();
    let fit = harness.get_by_label("Fit").rect();
    assert!(
        window.contains_rect(fit) && window.contains_rect(map),
        "{map:?} {fit:?}"
    );
    for text in [
        "Amazon Bedrock first, then Amazon SageMaker",
        totals.as_str(),
    ] {
        let left = harness.get_by_label(text).rect();
        assert!(
            left.right() <= map.left(),
            "{text} runs under the view switch: {left:?}"
        );
    }
}

#[test]
fn plus_and_minus_zoom_the_map_but_not_with_ctrl() {
    let mut harness = fitted(true);
    let zoom = harness.state().map().zoom();
    harness.key_press(egui::Key::Plus);
    harness.run();
    let zoomed_in = harness.state().map().zoom();
    assert!(
        (zoomed_in / zoom - 1.25).abs() < 1e-3,
        "{zoom} -> {zoomed_in}"
    );
    harness.key_press(egui::Key::Minus);
    harness.run();
    assert!((harness.state().map().zoom() - zoom).abs() < 1e-4);
    // Ctrl+minus is the text size, not the map's zoom.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Minus);
    harness.run();
    assert!((harness.state().map().zoom() - zoom).abs() < 1e-4);
}

/// In a narrow window the side panels give way to the selected topic's details, the map keeps
/// room, and the selected topic comes into view beside the panel, not behind it.
#[test]
fn in_a_narrow_window_the_panels_give_way_and_the_selection_shows() {
    let mut harness = common::bundled_window(egui::vec2(900.0, 600.0));
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Outline beside the map").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("Overall").is_some(),
        "the progress panel shows"
    );

    for id in [
        "rag-not-enough",
        "enterprise-ai-maturity",
        "foundation-models",
    ] {
        common::select(&mut harness, id);
        for _ in 0..40 {
            harness.step();
        }
        let state = harness.state();
        let i = common::topic(&harness, id);
        let (_, map) = state.map().camera();
        assert!(map.width() >= 400.0, "the map keeps room: {map:?}");
        let at = state.map().screen_rect_of(i).unwrap();
        assert!(map.contains_rect(at), "{id} at {at:?}, map {map:?}");
        assert!(
            harness.query_by_label("Overall").is_none(),
            "the progress panel gave way"
        );
    }
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Overall").is_some(), "and came back");
}

/// Phase labels never cover a topic: pinned at the top of a band zoomed into, a label moves to
/// another corner of the band's visible part, or stays away, rather than hide a box.
#[test]
fn phase_labels_cover_no_topic() {
    let mut harness = common::bundled_window(egui::vec2(1280.0, 800.0));
    let count = harness.state().roadmap().roadmap.topics.len();
    for id in [
        "foundation-models",
        "rag-fundamentals",
        "fine-tuning",
        "ai-lifecycle",
    ] {
        common::select(&mut harness, id);
        harness.key_press(egui::Key::Escape);
        harness.run();
        for _ in 0..3 {
            harness.key_press(egui::Key::Plus);
            harness.run();
        }
        let map = harness.state().map();
        let labels = map.phase_labels().to_vec();
        for i in 0..count {
            let Some(at) = map.screen_rect_of(i) else {
                continue;
            };
            for label in &labels {
                assert!(
                    !label.intersects(at.shrink(1.0)),
                    "near {id}: label at {label:?} covers topic {i} at {at:?}"
                );
            }
        }
    }
}
