//! Where everything of the map goes, in layout coordinates: the layered layout of the roadmap
//! with every title measured in the app's fonts (egui's, also outside any window), the phase
//! bands grown to hold their labels, and the bounds of the whole.

use egui::epaint::{Color32, Rect, Vec2, pos2, vec2};

use super::palette as theme;
use crate::layout::{self, Direction, Layout};
use crate::model::LoadedRoadmap;

/// The positions of everything, in layout (scene) coordinates, for one roadmap.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Boxes, routes and bands from the layout.
    pub layout: Layout,
    /// The title of each topic broken into lines at zoom 1.
    pub lines: Vec<Vec<String>>,
    /// Height of one title line at zoom 1.
    pub line_height: f32,
    /// Phase rank of each topic.
    pub phase_rank: Vec<usize>,
    /// Prerequisite edges (from, to), in the order of `layout.edges`.
    pub edges: Vec<(usize, usize)>,
    /// Label of each phase band.
    pub band_labels: Vec<String>,
    /// Everything to show, band labels included.
    pub bounds: Rect,
}

/// A title as the fonts lay it out: its lines, the size of the block and the height of a line.
#[derive(Debug, Clone)]
pub struct Measured {
    /// The lines, as wrapped.
    pub rows: Vec<String>,
    /// Size of the whole block.
    pub size: Vec2,
    /// Height of one line.
    pub line_height: f32,
}

/// Lays a title out in egui's fonts at the map's title size, wrapped at the map's width.
pub fn measure_title(fonts: &mut egui::epaint::FontsView<'_>, title: &str) -> Measured {
    let galley = fonts.layout(
        title.to_owned(),
        egui::FontId::proportional(theme::TITLE_SIZE),
        Color32::WHITE,
        theme::TITLE_WRAP_WIDTH,
    );
    // A title on one line is kept as written: a row's glyphs do not always give back its text
    // (right-to-left scripts come out reordered).
    let rows = if galley.rows.len() == 1 {
        vec![title.trim().to_owned()]
    } else {
        galley
            .rows
            .iter()
            .map(|r| r.text().trim().to_owned())
            .collect()
    };
    Measured {
        rows,
        size: galley.size(),
        line_height: galley.rows.first().map_or(theme::TITLE_SIZE, |r| r.size.y),
    }
}

/// The drawing of a roadmap before it changed (an edit, a reload): laid out again from it, the
/// topics that stay keep their layer and their order where the new links allow.
#[derive(Debug, Clone)]
pub struct Before {
    /// The drawing.
    pub placed: Placed,
    /// The id of each topic it drew, in the drawing's order.
    pub ids: Vec<String>,
    /// Which way its layers ran; a drawing the other way is no guide.
    pub direction: Direction,
}

/// Lays out the roadmap, every title measured by `measure`.
pub fn place(
    loaded: &LoadedRoadmap,
    direction: Direction,
    measure: impl FnMut(&str) -> Measured,
) -> Placed {
    place_after(loaded, direction, measure, None)
}

/// Lays out the roadmap as [`place`] does, starting from the drawing `before` it changed, when
/// there is one.
pub fn place_after(
    loaded: &LoadedRoadmap,
    direction: Direction,
    mut measure: impl FnMut(&str) -> Measured,
    before: Option<&Before>,
) -> Placed {
    let roadmap = &loaded.roadmap;
    let phase_order: Vec<&str> = roadmap
        .phases_in_order()
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let phase_rank: Vec<usize> = roadmap
        .topics
        .iter()
        .map(|t| phase_order.iter().position(|p| *p == t.phase).unwrap_or(0))
        .collect();
    let mut line_height = theme::TITLE_SIZE;
    let mut lines = Vec::with_capacity(roadmap.topics.len());
    let mut sizes = Vec::with_capacity(roadmap.topics.len());
    for topic in &roadmap.topics {
        let measured = measure(&topic.title);
        line_height = measured.line_height;
        // A little slack on the width, since glyph widths do not scale exactly with the zoom.
        let w = (measured.size.x + 2.0 * theme::NODE_PADDING.x + 4.0).max(theme::NODE_MIN_WIDTH);
        let h = measured.size.y + 2.0 * theme::NODE_PADDING.y;
        sizes.push(layout::Size { w, h });
        lines.push(measured.rows);
    }
    let edges = loaded.graph.links();
    let settings = layout::Settings {
        direction,
        ..layout::Settings::default()
    };
    let input = layout::Input {
        sizes: &sizes,
        phases: &phase_rank,
        edges: &edges,
    };
    let result = match before.filter(|b| b.direction == direction) {
        Some(before) => {
            let index: std::collections::HashMap<&str, usize> = before
                .ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.as_str(), i))
                .collect();
            let was: Vec<Option<usize>> = roadmap
                .topics
                .iter()
                .map(|t| index.get(t.id.as_str()).copied())
                .collect();
            let previous = layout::Previous {
                layout: &before.placed.layout,
                was: &was,
            };
            layout::relayout(&input, &settings, &previous)
        }
        None => layout::layout(&input, &settings),
    };
    let band_labels = roadmap
        .phases_in_order()
        .iter()
        .enumerate()
        .map(|(k, p)| format!("Phase {}: {}", k + 1, p.title))
        .collect();
    let mut placed = Placed {
        layout: result,
        lines,
        line_height,
        phase_rank,
        edges,
        band_labels,
        bounds: Rect::NOTHING,
    };
    placed.bounds = placed
        .layout
        .bands
        .iter()
        .map(|b| band_rect(*b))
        .chain(placed.layout.nodes.iter().map(|r| to_rect(*r)))
        .fold(Rect::NOTHING, Rect::union);
    placed
}

/// A phase band grown to hold its label above the topics and a margin around them.
#[must_use]
pub fn band_rect(band: layout::Rect) -> Rect {
    let label_space = theme::BAND_LABEL_SIZE * 2.2;
    let r = to_rect(band);
    Rect::from_min_max(
        r.min - vec2(20.0, label_space + 12.0),
        r.max + vec2(20.0, 20.0),
    )
}

/// A layout rectangle as an egui one.
#[must_use]
pub fn to_rect(r: layout::Rect) -> Rect {
    Rect::from_min_max(pos2(r.min.x, r.min.y), pos2(r.max.x, r.max.y))
}
