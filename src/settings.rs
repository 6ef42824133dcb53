//! What the window remembers between runs: the theme, the text size, the last roadmap, the
//! window's size and the view. One small JSON file in the data folder, next to the progress
//! folder, written atomically. A missing, damaged or foreign file gives the defaults and never
//! stops the app.

use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Largest settings file read; a larger one is ignored.
pub const MAX_SETTINGS_BYTES: u64 = 64 * 1024;

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeChoice {
    /// Light or dark as the system is.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
    /// White on black with strong outlines.
    HighContrast,
}

impl ThemeChoice {
    /// Every choice, in menu order.
    pub const ALL: [ThemeChoice; 4] = [
        ThemeChoice::System,
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::HighContrast,
    ];

    /// The words shown in the menu.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow the system",
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::HighContrast => "High contrast",
        }
    }
}

/// Which way the map's layers run, as saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SavedDirection {
    /// Left to right.
    #[default]
    LeftToRight,
    /// Top to bottom.
    TopToBottom,
}

/// The view filling the window, as saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SavedView {
    /// The map.
    #[default]
    Map,
    /// The outline.
    Outline,
}

/// Everything remembered. Unknown fields are ignored and missing ones take their defaults, so
/// files written by other versions still load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The colour theme.
    pub theme: ThemeChoice,
    /// How large text and everything else is drawn (egui's zoom factor), 1 by default.
    pub zoom: f32,
    /// The roadmap file open last; `None` for the bundled roadmap.
    pub last_roadmap: Option<PathBuf>,
    /// The window's inner size in points.
    pub window_size: Option<[f32; 2]>,
    /// Which way the map's layers run.
    pub direction: SavedDirection,
    /// The view filling the window.
    pub view: SavedView,
    /// Whether the progress panel is shown.
    pub progress_panel: bool,
    /// Whether the outline is shown beside the map.
    pub outline_panel: bool,
    /// Whether the overview map is shown in the map's corner.
    pub overview_map: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            zoom: 1.0,
            last_roadmap: None,
            window_size: None,
            direction: SavedDirection::LeftToRight,
            view: SavedView::Map,
            progress_panel: true,
            outline_panel: false,
            overview_map: true,
        }
    }
}

impl Settings {
    /// The settings with every value brought within sense: a zoom between 0.5 and 3, a window
    /// between 320 and 16,384 points on each side.
    #[must_use]
    pub fn sane(mut self) -> Self {
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self.zoom.clamp(0.5, 3.0);
        self.window_size = self.window_size.and_then(|[w, h]| {
            (w.is_finite() && h.is_finite())
                .then(|| [w.clamp(320.0, 16_384.0), h.clamp(320.0, 16_384.0)])
        });
        self
    }
}

/// `<data folder>/roadmap/settings.json`, beside the `progress` folder; `None` when the
/// platform has no home folder.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "roadmap")?;
    Some(dirs.data_dir().join("settings.json"))
}

/// Reads the settings. A missing file gives the defaults quietly; a file that cannot be read or
/// used gives the defaults and says why, for a warning.
#[must_use]
pub fn load(path: &Path) -> (Settings, Option<String>) {
    let read = || -> io::Result<Option<String>> {
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut bytes = Vec::new();
        file.take(MAX_SETTINGS_BYTES + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_SETTINGS_BYTES {
            return Err(io::Error::other("larger than 64 KiB"));
        }
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| io::Error::other("not UTF-8"))
    };
    match read() {
        Ok(None) => (Settings::default(), None),
        Ok(Some(text)) => match serde_json::from_str::<Settings>(&text) {
            Ok(settings) => (settings.sane(), None),
            Err(e) => (
                Settings::default(),
                Some(format!(
                    "{}:{}:{}: settings ignored: {e}",
                    path.display(),
                    e.line(),
                    e.column()
                )),
            ),
        },
        Err(e) => (
            Settings::default(),
            Some(format!("{}: settings ignored: {e}", path.display())),
        ),
    }
}

/// Writes the settings atomically (see [`crate::store::write_atomic`]).
pub fn save(path: &Path, settings: &Settings) -> io::Result<()> {
    let mut text = serde_json::to_string_pretty(settings).map_err(io::Error::other)?;
    text.push('\n');
    crate::store::write_atomic(path, text.as_bytes())
}
