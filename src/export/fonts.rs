//! The fonts the image and PDF exports draw with: the app's own (egui's bundled fonts, so a PNG
//! looks like the window on any machine), then the system's fonts as a fallback for scripts the
//! bundled ones lack (Chinese, Japanese, Arabic, …).

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
