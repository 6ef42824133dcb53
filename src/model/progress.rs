//! The user's progress on a roadmap as it is saved: a status and a private note per topic, and a
//! goal. What follows from the graph (ready, locked) is in `standing`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::graph::{RoadmapGraph, TopicIndex};

/// The newest progress `format_version` this build reads and writes.
pub const PROGRESS_FORMAT_VERSION: u32 = 1;

/// Where a topic stands for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not started.
    #[default]
    Todo,
    /// Being studied.
    Doing,
    /// Learnt.
    Done,
    /// Deliberately left out; counts as cleared for what depends on it.
    Skipped,
}

impl Status {
    /// Every status, in the order menus show them.
    pub const ALL: [Status; 4] = [Status::Todo, Status::Doing, Status::Done, Status::Skipped];

    /// The word shown to the user and accepted on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Todo => "todo",
            Self::Doing => "doing",
            Self::Done => "done",
            Self::Skipped => "skipped",
        }
    }

    /// The status a word names (`todo`, `doing`, `done`, `skipped`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether the topic no longer stands in the way of what depends on it.
    #[must_use]
    pub fn is_cleared(self) -> bool {
        matches!(self, Self::Done | Self::Skipped)
    }
}

/// What the user recorded for one topic.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TopicProgress {
    /// Where the topic stands.
    pub status: Status,
    /// The user's private note.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl TopicProgress {
    /// Whether there is nothing worth keeping.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.status == Status::Todo && self.note.is_empty()
    }
}

/// The user's progress on one roadmap, as kept on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
// Unknown fields are refused, not dropped: a field this build does not know would otherwise
// vanish at the next save. Such a file is moved aside with a message instead.
#[serde(deny_unknown_fields)]
#[schemars(deny_unknown_fields)]
pub struct Progress {
    /// Version of the progress format.
    pub format_version: u32,
    /// Id of the roadmap this progress belongs to.
    pub roadmap_id: String,
    /// Progress by topic id. Entries for ids the roadmap no longer has are kept, not dropped.
    #[serde(default)]
    pub topics: BTreeMap<String, TopicProgress>,
    /// Id of the topic the user aims for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// The study plan's hours per week and start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<super::plan::PlanSettings>,
}

impl Progress {
    /// Empty progress for a roadmap.
    #[must_use]
    pub fn new(roadmap_id: &str) -> Self {
        Self {
            format_version: PROGRESS_FORMAT_VERSION,
            roadmap_id: roadmap_id.to_owned(),
            topics: BTreeMap::new(),
            goal: None,
            plan: None,
        }
    }

    /// The status of a topic (todo when nothing is recorded).
    #[must_use]
    pub fn status(&self, id: &str) -> Status {
        self.topics.get(id).map(|t| t.status).unwrap_or_default()
    }

    /// The note of a topic (empty when nothing is recorded).
    #[must_use]
    pub fn note(&self, id: &str) -> &str {
        self.topics.get(id).map_or("", |t| t.note.as_str())
    }

    /// Sets a topic's status; blank entries are removed so the file stays small.
    pub fn set_status(&mut self, id: &str, status: Status) {
        self.edit(id, |t| t.status = status);
    }

    /// Sets a topic's note.
    pub fn set_note(&mut self, id: &str, note: &str) {
        self.edit(id, |t| note.clone_into(&mut t.note));
    }

    fn edit(&mut self, id: &str, change: impl FnOnce(&mut TopicProgress)) {
        let entry = self.topics.entry(id.to_owned()).or_default();
        change(entry);
        if entry.is_blank() {
            self.topics.remove(id);
        }
    }

    /// Moves what is recorded for topic `old` (status, note, being the goal) to `new`, when a
    /// topic's id is changed.
    pub fn rename_topic(&mut self, old: &str, new: &str) {
        if let Some(entry) = self.topics.remove(old) {
            self.topics.insert(new.to_owned(), entry);
        }
        if self.goal.as_deref() == Some(old) {
            self.goal = Some(new.to_owned());
        }
    }

    /// Ids with saved progress that the roadmap has no topic for, sorted.
    #[must_use]
    pub fn unmatched(&self, graph: &RoadmapGraph) -> Vec<&str> {
        self.topics
            .keys()
            .map(String::as_str)
            .filter(|id| graph.index_of(id).is_none())
            .collect()
    }
}

/// What [`Progress::merged`] did: the result, and the topics it took from the other side or kept
/// against it.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// The merged progress.
    pub progress: Progress,
    /// Topics whose entry came from `theirs`: changed there and not here.
    pub taken: Vec<String>,
    /// Topics changed on both sides, differently: this side's entry was kept.
    pub kept: Vec<String>,
}

impl Progress {
    /// Three-way merge, topic by topic, of this progress (ours) with `theirs`, both grown from
    /// `base`: an entry changed on one side only takes that side's value; an entry changed on
    /// both sides keeps ours. The goal follows the same rule. So progress recorded elsewhere
    /// (`roadmap mark`, another window) joins what the window changed, and neither is lost.
    #[must_use]
    pub fn merged(&self, base: &Progress, theirs: &Progress) -> Merge {
        let mut progress = self.clone();
        let mut taken = Vec::new();
        let mut kept = Vec::new();
        let ids: std::collections::BTreeSet<&String> = base
            .topics
            .keys()
            .chain(self.topics.keys())
            .chain(theirs.topics.keys())
            .collect();
        for id in ids {
            let (b, o, t) = (
                base.topics.get(id),
                self.topics.get(id),
                theirs.topics.get(id),
            );
            if o == t || t == b {
                continue;
            }
            if o == b {
                match t {
                    Some(entry) => progress.topics.insert(id.clone(), entry.clone()),
                    None => progress.topics.remove(id),
                };
                taken.push(id.clone());
            } else {
                kept.push(id.clone());
            }
        }
        if self.goal == base.goal && theirs.goal != base.goal {
            progress.goal.clone_from(&theirs.goal);
        }
        if self.plan == base.plan && theirs.plan != base.plan {
            progress.plan.clone_from(&theirs.plan);
        }
        Merge {
            progress,
            taken,
            kept,
        }
    }
}

/// One change the user makes to their progress.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Set a topic's status.
    Status(TopicIndex, Status),
    /// Replace a topic's note.
    Note(TopicIndex, String),
    /// Aim for a topic, or drop the goal.
    Goal(Option<TopicIndex>),
    /// Clear every status, note and the goal of this roadmap's topics.
    Reset,
    /// Take the statuses, notes and goal of this roadmap's topics from other progress (a personal
    /// roadmap file being opened); entries for other topics stay as they are.
    Restore(Box<Progress>),
    /// Set the study plan's hours per week and start.
    Plan(super::plan::PlanSettings),
}
