//! The command line: the window by default, and subcommands that need no display.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory as _, Parser, Subcommand};

mod files;
mod import;
mod plan;
mod status;

pub use files::{check, fmt};
pub use import::import;
pub use plan::plan;
pub use status::status;

use crate::export;
use crate::model::{self, LoadError, LoadedRoadmap, Overview, Progress, Status};
use crate::store::{self, Notice, Opened};

/// Most problems printed for one file; the rest are counted.
const MAX_PRINTED_PROBLEMS: usize = 200;

/// Plan, track and present a learning roadmap.
#[derive(Debug, Parser)]
// Not `args_conflicts_with_subcommands`: it would also refuse the global `--progress` before
// a subcommand (and then read the subcommand's name as FILE). `Cli::try_parse_args` refuses the
// window's own arguments with a subcommand instead.
#[command(
    name = "roadmap",
    version,
    about,
    override_usage = "roadmap [OPTIONS] [FILE]\n       roadmap [--progress <PATH>] <COMMAND>"
)]
pub struct Cli {
    /// What to do; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Roadmap file to open (default: the roadmap open last, else the bundled roadmap).
    pub file: Option<PathBuf>,
    /// Open the window, save a PNG of it to PATH once the map is drawn, and exit.
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,
    /// Open the window presenting the roadmap: full screen, topic by topic.
    #[arg(long)]
    pub present: bool,
    /// Progress file: the window and `mark` read and write it, `status` and `export` read it;
    /// `check`, `schema` and `bench` do not use it (default: one file per roadmap id in the
    /// user's data folder).
    #[arg(long, value_name = "PATH", global = true)]
    pub progress: Option<PathBuf>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a roadmap file and print a one-line summary; exit 1 on problems. Warnings (a
    /// topic without a summary, rationale or source yet, …) are printed and pass, unless
    /// --strict.
    Check {
        /// Fail on warnings too: for a roadmap that is ready to share.
        #[arg(long)]
        strict: bool,
        /// Roadmap file (default: the bundled roadmap).
        file: Option<PathBuf>,
    },
    /// Rewrite a roadmap file in the canonical form (fields in the schema's order, two-space
    /// indent), so a roadmap kept in git gets small diffs. A file that does not load is left as
    /// it is, and its problems are printed as by `check`.
    Fmt {
        /// Change nothing; exit 1 when the file is not in the canonical form.
        #[arg(long)]
        check: bool,
        /// Roadmap file.
        file: PathBuf,
    },
    /// Make a roadmap file from another tool's: an Obsidian canvas (JSON Canvas) or a
    /// roadmap.sh roadmap (React Flow JSON), told by its content. Writes the roadmap in the
    /// canonical form and says on standard error what was made and what was left out.
    Import {
        /// The canvas or roadmap.sh file.
        file: PathBuf,
        /// Write the roadmap to this file instead of standard output.
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of the roadmap format.
    Schema,
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), made from the same definitions as --help.
    Manual,
    /// Record where a topic stands, and print how far the roadmap is done.
    Mark {
        /// Id of the topic, as in the roadmap file.
        topic: String,
        /// todo, doing, done or skipped.
        status: String,
        /// Private note to keep with the topic (an empty TEXT removes it).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Roadmap file (default: the bundled roadmap).
        file: Option<PathBuf>,
    },
    /// Print progress per phase, the topics ready to start, and what stands before the goal.
    Status {
        /// Roadmap file (default: the bundled roadmap).
        file: Option<PathBuf>,
    },
    /// Print the study plan: when each phase, the goal and the whole roadmap are done, and the
    /// topics week by week, from the hours per week and start the window saved (or these).
    Plan {
        /// Hours of study per week (default: the saved plan's, else 5).
        #[arg(long, value_name = "HOURS")]
        hours_per_week: Option<f64>,
        /// The first day, YYYY-MM-DD (default: the saved plan's, else today).
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// Roadmap file (default: the bundled roadmap).
        file: Option<PathBuf>,
    },
    /// Export the roadmap with your progress: md, json, svg, png, pdf, slides, html, canvas, drawio, dot, mermaid or ics.
    /// Output goes to standard output unless --output names a file.
    Export {
        /// md, json, svg, png, pdf, slides, html, canvas, drawio, dot, mermaid or ics.
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Export only this phase (its id).
        #[arg(long, value_name = "PHASE_ID")]
        phase: Option<String>,
        /// Leave out your private notes (md, json, ics include them unless told).
        #[arg(long, conflicts_with = "notes")]
        no_notes: bool,
        /// Include your private notes in the PDF (left out by default: it is made to share).
        #[arg(long)]
        notes: bool,
        /// Colours of the map in svg, png and pdf.
        #[arg(long, value_enum, default_value_t = Theme::Light)]
        theme: Theme,
        /// Which way the map's layers run in svg, png and pdf: top-to-bottom suits a portrait
        /// page.
        #[arg(long, value_enum, default_value_t = Layers::LeftToRight)]
        layers: Layers,
        /// PDF: the paper of the map pages (default: your locale's, Letter in North America,
        /// A4 elsewhere).
        #[arg(long, value_enum)]
        paper: Option<PaperName>,
        /// PNG: pixels per point; lowered when the image would exceed 16,384 pixels a side
        /// or 100 megapixels.
        #[arg(long, value_name = "FACTOR", default_value_t = 2.0)]
        scale: f32,
        /// Study plan (ics): the first day, YYYY-MM-DD (default: the saved plan's, else today).
        /// Give it to get the same bytes on any day.
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// Study plan (ics): hours of study per week (default: the saved plan's, else 5).
        #[arg(long, value_name = "HOURS")]
        hours_per_week: Option<f64>,
        /// Study plan (ics): hours for a topic without an estimate.
        #[arg(long, value_name = "HOURS", default_value_t = 3.0)]
        default_hours: f64,
        /// Roadmap file (default: the bundled roadmap).
        file: Option<PathBuf>,
    },
    /// Time loading, layout and the map's frames at several sizes next to Graphviz dot, then
    /// compare crossings, edge length and bends with dot's, and measure how much of the drawing
    /// stays in place when a topic is added; Markdown tables (build with --release).
    Bench {
        /// Numbers of topics, comma-separated: the bundled roadmap's count (64) means the bundled
        /// roadmap, any other a generated roadmap of that many topics.
        #[arg(long, value_name = "N,N,...", value_delimiter = ',', default_values_t = crate::bench::DEFAULT_SIZES)]
        sizes: Vec<usize>,
        /// Seed of the generated roadmaps: 1 gives one phase at every size, 2 three phases.
        #[arg(long, value_name = "N", default_value_t = 1)]
        seed: u64,
    },
}

impl Cli {
    /// Parses the process's arguments; on a mistake, prints it with the usage and exits 2.
    #[must_use]
    pub fn parse_args() -> Self {
        Self::try_parse_args(std::env::args_os()).unwrap_or_else(|e| e.exit())
    }

    /// Parses arguments (the first is the program name), refusing FILE and `--screenshot`, which
    /// belong to the window, together with a subcommand: `roadmap my.json check` would otherwise
    /// check the bundled roadmap instead of `my.json`.
    pub fn try_parse_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let cli = Self::try_parse_from(args)?;
        // `roadmap chek`: a FILE that is not there and reads like a subcommand is a typo.
        if cli.command.is_none()
            && let Some(file) = cli.file.as_deref()
            && !file.exists()
            && let Some(word) = file.to_str().filter(|w| !w.contains(['/', '\\', '.']))
        {
            let command = Self::command();
            let names = command.get_subcommands().map(clap::Command::get_name);
            if let Some(close) = crate::model::validate::closest(word, names) {
                return Err(Self::command().error(
                    ErrorKind::InvalidSubcommand,
                    format!(
                        "`{word}` is neither a file nor a subcommand; did you mean `roadmap {close}`?"
                    ),
                ));
            }
        }
        if let Some(command) = &cli.command {
            let window_arg = if cli.file.is_some() {
                Some(("[FILE]", "; put FILE after the subcommand"))
            } else if cli.screenshot.is_some() {
                Some(("--screenshot", ""))
            } else if cli.present {
                Some(("--present", ""))
            } else {
                None
            };
            if let Some((arg, hint)) = window_arg {
                return Err(Self::command().error(
                    ErrorKind::ArgumentConflict,
                    format!(
                        "the argument '{arg}' belongs to the window and cannot be used with the \
                         subcommand '{}'{hint}",
                        command.name()
                    ),
                ));
            }
        }
        Ok(cli)
    }
}

impl Command {
    /// The subcommand's name on the command line.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Check { .. } => "check",
            Self::Schema => "schema",
            Self::Completions { .. } => "completions",
            Self::Manual => "manual",
            Self::Fmt { .. } => "fmt",
            Self::Import { .. } => "import",
            Self::Mark { .. } => "mark",
            Self::Status { .. } => "status",
            Self::Plan { .. } => "plan",
            Self::Export { .. } => "export",
            Self::Bench { .. } => "bench",
        }
    }
}

/// Loads FILE, or the bundled roadmap when none is given. Another tool's file (a canvas, a
/// roadmap.sh roadmap) is refused with the command that imports it.
pub fn load(file: Option<&Path>) -> Result<LoadedRoadmap, LoadError> {
    let Some(path) = file else {
        return model::bundled();
    };
    model::load_file(path).map_err(|e| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        match model::import::Format::of(&text) {
            model::import::Format::Roadmap => e,
            other => LoadError {
                path: e.path,
                diagnostics: vec![model::Diagnostic {
                    line: 0,
                    column: 0,
                    message: format!(
                        "this is a {} file, not a roadmap file: `roadmap import {}` makes a \
                         roadmap of it, and File > Open in the window imports it",
                        other.name(),
                        path.display()
                    ),
                }],
            },
        }
    })
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

/// Prints every problem of a failed load, then a count of them.
/// Loads FILE (or the bundled roadmap), printing its problems to `err` when it does not load.
pub(crate) fn load_or_report(file: Option<&Path>, err: &mut impl Write) -> Option<LoadedRoadmap> {
    load(file).map_err(|e| report_load_error(&e, err)).ok()
}

pub(crate) fn report_load_error(e: &LoadError, err: &mut impl Write) {
    print_problems(e, err);
    let _ = writeln!(
        err,
        "error: {} problem{} in {}",
        e.diagnostics.len(),
        if e.diagnostics.len() == 1 { "" } else { "s" },
        e.path
    );
}

/// `roadmap bench [--sizes N,N,...] [--seed N]`.
pub fn bench(sizes: &[usize], seed: u64, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    match crate::bench::run(sizes, seed, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `roadmap completions SHELL`: the completion script for `roadmap` in that shell.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> ExitCode {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "roadmap", out);
    ExitCode::SUCCESS
}

/// `roadmap manual`: the manual page, `roadmap.1`, with a section per subcommand.
pub fn manual(out: &mut impl Write) -> ExitCode {
    let command = Cli::command();
    let mut page = Vec::new();
    let written = clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .and_then(|()| {
            // Each subcommand's options follow, as `roadmap help COMMAND` gives them.
            for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
                let name = format!("roadmap {}", sub.get_name());
                let man = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
                page.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
                man.render_synopsis_section(&mut page)?;
                man.render_options_section(&mut page)?;
            }
            out.write_all(&page)
        });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// `roadmap schema`.
pub fn schema(out: &mut impl Write) -> ExitCode {
    match out.write_all(model::schema_json().as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// The progress file to use: the one named with `--progress`, or the roadmap's own file in the
/// user's data folder.
pub fn progress_path(explicit: Option<&Path>, roadmap_id: &str) -> Result<PathBuf, String> {
    match explicit {
        Some(path) => Ok(path.to_owned()),
        None => store::default_path(roadmap_id).ok_or_else(|| {
            "no data folder is known for this user to keep progress in; name a file with \
             --progress PATH"
                .to_owned()
        }),
    }
}

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map_or_else(String::new, |(_, c)| format!(" (did you mean `{c}`?)"))
}

/// Resolves and opens the progress file, telling the user on stderr when a damaged file was
/// moved aside. `None` (after printing why) when there is no file to use.
pub(crate) fn open_progress(
    loaded: &LoadedRoadmap,
    explicit: Option<&Path>,
    err: &mut impl Write,
) -> Option<(PathBuf, Opened)> {
    let path = match progress_path(explicit, &loaded.roadmap.id) {
        Ok(path) => path,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return None;
        }
    };
    let opened = store::open(&path, &loaded.roadmap.id);
    if let Some(Notice::Recovered { moved_to, problem }) = &opened.notice {
        let _ = writeln!(err, "warning: {problem}");
        let _ = writeln!(
            err,
            "warning: the damaged progress file was moved to {}; progress starts empty",
            moved_to.display()
        );
    }
    Some((path, opened))
}

/// `roadmap mark TOPIC STATUS [--note TEXT] [FILE]`: records a topic's status (and note), saves
/// the progress file atomically and prints one line on how far the roadmap is done.
pub fn mark(
    file: Option<&Path>,
    progress: Option<&Path>,
    topic: &str,
    status: &str,
    note: Option<&str>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    let Some(loaded) = load_or_report(file, err) else {
        return ExitCode::FAILURE;
    };
    // Both arguments are checked before the progress file is touched, so a typo never moves a
    // damaged file aside or writes anything.
    // `Done`, `DONE` and `done` are the same word.
    let Some(status) = Status::from_name(&status.to_lowercase()) else {
        let hint = did_you_mean(status, Status::ALL.map(Status::name));
        let _ = writeln!(
            err,
            "error: unknown status `{status}`{hint}: use todo, doing, done or skipped"
        );
        return ExitCode::FAILURE;
    };
    if loaded.graph.index_of(topic).is_none() {
        let ids = loaded.roadmap.topics.iter().map(|t| t.id.as_str());
        let _ = writeln!(
            err,
            "error: roadmap `{}` has no topic `{topic}`{}",
            loaded.roadmap.id,
            did_you_mean(topic, ids)
        );
        return ExitCode::FAILURE;
    }
    let path = match progress_path(progress, &loaded.roadmap.id) {
        Ok(path) => path,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return ExitCode::FAILURE;
        }
    };
    // Read, change and write under the lock the window's saver takes too, so neither overwrites
    // what the other has just written.
    let marked = store::locked(&path, || {
        let opened = open_progress(&loaded, Some(&path), err)?.1;
        mark_in(opened, &path, topic, status, note, err)
    });
    let progress = match marked {
        Ok(Some(progress)) => progress,
        Ok(None) => return ExitCode::FAILURE,
        Err(e) => {
            let _ = writeln!(
                err,
                "error: {}: cannot lock the progress file: {e}",
                path.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let overview = Overview::new(&loaded, &progress);
    let (cleared, total) = overview.cleared_of(0..loaded.roadmap.topics.len());
    let _ = writeln!(
        out,
        "{topic}: {} ({cleared} of {total} topics done or skipped)",
        status.name()
    );
    ExitCode::SUCCESS
}

/// The change `mark` makes to `opened`, saved to `path`; `None` after telling why it was not.
fn mark_in(
    opened: Opened,
    path: &Path,
    topic: &str,
    status: Status,
    note: Option<&str>,
    err: &mut impl Write,
) -> Option<Progress> {
    if let Some(notice) = opened.notice.as_ref().filter(|n| !n.allows_saving()) {
        let _ = writeln!(err, "error: {}", notice.problem());
        let _ = writeln!(
            err,
            "error: {} is left as it is; nothing was saved",
            path.display()
        );
        return None;
    }
    let mut progress = opened.progress;
    progress.set_status(topic, status);
    if let Some(note) = note {
        progress.set_note(topic, note);
    }
    if let Err(e) = store::save(path, &progress) {
        let _ = writeln!(err, "error: {}: cannot save progress: {e}", path.display());
        return None;
    }
    Some(progress)
}

/// The colours of an exported picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Theme {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
    /// White on black with strong outlines, for projectors.
    HighContrast,
}

impl From<Theme> for crate::picture::palette::Look {
    fn from(theme: Theme) -> Self {
        match theme {
            Theme::Light => Self::Light,
            Theme::Dark => Self::Dark,
            Theme::HighContrast => Self::HighContrast,
        }
    }
}

/// Which way an exported map's layers run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layers {
    /// Prerequisites on the left, what they unlock to the right.
    LeftToRight,
    /// Prerequisites at the top, what they unlock below.
    TopToBottom,
}

impl From<Layers> for crate::layout::Direction {
    fn from(layers: Layers) -> Self {
        match layers {
            Layers::LeftToRight => Self::LeftToRight,
            Layers::TopToBottom => Self::TopToBottom,
        }
    }
}

/// A paper size on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperName {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 inches.
    Letter,
}

/// What `roadmap export` was asked for.
#[derive(Debug, Clone)]
pub struct ExportRequest<'a> {
    /// The format's command-line name.
    pub format: &'a str,
    /// Where to write; standard output when `None`.
    pub output: Option<&'a Path>,
    /// What goes in; the plan's start and hours come from `plan`.
    pub options: export::Options,
    /// The study plan's start and hours per week, when given; else the saved plan's.
    pub plan: (Option<String>, Option<f64>),
}

/// `roadmap export --format FORMAT [--output PATH] [FILE]`: the personal roadmap in a format
/// people pass around. The same input gives the same bytes.
pub fn export_command(
    file: Option<&Path>,
    progress: Option<&Path>,
    request: &ExportRequest<'_>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    let Some(format) = export::Format::from_name(request.format) else {
        let names: Vec<&str> = export::Format::ALL.iter().map(|f| f.name()).collect();
        let _ = writeln!(
            err,
            "error: unknown format `{}`{}; formats: {}",
            request.format,
            did_you_mean(request.format, names.iter().copied()),
            names.join(", ")
        );
        return ExitCode::FAILURE;
    };
    let Some(loaded) = load_or_report(file, err) else {
        return ExitCode::FAILURE;
    };
    // A personal roadmap file carries its own progress; otherwise the user's file is read.
    let progress = if let Some(carried) = &loaded.carried_progress {
        carried.clone()
    } else {
        let Some((_, opened)) = open_progress(&loaded, progress, err) else {
            return ExitCode::FAILURE;
        };
        if let Some(Notice::CannotRead { problem }) = &opened.notice {
            let _ = writeln!(err, "error: {problem}");
            return ExitCode::FAILURE;
        }
        opened.progress
    };
    let personal = export::Personal {
        loaded: &loaded,
        progress: &progress,
    };
    // The plan the window and `roadmap plan` show, unless the command line says otherwise.
    let mut options = request.options.clone();
    let saved = progress.plan.clone().unwrap_or_default();
    options.start = request
        .plan
        .0
        .clone()
        .or(saved.start)
        .unwrap_or_else(|| model::plan::today().to_string());
    options.hours_per_week = request.plan.1.unwrap_or(saved.hours_per_week);
    let bytes = match export::export(format, &personal, &options) {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let words = model::load::io_words;
    let written = match request.output {
        Some(path) => std::fs::write(path, &bytes)
            .map_err(|e| format!("cannot write {}: {}", path.display(), words(&e))),
        None => match out.write_all(&bytes).and_then(|()| out.flush()) {
            // The reader stopped reading (`| head`): that ends the command quietly, as other
            // tools do.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| format!("cannot write to standard output: {}", words(&e))),
        },
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::FAILURE
        }
    }
}
