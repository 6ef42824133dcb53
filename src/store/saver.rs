//! The app's background saver, and how it shares the progress file with other writers.
//!
//! The window is not the only writer: `roadmap mark` in a terminal, or a second window on the
//! same roadmap, may write the file while the window is open. So the saver never writes blindly.
//! It remembers what it last saw on disk (the base); before each write it reads the file again,
//! under the lock every writer of this app takes ([`super::locked`]); and when the file changed
//! meanwhile, it merges topic by topic ([`Progress::merged`]) instead of overwriting. The change
//! it found is handed to the window as a [`DiskChange`], so the window shows it too. A change on
//! disk while the window has nothing to save is found by [`DiskCheck::request`], which the
//! window calls when its watch on the file fires.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Instant, SystemTime};

use super::{OnDisk, SAVE_DEBOUNCE, SAVE_MAX_DELAY, locked, move_aside, read_now, save};
use crate::model::Progress;

/// Progress someone else wrote to the file: what the saver had seen there before (`base`), and
/// what it found (`disk`). The window merges it into its own with
/// `current.merged(&base, &disk)`.
#[derive(Debug, Clone, PartialEq)]
pub struct DiskChange {
    /// What was on disk before, as far as this saver knew.
    pub base: Progress,
    /// What is on disk now.
    pub disk: Progress,
}

/// Saves progress in the background for the app: [`Saver::request`] is cheap and returns at
/// once; a thread writes the latest requested state with [`save`] once changes settle for
/// [`SAVE_DEBOUNCE`], and at most [`SAVE_MAX_DELAY`] after the first unsaved change. Dropping the
/// saver flushes.
pub struct Saver {
    path: PathBuf,
    shared: Arc<Shared>,
    worker: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Saver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Saver")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

struct Shared {
    state: Mutex<State>,
    /// Wakes the worker (new request, check, flush, closing) and the flushers (a write settled).
    changed: Condvar,
}

#[allow(
    clippy::struct_excessive_bools,
    reason = "independent requests to one worker, all under one mutex"
)]
struct State {
    /// What the file held when this saver last read or wrote it.
    base: Progress,
    /// The latest requested state not yet handed to a write.
    pending: Option<Progress>,
    /// The state whose write failed last, kept so a flush can try again.
    failed: Option<Progress>,
    /// When `pending` went from empty to full, for the longest delay.
    first_request: Option<Instant>,
    /// When the last request came, for the debounce.
    last_request: Option<Instant>,
    /// Number of the latest request.
    requested: u64,
    /// Number of the latest request whose write has been attempted.
    settled: u64,
    /// Someone waits in `flush`: write now instead of waiting for the debounce.
    flush_wanted: bool,
    /// The file may have changed on disk: read it.
    check_wanted: bool,
    /// The saver is being dropped.
    closing: bool,
    /// The worker has stopped (or never started).
    stopped: bool,
    last_error: Option<String>,
    writes: u64,
    /// Changes found on disk, not yet taken by the window.
    disk_changes: Vec<DiskChange>,
    /// Messages for the user, not yet taken by the window.
    messages: Vec<String>,
    /// Called when a change on disk or a message waits to be taken.
    wake: Option<Box<dyn Fn() + Send>>,
}

impl Shared {
    fn new(base: Progress) -> Self {
        Self {
            state: Mutex::new(State {
                base,
                pending: None,
                failed: None,
                first_request: None,
                last_request: None,
                requested: 0,
                settled: 0,
                flush_wanted: false,
                check_wanted: false,
                closing: false,
                stopped: false,
                last_error: None,
                writes: 0,
                disk_changes: Vec::new(),
                messages: Vec::new(),
                wake: None,
            }),
            changed: Condvar::new(),
        }
    }
}

impl State {
    /// Records a change others made for the window, and merges it into the states still to be
    /// written, which grew from what the window had before it.
    fn take_in(&mut self, found: DiskChange) {
        for state in [&mut self.pending, &mut self.failed].into_iter().flatten() {
            *state = state.merged(&found.base, &found.disk).progress;
        }
        self.disk_changes.push(found);
    }
}

fn lock(mutex: &Mutex<State>) -> MutexGuard<'_, State> {
    // The state stays consistent across a panic elsewhere, so a poisoned lock is still usable.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A handle that asks a [`Saver`] to read its file again; given to the watch on the file.
#[derive(Clone)]
pub struct DiskCheck(Arc<Shared>);

impl DiskCheck {
    /// Asks the saver's thread to read the file and report what changed; returns at once.
    pub fn request(&self) {
        lock(&self.0.state).check_wanted = true;
        self.0.changed.notify_all();
    }

    /// Whether both handles belong to the same saver.
    #[must_use]
    pub fn same_saver(&self, other: &DiskCheck) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Saver {
    /// Starts a saver writing to `path`, whose content is `on_disk` now (what was just read
    /// from it; empty progress when there is no file). Should the thread not start, requests
    /// are saved at once on the caller's thread instead.
    #[must_use]
    pub fn new(path: PathBuf, on_disk: Progress) -> Self {
        let shared = Arc::new(Shared::new(on_disk));
        let worker = {
            let shared = Arc::clone(&shared);
            let path = path.clone();
            std::thread::Builder::new()
                .name("progress-saver".to_owned())
                .spawn(move || run_worker(&shared, &path))
                .ok()
        };
        if worker.is_none() {
            lock(&shared.state).stopped = true;
        }
        Self {
            path,
            shared,
            worker,
        }
    }

    /// The file this saver writes.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Hands the latest state to the background thread; returns at once.
    pub fn request(&self, progress: &Progress) {
        let mut state = lock(&self.shared.state);
        if state.stopped {
            drop(state);
            // The outcome is recorded for `last_error`, where the app looks for it.
            let _ = self.save_here(progress.clone());
            return;
        }
        let now = Instant::now();
        if state.pending.is_none() {
            state.first_request = Some(now);
        }
        state.last_request = Some(now);
        state.pending = Some(progress.clone());
        // A newer state supersedes one that failed to save.
        state.failed = None;
        state.requested += 1;
        self.shared.changed.notify_all();
    }

    /// Blocks until everything requested is on disk, retrying a state whose save failed.
    pub fn flush(&self) -> Result<(), String> {
        let mut state = lock(&self.shared.state);
        if state.pending.is_none()
            && let Some(failed) = state.failed.take()
        {
            if state.stopped {
                drop(state);
                return self.save_here(failed);
            }
            state.pending = Some(failed);
            state.first_request = Some(Instant::now());
            state.requested += 1;
        }
        let target = state.requested;
        if state.settled < target {
            state.flush_wanted = true;
            self.shared.changed.notify_all();
            while state.settled < target && !state.stopped {
                state = self
                    .shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            if state.settled < target {
                return Err(format!(
                    "{}: progress was not saved: the background saver stopped",
                    self.path.display()
                ));
            }
        }
        state.last_error.clone().map_or(Ok(()), Err)
    }

    /// The last save failure as a message for the user; cleared by the next successful save.
    #[must_use]
    pub fn last_error(&self) -> Option<String> {
        lock(&self.shared.state).last_error.clone()
    }

    /// How many times the file has been written, for a "saved" indicator and for tests.
    #[must_use]
    pub fn writes(&self) -> u64 {
        lock(&self.shared.state).writes
    }

    /// A handle for asking this saver to look at its file again.
    #[must_use]
    pub fn disk_check(&self) -> DiskCheck {
        DiskCheck(Arc::clone(&self.shared))
    }

    /// Reads the file now, on the caller's thread, and records what others changed, as a
    /// [`DiskCheck::request`] would on the saver's thread.
    pub fn check_now(&self) {
        check(&self.shared, &self.path);
    }

    /// Calls `wake` (from the saver's thread) whenever a change on disk or a message is waiting
    /// in [`Self::take_disk_changes`] or [`Self::take_messages`].
    pub fn set_wake(&self, wake: impl Fn() + Send + 'static) {
        lock(&self.shared.state).wake = Some(Box::new(wake));
    }

    /// Whether a wake callback has been set.
    #[must_use]
    pub fn has_wake(&self) -> bool {
        lock(&self.shared.state).wake.is_some()
    }

    /// The changes others made to the file since the last call, oldest first.
    #[must_use]
    pub fn take_disk_changes(&self) -> Vec<DiskChange> {
        std::mem::take(&mut lock(&self.shared.state).disk_changes)
    }

    /// Messages for the user since the last call (a damaged file moved aside).
    #[must_use]
    pub fn take_messages(&self) -> Vec<String> {
        std::mem::take(&mut lock(&self.shared.state).messages)
    }

    fn save_here(&self, progress: Progress) -> Result<(), String> {
        let base = lock(&self.shared.state).base.clone();
        let outcome = write_merged(&self.path, &base, progress);
        let result = outcome.result.clone();
        settle(&self.shared, outcome);
        result
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // The error was already recorded for `last_error`; nobody is left to show it.
        let _ = self.flush();
        lock(&self.shared.state).closing = true;
        self.shared.changed.notify_all();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// What one write did.
struct Written {
    /// The state that was to be written (merged with the disk when it had changed).
    progress: Progress,
    result: Result<(), String>,
    /// What others had written since the base, if anything.
    found: Option<DiskChange>,
    /// A message for the user.
    message: Option<String>,
}

/// Reads the file under the lock, merges what others wrote since `base` into `ours`, and writes
/// the result, all under the lock. A damaged file is moved aside first; a newer one is left
/// alone and nothing is written.
fn write_merged(path: &Path, base: &Progress, ours: Progress) -> Written {
    let shown = path.display();
    let run = || {
        let mut written = Written {
            progress: ours,
            result: Ok(()),
            found: None,
            message: None,
        };
        match read_now(path, &base.roadmap_id) {
            OnDisk::Progress(disk) if disk != *base => {
                written.progress = written.progress.merged(base, &disk).progress;
                written.found = Some(DiskChange {
                    base: base.clone(),
                    disk,
                });
            }
            OnDisk::Damaged(problem) => {
                written.message = Some(match move_aside(path, SystemTime::now()) {
                    Ok(to) => format!(
                        "{problem}. The damaged file was kept as {} and your progress was saved \
                         again.",
                        to.display()
                    ),
                    Err(e) => format!("{problem}. It could not be moved aside ({e})."),
                });
            }
            OnDisk::Newer(problem) => {
                written.result = Err(format!(
                    "{problem}; your changes are kept in the window but not written over it"
                ));
                return written;
            }
            OnDisk::Progress(_) | OnDisk::Missing | OnDisk::CannotRead(_) => {}
        }
        written.result = save(path, &written.progress).map_err(|e| {
            format!(
                "{shown}: cannot save progress: {}",
                crate::model::load::io_words(&e)
            )
        });
        written
    };
    match locked(path, run) {
        Ok(written) => written,
        Err(e) => Written {
            progress: base.clone(),
            result: Err(format!(
                "{shown}: cannot save progress: {}",
                crate::model::load::io_words(&e)
            )),
            found: None,
            message: None,
        },
    }
}

/// Records a write's outcome in the shared state and tells the window what it found.
fn settle(shared: &Shared, written: Written) {
    let mut state = lock(&shared.state);
    let Written {
        progress,
        result,
        found,
        message,
    } = written;
    let tell = found.is_some() || message.is_some();
    let disk_now = found.as_ref().map(|f| f.disk.clone());
    if let Some(found) = found {
        state.take_in(found);
    }
    state.messages.extend(message);
    match &result {
        Ok(()) => {
            state.last_error = None;
            state.writes += 1;
            state.base = progress;
        }
        Err(e) => {
            state.last_error = Some(e.clone());
            // Kept for a retry by `flush`, unless a newer state is already waiting.
            if state.pending.is_none() {
                state.failed = Some(progress);
            }
            // What others wrote is on disk even though this write failed.
            if let Some(disk) = disk_now {
                state.base = disk;
            }
        }
    }
    if tell && let Some(wake) = &state.wake {
        wake();
    }
}

/// Reads the file under the lock and, when someone else changed it, records the change for the
/// window.
fn check(shared: &Shared, path: &Path) {
    let base = lock(&shared.state).base.clone();
    let Ok(OnDisk::Progress(disk)) = locked(path, || read_now(path, &base.roadmap_id)) else {
        // Missing, damaged or unreadable: the next write deals with it.
        return;
    };
    let mut state = lock(&shared.state);
    // A write may have happened meanwhile; compare with the base as it is now.
    if disk == state.base {
        return;
    }
    let found = DiskChange {
        base: std::mem::replace(&mut state.base, disk.clone()),
        disk,
    };
    state.take_in(found);
    if let Some(wake) = &state.wake {
        wake();
    }
}

/// Marks the worker stopped however it ends, so `flush` never waits on a thread that is gone.
struct StopGuard<'a>(&'a Shared);

impl Drop for StopGuard<'_> {
    fn drop(&mut self) {
        lock(&self.0.state).stopped = true;
        self.0.changed.notify_all();
    }
}

fn run_worker(shared: &Shared, path: &Path) {
    let _guard = StopGuard(shared);
    let mut state = lock(&shared.state);
    loop {
        while state.pending.is_none() && !state.check_wanted {
            if state.closing {
                return;
            }
            state = shared
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if state.pending.is_none() {
            state.check_wanted = false;
            drop(state);
            check(shared, path);
            state = lock(&shared.state);
            continue;
        }
        // Debounce: wait until requests pause or the oldest one has waited long enough.
        while !state.flush_wanted && !state.closing {
            let now = Instant::now();
            let quiet = state.last_request.unwrap_or(now) + SAVE_DEBOUNCE;
            let oldest = state.first_request.unwrap_or(now) + SAVE_MAX_DELAY;
            let due = quiet.min(oldest);
            if now >= due {
                break;
            }
            state = shared
                .changed
                .wait_timeout(state, due - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        let Some(progress) = state.pending.take() else {
            continue;
        };
        state.first_request = None;
        // The write reads the file first, which is the check.
        state.check_wanted = false;
        let number = state.requested;
        let base = state.base.clone();
        drop(state);
        let written = write_merged(path, &base, progress);
        settle(shared, written);
        state = lock(&shared.state);
        state.settled = number;
        if state.pending.is_none() {
            state.flush_wanted = false;
        }
        shared.changed.notify_all();
    }
}
