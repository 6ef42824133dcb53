//! Presentation mode: the caption under the map, and starting and stopping a show with the view
//! to come back to.

use super::{Panels, RoadmapApp};
use crate::command::{Command, View};
use crate::model::TopicIndex;
use crate::ui;
use crate::ui::map::{MapEvent, MapInput};

/// What presenting hides or moves, to put back afterwards.
#[derive(Debug, Clone, Copy)]
pub(super) struct SavedView {
    pub(super) camera: (egui::emath::TSTransform, egui::Rect),
    pub(super) selected: Option<usize>,
    pub(super) panels: Panels,
    pub(super) view: View,
    pub(super) fullscreen: bool,
}

/// A presentation running, with the view to return to.
pub(super) struct Presenting {
    pub(super) show: ui::present::Presentation,
    pub(super) saved: SavedView,
    /// The camera glides to the topic once the map has its presentation size.
    pub(super) glide: bool,
}

impl RoadmapApp {
    /// Starts presenting as soon as the window shows the map.
    #[must_use]
    pub fn presenting_on_start(mut self) -> Self {
        self.present_on_start = true;
        self
    }

    /// The presentation running, if any.
    #[must_use]
    pub fn presentation(&self) -> Option<&ui::present::Presentation> {
        self.presenting.as_ref().map(|p| &p.show)
    }

    /// The window while presenting: the map, spotlighting one topic and its prerequisite
    /// chain, over a caption with the step, the phase and why the topic sits there.
    pub(super) fn presentation_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Some(presenting) = &mut self.presenting else {
            return;
        };
        egui::Panel::bottom("caption")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(24, 8)),
            )
            .show(ui, |ui| {
                if let Some(i) = ui::present::caption_ui(ui, &self.doc.loaded, &presenting.show) {
                    commands.push(Command::PresentStep(ui::present::Step::To(
                        TopicIndex::new(i),
                    )));
                }
            });
        let topic = presenting.show.topic();
        let input = MapInput {
            selected: topic,
            overview: self
                .doc
                .tracker
                .has_progress(&self.doc.loaded)
                .then_some(self.doc.tracker.overview()),
            revision: self.doc.tracker.revision(),
            spotlight: topic,
            ..MapInput::default()
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                for event in self.map.ui(ui, &self.doc.loaded, input) {
                    if let MapEvent::TopicClicked(i) = event {
                        commands.push(Command::PresentStep(ui::present::Step::To(i)));
                    }
                }
            });
        if presenting.glide
            && let Some(topic) = topic
        {
            presenting.glide = false;
            self.map.glide_to_chain(ui.ctx(), &self.doc.loaded, topic);
        }
    }

    pub(super) fn start_presenting(&mut self, ctx: &egui::Context) {
        if self.presenting.is_some() || self.doc.loaded.roadmap.topics.is_empty() {
            return;
        }
        let saved = SavedView {
            camera: self.map.camera(),
            selected: self.selected,
            panels: self.panels,
            view: self.view,
            fullscreen: ctx.input(|i| i.viewport().fullscreen.unwrap_or(false)),
        };
        let show = ui::present::Presentation::new(&self.doc.loaded);
        self.selected = show.topic();
        self.view = View::Map;
        self.panels.help = false;
        if !saved.fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
        self.presenting = Some(Presenting {
            show,
            saved,
            glide: true,
        });
    }

    pub(super) fn stop_presenting(&mut self, ctx: &egui::Context) {
        let Some(Presenting { saved, .. }) = self.presenting.take() else {
            return;
        };
        self.selected = saved.selected;
        self.panels = saved.panels;
        self.view = saved.view;
        self.map.set_camera(saved.camera);
        if !saved.fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }
}
