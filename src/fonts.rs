//! Fonts: the app's own (egui's bundled fonts, so a PNG looks like the window on any machine),
//! then the system's as a fallback for scripts the bundled ones lack (Chinese, Japanese, Arabic,
//! …). The window and the picture exports both add the fallbacks a roadmap's text needs.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// The family the app's titles are set in (egui's proportional font), as SVG names it.
pub const FAMILY: &str = "Ubuntu";

/// The `font-family` list written into SVG files: the app's font first, then what a machine
/// without it is likely to have.
pub const FAMILY_LIST: &str = "Ubuntu, 'Ubuntu Light', 'Noto Sans', 'Segoe UI', 'Helvetica Neue', \
                               Arial, 'Noto Sans CJK SC', 'Noto Color Emoji', sans-serif";

/// The app's proportional fonts, in the order egui falls back through them: the text font, then
/// its emoji fonts.
#[must_use]
pub fn bundled() -> Vec<Cow<'static, [u8]>> {
    let definitions = egui::FontDefinitions::default();
    definitions
        .families
        .get(&egui::FontFamily::Proportional)
        .into_iter()
        .flatten()
        .filter_map(|name| definitions.font_data.get(name))
        .map(|data| data.font.clone())
        .collect()
}

/// The font database the exports render with: the bundled fonts, then the system's; loaded once.
#[must_use]
pub fn database() -> Arc<fontdb::Database> {
    static DATABASE: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for bytes in bundled() {
                db.load_font_data(bytes.into_owned());
            }
            // Test builds bring small fonts of their own for the scripts they draw, so they
            // pass on a machine without such system fonts.
            #[cfg(feature = "fixtures")]
            db.load_fonts_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fonts"));
            db.load_system_fonts();
            db.set_sans_serif_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Options for reading the SVG exports with usvg: the export fonts, the app's family first.
#[must_use]
pub fn usvg_options() -> resvg::usvg::Options<'static> {
    resvg::usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: database(),
        ..resvg::usvg::Options::default()
    }
}

/// A system font that holds characters the bundled fonts lack.
#[derive(Debug, Clone)]
pub struct Fallback {
    /// A name for egui's font table, unique per face.
    pub name: String,
    /// The font file's bytes.
    pub bytes: Vec<u8>,
    /// The face's index within the file.
    pub index: u32,
}

/// The system fonts needed to draw `text`: for every character the bundled fonts lack, the
/// first system face that has it; each face once, in the order first needed. Empty when the
/// bundled fonts cover everything (the usual case), without looking at the system's fonts.
#[must_use]
pub fn fallbacks_for(text: impl IntoIterator<Item = char>) -> Vec<Fallback> {
    let bundled = bundled();
    let faces: Vec<ttf_parser::Face<'_>> = bundled
        .iter()
        .filter_map(|b| ttf_parser::Face::parse(b, 0).ok())
        .collect();
    // Each character is looked up once: a roadmap's text has a few hundred distinct ones in
    // hundreds of thousands.
    let mut ascii = [false; 128];
    let mut others = Vec::new();
    for c in text {
        match ascii.get_mut(c as usize) {
            Some(seen) => *seen = true,
            None => others.push(c),
        }
    }
    others.sort_unstable();
    others.dedup();
    let distinct = (0..128u8)
        .filter(|&b| ascii[usize::from(b)])
        .map(char::from)
        .chain(others);
    let missing: Vec<char> = distinct
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .filter(|&c| faces.iter().all(|f| f.glyph_index(c).is_none()))
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let db = database();
    let mut chosen: Vec<fontdb::ID> = Vec::new();
    for c in missing {
        if chosen.iter().any(|&id| face_holds(&db, id, c)) {
            continue;
        }
        if let Some(id) = system_face_for(c) {
            chosen.push(id);
        }
    }
    chosen
        .into_iter()
        .filter_map(|id| {
            let face = db.face(id)?;
            let name = format!("fallback: {} #{}", face.post_script_name, face.index);
            db.with_face_data(id, |data, index| Fallback {
                name,
                bytes: data.to_vec(),
                index,
            })
        })
        .collect()
}

/// Whether the face `id` of `db` has a glyph for `c`.
fn face_holds(db: &fontdb::Database, id: fontdb::ID, c: char) -> bool {
    db.with_face_data(id, |data, index| {
        ttf_parser::Face::parse(data, index)
            .ok()
            .and_then(|f| f.glyph_index(c))
            .is_some()
    })
    .unwrap_or(false)
}

/// The face of the export fonts that draws `c` when the bundled ones cannot: of the faces that
/// have it, the plainest (regular weight, normal width, upright).
#[must_use]
pub fn system_face_for(c: char) -> Option<fontdb::ID> {
    let db = database();
    let plain = |f: &fontdb::FaceInfo| {
        (
            f.weight.0.abs_diff(400),
            f.stretch != fontdb::Stretch::Normal,
            f.style != fontdb::Style::Normal,
        )
    };
    db.faces()
        .filter(|f| face_holds(&db, f.id, c))
        .min_by_key(|f| plain(f))
        .map(|f| f.id)
}

/// Runs `f` with egui's fonts and the `extra` fallbacks, outside any window: how the exports and
/// the background layout measure titles as the window would.
pub fn with_fonts<R>(
    extra: Vec<Fallback>,
    f: impl FnOnce(&mut egui::epaint::FontsView<'_>) -> R,
) -> R {
    let ctx = egui::Context::default();
    install(&ctx, extra);
    ctx.begin_pass(egui::RawInput::default());
    let result = ctx.fonts_mut(f);
    // Nothing is drawn: the font atlas's texture updates are dropped on purpose.
    let mut output = ctx.end_pass();
    output.textures_delta.clear();
    result
}

/// Adds the fallbacks to egui's proportional and monospace families, after the bundled fonts;
/// they take effect from the next pass.
pub fn install(ctx: &egui::Context, fallbacks: Vec<Fallback>) {
    for fallback in fallbacks {
        let mut data = egui::FontData::from_owned(fallback.bytes);
        data.index = fallback.index;
        ctx.add_font(egui::epaint::text::FontInsert::new(
            &fallback.name,
            data,
            vec![
                egui::epaint::text::InsertFontFamily {
                    family: egui::FontFamily::Proportional,
                    priority: egui::epaint::text::FontPriority::Lowest,
                },
                egui::epaint::text::InsertFontFamily {
                    family: egui::FontFamily::Monospace,
                    priority: egui::epaint::text::FontPriority::Lowest,
                },
            ],
        ));
    }
}

/// Every character of a roadmap that the window or a picture may draw.
pub fn roadmap_chars(roadmap: &crate::model::Roadmap) -> impl Iterator<Item = char> + '_ {
    let phases = roadmap
        .phases
        .iter()
        .flat_map(|p| [p.title.as_str(), p.goal.as_str()]);
    let topics = roadmap.topics.iter().flat_map(|t| {
        [t.title.as_str(), t.summary.as_str(), t.rationale.as_str()]
            .into_iter()
            .chain(t.sources.iter().map(|s| s.title.as_str()))
            .chain(t.tags.iter().map(String::as_str))
    });
    [roadmap.title.as_str(), roadmap.description.as_str()]
        .into_iter()
        .chain(phases)
        .chain(topics)
        .flat_map(str::chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_font_is_found_under_the_family_the_svg_names() {
        let db = database();
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(FAMILY)],
            weight: fontdb::Weight::NORMAL,
            ..fontdb::Query::default()
        };
        let id = db
            .query(&query)
            .expect("the bundled font is in the database");
        let face = db.face(id).expect("face");
        assert!(
            face.families.iter().any(|(name, _)| name == FAMILY),
            "{:?}",
            face.families
        );
        assert!(!bundled().is_empty());
    }
}
