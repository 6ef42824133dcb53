//! Applying what the user asked for: the keys pressed, read through the one table of bindings
//! (`command::BINDINGS`), and every `Command`, applied after the frame is drawn.

use super::files::Then;
use super::{PathPrompt, RoadmapApp};
use crate::command::{Command, View};
use crate::model::TopicIndex;
use crate::tracker::Edit;
use crate::ui;

/// How much one press of + or - zooms the map.
pub(super) const KEY_ZOOM: f32 = 1.25;

impl RoadmapApp {
    /// Turns the keys pressed this frame into commands, through the one table of bindings
    /// (`command::BINDINGS`). Ctrl shortcuts work anywhere; the others only while no text field
    /// and no dialog has the keyboard; presenting has keys of its own.
    pub(super) fn shortcuts(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        use crate::command::{self, Action, Scope};
        let typing = ctx.egui_wants_keyboard_input();
        // A dialog holds the keyboard while it is open: no key reaches the map behind it.
        let dialog_open = self.problems.is_some()
            || self.path_prompt.is_some()
            || self.confirm_reset
            || self.export.is_some()
            || self.confirm_delete.is_some()
            || self.ask_copy_first
            || self.ask_unsaved.is_some()
            || self.recovered.is_some();
        let mut fired = ctx.input_mut(|i| command::triggered(i, Scope::Always));
        // Undo and redo in a text field are the field's own.
        if typing {
            fired.retain(|(a, _)| !matches!(a, Action::Undo | Action::Redo));
        }
        if !typing && !dialog_open {
            let scope = if self.presenting.is_some() {
                Scope::Presenting
            } else {
                Scope::Browsing
            };
            fired.extend(ctx.input_mut(|i| command::triggered(i, scope)));
        }
        for (action, key) in fired {
            if let Some(command) = self.command_for(action, key) {
                commands.push(command);
            }
        }
    }

    /// What a triggered binding asks for, given what the window shows.
    pub(super) fn command_for(
        &self,
        action: crate::command::Action,
        key: Option<egui::Key>,
    ) -> Option<Command> {
        use crate::command::{Action, MARK_KEYS, STEP_KEYS};
        let presenting = self.presenting.is_some();
        Some(match action {
            Action::Open => Command::OpenDialog,
            Action::Export => Command::OpenExport,
            Action::Quit => Command::Quit,
            Action::Undo if !presenting => Command::Undo,
            Action::Redo if !presenting => Command::Redo,
            Action::Find if !presenting => Command::OpenSearch,
            Action::Help => Command::ToggleHelp,
            Action::Present => Command::Present,
            Action::Fit if self.view == View::Map => Command::Fit,
            Action::Zoom if self.view == View::Map => {
                Command::Zoom(if key == Some(egui::Key::Minus) {
                    1.0 / KEY_ZOOM
                } else {
                    KEY_ZOOM
                })
            }
            Action::Minimap if self.view == View::Map => Command::ToggleMinimap,
            Action::Escape => {
                if self.panels.help {
                    Command::ToggleHelp
                } else if self.search.is_some() {
                    Command::CloseSearch
                } else {
                    Command::Select(None)
                }
            }
            Action::OpenDetails if self.view == View::Map && !self.panels.details => {
                self.selected?;
                Command::OpenDetails
            }
            Action::Walk if self.view == View::Map => {
                let to = match self.selected {
                    Some(from) => self.map.neighbour(&self.doc.loaded, from, key?),
                    None => self.doc.loaded.graph.topological_order().first().copied(),
                }?;
                Command::MoveTo(TopicIndex::new(to))
            }
            Action::Mark => {
                let topic = self.selected?;
                let (status, _) = MARK_KEYS.iter().find(|(_, k)| Some(*k) == key)?;
                Command::Edit(Edit::Status(TopicIndex::new(topic), *status))
            }
            Action::Step => {
                let (_, step) = STEP_KEYS.iter().find(|(k, _)| Some(*k) == key)?;
                Command::PresentStep(*step)
            }
            Action::StopPresenting => Command::StopPresenting,
            Action::ToggleEditing if !presenting => Command::ToggleEditing,
            Action::AddTopic if self.editing && self.view == View::Map => Command::AddTopic,
            Action::Delete if self.editing => {
                if self.link_selected.is_none() {
                    self.selected?;
                }
                Command::DeleteSelected
            }
            Action::Save if !presenting => Command::Save,
            Action::SaveAs if !presenting => Command::SaveAs,
            _ => return None,
        })
    }

    pub(super) fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Select(topic) => {
                self.link_selected = None;
                self.selected = topic
                    .filter(|&i| self.doc.loaded.topic(i).is_some())
                    .map(TopicIndex::get);
                self.panels.details = self.selected.is_some();
                if let Some(i) = self.selected {
                    self.map.bring_into_view(ctx, i);
                    // Again next frame, once the panels it opens have taken their room.
                    self.reveal = Some(i);
                    ctx.request_repaint();
                }
            }
            Command::MoveTo(topic) => {
                if self.doc.loaded.topic(topic).is_some() {
                    self.selected = Some(topic.get());
                    self.map.bring_into_view(ctx, topic.get());
                }
            }
            Command::OpenDetails => self.panels.details = self.selected.is_some(),
            Command::Zoom(factor) => self.map.zoom_by(ctx, factor),
            Command::Present => self.start_presenting(ctx),
            Command::PresentStep(step) => {
                if let Some(p) = &mut self.presenting
                    && p.show.go(step)
                {
                    self.selected = p.show.topic();
                    p.glide = true;
                }
            }
            Command::StopPresenting => self.stop_presenting(ctx),
            Command::ShowReloadProblems => self.problems.clone_from(&self.doc.reload_problems),
            Command::SetTheme(choice) => {
                self.settings.theme = choice;
                ui::theme::apply_theme(ctx, choice);
                self.save_settings();
            }
            Command::ToggleFilter(key) => self.filters.toggle(key),
            Command::ClearFilters => self.filters = ui::filter::Filters::default(),
            Command::ToggleHelp => self.panels.help = !self.panels.help,
            Command::Fit => {
                self.map.request_fit();
                ctx.request_repaint();
            }
            Command::ShowView(view) => self.view = view,
            Command::SetDirection(d) => self.map.set_direction(d),
            Command::OpenDialog => self.ask_then(Then::OpenDialog),
            Command::OpenPathPrompt => {
                self.path_prompt = Some(PathPrompt::new(self.current_path(), None));
            }
            Command::OpenPath(path) => self.ask_then(Then::Open(path)),
            Command::Quit => self.ask_then(Then::Quit),
            Command::Edit(edit) => self.doc.tracker.apply(&self.doc.loaded, edit),
            Command::Undo => {
                let undone = self.doc.tracker.undo(&self.doc.loaded);
                self.take_undone(undone);
            }
            Command::Redo => {
                let undone = self.doc.tracker.redo(&self.doc.loaded);
                self.take_undone(undone);
            }
            Command::AskReset => self.confirm_reset = true,
            Command::ToggleOutlinePanel => self.panels.outline = !self.panels.outline,
            Command::ToggleProgressPanel => self.panels.progress = !self.panels.progress,
            Command::ToggleMinimap => self.panels.minimap = !self.panels.minimap,
            Command::DismissNotice(k) => self.doc.tracker.dismiss_notice(k),
            Command::OpenSearch => match &mut self.search {
                Some(bar) => bar.focus(),
                None => self.search = Some(ui::search::SearchBar::new()),
            },
            Command::CloseSearch => self.search = None,
            Command::OpenExport => {
                if self.export.is_none() {
                    let plan = self.doc.tracker.progress().plan.as_ref();
                    self.export = Some(
                        ui::export_dialog::ExportDialog::new(
                            self.file_dialogs,
                            self.map.direction(),
                        )
                        .with_plan(plan),
                    );
                }
            }
            editing => self.apply_editing(ctx, editing),
        }
        ctx.request_repaint();
    }
}
