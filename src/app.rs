//! The eframe app: holds the open roadmap and lays out the window.

use crate::model::LoadedRoadmap;
use crate::ui;

/// The desktop app.
pub struct RoadmapApp {
    loaded: LoadedRoadmap,
}

impl RoadmapApp {
    /// An app showing this roadmap.
    #[must_use]
    pub fn new(loaded: LoadedRoadmap) -> Self {
        Self { loaded }
    }

    /// The window title for the open roadmap.
    #[must_use]
    pub fn window_title(&self) -> String {
        format!("{} · Roadmap", self.loaded.roadmap.title)
    }

    /// The roadmap on screen.
    #[must_use]
    pub fn roadmap(&self) -> &LoadedRoadmap {
        &self.loaded
    }

    /// Draws the whole window into `ui`.
    pub fn window_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("top_bar").show(ui, |ui| ui::top_bar_ui(ui, &self.loaded));
        egui::CentralPanel::default().show(ui, |ui| ui::outline::outline_ui(ui, &self.loaded));
    }
}

impl eframe::App for RoadmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.window_ui(ui);
    }
}
