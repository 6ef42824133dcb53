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

/// Where a summary or rationale copies another topic's title instead of naming it by reference:
/// a copied title goes stale when the topic is renamed. Titles of one or two words
/// ("Fine-tuning", "Embeddings") are also plain words of the subject, so only longer titles count.
fn copied_titles(roadmap: &model::Roadmap) -> Vec<String> {
    use roadmap::model::refs::{self, Piece};
    let topics = &roadmap.topics;
    let long_titles: Vec<(usize, String)> = topics
        .iter()
        .enumerate()
        .filter(|(_, t)| t.title.split_whitespace().count() >= 3)
        .map(|(i, t)| (i, t.title.to_lowercase()))
        .collect();
    let mut copies = Vec::new();
    for (i, topic) in topics.iter().enumerate() {
        for text in [&topic.summary, &topic.rationale] {
            let words: String = refs::pieces(text)
                .into_iter()
                .map(|(_, piece)| match piece {
                    Piece::Text(t) => t.to_lowercase(),
                    Piece::Ref { .. } => " | ".to_owned(),
                })
                .collect();
            for (j, title) in &long_titles {
                if *j != i && words.contains(title.as_str()) {
                    copies.push(format!("{} copies “{}”", topic.id, topics[*j].title));
                }
            }
        }
    }
    copies
}

#[test]
fn no_text_copies_another_topics_title() {
    let loaded = model::bundled().unwrap();
    let copies = copied_titles(&loaded.roadmap);
    assert!(copies.is_empty(), "{copies:#?}");
    // A title pasted in, as rationales once had, is caught; the same topic by reference is not.
    let mut roadmap = loaded.roadmap.clone();
    let (id, title) = (
        roadmap.topics[1].id.clone(),
        roadmap.topics[1].title.clone(),
    );
    assert!(title.split_whitespace().count() >= 3);
    roadmap.topics[5].rationale = format!("{} See [[{id}]].", roadmap.topics[5].rationale);
    assert!(copied_titles(&roadmap).is_empty());
    roadmap.topics[5].rationale = format!("{} See {title}.", roadmap.topics[5].rationale);
    assert_eq!(copied_titles(&roadmap).len(), 1);
}

/// Every reference names a topic (the loader refuses the file otherwise: see the corpus's
/// `broken-reference.json`), rationales name their neighbours by reference, and no reference
/// points off its topic's chain.
#[test]
fn references_name_topics_and_follow_the_graph() {
    use roadmap::model::{refs, validate};
    let loaded = model::bundled().unwrap();
    let mut count = 0;
    for topic in &loaded.roadmap.topics {
        for (_, id) in refs::ids(&topic.rationale) {
            assert!(
                loaded.graph.index_of(id).is_some(),
                "{}: [[{id}]]",
                topic.id
            );
            count += 1;
        }
    }
    assert!(
        count >= loaded.roadmap.topics.len(),
        "only {count} references"
    );
    let warnings = validate::warnings(&loaded.roadmap, &loaded.graph);
    assert!(warnings.is_empty(), "{warnings:#?}");
}
