//! The progress panel: how far the user is, overall and per phase, what can be started next, and
//! what stands before the goal.

use egui::RichText;

use super::details::goal_text;
use crate::model::{LoadedRoadmap, Overview};

/// Most ready topics listed before the rest are counted.
const NEXT_UP_SHOWN: usize = 12;

/// Draws the panel, with the study plan (`plan`) after the goal; returns a topic the user
/// clicked.
pub fn progress_panel_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    overview: &Overview,
    goal: Option<usize>,
    saved_in: Option<&std::path::Path>,
    plan: impl FnOnce(&mut egui::Ui),
) -> Option<usize> {
    let mut clicked = None;
    let topics = &loaded.roadmap.topics;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.label(RichText::new("Progress").heading());
            let (done, all) = overview.cleared_of(0..topics.len());
            bar_ui(ui, "Overall", done, all);
            for (k, (phase, (done, all))) in loaded
                .roadmap
                .phases_in_order()
                .iter()
                .zip(overview.by_phase(loaded))
                .enumerate()
            {
                bar_ui(ui, &format!("Phase {}: {}", k + 1, phase.title), done, all);
            }

            // What the user is on, first: it is what "finish first" means below.
            let doing: Vec<usize> = loaded
                .graph
                .topological_order()
                .iter()
                .copied()
                .filter(|&i| overview.status[i] == crate::model::Status::Doing)
                .collect();
            if !doing.is_empty() {
                ui.add_space(12.0);
                ui.label(RichText::new("In progress").strong());
                for &i in doing.iter().take(NEXT_UP_SHOWN) {
                    if ui
                        .link(&topics[i].title)
                        .on_hover_text(loaded.plain(&topics[i].summary))
                        .clicked()
                    {
                        clicked = Some(i);
                    }
                }
                if doing.len() > NEXT_UP_SHOWN {
                    ui.weak(format!("and {} more", doing.len() - NEXT_UP_SHOWN));
                }
            }

            ui.add_space(12.0);
            ui.label(RichText::new("Next up").strong());
            let next = overview.next_up(loaded);
            if next.is_empty() {
                ui.weak(if done == all {
                    "Everything is done or skipped."
                } else if doing.is_empty() {
                    "Nothing is ready yet."
                } else {
                    "Nothing else is ready: finish what is in progress first."
                });
            }
            for &i in next.iter().take(NEXT_UP_SHOWN) {
                if ui
                    .link(&topics[i].title)
                    .on_hover_text(loaded.plain(&topics[i].summary))
                    .clicked()
                {
                    clicked = Some(i);
                }
            }
            if next.len() > NEXT_UP_SHOWN {
                ui.weak(format!("and {} more", next.len() - NEXT_UP_SHOWN));
            }

            ui.add_space(12.0);
            ui.label(RichText::new("Goal").strong());
            match goal {
                Some(g) => {
                    if ui.link(&topics[g].title).clicked() {
                        clicked = Some(g);
                    }
                    let (open, hours) = overview.toward(loaded, g);
                    ui.weak(goal_text(open.len(), hours));
                }
                None => {
                    ui.weak("None yet: right-click a topic, or use Set as goal in its panel.");
                }
            }

            plan(ui);

            // Where the progress goes, so a user who keeps several files knows which one.
            ui.add_space(12.0);
            match saved_in {
                Some(path) => {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    ui.weak(format!("Saved in {name}"))
                        .on_hover_text(path.display().to_string());
                }
                None => {
                    ui.weak("Kept in memory only: nothing is saved.");
                }
            }
        });
    clicked
}

/// How far `done` of `all` is, from 0 to 1 (0 when there is nothing).
#[must_use]
pub fn fraction(done: usize, all: usize) -> f32 {
    if all == 0 {
        0.0
    } else {
        done as f32 / all as f32
    }
}

fn bar_ui(ui: &mut egui::Ui, label: &str, done: usize, all: usize) {
    ui.add_space(4.0);
    ui.label(label);
    ui.horizontal(|ui| {
        let width = (ui.available_width() - 70.0).max(40.0);
        meter_ui(ui, fraction(done, all), width);
        ui.label(format!("{done} of {all}"));
    });
}

/// A bar of how far something is: a track outlined so it shows on any background, filled to
/// `fraction`; its words go beside it, never over the fill.
pub fn meter_ui(ui: &mut egui::Ui, fraction: f32, width: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 10.0), egui::Sense::hover());
    let visuals = ui.visuals();
    let rounding = rect.height() / 2.0;
    ui.painter().rect(
        rect,
        rounding,
        visuals.extreme_bg_color,
        egui::Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    let filled = egui::Rect::from_min_size(
        rect.min,
        egui::vec2(rect.width() * fraction.clamp(0.0, 1.0), rect.height()),
    );
    if filled.width() > 0.0 {
        ui.painter()
            .rect_filled(filled, rounding, visuals.selection.bg_fill);
    }
    response
}
