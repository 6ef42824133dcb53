//! The exports, each read back with a real parser.

#[path = "../common/mod.rs"]
mod common;

mod html;
mod image;
mod interchange;
mod json;
mod text;
