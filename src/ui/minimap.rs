//! The overview map: the whole roadmap in miniature in a corner of the map, with a frame around
//! the part the window shows. It appears whenever part of the map is out of view, so the shape
//! of the roadmap and where the view sits in it are clear at a glance even when zoomed in far
//! enough to read. Clicking or dragging in it moves the view there.

use std::sync::Arc;

use egui::emath::TSTransform;
use egui::{Color32, Mesh, Pos2, Rect, Sense, Shape, Stroke, vec2};

use crate::model::{Overview, Status};
use crate::picture::palette::{self as theme, Palette};
use crate::picture::place::{Placed, band_rect, to_rect};

/// Largest size of the overview, in points, and its share of the map at most.
const MAX_SIZE: (f32, f32) = (320.0, 180.0);
const MAX_SHARE: f32 = 0.32;
/// Space between the overview and the map's edges, and inside its frame.
const MARGIN: f32 = 12.0;
const PADDING: f32 = 6.0;

/// What the overview shows besides the map's shape.
pub struct MinimapInput<'a> {
    /// The map's area on screen.
    pub map_rect: Rect,
    /// From scene coordinates to the screen.
    pub to_screen: TSTransform,
    /// Progress, once the user has recorded any.
    pub overview: Option<&'a Overview>,
    /// The selected topic.
    pub selected: Option<usize>,
    /// Where the legend is, if it is shown.
    pub legend: Option<Rect>,
    /// Changes with every new layout.
    pub generation: u64,
    /// Changes with every change to progress.
    pub revision: u64,
}

/// The topics in miniature, kept between frames: drawing 10,000 boxes anew every frame would
/// cost about a millisecond.
#[derive(Default)]
pub struct MinimapCache {
    key: Option<CacheKey>,
    mesh: Arc<Mesh>,
}

/// What the cached boxes were drawn for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CacheKey {
    generation: u64,
    revision: u64,
    progress: bool,
    selected: Option<usize>,
    rect: Rect,
    colours: [Color32; 3],
}

/// Where the overview sits and how it maps the scene: `None` when the map is too small to need
/// one, or the window too small to hold one.
#[must_use]
pub fn frame(placed: &Placed, map_rect: Rect, legend: Option<Rect>) -> Option<(Rect, TSTransform)> {
    let bounds = placed.bounds;
    if !bounds.is_positive() {
        return None;
    }
    let room = vec2(
        MAX_SIZE.0.min(map_rect.width() * MAX_SHARE),
        MAX_SIZE.1.min(map_rect.height() * MAX_SHARE),
    ) - vec2(2.0 * PADDING, 2.0 * PADDING);
    let scale = (room.x / bounds.width()).min(room.y / bounds.height());
    let inner = bounds.size() * scale;
    if !scale.is_finite() || inner.x < 40.0 || inner.y < 8.0 {
        return None;
    }
    let size = inner + vec2(2.0 * PADDING, 2.0 * PADDING);
    let mut rect = Rect::from_min_size(map_rect.right_bottom() - size - vec2(MARGIN, MARGIN), size);
    // In a narrow window it would sit on the legend: it goes above it instead.
    if let Some(legend) = legend.filter(|l| l.intersects(rect.expand(4.0))) {
        rect = rect.translate(vec2(0.0, legend.top() - 8.0 - rect.bottom()));
    }
    let origin = rect.min + vec2(PADDING, PADDING);
    let to_mini = TSTransform::new(origin.to_vec2() - scale * bounds.min.to_vec2(), scale);
    Some((rect, to_mini))
}

/// Draws the overview when part of the map is out of view, and returns the scene point the user
/// clicked or dragged to, to bring to the middle of the window.
#[must_use]
pub fn minimap_ui(
    ui: &egui::Ui,
    placed: &Placed,
    colours: &Palette,
    input: &MinimapInput<'_>,
    cache: &mut MinimapCache,
) -> Option<Pos2> {
    let visible = input.to_screen.inverse() * input.map_rect;
    let bounds = placed.bounds;
    if visible.contains_rect(bounds) {
        return None;
    }
    let (rect, to_mini) = frame(placed, input.map_rect, input.legend)?;
    let response = ui
        .interact(rect, ui.id().with("overview_map"), Sense::click_and_drag())
        .on_hover_cursor(egui::CursorIcon::Grab);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::WidgetType::Other,
            true,
            "Overview map: click or drag to move the view",
        )
    });

    let painter = ui.painter_at(rect);
    painter.rect(
        rect,
        6.0,
        colours.legend_fill,
        Stroke::new(1.0, theme::faded(colours.edge, 0.6)),
        egui::StrokeKind::Inside,
    );
    for (p, band) in placed.layout.bands.iter().enumerate() {
        painter.rect_filled(to_mini * band_rect(*band), 2.0, colours.band_fill(p));
    }
    let key = CacheKey {
        generation: input.generation,
        revision: input.revision,
        progress: input.overview.is_some(),
        selected: input.selected,
        rect,
        colours: [colours.selection, colours.phase(0), colours.phase(1)],
    };
    if cache.key != Some(key) {
        let mut mesh = Mesh::default();
        for (i, node) in placed.layout.nodes.iter().enumerate() {
            let r = to_mini * to_rect(*node);
            // Even a tiny box stays visible.
            let r = Rect::from_center_size(r.center(), r.size().max(vec2(2.0, 2.0)));
            mesh.add_colored_rect(r, node_colour(colours, placed, i, input));
        }
        *cache = MinimapCache {
            key: Some(key),
            mesh: Arc::new(mesh),
        };
    }
    painter.add(Shape::Mesh(Arc::clone(&cache.mesh)));
    // The part of the map the window shows.
    let shown = (to_mini * visible).intersect(rect.shrink(1.0));
    if shown.is_positive() {
        painter.rect_stroke(
            shown,
            2.0,
            Stroke::new(1.5, colours.selection),
            egui::StrokeKind::Inside,
        );
    }

    let at = response.interact_pointer_pos();
    (response.clicked() || response.dragged())
        .then_some(at)
        .flatten()
        .map(|p| to_mini.inverse() * p)
}

/// A topic in miniature: solid when cleared, half strength in progress, faint otherwise; the
/// selected topic in the selection colour.
fn node_colour(colours: &Palette, placed: &Placed, i: usize, input: &MinimapInput<'_>) -> Color32 {
    if input.selected == Some(i) {
        return colours.selection;
    }
    let phase = colours.phase(placed.phase_rank[i]);
    let strength = match input.overview.map(|o| o.status[i]) {
        Some(Status::Done | Status::Skipped) => 1.0,
        Some(Status::Doing) => 0.75,
        Some(Status::Todo) => 0.35,
        None => 0.6,
    };
    theme::faded(phase, strength)
}
