//! `roadmap mark` and `roadmap status` run as a user would, against a temporary `--progress` file.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use crate::common;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use roadmap::model::{Progress, Status};
use roadmap::store;

const MINIMAL: &str = "tests/corpus/valid/minimal.json";

fn roadmap() -> Command {
    let mut cmd = common::roadmap_command();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs `roadmap ARGS`, expecting `code`; returns stdout and stderr.
fn run(args: &[&str], code: i32) -> (String, String) {
    let output = roadmap()
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn mark(progress: &Path, args: &[&str], code: i32) -> (String, String) {
    let mut all = vec!["--progress", progress.to_str().unwrap(), "mark"];
    all.extend_from_slice(args);
    run(&all, code)
}

/// One bar of `roadmap status`: `LABEL  [###.......] DONE/TOTAL`.
#[derive(Debug, PartialEq)]
struct Bar {
    label: String,
    filled: usize,
    done: usize,
    total: usize,
}

/// `roadmap status` output, parsed line by line into its parts.
#[derive(Debug, Default)]
struct Report {
    title: String,
    file: String,
    bars: Vec<Bar>,
    in_progress: Vec<(String, String)>,
    next_up: Vec<(String, String)>,
    /// The words after `Next up:` when nothing is ready.
    next_up_none: Option<String>,
    goal: Option<(String, String)>,
    goal_detail: Option<String>,
    unmatched_line: Option<String>,
    unmatched: Vec<String>,
}

fn parse_bar(line: &str) -> Option<Bar> {
    let (label, rest) = line.split_once("  [")?;
    let (bar, counts) = rest.split_once("] ")?;
    let (done, total) = counts.split_once('/')?;
    assert_eq!(bar.chars().count(), 10, "{line}");
    let filled = bar.chars().take_while(|&c| c == '#').count();
    assert!(bar.chars().skip(filled).all(|c| c == '.'), "{line}");
    Some(Bar {
        label: label.trim_end().to_owned(),
        filled,
        done: done.parse().ok()?,
        total: total.parse().ok()?,
    })
}

/// `  ID  TITLE` under a heading.
fn parse_item(line: &str) -> (String, String) {
    let rest = line.strip_prefix("  ").unwrap();
    let (id, title) = rest.split_once("  ").unwrap();
    (id.to_owned(), title.trim_start().to_owned())
}

fn parse_status(text: &str) -> Report {
    let mut lines = text.lines().peekable();
    let mut report = Report {
        title: lines.next().unwrap().to_owned(),
        file: lines
            .next()
            .unwrap()
            .strip_prefix("Progress file: ")
            .unwrap()
            .to_owned(),
        ..Report::default()
    };
    while let Some(bar) = lines.peek().and_then(|l| parse_bar(l)) {
        report.bars.push(bar);
        lines.next();
    }
    while let Some(line) = lines.next() {
        let mut items = Vec::new();
        while lines.peek().is_some_and(|l| l.starts_with("  ")) {
            items.push(lines.next().unwrap());
        }
        if line == "In progress:" {
            report.in_progress = items.into_iter().map(parse_item).collect();
        } else if line == "Next up:" {
            report.next_up = items.into_iter().map(parse_item).collect();
        } else if let Some(none) = line.strip_prefix("Next up: ") {
            assert!(items.is_empty());
            report.next_up_none = Some(none.to_owned());
        } else if let Some(goal) = line.strip_prefix("Goal: ") {
            report.goal = Some(match goal.split_once("  ") {
                Some((id, title)) => (id.to_owned(), title.to_owned()),
                None => (goal.to_owned(), String::new()),
            });
            assert!(items.len() <= 1, "{items:?}");
            report.goal_detail = items.first().map(|l| l.trim_start().to_owned());
        } else if line.ends_with("no topic in this roadmap") {
            report.unmatched_line = Some(line.to_owned());
            report.unmatched = items.iter().map(|l| l.trim_start().to_owned()).collect();
        } else {
            panic!("unexpected line in `roadmap status`: {line:?}\n{text}");
        }
    }
    report
}

fn status(progress: &Path, extra: &[&str]) -> Report {
    let mut args = vec!["--progress", progress.to_str().unwrap(), "status"];
    args.extend_from_slice(extra);
    let (out, err) = run(&args, 0);
    assert_eq!(err, "");
    parse_status(&out)
}

fn bar(label: &str, filled: usize, done: usize, total: usize) -> Bar {
    Bar {
        label: label.to_owned(),
        filled,
        done,
        total,
    }
}

fn pair(id: &str, title: &str) -> (String, String) {
    (id.to_owned(), title.to_owned())
}

fn temp_progress() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    // In a folder that does not exist yet: saving creates it.
    let path = dir.path().join("nested").join("tiny.json");
    (dir, path)
}

#[test]
fn status_without_saved_progress_shows_the_roots_and_writes_nothing() {
    let (_dir, path) = temp_progress();
    let report = status(&path, &[MINIMAL]);
    assert_eq!(report.title, "Tiny roadmap (tiny)");
    assert_eq!(report.file, path.display().to_string());
    assert_eq!(
        report.bars,
        [
            bar("Phase 1: First", 0, 0, 2),
            bar("Phase 2: Second", 0, 0, 1),
            bar("Overall", 0, 0, 3),
        ]
    );
    assert!(report.in_progress.is_empty());
    assert_eq!(report.next_up, [pair("basics", "Basics")]);
    assert_eq!(report.goal, None);
    assert_eq!(report.unmatched_line, None);
    assert!(!path.exists(), "status must not create the progress file");
}

#[test]
fn mark_then_status() {
    let (_dir, path) = temp_progress();
    let (out, err) = mark(&path, &["basics", "done", MINIMAL], 0);
    assert_eq!(out, "basics: done (1 of 3 topics done or skipped)\n");
    assert_eq!(err, "");
    let (out, _) = mark(&path, &["middle", "doing", "--note", "reading", MINIMAL], 0);
    assert_eq!(out, "middle: doing (1 of 3 topics done or skipped)\n");

    let saved = store::open(&path, "tiny");
    assert_eq!(saved.notice, None);
    assert_eq!(saved.progress.status("basics"), Status::Done);
    assert_eq!(saved.progress.note("middle"), "reading");

    // A goal (set in the window) and an entry for a topic the roadmap no longer has.
    let mut progress = saved.progress;
    progress.goal = Some("end".to_owned());
    progress.set_status("retired-topic", Status::Done);
    store::save(&path, &progress).unwrap();

    let report = status(&path, &[MINIMAL]);
    assert_eq!(
        report.bars,
        [
            bar("Phase 1: First", 5, 1, 2),
            bar("Phase 2: Second", 0, 0, 1),
            bar("Overall", 3, 1, 3),
        ]
    );
    assert_eq!(report.in_progress, [pair("middle", "Middle")]);
    assert!(report.next_up.is_empty());
    assert_eq!(
        report.next_up_none.as_deref(),
        Some("nothing until the topics in progress are done")
    );
    assert_eq!(report.goal, Some(pair("end", "End")));
    // middle (no estimate) and end (2 h).
    assert_eq!(
        report.goal_detail.as_deref(),
        Some("2 topics to go, 2 h estimated (1 topic without an estimate)")
    );
    assert_eq!(
        report.unmatched_line.as_deref(),
        Some("1 saved entry matches no topic in this roadmap")
    );
    assert_eq!(report.unmatched, ["retired-topic"]);

    // `--progress` also works after the subcommand.
    let (out, _) = run(
        &[
            "mark",
            "middle",
            "skipped",
            MINIMAL,
            "--progress",
            path.to_str().unwrap(),
        ],
        0,
    );
    assert_eq!(out, "middle: skipped (2 of 3 topics done or skipped)\n");
    let report = status(&path, &[MINIMAL]);
    assert_eq!(report.bars[0], bar("Phase 1: First", 10, 2, 2));
    assert!(report.in_progress.is_empty());
    assert_eq!(report.next_up, [pair("end", "End")]);
    assert_eq!(
        report.goal_detail.as_deref(),
        Some("1 topic to go, 2 h estimated")
    );
    // The note survives a status change; the unmatched entry survives every save.
    let saved = store::open(&path, "tiny").progress;
    assert_eq!(saved.note("middle"), "reading");
    assert_eq!(saved.status("retired-topic"), Status::Done);

    mark(&path, &["end", "done", MINIMAL], 0);
    let report = status(&path, &[MINIMAL]);
    assert_eq!(report.bars[2], bar("Overall", 10, 3, 3));
    assert_eq!(
        report.next_up_none.as_deref(),
        Some("nothing, every topic is done or skipped")
    );
    assert_eq!(
        report.goal_detail.as_deref(),
        Some("reached: it and everything before it are done or skipped")
    );
}

#[test]
fn mark_works_on_the_bundled_roadmap() {
    let (_dir, path) = temp_progress();
    let loaded = roadmap::model::bundled().unwrap();
    let first = &loaded.roadmap.topics[loaded.graph.topological_order()[0]];
    let (out, _) = mark(&path, &[&first.id, "done"], 0);
    assert_eq!(
        out,
        format!(
            "{}: done (1 of {} topics done or skipped)\n",
            first.id,
            loaded.roadmap.topics.len()
        )
    );
    let report = status(&path, &[]);
    assert_eq!(
        report.title,
        format!("{} ({})", loaded.roadmap.title, loaded.roadmap.id)
    );
    assert_eq!(report.bars.len(), loaded.roadmap.phases.len() + 1);
    assert!(report.bars[0].label.starts_with("Phase 1: "));
    assert_eq!(report.bars.last().unwrap().done, 1);
    assert!(!report.next_up.is_empty());
}

#[test]
fn an_unknown_topic_or_status_exits_1_and_writes_nothing() {
    let (_dir, path) = temp_progress();
    let (out, err) = mark(&path, &["basic", "done", MINIMAL], 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: roadmap `tiny` has no topic `basic` (did you mean `basics`?)\n"
    );
    let (out, err) = mark(&path, &["basics", "dne", MINIMAL], 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: unknown status `dne` (did you mean `done`?): use todo, doing, done or skipped\n"
    );
    let (_, err) = mark(&path, &["zzz", "done", MINIMAL], 1);
    assert_eq!(err, "error: roadmap `tiny` has no topic `zzz`\n");
    assert!(!path.exists());
}

#[test]
fn a_damaged_progress_file_is_moved_aside_and_reported() {
    let (_dir, path) = temp_progress();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let damaged = b"{\n  \"format_version\": 1,\n  \"roadmap_id\": \"tiny\",\n  \"topics\": {\n";
    std::fs::write(&path, damaged).unwrap();

    let (out, err) = mark(&path, &["basics", "done", MINIMAL], 0);
    assert_eq!(out, "basics: done (1 of 3 topics done or skipped)\n");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    let problem = lines[0]
        .strip_prefix(&format!("warning: {}:", path.display()))
        .unwrap();
    let mut parts = problem.splitn(3, ':');
    let line: usize = parts.next().unwrap().parse().unwrap();
    let column: usize = parts.next().unwrap().parse().unwrap();
    // The end of the file: the start of the empty line after the last newline.
    assert_eq!((line, column), (5, 1), "{err}");
    assert!(
        parts
            .next()
            .unwrap()
            .starts_with(" the file ends too early"),
        "{err}"
    );
    let moved_to = lines[1]
        .strip_prefix("warning: the damaged progress file was moved to ")
        .and_then(|l| l.strip_suffix("; progress starts empty"))
        .unwrap();
    assert_eq!(std::fs::read(moved_to).unwrap(), damaged);

    // The new file holds only the new mark.
    let mut expected = Progress::new("tiny");
    expected.set_status("basics", Status::Done);
    assert_eq!(store::open(&path, "tiny").progress, expected);
}

#[test]
fn a_newer_progress_file_is_refused_and_left_byte_identical() {
    let (_dir, path) = temp_progress();
    let folder = path.parent().unwrap();
    std::fs::create_dir_all(folder).unwrap();
    let newer = "{\n  \"format_version\": 2,\n  \"roadmap_id\": \"tiny\",\n  \"topics\": { \"basics\": { \"status\": \"done\" } }\n}\n";
    std::fs::write(&path, newer).unwrap();

    let (out, err) = mark(&path, &["middle", "done", MINIMAL], 1);
    assert_eq!(out, "");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with(&format!(
            "error: {}:2:21: the progress file has format_version 2",
            path.display()
        )),
        "{err}"
    );
    assert_eq!(
        lines[1],
        format!(
            "error: {} is left as it is; nothing was saved",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
    assert_eq!(files_in(folder), [".tiny.json.lock", "tiny.json"]);

    // `status` shows what it can read of it, with a warning, and still writes nothing.
    let args = ["--progress", path.to_str().unwrap(), "status", MINIMAL];
    let (out, err) = run(&args, 0);
    assert!(err.starts_with("warning: "), "{err}");
    let report = parse_status(&out);
    assert_eq!(report.bars[2], bar("Overall", 3, 1, 3));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
    assert_eq!(files_in(folder), [".tiny.json.lock", "tiny.json"]);
}

#[test]
fn window_arguments_before_a_subcommand_are_refused() {
    let (out, err) = run(&[MINIMAL, "status"], 2);
    assert_eq!(out, "");
    assert!(
        err.starts_with(
            "error: the argument '[FILE]' belongs to the window and cannot be used with the \
             subcommand 'status'"
        ),
        "{err}"
    );
    let (_, err) = run(&["--screenshot", "shot.png", "check"], 2);
    assert!(
        err.starts_with("error: the argument '--screenshot'"),
        "{err}"
    );
    let (_, err) = run(&["--present", "status"], 2);
    assert!(err.starts_with("error: the argument '--present'"), "{err}");
}

/// The names of the files in `folder`, sorted.
fn files_in(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_status_is_read_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("p.json");
    for (word, expected) in [("Done", Status::Done), ("DOING", Status::Doing)] {
        mark(&progress, &["basics", word, MINIMAL], 0);
        let saved = store::open(&progress, "tiny").progress;
        assert_eq!(saved.status("basics"), expected, "{word}");
    }
    let (_, err) = mark(&progress, &["basics", "finished", MINIMAL], 1);
    assert!(err.starts_with("error: unknown status `finished`"), "{err}");
}
