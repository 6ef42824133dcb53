//! Painting the picture's items on screen: titles at the zoom, arrows through their bend points,
//! phase labels that stay readable (and pinned in view), the legend, and badges through egui's
//! painter.

use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::{Focus, MapView, edge_on_chain, route_bounds};
use crate::layout;
use crate::model::LoadedRoadmap;
use crate::picture::items::{self, Pen};
use crate::picture::palette::{self as theme, Palette};
use crate::picture::place::Placed;

/// A phase band's label. It stays readable when the map is zoomed out: it then sits above the
/// band. When the band's corner is out of view, the label stays at the top of the map, within
/// the band's visible part, on a backing of its own, so the phase on screen is always named.
pub(super) fn band_label(
    painter: &egui::Painter,
    colours: &Palette,
    (item, band): (&items::Band<'_>, Rect),
    (rect, boxes): (Rect, &[Rect]),
    zoom: f32,
    sticky: bool,
) -> Option<Rect> {
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
        let at = Rect::from_min_size(natural, galley.size());
        // Inside its band, on a backing of the band's own colour: arrows that enter the band
        // pass under the words instead of through them.
        if band.contains_rect(at) {
            painter.rect_filled(
                at.expand2(vec2(6.0, 2.0) * zoom.min(1.0)),
                4.0 * zoom.min(1.0),
                item.fill,
            );
        }
        painter.galley(natural, galley, item.label_colour);
        return Some(at);
    }
    // Pinned, it keeps its size at zoom 1, however far the map is zoomed in.
    let galley = layout(item.label_size);
    let shown = band.intersect(rect);
    let fits = shown.width() >= galley.size().x + 28.0 && shown.height() >= galley.size().y + 16.0;
    if !fits {
        // Too little of the band shows to hold it; its own place is out of view anyway.
        return None;
    }
    let (left, right) = (
        shown.min.x + 14.0,
        (shown.max.x - galley.size().x - 14.0).max(shown.min.x + 14.0),
    );
    let (top, bottom) = (
        shown.min.y + 8.0,
        (shown.max.y - galley.size().y - 8.0).max(shown.min.y + 8.0),
    );
    let backing = |at: Pos2| Rect::from_min_size(at, galley.size()).expand2(vec2(8.0, 4.0));
    // Where it would stand naturally first, then the visible part's other corners: the first
    // place that covers no topic. When every place would, it stays out of the way.
    let candidates = [
        pos2(natural.x.clamp(left, right), natural.y.clamp(top, bottom)),
        pos2(right, top),
        pos2(left, bottom),
        pos2(right, bottom),
    ];
    let at = candidates
        .into_iter()
        .find(|&at| boxes.iter().all(|b| !b.intersects(backing(at))))?;
    // Opaque, so the arrows it passes over do not show through the words.
    let drawn = backing(at);
    painter.rect_filled(drawn, 6.0, colours.legend_fill.to_opaque());
    painter.galley(at, galley, item.label_colour);
    Some(drawn)
}

/// The key to the badges, in the map's bottom-left corner, drawn from the same item as the
/// picture exports' legend; returns it.
pub(super) fn legend_ui(painter: &egui::Painter, rect: Rect, colours: &Palette) -> items::Legend {
    let measure = |word: &str, size: f32| {
        painter
            .layout_no_wrap(word.to_owned(), FontId::proportional(size), colours.text)
            .size()
            .x
    };
    // Laid out in this width, then set on the map's bottom edge.
    let room = (rect.width() - 8.0).max(60.0);
    let legend = items::legend(Pos2::ZERO, colours, room, measure);
    let at = pos2(
        rect.left() + 4.0,
        rect.bottom() - 5.0 - legend.rect.height(),
    );
    let legend = legend.translate(at.to_vec2());
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

/// How a topic stands on screen this frame, besides its progress.
#[derive(Debug, Clone, Copy)]
pub(super) struct TopicPaint {
    /// Its opacity: dimmed off the highlighted chain and out of the filters.
    pub(super) alpha: f32,
    /// Whether it is selected.
    pub(super) selected: bool,
    /// Whether the pointer is over it.
    pub(super) hovered: bool,
    /// Whether it matches the search.
    pub(super) matched: bool,
}

impl MapView {
    /// The arrows of the visible part, dimmed off the highlight and the filters; the highlighted
    /// chain's arrows last, on top.
    pub(super) fn paint_edges(
        &self,
        painter: &egui::Painter,
        placed: &Placed,
        loaded: &LoadedRoadmap,
        colours: &Palette,
        visible: Rect,
        kept: &impl Fn(usize) -> bool,
    ) {
        let zoom = self.to_screen.scaling;
        let mut highlighted_edges = Vec::new();
        for (k, route) in placed.layout.edges.iter().enumerate() {
            let (a, b) = placed.edges[k];
            let bbox = route_bounds(route);
            if !bbox.intersects(visible) {
                continue;
            }
            let lit = self.highlight.as_ref().is_some_and(|(focus, chain)| {
                let (Focus::Topic(f) | Focus::Goal(f, _) | Focus::Prerequisites(f)) = *focus;
                chain[a] && chain[b] && edge_on_chain(loaded, f, a, b)
            });
            if lit && kept(a) && kept(b) {
                highlighted_edges.push(k);
                continue;
            }
            let edge = items::edge(placed, k, colours);
            let colour = if self.highlight.is_some() || !kept(a) || !kept(b) {
                theme::faded(edge.colour, colours.dimmed)
            } else {
                edge.colour
            };
            self.paint_edge(
                painter,
                edge.route,
                Stroke::new((edge.width * zoom).clamp(0.6, 2.5), colour),
            );
        }
        for k in highlighted_edges {
            let stroke = Stroke::new(
                (theme::EDGE_HIGHLIGHT_WIDTH * zoom).clamp(1.2, 4.0),
                colours.edge_highlight,
            );
            self.paint_edge(painter, &placed.layout.edges[k], stroke);
        }
    }

    /// Paints a topic's box at `screen`: outline for selection and hover, the search ring, the
    /// goal's second outline, fill, title and badge.
    pub(super) fn paint_topic(
        &self,
        painter: &egui::Painter,
        colours: &Palette,
        item: &items::TopicBox<'_>,
        screen: Rect,
        how: TopicPaint,
    ) {
        let TopicPaint {
            alpha,
            selected,
            hovered,
            matched,
        } = how;
        let zoom = self.to_screen.scaling;
        let look = item.look;
        let rounding = item.rounding * zoom;
        let mut stroke = Stroke::new((look.border * zoom).clamp(0.8, 4.0), item.outline);
        if selected {
            stroke = Stroke::new((3.5 * zoom).clamp(2.0, 5.0), colours.selection);
        } else if hovered {
            stroke.width *= 1.8;
        }
        if matched {
            // A search match wears a bold ring outside its box.
            painter.rect_stroke(
                screen.expand(3.0 * zoom.max(0.5)),
                rounding + 3.0 * zoom,
                Stroke::new((3.0 * zoom).clamp(2.0, 4.0), colours.search),
                egui::StrokeKind::Outside,
            );
        }
        if let Some((ring, ring_rounding, ring_stroke)) = item.goal_ring
            && !selected
        {
            // The goal wears a double outline.
            painter.rect_stroke(
                self.to_screen * ring,
                ring_rounding * zoom,
                Stroke::new(
                    (ring_stroke.width * zoom).clamp(1.0, 3.0),
                    theme::faded(ring_stroke.color, alpha),
                ),
                egui::StrokeKind::Inside,
            );
        }
        let (fill, outline, text) = items::node_colours(colours, &look, stroke.color, alpha);
        painter.rect(
            screen,
            rounding,
            fill,
            Stroke::new(stroke.width, outline),
            egui::StrokeKind::Inside,
        );
        self.paint_title(painter, item, screen, text);
        if let Some(badge) = item.badge {
            let radius = (badge.radius * zoom).clamp(0.0, 11.0);
            if radius >= 4.0 {
                items::Badge {
                    centre: items::badge_centre(screen, radius),
                    radius,
                    colour: theme::faded(badge.colour, alpha),
                    ink: theme::faded(badge.ink, alpha),
                    ..badge
                }
                .draw(&mut painter.clone());
            }
        }
    }

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
        let Some(arrow) = items::arrow(&points, head) else {
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
