//! `roadmap plan`: the study plan the window shows, as text.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{load_or_report, open_progress};
use crate::model::plan::{self, DEFAULT_TOPIC_HOURS, Plan};
use crate::model::{LoadedRoadmap, Progress};
use crate::store::Notice;

/// `roadmap plan [--hours-per-week N] [--start YYYY-MM-DD] [FILE]`: from the hours and start
/// given, else those the window saved with the progress, else 5 hours a week from today.
pub fn plan(
    file: Option<&Path>,
    progress: Option<&Path>,
    (start, hours_per_week): (Option<String>, Option<f64>),
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    let Some(loaded) = load_or_report(file, err) else {
        return ExitCode::FAILURE;
    };
    let Some((_, opened)) = open_progress(&loaded, progress, err) else {
        return ExitCode::FAILURE;
    };
    if let Some(Notice::CannotRead { problem }) = &opened.notice {
        let _ = writeln!(err, "error: {problem}");
        return ExitCode::FAILURE;
    }
    let saved = opened.progress.plan.clone().unwrap_or_default();
    let start = match start.or(saved.start).map(|s| plan::parse_date(&s)) {
        Some(Ok(date)) => date,
        Some(Err(e)) => {
            let _ = writeln!(err, "error: {e}");
            return ExitCode::FAILURE;
        }
        None => plan::today(),
    };
    let hours = hours_per_week.unwrap_or(saved.hours_per_week);
    let order = loaded.graph.topological_order().to_vec();
    match plan::plan(
        &loaded,
        &opened.progress,
        &order,
        start,
        (hours, DEFAULT_TOPIC_HOURS),
    ) {
        Ok(made) => {
            let _ = out.write_all(plan_text(&loaded, &opened.progress, &made).as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A date as the plan writes it: `Mon 2026-12-07`.
#[must_use]
pub fn day(date: jiff::civil::Date) -> String {
    date.strftime("%a %Y-%m-%d").to_string()
}

/// Hours as the plan writes them: `4`, `2.5`.
fn hours_text(hours: f64) -> String {
    let text = format!("{hours:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_owned()
}

/// The plan as text: what it assumes, when each phase, the goal and the whole roadmap are done,
/// then the topics week by week.
#[must_use]
pub fn plan_text(loaded: &LoadedRoadmap, progress: &Progress, plan: &Plan) -> String {
    let roadmap = &loaded.roadmap;
    let mut out = format!(
        "Study plan for {}: {} h a week, Monday to Friday, from {}\n",
        roadmap.title,
        hours_text(plan.hours_per_week),
        day(plan.start)
    );
    let Some(end) = plan.end() else {
        out.push_str("Nothing left to plan: every topic is done or skipped.\n");
        return out;
    };
    let _ = write!(
        out,
        "{} topics to go, about {} hours",
        plan.topics.len(),
        hours_text(plan.hours())
    );
    match plan.defaulted() {
        0 => out.push_str(".\n"),
        1 => {
            let _ = writeln!(
                out,
                " (1 without an estimate counts {} h).",
                hours_text(plan.default_hours)
            );
        }
        n => {
            let _ = writeln!(
                out,
                " ({n} without an estimate count {} h each).",
                hours_text(plan.default_hours)
            );
        }
    }
    out.push('\n');
    let phases = roadmap.phases_in_order();
    for (k, phase) in phases.iter().enumerate() {
        let when = plan.phase_end(loaded, &phase.id).map_or_else(
            || "done already".to_owned(),
            |d| format!("done by {}", day(d)),
        );
        let _ = writeln!(out, "Phase {}: {}: {when}", k + 1, phase.title);
    }
    if let Some(goal) = progress
        .goal
        .as_deref()
        .and_then(|g| loaded.graph.index_of(g))
    {
        let when = plan.goal_end(loaded, goal).map_or_else(
            || "reached already".to_owned(),
            |d| format!("reached by {}", day(d)),
        );
        let _ = writeln!(out, "Goal: {}: {when}", roadmap.topics[goal].title);
    }
    let _ = writeln!(out, "The whole roadmap: done by {}", day(end));
    for (monday, topics) in plan.weeks() {
        let _ = writeln!(out, "\nWeek of {}", day(monday));
        for p in topics {
            let _ = writeln!(
                out,
                "  {} ({} h{}): {} to {}",
                roadmap.topics[p.topic].title,
                hours_text(p.hours),
                if p.defaulted { ", no estimate" } else { "" },
                day(p.first),
                day(p.last)
            );
        }
    }
    out
}
