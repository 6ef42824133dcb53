//! Validation on the typed roadmap: a roadmap changed in memory is checked without a file, each
//! problem at a place in the roadmap, with the words the loader uses.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use roadmap::model::validate::{self, Field, Place};
use roadmap::model::{self, LoadedRoadmap, RoadmapGraph};

fn minimal() -> LoadedRoadmap {
    model::load_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json"),
    )
    .unwrap()
}

#[test]
fn a_valid_roadmap_has_no_problems() {
    assert_eq!(validate::validate(&minimal().roadmap), []);
    assert_eq!(validate::validate(&model::bundled().unwrap().roadmap), []);
}

#[test]
fn changes_made_in_memory_are_checked_at_their_place() {
    let mut roadmap = minimal().roadmap;
    // `basics` now needs `end`: a cycle through all three topics.
    roadmap.topics[0].prerequisites.push("end".to_owned());
    roadmap.topics[1].title = String::new();
    roadmap.topics[2].sources.push(model::Source {
        title: "Local".to_owned(),
        url: "file:///etc/passwd".to_owned(),
        kind: model::SourceKind::Docs,
        published: None,
    });
    let problems = validate::validate(&roadmap);
    let found: Vec<(Place, &str)> = problems
        .iter()
        .map(|p| (p.place, p.message.as_str()))
        .collect();
    assert!(
        found.contains(&(
            Place::Topic(1, Some(Field::Title)),
            "topic `middle` has an empty title"
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Place::Source(2, 0, Some(Field::Url)),
            "topic `end`, source 1: only http and https addresses are allowed, found a `file:` address"
        )),
        "{found:?}"
    );
    let cycle = problems
        .iter()
        .find(|p| p.message.starts_with("prerequisites form a cycle"))
        .unwrap();
    assert_eq!(cycle.place, Place::Prerequisite(0, 0));
    assert_eq!(
        cycle.message,
        "prerequisites form a cycle: basics → end → basics (each topic lists the next as a prerequisite)"
    );
}

#[test]
fn a_repeated_id_names_its_first_use_in_the_readers_terms() {
    let mut roadmap = minimal().roadmap;
    roadmap.topics[2].id = "basics".to_owned();
    let problem = validate::validate(&roadmap)
        .into_iter()
        .find(|p| p.message.contains("used twice"))
        .unwrap();
    assert_eq!(problem.place, Place::Topic(2, None));
    let named = problem.message_with(|first| match first {
        Place::Topic(i, _) => format!("first as topic {}", i + 1),
        other => format!("{other:?}"),
    });
    assert_eq!(named, "topic id `basics` is used twice (first as topic 1)");
}

#[test]
fn references_must_name_a_topic_and_should_follow_the_graph() {
    let mut roadmap = minimal().roadmap;
    roadmap.topics[2].rationale = "Needs [[middel]] first. Then [[basics|the start]].".to_owned();
    let problems = validate::validate(&roadmap);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].place, Place::Text(2, Field::Rationale, 6));
    assert_eq!(
        problems[0].message,
        "topic `end`'s rationale refers to unknown topic `middel` (did you mean `middle`?)"
    );

    // `middle` and `basics` are both before `end`: no warning. Cut the link from `basics` to
    // `middle`, and `middle` referring to `basics` points at a topic unrelated to it.
    let mut roadmap = minimal().roadmap;
    roadmap.topics[1].prerequisites.clear();
    roadmap.topics[1].rationale = "Comes beside [[basics]]. Leads on.".to_owned();
    let graph = RoadmapGraph::new(&roadmap);
    // The small roadmap's topics have no sources yet: those warnings are left out here.
    let warnings: Vec<_> = validate::warnings(&roadmap, &graph)
        .into_iter()
        .filter(|w| w.message.contains("refers to"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].place, Place::Text(1, Field::Rationale, 13));
    assert!(warnings[0].message.contains("neither before nor after"));
    assert!(
        validate::warnings(&minimal().roadmap, &minimal().graph)
            .iter()
            .all(|w| w
                .message
                .ends_with("has no source yet: add the page its facts come from"))
    );
    let bundled = model::bundled().unwrap();
    assert_eq!(validate::warnings(&bundled.roadmap, &bundled.graph), []);
}

#[test]
fn the_reader_sees_titles_where_the_text_has_references() {
    let loaded = minimal();
    assert_eq!(
        loaded.plain("After [[basics]] and [[middle|the middle part]], see [[end]]."),
        "After Basics and the middle part, see End."
    );
}
