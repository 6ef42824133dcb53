//! `roadmap status`: progress per phase and overall, what can be started now, the way to the
//! goal.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{load_or_report, open_progress};
use crate::export;
use crate::model::{LoadedRoadmap, Overview, Progress, Status};
use crate::store::Notice;

/// `roadmap status [FILE]`: progress per phase and overall, what can be started now, the way to
/// the goal, and saved entries that match no topic.
pub fn status(
    file: Option<&Path>,
    progress: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    let Some(loaded) = load_or_report(file, err) else {
        return ExitCode::FAILURE;
    };
    let Some((path, opened)) = open_progress(&loaded, progress, err) else {
        return ExitCode::FAILURE;
    };
    match &opened.notice {
        Some(Notice::ReadOnly { problem }) => {
            let _ = writeln!(err, "warning: {problem}");
            let _ = writeln!(
                err,
                "warning: showing what this build can read of it; the file is left as it is"
            );
        }
        Some(Notice::CannotRead { problem }) => {
            let _ = writeln!(err, "error: {problem}");
            return ExitCode::FAILURE;
        }
        Some(Notice::Recovered { .. }) | None => {}
    }
    match write_status(&loaded, &opened.progress, &path, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Width of the progress bars, in characters.
const BAR_WIDTH: usize = 10;

/// `[###.......]`-style bar; full only when everything is cleared.
fn bar(done: usize, total: usize) -> String {
    let filled = (done * BAR_WIDTH).checked_div(total).unwrap_or(0);
    format!("{}{}", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled))
}

/// Hours as `2`, `2.5`, `12.3`.
fn hours(h: f64) -> String {
    export::markdown::hours_text(h)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn write_status(
    loaded: &LoadedRoadmap,
    progress: &Progress,
    path: &Path,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let roadmap = &loaded.roadmap;
    let topics = &roadmap.topics;
    let overview = Overview::new(loaded, progress);
    writeln!(out, "{} ({})", roadmap.title, roadmap.id)?;
    writeln!(out, "Progress file: {}", path.display())?;

    let mut rows: Vec<(String, (usize, usize))> = roadmap
        .phases_in_order()
        .iter()
        .zip(overview.by_phase(loaded))
        .enumerate()
        .map(|(i, (phase, counts))| (format!("Phase {}: {}", i + 1, phase.title), counts))
        .collect();
    rows.push(("Overall".to_owned(), overview.cleared_of(0..topics.len())));
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, (done, total)) in &rows {
        writeln!(
            out,
            "{label:<width$}  [{}] {done}/{total}",
            bar(*done, *total)
        )?;
    }

    let list = |out: &mut dyn Write, ids: &[usize]| -> std::io::Result<()> {
        let width = ids
            .iter()
            .map(|&i| topics[i].id.chars().count())
            .max()
            .unwrap_or(0);
        for &i in ids {
            writeln!(out, "  {:<width$}  {}", topics[i].id, topics[i].title)?;
        }
        Ok(())
    };
    let doing: Vec<usize> = loaded
        .graph
        .topological_order()
        .iter()
        .copied()
        .filter(|&i| overview.status[i] == Status::Doing)
        .collect();
    if !doing.is_empty() {
        writeln!(out, "In progress:")?;
        list(out, &doing)?;
    }
    let next = overview.next_up(loaded);
    if !next.is_empty() {
        writeln!(out, "Next up:")?;
        list(out, &next)?;
    } else if overview.status.iter().all(|s| s.is_cleared()) {
        writeln!(out, "Next up: nothing, every topic is done or skipped")?;
    } else {
        writeln!(
            out,
            "Next up: nothing until the topics in progress are done"
        )?;
    }

    if let Some(goal) = &progress.goal {
        match loaded.graph.index_of(goal) {
            None => writeln!(out, "Goal: {goal} (no such topic in this roadmap)")?,
            Some(g) => {
                writeln!(out, "Goal: {goal}  {}", topics[g].title)?;
                let (open, total_hours) = overview.toward(loaded, g);
                if open.is_empty() {
                    writeln!(
                        out,
                        "  reached: it and everything before it are done or skipped"
                    )?;
                } else {
                    let unestimated = open
                        .iter()
                        .filter(|&&i| topics[i].estimate_hours.is_none())
                        .count();
                    let caveat = if unestimated == 0 {
                        String::new()
                    } else {
                        format!(
                            " ({} without an estimate)",
                            plural(unestimated, "topic", "topics")
                        )
                    };
                    writeln!(
                        out,
                        "  {} to go, {} h estimated{caveat}",
                        plural(open.len(), "topic", "topics"),
                        hours(total_hours)
                    )?;
                }
            }
        }
    }

    let unmatched = progress.unmatched(&loaded.graph);
    if !unmatched.is_empty() {
        let (entries, verb) = if unmatched.len() == 1 {
            ("entry", "matches")
        } else {
            ("entries", "match")
        };
        writeln!(
            out,
            "{} saved {entries} {verb} no topic in this roadmap",
            unmatched.len()
        )?;
        for id in unmatched {
            writeln!(out, "  {id}")?;
        }
    }
    Ok(())
}
