//! The command line: the window by default, and subcommands that need no display.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::model::{self, LoadError, LoadedRoadmap};

/// Most problems printed for one file; the rest are counted.
const MAX_PRINTED_PROBLEMS: usize = 200;

/// Plan, track and present a learning roadmap.
#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Roadmap file to open (default: the bundled roadmap).
    pub file: Option<PathBuf>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a roadmap file and print a one-line summary; exit 1 on problems.
    Check {
        /// Roadmap file (default: the bundled roadmap).
        file: Option<PathBuf>,
    },
    /// Print the JSON Schema of the roadmap format.
    Schema,
}

/// Loads FILE, or the bundled roadmap when none is given.
pub fn load(file: Option<&Path>) -> Result<LoadedRoadmap, LoadError> {
    match file {
        Some(path) => model::load_file(path),
        None => model::bundled(),
    }
}

/// Prints every problem of a failed load, one `FILE:LINE:COL: message` per line.
pub fn print_problems(err: &LoadError, out: &mut impl Write) {
    for line in err.lines().take(MAX_PRINTED_PROBLEMS) {
        let _ = writeln!(out, "{line}");
    }
    let more = err.diagnostics.len().saturating_sub(MAX_PRINTED_PROBLEMS);
    if more > 0 {
        let _ = writeln!(out, "{}: and {more} more problems", err.path);
    }
}

/// `roadmap check [FILE]`.
pub fn check(file: Option<&Path>, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    match load(file) {
        Ok(loaded) => {
            let _ = writeln!(out, "{}", loaded.summary_line());
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_problems(&e, err);
            let _ = writeln!(
                err,
                "error: {} problem{} in {}",
                e.diagnostics.len(),
                if e.diagnostics.len() == 1 { "" } else { "s" },
                e.path
            );
            ExitCode::FAILURE
        }
    }
}

/// `roadmap schema`.
pub fn schema(out: &mut impl Write) -> ExitCode {
    match out.write_all(model::schema_json().as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
