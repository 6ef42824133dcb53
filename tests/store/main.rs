//! Progress on disk and in the window's tracker: atomic saves, damaged files, merging, undo.

mod files;
mod tracker;
