//! The app's side of progress: the current `Progress`, what follows from it, undo and redo, and
//! saving through the store. No egui in here, so it is tested on its own.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::model::{LoadedRoadmap, Overview, Progress, Roadmap};
use crate::store::{self, DiskCheck, Notice, Saver};

pub use crate::model::progress::Edit;

/// Progress on the open roadmap, kept in step with the disk.
pub struct Tracker {
    progress: Progress,
    overview: Overview,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The last "Undone: …" or "Redone: …", with the revision it was told at; the
    /// window shows it briefly, and a new change takes it away.
    step_notice: Option<(String, u64)>,
    /// The roadmap an undo or redo is handing to the window.
    pending_roadmap: Option<Box<Roadmap>>,
    /// The field the last roadmap edit typed into, so typing makes one undo step.
    last_merge: Option<String>,
    /// The topic whose note the last edit changed, so typing makes one undo step, not one per key.
    last_note: Option<Typed>,
    saver: Option<Saver>,
    /// Where progress is kept; `None` keeps it in memory only.
    path: Option<PathBuf>,
    notices: Vec<String>,
    /// The notices that only inform (progress taken in from the file, restored from a personal
    /// roadmap), as opposed to warnings.
    info: Vec<String>,
    revision: u64,
}

/// How the notice about changes found in the progress file starts.
const DISK_NOTICE: &str = "Progress changed in the file";

fn topics_phrase(n: usize) -> String {
    if n == 1 {
        "1 topic".to_owned()
    } else {
        format!("{n} topics")
    }
}

/// One step of the undo (or redo) history: the progress to go back to, and what the change was,
/// in the words the Edit menu and the notice use ("mark done: Fine-tuning").
#[derive(Debug, Clone)]
struct Step {
    progress: Progress,
    /// The roadmap to go back to, for a step that edited the roadmap.
    roadmap: Option<Box<Roadmap>>,
    what: String,
}

/// What is being typed, so that its keystrokes make one undo step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typed {
    /// A topic's note.
    Note(crate::model::TopicIndex),
    /// The study plan's hours or start.
    Plan,
}

/// What an undo or redo changed.
#[derive(Debug)]
pub enum Undone {
    /// There was nothing to undo or redo.
    Nothing,
    /// Progress only: it is in effect already.
    Progress,
    /// The roadmap too: the window puts this one in place, then calls
    /// [`Tracker::roadmap_replaced`].
    Roadmap(Box<Roadmap>),
}

/// What an edit does, in words.
fn describe(loaded: &LoadedRoadmap, edit: &Edit) -> String {
    let title = |i| {
        loaded
            .topic(i)
            .map_or("a topic", |t| t.title.as_str())
            .to_owned()
    };
    match edit {
        Edit::Status(i, status) => format!("mark {}: {}", status.name(), title(*i)),
        Edit::Note(i, _) => format!("note on {}", title(*i)),
        Edit::Goal(Some(i)) => format!("goal: {}", title(*i)),
        Edit::Goal(None) => "clear the goal".to_owned(),
        Edit::Reset => "reset progress".to_owned(),
        Edit::Restore(_) => "restore the progress the file carried".to_owned(),
        Edit::Plan(_) => "change the study plan".to_owned(),
    }
}

/// Most undo steps kept.
const UNDO_LIMIT: usize = 200;

impl Tracker {
    /// Progress kept in memory only (tests, and machines with no data folder).
    #[must_use]
    pub fn in_memory(loaded: &LoadedRoadmap) -> Self {
        let progress = Progress::new(&loaded.roadmap.id);
        Self::with(loaded, progress, None, None)
    }

    /// Progress read from `path` (or memory only when `None`) and saved back there after each
    /// change. A damaged file has been moved aside by the store; the user is told.
    #[must_use]
    pub fn open(loaded: &LoadedRoadmap, path: Option<PathBuf>) -> Self {
        let Some(path) = path else {
            let mut t = Self::in_memory(loaded);
            t.notices.push(
                "No data folder was found, so progress is kept only until the window closes."
                    .to_owned(),
            );
            return t;
        };
        let opened = store::open(&path, &loaded.roadmap.id);
        let mut notices = Vec::new();
        let writable = match opened.notice {
            None => true,
            Some(Notice::Recovered { moved_to, problem }) => {
                notices.push(format!(
                    "Your progress file was damaged ({problem}). It was kept as {} and progress starts again from empty.",
                    moved_to.display()
                ));
                true
            }
            Some(Notice::ReadOnly { problem } | Notice::CannotRead { problem }) => {
                notices.push(format!(
                    "{problem}. Changes are kept only until the window closes, so the file is not overwritten."
                ));
                false
            }
        };
        let saver = writable.then(|| Saver::new(path.clone(), opened.progress.clone()));
        let mut t = Self::with(loaded, opened.progress, saver, Some(path));
        t.notices.extend(notices);
        t.note_unmatched(loaded);
        // Told on the terminal as well as in the window, for whoever started the app from one.
        for notice in &t.notices {
            eprintln!("warning: {notice}");
        }
        t
    }

    fn with(
        loaded: &LoadedRoadmap,
        progress: Progress,
        saver: Option<Saver>,
        path: Option<PathBuf>,
    ) -> Self {
        let overview = Overview::new(loaded, &progress);
        Self {
            progress,
            overview,
            undo: Vec::new(),
            redo: Vec::new(),
            step_notice: None,
            pending_roadmap: None,
            last_merge: None,
            last_note: None,
            saver,
            path,
            notices: Vec::new(),
            info: Vec::new(),
            revision: 0,
        }
    }

    fn note_unmatched(&mut self, loaded: &LoadedRoadmap) {
        let n = self.progress.unmatched(&loaded.graph).len();
        if n > 0 {
            self.notices.push(format!(
                "{n} saved {} no topic in this roadmap; {} kept in the progress file.",
                if n == 1 {
                    "entry matches"
                } else {
                    "entries match"
                },
                if n == 1 { "it is" } else { "they are" },
            ));
        }
    }

    /// The progress as recorded.
    #[must_use]
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Standing of every topic, next up, totals.
    #[must_use]
    pub fn overview(&self) -> &Overview {
        &self.overview
    }

    /// Where progress is saved, if anywhere.
    #[must_use]
    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// The goal's topic index, if it is set and exists in this roadmap.
    #[must_use]
    pub fn goal(&self, loaded: &LoadedRoadmap) -> Option<usize> {
        self.progress
            .goal
            .as_deref()
            .and_then(|id| loaded.graph.index_of(id))
    }

    /// Whether the user has recorded anything for this roadmap's topics.
    #[must_use]
    pub fn has_progress(&self, loaded: &LoadedRoadmap) -> bool {
        self.progress.goal.is_some()
            || loaded
                .roadmap
                .topics
                .iter()
                .any(|t| self.progress.topics.contains_key(&t.id))
    }

    /// Messages for the user: recovered files, read-only files, entries that match no topic,
    /// and the last save failure.
    #[must_use]
    pub fn notices(&self) -> Vec<String> {
        let mut out = self.notices.clone();
        if let Some(e) = self.saver.as_ref().and_then(Saver::last_error) {
            out.push(format!("Progress could not be saved: {e}. It is kept in memory; saving is retried with the next change."));
        }
        out
    }

    /// Adds a message for the user.
    pub fn add_notice(&mut self, notice: &str) {
        self.notices.push(notice.to_owned());
    }

    /// Adds a message that only informs, shown without a warning sign.
    pub fn add_info(&mut self, notice: &str) {
        self.info.push(notice.to_owned());
        self.add_notice(notice);
    }

    /// Whether a notice only informs (see [`Self::add_info`]).
    #[must_use]
    pub fn is_info(&self, notice: &str) -> bool {
        self.info.iter().any(|n| n == notice)
    }

    /// Hides the notice at `index` of [`Self::notices`].
    pub fn dismiss_notice(&mut self, index: usize) {
        if index < self.notices.len() {
            self.notices.remove(index);
        }
    }

    /// Applies a change, remembers how to undo it, and saves.
    pub fn apply(&mut self, loaded: &LoadedRoadmap, edit: Edit) {
        let topics = &loaded.roadmap.topics;
        let before = self.progress.clone();
        let what = describe(loaded, &edit);
        let note_topic = match &edit {
            Edit::Note(i, _) => Some(Typed::Note(*i)),
            Edit::Plan(_) => Some(Typed::Plan),
            _ => None,
        };
        match edit {
            Edit::Status(i, status) => {
                if let Some(t) = loaded.topic(i) {
                    self.progress.set_status(&t.id, status);
                }
            }
            Edit::Note(i, note) => {
                if let Some(t) = loaded.topic(i) {
                    self.progress.set_note(&t.id, &note);
                }
            }
            Edit::Goal(goal) => {
                self.progress.goal = goal.and_then(|i| loaded.topic(i)).map(|t| t.id.clone());
            }
            Edit::Reset => {
                for t in topics {
                    self.progress.topics.remove(&t.id);
                }
                self.progress.goal = None;
            }
            Edit::Plan(settings) => self.progress.plan = Some(settings),
            Edit::Restore(from) => {
                for t in topics {
                    match from.topics.get(&t.id) {
                        Some(entry) => self.progress.topics.insert(t.id.clone(), entry.clone()),
                        None => self.progress.topics.remove(&t.id),
                    };
                }
                self.progress.goal = from
                    .goal
                    .clone()
                    .filter(|g| loaded.graph.index_of(g).is_some());
            }
        }
        if self.progress == before {
            return;
        }
        // Consecutive keystrokes in one note (or changes to the plan) make a single undo step.
        let same_note = note_topic.is_some() && note_topic == self.last_note;
        if !same_note {
            self.push_undo(Step {
                progress: before,
                roadmap: None,
                what,
            });
        }
        self.last_note = note_topic;
        self.changed(loaded);
    }

    /// Records an edit of the roadmap from `before` to `after` as one undo step, described by
    /// `what` ("add topic: Fine-tuning"). A topic whose id changed (`renamed`, old then new)
    /// keeps its status, note and place as the goal, in the same step.
    ///
    /// Edits with the same `merge` key in a row (the keys typed into one field) make one step,
    /// which goes back to before the first of them.
    pub fn edited(
        &mut self,
        before: &Roadmap,
        after: &LoadedRoadmap,
        what: String,
        renamed: Option<(&str, &str)>,
        merge: Option<&str>,
    ) {
        let same_field = merge.is_some()
            && self.last_merge.as_deref() == merge
            && self.undo.last().is_some_and(|s| s.roadmap.is_some());
        if same_field {
            self.redo.clear();
            self.step_notice = None;
        } else {
            self.push_undo(Step {
                progress: self.progress.clone(),
                roadmap: Some(Box::new(before.clone())),
                what,
            });
        }
        if let Some((old, new)) = renamed {
            self.progress.rename_topic(old, new);
        }
        self.last_note = None;
        self.last_merge = merge.map(str::to_owned);
        self.changed(after);
    }

    /// A new step: what could be redone, and what was said of the last undo, are gone.
    fn push_undo(&mut self, step: Step) {
        self.last_merge = None;
        self.undo.push(step);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.step_notice = None;
    }

    /// Starts from `progress` (a copy of a roadmap takes its original's statuses, notes and
    /// goal): saved, and not a step to undo, since the copy starts with it.
    pub fn carry_over(&mut self, loaded: &LoadedRoadmap, mut progress: Progress) {
        progress.roadmap_id.clone_from(&loaded.roadmap.id);
        self.progress = progress;
        self.changed(loaded);
    }

    /// Takes the roadmap the window shows now in, after an undo or redo put it in place.
    pub fn roadmap_replaced(&mut self, loaded: &LoadedRoadmap) {
        self.changed(loaded);
    }

    /// Undoes the last change, progress or roadmap; `loaded` is the roadmap on screen.
    pub fn undo(&mut self, loaded: &LoadedRoadmap) -> Undone {
        let Some(step) = self.undo.pop() else {
            return Undone::Nothing;
        };
        let back = self.swap_in(loaded, step, "Undone");
        self.redo.push(back);
        self.finish_step(loaded)
    }

    /// Puts `step`'s progress (and roadmap) in place and returns the step that goes back.
    fn swap_in(&mut self, loaded: &LoadedRoadmap, step: Step, said: &str) -> Step {
        let Step {
            progress,
            roadmap,
            what,
        } = step;
        let now = std::mem::replace(&mut self.progress, progress);
        self.tell_step(format!("{said}: {what}."));
        self.pending_roadmap = roadmap;
        Step {
            progress: now,
            roadmap: self
                .pending_roadmap
                .as_ref()
                .map(|_| Box::new(loaded.roadmap.clone())),
            what,
        }
    }

    /// What the window does after an undo or redo: take a roadmap in, or only show progress.
    fn finish_step(&mut self, loaded: &LoadedRoadmap) -> Undone {
        self.last_note = None;
        self.last_merge = None;
        if let Some(roadmap) = self.pending_roadmap.take() {
            Undone::Roadmap(roadmap)
        } else {
            self.changed(loaded);
            Undone::Progress
        }
    }

    /// What Undo would take back, in words; `None` when there is nothing to undo.
    #[must_use]
    pub fn undo_what(&self) -> Option<&str> {
        self.undo.last().map(|s| s.what.as_str())
    }

    /// What Redo would do again, in words; `None` when there is nothing to redo.
    #[must_use]
    pub fn redo_what(&self) -> Option<&str> {
        self.redo.last().map(|s| s.what.as_str())
    }

    /// Says what undo or redo just did, in place of what the last one said.
    fn tell_step(&mut self, notice: String) {
        // Every undo and redo moves the revision on, so it tells one from the next.
        self.step_notice = Some((notice, self.revision));
    }

    /// What the last undo or redo did ("Undone: mark done: Fine-tuning."), with a number that
    /// differs from one undo or redo to the next; `None` once another change is made.
    #[must_use]
    pub fn step_notice(&self) -> Option<(&str, u64)> {
        self.step_notice
            .as_ref()
            .map(|(text, n)| (text.as_str(), *n))
    }

    /// Redoes the last undone change, progress or roadmap; `loaded` is the roadmap on screen.
    pub fn redo(&mut self, loaded: &LoadedRoadmap) -> Undone {
        let Some(step) = self.redo.pop() else {
            return Undone::Nothing;
        };
        let back = self.swap_in(loaded, step, "Redone");
        self.undo.push(back);
        self.finish_step(loaded)
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// A number that changes with every change to progress.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn changed(&mut self, loaded: &LoadedRoadmap) {
        self.revision += 1;
        self.overview = Overview::new(loaded, &self.progress);
        if let Some(saver) = &self.saver {
            saver.request(&self.progress);
        }
    }

    /// Follows the same roadmap after it changed on disk: progress is kept by topic id, what
    /// follows from it is worked out again for the new topics. Undo steps hold progress by id too,
    /// so they stay; a note being typed starts a new step.
    pub fn reconcile(&mut self, loaded: &LoadedRoadmap) {
        self.last_note = None;
        self.revision += 1;
        self.overview = Overview::new(loaded, &self.progress);
    }

    /// Takes in what others wrote to the progress file since the last call (`roadmap mark`,
    /// another window), merged topic by topic with this window's changes: a topic changed only
    /// there takes their version, one changed on both sides keeps this window's. Undo and redo
    /// steps take the change in as well, so undoing a change made here never undoes theirs.
    /// Returns whether anything new is to be shown.
    pub fn take_disk_changes(&mut self, loaded: &LoadedRoadmap) -> bool {
        let Some(saver) = &self.saver else {
            return false;
        };
        let changes = saver.take_disk_changes();
        let messages = saver.take_messages();
        let told = !messages.is_empty();
        self.notices.extend(messages);
        let Some(last) = changes.last() else {
            return told;
        };
        let before = self.progress.clone();
        let mut taken = std::collections::BTreeSet::new();
        let mut kept = std::collections::BTreeSet::new();
        for change in &changes {
            let merge = self.progress.merged(&change.base, &change.disk);
            taken.extend(merge.taken);
            kept.extend(merge.kept);
            self.progress = merge.progress;
            for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
                step.progress = step.progress.merged(&change.base, &change.disk).progress;
            }
        }
        // What the file holds must end up equal to what the window shows.
        if self.progress != last.disk {
            saver.request(&self.progress);
        }
        if self.progress == before && kept.is_empty() {
            return told;
        }
        self.notices.retain(|n| !n.starts_with(DISK_NOTICE));
        let mut notice = format!(
            "{DISK_NOTICE} (by roadmap mark or another window): {} taken in.",
            topics_phrase(taken.len())
        );
        if !kept.is_empty() {
            let _ = write!(
                notice,
                " {} changed both there and here; this window's version was kept.",
                topics_phrase(kept.len())
            );
        }
        self.info.retain(|n| !n.starts_with(DISK_NOTICE));
        self.add_info(&notice);
        self.last_note = None;
        self.revision += 1;
        self.overview = Overview::new(loaded, &self.progress);
        true
    }

    /// Reads the progress file now and takes in what others changed (see
    /// [`Self::take_disk_changes`]); returns whether anything new is to be shown.
    pub fn check_disk_now(&mut self, loaded: &LoadedRoadmap) -> bool {
        if let Some(saver) = &self.saver {
            saver.check_now();
        }
        self.take_disk_changes(loaded)
    }

    /// A handle that makes the saver read the progress file again, for a watch on the file;
    /// `None` when progress is not saved.
    #[must_use]
    pub fn disk_check(&self) -> Option<DiskCheck> {
        self.saver.as_ref().map(Saver::disk_check)
    }

    /// Has `wake` called when changes on disk wait in [`Self::take_disk_changes`], unless a
    /// wake is already set.
    pub fn wake_with(&self, wake: impl Fn() + Send + 'static) {
        if let Some(saver) = self.saver.as_ref().filter(|s| !s.has_wake()) {
            saver.set_wake(wake);
        }
    }

    /// Writes everything still pending to disk (on exit).
    pub fn flush(&self) -> Result<(), String> {
        self.saver.as_ref().map_or(Ok(()), Saver::flush)
    }
}
