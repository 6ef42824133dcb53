//! The progress model read against a roadmap: standing, next up, phases, the way to a goal.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use roadmap::model::{LoadedRoadmap, Overview, Progress, Standing, Status, load_str};

/// A roadmap whose file order differs from its topological order: `extra` (second phase, no
/// prerequisites) comes first in the file, `solo` (a first-phase root) after the topics that
/// depend on `setup`. Topological order: setup, alpha, beta, solo, extra, gamma, delta.
const ROADMAP: &str = r#"{
  "format_version": 1,
  "id": "sample",
  "title": "Sample",
  "description": "For progress tests.",
  "phases": [
    { "id": "one", "title": "One", "goal": "Start.", "order": 1 },
    { "id": "two", "title": "Two", "goal": "Finish.", "order": 2 }
  ],
  "topics": [
    { "id": "extra", "title": "Extra", "phase": "two", "summary": "S.", "rationale": "R.",
      "estimate_hours": 7 },
    { "id": "setup", "title": "Setup", "phase": "one", "summary": "S.", "rationale": "R.",
      "estimate_hours": 1 },
    { "id": "alpha", "title": "Alpha", "phase": "one", "summary": "S.", "rationale": "R.",
      "prerequisites": ["setup"], "estimate_hours": 2 },
    { "id": "beta", "title": "Beta", "phase": "one", "summary": "S.", "rationale": "R.",
      "prerequisites": ["setup"], "estimate_hours": 3.5 },
    { "id": "solo", "title": "Solo", "phase": "one", "summary": "S.", "rationale": "R.",
      "estimate_hours": 4 },
    { "id": "gamma", "title": "Gamma", "phase": "two", "summary": "S.", "rationale": "R.",
      "prerequisites": ["alpha", "beta"] },
    { "id": "delta", "title": "Delta", "phase": "two", "summary": "S.", "rationale": "R.",
      "prerequisites": ["gamma"], "estimate_hours": 5 }
  ]
}"#;

fn roadmap() -> LoadedRoadmap {
    load_str(ROADMAP, "sample.json").unwrap()
}

fn ids(loaded: &LoadedRoadmap, topics: &[usize]) -> Vec<String> {
    topics
        .iter()
        .map(|&i| loaded.roadmap.topics[i].id.clone())
        .collect()
}

fn standing(loaded: &LoadedRoadmap, overview: &Overview, id: &str) -> Standing {
    overview.standing[loaded.graph.index_of(id).unwrap()]
}

fn progress_with(marks: &[(&str, Status)]) -> Progress {
    let mut progress = Progress::new("sample");
    for &(id, status) in marks {
        progress.set_status(id, status);
    }
    progress
}

#[test]
fn with_no_progress_only_the_roots_are_ready_and_the_rest_is_locked() {
    let loaded = roadmap();
    let overview = Overview::new(&loaded, &Progress::new("sample"));
    for id in ["extra", "setup", "solo"] {
        assert_eq!(standing(&loaded, &overview, id), Standing::Ready, "{id}");
    }
    for id in ["alpha", "beta", "gamma", "delta"] {
        assert_eq!(standing(&loaded, &overview, id), Standing::Locked, "{id}");
    }
    // Topological order (earlier phase first), not file order.
    assert_eq!(
        ids(&loaded, &overview.next_up(&loaded)),
        ["setup", "solo", "extra"]
    );
}

#[test]
fn a_topic_is_ready_once_every_prerequisite_is_done_or_skipped() {
    let loaded = roadmap();
    let overview = Overview::new(
        &loaded,
        &progress_with(&[("setup", Status::Done), ("alpha", Status::Done)]),
    );
    assert_eq!(standing(&loaded, &overview, "setup"), Standing::Cleared);
    assert_eq!(standing(&loaded, &overview, "beta"), Standing::Ready);
    assert_eq!(standing(&loaded, &overview, "gamma"), Standing::Locked);

    let overview = Overview::new(
        &loaded,
        &progress_with(&[
            ("setup", Status::Done),
            ("alpha", Status::Done),
            ("beta", Status::Skipped),
        ]),
    );
    assert_eq!(standing(&loaded, &overview, "beta"), Standing::Cleared);
    assert_eq!(standing(&loaded, &overview, "gamma"), Standing::Ready);
    assert_eq!(standing(&loaded, &overview, "delta"), Standing::Locked);
    assert_eq!(
        ids(&loaded, &overview.next_up(&loaded)),
        ["solo", "extra", "gamma"]
    );
}

#[test]
fn a_topic_in_progress_does_not_unlock_what_needs_it() {
    let loaded = roadmap();
    let overview = Overview::new(&loaded, &progress_with(&[("setup", Status::Doing)]));
    assert_eq!(standing(&loaded, &overview, "setup"), Standing::InProgress);
    assert_eq!(standing(&loaded, &overview, "alpha"), Standing::Locked);
    assert_eq!(ids(&loaded, &overview.next_up(&loaded)), ["solo", "extra"]);
}

#[test]
fn phases_count_done_and_skipped_topics_in_phase_order() {
    let loaded = roadmap();
    let overview = Overview::new(
        &loaded,
        &progress_with(&[
            ("setup", Status::Done),
            ("solo", Status::Skipped),
            ("alpha", Status::Doing),
            ("extra", Status::Done),
        ]),
    );
    // Phase one: setup, alpha, beta, solo; phase two: extra, gamma, delta.
    assert_eq!(overview.by_phase(&loaded), [(2, 4), (1, 3)]);
    assert_eq!(overview.cleared_of(0..loaded.roadmap.topics.len()), (3, 7));
}

#[test]
fn toward_lists_what_stands_before_the_goal_in_topological_order_with_hours() {
    let loaded = roadmap();
    let delta = loaded.graph.index_of("delta").unwrap();

    let overview = Overview::new(&loaded, &Progress::new("sample"));
    let (open, hours) = overview.toward(&loaded, delta);
    assert_eq!(
        ids(&loaded, &open),
        ["setup", "alpha", "beta", "gamma", "delta"]
    );
    // gamma has no estimate; extra and solo are not on the way.
    assert!((hours - 11.5).abs() < 1e-9, "{hours}");

    let overview = Overview::new(
        &loaded,
        &progress_with(&[("setup", Status::Done), ("beta", Status::Skipped)]),
    );
    let (open, hours) = overview.toward(&loaded, delta);
    assert_eq!(ids(&loaded, &open), ["alpha", "gamma", "delta"]);
    assert!((hours - 7.0).abs() < 1e-9, "{hours}");

    // A goal marked done while something before it is not: only those remain.
    let overview = Overview::new(
        &loaded,
        &progress_with(&[("delta", Status::Done), ("setup", Status::Done)]),
    );
    let (open, _) = overview.toward(&loaded, delta);
    assert_eq!(ids(&loaded, &open), ["alpha", "beta", "gamma"]);

    // A root goal that is done: nothing stands before it.
    let setup = loaded.graph.index_of("setup").unwrap();
    let (open, hours) = overview.toward(&loaded, setup);
    assert!(open.is_empty());
    assert!(hours.abs() < 1e-9);
}

#[test]
fn blank_entries_are_removed_so_the_file_stays_small() {
    let mut progress = Progress::new("sample");
    progress.set_status("alpha", Status::Done);
    assert_eq!(progress.status("alpha"), Status::Done);
    progress.set_status("alpha", Status::Todo);
    assert!(progress.topics.is_empty());

    progress.set_note("beta", "read chapter 2");
    assert_eq!(progress.status("beta"), Status::Todo);
    assert_eq!(progress.note("beta"), "read chapter 2");
    progress.set_status("beta", Status::Doing);
    progress.set_status("beta", Status::Todo);
    // The note keeps the entry.
    assert_eq!(progress.topics.len(), 1);
    progress.set_note("beta", "");
    assert!(progress.topics.is_empty());

    // Unknown ids read as todo with no note.
    assert_eq!(progress.status("nowhere"), Status::Todo);
    assert_eq!(progress.note("nowhere"), "");
}

#[test]
fn status_names_round_trip_through_words_and_json() {
    for status in Status::ALL {
        assert_eq!(Status::from_name(status.name()), Some(status));
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(json, format!("\"{}\"", status.name()));
        assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), status);
    }
    assert_eq!(
        Status::ALL.map(Status::name),
        ["todo", "doing", "done", "skipped"]
    );
    assert_eq!(Status::from_name("Done"), None);
    assert_eq!(Status::from_name("finished"), None);
    assert!(Status::Done.is_cleared() && Status::Skipped.is_cleared());
    assert!(!Status::Todo.is_cleared() && !Status::Doing.is_cleared());
}

#[test]
fn entries_for_ids_the_roadmap_does_not_have_are_reported_not_dropped() {
    let loaded = roadmap();
    let mut progress = progress_with(&[("alpha", Status::Done), ("zeta", Status::Done)]);
    progress.set_note("old-topic", "kept");
    assert_eq!(progress.unmatched(&loaded.graph), ["old-topic", "zeta"]);
    let overview = Overview::new(&loaded, &progress);
    assert_eq!(overview.cleared_of(0..loaded.roadmap.topics.len()), (1, 7));
    assert_eq!(progress.topics.len(), 3);
}
