//! Progress in the window: ticking topics, what becomes ready, the progress bars, goals, notes,
//! undo and reset, driven as a user would.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::accesskit::Role;
use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::RoadmapApp;
use roadmap::model::{self, Standing, Status};

use crate::common;

use common::{select, topic};

fn harness() -> Harness<'static, RoadmapApp> {
    common::bundled_window(egui::vec2(1400.0, 900.0))
}

fn title(harness: &Harness<'_, RoadmapApp>, id: &str) -> String {
    harness.state().roadmap().roadmap.topics[topic(harness, id)]
        .title
        .clone()
}

fn click(harness: &mut Harness<'_, RoadmapApp>, pos: Pos2, button: PointerButton) {
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

#[test]
fn ticking_a_topic_done_makes_its_dependents_ready_and_moves_the_bar() {
    let mut harness = harness();
    assert!(
        harness
            .query_by_label_contains(&format!(
                "of {} done",
                harness.state().roadmap().roadmap.topics.len()
            ))
            .is_none(),
        "no bar before any progress"
    );
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();

    let overview = harness.state().tracker().overview().clone();
    assert_eq!(
        overview.status[topic(&harness, "foundation-models")],
        Status::Done
    );
    assert_eq!(
        overview.standing[topic(&harness, "bedrock-overview")],
        Standing::Ready
    );
    assert_eq!(
        overview.standing[topic(&harness, "bedrock-model-catalog")],
        Standing::Locked
    );
    let all = harness.state().roadmap().roadmap.topics.len();
    harness.get_by_label_contains(&format!("1 of {all} done"));
    // With the panel closed, the progress panel's "Next up" is the one place listing, as links,
    // the three topics it unlocked.
    harness.key_press(egui::Key::Escape);
    harness.run();
    for id in ["bedrock-overview", "tokens-and-context", "genai-use-cases"] {
        harness.get_by_role_and_label(Role::Label, &title(&harness, id));
    }
    // The phase's own bar.
    let loaded = harness.state().roadmap();
    let in_phase = loaded
        .roadmap
        .topics
        .iter()
        .filter(|t| t.phase == "bedrock")
        .count();
    harness.get_by_label(&format!("1 of {in_phase}"));
}

#[test]
fn the_context_menu_sets_a_status() {
    let mut harness = harness();
    let i = topic(&harness, "foundation-models");
    let at = harness.state().map().screen_rect_of(i).unwrap().center();
    click(&mut harness, at, PointerButton::Secondary);
    harness.get_by_label_contains("Mark skipped").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .tracker()
            .progress()
            .status("foundation-models"),
        Status::Skipped
    );
    let overview = harness.state().tracker().overview();
    assert_eq!(
        overview.standing[topic(&harness, "bedrock-overview")],
        Standing::Ready,
        "skipped clears the way"
    );
}

#[test]
fn setting_a_goal_highlights_its_open_prerequisites() {
    let mut harness = harness();
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();
    select(&mut harness, "knowledge-bases");
    harness.get_by_label("Set as goal").click();
    harness.run();
    let kb = topic(&harness, "knowledge-bases");
    assert_eq!(
        harness.state().tracker().goal(harness.state().roadmap()),
        Some(kb)
    );
    let (open, hours) = harness
        .state()
        .tracker()
        .overview()
        .toward(harness.state().roadmap(), kb);
    // Told in the topic's panel and in the progress panel.
    let to_go = format!(
        "{} topics (about {} hours) to go.",
        open.len(),
        hours.round()
    );
    assert_eq!(harness.get_all_by_label(&to_go).count(), 2);

    // With nothing selected or hovered, the map follows the goal: open prerequisites lit,
    // done ones and unrelated ones not.
    harness.key_press(egui::Key::Escape);
    harness.hover_at(egui::pos2(5.0, 895.0));
    harness.run();
    let map = harness.state().map();
    assert_eq!(
        map.highlight_of(topic(&harness, "rag-fundamentals")),
        Some((kb, true))
    );
    assert_eq!(
        map.highlight_of(topic(&harness, "embeddings")),
        Some((kb, true))
    );
    assert_eq!(
        map.highlight_of(topic(&harness, "foundation-models")),
        Some((kb, false)),
        "done"
    );
    assert_eq!(
        map.highlight_of(topic(&harness, "agents")),
        Some((kb, false)),
        "after the goal"
    );
}

#[test]
fn a_note_is_kept_per_topic_and_undo_takes_it_back() {
    let mut harness = harness();
    select(&mut harness, "guardrails");
    harness.get_by_role(Role::MultilineTextInput).focus();
    harness.run();
    harness
        .get_by_role(Role::MultilineTextInput)
        .type_text("Check PII filters");
    harness.run();
    assert_eq!(
        harness.state().tracker().progress().note("guardrails"),
        "Check PII filters"
    );

    // Leave the note field, then undo from the keyboard.
    harness.key_press(egui::Key::Escape);
    harness.run();
    select(&mut harness, "guardrails");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().tracker().progress().note("guardrails"), "");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    harness.run();
    assert_eq!(
        harness.state().tracker().progress().note("guardrails"),
        "Check PII filters"
    );
}

#[test]
fn reset_asks_first_and_can_be_undone() {
    let mut harness = harness();
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Reset progress…").click();
    harness.run();
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .tracker()
            .progress()
            .status("foundation-models"),
        Status::Done
    );

    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Reset progress…").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Reset progress")
        .click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .tracker()
            .progress()
            .status("foundation-models"),
        Status::Todo
    );
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .tracker()
            .progress()
            .status("foundation-models"),
        Status::Done
    );
}

#[test]
fn snapshot_light_with_progress() {
    let loaded = model::bundled().unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(30)
        .with_theme(egui::Theme::Light)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None));
    harness.run();
    for (id, key) in [
        ("foundation-models", egui::Key::D),
        ("bedrock-overview", egui::Key::D),
        ("tokens-and-context", egui::Key::D),
        ("bedrock-model-catalog", egui::Key::S),
        ("first-api-calls", egui::Key::I),
    ] {
        select(&mut harness, id);
        harness.key_press(key);
        harness.run();
    }
    // Around the start of the map, where every kind of badge shows.
    let at = harness
        .state()
        .map()
        .screen_rect_of(topic(&harness, "first-api-calls"))
        .unwrap()
        .center();
    harness.hover_at(at);
    for _ in 0..2 {
        harness.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -100.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
    harness.snapshot("progress_light");
}

#[test]
fn opening_a_personal_roadmap_restores_its_progress_and_undo_goes_back() {
    let mut harness = harness();
    let loaded = model::bundled().unwrap();
    let mut carried = model::Progress::new("bedrock-then-sagemaker");
    carried.set_status("foundation-models", Status::Done);
    carried.set_status("bedrock-overview", Status::Done);
    let bytes = roadmap::export::export(
        roadmap::export::Format::Json,
        &roadmap::export::Personal {
            loaded: &loaded,
            progress: &carried,
        },
        &roadmap::export::Options::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.json");
    std::fs::write(&file, bytes).unwrap();

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open from a path…").click();
    harness.run();
    common::focused_field(&harness).type_text(file.to_str().unwrap());
    harness.run();
    harness.get_by_label("Open").click();
    // Up to 30 s: the load runs on a thread of its own, and a busy machine can be slow.
    for _ in 0..1500 {
        harness.run();
        if harness
            .state()
            .tracker()
            .progress()
            .status("bedrock-overview")
            == Status::Done
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        harness
            .state()
            .tracker()
            .progress()
            .status("bedrock-overview"),
        Status::Done
    );
    harness.get_by_label_contains("The progress saved in this file was restored");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        harness
            .state()
            .tracker()
            .progress()
            .status("bedrock-overview"),
        Status::Todo
    );
}

/// The legend on screen and the legend of the SVG export are one item drawn twice: the same
/// words, badge sizes and text size, and the same spacing from the legend's corner.
#[test]
fn the_screen_and_the_svg_draw_the_same_legend() {
    use roadmap::export::{self, Format, Options, Personal};
    let mut harness = harness();
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();
    let screen = harness.state().map().legend().unwrap().clone();

    let svg = export::export(
        Format::Svg,
        &Personal {
            loaded: harness.state().roadmap(),
            progress: harness.state().tracker().progress(),
        },
        &Options::default(),
    )
    .unwrap();
    let svg = String::from_utf8(svg).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let group = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("legend"))
        .unwrap();
    let number = |n: roxmltree::Node<'_, '_>, name: &str| -> f32 {
        n.attribute(name).unwrap().parse().unwrap()
    };
    let backing = group.children().find(|n| n.has_tag_name("rect")).unwrap();
    let corner = egui::pos2(number(backing, "x"), number(backing, "y"));
    assert!((number(backing, "width") - screen.rect.width()).abs() < 0.01);
    assert!((number(backing, "height") - screen.rect.height()).abs() < 0.01);

    let words: Vec<(String, egui::Vec2, f32)> = group
        .children()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let at = egui::pos2(number(n, "x"), number(n, "y"));
            (
                n.text().unwrap().to_owned(),
                at - corner,
                number(n, "font-size"),
            )
        })
        .collect();
    assert_eq!(words.len(), screen.entries.len());
    for ((word, offset, size), (_, screen_word, text_at)) in words.iter().zip(&screen.entries) {
        assert_eq!(word, screen_word);
        assert!((*size - screen.text_size).abs() < 0.01);
        let on_screen = *text_at - screen.rect.min;
        assert!(
            (*offset - on_screen).length() < 0.01,
            "{word}: {offset:?} in the SVG, {on_screen:?} on screen"
        );
    }
    // The badges: the first circle of each entry, at the same place from the corner.
    let circles: Vec<(egui::Vec2, f32)> = group
        .children()
        .filter(|n| n.has_tag_name("circle"))
        .map(|n| {
            (
                egui::pos2(number(n, "cx"), number(n, "cy")) - corner,
                number(n, "r"),
            )
        })
        .collect();
    for (badge, _, _) in &screen.entries {
        let on_screen = badge.centre - screen.rect.min;
        assert!(
            circles
                .iter()
                .any(|(c, r)| (*c - on_screen).length() < 0.01 && (r - badge.radius).abs() < 0.01),
            "no badge at {on_screen:?} in the SVG: {circles:?}"
        );
    }
}

/// File > Open from a path… with `path`, waiting until the window shows the roadmap `id`.
fn open_from_path(harness: &mut Harness<'_, RoadmapApp>, path: &std::path::Path, id: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open from a path…").click();
    harness.run();
    // The field starts with the open file's path: select it all and type over it.
    common::focused_field(harness).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.run();
    common::focused_field(harness).type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label("Open").click();
    // The file loads on a thread of its own; a busy machine may take a while.
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(30) {
        harness.run();
        if harness.state().roadmap().roadmap.id == id {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("{} did not open", path.display());
}

/// A progress file given with `--progress` stays in use when another version of the same
/// roadmap is opened in the window; a roadmap with another id gets its own file in the progress
/// folder, and the window says so. The panel names the file in use.
#[test]
fn the_progress_file_given_stays_in_use_for_the_same_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let given = dir.path().join("p.json");
    let folder = dir.path().join("progress");
    let loaded = model::bundled().unwrap();
    let (given_for_app, folder_for_app) = (given.clone(), folder.clone());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(30)
        .build_eframe(move |_cc| {
            RoadmapApp::new(loaded, None)
                .without_file_dialogs()
                .with_progress_file(Some(given_for_app))
                .with_progress_folder(Some(folder_for_app))
                .keeping_progress_file()
        });
    harness.run();
    harness.get_by_label("Saved in p.json");
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();

    // A copy of the same roadmap, elsewhere: the same progress, the same file.
    let copy = dir.path().join("copy.json");
    std::fs::write(&copy, roadmap::model::load::BUNDLED_JSON).unwrap();
    open_from_path(&mut harness, &copy, "bedrock-then-sagemaker");
    let state = harness.state();
    assert_eq!(state.tracker().path(), Some(&given));
    assert_eq!(
        state.tracker().progress().status("foundation-models"),
        Status::Done
    );
    harness.get_by_label("Saved in p.json");
    select(&mut harness, "bedrock-overview");
    harness.key_press(egui::Key::I);
    harness.run();
    harness.state().tracker().flush().unwrap();
    let on_disk = roadmap::store::open(&given, "bedrock-then-sagemaker").progress;
    assert_eq!(on_disk.status("bedrock-overview"), Status::Doing);
    assert!(!folder.exists(), "nothing went to the progress folder");

    // Another roadmap: its own file in the folder, and a notice that says where.
    let tiny =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json");
    open_from_path(&mut harness, &tiny, "tiny");
    let own = folder.join("tiny.json");
    assert_eq!(harness.state().tracker().path(), Some(&own));
    harness.get_by_label_contains("holds the progress of another roadmap");
    harness.get_by_label("Saved in tiny.json");
    let kept = roadmap::store::open(&given, "bedrock-then-sagemaker").progress;
    assert_eq!(
        kept.status("bedrock-overview"),
        Status::Doing,
        "p.json is left as it was"
    );
}

/// The right-click menu says where the topic stands now.
#[test]
fn the_context_menu_shows_the_current_status() {
    let mut harness = harness();
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();
    let i = topic(&harness, "foundation-models");
    let at = harness.state().map().screen_rect_of(i).unwrap().center();
    click(&mut harness, at, PointerButton::Secondary);
    harness.get_by_label("Now: done");
}

/// The goal wears a mark of its own: a second outline in the palette's goal colour, never the
/// selection's, in every look, on screen and in pictures alike.
#[test]
fn the_goal_and_the_selection_are_marked_differently() {
    use roadmap::layout::Direction;
    use roadmap::picture::{items, palette, place};
    let loaded = model::bundled().unwrap();
    let placed = place::place(&loaded, Direction::LeftToRight, |title| place::Measured {
        rows: vec![title.to_owned()],
        size: egui::vec2(100.0, 14.0),
        line_height: 14.0,
    });
    for look in [
        palette::Look::Light,
        palette::Look::Dark,
        palette::Look::HighContrast,
    ] {
        let colours = palette::Palette::new(look);
        assert_ne!(colours.goal, colours.selection, "{look:?}");
        let item = items::topic(&placed, 0, &colours, None, true);
        let (_, _, stroke) = item.goal_ring.unwrap();
        assert_eq!(stroke.color, colours.goal);
    }
}

/// Undo says what it takes back: the Edit menu names the change, and a notice over the map says
/// what was undone for a few seconds, replaced by the next one rather than piling up.
#[test]
fn undo_says_what_it_takes_back() {
    let mut harness = harness();
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo mark done: What a foundation model is");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        harness
            .state()
            .tracker()
            .progress()
            .status("foundation-models"),
        Status::Todo
    );
    harness.get_by_label("Undone: mark done: What a foundation model is.");
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Y);
    harness.run();
    harness.get_by_label("Redone: mark done: What a foundation model is.");
    assert!(
        harness
            .query_by_label("Undone: mark done: What a foundation model is.")
            .is_none(),
        "one notice at a time"
    );
    // A new change takes the notice away.
    select(&mut harness, "bedrock-overview");
    harness.key_press(egui::Key::I);
    harness.run();
    assert!(harness.query_by_label_contains("Redone: ").is_none());

    // It says it briefly, then leaves the map alone.
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    harness
        .get_by_label("Undone: mark doing: Amazon Bedrock: managed access to foundation models.");
    std::thread::sleep(std::time::Duration::from_millis(4100));
    harness.run();
    assert!(harness.query_by_label_contains("Undone: ").is_none());
}

/// In a narrow map the legend runs on in rows instead of being cut off at the edge.
#[test]
fn the_legend_wraps_in_a_narrow_map() {
    let mut harness = common::bundled_window(egui::vec2(620.0, 600.0));
    select(&mut harness, "foundation-models");
    harness.key_press(egui::Key::D);
    harness.run();
    let state = harness.state();
    let (_, map) = state.map().camera();
    let legend = state.map().legend().unwrap();
    assert!(map.width() < 400.0, "the map is narrow here: {map:?}");
    assert!(
        map.contains_rect(legend.rect),
        "{:?} in {map:?}",
        legend.rect
    );
    assert!(legend.rect.height() > 30.0, "more than one row");
    for (badge, word, at) in &legend.entries {
        assert!(map.contains(badge.centre) && map.contains(*at), "{word}");
    }
}
