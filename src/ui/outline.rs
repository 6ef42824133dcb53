//! The outline: phases in order, and each phase's topics in topological order with their
//! summaries. Opening a topic shows why it sits there and its sources. Each topic has a checkbox
//! for done, and follows the map's selection; it fills the window or sits beside the map.

use super::details::source_ui;
use super::linked_text::linked_text_ui;
use crate::model::TopicIndex;
use crate::model::{LoadedRoadmap, Overview, Status};

/// What the user asked for in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineAction {
    /// Select this topic on the map.
    Select(TopicIndex),
    /// Set a topic's status (its checkbox was ticked or cleared).
    SetStatus(TopicIndex, Status),
}

/// What the outline shows besides the roadmap.
#[derive(Debug, Clone, Copy)]
pub struct OutlineState<'a> {
    /// Where each topic stands.
    pub overview: &'a Overview,
    /// The topic selected on the map.
    pub selected: Option<usize>,
    /// Scroll this topic into view (the selection changed).
    pub scroll_to: Option<usize>,
    /// Beside the map: titles and checkboxes only.
    pub compact: bool,
}

const MAX_TEXT_WIDTH: f32 = 860.0;

/// Draws the outline of the whole roadmap, scrolling.
pub fn outline_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    state: OutlineState<'_>,
) -> Vec<OutlineAction> {
    let mut actions = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // A readable column, centred in wide windows.
            let width = ui.available_width().min(MAX_TEXT_WIDTH);
            ui.horizontal(|ui| {
                ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
                ui.vertical(|ui| {
                    ui.set_width(width);
                    column_ui(ui, loaded, state, &mut actions);
                });
            });
        });
    actions
}

fn column_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    state: OutlineState<'_>,
    actions: &mut Vec<OutlineAction>,
) {
    let roadmap = &loaded.roadmap;
    if !roadmap.description.is_empty() && !state.compact {
        ui.add_space(4.0);
        ui.label(&roadmap.description);
    }
    let mut number = 0;
    for (p, phase) in roadmap.phases_in_order().into_iter().enumerate() {
        ui.add_space(if state.compact { 8.0 } else { 14.0 });
        let heading = format!("Phase {}: {}", p + 1, phase.title);
        if state.compact {
            ui.strong(heading);
        } else {
            ui.heading(heading);
            if !phase.goal.is_empty() {
                ui.weak(&phase.goal);
            }
        }
        ui.separator();
        for &i in loaded.graph.topological_order() {
            if roadmap.topics[i].phase == phase.id {
                number += 1;
                topic_ui(ui, loaded, i, number, state, actions);
            }
        }
    }
    if !roadmap.references.is_empty() && !state.compact {
        ui.add_space(14.0);
        ui.heading("References");
        ui.separator();
        for source in &roadmap.references {
            source_ui(ui, source);
        }
    }
    ui.add_space(12.0);
}

fn topic_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    index: usize,
    number: usize,
    state: OutlineState<'_>,
    actions: &mut Vec<OutlineAction>,
) {
    let topic = &loaded.roadmap.topics[index];
    let status = state
        .overview
        .status
        .get(index)
        .copied()
        .unwrap_or_default();
    let selected = state.selected == Some(index);
    ui.add_space(if state.compact { 1.0 } else { 4.0 });
    let row = egui::Frame::new()
        .fill(if selected {
            ui.visuals().selection.bg_fill
        } else {
            egui::Color32::TRANSPARENT
        })
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| {
            // The button and the status word keep to the right of the row; the title wraps in
            // what is left, so nothing lands on a ragged line of its own.
            ui.horizontal(|ui| {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                    let show = match (selected, state.compact) {
                        (true, _) => "Selected",
                        (false, true) => "Show",
                        (false, false) => "Show on map",
                    };
                    if ui
                        .add_enabled(!selected, egui::Button::new(show).small())
                        .on_hover_text("Select it on the map")
                        .clicked()
                    {
                        actions.push(OutlineAction::Select(TopicIndex::new(index)));
                    }
                    if matches!(status, Status::Doing | Status::Skipped) {
                        ui.weak(status.name());
                    }
                    ui.with_layout(
                        egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true),
                        |ui| {
                            let mut done = status == Status::Done;
                            let title =
                                egui::RichText::new(format!("{number}. {}", topic.title)).strong();
                            if ui
                                .checkbox(&mut done, title)
                                .on_hover_text("Done")
                                .changed()
                            {
                                let to = if done { Status::Done } else { Status::Todo };
                                actions.push(OutlineAction::SetStatus(TopicIndex::new(index), to));
                            }
                        },
                    );
                });
            });
        });
    if state.scroll_to == Some(index) {
        row.response.scroll_to_me(Some(egui::Align::Center));
    }
    if state.compact {
        return;
    }
    ui.indent(("summary", &topic.id), |ui| {
        if let Some(i) = linked_text_ui(ui, loaded, &topic.summary, |r| r) {
            actions.push(OutlineAction::Select(TopicIndex::new(i)));
        }
        egui::CollapsingHeader::new("Why here, and sources")
            .id_salt(("details", &topic.id))
            .show(ui, |ui| {
                if let Some(i) = details_ui(ui, loaded, index) {
                    actions.push(OutlineAction::Select(TopicIndex::new(i)));
                }
            });
    });
}

/// A topic's rationale, links and sources; returns the topic whose reference was clicked.
fn details_ui(ui: &mut egui::Ui, loaded: &LoadedRoadmap, index: usize) -> Option<usize> {
    let topic = &loaded.roadmap.topics[index];
    let clicked = linked_text_ui(ui, loaded, &topic.rationale, |r| r);
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
    clicked
}
