//! The map's camera: fitting, the opening view of a big map, gliding to a topic or a chain,
//! panning, and zooming with the wheel, a pinch or the keys.

use egui::emath::TSTransform;
use egui::{Pos2, Rect};

use super::{
    CAMERA_SECONDS, FIT_MARGIN, MAX_FIT_ZOOM, MapView, PRESENT_ZOOM, READABLE_FIT, START_ZOOM,
    ZOOM_RANGE,
};
use crate::model::{LoadedRoadmap, Overview, Status};
use crate::picture::place::{Placed, to_rect};

/// A camera glide from one view to another.
#[derive(Debug, Clone, Copy)]
pub(super) struct CameraMove {
    pub(super) from: TSTransform,
    pub(super) to: TSTransform,
    pub(super) start: f64,
}

pub(super) fn fit(bounds: Rect, rect: Rect) -> TSTransform {
    if !bounds.is_positive() || !rect.is_positive() {
        return TSTransform::IDENTITY;
    }
    let room = rect.shrink(FIT_MARGIN);
    let scale = (room.width() / bounds.width())
        .min(room.height() / bounds.height())
        .clamp(ZOOM_RANGE.0, MAX_FIT_ZOOM);
    TSTransform::new(
        rect.center().to_vec2() - scale * bounds.center().to_vec2(),
        scale,
    )
}

/// The first view of a map: the whole map when its titles can be read that way; otherwise
/// [`START_ZOOM`] centred on `focus` (or at the map's start edge without one), moved back as
/// far as needed not to show empty space beyond the map's ends.
pub(super) fn start_view(placed: &Placed, rect: Rect, focus: Option<Rect>) -> TSTransform {
    let fitted = fit(placed.bounds, rect);
    if fitted.scaling >= READABLE_FIT || !rect.is_positive() || !placed.bounds.is_positive() {
        return fitted;
    }
    let zoom = START_ZOOM;
    let bounds = placed.bounds;
    let room = rect.shrink(FIT_MARGIN);
    let mut translation = room.min.to_vec2() - zoom * bounds.min.to_vec2();
    if let Some(focus) = focus {
        let on_screen = TSTransform::new(translation, zoom) * focus;
        translation += rect.center() - on_screen.center();
    }
    // Along each axis: centred when the map fits across the room, else kept covering it.
    let place = |t: f32, lo: f32, hi: f32, room_lo: f32, room_hi: f32| {
        let (start, end) = (room_lo - zoom * lo, room_hi - zoom * hi);
        if end >= start {
            f32::midpoint(start, end)
        } else {
            t.clamp(end, start)
        }
    };
    translation.x = place(
        translation.x,
        bounds.min.x,
        bounds.max.x,
        room.min.x,
        room.max.x,
    );
    translation.y = place(
        translation.y,
        bounds.min.y,
        bounds.max.y,
        room.min.y,
        room.max.y,
    );
    TSTransform::new(translation, zoom)
}

/// The topic the user is at: the first one in progress in topological order, else the first
/// one ready to start; before any progress is recorded, the first topic.
pub(super) fn where_the_user_is(
    loaded: &LoadedRoadmap,
    overview: Option<&Overview>,
) -> Option<usize> {
    let order = loaded.graph.topological_order();
    let Some(overview) = overview else {
        return order.first().copied();
    };
    order
        .iter()
        .find(|&&i| overview.status[i] == Status::Doing)
        .or_else(|| {
            order
                .iter()
                .find(|&&i| overview.standing[i] == crate::model::Standing::Ready)
        })
        .copied()
}

impl MapView {
    /// Places the camera for this frame: the opening view or a fit when asked for, else the
    /// same view, kept centred when the window changes size.
    pub(super) fn frame_camera(
        &mut self,
        placed: &Placed,
        rect: Rect,
        loaded: &LoadedRoadmap,
        overview: Option<&Overview>,
    ) {
        if self.needs_fit {
            self.to_screen = if std::mem::take(&mut self.opening) {
                let focus = where_the_user_is(loaded, overview)
                    .and_then(|i| placed.layout.nodes.get(i))
                    .map(|r| to_rect(*r));
                start_view(placed, rect, focus)
            } else {
                fit(placed.bounds, rect)
            };
            self.needs_fit = false;
            self.camera_move = None;
        } else if self.rect.is_positive() && self.rect != rect {
            // Keep what was in the middle of the window in the middle when it resizes, and
            // where a glide is heading too.
            let shift = rect.center() - self.rect.center();
            self.to_screen.translation += shift;
            if let Some(m) = &mut self.camera_move {
                m.from.translation += shift;
                m.to.translation += shift;
            }
        }
        self.rect = rect;
    }

    /// The current zoom: screen points per layout unit.
    #[must_use]
    pub fn zoom(&self) -> f32 {
        self.to_screen.scaling
    }

    /// Glides the camera so the topic is on screen and readable, unless it already is.
    pub fn bring_into_view(&mut self, ctx: &egui::Context, topic: usize) {
        let (Some(on_screen), Some(placed)) = (self.screen_rect_of(topic), self.placed.as_ref())
        else {
            return;
        };
        let readable = self.to_screen.scaling >= 0.6;
        if readable && self.rect.shrink(FIT_MARGIN).contains_rect(on_screen) {
            return;
        }
        let scaling = if readable {
            self.to_screen.scaling
        } else {
            1.0
        };
        let centre = to_rect(placed.layout.nodes[topic]).center();
        self.glide(ctx, centre, scaling);
    }

    /// Glides the camera to frame `topic` with its direct prerequisites, as large as fits
    /// (within a readable range); when they cannot all fit, the topic is centred.
    pub fn glide_to_chain(&mut self, ctx: &egui::Context, loaded: &LoadedRoadmap, topic: usize) {
        let Some(placed) = self.placed.as_ref() else {
            return;
        };
        let Some(node) = placed.layout.nodes.get(topic) else {
            return;
        };
        let node = to_rect(*node);
        let frame = loaded
            .graph
            .prerequisites(topic)
            .into_iter()
            .filter_map(|p| placed.layout.nodes.get(p))
            .fold(node, |acc, r| acc.union(to_rect(*r)));
        let room = self.rect.shrink(FIT_MARGIN * 2.0);
        if !room.is_positive() {
            return;
        }
        let fits = (room.width() / frame.width()).min(room.height() / frame.height());
        // As large as the topic and its prerequisites fit; when even the smallest zoom cannot
        // hold them, the topic stays in view and as much of its chain as fits around it.
        let (scaling, centre) = if fits >= PRESENT_ZOOM.0 {
            (fits.min(PRESENT_ZOOM.1), frame.center())
        } else {
            let zoom = PRESENT_ZOOM.0;
            let half = room.size() / (2.0 * zoom);
            let lo = node.max - half;
            let hi = node.min + half;
            let centre = egui::pos2(
                frame.center().x.clamp(lo.x.min(hi.x), hi.x.max(lo.x)),
                frame.center().y.clamp(lo.y.min(hi.y), hi.y.max(lo.y)),
            );
            (zoom, centre)
        };
        self.glide(ctx, centre, scaling);
    }

    /// Starts a camera glide that ends with `centre` (scene coordinates) in the middle of the
    /// map at `scaling`.
    pub(super) fn glide(&mut self, ctx: &egui::Context, centre: Pos2, scaling: f32) {
        let to = TSTransform::new(
            self.rect.center().to_vec2() - scaling * centre.to_vec2(),
            scaling,
        );
        self.camera_move = Some(CameraMove {
            from: self.to_screen,
            to,
            start: ctx.input(|i| i.time),
        });
        ctx.request_repaint();
    }

    /// The camera and the rectangle it was for, to come back to later.
    #[must_use]
    pub fn camera(&self) -> (TSTransform, Rect) {
        let to_screen = self.camera_move.map_or(self.to_screen, |m| m.to);
        (to_screen, self.rect)
    }

    /// Puts the camera back where [`MapView::camera`] found it.
    pub fn set_camera(&mut self, (to_screen, rect): (TSTransform, Rect)) {
        self.to_screen = to_screen;
        self.rect = rect;
        self.camera_move = None;
        self.needs_fit = false;
    }

    /// Whether the camera is gliding.
    #[must_use]
    pub fn is_moving(&self) -> bool {
        self.camera_move.is_some()
    }

    pub(super) fn animate_camera(&mut self, ctx: &egui::Context) {
        let Some(m) = self.camera_move else {
            return;
        };
        let t = ((ctx.input(|i| i.time) - m.start) / CAMERA_SECONDS).clamp(0.0, 1.0);
        // Ease out: fast start, gentle arrival.
        #[expect(clippy::cast_possible_truncation, reason = "an animation fraction")]
        let e = (1.0 - (1.0 - t).powi(3)) as f32;
        let scaling = m.from.scaling * (m.to.scaling / m.from.scaling).powf(e);
        // Interpolate the scene point at the window centre, so the glide does not swing.
        let centre = self.rect.center();
        let from_c = m.from.inverse() * centre;
        let to_c = m.to.inverse() * centre;
        let c = from_c + (to_c - from_c) * e;
        self.to_screen = TSTransform::new(centre.to_vec2() - scaling * c.to_vec2(), scaling);
        if t >= 1.0 {
            self.to_screen = m.to;
            self.camera_move = None;
        } else {
            ctx.request_repaint();
        }
    }

    pub(super) fn navigate(&mut self, ui: &egui::Ui, background: &egui::Response, rect: Rect) {
        if background.dragged() {
            self.to_screen.translation += background.drag_delta();
            self.camera_move = None;
        }
        let pointer = ui.input(|i| i.pointer.hover_pos());
        if let Some(pointer) = pointer.filter(|p| rect.contains(*p))
            && ui.rect_contains_pointer(rect)
        {
            let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            // The wheel zooms around the pointer; sideways scrolling pans.
            let factor = pinch * (scroll.y * 0.0025).exp();
            if (factor - 1.0).abs() > f32::EPSILON {
                self.zoom_around(pointer, factor);
            }
            if scroll.x != 0.0 {
                self.to_screen.translation.x += scroll.x;
            }
        }
    }

    /// Zooms the map by `factor` around the middle of the window (the + and - keys).
    pub fn zoom_by(&mut self, ctx: &egui::Context, factor: f32) {
        if self.rect.is_positive() {
            self.zoom_around(self.rect.center(), factor);
            ctx.request_repaint();
        }
    }

    pub(super) fn zoom_around(&mut self, pointer: Pos2, factor: f32) {
        let scaling = (self.to_screen.scaling * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        let factor = scaling / self.to_screen.scaling;
        self.to_screen = TSTransform::from_translation(pointer.to_vec2())
            * TSTransform::from_scaling(factor)
            * TSTransform::from_translation(-pointer.to_vec2())
            * self.to_screen;
        self.camera_move = None;
    }
}
