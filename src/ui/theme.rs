//! The window's side of the looks: the high-contrast visuals of egui's widgets, which palette a
//! window's visuals draw the map with, and how a theme choice is put into effect. The map's own
//! colours and sizes are in `picture::palette`.

use egui::Color32;

use crate::picture::palette::{Look, Palette};

/// The palette the map is drawn with under these visuals.
#[must_use]
pub fn palette(visuals: &egui::Visuals) -> Palette {
    Palette::new(if is_high_contrast(visuals) {
        Look::HighContrast
    } else if visuals.dark_mode {
        Look::Dark
    } else {
        Look::Light
    })
}

/// The high-contrast visuals: white text on black, strong outlines, yellow focus.
#[must_use]
pub fn high_contrast_visuals() -> egui::Visuals {
    use egui::Stroke;
    let mut v = egui::Visuals::dark();
    let white = Color32::WHITE;
    let yellow = Color32::from_rgb(0xFF, 0xEB, 0x3B);
    v.override_text_color = Some(white);
    v.panel_fill = Color32::BLACK;
    v.window_fill = Color32::BLACK;
    v.extreme_bg_color = Color32::from_gray(34);
    v.faint_bg_color = Color32::from_gray(24);
    v.code_bg_color = Color32::from_gray(30);
    v.window_stroke = Stroke::new(1.5, white);
    v.hyperlink_color = Color32::from_rgb(0x80, 0xD8, 0xFF);
    v.warn_fg_color = yellow;
    v.error_fg_color = Color32::from_rgb(0xFF, 0x80, 0x80);
    v.selection.bg_fill = Color32::from_rgb(0x00, 0x4C, 0x99);
    v.selection.stroke = Stroke::new(1.5, white);
    v.widgets.noninteractive.bg_fill = Color32::BLACK;
    v.widgets.noninteractive.weak_bg_fill = Color32::BLACK;
    v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, Color32::from_gray(200));
    v.widgets.noninteractive.fg_stroke = Stroke::new(1.0, white);
    for w in [&mut v.widgets.inactive, &mut v.widgets.open] {
        w.bg_fill = Color32::from_gray(28);
        w.weak_bg_fill = Color32::from_gray(28);
        w.bg_stroke = Stroke::new(1.0, Color32::from_gray(220));
        w.fg_stroke = Stroke::new(1.5, white);
    }
    for w in [&mut v.widgets.hovered, &mut v.widgets.active] {
        w.bg_fill = Color32::from_gray(45);
        w.weak_bg_fill = Color32::from_gray(45);
        w.bg_stroke = Stroke::new(2.0, yellow);
        w.fg_stroke = Stroke::new(2.0, white);
    }
    v
}

/// Whether these are the high-contrast visuals (their panels are pure black).
#[must_use]
pub fn is_high_contrast(visuals: &egui::Visuals) -> bool {
    visuals.dark_mode && visuals.panel_fill == Color32::BLACK
}

/// Puts a theme choice into effect: the theme preference, and the dark visuals swapped for the
/// high-contrast ones (or back).
pub fn apply_theme(ctx: &egui::Context, choice: crate::settings::ThemeChoice) {
    use crate::settings::ThemeChoice;
    let dark = if choice == ThemeChoice::HighContrast {
        high_contrast_visuals()
    } else {
        egui::Visuals::dark()
    };
    ctx.set_visuals_of(egui::Theme::Dark, dark);
    ctx.set_theme(match choice {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark | ThemeChoice::HighContrast => egui::ThemePreference::Dark,
    });
}
