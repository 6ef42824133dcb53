//! The edit API: every change to a roadmap is validated before it is accepted, a refused change
//! leaves the roadmap as it was, and ids and references follow a renamed or removed topic.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use roadmap::model::edit::{Refused, RoadmapEdit, apply};
use roadmap::model::{self, LoadedRoadmap, Phase, Topic};

fn minimal() -> LoadedRoadmap {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json"),
    )
    .unwrap()
    .replace(
        "Needs both earlier topics. Closes the map.",
        "Needs [[middle]] and [[basics|the start]]. Closes the map.",
    );
    model::load_str(&text, "minimal.json").unwrap()
}

fn topic(id: &str, phase: &str, prerequisites: &[&str]) -> Topic {
    Topic {
        id: id.to_owned(),
        title: format!("Title of {id}"),
        phase: phase.to_owned(),
        summary: "A summary.".to_owned(),
        rationale: "Why it is here. What it opens.".to_owned(),
        prerequisites: prerequisites.iter().map(|p| (*p).to_owned()).collect(),
        sources: Vec::new(),
        estimate_hours: Some(1.0),
        tags: Vec::new(),
    }
}

fn messages(refused: Refused) -> Vec<String> {
    match refused {
        Refused::Invalid(problems) => problems.into_iter().map(|p| p.message).collect(),
        Refused::Missing(what) => vec![what],
    }
}

#[test]
fn a_topic_is_added_with_its_links_and_the_graph_follows() {
    let loaded = minimal();
    let after = apply(
        &loaded,
        RoadmapEdit::AddTopic(topic("extra", "second", &["end"])),
    )
    .unwrap();
    assert_eq!(after.roadmap.topics.len(), 4);
    let extra = after.graph.index_of("extra").unwrap();
    assert_eq!(
        after.graph.prerequisites(extra),
        [after.graph.index_of("end").unwrap()]
    );
    assert_eq!(
        loaded.roadmap.topics.len(),
        3,
        "the roadmap given is left alone"
    );
}

#[test]
fn a_link_that_closes_a_cycle_is_refused_with_the_cycle() {
    let loaded = minimal();
    let refused = apply(
        &loaded,
        RoadmapEdit::AddLink {
            prerequisite: "end".to_owned(),
            topic: "middle".to_owned(),
        },
    )
    .unwrap_err();
    let messages = messages(refused);
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("prerequisites form a cycle:") && m.contains("middle")),
        "{messages:?}"
    );
}

#[test]
fn a_prerequisite_in_a_later_phase_is_refused_in_the_loaders_words() {
    let loaded = apply(
        &minimal(),
        RoadmapEdit::AddTopic(topic("extra", "second", &[])),
    )
    .unwrap();
    let refused = apply(
        &loaded,
        RoadmapEdit::AddLink {
            prerequisite: "extra".to_owned(),
            topic: "basics".to_owned(),
        },
    )
    .unwrap_err();
    assert_eq!(
        messages(refused),
        [
            "topic `basics` (phase `first`) needs `extra`, which sits in the later phase `second`; \
          a prerequisite must be in the same or an earlier phase"
        ]
    );
}

#[test]
fn a_renamed_topic_is_renamed_in_every_link_and_reference() {
    let loaded = minimal();
    let mut renamed = loaded.roadmap.topics[0].clone();
    renamed.id = "foundations".to_owned();
    let after = apply(
        &loaded,
        RoadmapEdit::ChangeTopic("basics".to_owned(), renamed),
    )
    .unwrap();
    let end = &after.roadmap.topics[after.graph.index_of("end").unwrap()];
    assert_eq!(end.prerequisites, ["middle", "foundations"]);
    assert_eq!(
        end.rationale,
        "Needs [[middle]] and [[foundations|the start]]. Closes the map."
    );
}

#[test]
fn a_removed_topic_takes_its_links_and_leaves_its_words() {
    let loaded = minimal();
    let after = apply(&loaded, RoadmapEdit::RemoveTopic("middle".to_owned())).unwrap();
    let end = &after.roadmap.topics[after.graph.index_of("end").unwrap()];
    assert_eq!(end.prerequisites, ["basics"]);
    assert_eq!(
        end.rationale,
        "Needs Middle and [[basics|the start]]. Closes the map."
    );
}

#[test]
fn bad_fields_and_missing_names_are_refused() {
    let loaded = minimal();
    let mut bad = loaded.roadmap.topics[0].clone();
    bad.sources[0].url = "javascript:alert(1)".to_owned();
    let refused = apply(&loaded, RoadmapEdit::ChangeTopic("basics".to_owned(), bad)).unwrap_err();
    assert_eq!(
        messages(refused),
        [
            "topic `basics`, source 1: only http and https addresses are allowed, found a `javascript:` address"
        ]
    );
    let twice = apply(
        &loaded,
        RoadmapEdit::AddTopic(topic("basics", "first", &[])),
    )
    .unwrap_err();
    assert!(messages(twice)[0].starts_with("topic id `basics` is used twice"));
    let missing = apply(&loaded, RoadmapEdit::RemoveTopic("nothing".to_owned())).unwrap_err();
    assert_eq!(
        missing,
        Refused::Missing("there is no topic `nothing`".to_owned())
    );
}

#[test]
fn phases_are_added_renamed_and_removed_only_when_empty() {
    let loaded = minimal();
    let third = Phase {
        id: "third".to_owned(),
        title: "Third".to_owned(),
        goal: String::new(),
        order: 3,
    };
    let after = apply(&loaded, RoadmapEdit::AddPhase(third)).unwrap();
    assert_eq!(after.roadmap.phases.len(), 3);
    let refused = apply(&after, RoadmapEdit::RemovePhase("second".to_owned())).unwrap_err();
    assert!(matches!(refused, Refused::Missing(m) if m.contains("still holds 1 topics")));
    let after = apply(&after, RoadmapEdit::RemovePhase("third".to_owned())).unwrap();
    assert_eq!(after.roadmap.phases.len(), 2);

    let mut renamed = after.roadmap.phases[1].clone();
    renamed.id = "later".to_owned();
    let after = apply(
        &after,
        RoadmapEdit::ChangePhase("second".to_owned(), renamed),
    )
    .unwrap();
    assert_eq!(
        after.roadmap.topics[after.graph.index_of("end").unwrap()].phase,
        "later"
    );
}
