//! File > Export…: pick a format and options, then a place to save. The save dialog and the write
//! run off the UI thread; where no dialog can be shown, a path field takes its place.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::export::{self, Format, Options, Personal};
use crate::model::{LoadedRoadmap, Progress};

/// How a save ended.
enum Saved {
    Written(PathBuf),
    Failed(String),
    Cancelled,
    NoDialog,
}

/// The export dialog's state, kept while it is open.
pub struct ExportDialog {
    format: Format,
    notes: bool,
    phase: Option<String>,
    start: String,
    hours_per_week: f64,
    /// The typed path, when there is no file dialog.
    path_field: Option<String>,
    pending: Option<Receiver<Saved>>,
    outcome: Option<Result<PathBuf, String>>,
    file_dialogs: bool,
}

/// What the dialog asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportAction {
    /// Keep the dialog open.
    Stay,
    /// Close it.
    Close,
}

impl ExportDialog {
    /// A dialog with the usual choices: Markdown, notes included, all phases, a plan from today;
    /// `file_dialogs` false always asks for a path in a field.
    #[must_use]
    pub fn new(file_dialogs: bool) -> Self {
        Self {
            format: Format::Markdown,
            notes: true,
            phase: None,
            start: jiff::tz::Offset::UTC
                .to_datetime(jiff::Timestamp::now())
                .date()
                .to_string(),
            hours_per_week: 5.0,
            path_field: None,
            pending: None,
            outcome: None,
            file_dialogs,
        }
    }

    fn options(&self) -> Options {
        Options {
            notes: self.notes,
            phase: self.phase.clone(),
            start: self.start.clone(),
            hours_per_week: self.hours_per_week,
            ..Options::default()
        }
    }

    fn label(format: Format) -> &'static str {
        match format {
            Format::Markdown => "Markdown task list (.md)",
            Format::Json => "Personal roadmap, JSON (.json)",
            Format::Dot => "Graphviz DOT (.dot)",
            Format::Mermaid => "Mermaid flowchart (.mmd)",
            Format::Ics => "Study plan, iCalendar (.ics)",
        }
    }

    /// Draws the dialog; the app closes it on [`ExportAction::Close`].
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        loaded: &LoadedRoadmap,
        progress: &Progress,
    ) -> ExportAction {
        self.poll();
        let mut action = ExportAction::Stay;
        egui::Window::new("Export roadmap")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label("Format");
                for format in Format::ALL {
                    ui.radio_value(&mut self.format, format, Self::label(format));
                }
                ui.add_space(6.0);
                let notes_apply =
                    matches!(self.format, Format::Markdown | Format::Json | Format::Ics);
                ui.add_enabled(
                    notes_apply,
                    egui::Checkbox::new(&mut self.notes, "Include my private notes"),
                );
                ui.weak("Leave notes out of anything you share with others.");
                ui.add_space(6.0);
                let phases = loaded.roadmap.phases_in_order();
                let shown = self
                    .phase
                    .as_deref()
                    .and_then(|id| phases.iter().find(|p| p.id == id))
                    .map_or("All phases".to_owned(), |p| p.title.clone());
                egui::ComboBox::from_label("Phases")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.phase, None, "All phases");
                        for p in &phases {
                            ui.selectable_value(&mut self.phase, Some(p.id.clone()), &p.title);
                        }
                    });
                if self.format == Format::Ics {
                    ui.horizontal(|ui| {
                        ui.label("Start on (YYYY-MM-DD)");
                        ui.add(egui::TextEdit::singleline(&mut self.start).desired_width(100.0));
                    });
                    ui.horizontal(|ui| {
                        ui.label("Hours per week");
                        ui.add(
                            egui::DragValue::new(&mut self.hours_per_week)
                                .range(0.5..=80.0)
                                .speed(0.5),
                        );
                    });
                }
                ui.add_space(8.0);
                if let Some(text) = &mut self.path_field {
                    ui.label("No file dialog is available on this system: type where to save.");
                    ui.add(egui::TextEdit::singleline(text).desired_width(420.0));
                }
                match &self.outcome {
                    Some(Ok(path)) => {
                        ui.label(format!("Saved to {}", path.display()));
                        if let Some(dir) = path.parent()
                            && ui.button("Open its folder").clicked()
                        {
                            ctx.open_url(egui::OpenUrl::new_tab(format!(
                                "file://{}",
                                dir.display()
                            )));
                        }
                    }
                    Some(Err(e)) => {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    None => {}
                }
                ui.horizontal(|ui| {
                    let busy = self.pending.is_some();
                    if ui
                        .add_enabled(!busy, egui::Button::new("Export…"))
                        .clicked()
                    {
                        self.start_export(ctx, loaded, progress);
                    }
                    if busy {
                        ui.spinner();
                    }
                    if ui.button("Close").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        action = ExportAction::Close;
                    }
                });
            });
        action
    }

    fn start_export(&mut self, ctx: &egui::Context, loaded: &LoadedRoadmap, progress: &Progress) {
        self.outcome = None;
        let personal = Personal { loaded, progress };
        let bytes = match export::export(self.format, &personal, &self.options()) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.outcome = Some(Err(e));
                return;
            }
        };
        let file_name = format!("{}.{}", loaded.roadmap.id, self.format.extension());
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        if let Some(text) = self.path_field.as_ref().filter(|t| !t.trim().is_empty()) {
            let path = PathBuf::from(text.trim());
            std::thread::spawn(move || {
                let _ = tx.send(write(&path, &bytes));
                ctx.request_repaint();
            });
        } else if self.file_dialogs && crate::app::file_dialog_reachable() {
            std::thread::spawn(move || {
                let asked = std::time::Instant::now();
                let saved = match rfd::FileDialog::new().set_file_name(&file_name).save_file() {
                    Some(path) => write(&path, &bytes),
                    None if asked.elapsed() < crate::app::NO_DIALOG_WITHIN => Saved::NoDialog,
                    None => Saved::Cancelled,
                };
                let _ = tx.send(saved);
                ctx.request_repaint();
            });
        } else {
            let _ = tx.send(Saved::NoDialog);
        }
        self.pending = Some(rx);
    }

    fn poll(&mut self) {
        let Some(rx) = &self.pending else {
            return;
        };
        let saved = match rx.try_recv() {
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Saved::Cancelled,
            Ok(saved) => saved,
        };
        self.pending = None;
        match saved {
            Saved::Written(path) => {
                self.outcome = Some(Ok(path));
                self.path_field = None;
            }
            Saved::Failed(e) => self.outcome = Some(Err(e)),
            Saved::Cancelled => {}
            Saved::NoDialog => {
                if self.path_field.is_none() {
                    self.path_field = Some(String::new());
                }
            }
        }
    }
}

fn write(path: &Path, bytes: &[u8]) -> Saved {
    match std::fs::write(path, bytes) {
        Ok(()) => Saved::Written(path.to_owned()),
        Err(e) => Saved::Failed(format!("cannot write {}: {e}", path.display())),
    }
}
