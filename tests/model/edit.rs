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
    assert!(
        matches!(refused, Refused::Missing(m) if m.contains("still holds 1 topic; move or remove it first"))
    );
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

#[test]
fn ids_are_made_from_titles_in_kebab_case_and_unique() {
    use roadmap::model::edit::id_from_title;
    use roadmap::model::validate::is_kebab_case;
    assert_eq!(
        id_from_title("Fine-tuning vs. CPT", "topic", []),
        "fine-tuning-vs-cpt"
    );
    assert_eq!(
        id_from_title("Évaluer les modèles", "topic", []),
        "evaluer-les-modeles"
    );
    assert_eq!(id_from_title("   ", "topic", []), "topic");
    assert_eq!(id_from_title("!!!", "topic", ["topic"]), "topic-2");
    assert_eq!(
        id_from_title("RAG", "topic", ["rag", "rag-2", "other"]),
        "rag-3"
    );
    let long = id_from_title(&"word ".repeat(40), "topic", []);
    assert!(long.len() <= 48 && is_kebab_case(&long), "{long}");
    let new = model::edit::new_topic(&minimal().roadmap, "Basics", "first");
    assert_eq!(new.id, "basics-2");
}

/// A new roadmap (a title, one phase, no topic yet) is valid, with a warning to add a topic.
#[test]
fn a_new_roadmap_is_valid_and_warns_that_it_has_no_topics() {
    let roadmap = model::edit::new_roadmap("My GenAI plan");
    assert_eq!(roadmap.id, "my-genai-plan");
    let loaded = LoadedRoadmap::checked(roadmap).unwrap();
    let warnings = model::validate::warnings(&loaded.roadmap, &loaded.graph);
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].message,
        "the roadmap has no topics yet; add at least one"
    );
    let text = model::write::canonical(&loaded.roadmap);
    assert_eq!(
        model::load_str(&text, "new.json").unwrap().roadmap,
        loaded.roadmap
    );
}

mod random_edits {
    use super::{LoadedRoadmap, RoadmapEdit, apply, minimal, model};
    use proptest::prelude::*;
    use roadmap::model::{Phase, Source, SourceKind};

    /// One edit, drawn from numbers: which kind, and which topics or phases it names (by
    /// position, taken modulo what the roadmap has when it is made).
    fn edit_of(loaded: &LoadedRoadmap, kind: u8, a: usize, b: usize, word: &str) -> RoadmapEdit {
        let topics = &loaded.roadmap.topics;
        let phases = loaded.roadmap.phases_in_order();
        let topic_id = |k: usize| {
            topics
                .get(k % topics.len().max(1))
                .map_or_else(String::new, |t| t.id.clone())
        };
        let phase_id = |k: usize| phases[k % phases.len()].id.clone();
        match kind % 8 {
            0 => RoadmapEdit::AddTopic(model::edit::new_topic(&loaded.roadmap, word, &phase_id(a))),
            1 => RoadmapEdit::AddLink {
                prerequisite: topic_id(a),
                topic: topic_id(b),
            },
            2 => {
                let t = topics.get(a % topics.len().max(1));
                let prerequisite = t
                    .and_then(|t| t.prerequisites.first().cloned())
                    .unwrap_or_default();
                RoadmapEdit::RemoveLink {
                    prerequisite,
                    topic: topic_id(a),
                }
            }
            3 => RoadmapEdit::RemoveTopic(topic_id(a)),
            4 => {
                let mut t = topics
                    .get(a % topics.len().max(1))
                    .cloned()
                    .unwrap_or_else(|| model::edit::new_topic(&loaded.roadmap, word, &phase_id(0)));
                let old = t.id.clone();
                t.id = model::edit::id_from_title(
                    word,
                    "renamed",
                    topics.iter().map(|t| t.id.as_str()),
                );
                word.clone_into(&mut t.title);
                t.phase = phase_id(b);
                t.sources.push(Source {
                    title: word.to_owned(),
                    url: if b.is_multiple_of(5) {
                        format!("ftp://{word}")
                    } else {
                        "https://example.com/x".to_owned()
                    },
                    kind: SourceKind::Article,
                    published: None,
                });
                RoadmapEdit::ChangeTopic(old, t)
            }
            5 => RoadmapEdit::AddPhase(Phase {
                id: model::edit::id_from_title(word, "phase", phases.iter().map(|p| p.id.as_str())),
                title: word.to_owned(),
                goal: String::new(),
                order: u32::try_from(a % 50).unwrap_or(0),
            }),
            6 => RoadmapEdit::RemovePhase(phase_id(a)),
            _ => {
                let mut p = phases[a % phases.len()].clone();
                let old = p.id.clone();
                word.clone_into(&mut p.title);
                RoadmapEdit::ChangePhase(old, p)
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Whatever edits are tried, in any order, the roadmap that results validates, is
        /// written in the canonical form, loads back equal, and is written the same twice.
        #[test]
        fn random_edits_always_leave_a_roadmap_that_validates_and_round_trips(
            steps in proptest::collection::vec((any::<u8>(), 0usize..40, 0usize..40, "[A-Za-z][A-Za-z ]{0,12}"), 1..30)
        ) {
            let mut loaded = minimal();
            for (kind, a, b, word) in steps {
                let edit = edit_of(&loaded, kind, a, b, &word);
                // A refused edit leaves `loaded` as it was: `apply` only reads it.
                if let Ok(next) = apply(&loaded, edit) {
                    loaded = next;
                }
                prop_assert!(model::validate(&loaded.roadmap).is_empty());
            }
            let text = model::write::canonical(&loaded.roadmap);
            let back = model::load_str(&text, "edited.json").unwrap();
            prop_assert_eq!(&back.roadmap, &loaded.roadmap);
            prop_assert_eq!(model::write::canonical(&back.roadmap), text);
        }
    }
}

#[test]
fn phases_are_reordered_and_merged_with_their_topics_moved() {
    let loaded = minimal();
    let reordered = apply(
        &loaded,
        RoadmapEdit::ReorderPhases(vec!["second".to_owned(), "first".to_owned()]),
    );
    // `end` (second) needs `middle` (first): the first phase cannot come after the second.
    let why = messages(reordered.unwrap_err());
    assert!(why.iter().any(|m| m.contains("later phase")), "{why:?}");
    let refused = apply(
        &loaded,
        RoadmapEdit::ReorderPhases(vec!["first".to_owned()]),
    );
    assert_eq!(
        messages(refused.unwrap_err()),
        ["a new order must name every phase once"]
    );

    let merged = apply(
        &loaded,
        RoadmapEdit::MergePhase {
            from: "second".to_owned(),
            into: "first".to_owned(),
        },
    )
    .unwrap();
    assert_eq!(merged.roadmap.phases.len(), 1);
    assert!(merged.roadmap.topics.iter().all(|t| t.phase == "first"));
    // With one phase, any order of one is fine.
    let again = apply(
        &merged,
        RoadmapEdit::ReorderPhases(vec!["first".to_owned()]),
    )
    .unwrap();
    assert_eq!(again.roadmap.phases[0].order, 1);
}
