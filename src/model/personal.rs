//! The personal roadmap: a roadmap together with one user's progress on it, as exported to JSON.
//! Opening such a file in the app shows the roadmap and restores the progress it carries.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::progress::Progress;
use super::types::Roadmap;

/// The value of `kind` that marks a personal roadmap file.
pub const PERSONAL_KIND: &str = "personal-roadmap";

/// A roadmap and the progress of its user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PersonalRoadmap {
    /// Version of this file format; this app reads version 1.
    pub format_version: u32,
    /// Always `personal-roadmap`.
    pub kind: String,
    /// The roadmap.
    pub roadmap: Roadmap,
    /// The user's statuses, notes and goal.
    pub progress: Progress,
}
