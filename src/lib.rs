//! A desktop app to plan, track and present a learning roadmap: a directed acyclic graph of
//! topics drawn as an interactive map. The model knows nothing of egui; the app is a layer on top.

pub mod app;
pub mod bench;
pub mod cli;
pub mod command;
pub mod export;
pub mod fonts;
pub mod layout;
pub mod model;
pub mod picture;
pub mod settings;
pub mod store;
pub mod task;
pub mod tracker;
pub mod ui;
pub mod watch;
