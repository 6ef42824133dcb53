//! Changes to a roadmap in memory, checked before they are accepted: add, change or remove a
//! topic, a prerequisite link or a phase. A change that would leave the roadmap invalid (a cycle,
//! a prerequisite in a later phase, a repeated id, an address that is not http(s), …) is refused
//! with the problems `validate` finds, in the words the loader uses, and the roadmap stays as it
//! was. Topics are named by id, as in the file, so an edit means the same after an undo.

use super::loaded::LoadedRoadmap;
use super::refs::{reference, rewrite};
use super::types::{Phase, Roadmap, Topic};
use super::validate::Problem;

/// One change to a roadmap.
#[derive(Debug, Clone, PartialEq)]
pub enum RoadmapEdit {
    /// Add a topic at the end of the list.
    AddTopic(Topic),
    /// Replace the topic with this id by another. A changed id is rewritten in every
    /// prerequisite and reference that names the old one.
    ChangeTopic(String, Topic),
    /// Remove the topic with this id, the links to and from it, and turn references to it into
    /// the words they show.
    RemoveTopic(String),
    /// Make `prerequisite` a prerequisite of `topic` (both ids).
    AddLink {
        /// The topic to learn first.
        prerequisite: String,
        /// The topic that needs it.
        topic: String,
    },
    /// Remove that link.
    RemoveLink {
        /// The topic learnt first.
        prerequisite: String,
        /// The topic that needed it.
        topic: String,
    },
    /// Add a phase.
    AddPhase(Phase),
    /// Replace the phase with this id by another; a changed id is rewritten in its topics.
    ChangePhase(String, Phase),
    /// Remove the phase with this id; refused while topics are in it.
    RemovePhase(String),
    /// Put the phases in this order (their ids, every phase once): their `order` becomes
    /// 1, 2, 3, …
    ReorderPhases(Vec<String>),
    /// Move every topic of phase `from` into phase `into`, then remove `from`.
    MergePhase {
        /// The phase removed.
        from: String,
        /// The phase that takes its topics.
        into: String,
    },
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// It names a topic, phase or link that is not there.
    Missing(String),
    /// The roadmap it would make is not valid.
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing(what) => f.write_str(what),
            Self::Invalid(problems) => {
                for (k, p) in problems.iter().enumerate() {
                    if k > 0 {
                        f.write_str("\n")?;
                    }
                    f.write_str(&p.message_with(|place| format!("{place:?}")))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Refused {}

/// The roadmap with `edit` made, validated; the roadmap given is left as it is either way.
pub fn apply(loaded: &LoadedRoadmap, edit: RoadmapEdit) -> Result<LoadedRoadmap, Refused> {
    let mut roadmap = loaded.roadmap.clone();
    change(&mut roadmap, loaded, edit)?;
    LoadedRoadmap::checked(roadmap).map_err(Refused::Invalid)
}

fn topic_at(roadmap: &Roadmap, id: &str) -> Result<usize, Refused> {
    roadmap
        .topics
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| Refused::Missing(format!("there is no topic `{id}`")))
}

fn change(roadmap: &mut Roadmap, loaded: &LoadedRoadmap, edit: RoadmapEdit) -> Result<(), Refused> {
    match edit {
        RoadmapEdit::AddTopic(topic) => roadmap.topics.push(topic),
        RoadmapEdit::ChangeTopic(id, topic) => {
            let i = topic_at(roadmap, &id)?;
            let new_id = topic.id.clone();
            roadmap.topics[i] = topic;
            if new_id != id {
                rename_topic(roadmap, &id, &new_id);
            }
        }
        RoadmapEdit::RemoveTopic(id) => {
            let i = topic_at(roadmap, &id)?;
            roadmap.topics.remove(i);
            for topic in &mut roadmap.topics {
                topic.prerequisites.retain(|p| *p != id);
                for text in [&mut topic.summary, &mut topic.rationale] {
                    *text = words_for(loaded, text, &id);
                }
            }
        }
        RoadmapEdit::AddLink {
            prerequisite,
            topic,
        } => {
            topic_at(roadmap, &prerequisite)?;
            let i = topic_at(roadmap, &topic)?;
            if roadmap.topics[i].prerequisites.contains(&prerequisite) {
                return Err(Refused::Missing(format!(
                    "`{topic}` already needs `{prerequisite}`"
                )));
            }
            roadmap.topics[i].prerequisites.push(prerequisite);
        }
        RoadmapEdit::RemoveLink {
            prerequisite,
            topic,
        } => {
            let i = topic_at(roadmap, &topic)?;
            let before = roadmap.topics[i].prerequisites.len();
            roadmap.topics[i]
                .prerequisites
                .retain(|p| *p != prerequisite);
            if roadmap.topics[i].prerequisites.len() == before {
                return Err(Refused::Missing(format!(
                    "`{topic}` does not need `{prerequisite}`"
                )));
            }
        }
        RoadmapEdit::AddPhase(phase) => roadmap.phases.push(phase),
        RoadmapEdit::ChangePhase(id, phase) => {
            let k = phase_at(roadmap, &id)?;
            let new_id = phase.id.clone();
            roadmap.phases[k] = phase;
            for topic in roadmap.topics.iter_mut().filter(|t| t.phase == id) {
                topic.phase.clone_from(&new_id);
            }
        }
        RoadmapEdit::RemovePhase(id) => {
            let k = phase_at(roadmap, &id)?;
            let used = roadmap.topics.iter().filter(|t| t.phase == id).count();
            if used > 0 {
                return Err(Refused::Missing(format!(
                    "phase `{id}` still holds {used} {}; move or remove {} first",
                    if used == 1 { "topic" } else { "topics" },
                    if used == 1 { "it" } else { "them" }
                )));
            }
            roadmap.phases.remove(k);
        }
        RoadmapEdit::ReorderPhases(ids) => {
            let mut sorted: Vec<&str> = ids.iter().map(String::as_str).collect();
            sorted.sort_unstable();
            let mut have: Vec<&str> = roadmap.phases.iter().map(|p| p.id.as_str()).collect();
            have.sort_unstable();
            if sorted != have {
                return Err(Refused::Missing(
                    "a new order must name every phase once".to_owned(),
                ));
            }
            for phase in &mut roadmap.phases {
                let rank = ids.iter().position(|id| *id == phase.id).unwrap_or(0);
                phase.order = u32::try_from(rank + 1).unwrap_or(u32::MAX);
            }
        }
        RoadmapEdit::MergePhase { from, into } => {
            let k = phase_at(roadmap, &from)?;
            phase_at(roadmap, &into)?;
            if from == into {
                return Err(Refused::Missing(format!(
                    "phase `{from}` cannot take its own topics"
                )));
            }
            for topic in roadmap.topics.iter_mut().filter(|t| t.phase == from) {
                topic.phase.clone_from(&into);
            }
            roadmap.phases.remove(k);
        }
    }
    Ok(())
}

fn phase_at(roadmap: &Roadmap, id: &str) -> Result<usize, Refused> {
    roadmap
        .phases
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| Refused::Missing(format!("there is no phase `{id}`")))
}

/// Rewrites every prerequisite and reference that names `old` to name `new`.
fn rename_topic(roadmap: &mut Roadmap, old: &str, new: &str) {
    for topic in &mut roadmap.topics {
        for p in &mut topic.prerequisites {
            if p == old {
                new.clone_into(p);
            }
        }
        for text in [&mut topic.summary, &mut topic.rationale] {
            *text = rewrite(text, |id, words| (id == old).then(|| reference(new, words)));
        }
    }
}

/// `text` with references to `gone` written out as the words they show.
fn words_for(loaded: &LoadedRoadmap, text: &str, gone: &str) -> String {
    rewrite(text, |id, words| {
        (id == gone).then(|| loaded.plain(&reference(id, words)).into_owned())
    })
}

/// An id for something titled `title`: the title in kebab-case (accents dropped, other
/// characters turned into hyphens), made unique among `taken` with `-2`, `-3`, …; `fallback`
/// when the title has no letter or digit.
#[must_use]
pub fn id_from_title<'a>(
    title: &str,
    fallback: &str,
    taken: impl IntoIterator<Item = &'a str>,
) -> String {
    let taken: std::collections::HashSet<&str> = taken.into_iter().collect();
    let mut base = slug::slugify(title);
    // Ids stay short enough to read in a prerequisite list.
    if base.len() > 48 {
        let cut = base[..48].rfind('-').unwrap_or(48);
        base.truncate(cut);
    }
    if base.is_empty() {
        fallback.clone_into(&mut base);
    }
    if !taken.contains(base.as_str()) {
        return base;
    }
    // One of the first `taken.len() + 2` numbers is free.
    (2..=taken.len() + 2)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or(base)
}

/// A new roadmap: a title, one phase and no topics yet.
#[must_use]
pub fn new_roadmap(title: &str) -> Roadmap {
    Roadmap {
        schema: None,
        format_version: super::types::FORMAT_VERSION,
        id: id_from_title(title, "my-roadmap", []),
        title: title.to_owned(),
        description: String::new(),
        references: Vec::new(),
        phases: vec![Phase {
            id: "phase-1".to_owned(),
            title: "Phase 1".to_owned(),
            goal: String::new(),
            order: 1,
        }],
        topics: Vec::new(),
    }
}

/// A new topic in `phase`, with an id made from its title; summary, rationale and sources are
/// left to write (the roadmap warns of them until they are).
#[must_use]
pub fn new_topic(roadmap: &Roadmap, title: &str, phase: &str) -> Topic {
    Topic {
        id: id_from_title(title, "topic", roadmap.topics.iter().map(|t| t.id.as_str())),
        title: title.to_owned(),
        phase: phase.to_owned(),
        summary: String::new(),
        rationale: String::new(),
        prerequisites: Vec::new(),
        sources: Vec::new(),
        estimate_hours: None,
        tags: Vec::new(),
    }
}
