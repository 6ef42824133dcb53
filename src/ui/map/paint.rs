//! Painting the picture's items on screen: titles at the zoom, arrows through their bend points,
//! phase labels that stay readable (and pinned in view), the legend, and badges through egui's
//! painter.

use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::MapView;
use crate::layout;
use crate::picture::items::{self, Pen};
use crate::picture::palette::{self as theme, Palette};

/// A phase band's label. It stays readable when the map is zoomed out: it then sits above the
/// band. When the band's corner is out of view, the label stays at the top of the map, within
/// the band's visible part, on a backing of its own, so the phase on screen is always named.
pub(super) fn band_label(
    painter: &egui::Painter,
    colours: &Palette,
    (item, band): (&items::Band<'_>, Rect),
    rect: Rect,
    zoom: f32,
    sticky: bool,
) {
    let layout = |size: f32| {
        painter.layout(
            item.label.to_owned(),
            FontId::proportional(size),
            item.label_colour,
            band.width().max(1.0),
        )
    };
    let galley = layout((item.label_size * zoom).max(theme::BAND_LABEL_MIN_SIZE));
    let room = item.label_size * 2.2 * zoom;
    let natural = if galley.size().y + item.label_inset.y * zoom <= room {
        band.min + item.label_inset * zoom
    } else {
        pos2(band.min.x + 4.0, band.min.y - galley.size().y - 4.0)
    };
    if !sticky || rect.contains_rect(Rect::from_min_size(natural, galley.size())) {
        painter.galley(natural, galley, item.label_colour);
        return;
    }
    // Pinned, it keeps its size at zoom 1, however far the map is zoomed in.
    let galley = layout(item.label_size);
    let shown = band.intersect(rect);
    let fits = shown.width() >= galley.size().x + 28.0 && shown.height() >= galley.size().y + 16.0;
    if !fits {
        // Too little of the band shows to hold it; its own place is out of view anyway.
        return;
    }
    let at = pos2(
        natural
            .x
            .clamp(shown.min.x + 14.0, shown.max.x - galley.size().x - 14.0),
        natural
            .y
            .clamp(shown.min.y + 8.0, shown.max.y - galley.size().y - 8.0),
    );
    // Opaque, so the topics and arrows it passes over do not show through the words.
    painter.rect_filled(
        Rect::from_min_size(at, galley.size()).expand2(vec2(8.0, 4.0)),
        6.0,
        colours.legend_fill.to_opaque(),
    );
    painter.galley(at, galley, item.label_colour);
}

/// The key to the badges, in the map's bottom-left corner, drawn from the same item as the
/// picture exports' legend; returns it.
pub(super) fn legend_ui(painter: &egui::Painter, rect: Rect, colours: &Palette) -> items::Legend {
    let at = pos2(rect.left() + 4.0, rect.bottom() - 31.0);
    let legend = items::legend(at, colours, |word, size| {
        painter
            .layout_no_wrap(word.to_owned(), FontId::proportional(size), colours.text)
            .size()
            .x
    });
    painter.rect_filled(legend.rect, legend.rounding, legend.fill);
    for (badge, word, text_at) in &legend.entries {
        badge.draw(&mut painter.clone());
        let galley = painter.layout_no_wrap(
            (*word).to_owned(),
            FontId::proportional(legend.text_size),
            legend.text_colour,
        );
        let y = text_at.y - galley.size().y / 2.0;
        painter.galley(pos2(text_at.x, y), galley, legend.text_colour);
    }
    legend
}

/// The window's painter draws badges.
impl Pen for egui::Painter {
    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        egui::Painter::circle(self, centre, radius, fill, stroke);
    }

    fn polyline(&mut self, points: &[Pos2], stroke: Stroke) {
        self.line(points.to_vec(), stroke);
    }

    fn polygon(&mut self, points: &[Pos2], fill: Color32) {
        self.add(egui::Shape::convex_polygon(
            points.to_vec(),
            fill,
            Stroke::NONE,
        ));
    }

    fn rect_filled(&mut self, rect: Rect, rounding: f32, fill: Color32) {
        egui::Painter::rect_filled(self, rect, rounding, fill);
    }
}

impl MapView {
    pub(super) fn paint_title(
        &self,
        painter: &egui::Painter,
        item: &items::TopicBox<'_>,
        screen: Rect,
        colour: Color32,
    ) {
        let zoom = self.to_screen.scaling;
        let size = item.title_size * zoom;
        if size < theme::MIN_READABLE_TEXT {
            return;
        }
        let block = item.lines.len() as f32 * item.line_height * zoom;
        let mut y = screen.center().y - block / 2.0;
        for line in item.lines {
            let galley = painter.layout_no_wrap(line.clone(), FontId::proportional(size), colour);
            let x = screen.center().x - galley.size().x / 2.0;
            painter.galley(pos2(x, y), galley, colour);
            y += item.line_height * zoom;
        }
    }

    pub(super) fn paint_edge(
        &self,
        painter: &egui::Painter,
        route: &[layout::Point],
        stroke: Stroke,
    ) {
        let points: Vec<Pos2> = route
            .iter()
            .map(|p| self.to_screen * pos2(p.x, p.y))
            .collect();
        let head = (theme::EDGE_HEAD * self.to_screen.scaling).clamp(4.0, 14.0);
        let Some(arrow) = items::arrow(&points, self.direction, head) else {
            return;
        };
        for curve in arrow.curves {
            painter.add(egui::epaint::CubicBezierShape::from_points_stroke(
                curve,
                false,
                Color32::TRANSPARENT,
                stroke,
            ));
        }
        painter.add(Shape::convex_polygon(
            arrow.head.to_vec(),
            stroke.color,
            Stroke::NONE,
        ));
    }
}
