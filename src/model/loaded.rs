//! A roadmap that passed validation, with its graph: what the window, the exports and the command
//! line work on.

use std::borrow::Cow;

use super::graph::{RoadmapGraph, TopicIndex};
use super::progress::Progress;
use super::refs;
use super::types::{Roadmap, Topic};

/// A roadmap that passed validation, with its prerequisite graph.
#[derive(Debug, Clone)]
pub struct LoadedRoadmap {
    /// The roadmap as written in the file.
    pub roadmap: Roadmap,
    /// Its prerequisite graph; acyclic, every id known.
    pub graph: RoadmapGraph,
    /// The progress a personal roadmap file carries, restored when it is opened.
    pub carried_progress: Option<Progress>,
}

impl LoadedRoadmap {
    /// The roadmap with its graph, when it passes [`validate`](super::validate::validate); its
    /// problems otherwise.
    pub fn checked(roadmap: Roadmap) -> Result<Self, Vec<super::validate::Problem>> {
        let problems = super::validate::validate(&roadmap);
        if !problems.is_empty() {
            return Err(problems);
        }
        let graph = RoadmapGraph::new(&roadmap);
        Ok(Self {
            roadmap,
            graph,
            carried_progress: None,
        })
    }

    /// The one-line summary `roadmap check` prints.
    #[must_use]
    pub fn summary_line(&self) -> String {
        let r = &self.roadmap;
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "ok: {}, {}, {}",
            count(r.topics.len(), "topic", "topics"),
            count(r.link_count(), "prerequisite link", "prerequisite links"),
            count(r.phases.len(), "phase", "phases")
        )
    }
}

impl LoadedRoadmap {
    /// A summary or rationale as a reader sees it: each `[[topic-id]]` replaced by that topic's
    /// current title, each `[[topic-id|words]]` by its words.
    #[must_use]
    pub fn plain<'t>(&self, text: &'t str) -> Cow<'t, str> {
        refs::plain(text, |id| {
            self.graph
                .index_of(id)
                .map(|i| self.roadmap.topics[i].title.clone())
        })
    }

    /// The topic at `index`, if the roadmap has one there.
    #[must_use]
    pub fn topic(&self, index: TopicIndex) -> Option<&Topic> {
        self.roadmap.topics.get(index.get())
    }

    /// The index of the topic with this id.
    #[must_use]
    pub fn index_of(&self, id: &str) -> Option<TopicIndex> {
        self.graph.index_of(id).map(TopicIndex::new)
    }

    /// The roadmap cut down to one phase, standing alone: its topics, the links between them,
    /// and references to topics of other phases turned into the words they show.
    #[must_use]
    pub fn one_phase(&self, phase: &str) -> LoadedRoadmap {
        let mut roadmap = self.roadmap.clone();
        roadmap.phases.retain(|p| p.id == phase);
        roadmap.topics.retain(|t| t.phase == phase);
        let kept: std::collections::HashSet<String> =
            roadmap.topics.iter().map(|t| t.id.clone()).collect();
        for topic in &mut roadmap.topics {
            topic.prerequisites.retain(|p| kept.contains(p));
            for text in [&mut topic.summary, &mut topic.rationale] {
                *text = refs::rewrite(text, |id, words| {
                    (!kept.contains(id))
                        .then(|| self.plain(&refs::reference(id, words)).into_owned())
                });
            }
        }
        let graph = RoadmapGraph::new(&roadmap);
        LoadedRoadmap {
            roadmap,
            graph,
            carried_progress: None,
        }
    }
}
