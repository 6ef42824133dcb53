//! The node map: topics as boxes at their layered positions, arrows from prerequisite to topic,
//! phases as labelled bands behind them. Drag to pan, wheel to zoom around the pointer, F or the
//! toolbar to fit. Hovering a topic highlights the chain it needs and what it unlocks.
//!
//! Each visible topic is an egui widget of its own (with its title as its accessible label), and
//! nothing asks for a repaint unless the camera is moving, so an idle map costs nothing.

mod camera;
mod edit;
mod paint;

use camera::CameraMove;
use paint::{TopicPaint, band_label, legend_ui};

use egui::emath::TSTransform;
use egui::{Rect, Sense, pos2, vec2};

use crate::layout::{self, Direction};
use crate::model::TopicIndex;
use crate::model::{LoadedRoadmap, Overview, Status};
use crate::picture::items;
use crate::picture::place::{self as scene, Placed, to_rect};
use crate::task::{Poll, Task};

/// Smallest and largest zoom the map allows.
const ZOOM_RANGE: (f32, f32) = (0.05, 4.0);
/// Largest zoom used when fitting the map to the window: small maps are not blown up.
const MAX_FIT_ZOOM: f32 = 1.25;
/// Space kept free around the map when fitting, in points.
const FIT_MARGIN: f32 = 32.0;
/// How long the camera takes to glide to a topic, in seconds.
const CAMERA_SECONDS: f64 = 0.35;
/// When fitting the whole map would draw titles smaller than this zoom reads (about 9 px), the
/// map opens at [`START_ZOOM`] instead, at its start or at where the user is, and the overview
/// map shows the rest.
const READABLE_FIT: f32 = 0.65;
/// The zoom a big map opens at.
const START_ZOOM: f32 = 0.85;
/// Smallest and largest zoom when presenting a topic.
/// A step zooms out as far as needed to show the topic with all its prerequisites, even a
/// prerequisite a phase away; the caption names the topic when its title gets small.
const PRESENT_ZOOM: (f32, f32) = (0.2, 1.6);

/// Something the user did on the map this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapEvent {
    /// A topic was clicked.
    TopicClicked(TopicIndex),
    /// The background was clicked, away from any topic.
    BackgroundClicked,
    /// A status was chosen from a topic's context menu.
    SetStatus(TopicIndex, Status),
    /// A goal was set (or cleared) from a topic's context menu.
    SetGoal(Option<TopicIndex>),
    /// While editing, a drag from the first topic ended on the second: make the first a
    /// prerequisite of the second.
    LinkDragged(TopicIndex, TopicIndex),
    /// While editing, an arrow was clicked: (prerequisite, topic).
    LinkClicked(TopicIndex, TopicIndex),
}

/// What the map shows besides the roadmap itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct MapInput<'a> {
    /// The selected topic.
    pub selected: Option<usize>,
    /// Progress read against the graph, once the user has recorded any; until then the map
    /// shows phase colours only.
    pub overview: Option<&'a Overview>,
    /// The goal topic.
    pub goal: Option<usize>,
    /// Changes whenever progress changes, so cached highlights are recomputed.
    pub revision: u64,
    /// Search matches: outlined, and the other topics dimmed.
    pub matches: Option<&'a [bool]>,
    /// What the filters let through; the rest is dimmed.
    pub shown: Option<&'a [bool]>,
    /// Presenting this topic: it and its prerequisite chain are lit, the rest dimmed, and
    /// hovering changes nothing.
    pub spotlight: Option<usize>,
    /// Show the overview map in a corner while part of the map is out of view.
    pub minimap: bool,
    /// The roadmap is being edited: topics are dragged onto each other to link them, and
    /// arrows are selected with a click.
    pub editing: bool,
    /// The selected arrow, while editing: (prerequisite, topic).
    pub selected_link: Option<(usize, usize)>,
}

/// What the highlight follows: a topic's whole chain, or what still stands before the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Topic(usize),
    Goal(usize, u64),
    /// A topic and everything it needs, at any depth.
    Prerequisites(usize),
}

/// The map widget's state: layout, camera, hover.
pub struct MapView {
    placed: Option<Placed>,
    /// The id of each topic `placed` drew.
    placed_ids: Vec<String>,
    /// The drawing before the roadmap changed, which the next layout starts from.
    before: Option<scene::Before>,
    direction: Direction,
    /// From scene (layout) coordinates to screen points.
    to_screen: TSTransform,
    needs_fit: bool,
    /// The first view is still to be chosen: readable rather than whole for a big map.
    opening: bool,
    camera_move: Option<CameraMove>,
    hovered: Option<usize>,
    /// The focus of the highlight and which topics are on its chain.
    highlight: Option<(Focus, Vec<bool>)>,
    rect: Rect,
    /// The pass from which the layout is to be made again (new fonts).
    relayout_at: Option<u64>,
    /// A layout being made on another thread, for a big roadmap.
    pending: Option<Task<Placed>>,
    /// Counts the layouts made, so what is drawn from one can be kept until the next.
    generation: u64,
    /// The overview map's boxes, drawn once per layout, progress and size.
    minimap: super::minimap::MinimapCache,
    /// The legend drawn on the last frame, if any.
    legend: Option<items::Legend>,
    /// Where the phase labels were drawn on the last frame, on screen.
    labels: Vec<Rect>,
    /// The topic a link is being dragged from, while editing.
    link_drag: Option<usize>,
}

impl Default for MapView {
    fn default() -> Self {
        Self::new()
    }
}

impl MapView {
    /// A map that lays itself out and fits the window on its first frame.
    #[must_use]
    pub fn new() -> Self {
        Self {
            placed: None,
            placed_ids: Vec::new(),
            before: None,
            direction: Direction::LeftToRight,
            to_screen: TSTransform::IDENTITY,
            needs_fit: true,
            opening: true,
            camera_move: None,
            hovered: None,
            highlight: None,
            rect: Rect::NOTHING,
            relayout_at: None,
            pending: None,
            generation: 0,
            minimap: super::minimap::MinimapCache::default(),
            legend: None,
            labels: Vec::new(),
            link_drag: None,
        }
    }

    /// Forgets the layout (for a new roadmap): the next frame lays out again and fits.
    pub fn reset(&mut self) {
        *self = Self {
            direction: self.direction,
            ..Self::new()
        };
    }

    /// Drops the layout but keeps the camera from the next pass on, when fonts added now are in
    /// use: the titles are measured and the map laid out again.
    pub fn relayout_next_pass(&mut self, ctx: &egui::Context) {
        self.relayout_at = Some(ctx.cumulative_pass_nr() + 1);
    }

    /// Forgets the layout but keeps the camera (the same roadmap, changed on disk): the next
    /// frame lays out again, and the view stays where the user left it.
    pub fn relayout(&mut self) {
        self.keep_before();
        self.pending = None;
        self.hovered = None;
        self.highlight = None;
    }

    /// Keeps the drawing as the one the next layout starts from, so that an edit moves as
    /// little of the map as it can.
    fn keep_before(&mut self) {
        if let Some(placed) = self.placed.take() {
            self.before = Some(scene::Before {
                placed,
                ids: std::mem::take(&mut self.placed_ids),
                direction: self.direction,
            });
        }
    }

    /// Lays the map out when it has no layout (first frame, after a change), from the drawing
    /// before the change when there is one; big maps on another thread.
    fn ensure_placed(&mut self, ui: &mut egui::Ui, loaded: &LoadedRoadmap, rect: Rect) {
        if self
            .relayout_at
            .is_some_and(|at| ui.ctx().cumulative_pass_nr() >= at)
        {
            self.relayout_at = None;
            self.keep_before();
        }
        if self.placed.is_some() {
            return;
        }
        if loaded.roadmap.topics.len() < BACKGROUND_LAYOUT_FROM {
            let before = self.before.take();
            self.placed = Some(place(ui, loaded, self.direction, before.as_ref()));
        } else {
            self.placed = self.place_in_background(ui, loaded, rect);
        }
        if self.placed.is_some() {
            self.before = None;
            self.placed_ids = loaded.roadmap.topics.iter().map(|t| t.id.clone()).collect();
        }
        self.generation += 1;
    }

    /// Which way the layers run.
    #[must_use]
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Lays the map out the other way round, then fits it.
    pub fn set_direction(&mut self, direction: Direction) {
        if direction != self.direction {
            self.direction = direction;
            self.reset();
        }
    }

    /// Fits the whole map into the window on the next frame.
    pub fn request_fit(&mut self) {
        self.needs_fit = true;
    }

    /// Whether the map has been laid out and placed on screen.
    #[must_use]
    pub fn is_ready(&self) -> bool {
        self.placed.is_some() && !self.needs_fit
    }

    /// Where a topic's box is on screen now, if the map has been laid out.
    #[must_use]
    pub fn screen_rect_of(&self, topic: usize) -> Option<Rect> {
        let placed = self.placed.as_ref()?;
        placed
            .layout
            .nodes
            .get(topic)
            .map(|r| self.to_screen * to_rect(*r))
    }

    /// The topic the highlight follows (hovered, else selected) and whether `topic` is on its
    /// chain: something it needs or something it unlocks.
    #[must_use]
    pub fn highlight_of(&self, topic: usize) -> Option<(usize, bool)> {
        self.highlight.as_ref().map(|(focus, chain)| {
            let (Focus::Topic(f) | Focus::Goal(f, _) | Focus::Prerequisites(f)) = *focus;
            (f, chain.get(topic).copied().unwrap_or(false))
        })
    }

    /// Where an arrow key leads from `topic`: towards the prerequisites (Left, or Up when layers
    /// run top to bottom), towards what it unlocks (Right, or Down), or to the next topic of
    /// the same layer on either side. Of several prerequisites or dependents, the one closest
    /// across the layers is taken. `None` at an end, or before the map is laid out.
    #[must_use]
    pub fn neighbour(&self, loaded: &LoadedRoadmap, topic: usize, key: egui::Key) -> Option<usize> {
        use egui::Key::{ArrowDown, ArrowLeft, ArrowRight, ArrowUp};
        let placed = self.placed.as_ref()?;
        let nodes = &placed.layout.nodes;
        nodes.get(topic)?;
        // Position along the layer (across the flow).
        let across = |i: usize| {
            let c = nodes[i].center();
            match self.direction {
                Direction::LeftToRight => c.y,
                Direction::TopToBottom => c.x,
            }
        };
        let closest = |candidates: Vec<usize>| {
            candidates.into_iter().min_by(|&a, &b| {
                (across(a) - across(topic))
                    .abs()
                    .total_cmp(&(across(b) - across(topic)).abs())
                    .then(a.cmp(&b))
            })
        };
        let (back, forth, before, after) = match self.direction {
            Direction::LeftToRight => (ArrowLeft, ArrowRight, ArrowUp, ArrowDown),
            Direction::TopToBottom => (ArrowUp, ArrowDown, ArrowLeft, ArrowRight),
        };
        if key == back {
            closest(loaded.graph.prerequisites(topic))
        } else if key == forth {
            closest(loaded.graph.unlocks(topic))
        } else if key == before || key == after {
            let layer = placed.layout.layers[topic];
            let mut same: Vec<usize> = (0..nodes.len())
                .filter(|&i| placed.layout.layers[i] == layer)
                .collect();
            same.sort_by(|&a, &b| across(a).total_cmp(&across(b)));
            let at = same.iter().position(|&i| i == topic)?;
            if key == before {
                at.checked_sub(1).and_then(|k| same.get(k).copied())
            } else {
                same.get(at + 1).copied()
            }
        } else {
            None
        }
    }

    /// The layer a topic was placed in, once the map is laid out.
    #[must_use]
    pub fn layer_of(&self, topic: usize) -> Option<usize> {
        self.placed.as_ref()?.layout.layers.get(topic).copied()
    }

    /// The legend the last frame drew (in screen points), once progress exists: the same item
    /// the picture exports write.
    #[must_use]
    pub fn legend(&self) -> Option<&items::Legend> {
        self.legend.as_ref()
    }

    /// Where the last frame drew the phase labels, on screen.
    #[must_use]
    pub fn phase_labels(&self) -> &[Rect] {
        &self.labels
    }

    /// Draws the map into the space left in `ui` and reports clicks.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        loaded: &LoadedRoadmap,
        input: MapInput<'_>,
    ) -> Vec<MapEvent> {
        let selected = input.selected;
        let (rect, background) =
            ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        self.ensure_placed(ui, loaded, rect);
        let Some(placed) = self.placed.take() else {
            return Vec::new();
        };
        self.frame_camera(&placed, rect, loaded, input.overview);
        self.animate_camera(ui.ctx());
        self.navigate(ui, &background, rect);

        let colours = super::theme::palette(ui.visuals());
        let painter = ui.painter_at(rect);
        let visible = self.to_screen.inverse() * rect;
        let mut events = Vec::new();

        // Topics first, for hit-testing; their shapes are painted after bands and edges.
        let node_shapes = self.topics_ui(ui, &placed, loaded, &input, visible, &mut events);
        if background.clicked() {
            events.push(self.background_click(&placed, &input, &background));
        }
        let focus = match (self.hovered.or(selected), input.goal) {
            _ if input.spotlight.is_some() => input.spotlight.map(Focus::Prerequisites),
            (Some(i), _) => Some(Focus::Topic(i)),
            (None, Some(g)) => Some(Focus::Goal(g, input.revision)),
            (None, None) => None,
        };
        self.update_highlight(loaded, focus, input.overview);
        // Search and filters dim what they leave out, on top of the hover highlight.
        let kept = |i: usize| {
            input
                .matches
                .is_none_or(|m| m.get(i).copied().unwrap_or(false))
                && input
                    .shown
                    .is_none_or(|m| m.get(i).copied().unwrap_or(false))
        };
        let on_chain =
            |i: usize| kept(i) && self.highlight.as_ref().is_none_or(|(_, chain)| chain[i]);

        // Phase bands behind everything; their labels go on top of everything, later.
        let zoom = self.to_screen.scaling;
        let mut band_labels = Vec::new();
        for p in 0..placed.layout.bands.len() {
            let item = items::band(&placed, p, &colours);
            let band = self.to_screen * item.rect;
            if !band.intersects(rect) {
                continue;
            }
            painter.rect_filled(band, item.rounding * zoom, item.fill);
            band_labels.push((item, band));
        }

        // Arrows from prerequisite to topic, highlighted ones last so they sit on top.
        self.paint_edges(&painter, &placed, loaded, &colours, visible, &kept);
        if let Some(link) = input.selected_link {
            self.paint_selected_link(&painter, &placed, &colours, link);
        }

        // Topic boxes with their titles, and a badge for their standing once progress exists.
        let boxes: Vec<Rect> = node_shapes.iter().map(|(_, r)| *r).collect();
        for (i, screen) in node_shapes {
            let alpha = if on_chain(i) { 1.0 } else { colours.dimmed };
            let item = items::topic(
                &placed,
                i,
                &colours,
                input.overview.map(|o| (o.status[i], o.standing[i])),
                input.goal == Some(i),
            );
            let matched = input
                .matches
                .is_some_and(|m| m.get(i).copied().unwrap_or(false));
            let how = TopicPaint {
                alpha,
                selected: selected == Some(i),
                hovered: self.hovered == Some(i),
                matched,
            };
            self.paint_topic(&painter, &colours, &item, screen, how);
        }
        // Presenting, the caption names the phase: labels stay where they belong.
        let sticky = input.spotlight.is_none();
        self.labels.clear();
        for (item, band) in band_labels {
            if let Some(at) = band_label(
                &painter,
                &colours,
                (&item, band),
                (rect, &boxes),
                zoom,
                sticky,
            ) {
                self.labels.push(at);
            }
        }
        // A drag whose topic went out of view ends with the button's release all the same.
        if self.link_drag.is_some() && !ui.input(|i| i.pointer.any_down()) {
            self.link_drag = None;
        }
        if let Some(from) = self.link_drag {
            self.paint_link_drag(ui, &painter, &placed, &colours, from);
        }
        self.legend = None;
        // Presenting, the legend would cover topics; the caption says where the show is.
        let legend = (input.overview.is_some() && input.spotlight.is_none()).then(|| {
            let legend = legend_ui(&painter, rect, &colours);
            let at = legend.rect;
            self.legend = Some(legend);
            at
        });
        if input.minimap {
            self.minimap_ui(ui, &placed, &colours, &input, legend);
        }

        self.placed = Some(placed);
        events
    }

    /// A click away from the topics: on an arrow while editing, else on the background.
    fn background_click(
        &self,
        placed: &Placed,
        input: &MapInput<'_>,
        background: &egui::Response,
    ) -> MapEvent {
        let link = input
            .editing
            .then(|| background.interact_pointer_pos())
            .flatten()
            .and_then(|at| self.link_at(placed, at));
        match link {
            Some((a, b)) => MapEvent::LinkClicked(TopicIndex::new(a), TopicIndex::new(b)),
            None => MapEvent::BackgroundClicked,
        }
    }

    /// The overview map in the corner; a click or drag there moves the view.
    fn minimap_ui(
        &mut self,
        ui: &mut egui::Ui,
        placed: &Placed,
        colours: &crate::picture::palette::Palette,
        input: &MapInput<'_>,
        legend: Option<Rect>,
    ) {
        let rect = self.rect;
        let mini = super::minimap::MinimapInput {
            map_rect: rect,
            to_screen: self.to_screen,
            overview: input.overview,
            selected: input.selected,
            legend,
            generation: self.generation,
            revision: input.revision,
        };
        if let Some(centre) =
            super::minimap::minimap_ui(ui, placed, colours, &mini, &mut self.minimap)
        {
            let scaling = self.to_screen.scaling;
            self.to_screen = TSTransform::new(
                rect.center().to_vec2() - scaling * centre.to_vec2(),
                scaling,
            );
            self.camera_move = None;
            ui.ctx().request_repaint();
        }
    }

    /// Makes each visible topic a widget labelled with its title (hover, click, context menu);
    /// returns where each is on screen. The hovered topic is kept for the highlight.
    fn topics_ui(
        &mut self,
        ui: &mut egui::Ui,
        placed: &Placed,
        loaded: &LoadedRoadmap,
        input: &MapInput<'_>,
        visible: Rect,
        events: &mut Vec<MapEvent>,
    ) -> Vec<(usize, Rect)> {
        let selected = input.selected;
        let mut hovered = None;
        let mut node_shapes = Vec::new();
        let mut drag_ended = Vec::new();
        for (i, r) in placed.layout.nodes.iter().enumerate() {
            let scene = to_rect(*r);
            if !scene.intersects(visible) {
                continue;
            }
            let screen = self.to_screen * scene;
            let title = &loaded.roadmap.topics[i].title;
            // Editing, a topic is dragged onto another to link them.
            let sense = if input.editing {
                Sense::click_and_drag()
            } else {
                Sense::click()
            };
            let response = ui
                .interact(screen, ui.id().with(("topic", i)), sense)
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            if response.drag_started() {
                self.link_drag = Some(i);
            }
            if response.drag_stopped() {
                self.link_drag = None;
                drag_ended.push(i);
            }
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::WidgetType::Button,
                    true,
                    selected == Some(i),
                    title,
                )
            });
            if response.hovered() {
                hovered = Some(i);
            }
            if response.clicked() {
                events.push(MapEvent::TopicClicked(TopicIndex::new(i)));
            }
            response.context_menu(|ui| context_menu_ui(ui, i, input, events));
            node_shapes.push((i, screen));
        }
        self.hovered = hovered;
        // A link dragged from one topic and let go over another.
        let pointer = ui.input(|i| i.pointer.interact_pos());
        for from in drag_ended {
            let onto = pointer.and_then(|p| node_shapes.iter().find(|(_, r)| r.contains(p)));
            if let Some(&(to, _)) = onto.filter(|(to, _)| *to != from) {
                events.push(MapEvent::LinkDragged(
                    TopicIndex::new(from),
                    TopicIndex::new(to),
                ));
            }
        }
        node_shapes
    }

    fn update_highlight(
        &mut self,
        loaded: &LoadedRoadmap,
        focus: Option<Focus>,
        overview: Option<&Overview>,
    ) {
        if self.highlight.as_ref().map(|(f, _)| *f) == focus {
            return;
        }
        self.highlight = focus.map(|focus| {
            let mut chain = vec![false; loaded.roadmap.topics.len()];
            match focus {
                Focus::Topic(f) => {
                    chain[f] = true;
                    for i in loaded
                        .graph
                        .ancestors(f)
                        .into_iter()
                        .chain(loaded.graph.descendants(f))
                    {
                        chain[i] = true;
                    }
                }
                Focus::Prerequisites(f) => {
                    chain[f] = true;
                    for i in loaded.graph.ancestors(f) {
                        chain[i] = true;
                    }
                }
                Focus::Goal(g, _) => {
                    // What still stands before the goal: its unfinished prerequisites, at any depth.
                    chain[g] = true;
                    for i in loaded.graph.ancestors(g) {
                        chain[i] = overview.is_none_or(|o| !o.status[i].is_cleared());
                    }
                }
            }
            (focus, chain)
        });
    }
}

/// The right-click menu of a topic: its status and the goal.
fn context_menu_ui(
    ui: &mut egui::Ui,
    topic: usize,
    input: &MapInput<'_>,
    events: &mut Vec<MapEvent>,
) {
    let current = input.overview.map(|o| o.status[topic]);
    ui.weak(format!("Now: {}", current.unwrap_or_default().name()));
    for (status, key) in crate::command::MARK_KEYS {
        let label = format!("Mark {}", status.name());
        let button = egui::Button::selectable(current.unwrap_or_default() == status, label)
            .shortcut_text(key.name());
        if ui.add(button).clicked() {
            events.push(MapEvent::SetStatus(TopicIndex::new(topic), status));
            ui.close();
        }
    }
    ui.separator();
    if input.goal == Some(topic) {
        if ui.button("Clear goal").clicked() {
            events.push(MapEvent::SetGoal(None));
            ui.close();
        }
    } else if ui.button("Set as goal").clicked() {
        events.push(MapEvent::SetGoal(Some(TopicIndex::new(topic))));
        ui.close();
    }
}

/// Whether the edge a → b, both ends on the focus's chain, lies on a path into or out of it.
fn edge_on_chain(loaded: &LoadedRoadmap, focus: usize, a: usize, b: usize) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let g = &loaded.graph;
    let side = |x: usize| g.rank(x).cmp(&g.rank(focus));
    // Both ends up to the focus: part of what it needs; from the focus on: what it unlocks.
    // An edge from something it needs straight to something it unlocks bypasses it.
    matches!(
        (side(a), side(b)),
        (Less | Equal, Less | Equal) | (Equal | Greater, Greater)
    )
}

/// From this many topics on, the map is laid out on another thread (measuring the titles and
/// the layout take longer than a frame) while the window shows a spinner.
pub const BACKGROUND_LAYOUT_FROM: usize = 200;

impl MapView {
    /// Starts the layout on another thread, or takes its result once done; until then draws a
    /// spinner with what is being done. Titles are measured there in the same fonts, outside the
    /// window.
    fn place_in_background(
        &mut self,
        ui: &mut egui::Ui,
        loaded: &LoadedRoadmap,
        rect: Rect,
    ) -> Option<Placed> {
        if let Some(task) = &self.pending {
            match task.poll() {
                Poll::Done(placed) => {
                    self.pending = None;
                    return Some(placed);
                }
                Poll::Running => {}
                // Started again below.
                Poll::Lost => self.pending = None,
            }
        }
        if self.pending.is_none() {
            let loaded = loaded.clone();
            let direction = self.direction;
            let before = self.before.clone();
            let ctx = ui.ctx().clone();
            let task = Task::spawn(
                "layout",
                move || ctx.request_repaint(),
                move || {
                    let extra =
                        crate::fonts::fallbacks_for(crate::fonts::roadmap_chars(&loaded.roadmap));
                    crate::fonts::with_fonts(extra, |fonts| {
                        scene::place_after(
                            &loaded,
                            direction,
                            |title| scene::measure_title(fonts, title),
                            before.as_ref(),
                        )
                    })
                },
            );
            self.pending = Some(task);
        }
        let text = format!("Laying out {} topics…", loaded.roadmap.topics.len());
        ui.scope_builder(
            egui::UiBuilder::new()
                .max_rect(Rect::from_center_size(rect.center(), vec2(320.0, 40.0))),
            |ui| {
                ui.horizontal_centered(|ui| {
                    ui.spinner();
                    ui.label(text);
                });
            },
        );
        None
    }
}

/// Lays out the roadmap with every title measured in the current fonts, from the drawing
/// before it changed when there is one.
fn place(
    ui: &egui::Ui,
    loaded: &LoadedRoadmap,
    direction: Direction,
    before: Option<&scene::Before>,
) -> Placed {
    scene::place_after(
        loaded,
        direction,
        |title| ui.fonts_mut(|f| scene::measure_title(f, title)),
        before,
    )
}

fn route_bounds(route: &[layout::Point]) -> Rect {
    route
        .iter()
        .fold(Rect::NOTHING, |acc, p| {
            acc.union(Rect::from_pos(pos2(p.x, p.y)))
        })
        .expand(2.0)
}
