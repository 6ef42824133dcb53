//! Text in any script: the bundled roadmap needs no font beyond the app's own, and a roadmap in
//! Chinese, Japanese, Arabic and emoji gets a real glyph for every character, in the
//! window and in the PNG export (snapshots of both).

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use roadmap::app::RoadmapApp;
use roadmap::export::{self, Format, Options, Personal};
use roadmap::fonts;
use roadmap::model::{self, Progress};

const SCRIPTS: &str = include_str!("../corpus/valid/scripts.json");

#[test]
fn the_bundled_roadmap_needs_no_fallback_font() {
    let loaded = model::bundled().unwrap();
    let needed = fonts::fallbacks_for(fonts::roadmap_chars(&loaded.roadmap));
    let names: Vec<&str> = needed.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.is_empty(),
        "characters outside the app's fonts: {names:?}"
    );
}

#[test]
fn every_character_of_a_many_script_roadmap_has_a_glyph() {
    let loaded = model::load_str(SCRIPTS, "scripts.json").unwrap();
    let fallbacks = fonts::fallbacks_for(fonts::roadmap_chars(&loaded.roadmap));
    assert!(
        !fallbacks.is_empty(),
        "CJK and Arabic need the system's fonts"
    );
    let bundled = fonts::bundled();
    let faces: Vec<ttf_parser::Face<'_>> = bundled
        .iter()
        .map(|b| ttf_parser::Face::parse(b, 0).unwrap())
        .chain(
            fallbacks
                .iter()
                .map(|f| ttf_parser::Face::parse(&f.bytes, f.index).unwrap()),
        )
        .collect();
    let tofu: String = fonts::roadmap_chars(&loaded.roadmap)
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .filter(|&c| faces.iter().all(|f| f.glyph_index(c).is_none()))
        .collect();
    assert!(tofu.is_empty(), "no glyph for {tofu:?}");
}

#[test]
fn snapshot_of_the_map_in_many_scripts() {
    let loaded = model::load_str(SCRIPTS, "scripts.json").unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 700.0))
        .with_max_steps(30)
        .with_theme(egui::Theme::Light)
        .build_eframe(move |_cc| RoadmapApp::new(loaded, None).without_file_dialogs());
    // The fallback fonts are added on the first frame and used from the next.
    for _ in 0..4 {
        harness.run();
    }
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "基础模型入门")
        .hover();
    harness.run();
    harness.snapshot("map_scripts");
}

#[test]
fn snapshot_of_the_png_export_in_many_scripts() {
    let loaded = model::load_str(SCRIPTS, "scripts.json").unwrap();
    let progress = Progress::new(&loaded.roadmap.id);
    let bytes = export::export(
        Format::Png,
        &Personal {
            loaded: &loaded,
            progress: &progress,
        },
        &Options {
            scale: 1.0,
            ..Options::default()
        },
    )
    .unwrap();
    let image = image::load_from_memory(&bytes).unwrap().to_rgba8();
    egui_kittest::image_snapshot(&image, "export_scripts");
}

/// Where the faces that hold `c` come from: the tests' own fonts (`tests/fonts`) or elsewhere.
fn faces_holding(c: char) -> (usize, usize) {
    use resvg::usvg::fontdb::Source;
    let db = fonts::database();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts");
    let (mut ours, mut others) = (0, 0);
    for face in db.faces() {
        let holds = db
            .with_face_data(face.id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .ok()
                    .and_then(|f| f.glyph_index(c))
                    .is_some()
            })
            .unwrap_or(false);
        if !holds {
            continue;
        }
        match &face.source {
            Source::File(path) | Source::SharedFile(path, _) if path.starts_with(&fixtures) => {
                ours += 1;
            }
            _ => others += 1,
        }
    }
    (ours, others)
}

/// The tests bring their own fonts for Chinese and Arabic, so the snapshots above pass on a
/// machine without them; where the system's fonts are installed (CI installs them and says so
/// with `ROADMAP_REQUIRE_SYSTEM_FONTS=1`), the fallback finds them there too, as the app does.
#[test]
fn fallback_fonts_come_from_the_tests_and_from_the_system_where_installed() {
    // Characters of the many-script roadmap: one Chinese, one Arabic.
    for c in ['学', 'ع'] {
        let (ours, others) = faces_holding(c);
        assert!(ours >= 1, "the tests' fonts lack {c}");
        if std::env::var_os("ROADMAP_REQUIRE_SYSTEM_FONTS").is_some_and(|v| v == "1") {
            assert!(others >= 1, "no system font holds {c}");
        }
    }
}
