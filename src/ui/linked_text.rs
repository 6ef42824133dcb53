//! A summary or rationale as the panels show it: words as written, and each `[[topic-id]]`
//! reference as a link with the topic's current title that selects the topic.

use egui::RichText;

use crate::model::LoadedRoadmap;
use crate::model::refs::{self, Piece};

/// Draws `text` wrapped to the width of `ui`, each reference a link; `style` dresses every
/// stretch alike (size, colour, italics). Returns the topic whose link was clicked.
pub fn linked_text_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    text: &str,
    style: impl Fn(RichText) -> RichText,
) -> Option<usize> {
    if !text.contains(refs::OPEN) {
        ui.add(egui::Label::new(style(RichText::new(text))).wrap());
        return None;
    }
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        // The stretches carry their own spaces.
        ui.spacing_mut().item_spacing.x = 0.0;
        for (_, piece) in refs::pieces(text) {
            match piece {
                Piece::Text(words) => {
                    ui.add(egui::Label::new(style(RichText::new(words))).wrap());
                }
                Piece::Ref { id, words } => match loaded.graph.index_of(id) {
                    Some(i) => {
                        let title = &loaded.roadmap.topics[i].title;
                        let shown = words.unwrap_or(title);
                        // Links keep the link colour whatever colour the words around wear.
                        let colour = ui.visuals().hyperlink_color;
                        let link =
                            ui.add(egui::Link::new(style(RichText::new(shown)).color(colour)));
                        if link.on_hover_text(format!("Select “{title}”")).clicked() {
                            clicked = Some(i);
                        }
                    }
                    None => {
                        ui.add(egui::Label::new(style(RichText::new(words.unwrap_or(id)))).wrap());
                    }
                },
            }
        }
    });
    clicked
}
