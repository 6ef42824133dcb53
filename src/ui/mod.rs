//! Widgets of the window. Functions that draw take `&mut Ui` and end in `_ui`.

pub mod outline;

use crate::model::LoadedRoadmap;

/// The bar across the top: the roadmap's title and its size.
pub fn top_bar_ui(ui: &mut egui::Ui, loaded: &LoadedRoadmap) {
    let roadmap = &loaded.roadmap;
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.heading(&roadmap.title);
        ui.add_space(12.0);
        ui.weak(totals_text(loaded));
    });
    ui.add_space(6.0);
}

/// "54 topics · 2 phases · about 180 hours of study".
#[must_use]
pub fn totals_text(loaded: &LoadedRoadmap) -> String {
    let roadmap = &loaded.roadmap;
    let hours: f64 = roadmap.topics.iter().filter_map(|t| t.estimate_hours).sum();
    let counts = format!(
        "{} topics · {} phases",
        roadmap.topics.len(),
        roadmap.phases.len()
    );
    if hours > 0.0 {
        format!("{counts} · about {} hours of study", hours.round())
    } else {
        counts
    }
}
