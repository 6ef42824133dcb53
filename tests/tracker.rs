//! The app's progress tracker: edits, undo and redo, reset, and saving through the store.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use roadmap::model::{self, Standing, Status};
use roadmap::tracker::{Edit, Tracker};

fn idx(loaded: &model::LoadedRoadmap, id: &str) -> usize {
    loaded.graph.index_of(id).unwrap()
}

#[test]
fn ticking_a_topic_done_makes_what_it_unlocks_ready() {
    let loaded = model::bundled().unwrap();
    let mut t = Tracker::in_memory(&loaded);
    let fm = idx(&loaded, "foundation-models");
    let overview = idx(&loaded, "bedrock-overview");
    assert_eq!(t.overview().standing[overview], Standing::Locked);
    t.apply(&loaded, Edit::Status(fm, Status::Done));
    assert_eq!(t.overview().standing[overview], Standing::Ready);
    assert_eq!(
        t.overview().next_up(&loaded),
        vec![overview, idx(&loaded, "tokens-and-context")]
    );
}

#[test]
fn undo_and_redo_walk_status_and_note_changes() {
    let loaded = model::bundled().unwrap();
    let mut t = Tracker::in_memory(&loaded);
    let fm = idx(&loaded, "foundation-models");
    t.apply(&loaded, Edit::Status(fm, Status::Doing));
    t.apply(&loaded, Edit::Status(fm, Status::Done));
    // Typing a note key by key is one undo step.
    for text in ["R", "Re", "Rea", "Read the glossary"] {
        t.apply(&loaded, Edit::Note(fm, text.to_owned()));
    }
    assert_eq!(t.progress().note("foundation-models"), "Read the glossary");

    assert!(t.undo(&loaded));
    assert_eq!(t.progress().note("foundation-models"), "");
    assert_eq!(t.progress().status("foundation-models"), Status::Done);
    assert!(t.undo(&loaded));
    assert_eq!(t.progress().status("foundation-models"), Status::Doing);
    assert!(t.redo(&loaded));
    assert!(t.redo(&loaded));
    assert_eq!(t.progress().note("foundation-models"), "Read the glossary");
    assert!(!t.redo(&loaded), "nothing left to redo");

    // A new change after an undo drops the redo history.
    assert!(t.undo(&loaded));
    t.apply(&loaded, Edit::Status(fm, Status::Skipped));
    assert!(!t.can_redo());
}

#[test]
fn reset_clears_this_roadmap_and_can_be_undone() {
    let loaded = model::bundled().unwrap();
    let mut t = Tracker::in_memory(&loaded);
    let goal = idx(&loaded, "rag-not-enough");
    t.apply(&loaded, Edit::Status(0, Status::Done));
    t.apply(&loaded, Edit::Goal(Some(goal)));
    t.apply(&loaded, Edit::Reset);
    assert!(!t.has_progress(&loaded));
    assert_eq!(t.goal(&loaded), None);
    assert!(t.undo(&loaded));
    assert_eq!(t.goal(&loaded), Some(goal));
    assert!(t.has_progress(&loaded));
}

#[test]
fn changes_reach_the_file_and_come_back_after_a_restart() {
    let loaded = model::bundled().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.json");
    {
        let mut t = Tracker::open(&loaded, Some(path.clone()));
        assert!(t.notices().is_empty(), "{:?}", t.notices());
        t.apply(
            &loaded,
            Edit::Status(idx(&loaded, "guardrails"), Status::Done),
        );
        t.apply(
            &loaded,
            Edit::Note(idx(&loaded, "guardrails"), "Try the grounding check".into()),
        );
        t.flush().unwrap();
    }
    let t = Tracker::open(&loaded, Some(path));
    assert_eq!(t.progress().status("guardrails"), Status::Done);
    assert_eq!(t.progress().note("guardrails"), "Try the grounding check");
}

#[test]
fn a_damaged_file_is_reported_and_progress_starts_empty() {
    let loaded = model::bundled().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.json");
    std::fs::write(
        &path,
        "{\"format_version\": 1, \"roadmap_id\": \"bedrock-then",
    )
    .unwrap();
    let t = Tracker::open(&loaded, Some(path));
    let notices = t.notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with("Your progress file was damaged"),
        "{}",
        notices[0]
    );
    assert!(!t.has_progress(&loaded));
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("progress.json.corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept aside");
}
