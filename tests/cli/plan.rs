//! `roadmap plan`, and the study plan the iCalendar export writes: one plan, whoever prints it.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::path::{Path, PathBuf};

use crate::common;

fn minimal() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json")
}

fn stdout(command: &mut assert_cmd::Command) -> String {
    String::from_utf8(command.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn plan_prints_the_dates_and_the_weeks() {
    let text = stdout(
        common::roadmap_command()
            .args(["plan", "--start", "2026-12-07", "--hours-per-week", "5"])
            .arg(minimal()),
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..7],
        [
            "Study plan for Tiny roadmap: 5 h a week, Monday to Friday, from Mon 2026-12-07",
            "3 topics to go, about 8 hours (2 without an estimate count 3 h each).",
            "",
            "Phase 1: First: done by Mon 2026-12-14",
            "Phase 2: Second: done by Wed 2026-12-16",
            "The whole roadmap: done by Wed 2026-12-16",
            "",
        ]
    );
    assert_eq!(
        lines[7..10],
        [
            "Week of Mon 2026-12-07",
            "  Basics (3 h, no estimate): Mon 2026-12-07 to Wed 2026-12-09",
            "  Middle (3 h, no estimate): Thu 2026-12-10 to Mon 2026-12-14",
        ]
    );
    common::roadmap_command()
        .args(["plan", "--start", "next monday"])
        .arg(minimal())
        .assert()
        .code(1)
        .stderr(
            "error: the start date must be a date written YYYY-MM-DD, such as 2026-01-05, not \
             `next monday`\n",
        );
}

/// Without options, `plan` and the iCalendar export both use the plan saved with the progress
/// (the window's Plan section), and give the same days.
#[test]
fn plan_and_the_calendar_use_the_saved_plan_and_agree() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("p.json");
    std::fs::write(
        &progress,
        r#"{"format_version": 1, "roadmap_id": "tiny", "topics": {"basics": {"status": "done"}},
            "goal": "end", "plan": {"hours_per_week": 10, "start": "2026-12-07"}}"#,
    )
    .unwrap();
    let text = stdout(
        common::roadmap_command()
            .arg("--progress")
            .arg(&progress)
            .arg("plan")
            .arg(minimal()),
    );
    assert!(
        text.starts_with(
            "Study plan for Tiny roadmap: 10 h a week, Monday to Friday, from Mon 2026-12-07\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\nGoal: End: reached by Wed 2026-12-09\n"),
        "{text}"
    );
    let ics = stdout(
        common::roadmap_command()
            .arg("--progress")
            .arg(&progress)
            .args(["export", "--format", "ics"])
            .arg(minimal()),
    );
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    let events: Vec<(String, String)> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => {
                use icalendar::Component as _;
                Some((
                    e.get_summary().unwrap().to_owned(),
                    e.property_value("DTSTART").unwrap().to_owned(),
                ))
            }
            _ => None,
        })
        .collect();
    // The plan's lines, for the topics the calendar holds.
    for (summary, start) in &events {
        let day = format!("{}-{}-{}", &start[..4], &start[4..6], &start[6..8]);
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("  {summary} ("))
                    && l.contains(&format!(" {day} to "))),
            "{summary} on {day} is not in the plan:\n{text}"
        );
    }
    assert_eq!(events.len(), 2, "basics is done");
}
