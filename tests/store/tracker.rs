//! The app's progress tracker: edits, undo and redo, reset, and saving through the store.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use roadmap::model::{self, Standing, Status, TopicIndex};
use roadmap::tracker::{Edit, Tracker, Undone};

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
    t.apply(&loaded, Edit::Status(TopicIndex::new(fm), Status::Done));
    assert_eq!(t.overview().standing[overview], Standing::Ready);
    assert_eq!(
        t.overview().next_up(&loaded),
        vec![
            overview,
            idx(&loaded, "tokens-and-context"),
            idx(&loaded, "genai-use-cases")
        ]
    );
}

#[test]
fn undo_and_redo_walk_status_and_note_changes() {
    let loaded = model::bundled().unwrap();
    let mut t = Tracker::in_memory(&loaded);
    let fm = idx(&loaded, "foundation-models");
    t.apply(&loaded, Edit::Status(TopicIndex::new(fm), Status::Doing));
    t.apply(&loaded, Edit::Status(TopicIndex::new(fm), Status::Done));
    // Typing a note key by key is one undo step.
    for text in ["R", "Re", "Rea", "Read the glossary"] {
        t.apply(&loaded, Edit::Note(TopicIndex::new(fm), text.to_owned()));
    }
    assert_eq!(t.progress().note("foundation-models"), "Read the glossary");

    assert!(matches!(t.undo(&loaded), Undone::Progress));
    assert_eq!(t.progress().note("foundation-models"), "");
    assert_eq!(t.progress().status("foundation-models"), Status::Done);
    assert!(matches!(t.undo(&loaded), Undone::Progress));
    assert_eq!(t.progress().status("foundation-models"), Status::Doing);
    assert!(matches!(t.redo(&loaded), Undone::Progress));
    assert!(matches!(t.redo(&loaded), Undone::Progress));
    assert_eq!(t.progress().note("foundation-models"), "Read the glossary");
    assert!(
        matches!(t.redo(&loaded), Undone::Nothing),
        "nothing left to redo"
    );

    // A new change after an undo drops the redo history.
    assert!(matches!(t.undo(&loaded), Undone::Progress));
    t.apply(&loaded, Edit::Status(TopicIndex::new(fm), Status::Skipped));
    assert!(!t.can_redo());
}

#[test]
fn reset_clears_this_roadmap_and_can_be_undone() {
    let loaded = model::bundled().unwrap();
    let mut t = Tracker::in_memory(&loaded);
    let goal = idx(&loaded, "rag-not-enough");
    t.apply(&loaded, Edit::Status(TopicIndex::new(0), Status::Done));
    t.apply(&loaded, Edit::Goal(Some(TopicIndex::new(goal))));
    t.apply(&loaded, Edit::Reset);
    assert!(!t.has_progress(&loaded));
    assert_eq!(t.goal(&loaded), None);
    assert!(matches!(t.undo(&loaded), Undone::Progress));
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
            Edit::Status(TopicIndex::new(idx(&loaded, "guardrails")), Status::Done),
        );
        t.apply(
            &loaded,
            Edit::Note(
                TopicIndex::new(idx(&loaded, "guardrails")),
                "Try the grounding check".into(),
            ),
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

/// Marks a topic the way the command line does, in this process: `roadmap mark`.
fn mark_in_terminal(progress: &std::path::Path, topic: &str, status: &str) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = roadmap::cli::mark(
        None,
        Some(progress),
        topic,
        status,
        None,
        &mut out,
        &mut err,
    );
    assert_eq!(
        code,
        std::process::ExitCode::SUCCESS,
        "{}",
        String::from_utf8_lossy(&err)
    );
}

/// Asks the tracker's saver to look at the file and waits until what it found is taken in.
fn take_in_disk_changes(t: &mut Tracker, loaded: &model::LoadedRoadmap) {
    let (woke, wakes) = std::sync::mpsc::channel();
    t.wake_with(move || {
        let _ = woke.send(());
    });
    t.disk_check().unwrap().request();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !t.take_disk_changes(loaded) {
        assert!(
            std::time::Instant::now() < deadline,
            "the change on disk was never found"
        );
        let _ = wakes.recv_timeout(std::time::Duration::from_millis(100));
    }
}

#[test]
fn a_mark_from_the_terminal_joins_the_windows_progress_and_survives_undo() {
    let loaded = model::bundled().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.json");
    let mut t = Tracker::open(&loaded, Some(path.clone()));
    let fm = idx(&loaded, "foundation-models");
    let tokens = idx(&loaded, "tokens-and-context");
    t.apply(&loaded, Edit::Status(TopicIndex::new(fm), Status::Done));
    t.flush().unwrap();

    mark_in_terminal(&path, "tokens-and-context", "doing");
    take_in_disk_changes(&mut t, &loaded);
    assert_eq!(t.overview().status[tokens], Status::Doing);
    assert_eq!(t.overview().status[fm], Status::Done);
    let notices = t.notices();
    let notice = notices
        .iter()
        .find(|n| n.starts_with("Progress changed in the file") && n.contains("1 topic"))
        .unwrap_or_else(|| panic!("{notices:?}"));
    assert!(t.is_info(notice), "it informs, it does not warn");

    // Undoing the window's own change leaves the terminal's mark alone, here and on disk.
    assert!(matches!(t.undo(&loaded), Undone::Progress));
    assert_eq!(t.overview().status[fm], Status::Todo);
    assert_eq!(t.overview().status[tokens], Status::Doing);
    t.flush().unwrap();
    let on_disk = roadmap::store::open(&path, &loaded.roadmap.id).progress;
    assert_eq!(on_disk.status("tokens-and-context"), Status::Doing);
    assert_eq!(on_disk.status("foundation-models"), Status::Todo);
}

#[test]
fn the_window_and_the_terminal_marking_at_the_same_time_lose_nothing() {
    let loaded = model::bundled().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progress.json");
    let mut t = Tracker::open(&loaded, Some(path.clone()));
    let ids: Vec<String> = loaded.roadmap.topics.iter().map(|t| t.id.clone()).collect();
    // Even topics are marked in a terminal, odd ones in the window, interleaved.
    let terminal: Vec<String> = ids.iter().step_by(2).take(20).cloned().collect();
    let window: Vec<usize> = (1..ids.len()).step_by(2).take(20).collect();
    let marker = {
        let path = path.clone();
        std::thread::Builder::new()
            .name("terminal".to_owned())
            .spawn(move || {
                for id in &terminal {
                    mark_in_terminal(&path, id, "done");
                    std::thread::sleep(std::time::Duration::from_millis(15));
                }
                terminal
            })
            .unwrap()
    };
    for &i in &window {
        t.apply(&loaded, Edit::Status(TopicIndex::new(i), Status::Skipped));
        t.take_disk_changes(&loaded);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let terminal = marker.join().unwrap();
    t.flush().unwrap();
    t.check_disk_now(&loaded);
    t.flush().unwrap();

    let on_disk = roadmap::store::open(&path, &loaded.roadmap.id).progress;
    for id in &terminal {
        assert_eq!(on_disk.status(id), Status::Done, "{id} lost on disk");
        assert_eq!(
            t.progress().status(id),
            Status::Done,
            "{id} not in the window"
        );
    }
    for &i in &window {
        assert_eq!(
            on_disk.status(&ids[i]),
            Status::Skipped,
            "{} lost on disk",
            ids[i]
        );
        assert_eq!(t.progress().status(&ids[i]), Status::Skipped);
    }
}

/// Roadmap edits and progress changes share one history, in the order they were made; a topic
/// whose id changes keeps its status and note, and undo gives them back to the old id.
#[test]
fn undo_and_redo_run_through_roadmap_edits_and_progress_in_order() {
    use roadmap::model::edit::{RoadmapEdit, apply};
    let original = model::bundled().unwrap();
    let mut t = Tracker::in_memory(&original);
    let fm = TopicIndex::new(idx(&original, "foundation-models"));
    t.apply(&original, Edit::Status(fm, Status::Done));
    t.apply(&original, Edit::Note(fm, "glossary".to_owned()));

    // Rename the topic's id: its progress follows, in the same step.
    let mut topic = original.roadmap.topics[fm.get()].clone();
    topic.id = "what-a-model-is".to_owned();
    let renamed = apply(
        &original,
        RoadmapEdit::ChangeTopic("foundation-models".to_owned(), topic),
    )
    .unwrap();
    t.edited(
        &original.roadmap,
        &renamed,
        "change topic: What a foundation model is".to_owned(),
        Some(("foundation-models", "what-a-model-is")),
        None,
    );
    assert_eq!(t.progress().status("what-a-model-is"), Status::Done);
    assert_eq!(t.progress().note("what-a-model-is"), "glossary");
    assert_eq!(t.progress().status("foundation-models"), Status::Todo);
    assert_eq!(
        t.overview().standing[idx(&renamed, "bedrock-overview")],
        Standing::Ready
    );
    // Then a status change on the edited roadmap.
    let overview = TopicIndex::new(idx(&renamed, "bedrock-overview"));
    t.apply(&renamed, Edit::Status(overview, Status::Doing));
    assert_eq!(
        t.undo_what(),
        Some("mark doing: Amazon Bedrock: managed access to foundation models")
    );

    // Undo: the status change, then the rename, which hands the old roadmap back.
    assert!(matches!(t.undo(&renamed), Undone::Progress));
    assert_eq!(
        t.undo_what(),
        Some("change topic: What a foundation model is")
    );
    let Undone::Roadmap(back) = t.undo(&renamed) else {
        panic!("the rename gives the roadmap back")
    };
    assert_eq!(*back, original.roadmap);
    let back = model::LoadedRoadmap::checked(*back).unwrap();
    t.roadmap_replaced(&back);
    assert_eq!(t.progress().status("foundation-models"), Status::Done);
    assert_eq!(t.progress().note("foundation-models"), "glossary");
    assert!(!t.progress().topics.contains_key("what-a-model-is"));

    // Redo: the rename again (with the renamed roadmap), then the status change.
    let Undone::Roadmap(again) = t.redo(&back) else {
        panic!("redo gives the renamed roadmap")
    };
    assert_eq!(*again, renamed.roadmap);
    t.roadmap_replaced(&renamed);
    assert_eq!(t.progress().status("what-a-model-is"), Status::Done);
    assert!(matches!(t.redo(&renamed), Undone::Progress));
    assert_eq!(t.progress().status("bedrock-overview"), Status::Doing);
    assert!(matches!(t.redo(&renamed), Undone::Nothing));
}
