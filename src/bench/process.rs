//! The whole `roadmap export --format svg` process, start to exit, next to the whole `dot -Tsvg`
//! process on the same graph with the same titles: our own `roadmap export --format dot` of the
//! roadmap, so dot measures and sets the same words. Both read a file and write a file in a
//! temporary folder; the progress file named is in that folder too, so the user's data folder is
//! never touched.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{Case, DOT_MAX_NODES, Row, run_dot};

/// How long one run of our export may take before the row gives up.
const TIMEOUT: Duration = Duration::from_mins(1);

/// The median time of the whole `roadmap export --format svg` process on the case's roadmap,
/// next to the median of the whole `dot -Tsvg` process on our DOT export of it.
pub(super) fn export_svg(case: &Case, runs: usize, dot: bool, program: &Path) -> Row {
    let dir = std::env::temp_dir().join(format!(
        "roadmap-bench-{}-{}-process",
        std::process::id(),
        case.topics()
    ));
    let row = |time, reference| Row {
        measurement: "whole export svg (process)",
        time,
        reference,
        crossings: None,
    };
    let roadmap = dir.join("roadmap.json");
    if std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&roadmap, &case.json))
        .is_err()
    {
        let _ = std::fs::remove_dir_all(&dir);
        return row(Duration::ZERO, Err("n/a (cannot write the roadmap file)"));
    }
    let ours = median_of(runs, || export(program, &dir, &roadmap, "svg"));
    let reference = if !dot {
        Err("n/a (dot not installed)")
    } else if case.topics() > DOT_MAX_NODES {
        Err("n/a (dot not run above 2,000 topics)")
    } else {
        export(program, &dir, &roadmap, "dot").and_then(|_| {
            let (file, to) = (dir.join("roadmap.dot"), dir.join("dot.svg"));
            median_of(runs.min(3), || run_dot(&file, "svg", &to, None)).map(|t| ("dot -Tsvg", t))
        })
    };
    let _ = std::fs::remove_dir_all(&dir);
    match ours {
        Ok(time) => row(time, reference),
        Err(why) => row(Duration::ZERO, Err(why)),
    }
}

/// The median of `runs` timed runs, or the first failure.
fn median_of(
    runs: usize,
    mut run: impl FnMut() -> Result<Duration, &'static str>,
) -> Result<Duration, &'static str> {
    let mut times = (0..runs.max(1))
        .map(|_| run())
        .collect::<Result<Vec<_>, _>>()?;
    times.sort_unstable();
    Ok(times[times.len() / 2])
}

/// Runs `program` as `roadmap --progress DIR/progress.json export --format FORMAT --output
/// DIR/roadmap.FORMAT ROADMAP` and times the whole process.
fn export(
    program: &Path,
    dir: &Path,
    roadmap: &Path,
    format: &str,
) -> Result<Duration, &'static str> {
    let start = Instant::now();
    let child = Command::new(program)
        .arg("--progress")
        .arg(dir.join("progress.json"))
        .args(["export", "--format", format, "--output"])
        .arg(dir.join(format!("roadmap.{format}")))
        .arg(roadmap)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| "n/a (the export did not start)")?;
    finish(
        child,
        start,
        TIMEOUT,
        "n/a (the export failed)",
        "n/a (the export took over 60 s)",
    )
}

/// Waits for `child`, started at `start`, and returns how long it ran. A failure is reported as
/// `failed`; a run over `limit` is stopped and reported as `too_long`.
pub(super) fn finish(
    mut child: Child,
    start: Instant,
    limit: Duration,
    failed: &'static str,
    too_long: &'static str,
) -> Result<Duration, &'static str> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(start.elapsed()),
            Ok(Some(_)) | Err(_) => return Err(failed),
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(too_long);
            }
            Ok(None) => std::thread::sleep(Duration::from_micros(200)),
        }
    }
}
