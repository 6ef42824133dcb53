//! The window's modal dialogs: the path field, a file's problems, and the question before
//! progress is reset.

use std::path::PathBuf;

use super::RoadmapApp;
use crate::command::Command;
use crate::tracker::Edit;

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    /// A roadmap to open.
    Open,
    /// Where to save the roadmap.
    SaveAs,
    /// Where to write an editable copy.
    MakeCopy,
}

/// The field where a path is typed, when there is no file dialog or by choice.
pub(super) struct PathPrompt {
    pub(super) text: String,
    pub(super) note: Option<&'static str>,
    pub(super) focused: bool,
    pub(super) purpose: Purpose,
}

impl PathPrompt {
    /// A roadmap to open.
    pub(super) fn new(text: String, note: Option<&'static str>) -> Self {
        Self::for_purpose(Purpose::Open, text, note)
    }

    pub(super) fn for_purpose(purpose: Purpose, text: String, note: Option<&'static str>) -> Self {
        Self {
            text,
            note,
            focused: false,
            purpose,
        }
    }
}

impl RoadmapApp {
    pub(super) fn reset_dialog(&mut self, ctx: &egui::Context) {
        if !self.confirm_reset {
            return;
        }
        let mut reset = false;
        let mut close = false;
        egui::Modal::new(egui::Id::new("confirm_reset")).show(ctx, |ui| {
            ui.heading("Reset progress?");
            ui.label("Every status, note and the goal of this roadmap are cleared. Edit > Undo brings them back.");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Reset progress").clicked() {
                    reset = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if reset {
            self.doc.tracker.apply(&self.doc.loaded, Edit::Reset);
        }
        if reset || close {
            self.confirm_reset = false;
        }
    }

    pub(super) fn problems_window(&mut self, ctx: &egui::Context) {
        let Some(problems) = &self.problems else {
            return;
        };
        let mut open = true;
        let mut close = false;
        egui::Window::new("Cannot open this roadmap")
            .open(&mut open)
            .collapsible(false)
            .default_width(640.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                let n = problems.diagnostics.len();
                ui.label(format!(
                    "{n} problem{} found. The roadmap on screen stays as it was.",
                    if n == 1 { "" } else { "s" }
                ));
                ui.add_space(6.0);
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for line in problems.lines() {
                            ui.add(egui::Label::new(egui::RichText::new(line).monospace()).wrap());
                        }
                    });
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui.button("Copy all").clicked() {
                        ui.ctx().copy_text(problems.to_string());
                    }
                    if ui.button("Close").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        close = true;
                    }
                });
            });
        if !open || close {
            self.problems = None;
        }
    }

    pub(super) fn path_prompt_window(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        let mut done = false;
        let (title, label, button) = match prompt.purpose {
            Purpose::Open => (
                "Open roadmap from a path",
                "Path of a roadmap, an Obsidian canvas or a roadmap.sh file:",
                "Open",
            ),
            Purpose::SaveAs => ("Save roadmap as", "Save to this file (JSON):", "Save"),
            Purpose::MakeCopy => (
                "Make my copy",
                "Write your copy to this file (JSON); it opens for editing:",
                "Make my copy",
            ),
        };
        egui::Window::new(title)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                if let Some(note) = prompt.note {
                    ui.label(note);
                }
                ui.label(label);
                let field =
                    ui.add(egui::TextEdit::singleline(&mut prompt.text).desired_width(480.0));
                if !prompt.focused {
                    field.request_focus();
                    prompt.focused = true;
                }
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let path = prompt.text.trim();
                    if (ui.button(button).clicked() || enter) && !path.is_empty() {
                        let path = PathBuf::from(path);
                        commands.push(match prompt.purpose {
                            Purpose::Open => Command::OpenPath(path),
                            Purpose::SaveAs => Command::SaveTo { path, copy: false },
                            Purpose::MakeCopy => Command::SaveTo { path, copy: true },
                        });
                        done = true;
                    }
                    if ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        done = true;
                    }
                });
            });
        if done {
            self.path_prompt = None;
        }
    }
}
