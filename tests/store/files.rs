//! The progress store: damaged, foreign and newer files never lose a byte, saves are atomic, the
//! background saver coalesces and flushes, and a process killed while saving never tears the file.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, UNIX_EPOCH};

use roadmap::model::{Progress, Status, load_file};
use roadmap::store::{self, Notice, Opened, Saver};

const ROADMAP_ID: &str = "tiny";

fn minimal_roadmap() -> roadmap::model::LoadedRoadmap {
    load_file(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/valid/minimal.json"
    )))
    .unwrap()
}

fn sample_progress() -> Progress {
    let mut progress = Progress::new(ROADMAP_ID);
    progress.set_status("basics", Status::Done);
    progress.set_status("middle", Status::Doing);
    progress.set_note("middle", "halfway, see chapter 3");
    progress.goal = Some("end".to_owned());
    progress
}

/// Splits `FILE:LINE:COL: message` into its parts; `None` when there is no line and column.
fn position(problem: &str, file: &Path) -> Option<(usize, usize, String)> {
    let rest = problem.strip_prefix(&format!("{}:", file.display()))?;
    let mut parts = rest.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    let message = parts.next()?.strip_prefix(' ')?.to_owned();
    Some((line, column, message))
}

/// Writes `bytes` as the progress file, opens it, and checks it was moved aside whole.
fn open_damaged(bytes: &[u8]) -> (tempfile::TempDir, PathBuf, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    std::fs::write(&path, bytes).unwrap();
    let opened = store::open(&path, ROADMAP_ID);
    assert_eq!(opened.progress, Progress::new(ROADMAP_ID));
    assert!(opened.can_save());
    let Some(Notice::Recovered { moved_to, problem }) = opened.notice else {
        panic!("expected a recovery, got {:?}", opened.notice);
    };
    assert!(!path.exists(), "the damaged file must not stay in place");
    assert_eq!(std::fs::read(&moved_to).unwrap(), bytes);
    assert_eq!(moved_to.parent(), path.parent());
    let name = moved_to.file_name().unwrap().to_str().unwrap();
    let stamp = name.strip_prefix("tiny.json.corrupt-").unwrap();
    assert_eq!(stamp.len(), 16, "{name}");
    assert!(
        stamp.bytes().enumerate().all(|(i, b)| match i {
            8 => b == b'T',
            15 => b == b'Z',
            _ => b.is_ascii_digit(),
        }),
        "{name}"
    );
    (dir, path, moved_to, problem)
}

#[test]
fn a_missing_file_is_empty_progress_and_no_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nothing-yet.json");
    let opened = store::open(&path, ROADMAP_ID);
    assert_eq!(
        opened,
        Opened {
            progress: Progress::new(ROADMAP_ID),
            notice: None
        }
    );
    assert!(!path.exists());
}

#[test]
fn a_truncated_file_is_moved_aside_with_its_position() {
    let full = serde_json::to_string_pretty(&sample_progress()).unwrap();
    let cut = &full.as_bytes()[..full.len() / 2];
    let (_dir, path, _, problem) = open_damaged(cut);
    let (line, column, message) = position(&problem, &path).unwrap();
    let text = std::str::from_utf8(cut).unwrap();
    // serde_json stops at the end of the text: the last line, at or past its last character.
    assert_eq!(line, text.lines().count());
    assert!(column >= 1, "{problem}");
    assert!(message.starts_with("the file ends too early"), "{problem}");
}

#[test]
fn an_empty_file_is_moved_aside() {
    let (_dir, path, moved_to, problem) = open_damaged(b"");
    assert_eq!(std::fs::metadata(moved_to).unwrap().len(), 0);
    assert_eq!(
        position(&problem, &path).unwrap(),
        (1, 1, "the file is empty".to_owned())
    );
}

#[test]
fn garbage_is_moved_aside_with_its_position() {
    let (_dir, path, _, problem) = open_damaged(b"{\n  \"format_version\": 1,\n  oops\n}\n");
    let (line, column, message) = position(&problem, &path).unwrap();
    assert_eq!((line, column), (3, 3), "{problem}");
    assert!(message.starts_with("key must be a string"), "{problem}");

    let (_dir, path, _, problem) = open_damaged(&[0x00, 0x13, 0x37, 0x42, 0x7f]);
    assert_eq!(position(&problem, &path).unwrap().0, 1, "{problem}");

    let (_dir, path, _, problem) = open_damaged(b"[1, 2, 3]\n");
    assert_eq!(
        position(&problem, &path).unwrap(),
        (
            1,
            1,
            "a progress file holds one JSON object at the top, found a list".to_owned()
        )
    );
}

#[test]
fn invalid_utf8_is_moved_aside_at_the_first_bad_byte() {
    let bytes = b"{\n  \"format_version\": 1,\n  \"roadmap_id\": \"ti\xC3\xA9\xFFny\"\n}\n";
    let (_dir, path, _, problem) = open_damaged(bytes);
    // Line 3 is `  "roadmap_id": "tié` before the bad byte: 20 characters, then the 21st.
    assert_eq!(
        position(&problem, &path).unwrap(),
        (3, 21, "the file is not valid UTF-8 text".to_owned())
    );
}

#[test]
fn wrong_types_and_unknown_words_are_moved_aside_at_their_place() {
    let text = "{\n  \"format_version\": 1,\n  \"roadmap_id\": \"tiny\",\n  \"topics\": {\n    \"basics\": { \"status\": 5 }\n  }\n}\n";
    let (_dir, path, _, problem) = open_damaged(text.as_bytes());
    let (line, _, message) = position(&problem, &path).unwrap();
    assert_eq!(line, 5, "{problem}");
    assert_eq!(
        message,
        "the status of `basics` is 5: use todo, doing, done or skipped"
    );

    let text = "{\n  \"format_version\": 1,\n  \"roadmap_id\": \"tiny\",\n  \"topics\": { \"basics\": { \"status\": \"finished\" } }\n}\n";
    let (_dir, path, _, problem) = open_damaged(text.as_bytes());
    let (line, _, message) = position(&problem, &path).unwrap();
    assert_eq!(line, 4, "{problem}");
    assert_eq!(
        message,
        "the status of `basics` is \"finished\": use todo, doing, done or skipped"
    );

    // A field this build does not know would be lost at the next save: refused, not dropped.
    let text = "{\n  \"format_version\": 1,\n  \"roadmap_id\": \"tiny\",\n  \"streak\": 3\n}\n";
    let (_dir, path, _, problem) = open_damaged(text.as_bytes());
    let (line, _, message) = position(&problem, &path).unwrap();
    assert_eq!(line, 4, "{problem}");
    assert!(message.starts_with("unknown field `streak`"), "{problem}");

    let text = "{\"format_version\": 1, \"roadmap_id\": \"tiny\", \"goal\": 7}";
    let (_dir, path, _, problem) = open_damaged(text.as_bytes());
    let (line, _, message) = position(&problem, &path).unwrap();
    assert_eq!(line, 1, "{problem}");
    assert_eq!(
        message,
        "`goal`: invalid type: integer `7`, expected a string"
    );

    let text = "{\n  \"format_version\": 0,\n  \"roadmap_id\": \"tiny\"\n}\n";
    let (_dir, path, _, problem) = open_damaged(text.as_bytes());
    let (line, column, message) = position(&problem, &path).unwrap();
    assert_eq!((line, column), (2, 21), "{problem}");
    assert!(message.starts_with("unknown format_version 0"), "{problem}");
}

#[test]
fn another_roadmaps_file_is_moved_aside() {
    let mut other = sample_progress();
    other.roadmap_id = "someone-else".to_owned();
    let text = serde_json::to_string_pretty(&other).unwrap();
    let (_dir, path, _, problem) = open_damaged(text.as_bytes());
    let (line, column, message) = position(&problem, &path).unwrap();
    assert_eq!((line, column), (3, 17), "{problem}");
    assert_eq!(
        message,
        "this progress belongs to roadmap `someone-else`, not to `tiny`"
    );
}

#[test]
fn a_newer_file_is_read_as_far_as_possible_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let text = r#"{
  "format_version": 2,
  "roadmap_id": "tiny",
  "topics": {
    "basics": { "status": "done", "confidence": 0.9 },
    "middle": { "status": "reviewing", "note": "new status" },
    "end": { "note": "later" }
  },
  "goal": "end",
  "streak": { "days": 12 }
}
"#;
    std::fs::write(&path, text).unwrap();
    let opened = store::open(&path, ROADMAP_ID);
    assert!(!opened.can_save());
    let Some(Notice::ReadOnly { problem }) = &opened.notice else {
        panic!("expected read-only, got {:?}", opened.notice);
    };
    let (line, column, message) = position(problem, &path).unwrap();
    assert_eq!((line, column), (2, 21));
    assert!(message.contains("format_version 2"), "{problem}");
    assert_eq!(opened.progress.status("basics"), Status::Done);
    // A status this build does not know is left out rather than shown as another.
    assert!(!opened.progress.topics.contains_key("middle"));
    assert_eq!(opened.progress.note("end"), "later");
    assert_eq!(opened.progress.goal.as_deref(), Some("end"));

    // Saving what was read is refused: it would write version 2 data in version 1's shape.
    let err = store::save(&path, &opened.progress).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // Newer and of another roadmap: still left alone, and nothing of it is shown.
    std::fs::write(&path, text.replace("\"tiny\"", "\"other\"")).unwrap();
    let opened = store::open(&path, ROADMAP_ID);
    assert!(matches!(opened.notice, Some(Notice::ReadOnly { .. })));
    assert!(opened.progress.topics.is_empty() && opened.progress.goal.is_none());
    assert!(path.exists());
}

#[test]
fn a_file_that_cannot_be_read_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be: opening works on Unix, reading does not.
    let path = dir.path().join("tiny.json");
    std::fs::create_dir(&path).unwrap();
    let opened = store::open(&path, ROADMAP_ID);
    assert!(!opened.can_save());
    let Some(Notice::CannotRead { problem }) = &opened.notice else {
        panic!("expected cannot-read, got {:?}", opened.notice);
    };
    assert!(
        problem.starts_with(&format!("{}: cannot read", path.display())),
        "{problem}"
    );
    assert!(path.is_dir());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_file_damaged_twice_keeps_both_copies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let mut moved = Vec::new();
    for bytes in [&b"first {"[..], &b"second ["[..]] {
        std::fs::write(&path, bytes).unwrap();
        let Some(Notice::Recovered { moved_to, .. }) = store::open(&path, ROADMAP_ID).notice else {
            panic!("expected a recovery");
        };
        assert_eq!(std::fs::read(&moved_to).unwrap(), bytes);
        moved.push(moved_to);
    }
    assert_ne!(moved[0], moved[1]);
    assert_eq!(std::fs::read(&moved[0]).unwrap(), b"first {");
}

#[test]
fn saved_entries_for_removed_topics_survive_a_load_modify_save_cycle() {
    let loaded = minimal_roadmap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let mut progress = sample_progress();
    // Topics the roadmap had when this progress was saved, since removed or renamed.
    progress.set_status("old-intro", Status::Done);
    progress.set_note("retired", "notes worth keeping");
    store::save(&path, &progress).unwrap();

    let mut opened = store::open(&path, ROADMAP_ID);
    assert_eq!(opened.notice, None);
    assert_eq!(
        opened.progress.unmatched(&loaded.graph),
        ["old-intro", "retired"]
    );
    opened.progress.set_status("end", Status::Done);
    store::save(&path, &opened.progress).unwrap();

    let again = store::open(&path, ROADMAP_ID).progress;
    assert_eq!(again.status("end"), Status::Done);
    assert_eq!(again.status("old-intro"), Status::Done);
    assert_eq!(again.note("retired"), "notes worth keeping");
    assert_eq!(again.unmatched(&loaded.graph), ["old-intro", "retired"]);
}

#[test]
fn save_is_atomic_pretty_deterministic_and_creates_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("tiny.json");
    let progress = sample_progress();
    store::save(&path, &progress).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        format!("{}\n", serde_json::to_string_pretty(&progress).unwrap())
    );
    assert!(text.starts_with("{\n  \"format_version\": 1,\n  \"roadmap_id\": \"tiny\",\n"));
    // Topics in id order, whatever order they were set in.
    let basics = text.find("\"basics\"").unwrap();
    let middle = text.find("\"middle\"").unwrap();
    assert!(basics < middle);

    let opened = store::open(&path, ROADMAP_ID);
    assert_eq!(opened.notice, None);
    assert_eq!(opened.progress, progress);

    store::save(&path, &opened.progress).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["tiny.json"]);
}

#[test]
fn default_path_is_one_file_per_roadmap_id_in_the_data_folder() {
    let path = store::default_path("cloud-ai-basics").unwrap();
    assert!(path.ends_with("progress/cloud-ai-basics.json"), "{path:?}");
    assert!(path.is_absolute());
    // An id that is not kebab-case could name a path elsewhere.
    assert_eq!(store::default_path("../escape"), None);
    assert_eq!(store::default_path(""), None);
}

#[test]
fn utc_stamps_name_the_second_in_utc() {
    let at = |secs| store::utc_stamp(UNIX_EPOCH + Duration::from_secs(secs));
    assert_eq!(at(0), "19700101T000000Z");
    assert_eq!(at(951_782_400), "20000229T000000Z");
    assert_eq!(at(1_795_639_500), "20261125T204500Z");
    assert_eq!(
        store::utc_stamp(UNIX_EPOCH - Duration::from_secs(5)),
        "19700101T000000Z"
    );
}

fn numbered(n: usize) -> Progress {
    let mut progress = Progress::new(ROADMAP_ID);
    progress.set_note("basics", &format!("state {n}"));
    progress
}

#[test]
fn the_saver_coalesces_a_burst_into_one_write_and_flushes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let saver = Saver::new(path.clone(), Progress::new(ROADMAP_ID));
    for n in 0..100 {
        saver.request(&numbered(n));
    }
    saver.flush().unwrap();
    assert_eq!(store::open(&path, ROADMAP_ID).progress, numbered(99));
    // The burst took far less than the debounce; a slow machine may split it once.
    assert!((1..=2).contains(&saver.writes()), "{}", saver.writes());
    assert_eq!(saver.last_error(), None);
    // Nothing new: flushing again writes nothing.
    saver.flush().unwrap();
    assert!(saver.writes() <= 2);
}

#[test]
fn the_saver_writes_on_its_own_after_the_debounce() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let saver = Saver::new(path.clone(), Progress::new(ROADMAP_ID));
    let start = Instant::now();
    saver.request(&numbered(1));
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "never written without a flush"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let waited = start.elapsed();
    assert!(waited >= store::SAVE_DEBOUNCE, "{waited:?}");
    assert_eq!(store::open(&path, ROADMAP_ID).progress, numbered(1));
}

#[test]
fn the_saver_does_not_wait_forever_while_changes_keep_coming() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let saver = Saver::new(path.clone(), Progress::new(ROADMAP_ID));
    let start = Instant::now();
    let mut n = 0;
    // A change every 50 ms never lets the 250 ms debounce settle; the longest delay must.
    while start.elapsed() < Duration::from_millis(2500) {
        saver.request(&numbered(n));
        n += 1;
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        saver.writes() >= 1,
        "nothing written during 2.5 s of changes"
    );
    saver.flush().unwrap();
    assert_eq!(store::open(&path, ROADMAP_ID).progress, numbered(n - 1));
}

#[test]
fn the_saver_reports_a_failure_and_retries_it_on_flush() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    // A folder in the way makes the rename fail.
    std::fs::create_dir(&path).unwrap();
    let saver = Saver::new(path.clone(), Progress::new(ROADMAP_ID));
    saver.request(&numbered(7));
    let err = saver.flush().unwrap_err();
    assert!(
        err.starts_with(&format!("{}: cannot save progress", path.display())),
        "{err}"
    );
    assert_eq!(saver.last_error(), Some(err));

    std::fs::remove_dir(&path).unwrap();
    saver.flush().unwrap();
    assert_eq!(saver.last_error(), None);
    assert_eq!(store::open(&path, ROADMAP_ID).progress, numbered(7));
}

#[test]
fn dropping_the_saver_flushes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let saver = Saver::new(path.clone(), Progress::new(ROADMAP_ID));
    saver.request(&numbered(1));
    saver.request(&numbered(2));
    drop(saver);
    assert_eq!(store::open(&path, ROADMAP_ID).progress, numbered(2));
}

// Sharing the file with other writers: `roadmap mark` in a terminal or another window.

fn entry(status: Status, note: &str) -> roadmap::model::TopicProgress {
    roadmap::model::TopicProgress {
        status,
        note: note.to_owned(),
    }
}

#[test]
fn a_merge_takes_each_sides_own_changes_and_keeps_ours_where_both_changed() {
    let mut base = Progress::new(ROADMAP_ID);
    base.set_status("basics", Status::Done);
    base.set_status("middle", Status::Doing);
    base.set_note("end", "read later");

    let mut ours = base.clone();
    ours.set_status("middle", Status::Done); // changed here only
    ours.set_note("end", "ours"); // changed on both sides
    let mut theirs = base.clone();
    theirs.set_status("basics", Status::Todo); // changed there only: the entry goes
    theirs.set_status("extra", Status::Skipped); // new there
    theirs.set_note("end", "theirs");
    theirs.goal = Some("end".to_owned());

    let merge = ours.merged(&base, &theirs);
    let topics = &merge.progress.topics;
    assert_eq!(topics.get("basics"), None);
    assert_eq!(topics.get("middle"), Some(&entry(Status::Done, "")));
    assert_eq!(topics.get("extra"), Some(&entry(Status::Skipped, "")));
    assert_eq!(topics.get("end"), Some(&entry(Status::Todo, "ours")));
    assert_eq!(merge.progress.goal.as_deref(), Some("end"));
    assert_eq!(merge.taken, ["basics", "extra"]);
    assert_eq!(merge.kept, ["end"]);

    // Nothing changed there: ours as it is. Nothing changed here: theirs as it is.
    assert_eq!(ours.merged(&base, &base).progress, ours);
    assert_eq!(base.merged(&base, &theirs).progress, theirs);
}

/// Writes `progress` the way `roadmap mark` does: under the lock, to the file.
fn write_elsewhere(path: &Path, progress: &Progress) {
    store::locked(path, || store::save(path, progress))
        .unwrap()
        .unwrap();
}

#[test]
fn the_saver_merges_what_another_writer_saved_since_it_last_looked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let base = sample_progress();
    store::save(&path, &base).unwrap();
    let saver = Saver::new(path.clone(), base.clone());

    // Someone marks `end` done in a terminal; then the window saves its own change.
    let mut theirs = base.clone();
    theirs.set_status("end", Status::Done);
    write_elsewhere(&path, &theirs);
    let mut ours = base.clone();
    ours.set_status("middle", Status::Done);
    saver.request(&ours);
    saver.flush().unwrap();

    let on_disk = store::open(&path, ROADMAP_ID).progress;
    assert_eq!(
        on_disk.status("end"),
        Status::Done,
        "the terminal's mark was lost"
    );
    assert_eq!(
        on_disk.status("middle"),
        Status::Done,
        "the window's change was lost"
    );
    assert_eq!(on_disk.note("middle"), "halfway, see chapter 3");
    let changes = saver.take_disk_changes();
    assert_eq!(changes.len(), 1);
    assert_eq!((&changes[0].base, &changes[0].disk), (&base, &theirs));
    // Its own write is not a change by someone else.
    saver.disk_check().request();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(saver.take_disk_changes(), []);
}

#[test]
fn a_check_finds_a_change_on_disk_while_nothing_waits_to_be_saved_and_wakes_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let base = sample_progress();
    store::save(&path, &base).unwrap();
    let saver = Saver::new(path.clone(), base.clone());
    let (woke, wakes) = std::sync::mpsc::channel();
    saver.set_wake(move || {
        let _ = woke.send(());
    });

    let mut theirs = base.clone();
    theirs.set_note("basics", "done in the terminal");
    write_elsewhere(&path, &theirs);
    saver.disk_check().request();
    wakes.recv_timeout(Duration::from_secs(10)).unwrap();
    let changes = saver.take_disk_changes();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].disk, theirs);
    // Nothing was written: the window has nothing of its own to add.
    assert_eq!(saver.writes(), 0);
}

#[test]
fn the_saver_moves_a_file_damaged_meanwhile_aside_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.json");
    let base = sample_progress();
    store::save(&path, &base).unwrap();
    let saver = Saver::new(path.clone(), base.clone());
    std::fs::write(&path, b"{\"format_version\": 1, \"roadm").unwrap();

    let mut ours = base.clone();
    ours.set_status("end", Status::Doing);
    saver.request(&ours);
    saver.flush().unwrap();
    assert_eq!(store::open(&path, ROADMAP_ID).progress, ours);
    let messages = saver.take_messages();
    assert_eq!(messages.len(), 1, "{messages:?}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("tiny.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(messages[0].contains(&aside[0]), "{}", messages[0]);
    assert_eq!(
        std::fs::read(dir.path().join(&aside[0])).unwrap(),
        b"{\"format_version\": 1, \"roadm"
    );
}

// The crash test. The test binary runs itself as a child that saves in a loop, and kills it with
// SIGKILL at pseudo-random moments; the file must always hold one complete state.

/// Set in the child's environment to the progress file it saves to.
const CRASH_CHILD_ENV: &str = "ROADMAP_STORE_CRASH_CHILD";
const CRASH_ROADMAP_ID: &str = "crash";
const KILLS: usize = 200;
/// What the child prints once its first save is on disk.
const CRASH_CHILD_READY: &str = "crash-child-ready";

/// The state saved at iteration `n`: several entries and a long note, all derived from `n`, so
/// a file mixing two iterations (or cut short) cannot pass for one.
fn crash_state(n: u64) -> Progress {
    let mut progress = Progress::new(CRASH_ROADMAP_ID);
    for k in 0..=(n % 24) {
        let status = if (n + k).is_multiple_of(2) {
            Status::Done
        } else {
            Status::Doing
        };
        progress.set_status(&format!("topic-{k:02}"), status);
        progress.set_note(&format!("topic-{k:02}"), &format!("iteration {n}"));
    }
    progress.set_note(
        "padding",
        &format!(
            "{n}:{}",
            "x".repeat(8192 + usize::try_from(n % 1000).unwrap())
        ),
    );
    progress.goal = Some(format!("iteration-{n}"));
    progress
}

fn iteration_of(progress: &Progress) -> u64 {
    progress
        .goal
        .as_deref()
        .and_then(|g| g.strip_prefix("iteration-"))
        .and_then(|n| n.parse().ok())
        .unwrap()
}

/// In the child only: saves forever, starting after the iteration found in the file, and says
/// [`CRASH_CHILD_READY`] once the first save is on disk. In a normal test run it does nothing.
#[test]
fn crash_child_saves_in_a_loop() {
    let Some(path) = std::env::var_os(CRASH_CHILD_ENV) else {
        return;
    };
    let path = PathBuf::from(path);
    let opened = store::open(&path, CRASH_ROADMAP_ID);
    assert_eq!(opened.notice, None);
    let mut n = if opened.progress.goal.is_some() {
        iteration_of(&opened.progress)
    } else {
        0
    };
    n += 1;
    store::save(&path, &crash_state(n)).unwrap();
    // On a line of its own: libtest has already printed the test's name without a newline.
    println!("\n{CRASH_CHILD_READY}");
    loop {
        n += 1;
        store::save(&path, &crash_state(n)).unwrap();
    }
}

/// `SplitMix64`: a fixed seed gives the same kill delays on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[test]
fn a_process_killed_while_saving_leaves_a_complete_file() {
    if std::env::var_os(CRASH_CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.json");
    let exe = std::env::current_exe().unwrap();
    let mut rng = SplitMix(0x5EED_CAFE);
    let mut last = 0;
    let started = Instant::now();
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                // The test's name within this binary: its module path, less the crate.
                concat!(module_path!(), "::crash_child_saves_in_a_loop")
                    .split_once("::")
                    .map_or("crash_child_saves_in_a_loop", |(_, name)| name),
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CRASH_CHILD_ENV, &path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = lines.any(|l| l.is_ok_and(|l| l == CRASH_CHILD_READY));
        if !ready {
            let output = child.wait_with_output().unwrap();
            panic!(
                "round {round}: the child never got ready: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        // From 0 to 4 ms into the save loop: before, during and between writes and renames.
        std::thread::sleep(Duration::from_micros(rng.next() % 4001));
        child.kill().unwrap();
        child.wait().unwrap();

        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| panic!("round {round}: the file is gone: {e}"));
        let progress: Progress = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("round {round}: the file is torn: {e}"));
        let n = iteration_of(&progress);
        assert_eq!(progress, crash_state(n), "round {round}: a mixed state");
        assert!(
            n > last,
            "round {round}: iteration {n} after {last}: a save went missing"
        );
        last = n;
    }
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != "crash.json")
        .count();
    eprintln!(
        "{KILLS} kills in {:.1} s, {last} saves, {leftovers} temporary files left by kills",
        started.elapsed().as_secs_f64()
    );
    assert!(
        !std::fs::read_dir(dir.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("corrupt")),
        "nothing may ever have been moved aside"
    );
}
