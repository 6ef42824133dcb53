//! The eframe app: holds the open roadmap, the selection and the views, and applies what the
//! user asked for at the end of each frame.

mod commands;
mod dialogs;
mod document;
mod editing;
mod files;
mod panels;
mod presenting;
mod remembered;
mod screenshot;

use dialogs::PathPrompt;
use document::{Document, OpenOutcome, reload_banner};
use presenting::Presenting;
use screenshot::Screenshot;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use crate::command::{Command, View};
use crate::model::{LoadError, LoadedRoadmap};
use crate::tracker::Tracker;
use crate::ui;
use crate::ui::map::MapView;

/// Which panels and windows are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches, one per panel"
)]
struct Panels {
    /// The progress panel on the left.
    progress: bool,
    /// The selected topic's detail panel.
    details: bool,
    /// The keyboard shortcuts window.
    help: bool,
    /// The outline beside the map.
    outline: bool,
    /// The overview map in the map's corner.
    minimap: bool,
    /// The phases window, while editing.
    phases: bool,
}

/// A short notice over the map (see `RoadmapApp::flash`).
struct Toast {
    text: String,
    warning: bool,
    since: std::time::Instant,
    /// The undo or redo it tells of, by the tracker's number for it.
    step: Option<u64>,
}

/// The desktop app.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches: options given at start, and which question is being asked"
)]
pub struct RoadmapApp {
    /// The open roadmap: its file, progress tracker and watches.
    doc: Document,
    selected: Option<usize>,
    view: View,
    map: MapView,
    /// Problems of a file the user tried to open; the current roadmap stays.
    problems: Option<LoadError>,
    /// A file dialog or a load running off the UI thread.
    pending_open: Option<crate::task::Task<OpenOutcome>>,
    /// The path field, while it is open.
    path_prompt: Option<PathPrompt>,
    screenshot: Option<Screenshot>,
    /// The note being edited, for the selected topic.
    note_draft: (usize, String),
    panels: Panels,
    confirm_reset: bool,
    export: Option<ui::export_dialog::ExportDialog>,
    search: Option<ui::search::SearchBar>,
    filters: ui::filter::Filters,
    presenting: Option<Presenting>,
    /// A topic to bring into view of the map once it is laid out this frame.
    reveal: Option<usize>,
    /// The selection the outline last scrolled to.
    outline_scrolled: Option<usize>,
    /// What is remembered between runs, and where (`None`: nowhere).
    settings: crate::settings::Settings,
    settings_path: Option<PathBuf>,
    /// The saved theme and text size, until the first frame puts them into effect.
    pending_look: Option<(crate::settings::ThemeChoice, f32)>,
    /// Start presenting once the map is laid out (`roadmap --present`).
    present_on_start: bool,
    /// Another tool's file to import in the first frame (`roadmap my.canvas`).
    import_on_start: Option<PathBuf>,
    /// Whether to try the system's file dialogs (tests turn them off).
    file_dialogs: bool,
    frames: Arc<AtomicU64>,
    /// Set by `ROADMAP_FRAME_STATS`: log each frame's time, to check that an idle window paints
    /// nothing.
    frame_log: Option<std::time::Instant>,
    /// The size the window was last drawn at.
    drawn_size: Option<egui::Vec2>,
    /// The short notice on screen, if any.
    toast: Option<Toast>,
    /// The last undo or redo told (see `Tracker::step_notice`).
    told_step: Option<u64>,
    /// Editing the roadmap (E).
    editing: bool,
    /// The link selected on the map, while editing: (prerequisite, topic).
    link_selected: Option<(usize, usize)>,
    /// What is being typed into the selected topic's editing panel.
    topic_draft: ui::edit_panel::TopicDraft,
    /// The topic (by id) about to be deleted, while the user is asked.
    confirm_delete: Option<String>,
    /// Asking to make a copy of the bundled roadmap before editing.
    ask_copy_first: bool,
    /// Asking what to do with unsaved edits before this.
    ask_unsaved: Option<files::Then>,
    /// To be done this frame, the question about unsaved edits answered.
    then_now: Option<files::Then>,
    /// To be done once the roadmap is saved (Save chosen for unsaved edits, for a new file).
    after_save: Option<files::Then>,
    /// The user chose to close without saving: the next close request goes through.
    may_close: bool,
    /// A save dialog open on its own thread.
    pending_save: Option<files::SaveDialog>,
    /// The file's new version on disk, held back while edits are unsaved.
    disk_conflict: Option<Box<LoadedRoadmap>>,
    /// When unsaved edits are to be written to the recovery file.
    recovery_due: Option<std::time::Instant>,
    /// Unsaved edits found from a window that did not close normally, offered back.
    recovered: Option<files::Recovered>,
    /// The window title last set.
    shown_title: String,
    /// What is being typed into the phases window.
    phase_draft: ui::phases::PhaseDraft,
    /// The roadmap's warnings, worked out again after it changes.
    warnings: Option<editing::Warnings>,
    /// The study plan's start as typed, and the plan last worked out.
    plan_draft: ui::plan::PlanDraft,
}

impl RoadmapApp {
    /// An app showing this roadmap, loaded from `file` (`None` for the bundled roadmap).
    #[must_use]
    pub fn new(loaded: LoadedRoadmap, file: Option<PathBuf>) -> Self {
        Self {
            doc: Document::new(loaded, file),
            note_draft: (usize::MAX, String::new()),
            panels: Panels {
                progress: true,
                details: false,
                help: false,
                outline: false,
                minimap: true,
                phases: false,
            },
            outline_scrolled: None,
            reveal: None,
            settings: crate::settings::Settings::default(),
            settings_path: None,
            pending_look: None,
            confirm_reset: false,
            export: None,
            search: None,
            filters: ui::filter::Filters::default(),
            presenting: None,
            present_on_start: false,
            import_on_start: None,
            file_dialogs: true,
            selected: None,
            view: View::Map,
            map: MapView::new(),
            problems: None,
            pending_open: None,
            path_prompt: None,
            screenshot: None,
            frames: Arc::default(),
            frame_log: std::env::var_os("ROADMAP_FRAME_STATS").map(|_| std::time::Instant::now()),
            drawn_size: None,
            toast: None,
            told_step: None,
            editing: false,
            link_selected: None,
            topic_draft: ui::edit_panel::TopicDraft::default(),
            confirm_delete: None,
            ask_copy_first: false,
            ask_unsaved: None,
            then_now: None,
            after_save: None,
            may_close: false,
            pending_save: None,
            disk_conflict: None,
            recovery_due: None,
            recovered: None,
            shown_title: String::new(),
            phase_draft: ui::phases::PhaseDraft::default(),
            warnings: None,
            plan_draft: ui::plan::PlanDraft::default(),
        }
    }

    /// Keeps progress in `path` (read now, saved after every change), or in memory only when
    /// there is no path.
    #[must_use]
    pub fn with_progress_file(mut self, path: Option<PathBuf>) -> Self {
        self.doc.tracker = Tracker::open(&self.doc.loaded, path);
        self
    }

    /// Keeps the progress file given by the user (`--progress`) for every version of this
    /// roadmap opened in the window, instead of the data folder's file for its id.
    #[must_use]
    pub fn keeping_progress_file(mut self) -> Self {
        self.doc.keep_progress_file = true;
        self
    }

    /// Keeps the progress of every roadmap opened from the window in `folder`, one file per
    /// roadmap id, as long as progress is being saved at all.
    #[must_use]
    pub fn with_progress_folder(mut self, folder: Option<PathBuf>) -> Self {
        self.doc.progress_folder = folder;
        self
    }

    /// Never shows the system's file dialogs: File > Open and Export use a path field instead.
    #[must_use]
    pub fn without_file_dialogs(mut self) -> Self {
        self.file_dialogs = false;
        self
    }

    /// The user's progress on the open roadmap.
    #[must_use]
    pub fn tracker(&self) -> &Tracker {
        &self.doc.tracker
    }

    /// The window title for the open roadmap.
    #[must_use]
    pub fn window_title(&self) -> String {
        // The file's name tells a copy on disk from the bundled roadmap, and two copies apart;
        // a dot in front says there are edits to save.
        let mark = if self.doc.unsaved { "• " } else { "" };
        let title = match self
            .doc
            .file
            .as_deref()
            .and_then(std::path::Path::file_name)
        {
            Some(name) => format!(
                "{} · {} · Roadmap",
                self.doc.loaded.roadmap.title,
                name.to_string_lossy()
            ),
            None => format!("{} · Roadmap", self.doc.loaded.roadmap.title),
        };
        format!("{mark}{title}")
    }

    /// The roadmap on screen.
    #[must_use]
    pub fn roadmap(&self) -> &LoadedRoadmap {
        &self.doc.loaded
    }

    /// The selected topic.
    #[must_use]
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The map view, to find where topics are on screen.
    #[must_use]
    pub fn map(&self) -> &MapView {
        &self.map
    }

    /// The search bar, while it is open.
    #[must_use]
    pub fn search(&self) -> Option<&ui::search::SearchBar> {
        self.search.as_ref()
    }

    /// Whether the selected topic's detail panel is open.
    #[must_use]
    pub fn details_open(&self) -> bool {
        self.panels.details && self.selected.is_some()
    }

    /// Whether the keyboard shortcuts window is open.
    #[must_use]
    pub fn help_open(&self) -> bool {
        self.panels.help
    }

    /// The filters in force.
    #[must_use]
    pub fn filters(&self) -> &ui::filter::Filters {
        &self.filters
    }

    /// Which topics the filters let through (the map dims the rest), or `None` when no filter
    /// is set.
    #[must_use]
    pub fn filtered(&self) -> Option<Vec<bool>> {
        self.filters
            .shown(&self.doc.loaded, self.doc.tracker.overview())
    }

    /// The view filling the window.
    #[must_use]
    pub fn view(&self) -> View {
        self.view
    }

    /// Problems of the last file that failed to open, while they are shown.
    #[must_use]
    pub fn problems(&self) -> Option<&LoadError> {
        self.problems.as_ref()
    }

    /// Problems of the open file since it changed on disk, while the last good roadmap stays.
    #[must_use]
    pub fn reload_problems(&self) -> Option<&LoadError> {
        self.doc.reload_problems.as_ref()
    }

    /// Counts the frames drawn, shared so it can be read after the window closes.
    #[must_use]
    pub fn frame_counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.frames)
    }

    /// Draws the whole window into `ui`, then applies what the user asked for.
    pub fn window_ui(&mut self, ui: &mut egui::Ui) {
        let frame = self.frames.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(started) = self.frame_log {
            eprintln!("frame {frame} at {:.3} s", started.elapsed().as_secs_f64());
        }
        let mut commands = Vec::new();
        if frame == 1 {
            self.offer_recovery();
        }
        self.hold_close(ui.ctx());
        self.ensure_fonts(ui.ctx());
        self.poll_open();
        self.poll_save_dialog(ui.ctx());
        self.keep_watching(ui.ctx());
        self.poll_reload();
        self.keep_watching_progress(ui.ctx());
        self.doc.tracker.take_disk_changes(&self.doc.loaded);
        self.restore_carried_progress();
        self.track_settings(ui.ctx());
        self.repaint_after_resize(ui.ctx());
        self.shortcuts(ui.ctx(), &mut commands);
        if self.presenting.is_some() {
            self.presentation_ui(ui, &mut commands);
            for command in commands {
                self.apply(ui.ctx(), command);
            }
            self.screenshot_step(ui.ctx());
            return;
        }

        let shown = self.top_panels_ui(ui, &mut commands);
        self.disk_conflict_ui(ui);
        self.body_ui(ui, shown.as_deref(), &mut commands);
        self.reset_dialog(ui.ctx());
        self.editing_windows(ui.ctx(), &mut commands);
        if let Some(dialog) = &mut self.export {
            let action = dialog.ui(ui.ctx(), &self.doc.loaded, self.doc.tracker.progress());
            if action == ui::export_dialog::ExportAction::Close {
                self.export = None;
            }
        }
        self.toast_ui(ui.ctx());
        self.problems_window(ui.ctx());
        self.path_prompt_window(ui.ctx(), &mut commands);
        if self.panels.help && ui::help::help_window(ui.ctx()) {
            commands.push(Command::ToggleHelp);
        }

        for command in commands {
            self.apply(ui.ctx(), command);
        }
        self.go_on(ui.ctx());
        self.keep_recovery(ui.ctx());
        self.keep_title(ui.ctx());
        if let Some(path) = self.import_on_start.take() {
            self.open_path(ui.ctx(), path);
        }
        if self.present_on_start && self.map.is_ready() {
            self.present_on_start = false;
            self.apply(ui.ctx(), Command::Present);
        }
        self.screenshot_step(ui.ctx());
    }
}

impl RoadmapApp {
    /// The dialogs and windows of editing: deleting a topic others need, the bundled roadmap's
    /// copy, unsaved edits, recovered edits, and the phases.
    fn editing_windows(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        self.confirm_delete_dialog(ctx);
        self.copy_first_dialog(ctx, commands);
        self.unsaved_dialog(ctx);
        self.recovery_dialog(ctx);
        if self.panels.phases && self.editing {
            let (open, edits) =
                ui::phases::phases_window(ctx, &self.doc.loaded, &mut self.phase_draft);
            for (edit, merge) in edits {
                commands.push(Command::EditRoadmap {
                    edit: Box::new(edit),
                    merge,
                });
            }
            if !open {
                commands.push(Command::TogglePhases);
            }
        }
    }

    /// Sets the window title when it changes: the roadmap, its file, and a mark for unsaved
    /// edits.
    fn keep_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// A window resized by its manager (leaving full screen, above all) can be drawn once at a
    /// size it no longer has, with nothing asking for another frame: a strip of the old frame
    /// then stays under the presentation's caption. Each change of size asks for one more frame
    /// shortly after, drawn at the size the window settled on.
    fn repaint_after_resize(&mut self, ctx: &egui::Context) {
        let size = ctx.content_rect().size();
        if self
            .drawn_size
            .replace(size)
            .is_some_and(|drawn| drawn != size)
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}

impl eframe::App for RoadmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.window_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
        if let Err(e) = self.doc.tracker.flush() {
            eprintln!("error: progress could not be saved on exit: {e}");
        }
    }
}
