//! Search in the window: Ctrl+F or / opens it, matches light up on the map while typing, typos
//! are forgiven, Enter selects the best match and brings it into view, Esc clears.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use crate::common;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::RoadmapApp;
use roadmap::model;
use roadmap::model::search::search;

const SIZE: Vec2 = egui::vec2(1280.0, 800.0);

fn harness() -> Harness<'static, RoadmapApp> {
    let loaded = model::bundled().unwrap();
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None));
    harness.run();
    harness
}

fn topic(harness: &Harness<'_, RoadmapApp>, id: &str) -> usize {
    harness.state().roadmap().graph.index_of(id).unwrap()
}

fn type_query(harness: &mut Harness<'_, RoadmapApp>, text: &str) {
    let field = common::focused_field(harness);
    field.focus();
    harness.run();
    common::focused_field(harness).type_text(text);
    harness.run();
}

fn open_with_ctrl_f(harness: &mut Harness<'_, RoadmapApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(harness.state().search().is_some(), "Ctrl+F opens search");
}

#[test]
fn the_best_match_ranks_first_even_with_typos() {
    let loaded = model::bundled().unwrap();
    let id = |i: usize| loaded.roadmap.topics[i].id.as_str();
    for (query, expected) in [
        ("guardrails", "guardrails"),
        ("gaurdrails", "guardrails"),
        ("knowlege bases", "knowledge-bases"),
        ("fine tunning", "fine-tuning"),
        ("mlflow", "experiment-tracking"),
        ("Retrieval augmented", "rag-fundamentals"),
    ] {
        let hits = search(&loaded, query);
        assert_eq!(hits.first().map(|h| id(h.topic)), Some(expected), "{query}");
    }
    // Tags count: every topic tagged mlops matches.
    let mlops = search(&loaded, "mlops");
    for (i, t) in loaded.roadmap.topics.iter().enumerate() {
        if t.tags.iter().any(|tag| tag == "mlops") {
            assert!(mlops.iter().any(|h| h.topic == i), "{}", t.id);
        }
    }
    assert!(search(&loaded, "zzzzqqq").is_empty());
    assert!(search(&loaded, "  ").is_empty());
}

#[test]
fn enter_selects_the_best_match_with_a_typo_and_brings_it_into_view() {
    let mut harness = harness();
    // Zoomed in far from the target, so the camera has to travel.
    for _ in 0..8 {
        harness.hover_at(egui::pos2(1200.0, 400.0));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, 120.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
    open_with_ctrl_f(&mut harness);
    type_query(&mut harness, "gaurdrails");
    let guardrails = topic(&harness, "guardrails");
    let matches = harness
        .state()
        .search()
        .unwrap()
        .matches()
        .unwrap()
        .to_vec();
    assert!(matches[guardrails], "the typo still matches");
    assert!(
        !matches[topic(&harness, "fine-tuning")],
        "unrelated topics do not"
    );
    assert!(
        harness.state().search().unwrap().hits()[0].topic == guardrails,
        "and ranks first"
    );

    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().selected(), Some(guardrails));
    let on_screen = harness.state().map().screen_rect_of(guardrails).unwrap();
    assert!(
        egui::Rect::from_min_size(Pos2::ZERO, SIZE).contains_rect(on_screen),
        "{on_screen:?}"
    );
    // The matches stay lit until Esc clears them.
    assert!(harness.state().search().is_some());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().search().is_none(), "Esc closes search");
    assert_eq!(
        harness.state().selected(),
        Some(guardrails),
        "and keeps the selection"
    );
}

#[test]
fn slash_opens_search_and_down_picks_the_second_result() {
    let mut harness = harness();
    harness.key_press(Key::Slash);
    harness.run();
    assert!(harness.state().search().is_some(), "/ opens search");
    type_query(&mut harness, "evaluation");
    let hits: Vec<usize> = harness
        .state()
        .search()
        .unwrap()
        .hits()
        .iter()
        .map(|h| h.topic)
        .collect();
    assert!(hits.len() >= 3, "{hits:?}");
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::ArrowUp);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().selected(), Some(hits[1]));
}

#[test]
fn a_result_in_the_list_can_be_clicked_and_typing_does_not_trigger_shortcuts() {
    let mut harness = harness();
    open_with_ctrl_f(&mut harness);
    // D, F and T are shortcuts on the map, but here they are letters of the query.
    type_query(&mut harness, "data prot");
    assert_eq!(harness.state().selected(), None);
    assert!(
        !harness
            .state()
            .tracker()
            .has_progress(harness.state().roadmap())
    );
    let title = "Data protection and encryption";
    // The list sits above the map, whose box for the topic has the same label.
    harness
        .get_all_by_label(title)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click();
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(topic(&harness, "data-protection"))
    );
}
