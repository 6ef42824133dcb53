//! The `roadmap` command line, run as a user would, with data and settings folders of its own.

#[path = "../common/mod.rs"]
mod common;

mod bench;
mod check;
mod fmt;
mod import;
mod install;
mod plan;
mod progress;
