//! Themes and what the window remembers: light, dark and high contrast from View > Theme,
//! Ctrl+plus and Ctrl+minus for the text size, and the settings file, which never stops the app
//! however damaged it is.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::{RoadmapApp, View};
use roadmap::model;
use roadmap::settings::{self, SavedDirection, SavedView, Settings, ThemeChoice};

fn harness_with(
    settings: Settings,
    path: Option<std::path::PathBuf>,
) -> Harness<'static, RoadmapApp> {
    let loaded = model::bundled().unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None).with_settings(settings, path));
    harness.run();
    harness
}

fn choose_theme(harness: &mut Harness<'_, RoadmapApp>, label: &str) {
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Theme").click();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
}

fn select(harness: &mut Harness<'_, RoadmapApp>, title: &str) {
    harness.key_press(Key::F);
    harness.run();
    harness.get_by_role_and_label(Role::Button, title).click();
    harness.run();
}

#[test]
fn snapshot_high_contrast_with_progress() {
    let mut harness = harness_with(Settings::default(), None);
    choose_theme(&mut harness, "High contrast");
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    select(&mut harness, "What a foundation model is");
    harness.key_press(Key::D);
    harness.run();
    select(
        &mut harness,
        "Amazon Bedrock: managed access to foundation models",
    );
    harness.key_press(Key::I);
    harness.run();
    harness.snapshot("map_high_contrast");
}

#[test]
fn snapshot_presenting_in_high_contrast() {
    let settings = Settings {
        theme: ThemeChoice::HighContrast,
        ..Settings::default()
    };
    let mut harness = harness_with(settings, None);
    harness.key_press(Key::F5);
    harness.run();
    for _ in 0..16 {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    for _ in 0..30 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run();
    }
    harness.snapshot("present_high_contrast");
}

#[test]
fn the_theme_the_view_and_the_text_size_are_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    let mut harness = harness_with(Settings::default(), Some(path.clone()));
    choose_theme(&mut harness, "Light");
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert_eq!(
        settings::load(&path).0.theme,
        ThemeChoice::Light,
        "saved at once"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    let zoom = harness.ctx.zoom_factor();
    assert!(zoom > 1.0, "Ctrl+plus scales the text: {zoom}");
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Layers top to bottom").click();
    harness.run();
    harness.get_by_label("Outline").click();
    harness.run();
    harness.state().save_settings();
    drop(harness);

    let (saved, warning) = settings::load(&path);
    assert_eq!(warning, None);
    assert_eq!(saved.theme, ThemeChoice::Light);
    assert_eq!(saved.direction, SavedDirection::TopToBottom);
    assert_eq!(saved.view, SavedView::Outline);
    assert!((saved.zoom - zoom).abs() < 1e-4);

    let harness = harness_with(saved, Some(path));
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert!((harness.ctx.zoom_factor() - zoom).abs() < 1e-4);
    assert_eq!(harness.state().view(), View::Outline);
}

#[test]
fn a_bad_settings_file_gives_the_defaults_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    assert_eq!(
        settings::load(&path),
        (Settings::default(), None),
        "missing: quietly"
    );

    let cases: [&[u8]; 7] = [
        b"",
        b"{",
        b"not json",
        b"{\"theme\": \"purple\"}",
        b"{\"zoom\": \"large\"}",
        b"[1, 2, 3]",
        b"\xff\xfe{\x00}\x00",
    ];
    for bytes in cases {
        std::fs::write(&path, bytes).unwrap();
        let (loaded, warning) = settings::load(&path);
        assert_eq!(loaded, Settings::default(), "{bytes:?}");
        assert!(warning.is_some(), "{bytes:?}");
    }
    std::fs::write(&path, vec![b' '; 70 * 1024]).unwrap();
    assert!(settings::load(&path).1.is_some(), "too large");

    // Unknown fields are ignored, missing ones default, odd values are brought within sense.
    std::fs::write(
        &path,
        br#"{"theme": "dark", "zoom": 1000, "window_size": [5, 1e9], "from_the_future": 1}"#,
    )
    .unwrap();
    let (loaded, warning) = settings::load(&path);
    assert_eq!(warning, None);
    assert_eq!(loaded.theme, ThemeChoice::Dark);
    assert!((loaded.zoom - 3.0).abs() < f32::EPSILON);
    assert_eq!(loaded.window_size, Some([320.0, 16_384.0]));
    assert!(loaded.progress_panel);

    // A folder where the file should be.
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    assert_eq!(settings::load(&folder).0, Settings::default());

    // And the app starts with them all the same.
    std::fs::write(&path, b"{").unwrap();
    let (loaded, _) = settings::load(&path);
    let harness = harness_with(loaded, Some(path));
    assert_eq!(harness.state().view(), View::Map);
}

#[test]
fn saving_and_loading_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deeper").join("settings.json");
    let settings = Settings {
        theme: ThemeChoice::HighContrast,
        zoom: 1.5,
        last_roadmap: Some(dir.path().join("my roadmap.json")),
        window_size: Some([1600.0, 900.0]),
        direction: SavedDirection::TopToBottom,
        view: SavedView::Outline,
        progress_panel: false,
        outline_panel: true,
        overview_map: false,
    };
    settings::save(&path, &settings).unwrap();
    assert_eq!(settings::load(&path), (settings, None));
}

#[test]
fn the_roadmap_open_last_is_remembered_by_its_absolute_path() {
    // Opened as `roadmap tests/corpus/valid/minimal.json`, from the repository's folder.
    let relative = std::path::PathBuf::from("tests/corpus/valid/minimal.json");
    let loaded = model::load_file(&relative).unwrap();
    let file = relative.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(30)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, Some(file)));
    harness.run();
    let remembered = harness.state().settings().last_roadmap.unwrap();
    assert!(remembered.is_absolute(), "{}", remembered.display());
    assert_eq!(remembered, std::env::current_dir().unwrap().join(&relative));
}

/// Dimming leaves what is dimmed readable, and high contrast keeps its boxes at full strength:
/// a locked or skipped topic there is told by its badge and outline, not by fading.
#[test]
fn dimming_is_gentle_and_high_contrast_stays_high() {
    use roadmap::model::{Standing, Status};
    use roadmap::picture::items::NodeLook;
    use roadmap::picture::palette::{Look, Palette};
    for look in [Look::Light, Look::Dark] {
        assert!(Palette::new(look).dimmed >= 0.4, "{look:?}");
    }
    let high = Palette::new(Look::HighContrast);
    assert!(high.dimmed >= 0.7);
    for progress in [
        (Status::Todo, Standing::Locked),
        (Status::Skipped, Standing::Cleared),
    ] {
        assert!((NodeLook::new(&high, 0, Some(progress)).opacity - 1.0).abs() < f32::EPSILON);
        assert!(NodeLook::new(&Palette::new(Look::Light), 0, Some(progress)).opacity < 1.0);
    }
}
