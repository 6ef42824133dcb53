//! Where the user's progress lives and how it reaches the disk: one JSON file per roadmap id,
//! written atomically, read without ever panicking, and never overwritten when it could not be
//! understood. A damaged file is renamed aside, never reset in place, so no tick is ever lost
//! without the user being told where it went.

use std::fmt;
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use atomic_write_file::AtomicWriteFile;
use jsonc_parser::common::Ranged as _;
use serde_json::Value;
use serde_path_to_error::Segment;

use crate::model::progress::{PROGRESS_FORMAT_VERSION, Progress, Status, TopicProgress};
use crate::model::validate::is_kebab_case;

mod saver;

pub use saver::{DiskChange, DiskCheck, Saver};

/// Largest progress file read; larger ones are treated as damaged (as the roadmap loader does).
pub const MAX_PROGRESS_BYTES: u64 = 16 * 1024 * 1024;
/// How long [`Saver`] waits for a burst of changes to settle before writing.
pub const SAVE_DEBOUNCE: Duration = Duration::from_millis(250);
/// Longest [`Saver`] lets a change wait while changes keep coming; leaves room for the write
/// itself within one second.
pub const SAVE_MAX_DELAY: Duration = Duration::from_millis(800);

/// The progress file kept for a roadmap id: `<data folder>/roadmap/progress/<id>.json`
/// (`~/.local/share/roadmap/progress/<id>.json` on Linux). `None` when the platform has no
/// home folder, or when the id is not kebab-case (so an id can never name a path elsewhere).
#[must_use]
pub fn default_path(roadmap_id: &str) -> Option<PathBuf> {
    path_in(&default_folder()?, roadmap_id)
}

/// The folder where progress files are kept: `<data folder>/roadmap/progress`; `None` when the
/// platform has no home folder.
#[must_use]
pub fn default_folder() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "roadmap")?;
    Some(dirs.data_dir().join("progress"))
}

/// The progress file of a roadmap id in `folder`; `None` when the id is not kebab-case.
#[must_use]
pub fn path_in(folder: &Path, roadmap_id: &str) -> Option<PathBuf> {
    is_kebab_case(roadmap_id).then(|| folder.join(format!("{roadmap_id}.json")))
}

/// Something about the progress file the user must be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The file was damaged (or belongs to another roadmap): it was renamed aside and progress
    /// starts empty. Saving is allowed: it writes a new file, the old bytes stay at `moved_to`.
    Recovered {
        /// Where the damaged file now is.
        moved_to: PathBuf,
        /// What was wrong, as `FILE:LINE:COL: message` where there is a position.
        problem: String,
    },
    /// The file was written by a newer version of the app. It is left untouched, progress holds
    /// what could be read of it, and nothing may be saved over it.
    ReadOnly {
        /// Why, as `FILE:LINE:COL: message`.
        problem: String,
    },
    /// The file exists but could not be read (permissions, I/O error, or a damaged file that
    /// could not be moved aside). Progress starts empty and nothing may be saved over it.
    CannotRead {
        /// Why, as `FILE: message`.
        problem: String,
    },
}

impl Notice {
    /// Whether progress may be saved to the file after this notice.
    #[must_use]
    pub fn allows_saving(&self) -> bool {
        matches!(self, Self::Recovered { .. })
    }

    /// What went wrong, as `FILE:LINE:COL: message` or `FILE: message`.
    #[must_use]
    pub fn problem(&self) -> &str {
        match self {
            Self::Recovered { problem, .. }
            | Self::ReadOnly { problem }
            | Self::CannotRead { problem } => problem,
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Recovered { moved_to, problem } => write!(
                f,
                "{problem}; the damaged file was moved to {} and progress starts empty",
                moved_to.display()
            ),
            Self::ReadOnly { problem } => write!(
                f,
                "{problem}; the file is left as it is and progress will not be saved"
            ),
            Self::CannotRead { problem } => write!(
                f,
                "{problem}; progress will not be saved until the file can be read"
            ),
        }
    }
}

/// What [`open`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The progress to show and edit.
    pub progress: Progress,
    /// What the user must be told, if anything.
    pub notice: Option<Notice>,
}

impl Opened {
    /// Whether progress may be saved to the file (no notice, or one that allows it).
    #[must_use]
    pub fn can_save(&self) -> bool {
        self.notice.as_ref().is_none_or(Notice::allows_saving)
    }

    fn empty(roadmap_id: &str, notice: Option<Notice>) -> Self {
        Self {
            progress: Progress::new(roadmap_id),
            notice,
        }
    }
}

/// Reads the progress file of `roadmap_id`. Never panics and never loses the file's bytes:
/// a missing file gives empty progress; a damaged one, or one of another roadmap, is renamed to
/// `<name>.corrupt-<UTC time>` beside it; a newer or unreadable one is left untouched and the
/// notice says that nothing may be saved over it.
#[must_use]
pub fn open(path: &Path, roadmap_id: &str) -> Opened {
    let shown = path.display().to_string();
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Opened::empty(roadmap_id, None),
        Err(e) => {
            let problem = format!(
                "{shown}: cannot read the progress file: {}",
                crate::model::load::io_words(&e)
            );
            return Opened::empty(roadmap_id, Some(Notice::CannotRead { problem }));
        }
    };
    match parse(&bytes, &shown, roadmap_id) {
        Ok(progress) => Opened {
            progress,
            notice: None,
        },
        Err(Unreadable::Newer { progress, problem }) => Opened {
            progress: *progress,
            notice: Some(Notice::ReadOnly { problem }),
        },
        Err(Unreadable::Damaged(problem)) => match move_aside(path, SystemTime::now()) {
            Ok(moved_to) => {
                Opened::empty(roadmap_id, Some(Notice::Recovered { moved_to, problem }))
            }
            Err(e) => {
                let problem = format!("{problem} (the file could not be moved aside: {e})");
                Opened::empty(roadmap_id, Some(Notice::CannotRead { problem }))
            }
        },
    }
}

/// Writes progress atomically: a temporary file in the same folder is written, synced and
/// renamed over the old file, and the folder is synced, so a crash leaves either the old or the
/// new file, never a torn one. Creates missing parent folders. The text is pretty JSON with a
/// trailing newline, in a stable order. Progress of another format version is refused, so
/// progress read from a newer file can never be written back in an older shape.
pub fn save(path: &Path, progress: &Progress) -> io::Result<()> {
    if progress.format_version != PROGRESS_FORMAT_VERSION {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "progress of format_version {} cannot be written by this build, which writes \
                 version {PROGRESS_FORMAT_VERSION}",
                progress.format_version
            ),
        ));
    }
    let mut text = serde_json::to_string_pretty(progress).map_err(io::Error::other)?;
    text.push('\n');
    write_atomic(path, text.as_bytes())
}

/// Runs `f` holding the lock that every writer of the progress file at `path` takes around
/// reading and writing it (the window's saver, `roadmap mark`), so no writer overwrites what
/// another wrote a moment before without seeing it. The lock is an advisory lock on
/// `.<file name>.lock` beside the file (kept, since removing it would let two writers lock
/// different files), as the file itself is replaced on every save. Where the
/// file system cannot lock, `f` runs without it.
pub fn locked<R>(path: &Path, f: impl FnOnce() -> R) -> io::Result<R> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path.with_file_name(name))?;
    match file.lock() {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::Unsupported => return Ok(f()),
        Err(e) => return Err(e),
    }
    let out = f();
    // Closing the file releases the lock too; unlocking first says so.
    let _ = file.unlock();
    Ok(out)
}

/// What a progress file holds right now, read without moving anything aside.
#[derive(Debug, Clone, PartialEq)]
pub enum OnDisk {
    /// No file.
    Missing,
    /// Progress of this roadmap, in this build's format.
    Progress(Progress),
    /// Damaged, or another roadmap's: why, as `FILE:LINE:COL: message`.
    Damaged(String),
    /// Written by a newer build: why.
    Newer(String),
    /// The file could not be read: why.
    CannotRead(String),
}

/// Reads the progress file at `path` as it is now (call it under [`locked`]).
#[must_use]
pub fn read_now(path: &Path, roadmap_id: &str) -> OnDisk {
    let shown = path.display().to_string();
    match read_limited(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => OnDisk::Missing,
        Err(e) => OnDisk::CannotRead(format!(
            "{shown}: cannot read the progress file: {}",
            crate::model::load::io_words(&e)
        )),
        Ok(bytes) => match parse(&bytes, &shown, roadmap_id) {
            Ok(progress) => OnDisk::Progress(progress),
            Err(Unreadable::Damaged(problem)) => OnDisk::Damaged(problem),
            Err(Unreadable::Newer { problem, .. }) => OnDisk::Newer(problem),
        },
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written, synced
/// and renamed over the old file, and the folder is synced. Creates missing parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = AtomicWriteFile::options().open(path)?;
    file.write_all(bytes)?;
    file.flush()?;
    // `commit` syncs the file, renames it over the old one and syncs the folder.
    file.commit()
}

/// The time as `20261125T204500Z` (UTC), as used in the names of files moved aside.
#[must_use]
pub fn utc_stamp(time: SystemTime) -> String {
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let (days, day_secs) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        day_secs / 3600,
        day_secs / 60 % 60,
        day_secs % 60
    )
}

/// Year, month and day of a count of days since 1970-01-01, in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`), so no date crate is needed for one file name.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_PROGRESS_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Why a progress file's bytes could not be used as they are.
enum Unreadable {
    /// Damaged, or not this roadmap's: to be moved aside.
    Damaged(String),
    /// Written by a newer build: to be left alone; `progress` is what could be read.
    Newer {
        progress: Box<Progress>,
        problem: String,
    },
}

fn parse(bytes: &[u8], shown: &str, roadmap_id: &str) -> Result<Progress, Unreadable> {
    if bytes.len() as u64 > MAX_PROGRESS_BYTES {
        return Err(Unreadable::Damaged(format!(
            "{shown}: the file is larger than {} MiB, the limit for a progress file",
            MAX_PROGRESS_BYTES / (1024 * 1024)
        )));
    }
    // Editors on Windows may add a byte order mark; serde_json would reject it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = position(valid, valid.len());
            return Err(Unreadable::Damaged(format!(
                "{shown}:{line}:{column}: the file is not valid UTF-8 text"
            )));
        }
    };
    if text.trim().is_empty() {
        return Err(Unreadable::Damaged(format!(
            "{shown}:1:1: the file is empty"
        )));
    }
    // Syntax first, on an untyped value, so a newer file is recognised before its fields are.
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Unreadable::Damaged(serde_problem(shown, text, &e, None)))?;
    if !value.is_object() {
        let start = text.len() - text.trim_start().len();
        let (line, column) = position(text, start);
        return Err(Unreadable::Damaged(format!(
            "{shown}:{line}:{column}: a progress file holds one JSON object at the top, found {}",
            kind_of(&value)
        )));
    }
    if let Some(version) = value.get("format_version").and_then(Value::as_u64)
        && version > u64::from(PROGRESS_FORMAT_VERSION)
    {
        return Err(Unreadable::Newer {
            progress: Box::new(salvage(&value, roadmap_id, version)),
            problem: format!(
                "{}: the progress file has format_version {version}, newer than this build \
                 reads ({PROGRESS_FORMAT_VERSION}): update the app",
                at(shown, text, "format_version")
            ),
        });
    }
    let progress = typed(text, &value, shown).map_err(Unreadable::Damaged)?;
    if progress.format_version != PROGRESS_FORMAT_VERSION {
        return Err(Unreadable::Damaged(format!(
            "{}: unknown format_version {} (this build reads {PROGRESS_FORMAT_VERSION})",
            at(shown, text, "format_version"),
            progress.format_version
        )));
    }
    if progress.roadmap_id != roadmap_id {
        return Err(Unreadable::Damaged(format!(
            "{}: this progress belongs to roadmap `{}`, not to `{roadmap_id}`",
            at(shown, text, "roadmap_id"),
            progress.roadmap_id
        )));
    }
    Ok(progress)
}

/// What a newer file holds that this build understands, when it is of this roadmap: entries
/// with a known status and the goal. Only for showing; [`save`] refuses its format version.
fn salvage(value: &Value, roadmap_id: &str, version: u64) -> Progress {
    let mut progress = Progress::new(roadmap_id);
    progress.format_version = u32::try_from(version).unwrap_or(u32::MAX);
    if value.get("roadmap_id").and_then(Value::as_str) != Some(roadmap_id) {
        return progress;
    }
    if let Some(topics) = value.get("topics").and_then(Value::as_object) {
        for (id, entry) in topics {
            let status = match entry.get("status") {
                None => Some(Status::Todo),
                Some(s) => s.as_str().and_then(Status::from_name),
            };
            // A status this build does not know is left out rather than shown as another.
            let Some(status) = status else { continue };
            let note = entry
                .get("note")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let topic = TopicProgress {
                status,
                note: note.to_owned(),
            };
            if !topic.is_blank() {
                progress.topics.insert(id.clone(), topic);
            }
        }
    }
    progress.goal = value.get("goal").and_then(Value::as_str).map(str::to_owned);
    progress
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `FILE:LINE:COL` of a top-level field's value, or `FILE` when it cannot be found.
fn at(shown: &str, text: &str, key: &str) -> String {
    let found = jsonc_parser::parse_to_ast(
        text,
        &jsonc_parser::CollectOptions::default(),
        &jsonc_parser::ParseOptions::default(),
    )
    .ok()
    .and_then(|parsed| match parsed.value {
        Some(jsonc_parser::ast::Value::Object(obj)) => obj
            .properties
            .iter()
            .find(|p| p.name.as_str() == key)
            .map(|p| p.value.range().start),
        _ => None,
    });
    match found {
        Some(offset) => {
            let (line, column) = position(text, offset);
            format!("{shown}:{line}:{column}")
        }
        None => shown.to_owned(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Reads the typed progress from text already known to be one JSON object, naming the field at
/// fault: `serde_json` alone would say `expected value` for a status that is a number.
fn typed(text: &str, value: &Value, shown: &str) -> Result<Progress, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize::<_, Progress>(&mut de).map_err(|e| {
        let path = e.path().clone();
        let inner = e.into_inner();
        let keys: Vec<&str> = path
            .iter()
            .filter_map(|segment| match segment {
                Segment::Map { key } => Some(key.as_str()),
                _ => None,
            })
            .collect();
        let plain = serde_message(&inner);
        let message = match keys.as_slice() {
            ["topics", id, "status"] => {
                let found = value
                    .get("topics")
                    .and_then(|t| t.get(*id))
                    .and_then(|t| t.get("status"))
                    .map_or_else(|| "missing".to_owned(), Value::to_string);
                format!("the status of `{id}` is {found}: use todo, doing, done or skipped")
            }
            [] => plain,
            _ if plain.starts_with("unknown field") => plain,
            _ => format!("`{path}`: {plain}"),
        };
        serde_problem(shown, text, &inner, Some(message))
    })
}

/// A `serde_json` error's message without its position.
fn serde_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// A `serde_json` error as `FILE:LINE:COL: message`, the column counted in characters;
/// `message` replaces `serde_json`'s own words when given.
fn serde_problem(
    shown: &str,
    text: &str,
    e: &serde_json::Error,
    message: Option<String>,
) -> String {
    let message = message.unwrap_or_else(|| serde_message(e));
    let message = if e.is_eof() {
        format!("the file ends too early, as if cut short ({message})")
    } else {
        message
    };
    if e.line() == 0 {
        return format!("{shown}: {message}");
    }
    // serde_json counts the column in bytes up to and including the offending byte.
    let line_text = text.split('\n').nth(e.line() - 1).unwrap_or_default();
    let mut end = e.column().min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end += 1;
    }
    let column = line_text[..end].chars().count().max(1);
    format!("{shown}:{}:{column}: {message}", e.line())
}

/// Renames a damaged file to `<name>.corrupt-<UTC time>` beside it, never over another file.
fn move_aside(path: &Path, now: SystemTime) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let stamp = utc_stamp(now);
    for n in 1..=100 {
        let mut aside = name.to_os_string();
        aside.push(format!(".corrupt-{stamp}"));
        if n > 1 {
            aside.push(format!("-{n}"));
        }
        let aside = path.with_file_name(aside);
        // `rename` would replace an earlier damaged file moved aside in the same second.
        if aside.symlink_metadata().is_ok() {
            continue;
        }
        std::fs::rename(path, &aside)?;
        sync_folder(&aside);
        return Ok(aside);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many damaged files were moved aside in the same second",
    ))
}

/// Makes a rename durable where the platform allows syncing a folder; best effort, since the
/// bytes are safe either way (under the old or the new name).
fn sync_folder(file: &Path) {
    if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(handle) = std::fs::File::open(folder)
    {
        let _ = handle.sync_all();
    }
}
