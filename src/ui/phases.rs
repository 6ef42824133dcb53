//! The phases window, while editing: rename a phase and its goal, move it earlier or later, add
//! one, and remove one (an empty one at once, one with topics after choosing where they go).
//! Every change is an edit the app checks, like the topic panel's.

use std::collections::BTreeMap;

use egui::RichText;

use crate::model::edit::{RoadmapEdit, id_from_title};
use crate::model::{LoadedRoadmap, Phase};

/// What is being typed into the phases window.
#[derive(Debug, Clone, Default)]
pub struct PhaseDraft {
    /// Title and goal of each phase, by id, as typed.
    fields: BTreeMap<String, (String, String)>,
    /// The title of the phase to add.
    new_title: String,
    /// The phase whose removal is being asked, and where its topics go.
    removing: Option<(String, Option<String>)>,
}

/// An edit from the window, with the key that makes typing into one field one undo step.
pub type PhaseEdit = (RoadmapEdit, Option<String>);

/// The phases window; returns whether it stays open, and the edits asked for.
pub fn phases_window(
    ctx: &egui::Context,
    loaded: &LoadedRoadmap,
    draft: &mut PhaseDraft,
) -> (bool, Vec<PhaseEdit>) {
    let mut open = true;
    let mut edits = Vec::new();
    egui::Window::new("Phases")
        .open(&mut open)
        .collapsible(false)
        .default_width(560.0)
        .max_height(ctx.content_rect().height() * 0.8)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                phases_ui(ui, loaded, draft, &mut edits);
            });
        });
    (open, edits)
}

fn phases_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    draft: &mut PhaseDraft,
    edits: &mut Vec<PhaseEdit>,
) {
    let phases = loaded.roadmap.phases_in_order();
    let ids: Vec<String> = phases.iter().map(|p| p.id.clone()).collect();
    draft.fields.retain(|id, _| ids.contains(id));
    ui.weak("Phases are bands of the map, in this order. A topic's prerequisites sit in its phase or an earlier one.");
    ui.add_space(6.0);
    for (k, phase) in phases.iter().enumerate() {
        let count = loaded
            .roadmap
            .topics
            .iter()
            .filter(|t| t.phase == phase.id)
            .count();
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{}.", k + 1)).strong());
            field_ui(ui, draft, phase, true, edits);
            ui.weak(format!(
                "{count} topic{}",
                if count == 1 { "" } else { "s" }
            ));
            let mut order = ids.clone();
            if ui
                .add_enabled(k > 0, egui::Button::new("Earlier").small())
                .on_hover_text("Move this phase before the one above")
                .clicked()
            {
                order.swap(k - 1, k);
                edits.push((RoadmapEdit::ReorderPhases(order.clone()), None));
            }
            if ui
                .add_enabled(k + 1 < ids.len(), egui::Button::new("Later").small())
                .on_hover_text("Move this phase after the one below")
                .clicked()
            {
                order.swap(k, k + 1);
                edits.push((RoadmapEdit::ReorderPhases(order), None));
            }
            if ui.small_button("Remove…").clicked() {
                if count == 0 {
                    edits.push((RoadmapEdit::RemovePhase(phase.id.clone()), None));
                } else {
                    draft.removing = Some((phase.id.clone(), None));
                }
            }
        });
        ui.horizontal(|ui| {
            ui.add_space(18.0);
            ui.label("Goal");
            field_ui(ui, draft, phase, false, edits);
        });
        removal_ui(ui, loaded, draft, phase, count, edits);
        ui.add_space(4.0);
    }
    ui.separator();
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut draft.new_title)
                .id_salt("new-phase-title")
                .hint_text("title of a new phase"),
        );
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add phase").clicked() || enter) && !draft.new_title.trim().is_empty() {
            let title = draft.new_title.trim().to_owned();
            let order = phases.iter().map(|p| p.order).max().unwrap_or(0) + 1;
            edits.push((
                RoadmapEdit::AddPhase(Phase {
                    id: id_from_title(&title, "phase", ids.iter().map(String::as_str)),
                    title,
                    goal: String::new(),
                    order,
                }),
                None,
            ));
            draft.new_title.clear();
        }
    });
}

/// A phase's title (`title`) or goal field, taken from the roadmap unless it is being typed in.
fn field_ui(
    ui: &mut egui::Ui,
    draft: &mut PhaseDraft,
    phase: &Phase,
    title: bool,
    edits: &mut Vec<PhaseEdit>,
) {
    let id = egui::Id::new(("phase-field", &phase.id, title));
    let (t, g) = draft
        .fields
        .entry(phase.id.clone())
        .or_insert_with(|| (phase.title.clone(), phase.goal.clone()));
    let text = if title { t } else { g };
    let current = if title { &phase.title } else { &phase.goal };
    if !ui.memory(|m| m.has_focus(id)) && text != current {
        text.clone_from(current);
    }
    let width = if title { 220.0 } else { 440.0 };
    let response = ui.add(egui::TextEdit::singleline(text).id(id).desired_width(width));
    if response.changed() {
        let mut changed = phase.clone();
        if title {
            changed.title.clone_from(text);
        } else {
            changed.goal.clone_from(text);
        }
        let key = format!(
            "phase-{}@{}",
            if title { "title" } else { "goal" },
            phase.id
        );
        edits.push((
            RoadmapEdit::ChangePhase(phase.id.clone(), changed),
            Some(key),
        ));
    }
}

/// Where the topics of a phase being removed go.
fn removal_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    draft: &mut PhaseDraft,
    phase: &Phase,
    count: usize,
    edits: &mut Vec<PhaseEdit>,
) {
    let Some((removing, into)) = &mut draft.removing else {
        return;
    };
    if *removing != phase.id {
        return;
    }
    let mut done = false;
    ui.horizontal_wrapped(|ui| {
        ui.add_space(18.0);
        ui.label(format!("Move its {count} topics to"));
        let others: Vec<&Phase> = loaded
            .roadmap
            .phases_in_order()
            .into_iter()
            .filter(|p| p.id != phase.id)
            .collect();
        let chosen = into
            .as_ref()
            .and_then(|id| others.iter().find(|p| p.id == *id))
            .map_or("choose a phase", |p| p.title.as_str());
        egui::ComboBox::from_id_salt(("move-topics-to", &phase.id))
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                for p in &others {
                    if ui
                        .selectable_label(into.as_deref() == Some(&p.id), &p.title)
                        .clicked()
                    {
                        *into = Some(p.id.clone());
                    }
                }
            });
        if ui
            .add_enabled(into.is_some(), egui::Button::new("Move them and remove"))
            .clicked()
            && let Some(into) = into.clone()
        {
            edits.push((
                RoadmapEdit::MergePhase {
                    from: phase.id.clone(),
                    into,
                },
                None,
            ));
            done = true;
        }
        if ui.button("Cancel").clicked() {
            done = true;
        }
    });
    if done {
        draft.removing = None;
    }
}
