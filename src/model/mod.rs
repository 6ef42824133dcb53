//! The roadmap model: file format, loading and validation, graph queries. No egui in here.

pub mod graph;
pub mod load;
pub mod personal;
pub mod progress;
pub mod search;
pub mod types;

pub use graph::RoadmapGraph;
pub use load::{Diagnostic, LoadError, LoadedRoadmap, bundled, load_bytes, load_file, load_str};
pub use personal::{PERSONAL_KIND, PersonalRoadmap};
pub use progress::{Merge, Overview, Progress, Standing, Status, TopicProgress};
pub use types::{FORMAT_VERSION, Phase, Roadmap, Source, SourceKind, Topic};

/// The JSON Schema of the roadmap format, as published in `assets/roadmap.schema.json`.
#[must_use]
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Roadmap);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
