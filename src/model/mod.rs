//! The roadmap model: file format, loading and validation, graph queries, progress. No egui in
//! here. Who uses whom, bottom up: `types` and `refs`; `graph`; `validate`; `progress`;
//! `loaded`; `standing`, `personal`, `search`; `load`, `write`; `edit`, `import`.

pub mod edit;
pub mod graph;
pub mod import;
pub mod load;
pub mod loaded;
pub mod personal;
pub mod plan;
pub mod progress;
pub mod refs;
pub mod search;
pub mod standing;
pub mod types;
pub mod validate;
pub mod write;

pub use graph::{RoadmapGraph, TopicIndex};
pub use load::{Diagnostic, LoadError, bundled, load_bytes, load_file, load_str};
pub use loaded::LoadedRoadmap;
pub use personal::{PERSONAL_KIND, PersonalRoadmap};
pub use progress::{Merge, Progress, Status, TopicProgress};
pub use standing::{Overview, Standing};
pub use types::{FORMAT_VERSION, Phase, Roadmap, Source, SourceKind, Topic};
pub use validate::{Problem, validate};

/// The JSON Schema of the roadmap format, as published in `assets/roadmap.schema.json`.
#[must_use]
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Roadmap);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
