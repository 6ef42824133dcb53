//! The eframe app: holds the open roadmap, the selection and the views, and applies what the
//! user asked for at the end of each frame.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

pub use crate::command::{Command, View};
use crate::layout::Direction;
use crate::model::{LoadError, LoadedRoadmap};
use crate::tracker::{Edit, Tracker};
use crate::ui;
use crate::ui::details::{DetailAction, ProgressView};
use crate::ui::file_dialog::{NO_DIALOG_NOTE, NO_DIALOG_WITHIN, file_dialog_reachable};
use crate::ui::map::{MapEvent, MapInput, MapView};

/// How an attempt to open a roadmap ended, reported from the thread that ran it.
enum OpenOutcome {
    Loaded(PathBuf, Box<LoadedRoadmap>),
    Failed(LoadError),
    Cancelled,
    /// The file dialog closed at once without a choice: there is no dialog on this system.
    NoDialog,
}

/// The field where a roadmap's path is typed, when there is no file dialog or by choice.
struct PathPrompt {
    text: String,
    note: Option<&'static str>,
    focused: bool,
}

impl PathPrompt {
    fn new(text: String, note: Option<&'static str>) -> Self {
        Self {
            text,
            note,
            focused: false,
        }
    }
}

/// How much one press of + or - zooms the map.
const KEY_ZOOM: f32 = 1.25;

/// Where the screenshot switch stands.
struct Screenshot {
    path: PathBuf,
    frames_ready: u32,
    requested: bool,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

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
}

/// What presenting hides or moves, to put back afterwards.
#[derive(Debug, Clone, Copy)]
struct SavedView {
    camera: (egui::emath::TSTransform, egui::Rect),
    selected: Option<usize>,
    panels: Panels,
    view: View,
    fullscreen: bool,
}

/// A presentation running, with the view to return to.
struct Presenting {
    show: ui::present::Presentation,
    saved: SavedView,
    /// The camera glides to the topic once the map has its presentation size.
    glide: bool,
}

/// Whether the open roadmap's text has been checked for characters the fonts lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FontCheck {
    Pending,
    Done,
}

/// The desktop app.
pub struct RoadmapApp {
    loaded: LoadedRoadmap,
    /// Whether the fonts have been checked against the roadmap's text (fallbacks added for
    /// scripts the bundled fonts lack).
    fonts: FontCheck,
    /// The file the roadmap came from; `None` for the bundled one.
    file: Option<PathBuf>,
    selected: Option<usize>,
    view: View,
    map: MapView,
    /// Problems of a file the user tried to open; the current roadmap stays.
    problems: Option<LoadError>,
    /// The watch on the open file (live reload), with the file it was started for; `None` for
    /// the bundled roadmap.
    watching: Option<(PathBuf, Option<crate::watch::FileWatch>)>,
    /// The watch on the progress file, with the saver it asks to look at the file; `None` when
    /// progress is kept in memory only.
    watching_progress: Option<(crate::store::DiskCheck, Option<crate::watch::FileWatch<()>>)>,
    /// Problems of the open file after it changed on disk; the last good roadmap stays.
    reload_problems: Option<LoadError>,
    /// A file dialog or a load running off the UI thread.
    pending_open: Option<Receiver<OpenOutcome>>,
    /// The path field, while it is open.
    path_prompt: Option<PathPrompt>,
    screenshot: Option<Screenshot>,
    tracker: Tracker,
    /// The note being edited, for the selected topic.
    note_draft: (usize, String),
    panels: Panels,
    confirm_reset: bool,
    export: Option<ui::export_dialog::ExportDialog>,
    search: Option<ui::search::SearchBar>,
    filters: ui::filter::Filters,
    presenting: Option<Presenting>,
    /// The selection the outline last scrolled to.
    outline_scrolled: Option<usize>,
    /// What is remembered between runs, and where (`None`: nowhere).
    settings: crate::settings::Settings,
    settings_path: Option<PathBuf>,
    /// The saved theme and text size, until the first frame puts them into effect.
    pending_look: Option<(crate::settings::ThemeChoice, f32)>,
    /// Start presenting once the map is laid out (`roadmap --present`).
    present_on_start: bool,
    /// Whether to try the system's file dialogs (tests turn them off).
    file_dialogs: bool,
    /// Where the progress of a roadmap opened from the window is kept: the data folder's
    /// progress folder in the real app, none (progress in memory) until told.
    progress_folder: Option<PathBuf>,
    frames: Arc<AtomicU64>,
    /// Set by `ROADMAP_FRAME_STATS`: log each frame's time, to check that an idle window paints
    /// nothing.
    frame_log: Option<std::time::Instant>,
}

impl RoadmapApp {
    /// An app showing this roadmap, loaded from `file` (`None` for the bundled roadmap).
    #[must_use]
    pub fn new(loaded: LoadedRoadmap, file: Option<PathBuf>) -> Self {
        let tracker = Tracker::in_memory(&loaded);
        Self {
            fonts: FontCheck::Pending,
            tracker,
            note_draft: (usize::MAX, String::new()),
            panels: Panels {
                progress: true,
                details: false,
                help: false,
                outline: false,
                minimap: true,
            },
            outline_scrolled: None,
            settings: crate::settings::Settings::default(),
            settings_path: None,
            pending_look: None,
            confirm_reset: false,
            export: None,
            search: None,
            filters: ui::filter::Filters::default(),
            presenting: None,
            present_on_start: false,
            file_dialogs: true,
            progress_folder: None,
            loaded,
            file,
            selected: None,
            view: View::Map,
            map: MapView::new(),
            problems: None,
            watching: None,
            watching_progress: None,
            reload_problems: None,
            pending_open: None,
            path_prompt: None,
            screenshot: None,
            frames: Arc::default(),
            frame_log: std::env::var_os("ROADMAP_FRAME_STATS").map(|_| std::time::Instant::now()),
        }
    }

    /// Keeps progress in `path` (read now, saved after every change), or in memory only when
    /// there is no path.
    #[must_use]
    pub fn with_progress_file(mut self, path: Option<PathBuf>) -> Self {
        self.tracker = Tracker::open(&self.loaded, path);
        self
    }

    /// A personal roadmap file carries progress: it replaces what is recorded for its topics, as
    /// one change that Undo takes back.
    fn restore_carried_progress(&mut self) {
        if let Some(carried) = self.loaded.carried_progress.take() {
            self.tracker
                .apply(&self.loaded, Edit::Restore(Box::new(carried)));
            self.tracker.add_info("The progress saved in this file was restored. Edit > Undo goes back to what you had.");
        }
    }

    /// Keeps the progress of every roadmap opened from the window in `folder`, one file per
    /// roadmap id, as long as progress is being saved at all.
    #[must_use]
    pub fn with_progress_folder(mut self, folder: Option<PathBuf>) -> Self {
        self.progress_folder = folder;
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
        &self.tracker
    }

    /// Saves a PNG of the window to `path` once the map is drawn, then closes; `result` tells how
    /// it went.
    pub fn screenshot_to(&mut self, path: PathBuf, result: Arc<Mutex<Option<Result<(), String>>>>) {
        self.screenshot = Some(Screenshot {
            path,
            frames_ready: 0,
            requested: false,
            result,
        });
    }

    /// The window title for the open roadmap.
    #[must_use]
    pub fn window_title(&self) -> String {
        format!("{} · Roadmap", self.loaded.roadmap.title)
    }

    /// The roadmap on screen.
    #[must_use]
    pub fn roadmap(&self) -> &LoadedRoadmap {
        &self.loaded
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

    /// Restores what was remembered (view, panels, direction now; theme and text size on the
    /// first frame), and saves the settings to `path` when they change and on exit.
    #[must_use]
    pub fn with_settings(
        mut self,
        settings: crate::settings::Settings,
        path: Option<PathBuf>,
    ) -> Self {
        use crate::settings::{SavedDirection, SavedView};
        self.map.set_direction(match settings.direction {
            SavedDirection::LeftToRight => Direction::LeftToRight,
            SavedDirection::TopToBottom => Direction::TopToBottom,
        });
        self.view = match settings.view {
            SavedView::Map => View::Map,
            SavedView::Outline => View::Outline,
        };
        self.panels.progress = settings.progress_panel;
        self.panels.outline = settings.outline_panel;
        self.panels.minimap = settings.overview_map;
        self.pending_look = Some((settings.theme, settings.zoom));
        self.settings = settings;
        self.settings_path = path;
        self
    }

    /// The settings as they would be saved now.
    #[must_use]
    pub fn settings(&self) -> crate::settings::Settings {
        use crate::settings::{SavedDirection, SavedView};
        let mut settings = self.settings.clone();
        settings.direction = match self.map.direction() {
            Direction::LeftToRight => SavedDirection::LeftToRight,
            Direction::TopToBottom => SavedDirection::TopToBottom,
        };
        settings.view = match self.view {
            View::Map => SavedView::Map,
            View::Outline => SavedView::Outline,
        };
        if let Some(p) = &self.presenting {
            settings.progress_panel = p.saved.panels.progress;
            settings.outline_panel = p.saved.panels.outline;
            settings.overview_map = p.saved.panels.minimap;
        } else {
            settings.progress_panel = self.panels.progress;
            settings.outline_panel = self.panels.outline;
            settings.overview_map = self.panels.minimap;
        }
        // Absolute, so the next start finds it from whatever folder it is started in.
        settings.last_roadmap = self
            .file
            .as_ref()
            .map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone()));
        settings
    }

    /// Writes the settings, if they have a place; a failure is only reported.
    pub fn save_settings(&self) {
        if let Some(path) = &self.settings_path
            && let Err(e) = crate::settings::save(path, &self.settings())
        {
            eprintln!("warning: {}: settings not saved: {e}", path.display());
        }
    }

    /// Notes the window's size and text size, and puts the saved theme into effect once.
    fn track_settings(&mut self, ctx: &egui::Context) {
        if let Some((theme, zoom)) = self.pending_look.take() {
            // Following the system is egui's own default: nothing to change.
            if theme != crate::settings::ThemeChoice::System {
                ui::theme::apply_theme(ctx, theme);
            }
            if (zoom - 1.0).abs() > f32::EPSILON {
                ctx.set_zoom_factor(zoom);
            }
        }
        self.settings.zoom = ctx.zoom_factor();
        let (size, fullscreen) = ctx.input(|i| {
            (
                i.viewport().inner_rect.map(|r| r.size()),
                i.viewport().fullscreen.unwrap_or(false),
            )
        });
        if let Some(size) = size.filter(|_| !fullscreen && self.presenting.is_none()) {
            // The viewport's rect is in egui points, which the text size scales; the window is
            // opened in unscaled points.
            let zoom = ctx.zoom_factor();
            self.settings.window_size = Some([size.x * zoom, size.y * zoom]);
        }
    }

    /// Starts presenting as soon as the window shows the map.
    #[must_use]
    pub fn presenting_on_start(mut self) -> Self {
        self.present_on_start = true;
        self
    }

    /// The presentation running, if any.
    #[must_use]
    pub fn presentation(&self) -> Option<&ui::present::Presentation> {
        self.presenting.as_ref().map(|p| &p.show)
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
        self.filters.shown(&self.loaded, self.tracker.overview())
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
        self.reload_problems.as_ref()
    }

    /// Counts the frames drawn, shared so it can be read after the window closes.
    #[must_use]
    pub fn frame_counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.frames)
    }

    /// Adds system fonts for characters of the roadmap the bundled fonts lack (Chinese,
    /// Japanese, Arabic, …), then lays the map out again once they are in use.
    fn ensure_fonts(&mut self, ctx: &egui::Context) {
        if self.fonts == FontCheck::Done {
            return;
        }
        self.fonts = FontCheck::Done;
        let fallbacks =
            crate::fonts::fallbacks_for(crate::fonts::roadmap_chars(&self.loaded.roadmap));
        if !fallbacks.is_empty() {
            crate::fonts::install(ctx, fallbacks);
            // The new fonts apply from the next pass: measure the titles again then.
            self.map.relayout_next_pass(ctx);
            ctx.request_repaint();
        }
    }

    /// Draws the whole window into `ui`, then applies what the user asked for.
    pub fn window_ui(&mut self, ui: &mut egui::Ui) {
        let frame = self.frames.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(started) = self.frame_log {
            eprintln!("frame {frame} at {:.3} s", started.elapsed().as_secs_f64());
        }
        let mut commands = Vec::new();
        self.ensure_fonts(ui.ctx());
        self.poll_open(ui.ctx());
        self.keep_watching(ui.ctx());
        self.poll_reload(ui.ctx());
        self.keep_watching_progress(ui.ctx());
        self.tracker.take_disk_changes(&self.loaded);
        self.restore_carried_progress();
        self.track_settings(ui.ctx());
        self.shortcuts(ui.ctx(), &mut commands);
        if self.presenting.is_some() {
            self.presentation_ui(ui, &mut commands);
            for command in commands {
                self.apply(ui.ctx(), command);
            }
            self.screenshot_step(ui.ctx());
            return;
        }

        let overview = self.tracker.overview();
        let goal = self.tracker.goal(&self.loaded);
        let top = ui::TopBarState {
            view: self.view,
            direction: self.map.direction(),
            progress_panel: self.panels.progress,
            outline_panel: self.panels.outline,
            minimap: self.panels.minimap,
            can_undo: self.tracker.can_undo(),
            can_redo: self.tracker.can_redo(),
            cleared: overview.cleared_of(0..self.loaded.roadmap.topics.len()),
            filters: &self.filters,
            theme: self.settings.theme,
        };
        egui::Panel::top("top_bar").show(ui, |ui| {
            commands.extend(ui::top_bar_ui(ui, &self.loaded, top));
        });
        let notices = self.tracker.notices();
        if !notices.is_empty() {
            egui::Panel::top("notices").show(ui, |ui| {
                for (k, notice) in notices.iter().enumerate() {
                    ui.horizontal_wrapped(|ui| {
                        if self.tracker.is_info(notice) {
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
        if let Some(problems) = &self.reload_problems {
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
            egui::Panel::top("search").show(ui, |ui| match bar.ui(ui, &self.loaded) {
                Some(ui::search::SearchAction::Select(i)) => {
                    commands.push(Command::Select(Some(i)));
                }
                Some(ui::search::SearchAction::Close) => commands.push(Command::CloseSearch),
                None => {}
            });
        }
        let shown = self.filters.shown(&self.loaded, overview);
        if let Some(shown) = &shown {
            let count = shown.iter().filter(|s| **s).count();
            egui::Panel::top("filters").show(ui, |ui| {
                ui::filter::filter_bar_ui(
                    ui,
                    &self.loaded,
                    &self.filters,
                    count,
                    shown.len(),
                    &mut commands,
                );
            });
        }
        if self.panels.progress {
            egui::Panel::left("progress")
                .default_size(250.0)
                .size_range(200.0..=420.0)
                .show(ui, |ui| {
                    if let Some(i) =
                        ui::progress::progress_panel_ui(ui, &self.loaded, overview, goal)
                    {
                        commands.push(Command::Select(Some(i)));
                    }
                });
        }
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
        if self.panels.outline && self.view == View::Map {
            egui::Panel::left("outline_side")
                .default_size(320.0)
                .size_range(220.0..=560.0)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    ui.label(egui::RichText::new("Outline").heading());
                    outline_actions = ui::outline::outline_ui(ui, &self.loaded, outline);
                });
        }
        if let Some(topic) = self
            .selected
            .filter(|_| self.view == View::Map && self.panels.details)
        {
            if self.note_draft.0 != topic || !ui.ctx().egui_wants_keyboard_input() {
                let saved = self
                    .tracker
                    .progress()
                    .note(&self.loaded.roadmap.topics[topic].id);
                if self.note_draft.0 != topic || self.note_draft.1 != saved {
                    self.note_draft = (topic, saved.to_owned());
                }
            }
            let note = &mut self.note_draft.1;
            egui::Panel::right("details")
                .default_size(380.0)
                .size_range(280.0..=640.0)
                .show(ui, |ui| {
                    let mut view = ProgressView {
                        overview,
                        goal,
                        note,
                    };
                    match ui::details::details_ui(ui, &self.loaded, topic, &mut view) {
                        Some(DetailAction::Select(i)) => commands.push(Command::Select(Some(i))),
                        Some(DetailAction::Close) => commands.push(Command::Select(None)),
                        Some(DetailAction::SetStatus(s)) => {
                            commands.push(Command::Edit(Edit::Status(topic, s)));
                        }
                        Some(DetailAction::SetGoal(g)) => {
                            commands.push(Command::Edit(Edit::Goal(g)));
                        }
                        Some(DetailAction::SetNote(n)) => {
                            commands.push(Command::Edit(Edit::Note(topic, n)));
                        }
                        None => {}
                    }
                });
        }
        let input = MapInput {
            selected: self.selected,
            overview: self.tracker.has_progress(&self.loaded).then_some(overview),
            goal,
            revision: self.tracker.revision(),
            matches: self
                .search
                .as_ref()
                .and_then(ui::search::SearchBar::matches),
            shown: shown.as_deref(),
            spotlight: None,
            minimap: self.panels.minimap,
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| match self.view {
                View::Map => {
                    for event in self.map.ui(ui, &self.loaded, input) {
                        commands.push(match event {
                            MapEvent::TopicClicked(i) => Command::Select(Some(i)),
                            MapEvent::BackgroundClicked => Command::Select(None),
                            MapEvent::SetStatus(i, s) => Command::Edit(Edit::Status(i, s)),
                            MapEvent::SetGoal(g) => Command::Edit(Edit::Goal(g)),
                        });
                    }
                }
                View::Outline => {
                    egui::Frame::new().inner_margin(8.0).show(ui, |ui| {
                        let state = ui::outline::OutlineState {
                            compact: false,
                            ..outline
                        };
                        for action in ui::outline::outline_ui(ui, &self.loaded, state) {
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
        self.reset_dialog(ui.ctx());
        if let Some(dialog) = &mut self.export {
            let action = dialog.ui(ui.ctx(), &self.loaded, self.tracker.progress());
            if action == ui::export_dialog::ExportAction::Close {
                self.export = None;
            }
        }
        self.problems_window(ui.ctx());
        self.path_prompt_window(ui.ctx(), &mut commands);
        if self.panels.help && ui::help::help_window(ui.ctx()) {
            commands.push(Command::ToggleHelp);
        }

        for command in commands {
            self.apply(ui.ctx(), command);
        }
        if self.present_on_start && self.map.is_ready() {
            self.present_on_start = false;
            self.apply(ui.ctx(), Command::Present);
        }
        self.screenshot_step(ui.ctx());
    }

    /// The window while presenting: the map, spotlighting one topic and its prerequisite
    /// chain, over a caption with the step, the phase and why the topic sits there.
    fn presentation_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Some(presenting) = &mut self.presenting else {
            return;
        };
        egui::Panel::bottom("caption")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(24, 8)),
            )
            .show(ui, |ui| {
                if let Some(i) = ui::present::caption_ui(ui, &self.loaded, &presenting.show) {
                    commands.push(Command::PresentStep(ui::present::Step::To(i)));
                }
            });
        let topic = presenting.show.topic();
        let input = MapInput {
            selected: topic,
            overview: self
                .tracker
                .has_progress(&self.loaded)
                .then_some(self.tracker.overview()),
            revision: self.tracker.revision(),
            spotlight: topic,
            ..MapInput::default()
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                for event in self.map.ui(ui, &self.loaded, input) {
                    if let MapEvent::TopicClicked(i) = event {
                        commands.push(Command::PresentStep(ui::present::Step::To(i)));
                    }
                }
            });
        if presenting.glide
            && let Some(topic) = topic
        {
            presenting.glide = false;
            self.map.glide_to_chain(ui.ctx(), &self.loaded, topic);
        }
    }

    /// Turns the keys pressed this frame into commands, through the one table of bindings
    /// (`command::BINDINGS`). Ctrl shortcuts work anywhere; the others only while no text field
    /// and no dialog has the keyboard; presenting has keys of its own.
    fn shortcuts(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        use crate::command::{self, Action, Scope};
        let typing = ctx.egui_wants_keyboard_input();
        let dialog_open =
            self.problems.is_some() || self.path_prompt.is_some() || self.confirm_reset;
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
    fn command_for(
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
                    Some(from) => self.map.neighbour(&self.loaded, from, key?),
                    None => self.loaded.graph.topological_order().first().copied(),
                }?;
                Command::MoveTo(to)
            }
            Action::Mark => {
                let topic = self.selected?;
                let (status, _) = MARK_KEYS.iter().find(|(_, k)| Some(*k) == key)?;
                Command::Edit(Edit::Status(topic, *status))
            }
            Action::Step => {
                let (_, step) = STEP_KEYS.iter().find(|(k, _)| Some(*k) == key)?;
                Command::PresentStep(*step)
            }
            Action::StopPresenting => Command::StopPresenting,
            _ => return None,
        })
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Select(topic) => {
                self.selected = topic.filter(|&i| i < self.loaded.roadmap.topics.len());
                self.panels.details = self.selected.is_some();
                if let Some(i) = self.selected {
                    self.map.bring_into_view(ctx, i);
                }
            }
            Command::MoveTo(topic) => {
                if topic < self.loaded.roadmap.topics.len() {
                    self.selected = Some(topic);
                    self.map.bring_into_view(ctx, topic);
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
            Command::ShowReloadProblems => self.problems.clone_from(&self.reload_problems),
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
            Command::OpenDialog => self.open_dialog(ctx),
            Command::OpenPathPrompt => {
                self.path_prompt = Some(PathPrompt::new(self.current_path(), None));
            }
            Command::OpenPath(path) => {
                self.open_path(ctx, path);
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Edit(edit) => self.tracker.apply(&self.loaded, edit),
            Command::Undo => {
                self.tracker.undo(&self.loaded);
            }
            Command::Redo => {
                self.tracker.redo(&self.loaded);
            }
            Command::AskReset => self.confirm_reset = true,
            Command::ToggleOutlinePanel => self.panels.outline = !self.panels.outline,
            Command::ToggleProgressPanel => self.panels.progress = !self.panels.progress,
            Command::ToggleMinimap => self.panels.minimap = !self.panels.minimap,
            Command::DismissNotice(k) => self.tracker.dismiss_notice(k),
            Command::OpenSearch => match &mut self.search {
                Some(bar) => bar.focus(),
                None => self.search = Some(ui::search::SearchBar::new()),
            },
            Command::CloseSearch => self.search = None,
            Command::OpenExport => {
                if self.export.is_none() {
                    self.export = Some(ui::export_dialog::ExportDialog::new(
                        self.file_dialogs,
                        self.map.direction(),
                    ));
                }
            }
        }
        ctx.request_repaint();
    }

    fn start_presenting(&mut self, ctx: &egui::Context) {
        if self.presenting.is_some() || self.loaded.roadmap.topics.is_empty() {
            return;
        }
        let saved = SavedView {
            camera: self.map.camera(),
            selected: self.selected,
            panels: self.panels,
            view: self.view,
            fullscreen: ctx.input(|i| i.viewport().fullscreen.unwrap_or(false)),
        };
        let show = ui::present::Presentation::new(&self.loaded);
        self.selected = show.topic();
        self.view = View::Map;
        self.panels.help = false;
        if !saved.fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
        self.presenting = Some(Presenting {
            show,
            saved,
            glide: true,
        });
    }

    fn stop_presenting(&mut self, ctx: &egui::Context) {
        let Some(Presenting { saved, .. }) = self.presenting.take() else {
            return;
        };
        self.selected = saved.selected;
        self.panels = saved.panels;
        self.view = saved.view;
        self.map.set_camera(saved.camera);
        if !saved.fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// Opens the system file dialog on another thread, so the window keeps drawing; the chosen
    /// file is loaded there too.
    fn open_dialog(&mut self, ctx: &egui::Context) {
        if self.pending_open.is_some() {
            return;
        }
        if !self.file_dialogs || !file_dialog_reachable() {
            self.path_prompt = Some(PathPrompt::new(self.current_path(), Some(NO_DIALOG_NOTE)));
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let start_dir = self
            .file
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new()
                .set_title("Open roadmap")
                .add_filter("Roadmap (JSON)", &["json"]);
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            let asked = std::time::Instant::now();
            let outcome = match dialog.pick_file() {
                Some(path) => load_outcome(path),
                None if asked.elapsed() < NO_DIALOG_WITHIN => OpenOutcome::NoDialog,
                None => OpenOutcome::Cancelled,
            };
            let _ = tx.send(outcome);
            ctx.request_repaint();
        });
        self.pending_open = Some(rx);
    }

    fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(load_outcome(path));
            ctx.request_repaint();
        });
        self.pending_open = Some(rx);
    }

    fn current_path(&self) -> String {
        self.file
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }

    fn poll_open(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.pending_open else {
            return;
        };
        let outcome = match rx.try_recv() {
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => OpenOutcome::Cancelled,
            Ok(outcome) => outcome,
        };
        self.pending_open = None;
        match outcome {
            OpenOutcome::Cancelled => {}
            OpenOutcome::NoDialog => {
                self.path_prompt = Some(PathPrompt::new(self.current_path(), Some(NO_DIALOG_NOTE)));
            }
            OpenOutcome::Loaded(path, loaded) => {
                self.loaded = *loaded;
                self.fonts = FontCheck::Pending;
                self.file = Some(path);
                self.selected = None;
                self.problems = None;
                self.reload_problems = None;
                self.map.reset();
                self.switch_tracker();
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.window_title()));
                self.save_settings();
            }
            OpenOutcome::Failed(problems) => {
                self.problems = Some(problems);
            }
        }
    }

    /// The progress of a newly opened roadmap lives under its own id; an app that keeps progress
    /// in memory goes on doing so.
    fn switch_tracker(&mut self) {
        if let Err(e) = self.tracker.flush() {
            eprintln!("warning: progress of the previous roadmap: {e}");
        }
        let path = self
            .progress_folder
            .as_deref()
            .and_then(|folder| crate::store::path_in(folder, &self.loaded.roadmap.id));
        self.tracker = if self.tracker.path().is_some() && path.is_some() {
            Tracker::open(&self.loaded, path)
        } else {
            Tracker::in_memory(&self.loaded)
        };
    }

    /// Watches the open file, and only it: a watch starts when a file is opened and stops when
    /// another one (or none) is.
    fn keep_watching(&mut self, ctx: &egui::Context) {
        if self.watching.as_ref().map(|(file, _)| file) == self.file.as_ref() {
            return;
        }
        self.watching = self.file.clone().map(|file| {
            let ctx = ctx.clone();
            let watch = crate::watch::FileWatch::new(&file, move || ctx.request_repaint())
                .map_err(|e| {
                    eprintln!(
                        "warning: {}: changes on disk are not followed: {e}",
                        file.display()
                    );
                })
                .ok();
            (file, watch)
        });
    }

    /// Watches the progress file, so progress written there by `roadmap mark` or another window
    /// shows here at once; the watch follows the tracker when another roadmap is opened.
    fn keep_watching_progress(&mut self, ctx: &egui::Context) {
        let check = self.tracker.disk_check();
        let same = match (&self.watching_progress, &check) {
            (Some((watched, _)), Some(check)) => watched.same_saver(check),
            (None, None) => true,
            _ => false,
        };
        if same {
            return;
        }
        let ctx = ctx.clone();
        self.tracker.wake_with(move || ctx.request_repaint());
        self.watching_progress = check
            .zip(self.tracker.path().cloned())
            .map(|(check, path)| {
                let asks = check.clone();
                // The folder is watched, so it must exist before the first save makes it.
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    let _ = std::fs::create_dir_all(folder);
                }
                let watch = crate::watch::FileWatch::with_loader(
                    &path,
                    move |_| asks.request(),
                    || {},
                )
                .map_err(|e| {
                    eprintln!(
                        "warning: {}: progress recorded elsewhere shows only after a restart: {e}",
                        path.display()
                    );
                })
                .ok();
                (check, watch)
            });
    }

    /// Takes in the open file as it changed on disk, if it did.
    fn poll_reload(&mut self, ctx: &egui::Context) {
        let Some(reloaded) = self
            .watching
            .as_ref()
            .and_then(|(_, watch)| watch.as_ref())
            .and_then(crate::watch::FileWatch::latest)
        else {
            return;
        };
        match reloaded {
            Ok(loaded) => self.reloaded(ctx, *loaded),
            Err(problems) => self.reload_problems = Some(problems),
        }
    }

    /// Shows the new version of the open file, keeping the camera, the selection (by topic id)
    /// and the progress.
    fn reloaded(&mut self, ctx: &egui::Context, mut loaded: LoadedRoadmap) {
        // The progress on screen is the user's latest; a personal file's copy is not put back.
        loaded.carried_progress = None;
        let selected = self
            .selected
            .and_then(|i| self.loaded.roadmap.topics.get(i))
            .map(|t| t.id.clone());
        // Presenting, the selection is the topic on screen; the one to restore on Esc is saved.
        let saved_selection = self
            .presenting
            .as_ref()
            .and_then(|p| p.saved.selected)
            .and_then(|i| self.loaded.roadmap.topics.get(i))
            .map(|t| t.id.clone());
        let same_roadmap = loaded.roadmap.id == self.loaded.roadmap.id;
        self.loaded = loaded;
        // New titles may need fonts the old ones did not.
        self.fonts = FontCheck::Pending;
        self.selected = selected.and_then(|id| self.loaded.graph.index_of(&id));
        self.outline_scrolled = self.selected;
        self.note_draft = (usize::MAX, String::new());
        // The problems window goes with the banner when it lists the same problems.
        if self.problems.is_some() && self.problems == self.reload_problems {
            self.problems = None;
        }
        self.reload_problems = None;
        self.filters.keep_existing(&self.loaded);
        self.map.relayout();
        if let Some(bar) = &mut self.search {
            bar.roadmap_changed();
        }
        if same_roadmap {
            self.tracker.reconcile(&self.loaded);
        } else {
            self.switch_tracker();
        }
        if let Some(p) = &mut self.presenting {
            // The show goes on from the same topic when it is still there, else from the start.
            p.show = ui::present::Presentation::new(&self.loaded);
            if let Some(on_screen) = self.selected {
                p.show.go(ui::present::Step::To(on_screen));
            }
            p.saved.selected = saved_selection.and_then(|id| self.loaded.graph.index_of(&id));
            self.selected = p.show.topic();
            p.glide = true;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.window_title()));
    }

    fn reset_dialog(&mut self, ctx: &egui::Context) {
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
            self.tracker.apply(&self.loaded, Edit::Reset);
        }
        if reset || close {
            self.confirm_reset = false;
        }
    }

    fn problems_window(&mut self, ctx: &egui::Context) {
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

    fn path_prompt_window(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        let mut done = false;
        egui::Window::new("Open roadmap from a path")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                if let Some(note) = prompt.note {
                    ui.label(note);
                }
                ui.label("Path of a roadmap file (JSON):");
                let field =
                    ui.add(egui::TextEdit::singleline(&mut prompt.text).desired_width(480.0));
                if !prompt.focused {
                    field.request_focus();
                    prompt.focused = true;
                }
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let path = prompt.text.trim();
                    if (ui.button("Open").clicked() || enter) && !path.is_empty() {
                        commands.push(Command::OpenPath(PathBuf::from(path)));
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

    /// Once the map has been laid out and drawn for a few frames, asks for a screenshot; saves it
    /// when it arrives and closes the window.
    fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(shot) = &mut self.screenshot else {
            return;
        };
        let image = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Screenshot { image, .. } => Some(image.clone()),
                _ => None,
            })
        });
        if let Some(image) = image {
            let saved = save_png(&shot.path, &image);
            if let Ok(mut slot) = shot.result.lock() {
                *slot = Some(saved);
            }
            self.screenshot = None;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let settled = self.map.is_ready()
            && !self.map.is_moving()
            && !self.present_on_start
            && self.presenting.as_ref().is_none_or(|p| !p.glide);
        if self.view != View::Map || settled {
            shot.frames_ready += 1;
        }
        if shot.frames_ready >= 3 && !shot.requested {
            shot.requested = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::UserData::default()));
        }
        ctx.request_repaint();
    }
}

fn load_outcome(path: PathBuf) -> OpenOutcome {
    match crate::model::load_file(&path) {
        Ok(loaded) => OpenOutcome::Loaded(path, Box::new(loaded)),
        Err(problems) => OpenOutcome::Failed(problems),
    }
}

/// The banner's text: the file, its first problem and how many more there are.
fn reload_banner(file: &str, problems: &LoadError) -> String {
    let first = problems.lines().next().unwrap_or_default();
    let more = problems.diagnostics.len().saturating_sub(1);
    let text = format!("{file} changed on disk but cannot be loaded: {first}");
    if more > 0 {
        format!("{text} ({more} more)")
    } else {
        text
    }
}

fn save_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_srgba_unmultiplied)
        .collect();
    let (Ok(w), Ok(h)) = (u32::try_from(w), u32::try_from(h)) else {
        return Err("the window is too large to save".to_owned());
    };
    image::save_buffer(path, &bytes, w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

impl eframe::App for RoadmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.window_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
        if let Err(e) = self.tracker.flush() {
            eprintln!("error: progress could not be saved on exit: {e}");
        }
    }
}
