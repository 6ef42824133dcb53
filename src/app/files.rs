//! Roadmap files from the window: saving (atomically, in the canonical form), save as, an
//! editable copy with the progress carried over, a new roadmap, the question before unsaved
//! edits would be dropped, a file changed on disk under unsaved edits, and the recovery file
//! that keeps unsaved edits through a crash.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::RoadmapApp;
use super::dialogs::{PathPrompt, Purpose};
use crate::model::{self, LoadedRoadmap, Roadmap};
use crate::task::{Poll, Task};
use crate::ui::file_dialog::{NO_DIALOG_NOTE, NO_DIALOG_WITHIN, file_dialog_reachable};

/// How long after the last edit unsaved edits are written to the recovery file.
pub(super) const RECOVERY_DELAY: Duration = Duration::from_secs(2);

/// What to do once the question about unsaved edits is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Then {
    /// Close the window.
    Quit,
    /// Open this file.
    Open(PathBuf),
    /// Ask for a file to open.
    OpenDialog,
    /// Start a new roadmap.
    New,
}

/// Unsaved edits kept in the data folder until they are saved or dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct RecoveryFile {
    /// The roadmap's file, if it has one.
    file: Option<PathBuf>,
    /// When the edits were kept, in UTC.
    kept_at: String,
    /// The roadmap with the edits.
    roadmap: Roadmap,
}

/// Unsaved edits found at start, offered back.
pub(super) struct Recovered {
    roadmap: Roadmap,
    kept_at: String,
}

/// A save dialog running on its own thread: the path chosen, and whether for a copy.
pub(super) type SaveDialog = (Task<Option<PathBuf>>, bool, Instant);

impl RoadmapApp {
    /// Does `then` now, or first asks what to do with unsaved edits.
    pub(super) fn ask_then(&mut self, then: Then) {
        if self.doc.unsaved {
            self.ask_unsaved = Some(then);
        } else {
            self.then_now = Some(then);
        }
    }

    /// Carries out what was waiting for the unsaved edits to be saved or dropped.
    pub(super) fn go_on(&mut self, ctx: &egui::Context) {
        let Some(then) = self.then_now.take() else {
            return;
        };
        match then {
            Then::Quit => {
                self.may_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Then::Open(path) => self.open_path(ctx, path),
            Then::OpenDialog => self.open_dialog(ctx),
            Then::New => self.new_roadmap(),
        }
    }

    /// The window's close button with unsaved edits: ask first.
    pub(super) fn hold_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.unsaved && !self.may_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.ask_unsaved = Some(Then::Quit);
        }
    }

    /// Ctrl+S: the roadmap to its file; the bundled roadmap is copied instead, and a roadmap
    /// without a file asks where.
    pub(super) fn save(&mut self) {
        if self.doc.read_only() {
            self.ask_make_copy();
            return;
        }
        match self.doc.file.clone() {
            Some(path) => {
                if self.write_file(&path) {
                    self.after_save = None;
                }
            }
            None => self.ask_save_as(false),
        }
    }

    /// Writes the roadmap to `path` in the canonical form, atomically; says so either way.
    fn write_file(&mut self, path: &Path) -> bool {
        let text = model::write::canonical(&self.doc.loaded.roadmap);
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(folder);
        }
        match crate::store::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                self.doc.on_disk = Some(self.doc.loaded.roadmap.clone());
                self.doc.unsaved = false;
                self.drop_recovery();
                self.flash(format!("Saved to {}", path.display()), false);
                true
            }
            Err(e) => {
                self.flash(
                    format!(
                        "Cannot save to {}: {}. Your edits are kept in the window.",
                        path.display(),
                        model::load::io_words(&e)
                    ),
                    true,
                );
                false
            }
        }
    }

    /// Asks where to save (a copy, for `copy`): the system's dialog, else the path field.
    pub(super) fn ask_save_as(&mut self, copy: bool) {
        let suggested = self.suggested_path(copy);
        if !self.file_dialogs || !file_dialog_reachable() {
            let note = self.file_dialogs.then_some(NO_DIALOG_NOTE);
            let purpose = if copy {
                Purpose::MakeCopy
            } else {
                Purpose::SaveAs
            };
            self.path_prompt = Some(PathPrompt::for_purpose(
                purpose,
                suggested.display().to_string(),
                note,
            ));
            return;
        }
        let task = Task::spawn(
            "save-dialog",
            || {},
            move || {
                let mut dialog = rfd::FileDialog::new()
                    .set_title(if copy {
                        "Make my copy"
                    } else {
                        "Save roadmap as"
                    })
                    .add_filter("Roadmap (JSON)", &["json"]);
                if let Some(dir) = suggested.parent() {
                    dialog = dialog.set_directory(dir);
                }
                if let Some(name) = suggested.file_name() {
                    dialog = dialog.set_file_name(name.to_string_lossy());
                }
                dialog.save_file()
            },
        );
        self.pending_save = Some((task, copy, Instant::now()));
    }

    /// The save dialog's answer, once it comes.
    pub(super) fn poll_save_dialog(&mut self, ctx: &egui::Context) {
        let Some((task, copy, asked)) = &self.pending_save else {
            return;
        };
        let (copy, asked) = (*copy, *asked);
        let answer = match task.poll() {
            Poll::Running => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Poll::Lost => None,
            Poll::Done(answer) => answer,
        };
        self.pending_save = None;
        match answer {
            Some(path) => self.save_to(path, copy),
            // Closed at once without a choice: there is no dialog here; type the path.
            None if asked.elapsed() < NO_DIALOG_WITHIN => {
                self.file_dialogs = false;
                self.ask_save_as(copy);
            }
            None => self.after_save = None,
        }
    }

    /// Where a new file is suggested: beside the open file (or the file it was imported from),
    /// or in the data folder's `roadmaps` folder for a copy of the bundled roadmap or a new one.
    fn suggested_path(&self, copy: bool) -> PathBuf {
        let id = if copy {
            self.copy_id()
        } else {
            self.doc.loaded.roadmap.id.clone()
        };
        let beside = self.doc.file.as_ref().or(self.doc.imported_from.as_ref());
        let folder = match (beside, self.doc.data_folder()) {
            (Some(file), _) if !self.doc.bundled => file.parent().map(Path::to_path_buf),
            (_, Some(data)) => Some(data.join("roadmaps")),
            _ => None,
        };
        folder.unwrap_or_default().join(format!("{id}.json"))
    }

    /// Writes the roadmap to `path` and makes it the open file; a copy gets an id of its own
    /// and the progress so far.
    pub(super) fn save_to(&mut self, path: PathBuf, copy: bool) {
        if copy {
            self.make_copy(&path);
            return;
        }
        if self.write_file(&path) {
            self.doc.file = Some(path);
            self.doc.bundled = false;
            self.save_settings();
            if let Some(then) = self.after_save.take() {
                self.then_now = Some(then);
            }
        }
    }

    /// Edit > Make my copy…: asks where.
    pub(super) fn ask_make_copy(&mut self) {
        self.ask_save_as(true);
    }

    /// An id for a copy of the open roadmap that no progress file uses yet.
    fn copy_id(&self) -> String {
        let id = &self.doc.loaded.roadmap.id;
        let base = format!("{} copy", id.trim_end_matches("-copy"));
        let mut taken: Vec<String> = vec![id.clone()];
        if let Some(folder) = &self.doc.progress_folder
            && let Ok(entries) = std::fs::read_dir(folder)
        {
            taken.extend(entries.filter_map(|e| {
                let path = e.ok()?.path();
                Some(path.file_stem()?.to_string_lossy().into_owned())
            }));
        }
        model::edit::id_from_title(&base, "my-roadmap", taken.iter().map(String::as_str))
    }

    /// Writes a copy of the roadmap with an id of its own to `path`, opens it for editing, and
    /// carries the statuses, notes and goal over to its progress.
    fn make_copy(&mut self, path: &Path) {
        let mut roadmap = self.doc.loaded.roadmap.clone();
        roadmap.id = self.copy_id();
        // A schema path relative to the original's folder would point nowhere from the copy.
        roadmap.schema = None;
        let Ok(copy) = LoadedRoadmap::checked(roadmap) else {
            self.flash(
                "The copy could not be made: the roadmap does not validate.".to_owned(),
                true,
            );
            return;
        };
        let mut progress = self.doc.tracker.progress().clone();
        progress.roadmap_id.clone_from(&copy.roadmap.id);
        let before = std::mem::replace(&mut self.doc.loaded, copy);
        if !self.write_file(path) {
            self.doc.loaded = before;
            return;
        }
        self.doc.file = Some(path.to_path_buf());
        self.doc.bundled = false;
        self.switch_tracker();
        self.doc.tracker.carry_over(&self.doc.loaded, progress);
        self.warnings = None;
        self.map.relayout();
        self.editing = true;
        self.save_settings();
        self.flash(
            format!(
                "Your copy is {}, with your progress. Edit away; E stops editing.",
                path.display()
            ),
            false,
        );
    }

    /// File > New roadmap: a title and one phase, edited at once, saved where the user says.
    fn new_roadmap(&mut self) {
        let mut roadmap = model::edit::new_roadmap("My roadmap");
        let taken: Vec<String> = self
            .doc
            .progress_folder
            .as_deref()
            .and_then(|f| std::fs::read_dir(f).ok())
            .into_iter()
            .flatten()
            .filter_map(|e| Some(e.ok()?.path().file_stem()?.to_string_lossy().into_owned()))
            .collect();
        roadmap.id = model::edit::id_from_title(
            "My roadmap",
            "my-roadmap",
            taken.iter().map(String::as_str),
        );
        let Ok(loaded) = LoadedRoadmap::checked(roadmap) else {
            return;
        };
        self.drop_recovery();
        self.warnings = None;
        self.doc.loaded = loaded;
        self.doc.file = None;
        self.doc.imported_from = None;
        self.doc.bundled = false;
        self.doc.on_disk = None;
        self.doc.unsaved = true;
        self.selected = None;
        self.panels.details = false;
        self.map.reset();
        self.switch_tracker();
        self.editing = true;
        self.panels.phases = true;
    }

    /// The question before unsaved edits would be dropped: save, don't save, or cancel.
    pub(super) fn unsaved_dialog(&mut self, ctx: &egui::Context) {
        let Some(then) = self.ask_unsaved.clone() else {
            return;
        };
        let mut answer = None;
        let title = self.doc.loaded.roadmap.title.clone();
        egui::Modal::new(egui::Id::new("unsaved")).show(ctx, |ui| {
            ui.heading(format!("Save the changes to “{title}”?"));
            ui.label(match then {
                Then::Quit => "The window closes. Edits not saved are lost.",
                _ => "Another roadmap takes its place. Edits not saved are lost.",
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(0);
                }
                if ui.button("Don't save").clicked() {
                    answer = Some(1);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(2);
                }
            });
        });
        match answer {
            Some(0) => {
                self.ask_unsaved = None;
                self.after_save = Some(then);
                self.save();
                if !self.doc.unsaved {
                    self.then_now = self.after_save.take();
                }
            }
            Some(1) => {
                self.ask_unsaved = None;
                self.drop_recovery();
                self.doc.unsaved = false;
                self.then_now = Some(then);
            }
            Some(_) => self.ask_unsaved = None,
            None => {}
        }
    }

    /// The banner when the file changed on disk under unsaved edits: reload (dropping them) or
    /// keep them (the next save writes over the file).
    pub(super) fn disk_conflict_ui(&mut self, ui: &mut egui::Ui) {
        if self.disk_conflict.is_none() {
            return;
        }
        let name = self
            .doc
            .file
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut choice = None;
        egui::Panel::top("disk_conflict").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, "⚠");
                ui.label(format!(
                    "{name} changed on disk, and you have edits not saved. The window keeps \
                     yours until you choose."
                ));
                if ui.button("Reload (drop my edits)").clicked() {
                    choice = Some(true);
                }
                if ui.button("Keep mine").clicked() {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                if let Some(theirs) = self.disk_conflict.take() {
                    self.drop_recovery();
                    self.reloaded(*theirs);
                }
            }
            Some(false) => {
                // Their version is what the file holds now; ours stays unsaved, to write over it.
                self.doc.on_disk = self.disk_conflict.take().map(|t| t.roadmap);
                self.doc.mark_unsaved();
            }
            None => {}
        }
    }

    /// Where unsaved edits of this roadmap are kept: `<data folder>/recovery/<id>.json`.
    fn recovery_path(&self) -> Option<PathBuf> {
        let folder = self.doc.data_folder()?.join("recovery");
        crate::store::path_in(&folder, &self.doc.loaded.roadmap.id)
    }

    /// Keeps unsaved edits in the recovery file a moment after the last edit.
    pub(super) fn schedule_recovery(&mut self) {
        self.recovery_due = Some(Instant::now() + RECOVERY_DELAY);
    }

    /// Writes (or removes) the recovery file once it is due, on a thread of its own.
    pub(super) fn keep_recovery(&mut self, ctx: &egui::Context) {
        let Some(due) = self.recovery_due else {
            return;
        };
        let now = Instant::now();
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        self.recovery_due = None;
        let Some(path) = self.recovery_path() else {
            return;
        };
        if !self.doc.unsaved {
            self.drop_recovery();
            return;
        }
        let kept = RecoveryFile {
            file: self.doc.file.clone(),
            kept_at: crate::store::utc_stamp(std::time::SystemTime::now()),
            roadmap: self.doc.loaded.roadmap.clone(),
        };
        crate::task::detach("recovery", move || {
            let written = serde_json::to_vec_pretty(&kept)
                .map_err(std::io::Error::other)
                .and_then(|bytes| {
                    if let Some(folder) = path.parent() {
                        std::fs::create_dir_all(folder)?;
                    }
                    crate::store::write_atomic(&path, &bytes)
                });
            if let Err(e) = written {
                eprintln!(
                    "warning: unsaved edits could not be kept in {}: {e}",
                    path.display()
                );
            }
        });
    }

    /// Forgets the recovery file: the edits were saved or dropped.
    fn drop_recovery(&mut self) {
        self.recovery_due = None;
        if let Some(path) = self.recovery_path() {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Looks for unsaved edits of the open file kept by a window that did not close normally.
    pub(super) fn offer_recovery(&mut self) {
        let Some(path) = self.recovery_path() else {
            return;
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            return;
        };
        let kept: RecoveryFile = match serde_json::from_str(&text) {
            Ok(kept) => kept,
            Err(e) => {
                eprintln!("warning: {}: not a recovery file: {e}", path.display());
                return;
            }
        };
        if kept.file == self.doc.file && kept.roadmap != self.doc.loaded.roadmap {
            self.recovered = Some(Recovered {
                roadmap: kept.roadmap,
                kept_at: kept.kept_at,
            });
        }
    }

    /// The offer to restore unsaved edits found at start.
    pub(super) fn recovery_dialog(&mut self, ctx: &egui::Context) {
        let Some(found) = &self.recovered else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::new("recovery")).show(ctx, |ui| {
            ui.heading("Restore unsaved edits?");
            ui.label(format!(
                "Edits to “{}” kept at {} were never saved: the window closed without saving \
                 them.",
                found.roadmap.title, found.kept_at
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Restore them").clicked() {
                    answer = Some(true);
                }
                if ui.button("Discard them").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                if let Some(found) = self.recovered.take() {
                    self.restore_recovered(found.roadmap);
                }
            }
            Some(false) => {
                self.recovered = None;
                self.drop_recovery();
            }
            None => {}
        }
    }

    /// Puts kept edits back, as one step Undo takes back.
    fn restore_recovered(&mut self, roadmap: Roadmap) {
        let Ok(loaded) = LoadedRoadmap::checked(roadmap) else {
            self.flash(
                "The kept edits do not validate; they were left aside.".to_owned(),
                true,
            );
            return;
        };
        let before = std::mem::replace(&mut self.doc.loaded, loaded);
        self.doc.tracker.edited(
            &before.roadmap,
            &self.doc.loaded,
            "restore unsaved edits".to_owned(),
            None,
            None,
        );
        self.editing = true;
        self.roadmap_changed(None, before.roadmap.topics.len());
    }
}
