//! The open roadmap: opening another (file dialog or path field, loaded off the UI thread), the
//! progress tracker that goes with it, the watches on the roadmap file and the progress file,
//! live reload, the progress a personal roadmap carries, and the fonts its text needs.

use std::path::{Path, PathBuf};

use super::{PathPrompt, RoadmapApp};
use crate::model::{LoadError, LoadedRoadmap};
use crate::task::{Poll, Task};
use crate::tracker::{Edit, Tracker};
use crate::ui;
use crate::ui::file_dialog::{NO_DIALOG_NOTE, NO_DIALOG_WITHIN, file_dialog_reachable};

/// How an attempt to open a roadmap ended, reported from the thread that ran it.
pub(super) enum OpenOutcome {
    /// A roadmap read from the file; for another tool's file, what the import did.
    Loaded(
        PathBuf,
        Box<LoadedRoadmap>,
        Option<crate::model::import::Report>,
    ),
    Failed(LoadError),
    Cancelled,
    /// The file dialog closed at once without a choice: there is no dialog on this system.
    NoDialog,
}

/// Whether the open roadmap's text has been checked for characters the fonts lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FontCheck {
    Pending,
    Done,
}

pub(super) fn load_outcome(path: PathBuf) -> OpenOutcome {
    match crate::model::import::open_file(&path) {
        Ok(opened) => OpenOutcome::Loaded(path, Box::new(opened.loaded), opened.report),
        Err(problems) => OpenOutcome::Failed(problems),
    }
}

/// The banner's text: the file, its first problem and how many more there are.
pub(super) fn reload_banner(file: &str, problems: &LoadError) -> String {
    // The file is named once, at the start; the problem says where in it.
    let first = problems.diagnostics.first().map_or_else(String::new, |d| {
        if d.line == 0 {
            d.message.clone()
        } else {
            format!("line {}, column {}: {}", d.line, d.column, d.message)
        }
    });
    let more = problems.diagnostics.len().saturating_sub(1);
    let text = format!("{file} changed on disk but cannot be loaded: {first}");
    if more > 0 {
        format!("{text} ({more} more)")
    } else {
        text
    }
}

/// The open roadmap and what goes with it: the file it came from, the user's progress on it, and
/// the watches that take in changes made on disk, and whether it has edits not saved yet.
pub(super) struct Document {
    pub(super) loaded: LoadedRoadmap,
    /// The file the roadmap came from; `None` for the bundled one.
    pub(super) file: Option<PathBuf>,
    pub(super) tracker: Tracker,
    /// Whether the fonts have been checked against the roadmap's text (fallbacks added for
    /// scripts the bundled fonts lack).
    pub(super) fonts: FontCheck,
    /// The watch on the progress file, with the saver it asks to look at the file; `None` when
    /// progress is kept in memory only.
    pub(super) watching_progress:
        Option<(crate::store::DiskCheck, Option<crate::watch::FileWatch<()>>)>,
    /// The watch on the open file (live reload), with the file it was started for; `None` for
    /// the bundled roadmap.
    pub(super) watching: Option<(PathBuf, Option<crate::watch::FileWatch>)>,
    /// Problems of the open file after it changed on disk; the last good roadmap stays.
    pub(super) reload_problems: Option<LoadError>,
    /// Where the progress of a roadmap opened from the window is kept: the data folder's
    /// progress folder in the real app, none (progress in memory) until told.
    pub(super) progress_folder: Option<PathBuf>,
    /// The progress file was given by the user (`--progress`): it stays in use for every
    /// version of the same roadmap opened in this window.
    pub(super) keep_progress_file: bool,
    /// The bundled roadmap, which is never edited in place.
    pub(super) bundled: bool,
    /// The roadmap as its file holds it (as loaded or last saved); `None` when it has no file.
    pub(super) on_disk: Option<crate::model::Roadmap>,
    /// Whether the roadmap has changes its file does not have.
    pub(super) unsaved: bool,
    /// Another tool's file the roadmap was imported from (it has no file of its own yet).
    pub(super) imported_from: Option<PathBuf>,
}

impl Document {
    /// The roadmap loaded from `file` (`None` for the bundled one), with progress in memory.
    pub(super) fn new(loaded: LoadedRoadmap, file: Option<PathBuf>) -> Self {
        let bundled = file.is_none();
        let on_disk = file.as_ref().map(|_| loaded.roadmap.clone());
        Self {
            bundled,
            on_disk,
            unsaved: false,
            tracker: Tracker::in_memory(&loaded),
            loaded,
            file,
            fonts: FontCheck::Pending,
            watching_progress: None,
            watching: None,
            reload_problems: None,
            progress_folder: None,
            keep_progress_file: false,
            imported_from: None,
        }
    }

    /// Whether the roadmap may only be looked at: the bundled one.
    pub(super) fn read_only(&self) -> bool {
        self.bundled
    }

    /// Notes whether the roadmap in memory differs from its file.
    pub(super) fn mark_unsaved(&mut self) {
        self.unsaved = self.on_disk.as_ref() != Some(&self.loaded.roadmap);
    }

    /// The data folder the progress folder sits in (`<data folder>/roadmap`), where copies
    /// and recovery files go; `None` when progress is kept in memory only.
    pub(super) fn data_folder(&self) -> Option<&Path> {
        self.progress_folder.as_deref().and_then(Path::parent)
    }
}

impl RoadmapApp {
    /// Imports another tool's file (a canvas, a roadmap.sh roadmap) in the first frame, as
    /// File > Open would: `roadmap my.canvas`.
    #[must_use]
    pub fn importing_on_start(mut self, path: PathBuf) -> Self {
        self.import_on_start = Some(path);
        self
    }

    /// A personal roadmap file carries progress: it replaces what is recorded for its topics, as
    /// one change that Undo takes back.
    pub(super) fn restore_carried_progress(&mut self) {
        if let Some(carried) = self.doc.loaded.carried_progress.take() {
            self.doc
                .tracker
                .apply(&self.doc.loaded, Edit::Restore(Box::new(carried)));
            self.doc.tracker.add_info("The progress saved in this file was restored. Edit > Undo goes back to what you had.");
        }
    }

    /// Adds system fonts for characters of the roadmap the bundled fonts lack (Chinese,
    /// Japanese, Arabic, …), then lays the map out again once they are in use.
    pub(super) fn ensure_fonts(&mut self, ctx: &egui::Context) {
        if self.doc.fonts == FontCheck::Done {
            return;
        }
        self.doc.fonts = FontCheck::Done;
        let fallbacks =
            crate::fonts::fallbacks_for(crate::fonts::roadmap_chars(&self.doc.loaded.roadmap));
        if !fallbacks.is_empty() {
            crate::fonts::install(ctx, fallbacks);
            // The new fonts apply from the next pass: measure the titles again then.
            self.map.relayout_next_pass(ctx);
            ctx.request_repaint();
        }
    }

    /// Opens the system file dialog on another thread, so the window keeps drawing; the chosen
    /// file is loaded there too.
    pub(super) fn open_dialog(&mut self, ctx: &egui::Context) {
        if self.pending_open.is_some() {
            return;
        }
        if !self.file_dialogs || !file_dialog_reachable() {
            self.path_prompt = Some(PathPrompt::new(self.current_path(), Some(NO_DIALOG_NOTE)));
            return;
        }
        let ctx = ctx.clone();
        let start_dir = self
            .doc
            .file
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let task = Task::spawn(
            "open-dialog",
            move || ctx.request_repaint(),
            move || {
                let mut dialog = rfd::FileDialog::new()
                    .set_title("Open roadmap")
                    .add_filter("Roadmaps and canvases", &["json", "canvas"])
                    .add_filter("Roadmap (JSON)", &["json"])
                    .add_filter("Obsidian canvas", &["canvas"]);
                if let Some(dir) = start_dir {
                    dialog = dialog.set_directory(dir);
                }
                let asked = std::time::Instant::now();
                match dialog.pick_file() {
                    Some(path) => load_outcome(path),
                    None if asked.elapsed() < NO_DIALOG_WITHIN => OpenOutcome::NoDialog,
                    None => OpenOutcome::Cancelled,
                }
            },
        );
        self.pending_open = Some(task);
    }

    pub(super) fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        let ctx = ctx.clone();
        let task = Task::spawn(
            "open",
            move || ctx.request_repaint(),
            move || load_outcome(path),
        );
        self.pending_open = Some(task);
    }

    pub(super) fn current_path(&self) -> String {
        self.doc
            .file
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }

    pub(super) fn poll_open(&mut self) {
        let Some(task) = &self.pending_open else {
            return;
        };
        let outcome = match task.poll() {
            Poll::Running => return,
            Poll::Lost => OpenOutcome::Cancelled,
            Poll::Done(outcome) => outcome,
        };
        self.pending_open = None;
        match outcome {
            OpenOutcome::Cancelled => {}
            OpenOutcome::NoDialog => {
                self.path_prompt = Some(PathPrompt::new(self.current_path(), Some(NO_DIALOG_NOTE)));
            }
            OpenOutcome::Loaded(path, loaded, report) => {
                let imported = report.is_some();
                // Another tool's file is never written over: the import is a new roadmap that
                // Save asks a place for, beside the file it came from.
                self.doc.on_disk = (!imported).then(|| loaded.roadmap.clone());
                self.doc.bundled = false;
                self.doc.unsaved = imported;
                // An import has everything but its texts still to write: it opens for editing,
                // with its warnings listed.
                self.editing = imported;
                self.warnings = None;
                self.doc.loaded = *loaded;
                self.doc.fonts = FontCheck::Pending;
                self.doc.imported_from = imported.then(|| path.clone());
                self.doc.file = (!imported).then_some(path);
                self.selected = None;
                self.problems = None;
                self.doc.reload_problems = None;
                self.map.reset();
                self.switch_tracker();
                if let Some(report) = report {
                    self.doc.tracker.add_info(&report.lines().join("\n"));
                } else {
                    self.save_settings();
                }
                self.offer_recovery();
            }
            OpenOutcome::Failed(problems) => {
                self.problems = Some(problems);
            }
        }
    }

    /// The progress of a newly opened roadmap: the file given with `--progress` while the
    /// roadmap is the same one (a copy, another version), else the file under its own id in the
    /// progress folder, saying so when it leaves the given file; an app that keeps progress in
    /// memory goes on doing so.
    pub(super) fn switch_tracker(&mut self) {
        if let Err(e) = self.doc.tracker.flush() {
            eprintln!("warning: progress of the previous roadmap: {e}");
        }
        let id = self.doc.loaded.roadmap.id.clone();
        let previous = self.doc.tracker.path().cloned();
        let same_roadmap = self.doc.tracker.progress().roadmap_id == id;
        let in_folder = self
            .doc
            .progress_folder
            .as_deref()
            .and_then(|folder| crate::store::path_in(folder, &id));
        let given = previous.filter(|_| self.doc.keep_progress_file);
        self.doc.tracker = match (given, in_folder) {
            (Some(given), _) if same_roadmap => Tracker::open(&self.doc.loaded, Some(given)),
            (Some(given), Some(own)) => {
                let mut tracker = Tracker::open(&self.doc.loaded, Some(own.clone()));
                tracker.add_info(&format!(
                    "{} holds the progress of another roadmap, so the progress of `{id}` is saved in {}.",
                    given.display(),
                    own.display()
                ));
                tracker
            }
            (None, Some(own)) if self.doc.tracker.path().is_some() => {
                Tracker::open(&self.doc.loaded, Some(own))
            }
            _ => Tracker::in_memory(&self.doc.loaded),
        };
    }

    /// Watches the open file, and only it: a watch starts when a file is opened and stops when
    /// another one (or none) is.
    pub(super) fn keep_watching(&mut self, ctx: &egui::Context) {
        if self.doc.watching.as_ref().map(|(file, _)| file) == self.doc.file.as_ref() {
            return;
        }
        self.doc.watching = self.doc.file.clone().map(|file| {
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
    pub(super) fn keep_watching_progress(&mut self, ctx: &egui::Context) {
        let check = self.doc.tracker.disk_check();
        let same = match (&self.doc.watching_progress, &check) {
            (Some((watched, _)), Some(check)) => watched.same_saver(check),
            (None, None) => true,
            _ => false,
        };
        if same {
            return;
        }
        let ctx = ctx.clone();
        self.doc.tracker.wake_with(move || ctx.request_repaint());
        self.doc.watching_progress =
            check
                .zip(self.doc.tracker.path().cloned())
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
    pub(super) fn poll_reload(&mut self) {
        let Some(reloaded) = self
            .doc
            .watching
            .as_ref()
            .and_then(|(_, watch)| watch.as_ref())
            .and_then(crate::watch::FileWatch::latest)
        else {
            return;
        };
        match reloaded {
            // What the window itself saved, seen by the watch: nothing new.
            Ok(loaded) if self.doc.on_disk.as_ref() == Some(&loaded.roadmap) => {}
            // Edits not saved yet are never reloaded over: the user chooses.
            Ok(loaded) if self.doc.unsaved => self.disk_conflict = Some(loaded),
            Ok(loaded) => self.reloaded(*loaded),
            Err(problems) => self.doc.reload_problems = Some(problems),
        }
    }

    /// Shows the new version of the open file, keeping the camera, the selection (by topic id)
    /// and the progress.
    pub(super) fn reloaded(&mut self, mut loaded: LoadedRoadmap) {
        // The progress on screen is the user's latest; a personal file's copy is not put back.
        loaded.carried_progress = None;
        let selected = self
            .selected
            .and_then(|i| self.doc.loaded.roadmap.topics.get(i))
            .map(|t| t.id.clone());
        // Presenting, the selection is the topic on screen; the one to restore on Esc is saved.
        let saved_selection = self
            .presenting
            .as_ref()
            .and_then(|p| p.saved.selected)
            .and_then(|i| self.doc.loaded.roadmap.topics.get(i))
            .map(|t| t.id.clone());
        let same_roadmap = loaded.roadmap.id == self.doc.loaded.roadmap.id;
        self.doc.on_disk = Some(loaded.roadmap.clone());
        self.doc.unsaved = false;
        self.warnings = None;
        self.doc.loaded = loaded;
        // New titles may need fonts the old ones did not.
        self.doc.fonts = FontCheck::Pending;
        self.selected = selected.and_then(|id| self.doc.loaded.graph.index_of(&id));
        self.outline_scrolled = self.selected;
        self.note_draft = (usize::MAX, String::new());
        // The problems window goes with the banner when it lists the same problems.
        if self.problems.is_some() && self.problems == self.doc.reload_problems {
            self.problems = None;
        }
        self.doc.reload_problems = None;
        self.filters.keep_existing(&self.doc.loaded);
        self.map.relayout();
        if let Some(bar) = &mut self.search {
            bar.roadmap_changed();
        }
        if same_roadmap {
            self.doc.tracker.reconcile(&self.doc.loaded);
        } else {
            self.switch_tracker();
        }
        if let Some(p) = &mut self.presenting {
            // The show goes on from the same topic when it is still there, else from the start.
            p.show = ui::present::Presentation::new(&self.doc.loaded);
            if let Some(on_screen) = self.selected {
                p.show
                    .go(ui::present::Step::To(crate::model::TopicIndex::new(
                        on_screen,
                    )));
            }
            p.saved.selected = saved_selection.and_then(|id| self.doc.loaded.graph.index_of(&id));
            self.selected = p.show.topic();
            p.glide = true;
        }
    }
}
