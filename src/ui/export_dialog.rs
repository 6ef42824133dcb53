//! File > Export…: pick a format and options, then a place to save. The save dialog and the write
//! run off the UI thread; where no dialog can be shown, a path field takes its place.

use crate::task::{Poll, Task};
use std::path::{Path, PathBuf};

use crate::export::{self, ExportError, Format, Options, Personal};
use crate::model::{LoadedRoadmap, Progress};

/// How a save ended.
enum Saved {
    Written(PathBuf),
    Failed(String),
    Cancelled,
    NoDialog,
}

/// The field where the file's path is typed when there is no file dialog.
#[derive(Debug, Default)]
struct PathField {
    text: String,
    /// It has just appeared and takes the keyboard on the next frame.
    take_focus: bool,
}

/// The export dialog's state, kept while it is open.
pub struct ExportDialog {
    format: Format,
    notes: bool,
    phase: Option<String>,
    start: String,
    hours_per_week: f64,
    look: crate::picture::palette::Look,
    scale: f32,
    direction: crate::layout::Direction,
    /// The typed path, when there is no file dialog.
    /// For PDF: the paper of the map pages.
    paper: crate::export::Paper,
    path_field: Option<PathField>,
    pending: Option<Task<Saved>>,
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
    /// Pictures lay the map out in `direction`, the window's, unless changed here.
    #[must_use]
    pub fn new(file_dialogs: bool, direction: crate::layout::Direction) -> Self {
        Self {
            format: Format::Markdown,
            notes: true,
            phase: None,
            start: crate::model::plan::today().to_string(),
            hours_per_week: crate::model::plan::DEFAULT_HOURS_PER_WEEK,
            look: crate::picture::palette::Look::Light,
            scale: 2.0,
            direction,
            paper: crate::export::Paper::from_locale(|v| std::env::var(v).ok()),
            path_field: None,
            pending: None,
            outcome: None,
            file_dialogs,
        }
    }

    /// The study plan starts as the progress panel's does: the same plan in the calendar.
    #[must_use]
    pub fn with_plan(mut self, plan: Option<&crate::model::plan::PlanSettings>) -> Self {
        if let Some(plan) = plan {
            self.hours_per_week = plan.hours_per_week;
            if let Some(start) = &plan.start {
                self.start.clone_from(start);
            }
        }
        self
    }

    fn options(&self) -> Options {
        Options {
            notes: self.notes,
            phase: self.phase.clone(),
            start: self.start.clone(),
            hours_per_week: self.hours_per_week,
            look: self.look,
            scale: self.scale,
            direction: self.direction,
            paper: self.paper,
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
            Format::Svg => "Map picture, SVG (.svg)",
            Format::Png => "Map picture, PNG (.png)",
            Format::Pdf => "Map and topic notes, PDF (.pdf)",
            Format::Html => "Handout, one web page (.html)",
            Format::Slides => "Slide deck, 16:9 PDF (.pdf)",
            Format::Canvas => "Obsidian Canvas (.canvas)",
            Format::Drawio => "draw.io diagram (.drawio)",
        }
    }

    /// Draws the dialog; the app closes it on [`ExportAction::Close`].
    #[expect(
        clippy::too_many_lines,
        reason = "one form, its fields in the order the user reads them"
    )]
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
                    if ui
                        .radio_value(&mut self.format, format, Self::label(format))
                        .changed()
                    {
                        // Pictures and PDFs are made to be shown to others: notes stay out
                        // unless asked for.
                        self.notes = !format.is_picture();
                    }
                }
                ui.add_space(6.0);
                ui.add_enabled(
                    self.format.carries_notes(),
                    egui::Checkbox::new(&mut self.notes, "Include my private notes"),
                );
                ui.weak(
                    "Notes are left out of pictures and PDFs by default: they are made to be \
                     shared.",
                );
                if self.format.is_picture() {
                    ui.horizontal(|ui| {
                        use crate::picture::palette::Look;
                        ui.label("Colours");
                        ui.radio_value(&mut self.look, Look::Light, "Light");
                        ui.radio_value(&mut self.look, Look::Dark, "Dark");
                        ui.radio_value(&mut self.look, Look::HighContrast, "High contrast");
                    });
                    ui.horizontal(|ui| {
                        use crate::layout::Direction;
                        ui.label("Layers");
                        ui.radio_value(
                            &mut self.direction,
                            Direction::LeftToRight,
                            "Left to right",
                        );
                        ui.radio_value(
                            &mut self.direction,
                            Direction::TopToBottom,
                            "Top to bottom",
                        );
                    });
                }
                if self.format == Format::Pdf {
                    ui.horizontal(|ui| {
                        use crate::export::Paper;
                        ui.label("Paper");
                        ui.radio_value(&mut self.paper, Paper::A4, "A4");
                        ui.radio_value(&mut self.paper, Paper::Letter, "Letter");
                    });
                }
                if self.format == Format::Png {
                    ui.horizontal(|ui| {
                        ui.label("Scale");
                        ui.add(
                            egui::DragValue::new(&mut self.scale)
                                .range(0.5..=4.0)
                                .speed(0.1)
                                .suffix("x"),
                        );
                    });
                }
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
                let mut export_now = false;
                if let Some(PathField { text, take_focus }) = &mut self.path_field {
                    ui.label("No file dialog is available on this system: type where to save.");
                    let field = ui.add(egui::TextEdit::singleline(text).desired_width(420.0));
                    if std::mem::take(take_focus) {
                        field.request_focus();
                    }
                    // Enter in the field exports, as the button does.
                    export_now =
                        field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                }
                match &self.outcome {
                    Some(Ok(path)) => {
                        ui.label(format!("Saved to {}", path.display()));
                        if ui.button("Show in folder").clicked() {
                            // The file manager opens with the file selected, on every platform.
                            let path = path.clone();
                            crate::task::detach("reveal", move || {
                                let _ = opener::reveal(path);
                            });
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
                        || (export_now && !busy)
                    {
                        self.start_export(ctx, loaded, progress);
                    }
                    if busy {
                        ui.spinner();
                        ui.label("Exporting…");
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
        // The export runs on its own thread with its own copy of the roadmap: a large map's
        // picture takes longer than a frame.
        let format = self.format;
        let options = self.options();
        let file_name = format!("{}.{}", loaded.roadmap.id, format.extension());
        let loaded = loaded.clone();
        let progress = progress.clone();
        let make = move || {
            let personal = Personal {
                loaded: &loaded,
                progress: &progress,
            };
            export::export(format, &personal, &options)
        };
        let ctx = ctx.clone();
        let wake = move || ctx.request_repaint();
        let typed = self.path_field.as_ref().map(|f| f.text.as_str());
        let task = if let Some(text) = typed.filter(|t| !t.trim().is_empty()) {
            let path = PathBuf::from(text.trim());
            Task::spawn("export", wake, move || make_and_write(make, &path))
        } else if self.file_dialogs && super::file_dialog::file_dialog_reachable() {
            Task::spawn("export-dialog", wake, move || {
                let asked = std::time::Instant::now();
                match rfd::FileDialog::new().set_file_name(&file_name).save_file() {
                    Some(path) => make_and_write(make, &path),
                    None if asked.elapsed() < super::file_dialog::NO_DIALOG_WITHIN => {
                        Saved::NoDialog
                    }
                    None => Saved::Cancelled,
                }
            })
        } else {
            Task::done(Saved::NoDialog)
        };
        self.pending = Some(task);
    }

    fn poll(&mut self) {
        let Some(task) = &self.pending else {
            return;
        };
        let saved = match task.poll() {
            Poll::Running => return,
            Poll::Lost => Saved::Failed("the export stopped before it finished".to_owned()),
            Poll::Done(saved) => saved,
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
                    self.path_field = Some(PathField {
                        text: String::new(),
                        take_focus: true,
                    });
                }
            }
        }
    }
}

/// Makes the export, then writes it to `path`.
fn make_and_write(make: impl FnOnce() -> Result<Vec<u8>, ExportError>, path: &Path) -> Saved {
    match make() {
        Ok(bytes) => write(path, &bytes),
        Err(e) => Saved::Failed(e.to_string()),
    }
}

fn write(path: &Path, bytes: &[u8]) -> Saved {
    match std::fs::write(path, bytes) {
        Ok(()) => Saved::Written(path.to_owned()),
        Err(e) => Saved::Failed(format!("cannot write {}: {e}", path.display())),
    }
}
