//! The personal roadmap as JSON: the roadmap (or one phase of it) with the user's statuses,
//! notes and goal. Opening the file in the app restores the progress it carries.

use std::collections::HashSet;

use super::{ExportError, Options, Personal};
use crate::model::{FORMAT_VERSION, PERSONAL_KIND, PersonalRoadmap};

/// Writes the personal roadmap as pretty JSON with a trailing newline.
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<Vec<u8>, ExportError> {
    let mut roadmap = personal.loaded.roadmap.clone();
    let mut progress = personal.progress.clone();
    if let Some(phase) = &options.phase {
        // One phase stands alone: its topics, only the links between them, and references
        // to other phases written out.
        roadmap = personal.loaded.one_phase(phase).roadmap;
        let kept: HashSet<String> = roadmap.topics.iter().map(|t| t.id.clone()).collect();
        progress.topics.retain(|id, _| kept.contains(id));
        progress.goal = progress.goal.filter(|g| kept.contains(g));
    }
    if !options.notes {
        for entry in progress.topics.values_mut() {
            entry.note.clear();
        }
        progress.topics.retain(|_, e| !e.is_blank());
    }
    // The file names no schema path: it may be read far from this repository.
    roadmap.schema = None;
    let doc = PersonalRoadmap {
        format_version: FORMAT_VERSION,
        kind: PERSONAL_KIND.to_owned(),
        roadmap,
        progress,
    };
    let mut text = serde_json::to_string_pretty(&doc)
        .map_err(|e| ExportError::Failed(format!("cannot write JSON: {e}")))?;
    text.push('\n');
    Ok(text.into_bytes())
}
