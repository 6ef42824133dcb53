//! Loading and validating roadmap files. Loading never panics; every problem found is reported
//! at once, each as `FILE:LINE:COL: message`.

mod checker;
mod fast;
mod syntax;

use std::fmt;
use std::io::Read as _;
use std::path::Path;

use super::graph::RoadmapGraph;
use super::loaded::LoadedRoadmap;
use super::validate;
pub use super::validate::{MAX_TEXT_CHARS, MAX_TITLE_CHARS, is_kebab_case};
use checker::Checker;
use syntax::LineIndex;

/// Largest roadmap file the app reads.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The roadmap compiled into the binary.
pub const BUNDLED_JSON: &str = include_str!("../../../roadmap.json");
/// The name the bundled roadmap goes by in messages.
pub const BUNDLED_NAME: &str = "roadmap.json";

/// One problem in a roadmap file, at a 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line, or 0 when the problem has no place in the text (the file could not be read).
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

/// Why a roadmap could not be loaded: every problem found, in the order they appear in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it.
    pub path: String,
    /// The problems, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    fn whole_file(path: &str, message: String) -> Self {
        Self {
            path: path.to_owned(),
            diagnostics: vec![Diagnostic {
                line: 0,
                column: 0,
                message,
            }],
        }
    }

    /// Each problem as one `FILE:LINE:COL: message` line.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.diagnostics.iter().map(|d| {
            if d.line == 0 {
                format!("{}: {}", self.path, d.message)
            } else {
                format!("{}:{}:{}: {}", self.path, d.line, d.column, d.message)
            }
        })
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            f.write_str(&line)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Loads the roadmap compiled into the binary.
pub fn bundled() -> Result<LoadedRoadmap, LoadError> {
    load_str(BUNDLED_JSON, BUNDLED_NAME)
}

/// Reads and validates a roadmap file. Files over [`MAX_FILE_BYTES`] are refused unread.
pub fn load_file(path: &Path) -> Result<LoadedRoadmap, LoadError> {
    let bytes = read_limited(path)?;
    load_bytes(&bytes, &path.display().to_string())
}

/// The bytes of a file of at most [`MAX_FILE_BYTES`]; a bigger one is refused unread.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| {
        LoadError::whole_file(&shown, format!("cannot open the file: {}", io_words(&e)))
    })?;
    // A file known to be too big is refused before a byte is read; for the others (pipes and
    // devices report no length) the read below stops one byte past the limit.
    if file.metadata().is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        return Err(too_big(&shown));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            LoadError::whole_file(&shown, format!("cannot read the file: {}", io_words(&e)))
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(&shown));
    }
    Ok(bytes)
}

/// Validates a roadmap from raw bytes; `path` only names the file in messages.
pub fn load_bytes(bytes: &[u8], path: &str) -> Result<LoadedRoadmap, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(path));
    }
    if let Some(encoding) = utf16(bytes) {
        return Err(LoadError {
            path: path.to_owned(),
            diagnostics: vec![Diagnostic {
                line: 1,
                column: 1,
                message: format!(
                    "the file is {encoding} text; a roadmap file must be UTF-8 (save it as UTF-8)"
                ),
            }],
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(text, path),
        Err(e) => {
            // Report the place of the first bad byte, counting the valid text before it.
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = LineIndex::new(valid).position(valid, valid.len());
            Err(LoadError {
                path: path.to_owned(),
                diagnostics: vec![Diagnostic {
                    line,
                    column,
                    message: "the file is not valid UTF-8 text".to_owned(),
                }],
            })
        }
    }
}

/// What is worth a look in a roadmap that loads (see [`validate::warnings`]), each as
/// `FILE:LINE:COL: warning: message`; nothing for a text that does not load.
#[must_use]
pub fn warnings(text: &str, path: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut cx = Checker::new(text);
    let Some(roadmap) = cx.parse() else {
        return Vec::new();
    };
    let graph = RoadmapGraph::new(&roadmap);
    let mut found: Vec<(usize, String)> = validate::warnings(&roadmap, &graph)
        .into_iter()
        .map(|p| (cx.offset(p.place), p.message))
        .collect();
    found.sort_by_key(|(offset, _)| *offset);
    found
        .into_iter()
        .map(|(offset, message)| {
            let (line, column) = cx.lines.position(text, offset);
            format!("{path}:{line}:{column}: warning: {message}")
        })
        .collect()
}

/// What went wrong with a file, in words rather than an OS error number: "no such file",
/// "permission denied", or the system's own words without "(os error N)".
#[must_use]
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        _ => {
            let text = e.to_string();
            match text.rfind(" (os error ") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

fn too_big(path: &str) -> LoadError {
    LoadError::whole_file(
        path,
        format!(
            "the file is larger than {} MiB, the limit for a roadmap file",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// The UTF-16 encoding `bytes` are in, told by a byte order mark or, without one, by a NUL byte
/// beside the first ASCII character (as `{` or a space is written in UTF-16).
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian)"),
        [a, 0, ..] if *a != 0 && a.is_ascii() => Some("UTF-16 (little-endian)"),
        [0, b, ..] if *b != 0 && b.is_ascii() => Some("UTF-16 (big-endian)"),
        _ => None,
    }
}

/// Validates a roadmap held in a string; `path` only names the file in messages.
pub fn load_str(text: &str, path: &str) -> Result<LoadedRoadmap, LoadError> {
    // A file with nothing wrong needs no places: the checker runs only when something is.
    if let Some(loaded) = fast::load(text) {
        return Ok(loaded);
    }
    let mut cx = Checker::new(text);
    let roadmap = cx.parse();
    let graph = roadmap.as_ref().map(|r| {
        let graph = RoadmapGraph::new(r);
        let problems = validate::cycles(r, &graph);
        cx.roadmap_problems(problems);
        graph
    });
    if cx.problems.is_empty()
        && let (Some(roadmap), Some(graph)) = (roadmap, graph)
    {
        return Ok(LoadedRoadmap {
            roadmap,
            graph,
            carried_progress: cx.carried_progress,
        });
    }
    Err(cx.into_error(path))
}

/// The first thing that keeps `text` from being strict JSON, at its byte offset and said as the
/// loader says it; `None` when it is strict JSON. Readers of other tools' files start here.
#[must_use]
pub fn syntax_problem(text: &str) -> Option<(usize, String)> {
    if text.trim().is_empty() {
        return Some((0, "the file is empty".to_owned()));
    }
    let e = serde_json::from_str::<serde::de::IgnoredAny>(text).err()?;
    let offset = syntax::serde_offset(text, 0, text, &e);
    Some(syntax::syntax_error(text, offset, &e))
}

/// Byte offset in `text` of a `serde_json` error found in `slice`, a part of `text` that starts
/// at byte `base`.
#[must_use]
pub fn serde_offset(text: &str, base: usize, slice: &str, err: &serde_json::Error) -> usize {
    syntax::serde_offset(text, base, slice, err)
}

/// `serde_json`'s words for an error, without its own "at line … column …".
#[must_use]
pub fn serde_words(err: &serde_json::Error) -> String {
    syntax::readable(syntax::serde_message(err))
}

/// Problems found at byte offsets of `text` as a [`LoadError`], sorted, each at its line and
/// column.
#[must_use]
pub fn error_at(text: &str, path: &str, mut problems: Vec<(usize, String)>) -> LoadError {
    problems.sort_by_key(|(offset, _)| *offset);
    problems.dedup();
    let index = LineIndex::new(text);
    LoadError {
        path: path.to_owned(),
        diagnostics: problems
            .into_iter()
            .map(|(offset, message)| {
                let (line, column) = index.position(text, offset);
                Diagnostic {
                    line,
                    column,
                    message,
                }
            })
            .collect(),
    }
}
