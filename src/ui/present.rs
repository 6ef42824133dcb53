//! Presentation mode: the roadmap told topic by topic in topological order, each with why it
//! sits there as a large caption, and a slim line showing the step and the phase.

use egui::RichText;

use crate::model::LoadedRoadmap;

/// Where a presentation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    /// The topics in the order they are shown: topological, phase by phase.
    pub order: Vec<usize>,
    /// The index into `order` of the topic on screen.
    pub step: usize,
    /// Phase rank of each topic.
    phase_of: Vec<usize>,
}

pub use crate::command::Step;

impl Presentation {
    /// A presentation of the whole roadmap, on its first topic.
    #[must_use]
    pub fn new(loaded: &LoadedRoadmap) -> Self {
        let phases = loaded.roadmap.phases_in_order();
        let phase_of = loaded
            .roadmap
            .topics
            .iter()
            .map(|t| phases.iter().position(|p| p.id == t.phase).unwrap_or(0))
            .collect();
        Self {
            order: loaded.graph.topological_order().to_vec(),
            step: 0,
            phase_of,
        }
    }

    /// The topic on screen.
    #[must_use]
    pub fn topic(&self) -> Option<usize> {
        self.order.get(self.step).copied()
    }

    /// The phase rank of the topic on screen.
    #[must_use]
    pub fn phase(&self) -> usize {
        self.topic().map_or(0, |t| self.phase_of[t])
    }

    /// Moves; returns whether the topic on screen changed.
    pub fn go(&mut self, step: Step) -> bool {
        let before = self.step;
        let last = self.order.len().saturating_sub(1);
        let phase_at = |k: usize| self.phase_of[self.order[k]];
        self.step = match step {
            Step::Next => (self.step + 1).min(last),
            Step::Previous => self.step.saturating_sub(1),
            Step::First => 0,
            Step::Last => last,
            Step::To(topic) => self
                .order
                .iter()
                .position(|&t| t == topic.get())
                .unwrap_or(self.step),
            Step::NextPhase => {
                let here = self.phase();
                (self.step..self.order.len())
                    .find(|&k| phase_at(k) != here)
                    .unwrap_or(self.step)
            }
            Step::PreviousPhase => {
                let here = self.phase();
                let start = (0..=self.step)
                    .rev()
                    .take_while(|&k| phase_at(k) == here)
                    .last()
                    .unwrap_or(self.step);
                if start < self.step || start == 0 {
                    start
                } else {
                    // Already on the phase's first topic: the previous phase's first.
                    let previous = phase_at(start - 1);
                    (0..start)
                        .rev()
                        .take_while(|&k| phase_at(k) == previous)
                        .last()
                        .unwrap_or(start)
                }
            }
        };
        self.step != before
    }
}

/// The caption under the map: the step and phase line, the topic's title and why it sits there.
pub fn caption_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    presentation: &Presentation,
) -> Option<usize> {
    let topic = presentation.topic()?;
    let t = &loaded.roadmap.topics[topic];
    let phases = loaded.roadmap.phases_in_order();
    let rank = presentation.phase();
    let total = presentation.order.len();
    let step = presentation.step + 1;
    ui.add_space(6.0);
    ui.add(
        egui::ProgressBar::new(step as f32 / total.max(1) as f32)
            .desired_height(4.0)
            .corner_radius(2.0),
    );
    let phase = phases.get(rank).map_or_else(
        || t.phase.clone(),
        |p| format!("Phase {} of {}: {}", rank + 1, phases.len(), p.title),
    );
    let sizes = CaptionSizes::for_height(ui.ctx().content_rect().height());
    let plain = ui.visuals().text_color();
    ui.horizontal_wrapped(|ui| {
        let line = |text: String| RichText::new(text).size(sizes.step);
        ui.label(line(format!("Step {step} of {total}")));
        ui.label(line("·".to_owned()));
        ui.label(line(phase));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // The keys in the text colour, not faded: they are read from the back of the room.
            ui.label(
                RichText::new("Right: next   Left: back   Page Down: next phase   Esc: leave")
                    .size(sizes.hints)
                    .color(plain),
            );
        });
    });
    ui.add_space(6.0);
    ui.add(egui::Label::new(RichText::new(&t.title).size(sizes.title).strong()).wrap());
    ui.add_space(4.0);
    let strong = ui.visuals().strong_text_color();
    let clicked = super::linked_text::linked_text_ui(ui, loaded, &t.rationale, |r| {
        r.size(sizes.body).color(strong)
    });
    ui.add_space(12.0);
    clicked
}

/// The caption's text sizes for a window `height` points tall: the sizes that read well at
/// 800 points, grown with the window so the back of a room can read a projector, the body never
/// below a fortieth of the height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CaptionSizes {
    /// The step and phase line.
    pub step: f32,
    /// The key hints.
    pub hints: f32,
    /// The topic's title.
    pub title: f32,
    /// The rationale.
    pub body: f32,
}

impl CaptionSizes {
    /// The sizes for a window of this height.
    #[must_use]
    pub fn for_height(height: f32) -> Self {
        let grow = (height / 800.0).max(1.0);
        Self {
            step: 16.0 * grow,
            hints: 14.0 * grow,
            title: 34.0 * grow,
            body: (22.0 * grow).max(height / 40.0),
        }
    }
}
