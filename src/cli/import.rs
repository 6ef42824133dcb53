//! `roadmap import FILE [--output PATH]`: another tool's roadmap as a roadmap file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::report_load_error;
use crate::model::import::{self, Format};
use crate::model::load::{self, io_words};
use crate::model::write;
use crate::store;

/// Reads `file` (a canvas or a roadmap.sh roadmap), writes the roadmap to `output` or `out`,
/// and says what the import did on `err`.
pub fn import(
    file: &Path,
    output: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    if let Some(output) = output
        && same_file(file, output)
    {
        let _ = writeln!(
            err,
            "error: --output {} is the file being imported; name another file, so the original \
             stays as it is",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    let shown = file.display().to_string();
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let opened =
        load::read_limited(file).and_then(|bytes| import::open_bytes(&bytes, &shown, &name));
    let opened = match opened {
        Ok(opened) => opened,
        Err(e) => {
            report_load_error(&e, err);
            return ExitCode::FAILURE;
        }
    };
    match &opened.report {
        Some(report) => {
            for line in report.lines() {
                let _ = writeln!(err, "{line}");
            }
        }
        None => {
            let _ = writeln!(
                err,
                "{shown} is already a {} file; it is written in the canonical form",
                Format::Roadmap.name()
            );
        }
    }
    let text = write::canonical(&opened.loaded.roadmap);
    let written = match output {
        Some(path) => store::write_atomic(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {}", path.display(), io_words(&e))),
        None => match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(format!("cannot write to standard output: {}", io_words(&e)))
            }
            _ => Ok(()),
        },
    };
    match written {
        Ok(()) => {
            if let Some(path) = output {
                let _ = writeln!(err, "wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Whether two paths name one file (both existing and the same, or written the same).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
