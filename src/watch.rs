//! Live reload: watches the open roadmap file and loads it again, off the UI thread, when it
//! changes on disk.
//!
//! The file's folder is watched, not the file: editors often save by writing a new file and
//! renaming it over the old one, which a watch on the old file would miss. Events are debounced
//! and filtered to the file's name; each burst loads the file once on the watcher's own thread,
//! sends the result and asks the window for a frame. Nothing polls: an idle window stays idle.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::model::{LoadError, LoadedRoadmap};

/// How long the file has to be quiet before it is read again.
const QUIET: Duration = Duration::from_millis(250);

/// The result of loading the watched file again.
pub type Reloaded = Result<Box<LoadedRoadmap>, LoadError>;

/// A watch on one roadmap file; dropping it stops watching.
pub struct FileWatch {
    file: PathBuf,
    _debouncer: Debouncer<RecommendedWatcher>,
    reloads: Receiver<Reloaded>,
}

impl FileWatch {
    /// Starts watching `file`; `wake` is called after each reload (to ask for a repaint).
    pub fn new(
        file: &Path,
        wake: impl Fn() + Send + 'static,
    ) -> Result<Self, notify_debouncer_mini::notify::Error> {
        let (tx, reloads) = std::sync::mpsc::channel();
        let name = file.file_name().map(std::ffi::OsStr::to_os_string);
        let target = file.to_path_buf();
        let mut debouncer = new_debouncer(QUIET, move |result: DebounceEventResult| {
            let Ok(events) = result else {
                return;
            };
            let ours = events
                .iter()
                .any(|e| e.path.file_name().map(std::ffi::OsStr::to_os_string) == name);
            if ours
                && tx
                    .send(crate::model::load_file(&target).map(Box::new))
                    .is_ok()
            {
                wake();
            }
        })?;
        let dir = match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        debouncer
            .watcher()
            .watch(dir, RecursiveMode::NonRecursive)?;
        Ok(Self {
            file: file.to_path_buf(),
            _debouncer: debouncer,
            reloads,
        })
    }

    /// The file watched.
    #[must_use]
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The newest reload that arrived since the last call, if any.
    #[must_use]
    pub fn latest(&self) -> Option<Reloaded> {
        let mut latest = None;
        loop {
            match self.reloads.try_recv() {
                Ok(r) => latest = Some(r),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return latest,
            }
        }
    }
}
