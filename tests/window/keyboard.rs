//! The keyboard on the map: arrows walk prerequisites, dependents and layers, Enter opens the
//! panel, F1 lists every shortcut, and nothing fires while a text field has the keyboard.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::RoadmapApp;
use roadmap::model::Status;

use crate::common;

use common::{select, topic};

fn harness() -> Harness<'static, RoadmapApp> {
    common::bundled_window(egui::vec2(1280.0, 800.0))
}

fn press(harness: &mut Harness<'_, RoadmapApp>, key: Key) -> usize {
    harness.key_press(key);
    harness.run();
    harness.state().selected().unwrap()
}

#[test]
fn left_walks_to_prerequisites_and_right_to_what_a_topic_unlocks() {
    let mut harness = harness();
    select(&mut harness, "knowledge-bases");
    let kb = topic(&harness, "knowledge-bases");
    let graph = harness.state().roadmap().graph.clone();

    let back = press(&mut harness, Key::ArrowLeft);
    assert_eq!(
        back,
        topic(&harness, "rag-fundamentals"),
        "its one prerequisite"
    );
    let further = press(&mut harness, Key::ArrowLeft);
    assert!(graph.prerequisites(back).contains(&further));
    let again = press(&mut harness, Key::ArrowRight);
    assert!(
        graph.unlocks(further).contains(&again),
        "a topic it unlocks"
    );

    select(&mut harness, "knowledge-bases");
    let next = press(&mut harness, Key::ArrowRight);
    assert!(graph.unlocks(kb).contains(&next), "{next}");

    // From the first topic there is nothing further left: the selection stays.
    select(&mut harness, "foundation-models");
    assert_eq!(
        press(&mut harness, Key::ArrowLeft),
        topic(&harness, "foundation-models")
    );
}

#[test]
fn up_and_down_stay_in_the_layer_and_the_camera_follows() {
    let mut harness = harness();
    select(&mut harness, "guardrails");
    let start = topic(&harness, "guardrails");
    let layer = harness.state().map().layer_of(start).unwrap();
    let down = press(&mut harness, Key::ArrowDown);
    assert_ne!(down, start);
    assert_eq!(harness.state().map().layer_of(down), Some(layer));
    let map = harness.state().map();
    assert!(
        map.screen_rect_of(down).unwrap().center().y
            > map.screen_rect_of(start).unwrap().center().y
    );
    assert_eq!(press(&mut harness, Key::ArrowUp), start, "Up comes back");

    // Walk a long way: the camera keeps the selection on screen.
    for _ in 0..12 {
        press(&mut harness, Key::ArrowRight);
    }
    let at = harness.state().selected().unwrap();
    let on_screen = harness.state().map().screen_rect_of(at).unwrap();
    assert!(
        egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))
            .contains_rect(on_screen),
        "{on_screen:?}"
    );
}

#[test]
fn top_to_bottom_turns_the_arrows() {
    let mut harness = harness();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Layers top to bottom").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    select(&mut harness, "knowledge-bases");
    let kb = topic(&harness, "knowledge-bases");
    assert_eq!(
        press(&mut harness, Key::ArrowUp),
        topic(&harness, "rag-fundamentals"),
        "Up: the prerequisite above"
    );
    let down = press(&mut harness, Key::ArrowDown);
    assert_eq!(down, kb, "Down: back to what it unlocks");
    let right = press(&mut harness, Key::ArrowRight);
    assert_eq!(
        harness.state().map().layer_of(right),
        harness.state().map().layer_of(kb),
        "Right: the neighbour in the row"
    );
}

#[test]
fn arrows_start_at_the_first_topic_and_enter_opens_the_panel() {
    let mut harness = harness();
    let first = press(&mut harness, Key::ArrowRight);
    assert_eq!(first, topic(&harness, "foundation-models"));
    assert!(
        !harness.state().details_open(),
        "moving keeps the panel closed"
    );
    let next = press(&mut harness, Key::ArrowRight);
    assert!(!harness.state().details_open());
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().details_open());
    let rationale = harness.state().roadmap().roadmap.topics[next]
        .rationale
        .clone();
    assert!(common::shows(&harness, &rationale));
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn keys_do_not_fire_while_a_text_field_has_the_keyboard() {
    let mut harness = harness();
    select(&mut harness, "guardrails");
    let note = harness.get_by_role(Role::MultilineTextInput);
    note.focus();
    harness.run();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("dist");
    harness.run();
    for key in [Key::D, Key::ArrowLeft, Key::F, Key::F1] {
        harness.key_press(key);
        harness.run();
    }
    let guardrails = topic(&harness, "guardrails");
    assert_eq!(harness.state().selected(), Some(guardrails));
    assert_eq!(
        harness.state().tracker().progress().status("guardrails"),
        Status::Todo
    );
    assert!(!harness.state().help_open());
}

#[test]
fn f1_lists_every_shortcut_and_esc_closes_it() {
    let mut harness = harness();
    harness.key_press(Key::F1);
    harness.run();
    assert!(harness.state().help_open());
    for keys in [
        "Ctrl+F  or  /",
        "F",
        "M",
        "D  I  S  T",
        "Ctrl+Z",
        "Ctrl+O",
        "Ctrl+E",
    ] {
        harness.get_by_label(keys);
    }
    harness.snapshot("help");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().help_open());
    harness.key_press(Key::Questionmark);
    harness.run();
    assert!(harness.state().help_open(), "? opens it too");
}

/// One table of bindings: the shortcuts window lists every row of it, and each key it names for
/// a menu entry is the one the menu shows and the one that works.
#[test]
fn the_shortcuts_window_and_the_menus_read_the_one_table_of_bindings() {
    use roadmap::command::{self, Action};
    let mut harness = harness();
    harness.key_press(Key::F1);
    harness.run();
    for (group, rows) in command::help_rows() {
        assert!(harness.get_all_by_label(group).next().is_some(), "{group}");
        for (_, what) in rows {
            harness.get_by_label(what);
        }
    }
    harness.key_press(Key::Escape);
    harness.run();
    // The View menu shows the key the table gives the overview map, and that key works.
    let key = Action::Minimap.binding().unwrap().keys[0];
    harness.get_by_label("View").click();
    harness.run();
    let label = format!("Overview map ({})", key.logical_key.name());
    harness.get_by_label(&label);
    harness.key_press(Key::Escape);
    harness.run();
    let before = harness.state().settings().overview_map;
    harness.key_press(key.logical_key);
    harness.run();
    assert_ne!(harness.state().settings().overview_map, before);
}

/// In a small window the shortcuts window fits the screen: its groups stand side by side, and
/// every row and Close can be seen and clicked.
#[test]
fn the_shortcuts_window_fits_a_small_screen() {
    let mut harness = common::bundled_window(egui::vec2(900.0, 600.0));
    harness.key_press(Key::F1);
    harness.run();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(900.0, 600.0));
    let close = harness.get_by_role_and_label(Role::Button, "Close").rect();
    assert!(screen.contains_rect(close), "Close at {close:?}");
    // Every binding is on screen.
    for (_, rows) in roadmap::command::help_rows() {
        for (_, what) in rows {
            let at = harness.get_by_label(what).rect();
            assert!(screen.contains_rect(at), "{what} at {at:?}");
        }
    }
    harness.snapshot("help_small");
    harness.get_by_role_and_label(Role::Button, "Close").click();
    harness.run();
    assert!(!harness.state().help_open());
}
