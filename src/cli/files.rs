//! The commands on roadmap files themselves: `check` and `fmt`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{load, report_load_error};
use crate::{model, store};

/// `roadmap check [--strict] [FILE]`.
pub fn check(
    file: Option<&Path>,
    strict: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    match load(file) {
        Ok(loaded) => {
            let text = match file {
                Some(path) => std::fs::read_to_string(path).unwrap_or_default(),
                None => model::load::BUNDLED_JSON.to_owned(),
            };
            let shown = file.map_or_else(
                || model::load::BUNDLED_NAME.to_owned(),
                |p| p.display().to_string(),
            );
            let warnings = model::load::warnings(&text, &shown);
            for warning in &warnings {
                let _ = writeln!(err, "{warning}");
            }
            if strict && !warnings.is_empty() {
                let n = warnings.len();
                let s = if n == 1 { "" } else { "s" };
                let _ = writeln!(
                    err,
                    "error: {n} warning{s} in {shown}, and --strict fails on warnings"
                );
                return ExitCode::FAILURE;
            }
            let _ = writeln!(out, "{}", loaded.summary_line());
            ExitCode::SUCCESS
        }
        Err(e) => {
            report_load_error(&e, err);
            ExitCode::FAILURE
        }
    }
}

/// `roadmap fmt [--check] FILE`.
pub fn fmt(file: &Path, check_only: bool, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let loaded = match model::load_file(file) {
        Ok(loaded) => loaded,
        Err(e) => {
            report_load_error(&e, err);
            return ExitCode::FAILURE;
        }
    };
    let shown = file.display();
    if loaded.carried_progress.is_some() {
        let _ = writeln!(
            err,
            "error: {shown} is a personal roadmap (a roadmap with progress, as exported); fmt \
             rewrites roadmap files only"
        );
        return ExitCode::FAILURE;
    }
    // The file loaded, so it is text; read again to compare byte for byte.
    let text = std::fs::read_to_string(file).unwrap_or_default();
    if model::write::is_canonical(&text, &loaded.roadmap) {
        return ExitCode::SUCCESS;
    }
    if check_only {
        let _ = writeln!(
            err,
            "{shown}: not in the canonical form; `roadmap fmt {shown}` rewrites it"
        );
        return ExitCode::FAILURE;
    }
    match store::write_atomic(file, model::write::canonical(&loaded.roadmap).as_bytes()) {
        Ok(()) => {
            let _ = writeln!(out, "formatted {shown}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "error: {shown}: cannot write the file: {}",
                model::load::io_words(&e)
            );
            ExitCode::FAILURE
        }
    }
}
