//! The window, driven as a user would through `egui_kittest`: the map, panels, dialogs, keys and
//! snapshots.

#[path = "../common/mod.rs"]
mod common;

mod big_map;
mod editing;
mod export_dialog;
mod filter;
mod fonts;
mod import;
mod keyboard;
mod map;
mod outline;
mod plan;
mod present;
mod progress;
mod references;
mod reload;
mod search;
mod theme;
