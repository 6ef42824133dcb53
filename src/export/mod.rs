//! Exports of the personal roadmap: the roadmap with the user's statuses, notes and goal, in the
//! formats people pass around. Every exporter is a pure function of its input: the same roadmap,
//! progress and options give the same bytes on every run.

pub mod canvas;
pub mod dot;
pub mod drawio;
pub mod html;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod pdf;
pub mod png;
pub mod slides;
pub mod svg;

use crate::model::{LoadedRoadmap, Overview, Progress};

/// A format the roadmap can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Markdown task list by phase.
    Markdown,
    /// The personal roadmap as JSON: roadmap, statuses, notes, goal.
    Json,
    /// Graphviz DOT, one cluster per phase.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// An iCalendar study plan for the remaining topics.
    Ics,
    /// The whole map as SVG.
    Svg,
    /// The whole map as PNG, rendered from the SVG.
    Png,
    /// The map on a first page, then every topic's rationale, sources and status.
    Pdf,
    /// A handout: one self-contained web page with the map and every topic.
    Html,
    /// A 16:9 slide deck (PDF): the title, each phase, each topic with its chain lit.
    Slides,
    /// JSON Canvas, the format of Obsidian Canvas.
    Canvas,
    /// A draw.io (diagrams.net) diagram.
    Drawio,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 12] = [
        Format::Markdown,
        Format::Json,
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Slides,
        Format::Html,
        Format::Canvas,
        Format::Drawio,
        Format::Dot,
        Format::Mermaid,
        Format::Ics,
    ];

    /// The name used on the command line (`--format NAME`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Json => "json",
            Self::Dot => "dot",
            Self::Mermaid => "mermaid",
            Self::Ics => "ics",
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Pdf => "pdf",
            Self::Html => "html",
            Self::Slides => "slides",
            Self::Canvas => "canvas",
            Self::Drawio => "drawio",
        }
    }

    /// The format a command-line name stands for.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The usual file extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Json => "json",
            Self::Dot => "dot",
            Self::Mermaid => "mmd",
            Self::Ics => "ics",
            Self::Svg => "svg",
            Self::Png => "png",
            // A deck is a PDF too.
            Self::Pdf | Self::Slides => "pdf",
            Self::Html => "html",
            Self::Canvas => "canvas",
            Self::Drawio => "drawio",
        }
    }

    /// Whether the output is binary, not text for a terminal.
    #[must_use]
    pub fn is_binary(self) -> bool {
        matches!(self, Self::Png | Self::Pdf | Self::Slides)
    }

    /// Whether the format draws the map, so the theme applies.
    #[must_use]
    pub fn is_picture(self) -> bool {
        matches!(self, Self::Svg | Self::Png | Self::Pdf | Self::Slides)
    }

    /// Whether the format can carry the user's private notes.
    #[must_use]
    pub fn carries_notes(self) -> bool {
        matches!(
            self,
            Self::Markdown
                | Self::Json
                | Self::Ics
                | Self::Pdf
                | Self::Html
                | Self::Slides
                | Self::Canvas
        )
    }
}

/// What goes into an export.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Include the user's private notes.
    pub notes: bool,
    /// Export only the phase with this id.
    pub phase: Option<String>,
    /// For the study plan: the first day, as `YYYY-MM-DD`.
    pub start: String,
    /// For the study plan: hours of study per week.
    pub hours_per_week: f64,
    /// For the study plan: hours assumed for a topic without an estimate.
    pub default_hours: f64,
    /// For pictures: the colours of the map (light, dark, or high contrast for projectors).
    pub look: crate::picture::palette::Look,
    /// For PNG: pixels per point (2 gives sharp text on a projector).
    pub scale: f32,
    /// For pictures: which way the map's layers run. Top to bottom gives a roadmap of many
    /// layers a shape that fits a portrait page.
    pub direction: crate::layout::Direction,
    /// For PDF: the paper the map pages are printed on.
    pub paper: Paper,
}

/// A paper size the PDF's map pages are set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 × 297 mm, the size most of the world prints on.
    #[default]
    A4,
    /// 8.5 × 11 inches, North America's.
    Letter,
}

impl Paper {
    /// Width and height of a portrait sheet, in points.
    #[must_use]
    pub fn size(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::Letter => (612.0, 792.0),
        }
    }

    /// The paper of the user's locale, as the C library reads it (`LC_ALL`, then `LC_PAPER`,
    /// then `LANG`): Letter in the United States, Canada and the other countries that print on
    /// it, A4 elsewhere. `var` reads an environment variable.
    #[must_use]
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Self {
        const LETTER: [&str; 8] = ["_US", "_CA", "_MX", "_PH", "_CL", "_CO", "_VE", "_PR"];
        let locale = ["LC_ALL", "LC_PAPER", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if LETTER.iter().any(|c| locale.contains(c)) {
            Self::Letter
        } else {
            Self::A4
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            notes: false,
            phase: None,
            start: "2026-01-05".to_owned(),
            hours_per_week: 5.0,
            default_hours: 3.0,
            look: crate::picture::palette::Look::Light,
            scale: 2.0,
            direction: crate::layout::Direction::LeftToRight,
            paper: Paper::A4,
        }
    }
}

/// The roadmap and the user's progress on it.
#[derive(Debug, Clone, Copy)]
pub struct Personal<'a> {
    /// The roadmap.
    pub loaded: &'a LoadedRoadmap,
    /// The user's progress.
    pub progress: &'a Progress,
}

impl Personal<'_> {
    /// The topics to export, in topological order: all of them, or one phase's.
    #[must_use]
    pub fn topics(&self, options: &Options) -> Vec<usize> {
        let topics = &self.loaded.roadmap.topics;
        self.loaded
            .graph
            .topological_order()
            .iter()
            .copied()
            .filter(|&i| {
                options
                    .phase
                    .as_deref()
                    .is_none_or(|p| topics[i].phase == p)
            })
            .collect()
    }

    /// The roadmap a picture of these options draws: one phase standing alone, or the whole.
    #[must_use]
    pub fn drawn(&self, options: &Options) -> std::borrow::Cow<'_, LoadedRoadmap> {
        match &options.phase {
            Some(phase) => std::borrow::Cow::Owned(self.loaded.one_phase(phase)),
            None => std::borrow::Cow::Borrowed(self.loaded),
        }
    }

    /// Progress read against the graph.
    #[must_use]
    pub fn overview(&self) -> Overview {
        Overview::new(self.loaded, self.progress)
    }

    /// Whether the user has recorded a status for any topic of this roadmap.
    #[must_use]
    pub fn has_progress(&self) -> bool {
        self.loaded
            .roadmap
            .topics
            .iter()
            .any(|t| self.progress.status(&t.id) != crate::model::Status::Todo)
    }
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The options ask for what this roadmap cannot give: a phase it lacks, a start date or
    /// weekly hours that make no plan, nothing left to plan or to draw. The user can change them.
    Options(String),
    /// The file could not be made: a picture that would not render or encode.
    Failed(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Options(message) | Self::Failed(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ExportError {}

/// Writes the export in `format`.
pub fn export(
    format: Format,
    personal: &Personal<'_>,
    options: &Options,
) -> Result<Vec<u8>, ExportError> {
    if let Some(p) = &options.phase
        && personal.loaded.roadmap.phase(p).is_none()
    {
        let known: Vec<&str> = personal
            .loaded
            .roadmap
            .phases
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        return Err(ExportError::Options(format!(
            "there is no phase `{p}`; phases: {}",
            known.join(", ")
        )));
    }
    match format {
        Format::Markdown => Ok(markdown::export(personal, options).into_bytes()),
        Format::Json => json::export(personal, options),
        Format::Dot => Ok(dot::export(personal, options).into_bytes()),
        Format::Mermaid => Ok(mermaid::export(personal, options).into_bytes()),
        // Every way an iCalendar plan fails is an option it cannot plan with.
        Format::Ics => ics::export(personal, options)
            .map(String::into_bytes)
            .map_err(ExportError::Options),
        Format::Svg => svg::export(personal, options).map(String::into_bytes),
        Format::Png => png::export(personal, options),
        Format::Pdf => pdf::export(personal, options),
        Format::Html => html::export(personal, options).map(String::into_bytes),
        Format::Slides => slides::export(personal, options),
        Format::Canvas => canvas::export(personal, options).map(String::into_bytes),
        Format::Drawio => drawio::export(personal, options).map(String::into_bytes),
    }
}
