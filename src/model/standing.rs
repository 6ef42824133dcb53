//! Progress read against the graph: which topics are ready, which are locked, what stands before
//! the goal.

use super::loaded::LoadedRoadmap;
use super::progress::{Progress, Status};

/// Where a topic stands once its prerequisites are taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Done or skipped.
    Cleared,
    /// Being studied.
    InProgress,
    /// Todo, and every prerequisite is done or skipped: it can be started.
    Ready,
    /// Todo, and some prerequisite is not cleared yet.
    Locked,
}

/// Progress read against the roadmap's graph: per-topic standing and totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// Status of each topic, by topic index.
    pub status: Vec<Status>,
    /// Standing of each topic, by topic index.
    pub standing: Vec<Standing>,
}

impl Overview {
    /// Reads `progress` against the roadmap.
    #[must_use]
    pub fn new(loaded: &LoadedRoadmap, progress: &Progress) -> Self {
        let topics = &loaded.roadmap.topics;
        let status: Vec<Status> = topics.iter().map(|t| progress.status(&t.id)).collect();
        let standing = (0..topics.len())
            .map(|i| match status[i] {
                s if s.is_cleared() => Standing::Cleared,
                Status::Doing => Standing::InProgress,
                _ if loaded
                    .graph
                    .prerequisites(i)
                    .iter()
                    .all(|&p| status[p].is_cleared()) =>
                {
                    Standing::Ready
                }
                _ => Standing::Locked,
            })
            .collect();
        Self { status, standing }
    }

    /// Topics that can be started now, in topological order.
    #[must_use]
    pub fn next_up(&self, loaded: &LoadedRoadmap) -> Vec<usize> {
        loaded
            .graph
            .topological_order()
            .iter()
            .copied()
            .filter(|&i| self.standing[i] == Standing::Ready)
            .collect()
    }

    /// Cleared and total topics among `topics`.
    #[must_use]
    pub fn cleared_of(&self, topics: impl IntoIterator<Item = usize>) -> (usize, usize) {
        topics.into_iter().fold((0, 0), |(done, all), i| {
            (done + usize::from(self.status[i].is_cleared()), all + 1)
        })
    }

    /// Cleared and total topics of each phase, in phase order.
    #[must_use]
    pub fn by_phase(&self, loaded: &LoadedRoadmap) -> Vec<(usize, usize)> {
        let topics = &loaded.roadmap.topics;
        loaded
            .roadmap
            .phases_in_order()
            .iter()
            .map(|p| self.cleared_of((0..topics.len()).filter(|&i| topics[i].phase == p.id)))
            .collect()
    }

    /// What stands between the user and `goal`: the unfinished topics it depends on, the goal
    /// included when unfinished, in topological order, and their estimated hours.
    #[must_use]
    pub fn toward(&self, loaded: &LoadedRoadmap, goal: usize) -> (Vec<usize>, f64) {
        let mut open: Vec<usize> = loaded
            .graph
            .ancestors(goal)
            .into_iter()
            .filter(|&i| !self.status[i].is_cleared())
            .collect();
        if !self.status[goal].is_cleared() {
            open.push(goal);
        }
        let hours = open
            .iter()
            .filter_map(|&i| loaded.roadmap.topics[i].estimate_hours)
            .sum();
        (open, hours)
    }
}
