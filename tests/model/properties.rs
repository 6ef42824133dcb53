//! Property tests over generated roadmaps: every DAG validates with a sound topological order,
//! and one prerequisite added backwards is reported as a cycle that really exists.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::collections::HashMap;

use proptest::prelude::*;
use roadmap::model::{self, Phase, Roadmap, Source, SourceKind, Topic};

/// A roadmap whose topic `i` needs the topics in `prereqs[i]`, all earlier than `i`; phases are
/// handed out in order so no prerequisite sits in a later phase.
fn roadmap(prereqs: &[Vec<usize>], phases: usize) -> Roadmap {
    let n = prereqs.len();
    let phase_of = |i: usize| i * phases / n.max(1);
    Roadmap {
        schema: None,
        format_version: model::FORMAT_VERSION,
        id: "generated".into(),
        title: "Generated".into(),
        description: String::new(),
        references: Vec::new(),
        phases: (0..phases)
            .map(|p| Phase {
                id: format!("phase-{p}"),
                title: format!("Phase {p}"),
                goal: String::new(),
                order: u32::try_from(p).unwrap() + 1,
            })
            .collect(),
        topics: prereqs
            .iter()
            .enumerate()
            .map(|(i, ps)| Topic {
                id: format!("topic-{i}"),
                title: format!("Topic {i}"),
                phase: format!("phase-{}", phase_of(i)),
                summary: "Generated.".into(),
                rationale: "Generated. Still generated.".into(),
                prerequisites: ps.iter().map(|p| format!("topic-{p}")).collect(),
                sources: vec![Source {
                    title: "Example".into(),
                    url: format!("https://example.com/{i}"),
                    kind: SourceKind::Docs,
                    published: None,
                }],
                estimate_hours: None,
                tags: Vec::new(),
            })
            .collect(),
    }
}

/// Up to `max` topics, each with up to 3 distinct prerequisites among the topics before it.
fn dag(max: usize) -> impl Strategy<Value = Vec<Vec<usize>>> {
    (2..max).prop_flat_map(|n| {
        (0..n)
            .map(|i| {
                if i == 0 {
                    Just(Vec::new()).boxed()
                } else {
                    proptest::collection::btree_set(0..i, 0..=3.min(i))
                        .prop_map(|s| s.into_iter().collect::<Vec<_>>())
                        .boxed()
                }
            })
            .collect::<Vec<_>>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_dags_validate(prereqs in dag(80), phases in 1usize..4) {
        let text = serde_json::to_string_pretty(&roadmap(&prereqs, phases)).unwrap();
        let loaded = model::load_str(&text, "generated.json").map_err(|e| TestCaseError::fail(e.to_string()))?;
        let order = loaded.graph.topological_order();
        prop_assert_eq!(order.len(), prereqs.len());
        let mut position = vec![0; order.len()];
        for (k, &i) in order.iter().enumerate() {
            position[i] = k;
        }
        for (i, ps) in prereqs.iter().enumerate() {
            for &p in ps {
                prop_assert!(position[p] < position[i], "topic-{} comes before its prerequisite topic-{}", i, p);
            }
            prop_assert_eq!(loaded.graph.prerequisites(i).len(), ps.len());
        }
    }

    #[test]
    fn a_backwards_edge_is_reported_as_a_real_cycle(prereqs in dag(60), pick in any::<prop::sample::Index>()) {
        let edges: Vec<(usize, usize)> = prereqs
            .iter()
            .enumerate()
            .flat_map(|(i, ps)| ps.iter().map(move |&p| (p, i)))
            .collect();
        prop_assume!(!edges.is_empty());
        let (p, i) = edges[pick.index(edges.len())];
        let mut doc = roadmap(&prereqs, 1);
        doc.topics[p].prerequisites.push(format!("topic-{i}"));
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let err = model::load_str(&text, "cyclic.json").expect_err("a cycle must not load");
        let cycles: Vec<&str> = err
            .diagnostics
            .iter()
            .filter_map(|d| d.message.strip_prefix("prerequisites form a cycle: "))
            .collect();
        prop_assert_eq!(cycles.len(), 1, "{}", err);
        let path: Vec<&str> = cycles[0]
            .split(" (")
            .next()
            .unwrap()
            .split(" → ")
            .collect();
        prop_assert!(path.len() >= 3);
        prop_assert_eq!(path.first(), path.last());
        // Each step names a prerequisite the topic really lists.
        let lists: HashMap<&str, &Vec<String>> =
            doc.topics.iter().map(|t| (t.id.as_str(), &t.prerequisites)).collect();
        for step in path.windows(2) {
            prop_assert!(lists[step[0]].iter().any(|x| x == step[1]), "{} does not need {}", step[0], step[1]);
        }
        // The new edge closes the only cycle, so the cycle passes through both of its ends.
        let p_id = format!("topic-{p}");
        let i_id = format!("topic-{i}");
        prop_assert!(path.contains(&p_id.as_str()) && path.contains(&i_id.as_str()));
    }

    #[test]
    fn truncating_a_valid_file_gives_positioned_errors_never_a_panic(cut in 0usize..10_000) {
        let text = model::load::BUNDLED_JSON;
        let mut end = text.len() * cut / 10_000;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let err = model::load_str(&text[..end], "cut.json").expect_err("a cut file must not load");
        prop_assert!(!err.diagnostics.is_empty());
        prop_assert!(err.diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1));
    }
}

#[test]
fn a_hundred_thousand_topic_chain_loads_without_overflowing_the_stack() {
    let prereqs: Vec<Vec<usize>> = (0..100_000)
        .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
        .collect();
    let text = serde_json::to_string(&roadmap(&prereqs, 2)).unwrap();
    let loaded = model::load_str(&text, "chain.json").unwrap();
    assert_eq!(loaded.graph.ancestors(99_999).len(), 99_999);
    assert_eq!(loaded.graph.roots(), vec![0]);
}

#[test]
fn a_ten_thousand_topic_cycle_is_reported_once_with_its_path() {
    let n = 10_000;
    let mut prereqs: Vec<Vec<usize>> = (0..n)
        .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
        .collect();
    prereqs[0].push(n - 1);
    let text = serde_json::to_string(&roadmap(&prereqs, 1)).unwrap();
    let err = model::load_str(&text, "ring.json").unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    assert!(
        err.diagnostics[0]
            .message
            .starts_with("prerequisites form a cycle: topic-0 → topic-9999 → topic-9998")
    );
}
