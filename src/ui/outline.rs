//! The outline: phases in order, and each phase's topics in topological order with their
//! summaries. Opening a topic shows why it sits there and its sources.

use super::details::source_ui;
use crate::model::LoadedRoadmap;

const MAX_TEXT_WIDTH: f32 = 860.0;

/// Draws the outline of the whole roadmap, scrolling.
pub fn outline_ui(ui: &mut egui::Ui, loaded: &LoadedRoadmap) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // A readable column, centred in wide windows.
            let width = ui.available_width().min(MAX_TEXT_WIDTH);
            ui.horizontal(|ui| {
                ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
                ui.vertical(|ui| {
                    ui.set_width(width);
                    column_ui(ui, loaded);
                });
            });
        });
}

fn column_ui(ui: &mut egui::Ui, loaded: &LoadedRoadmap) {
    let roadmap = &loaded.roadmap;
    if !roadmap.description.is_empty() {
        ui.add_space(4.0);
        ui.label(&roadmap.description);
    }
    let mut number = 0;
    for (p, phase) in roadmap.phases_in_order().into_iter().enumerate() {
        ui.add_space(14.0);
        ui.heading(format!("Phase {}: {}", p + 1, phase.title));
        if !phase.goal.is_empty() {
            ui.weak(&phase.goal);
        }
        ui.separator();
        for &i in loaded.graph.topological_order() {
            if roadmap.topics[i].phase == phase.id {
                number += 1;
                topic_ui(ui, loaded, i, number);
            }
        }
    }
    if !roadmap.references.is_empty() {
        ui.add_space(14.0);
        ui.heading("References");
        ui.separator();
        for source in &roadmap.references {
            source_ui(ui, source);
        }
    }
    ui.add_space(12.0);
}

fn topic_ui(ui: &mut egui::Ui, loaded: &LoadedRoadmap, index: usize, number: usize) {
    let topic = &loaded.roadmap.topics[index];
    ui.add_space(4.0);
    ui.label(egui::RichText::new(format!("{number}. {}", topic.title)).strong());
    ui.indent(("summary", &topic.id), |ui| {
        ui.label(&topic.summary);
        egui::CollapsingHeader::new("Why here, and sources")
            .id_salt(("details", &topic.id))
            .show(ui, |ui| details_ui(ui, loaded, index));
    });
}

fn details_ui(ui: &mut egui::Ui, loaded: &LoadedRoadmap, index: usize) {
    let topic = &loaded.roadmap.topics[index];
    ui.label(&topic.rationale);
    let names = |ids: Vec<usize>| {
        ids.into_iter()
            .map(|i| loaded.roadmap.topics[i].title.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let prerequisites = loaded.graph.prerequisites(index);
    if !prerequisites.is_empty() {
        ui.label(format!("After: {}", names(prerequisites)));
    }
    let unlocks = loaded.graph.unlocks(index);
    if !unlocks.is_empty() {
        ui.label(format!("Unlocks: {}", names(unlocks)));
    }
    if let Some(hours) = topic.estimate_hours {
        ui.weak(format!("About {hours} hours"));
    }
    for source in &topic.sources {
        source_ui(ui, source);
    }
}
