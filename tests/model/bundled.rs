//! The bundled roadmap: it validates, covers the outline it promises, and every topic is sourced.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::collections::HashSet;

use roadmap::model::{self, SourceKind};

#[test]
fn the_bundled_roadmap_validates_and_matches_the_file_at_the_root() {
    let loaded = model::bundled().unwrap_or_else(|e| panic!("{e}"));
    let on_disk =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/roadmap.json")).unwrap();
    assert_eq!(model::load::BUNDLED_JSON, on_disk);
    assert!(
        loaded.roadmap.topics.len() >= 40,
        "only {} topics",
        loaded.roadmap.topics.len()
    );
    assert_eq!(
        loaded.summary_line(),
        format!(
            "ok: {} topics, {} prerequisite links, 2 phases",
            loaded.roadmap.topics.len(),
            loaded.roadmap.link_count()
        )
    );
}

#[test]
fn phases_are_bedrock_then_sagemaker() {
    let loaded = model::bundled().unwrap();
    let phases: Vec<(&str, &str)> = loaded
        .roadmap
        .phases_in_order()
        .into_iter()
        .map(|p| (p.id.as_str(), p.title.as_str()))
        .collect();
    assert_eq!(
        phases,
        [
            ("bedrock", "Deliver GenAI value"),
            ("sagemaker", "Own and evolve AI")
        ]
    );
    // Topological order reads phase by phase: no SageMaker topic before a Bedrock one.
    let order: Vec<&str> = loaded
        .graph
        .topological_order()
        .iter()
        .map(|&i| loaded.roadmap.topics[i].phase.as_str())
        .collect();
    let first_sagemaker = order.iter().position(|p| *p == "sagemaker").unwrap();
    assert!(order[first_sagemaker..].iter().all(|p| *p == "sagemaker"));
}

/// Sentences end with . ! or ? before a space and a capital letter or an opening parenthesis.
fn sentence_count(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    let ends = chars
        .windows(3)
        .filter(|w| {
            matches!(w[0], '.' | '!' | '?') && w[1] == ' ' && (w[2].is_uppercase() || w[2] == '(')
        })
        .count();
    ends + 1
}

#[test]
fn sentence_count_counts_sentences() {
    assert_eq!(sentence_count("One. Two (aside). Three, e.g. four."), 3);
    assert_eq!(sentence_count("Just one."), 1);
}

#[test]
fn every_topic_has_a_rationale_of_two_to_five_sentences_and_a_source() {
    let loaded = model::bundled().unwrap();
    for topic in &loaded.roadmap.topics {
        let sentences = sentence_count(&topic.rationale);
        assert!(
            !topic.rationale.trim().is_empty(),
            "{} has no rationale",
            topic.id
        );
        assert!(
            !topic.summary.trim().is_empty(),
            "{} has no summary",
            topic.id
        );
        assert!(
            (2..=5).contains(&sentences),
            "{}: rationale has {sentences} sentences",
            topic.id
        );
        assert!(!topic.sources.is_empty(), "{} has no source", topic.id);
        for source in &topic.sources {
            assert!(
                source.url.starts_with("https://"),
                "{}: {}",
                topic.id,
                source.url
            );
            assert!(!source.title.trim().is_empty());
        }
        assert!(
            topic.estimate_hours.is_some_and(|h| h > 0.0),
            "{} has no estimate",
            topic.id
        );
    }
}

#[test]
fn official_documentation_is_the_main_kind_of_source() {
    let loaded = model::bundled().unwrap();
    for topic in &loaded.roadmap.topics {
        assert!(
            topic.sources.iter().any(|s| s.kind == SourceKind::Docs
                && (s.url.starts_with("https://docs.aws.amazon.com/")
                    || s.url.starts_with("https://aws.amazon.com/"))),
            "{} cites no official AWS page",
            topic.id
        );
    }
}

#[test]
fn the_outline_is_covered() {
    let loaded = model::bundled().unwrap();
    let ids: HashSet<&str> = loaded
        .roadmap
        .topics
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let outline = [
        // Phase 1
        "foundation-models",
        "bedrock-model-catalog",
        "model-families",
        "model-selection",
        "prompting-patterns",
        "inference-parameters",
        "latency-vs-quality",
        "token-economics",
        "guardrails",
        "responsible-ai",
        "knowledge-bases",
        "agents",
        "iam-for-bedrock",
        "private-connectivity",
        "production-deployment",
        "use-case-chatbots",
        "use-case-copilots",
        "use-case-document-intelligence",
        "use-case-internal-productivity",
        // The turn
        "genai-in-production",
        "hallucinations",
        "accuracy-limits",
        "rag-not-enough",
        // Phase 2
        "data-preparation",
        "feature-engineering",
        "fine-tuning",
        "continued-pretraining",
        "cpt-vs-fine-tuning",
        "model-evaluation",
        "experiment-tracking",
        "training-pipelines",
        "data-governance",
        "model-registry",
        "ai-lifecycle",
        "enterprise-ai-maturity",
    ];
    for id in outline {
        assert!(ids.contains(id), "the outline point `{id}` has no topic");
    }
}

#[test]
fn many_topics_have_more_than_one_prerequisite() {
    let loaded = model::bundled().unwrap();
    let several = loaded
        .roadmap
        .topics
        .iter()
        .filter(|t| t.prerequisites.len() >= 2)
        .count();
    assert!(
        several >= 20,
        "only {several} topics have two or more prerequisites"
    );
    assert_eq!(
        loaded.graph.roots().len(),
        1,
        "one entry point: what a foundation model is"
    );
}

#[test]
fn the_roadmap_level_references_carry_the_thesis() {
    let loaded = model::bundled().unwrap();
    let urls: Vec<&str> = loaded
        .roadmap
        .references
        .iter()
        .map(|s| s.url.as_str())
        .collect();
    assert!(urls.contains(&"https://aws.amazon.com/sagemaker/"));
    assert!(urls.iter().any(|u| u.contains("businesswire.com")));
    assert!(loaded.roadmap.description.contains("70-80%"));
}
