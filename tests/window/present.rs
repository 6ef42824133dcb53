//! Presentation mode: F5 steps through the topics in topological order (and phase by phase),
//! spotlights each topic's prerequisite chain, captions it with its rationale, and Esc brings
//! back the view there was before.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::RoadmapApp;
use roadmap::model;

use crate::common;

fn harness(theme: egui::Theme) -> Harness<'static, RoadmapApp> {
    let loaded = model::bundled().unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_theme(theme)
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None));
    harness.run();
    harness
}

fn topic(harness: &Harness<'_, RoadmapApp>, id: &str) -> usize {
    harness.state().roadmap().graph.index_of(id).unwrap()
}

fn press(harness: &mut Harness<'_, RoadmapApp>, key: Key) -> usize {
    harness.key_press(key);
    harness.run();
    harness.state().presentation().unwrap().topic().unwrap()
}

#[test]
fn the_steps_visit_every_topic_in_topological_order() {
    let mut harness = harness(egui::Theme::Dark);
    harness.key_press(Key::F5);
    harness.run();
    let order = harness.state().roadmap().graph.topological_order().to_vec();
    let mut seen = vec![harness.state().presentation().unwrap().topic().unwrap()];
    for k in 1..order.len() {
        let key = if k % 2 == 0 {
            Key::Space
        } else {
            Key::ArrowRight
        };
        seen.push(press(&mut harness, key));
        assert_eq!(harness.state().selected(), seen.last().copied());
    }
    assert_eq!(seen, order);
    assert_eq!(
        press(&mut harness, Key::ArrowRight),
        order[order.len() - 1],
        "stops at the end"
    );
    assert_eq!(press(&mut harness, Key::ArrowLeft), order[order.len() - 2]);
    assert_eq!(press(&mut harness, Key::Home), order[0]);
}

#[test]
fn page_down_and_up_go_phase_by_phase() {
    let mut harness = harness(egui::Theme::Dark);
    harness.key_press(Key::F5);
    harness.run();
    let loaded = model::bundled().unwrap();
    let order = loaded.graph.topological_order();
    let first_of_phase_two = *order
        .iter()
        .find(|&&i| loaded.roadmap.topics[i].phase == "sagemaker")
        .unwrap();
    assert_eq!(press(&mut harness, Key::PageDown), first_of_phase_two);
    harness.get_by_label("Phase 2 of 2: Own and evolve AI");
    assert_eq!(
        press(&mut harness, Key::PageDown),
        first_of_phase_two,
        "no phase after the last"
    );
    press(&mut harness, Key::ArrowRight);
    press(&mut harness, Key::ArrowRight);
    assert_eq!(
        press(&mut harness, Key::PageUp),
        first_of_phase_two,
        "to the start of this phase"
    );
    assert_eq!(
        press(&mut harness, Key::PageUp),
        order[0],
        "then the phase before"
    );
}

#[test]
fn each_step_spotlights_the_prerequisite_chain_and_captions_the_rationale() {
    let mut harness = harness(egui::Theme::Dark);
    harness.key_press(Key::F5);
    harness.run();
    let kb = topic(&harness, "knowledge-bases");
    let steps = harness
        .state()
        .presentation()
        .unwrap()
        .order
        .iter()
        .position(|&t| t == kb)
        .unwrap();
    for _ in 0..steps {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    assert_eq!(harness.state().presentation().unwrap().topic(), Some(kb));
    let t = harness.state().roadmap().roadmap.topics[kb].clone();
    assert!(common::shows(&harness, &t.rationale));
    let total = harness.state().roadmap().roadmap.topics.len();
    harness.get_by_label(&format!("Step {} of {total}", steps + 1));
    harness.get_by_label("Phase 1 of 2: Deliver GenAI value");
    // The chain it needs is lit; what it unlocks is not, this time.
    let map = harness.state().map();
    let lit = |id: &str| map.highlight_of(topic(&harness, id)).unwrap();
    assert_eq!(lit("foundation-models"), (kb, true));
    assert_eq!(lit("rag-fundamentals"), (kb, true));
    assert_eq!(lit("agents"), (kb, false));
    // The camera brought the topic and its prerequisite into view.
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    for id in ["knowledge-bases", "rag-fundamentals"] {
        let r = map.screen_rect_of(topic(&harness, id)).unwrap();
        assert!(window.contains_rect(r), "{id}: {r:?}");
    }
    // Toolbars and private notes are hidden.
    assert!(harness.query_by_label("File").is_none());
    assert!(harness.query_by_label("My note").is_none());
    assert!(harness.query_by_label("Progress").is_none());
}

#[test]
fn escape_restores_the_view_there_was_before() {
    let mut harness = harness(egui::Theme::Dark);
    // A view of one's own: zoomed in on a selected topic, the progress panel hidden.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Progress panel").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::F);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Bedrock Knowledge Bases")
        .click();
    harness.run();
    let kb = topic(&harness, "knowledge-bases");
    let before = (
        harness.state().selected(),
        harness.state().details_open(),
        harness.state().map().zoom(),
        harness.state().map().screen_rect_of(kb).unwrap(),
    );
    assert_eq!(before.0, Some(kb));
    assert!(harness.query_by_label("Next up").is_none());

    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Present").click();
    harness.run();
    assert!(harness.state().presentation().is_some(), "View > Present");
    for _ in 0..5 {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    harness.key_press(Key::PageDown);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();

    assert!(harness.state().presentation().is_none());
    let after = (
        harness.state().selected(),
        harness.state().details_open(),
        harness.state().map().zoom(),
        harness.state().map().screen_rect_of(kb).unwrap(),
    );
    assert_eq!(after.0, before.0);
    assert_eq!(after.1, before.1);
    assert!((after.2 - before.2).abs() < 1e-4, "{after:?} {before:?}");
    assert!(
        (after.3.center() - before.3.center()).length() < 1.0,
        "{after:?} {before:?}"
    );
    assert!(
        harness.query_by_label("Next up").is_none(),
        "the panel stays hidden"
    );
    harness.get_by_label("File");
    harness.get_by_label("My note");
}

#[test]
fn an_edit_saved_while_presenting_keeps_the_step_and_the_view_to_return_to() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, path) = common::watched_window(dir.path(), egui::vec2(1280.0, 800.0));
    let bundled = common::BUNDLED;
    harness.key_press(Key::F);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Bedrock Knowledge Bases")
        .click();
    harness.run();
    let kb = topic(&harness, "knowledge-bases");

    harness.key_press(Key::F5);
    harness.run();
    for _ in 0..6 {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    let on_screen = harness.state().presentation().unwrap().topic().unwrap();
    let step = harness.state().presentation().unwrap().step;
    assert_eq!(step, 6);

    // The presenter fixes a typo in the file: the new title shows, on the same step.
    let title = "What a foundation model is";
    std::fs::write(
        &path,
        bundled.replacen(title, "What a foundation model is, fixed", 1),
    )
    .unwrap();
    let fm = topic(&harness, "foundation-models");
    assert!(
        common::wait_for(&mut harness, |app| app.roadmap().roadmap.topics[fm].title
            != title),
        "the edit was not reloaded"
    );
    let presentation = harness.state().presentation().expect("still presenting");
    assert_eq!(presentation.step, step);
    assert_eq!(presentation.topic(), Some(on_screen));
    assert_eq!(harness.state().selected(), Some(on_screen));

    // Esc still returns to the topic selected before the show.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().presentation().is_none());
    assert_eq!(harness.state().selected(), Some(kb));
}

/// Presents up to the topic, waits for the glide to end, and takes a snapshot.
fn snapshot_at(theme: egui::Theme, id: &str, name: &str) {
    let mut harness = harness(theme);
    harness.key_press(Key::F5);
    harness.run();
    let target = topic(&harness, id);
    harness.key_press(Key::PageDown);
    harness.run();
    while harness.state().presentation().unwrap().topic() != Some(target) {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    for _ in 0..30 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run();
    }
    harness.snapshot(name);
}

#[test]
fn snapshot_presenting_light() {
    snapshot_at(egui::Theme::Light, "fine-tuning", "present_light");
}

#[test]
fn snapshot_presenting_dark() {
    snapshot_at(egui::Theme::Dark, "fine-tuning", "present_dark");
}

/// The caption grows with the screen, for the back of the room: at 1920×1080 the rationale is
/// at least a fortieth of the height, and at 1280×800 the sizes are the ones the snapshots pin.
#[test]
fn the_caption_grows_with_the_window() {
    use roadmap::ui::present::CaptionSizes;
    let small = CaptionSizes::for_height(800.0);
    assert_eq!(
        (small.step, small.hints, small.title, small.body),
        (16.0, 14.0, 34.0, 22.0)
    );
    let projector = CaptionSizes::for_height(1080.0);
    assert!(projector.body >= 1080.0 / 40.0, "{projector:?}");
    assert!(projector.hints > small.hints && projector.title > small.title);
}

/// Each step frames the topic with every prerequisite it has, zooming out as far as needed:
/// none of the lit chain's first links runs off screen.
#[test]
fn each_step_shows_the_topic_with_all_its_prerequisites() {
    let mut harness = harness(egui::Theme::Dark);
    harness.key_press(Key::F5);
    harness.run();
    let order: Vec<usize> = harness.state().roadmap().graph.topological_order().to_vec();
    for _ in 0..order.len() {
        // Let the glide end.
        for _ in 0..40 {
            harness.step();
        }
        let state = harness.state();
        let topic = state.presentation().unwrap().topic().unwrap();
        let (_, map) = state.map().camera();
        for p in state.roadmap().graph.prerequisites(topic) {
            let at = state.map().screen_rect_of(p).unwrap();
            assert!(
                map.intersects(at),
                "step on `{}`: prerequisite `{}` off screen at {at:?}",
                state.roadmap().roadmap.topics[topic].id,
                state.roadmap().roadmap.topics[p].id
            );
        }
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
}

/// The caption's height on screen, read from the panel egui keeps.
fn caption_height(harness: &Harness<'_, RoadmapApp>) -> f32 {
    egui::PanelState::load(&harness.ctx, egui::Id::new("caption"))
        .unwrap()
        .size()
        .y
}

/// Presents, then steps to the topic `id` (the first one when `None`).
fn caption_at(size: egui::Vec2, id: Option<&str>) -> Harness<'static, RoadmapApp> {
    let mut harness = harness(egui::Theme::Dark);
    harness.set_size(size);
    harness.run();
    harness.key_press(Key::F5);
    harness.run();
    if let Some(id) = id {
        let target = topic(&harness, id);
        while harness.state().presentation().unwrap().topic() != Some(target) {
            harness.key_press(Key::ArrowRight);
            harness.run();
        }
    }
    harness
}

/// The caption is as tall as what it says, whatever came before: after the window shrinks, and
/// after a long rationale, no empty strip stays under a shorter one.
#[test]
fn the_caption_fits_its_words_after_a_resize_and_after_a_longer_one() {
    let small = egui::vec2(1280.0, 800.0);
    let fresh = caption_height(&caption_at(small, None));

    let mut resized = caption_at(egui::vec2(1920.0, 1080.0), None);
    let big = caption_height(&resized);
    assert!(big > fresh + 10.0, "{big} {fresh}");
    resized.set_size(small);
    resized.run();
    let after = caption_height(&resized);
    assert!(
        (after - fresh).abs() < 1.0,
        "after resizing: {after}, fresh: {fresh}"
    );

    // The longest rationale, then the step after it.
    let loaded = model::bundled().unwrap();
    let order = loaded.graph.topological_order();
    let longest = (0..order.len() - 1)
        .max_by_key(|&k| loaded.roadmap.topics[order[k]].rationale.len())
        .unwrap();
    let next = &loaded.roadmap.topics[order[longest + 1]].id;
    let fresh = caption_height(&caption_at(small, Some(next)));
    let mut stepped = caption_at(small, Some(&loaded.roadmap.topics[order[longest]].id));
    let long = caption_height(&stepped);
    stepped.key_press(Key::ArrowRight);
    stepped.run();
    let after = caption_height(&stepped);
    assert!(long >= fresh, "{long} {fresh}");
    assert!(
        (after - fresh).abs() < 1.0,
        "after stepping: {after}, fresh: {fresh}"
    );
}

/// A window manager can report a resize (leaving full screen, say) after the frame that drew
/// it: each change of size asks for one more frame, so no strip of the old size stays on screen
/// while presenting, where nothing else would paint. A window that stays the same size asks for
/// nothing.
#[test]
fn a_resize_while_presenting_asks_for_a_frame_at_the_new_size() {
    let mut harness = caption_at(egui::vec2(1920.0, 1080.0), None);
    for _ in 0..40 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run();
    }
    harness.step();
    assert!(
        !harness.ctx.has_requested_repaint(),
        "an idle show paints nothing"
    );
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.step();
    assert!(harness.ctx.has_requested_repaint());
}
