//! The map while the roadmap is edited: the arrow under a click, the selected arrow, and the
//! line that follows the pointer while a link is dragged from a topic.

use egui::{Pos2, Stroke, pos2};

use super::MapView;
use crate::picture::items;
use crate::picture::palette::{self as theme, Palette};
use crate::picture::place::{Placed, to_rect};

/// How close to an arrow, in points, a click selects it.
const PICK_DISTANCE: f32 = 6.0;

impl MapView {
    /// The arrows as drawn on screen, each flattened into a line of points.
    fn arrow_lines(&self, placed: &Placed) -> Vec<((usize, usize), Vec<Pos2>)> {
        let head = (theme::EDGE_HEAD * self.to_screen.scaling).clamp(4.0, 14.0);
        placed
            .layout
            .edges
            .iter()
            .enumerate()
            .filter_map(|(k, route)| {
                let points: Vec<Pos2> = route
                    .iter()
                    .map(|p| self.to_screen * pos2(p.x, p.y))
                    .collect();
                let arrow = items::arrow(&points, head)?;
                let line = arrow
                    .curves
                    .iter()
                    .flat_map(|c| {
                        egui::epaint::CubicBezierShape::from_points_stroke(
                            *c,
                            false,
                            egui::Color32::TRANSPARENT,
                            Stroke::NONE,
                        )
                        .flatten(Some(0.5))
                    })
                    .collect();
                Some((placed.edges[k], line))
            })
            .collect()
    }

    /// The arrow within a few points of `at`, the nearest if several: (prerequisite, topic).
    pub(super) fn link_at(&self, placed: &Placed, at: Pos2) -> Option<(usize, usize)> {
        self.arrow_lines(placed)
            .into_iter()
            .filter_map(|(link, line)| {
                let d = line
                    .windows(2)
                    .map(|w| distance_to_segment(at, w[0], w[1]))
                    .fold(f32::INFINITY, f32::min);
                (d <= PICK_DISTANCE).then_some((d, link))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, link)| link)
    }

    /// The selected arrow, drawn over the others in the selection's colour.
    pub(super) fn paint_selected_link(
        &self,
        painter: &egui::Painter,
        placed: &Placed,
        colours: &Palette,
        link: (usize, usize),
    ) {
        if let Some(k) = placed.edges.iter().position(|e| *e == link) {
            let width =
                (theme::EDGE_HIGHLIGHT_WIDTH * 1.6 * self.to_screen.scaling).clamp(2.5, 6.0);
            self.paint_edge(
                painter,
                &placed.layout.edges[k],
                Stroke::new(width, colours.selection),
            );
        }
    }

    /// While a link is dragged from topic `from`: a line from it to the pointer.
    pub(super) fn paint_link_drag(
        &self,
        ui: &egui::Ui,
        painter: &egui::Painter,
        placed: &Placed,
        colours: &Palette,
        from: usize,
    ) {
        let (Some(at), Some(node)) = (
            ui.input(|i| i.pointer.interact_pos()),
            placed.layout.nodes.get(from),
        ) else {
            return;
        };
        let start = (self.to_screen * to_rect(*node)).center();
        painter.line_segment([start, at], Stroke::new(2.5, colours.selection));
        painter.circle_filled(at, 4.0, colours.selection);
    }
}

/// The distance from `p` to the segment from `a` to `b`.
fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let length = ab.length_sq();
    if length <= f32::EPSILON {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / length).clamp(0.0, 1.0);
    p.distance(a + t * ab)
}
