//! Live reload: watches the open roadmap file and loads it again, off the UI thread, when it
//! changes on disk.
//!
//! The file's folder is watched, not the file: editors often save by writing a new file and
//! renaming it over the old one, which a watch on the old file would miss. Events are filtered to
//! the file's name and to changes: opening and reading the file are events too (inotify reports
//! them), and reading is what a reload does, so counting them would reload forever. A burst of
//! changes is loaded once, after the file has been quiet for a moment, on the watch's own thread;
//! the result is sent over a channel and the window is asked for a frame. Nothing polls: an idle
//! window stays idle.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::model::{LoadError, LoadedRoadmap};

/// How long the file has to be quiet before it is read again.
const QUIET: Duration = Duration::from_millis(250);

/// The result of loading the watched file again.
pub type Reloaded = Result<Box<LoadedRoadmap>, LoadError>;

/// A watch on one file; dropping it stops watching (and ends its thread). What it delivers
/// after each burst of changes is what its loader made of the file: a [`Reloaded`] roadmap for
/// the open roadmap, nothing for the progress file, whose loader only asks the saver to look.
pub struct FileWatch<T = Reloaded> {
    file: PathBuf,
    _watcher: RecommendedWatcher,
    reloads: Receiver<T>,
}

/// Whether an event may have changed the file's content (not a read, not a metadata change such
/// as the access time a read updates).
fn is_change(kind: EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

impl FileWatch<Reloaded> {
    /// Starts watching a roadmap file; `wake` is called after each reload (to ask for a
    /// repaint).
    pub fn new(file: &Path, wake: impl Fn() + Send + 'static) -> Result<Self, notify::Error> {
        Self::with_loader(
            file,
            |path| crate::model::load_file(path).map(Box::new),
            wake,
        )
    }
}

impl<T: Send + 'static> FileWatch<T> {
    /// Starts watching `file`: after each burst of changes, `load` runs on the watch's thread
    /// and then `wake`.
    pub fn with_loader(
        file: &Path,
        mut load: impl FnMut(&Path) -> T + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> Result<Self, notify::Error> {
        let name = file.file_name().map(std::ffi::OsStr::to_os_string);
        let (changed_tx, changed) = std::sync::mpsc::channel::<()>();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else {
                    return;
                };
                let ours = event.paths.iter().any(|p| p.file_name() == name.as_deref());
                if ours && is_change(event.kind) {
                    let _ = changed_tx.send(());
                }
            })?;
        let dir = match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        watcher.watch(dir, RecursiveMode::NonRecursive)?;

        let (tx, reloads) = std::sync::mpsc::channel();
        let target = file.to_path_buf();
        crate::task::detach("watch", move || {
            // Ends when the watcher (and with it the sender) is dropped.
            while changed.recv().is_ok() {
                loop {
                    match changed.recv_timeout(QUIET) {
                        Ok(()) => {}
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                if tx.send(load(&target)).is_err() {
                    return;
                }
                wake();
            }
        });
        Ok(Self {
            file: file.to_path_buf(),
            _watcher: watcher,
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
    pub fn latest(&self) -> Option<T> {
        let mut latest = None;
        loop {
            match self.reloads.try_recv() {
                Ok(r) => latest = Some(r),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return latest,
            }
        }
    }
}
