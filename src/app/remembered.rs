//! What the window remembers between runs (theme, text size, last roadmap, size, view): read at
//! start, put into effect on the first frame, saved when it changes.

use std::path::PathBuf;

use super::RoadmapApp;
use crate::command::View;
use crate::layout::Direction;
use crate::ui;

impl RoadmapApp {
    /// Restores what was remembered (view, panels, direction now; theme and text size on the
    /// first frame), and saves the settings to `path` when they change and on exit.
    #[must_use]
    pub fn with_settings(
        mut self,
        settings: crate::settings::Settings,
        path: Option<PathBuf>,
    ) -> Self {
        use crate::settings::{SavedDirection, SavedView};
        self.map.set_direction(match settings.direction {
            SavedDirection::LeftToRight => Direction::LeftToRight,
            SavedDirection::TopToBottom => Direction::TopToBottom,
        });
        self.view = match settings.view {
            SavedView::Map => View::Map,
            SavedView::Outline => View::Outline,
        };
        self.panels.progress = settings.progress_panel;
        self.panels.outline = settings.outline_panel;
        self.panels.minimap = settings.overview_map;
        self.pending_look = Some((settings.theme, settings.zoom));
        self.settings = settings;
        self.settings_path = path;
        self
    }

    /// The settings as they would be saved now.
    #[must_use]
    pub fn settings(&self) -> crate::settings::Settings {
        use crate::settings::{SavedDirection, SavedView};
        let mut settings = self.settings.clone();
        settings.direction = match self.map.direction() {
            Direction::LeftToRight => SavedDirection::LeftToRight,
            Direction::TopToBottom => SavedDirection::TopToBottom,
        };
        settings.view = match self.view {
            View::Map => SavedView::Map,
            View::Outline => SavedView::Outline,
        };
        if let Some(p) = &self.presenting {
            settings.progress_panel = p.saved.panels.progress;
            settings.outline_panel = p.saved.panels.outline;
            settings.overview_map = p.saved.panels.minimap;
        } else {
            settings.progress_panel = self.panels.progress;
            settings.outline_panel = self.panels.outline;
            settings.overview_map = self.panels.minimap;
        }
        // Absolute, so the next start finds it from whatever folder it is started in.
        settings.last_roadmap = self
            .doc
            .file
            .as_ref()
            .map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone()));
        settings
    }

    /// Writes the settings, if they have a place; a failure is only reported.
    pub fn save_settings(&self) {
        if let Some(path) = &self.settings_path
            && let Err(e) = crate::settings::save(path, &self.settings())
        {
            eprintln!("warning: {}: settings not saved: {e}", path.display());
        }
    }

    /// Notes the window's size and text size, and puts the saved theme into effect once.
    pub(super) fn track_settings(&mut self, ctx: &egui::Context) {
        if let Some((theme, zoom)) = self.pending_look.take() {
            // Following the system is egui's own default: nothing to change.
            if theme != crate::settings::ThemeChoice::System {
                ui::theme::apply_theme(ctx, theme);
            }
            if (zoom - 1.0).abs() > f32::EPSILON {
                ctx.set_zoom_factor(zoom);
            }
        }
        self.settings.zoom = ctx.zoom_factor();
        let (size, fullscreen) = ctx.input(|i| {
            (
                i.viewport().inner_rect.map(|r| r.size()),
                i.viewport().fullscreen.unwrap_or(false),
            )
        });
        if let Some(size) = size.filter(|_| !fullscreen && self.presenting.is_none()) {
            // The viewport's rect is in egui points, which the text size scales; the window is
            // opened in unscaled points.
            let zoom = ctx.zoom_factor();
            self.settings.window_size = Some([size.x * zoom, size.y * zoom]);
        }
    }
}
