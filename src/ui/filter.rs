//! Filters by phase, status and tag (View > Filter): the map dims what they leave out, and a
//! slim bar says how many topics they let through.

use crate::command::Command;
use crate::model::{LoadedRoadmap, Overview, Status};

pub use crate::command::FilterKey;

/// The filters in force. Within a kind, any ticked value lets a topic through; across kinds,
/// a topic has to pass each kind that has something ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    phases: Vec<String>,
    statuses: Vec<Status>,
    tags: Vec<String>,
}

impl Filters {
    /// Whether nothing is ticked.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.phases.is_empty() && self.statuses.is_empty() && self.tags.is_empty()
    }

    /// Whether this value is ticked.
    #[must_use]
    pub fn has(&self, key: &FilterKey) -> bool {
        match key {
            FilterKey::Phase(p) => self.phases.contains(p),
            FilterKey::Status(s) => self.statuses.contains(s),
            FilterKey::Tag(t) => self.tags.contains(t),
        }
    }

    /// Ticks the value, or unticks it.
    pub fn toggle(&mut self, key: FilterKey) {
        fn flip<T: PartialEq>(list: &mut Vec<T>, value: T) {
            if let Some(k) = list.iter().position(|v| *v == value) {
                list.remove(k);
            } else {
                list.push(value);
            }
        }
        match key {
            FilterKey::Phase(p) => flip(&mut self.phases, p),
            FilterKey::Status(s) => flip(&mut self.statuses, s),
            FilterKey::Tag(t) => flip(&mut self.tags, t),
        }
    }

    /// Which topics pass, or `None` when no filter is set.
    #[must_use]
    pub fn shown(&self, loaded: &LoadedRoadmap, overview: &Overview) -> Option<Vec<bool>> {
        if self.is_empty() {
            return None;
        }
        let shown = loaded
            .roadmap
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (self.phases.is_empty() || self.phases.contains(&t.phase))
                    && (self.statuses.is_empty()
                        || overview
                            .status
                            .get(i)
                            .is_some_and(|s| self.statuses.contains(s)))
                    && (self.tags.is_empty() || t.tags.iter().any(|tag| self.tags.contains(tag)))
            })
            .collect();
        Some(shown)
    }

    /// Drops ticked phases and tags the roadmap no longer has (after a reload), so a filter on
    /// something gone cannot hide everything with nothing ticked in the menu to undo it.
    pub fn keep_existing(&mut self, loaded: &LoadedRoadmap) {
        let roadmap = &loaded.roadmap;
        self.phases
            .retain(|id| roadmap.phases.iter().any(|p| p.id == *id));
        self.tags
            .retain(|tag| roadmap.topics.iter().any(|t| t.tags.contains(tag)));
    }

    /// What is ticked, in words, phases by their number: "phase 1; done, doing; tags rag".
    #[must_use]
    pub fn describe(&self, loaded: &LoadedRoadmap) -> String {
        let mut parts = Vec::new();
        if !self.phases.is_empty() {
            let names: Vec<String> = loaded
                .roadmap
                .phases_in_order()
                .iter()
                .enumerate()
                .filter(|(_, p)| self.phases.contains(&p.id))
                .map(|(k, _)| (k + 1).to_string())
                .collect();
            parts.push(format!(
                "phase{} {}",
                if names.len() == 1 { "" } else { "s" },
                names.join(", ")
            ));
        }
        if !self.statuses.is_empty() {
            let names: Vec<&str> = Status::ALL
                .into_iter()
                .filter(|s| self.statuses.contains(s))
                .map(Status::name)
                .collect();
            parts.push(names.join(", "));
        }
        if !self.tags.is_empty() {
            let mut tags = self.tags.clone();
            tags.sort();
            parts.push(format!(
                "tag{} {}",
                if tags.len() == 1 { "" } else { "s" },
                tags.join(", ")
            ));
        }
        parts.join("; ")
    }
}

/// The words for a status in the filter menu.
fn status_label(status: Status) -> &'static str {
    match status {
        Status::Todo => "To do",
        Status::Doing => "Doing",
        Status::Done => "Done",
        Status::Skipped => "Skipped",
    }
}

/// The Filter menu's contents: phases, statuses, tags, and Clear.
pub fn filter_menu_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    filters: &Filters,
    commands: &mut Vec<Command>,
) {
    let mut tick = |ui: &mut egui::Ui, key: FilterKey, label: &str| {
        let mut on = filters.has(&key);
        if ui.checkbox(&mut on, label).changed() {
            commands.push(Command::ToggleFilter(key));
        }
    };
    ui.label(egui::RichText::new("Phase").strong());
    for (k, phase) in loaded.roadmap.phases_in_order().iter().enumerate() {
        tick(
            ui,
            FilterKey::Phase(phase.id.clone()),
            &format!("Phase {}: {}", k + 1, phase.title),
        );
    }
    ui.separator();
    ui.label(egui::RichText::new("Status").strong());
    for status in Status::ALL {
        tick(ui, FilterKey::Status(status), status_label(status));
    }
    let mut tags: Vec<&str> = loaded
        .roadmap
        .topics
        .iter()
        .flat_map(|t| t.tags.iter().map(String::as_str))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    if !tags.is_empty() {
        ui.separator();
        ui.label(egui::RichText::new("Tag").strong());
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .show(ui, |ui| {
                for tag in tags {
                    tick(ui, FilterKey::Tag(tag.to_owned()), tag);
                }
            });
    }
    ui.separator();
    if ui
        .add_enabled(!filters.is_empty(), egui::Button::new("Clear filters"))
        .clicked()
    {
        commands.push(Command::ClearFilters);
    }
}

/// The slim bar shown while filters are set.
pub fn filter_bar_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    filters: &Filters,
    shown: usize,
    all: usize,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("Filtered: {shown} of {all} topics"));
        ui.weak(filters.describe(loaded));
        if ui.small_button("Clear filters").clicked() {
            commands.push(Command::ClearFilters);
        }
    });
}
