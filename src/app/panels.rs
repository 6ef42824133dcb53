//! The panels of the window around the map, in the order they are laid out: the top bar,
//! notices, the reload banner, search and filter bars; the progress panel, the outline beside
//! the map and the selected topic's details; then the map or the outline in the middle.

use std::path::PathBuf;

use super::{Document, RoadmapApp, Toast, reload_banner};
use crate::command::{Command, View};
use crate::model::TopicIndex;
use crate::tracker::Edit;
use crate::ui;
use crate::ui::details::{DetailAction, ProgressView};
use crate::ui::map::{MapEvent, MapInput};

/// Below this width the side panels give way to the detail panel.
const NARROW_WINDOW: f32 = 1100.0;

impl RoadmapApp {
    /// Says something for a few seconds over the bottom of the map, where the eye is, without
    /// pushing the map down the way a notice does: `warning` for what was refused.
    pub(super) fn flash(&mut self, text: String, warning: bool) {
        self.toast = Some(Toast {
            text,
            warning,
            since: std::time::Instant::now(),
            step: None,
        });
    }

    /// The short notice on screen: what an undo or redo just did (gone at the next change), or
    /// what [`Self::flash`] said; a warning stays longer.
    pub(super) fn toast_ui(&mut self, ctx: &egui::Context) {
        match self.doc.tracker.step_notice() {
            Some((text, n)) if self.told_step != Some(n) => {
                self.told_step = Some(n);
                self.toast = Some(Toast {
                    text: text.to_owned(),
                    warning: false,
                    since: std::time::Instant::now(),
                    step: Some(n),
                });
            }
            None if self.toast.as_ref().is_some_and(|t| t.step.is_some()) => self.toast = None,
            _ => {}
        }
        let Some(toast) = &self.toast else {
            return;
        };
        let shown = std::time::Duration::from_secs(if toast.warning { 8 } else { 4 });
        let left = shown.saturating_sub(toast.since.elapsed());
        if left.is_zero() {
            self.toast = None;
            return;
        }
        ctx.request_repaint_after(left);
        egui::Area::new(egui::Id::new("toast"))
            .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -56.0))
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(560.0);
                    ui.horizontal(|ui| {
                        if toast.warning {
                            ui.colored_label(ui.visuals().warn_fg_color, "⚠");
                        } else {
                            ui.colored_label(ui.visuals().hyperlink_color, "ℹ");
                        }
                        ui.add(egui::Label::new(&toast.text).wrap());
                    });
                });
            });
    }

    /// The bars across the top; returns which topics the filters let through, if any filter is
    /// on.
    pub(super) fn top_panels_ui(
        &mut self,
        ui: &mut egui::Ui,
        commands: &mut Vec<Command>,
    ) -> Option<Vec<bool>> {
        let overview = self.doc.tracker.overview();
        let top = ui::TopBarState {
            view: self.view,
            direction: self.map.direction(),
            progress_panel: self.panels.progress,
            outline_panel: self.panels.outline,
            minimap: self.panels.minimap,
            undo_what: self.doc.tracker.undo_what(),
            redo_what: self.doc.tracker.redo_what(),
            cleared: overview.cleared_of(0..self.doc.loaded.roadmap.topics.len()),
            filters: &self.filters,
            theme: self.settings.theme,
            editing: self.editing,
        };
        egui::Panel::top("top_bar").show(ui, |ui| {
            commands.extend(ui::top_bar_ui(ui, &self.doc.loaded, top));
        });
        let notices = self.doc.tracker.notices();
        if !notices.is_empty() {
            egui::Panel::top("notices").show(ui, |ui| {
                for (k, notice) in notices.iter().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        if self.doc.tracker.is_info(notice) {
                            ui.colored_label(ui.visuals().hyperlink_color, "ℹ");
                        } else {
                            ui.colored_label(ui.visuals().warn_fg_color, "⚠");
                        }
                        ui.label(notice);
                        if ui.small_button("Dismiss").clicked() {
                            commands.push(Command::DismissNotice(k));
                        }
                    });
                }
            });
        }
        if let Some(problems) = &self.doc.reload_problems {
            egui::Panel::top("reload_problems").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, "⚠");
                    ui.label(reload_banner(&problems.path, problems));
                    if ui.small_button("Show all").clicked() {
                        commands.push(Command::ShowReloadProblems);
                    }
                });
            });
        }
        if let Some(bar) = &mut self.search {
            egui::Panel::top("search").show(ui, |ui| match bar.ui(ui, &self.doc.loaded) {
                Some(ui::search::SearchAction::Select(i)) => {
                    commands.push(Command::Select(Some(i)));
                }
                Some(ui::search::SearchAction::Close) => commands.push(Command::CloseSearch),
                None => {}
            });
        }
        let shown = self.filters.shown(&self.doc.loaded, overview);
        if let Some(shown) = &shown {
            let count = shown.iter().filter(|s| **s).count();
            egui::Panel::top("filters").show(ui, |ui| {
                ui::filter::filter_bar_ui(
                    ui,
                    &self.doc.loaded,
                    &self.filters,
                    count,
                    shown.len(),
                    commands,
                );
            });
        }
        shown
    }

    /// The progress panel on the left, with the study plan.
    fn progress_panel_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let overview = self.doc.tracker.overview();
        let goal = self.doc.tracker.goal(&self.doc.loaded);
        egui::Panel::left("progress")
            .default_size(250.0)
            .size_range(200.0..=420.0)
            .show(ui, |ui| {
                let (loaded, tracker) = (&self.doc.loaded, &self.doc.tracker);
                let draft = &mut self.plan_draft;
                let mut plan = None;
                let section = |ui: &mut egui::Ui| {
                    plan = ui::plan::plan_section_ui(
                        ui,
                        loaded,
                        tracker.progress(),
                        tracker.revision(),
                        draft,
                    );
                };
                let clicked = ui::progress::progress_panel_ui(
                    ui,
                    loaded,
                    overview,
                    goal,
                    tracker.path().map(PathBuf::as_path),
                    section,
                );
                if let Some(settings) = plan {
                    commands.push(Command::Edit(Edit::Plan(settings)));
                }
                if let Some(i) = clicked {
                    commands.push(Command::Select(Some(TopicIndex::new(i))));
                }
            });
    }

    /// The side panels and the map or outline between them.
    pub(super) fn body_ui(
        &mut self,
        ui: &mut egui::Ui,
        shown: Option<&[bool]>,
        commands: &mut Vec<Command>,
    ) {
        // In a narrow window the side panels give way to the selected topic's details, so the
        // map keeps room; they come back when the details close.
        let details = self.selected.is_some() && self.panels.details && self.view == View::Map;
        let give_way = details && ui.available_width() < NARROW_WINDOW;
        if self.panels.progress && !give_way {
            self.progress_panel_ui(ui, commands);
        }
        let overview = self.doc.tracker.overview();
        let goal = self.doc.tracker.goal(&self.doc.loaded);
        if self.selected.is_none() {
            self.outline_scrolled = None;
        }
        let scroll_to = self
            .selected
            .filter(|_| self.outline_scrolled != self.selected);
        let outline = ui::outline::OutlineState {
            overview,
            selected: self.selected,
            scroll_to,
            compact: true,
        };
        let mut outline_actions = Vec::new();
        if self.panels.outline && self.view == View::Map && !give_way {
            egui::Panel::left("outline_side")
                .default_size(320.0)
                .size_range(220.0..=560.0)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    ui.label(egui::RichText::new("Outline").heading());
                    outline_actions = ui::outline::outline_ui(ui, &self.doc.loaded, outline);
                });
        }
        let details_topic = self.selected.filter(|_| details);
        if self.editing {
            let warnings = self
                .warnings
                .get_or_insert_with(|| super::editing::warnings_of(&self.doc.loaded));
            let draft = &mut self.topic_draft;
            super::editing::editing_panels_ui(
                ui,
                &self.doc.loaded,
                (warnings, draft),
                details_topic,
                commands,
            );
        } else {
            details_panel_ui(ui, &self.doc, &mut self.note_draft, details_topic, commands);
        }
        let input = MapInput {
            selected: self.selected,
            overview: self
                .doc
                .tracker
                .has_progress(&self.doc.loaded)
                .then_some(overview),
            goal,
            revision: self.doc.tracker.revision(),
            matches: self
                .search
                .as_ref()
                .and_then(ui::search::SearchBar::matches),
            shown,
            spotlight: None,
            minimap: self.panels.minimap,
            editing: self.editing,
            selected_link: self.link_selected,
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| match self.view {
                View::Map => {
                    let events = self.map.ui(ui, &self.doc.loaded, input);
                    // A topic just selected is brought into view of the map as laid out now,
                    // with the panels it opened.
                    if let Some(i) = self.reveal.take() {
                        self.map.bring_into_view(ui.ctx(), i);
                    }
                    let loaded = &self.doc.loaded;
                    commands.extend(events.into_iter().map(|e| map_command(loaded, e)));
                }
                View::Outline => {
                    egui::Frame::new().inner_margin(8.0).show(ui, |ui| {
                        let state = ui::outline::OutlineState {
                            compact: false,
                            ..outline
                        };
                        for action in ui::outline::outline_ui(ui, &self.doc.loaded, state) {
                            outline_actions.push(action);
                            if matches!(action, ui::outline::OutlineAction::Select(_)) {
                                commands.push(Command::ShowView(View::Map));
                            }
                        }
                    });
                }
            });
        for action in outline_actions {
            commands.push(match action {
                ui::outline::OutlineAction::Select(i) => Command::Select(Some(i)),
                ui::outline::OutlineAction::SetStatus(i, s) => Command::Edit(Edit::Status(i, s)),
            });
        }
        if scroll_to.is_some() && (self.panels.outline || self.view == View::Outline) {
            self.outline_scrolled = scroll_to;
        }
    }
}

/// The selected topic's panel on the right, with its note being typed (`note_draft`: the topic
/// and the text so far).
fn details_panel_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    note_draft: &mut (usize, String),
    topic: Option<usize>,
    commands: &mut Vec<Command>,
) {
    let Some(topic) = topic else {
        return;
    };
    if note_draft.0 != topic || !ui.ctx().egui_wants_keyboard_input() {
        let saved = doc
            .tracker
            .progress()
            .note(&doc.loaded.roadmap.topics[topic].id);
        if note_draft.0 != topic || note_draft.1 != saved {
            *note_draft = (topic, saved.to_owned());
        }
    }
    let overview = doc.tracker.overview();
    let goal = doc.tracker.goal(&doc.loaded);
    egui::Panel::right("details")
        .default_size(380.0)
        .size_range(280.0..=640.0)
        .show(ui, |ui| {
            let mut view = ProgressView {
                overview,
                goal,
                note: &mut note_draft.1,
            };
            match ui::details::details_ui(ui, &doc.loaded, topic, &mut view) {
                Some(DetailAction::Select(i)) => commands.push(Command::Select(Some(i))),
                Some(DetailAction::Close) => commands.push(Command::Select(None)),
                Some(DetailAction::SetStatus(s)) => {
                    commands.push(Command::Edit(Edit::Status(TopicIndex::new(topic), s)));
                }
                Some(DetailAction::SetGoal(g)) => {
                    commands.push(Command::Edit(Edit::Goal(g)));
                }
                Some(DetailAction::SetNote(n)) => {
                    commands.push(Command::Edit(Edit::Note(TopicIndex::new(topic), n)));
                }
                None => {}
            }
        });
}

/// What a click, drag or menu choice on the map asks for.
fn map_command(loaded: &crate::model::LoadedRoadmap, event: MapEvent) -> Command {
    match event {
        MapEvent::TopicClicked(i) => Command::Select(Some(i)),
        MapEvent::BackgroundClicked => Command::Select(None),
        MapEvent::SetStatus(i, s) => Command::Edit(Edit::Status(i, s)),
        MapEvent::SetGoal(g) => Command::Edit(Edit::Goal(g)),
        MapEvent::LinkDragged(from, to) => {
            let topics = &loaded.roadmap.topics;
            Command::EditRoadmap {
                edit: Box::new(crate::model::edit::RoadmapEdit::AddLink {
                    prerequisite: topics[from.get()].id.clone(),
                    topic: topics[to.get()].id.clone(),
                }),
                merge: None,
            }
        }
        MapEvent::LinkClicked(p, t) => Command::SelectLink(Some((p, t))),
    }
}
