//! The roadmap file format: plain serde types, also the source of the published JSON Schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The newest `format_version` this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A learning roadmap: phases in order, and topics linked by their prerequisites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "Learning roadmap")]
pub struct Roadmap {
    /// Where editors find the JSON Schema of this file; ignored by the app.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of this file format; this app reads version 1.
    pub format_version: u32,
    /// Stable kebab-case id of the roadmap; progress is stored under it.
    pub id: String,
    /// Title shown in the window and on exports.
    pub title: String,
    /// What the roadmap is for and the thesis behind its order.
    pub description: String,
    /// Sources for the roadmap as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Source>,
    /// The phases, drawn as bands in the order of their `order` field.
    pub phases: Vec<Phase>,
    /// The topics: nodes of the map.
    pub topics: Vec<Topic>,
}

/// A stage of the roadmap that groups topics, such as "Deliver `GenAI` value".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Phase {
    /// Stable kebab-case id that topics name in their `phase` field.
    pub id: String,
    /// Title shown on the phase band.
    pub title: String,
    /// What the learner can do at the end of the phase.
    pub goal: String,
    /// Position of the phase: lower comes first; unique within the roadmap.
    pub order: u32,
}

/// One thing to learn: a node of the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Topic {
    /// Stable kebab-case id, never reused for another topic; progress is stored under it.
    pub id: String,
    /// Short title shown in the topic's box.
    pub title: String,
    /// Id of the phase the topic belongs to.
    pub phase: String,
    /// One line on what the learner gets from the topic. May name other topics as
    /// `[[topic-id]]` (shown as that topic's title) or `[[topic-id|other words]]`.
    pub summary: String,
    /// Why the topic sits where it does: what it builds on and what it unlocks. Names other topics
    /// as `[[topic-id]]` (shown as that topic's current title, as a link) or
    /// `[[topic-id|other words]]`, never by copying their titles.
    pub rationale: String,
    /// Ids of the topics to learn first. A prerequisite may not sit in a later phase.
    #[serde(default)]
    pub prerequisites: Vec<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Estimated study time in hours.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_hours"
    )]
    #[schemars(range(min = 0.0))]
    pub estimate_hours: Option<f64>,
    /// Short kebab-case labels used by search and filters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// Writes an estimate as a whole number when it is one (`4`, not `4.0`), as people write it.
#[allow(
    clippy::ref_option,
    reason = "serde's serialize_with hands the field over by reference"
)]
fn whole_hours<S: serde::Serializer>(hours: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *hours {
        #[allow(
            clippy::float_cmp,
            reason = "only an exact whole number is written as one"
        )]
        Some(h) if h.trunc() == h && h.abs() < 9.0e15 => {
            #[allow(
                clippy::cast_possible_truncation,
                reason = "a whole number below 2^53 converts exactly"
            )]
            let whole = h as i64;
            s.serialize_some(&whole)
        }
        other => other.serialize(s),
    }
}

/// A page that supports a topic or the roadmap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Source {
    /// The page's title.
    pub title: String,
    /// Address of the page; only http and https are accepted.
    pub url: String,
    /// What sort of page it is.
    pub kind: SourceKind,
    /// Publication date (YYYY-MM-DD), where it matters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// What sort of page a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// Official product documentation.
    Docs,
    /// A vendor's announcement or press release.
    Announcement,
    /// An article or blog post.
    Article,
    /// A recorded talk or video.
    Video,
    /// A training course.
    Course,
}

impl SourceKind {
    /// The words shown beside a source link.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Docs => "official docs",
            Self::Announcement => "announcement",
            Self::Article => "article",
            Self::Video => "video",
            Self::Course => "course",
        }
    }
}

impl Roadmap {
    /// The phases sorted by their `order`.
    #[must_use]
    pub fn phases_in_order(&self) -> Vec<&Phase> {
        let mut phases: Vec<&Phase> = self.phases.iter().collect();
        phases.sort_by_key(|p| p.order);
        phases
    }

    /// The phase with this id.
    #[must_use]
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    /// Number of prerequisite links in the roadmap.
    #[must_use]
    pub fn link_count(&self) -> usize {
        self.topics.iter().map(|t| t.prerequisites.len()).sum()
    }
}
