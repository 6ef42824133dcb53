//! The map as a scene, shared by the window and the image exports: where every box, band and
//! arrow goes (titles measured in egui's fonts), how a topic's box looks for its status, the
//! badge that tells its standing by shape, and the curves an arrow follows. The window paints the
//! scene with egui's painter; the SVG export writes the same scene as SVG elements.

use egui::{Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::theme::{self, MapColours};
use crate::layout::{self, Direction, Layout};
use crate::model::{LoadedRoadmap, Standing, Status};

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

/// Lays out the roadmap, every title measured by `measure`.
pub fn place(
    loaded: &LoadedRoadmap,
    direction: Direction,
    mut measure: impl FnMut(&str) -> Measured,
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
    let result = layout::layout(
        &layout::Input {
            sizes: &sizes,
            phases: &phase_rank,
            edges: &edges,
        },
        &settings,
    );
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

/// How a topic's box looks for its status.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeLook {
    /// Fill of the box.
    pub fill: Color32,
    /// Width of its outline at zoom 1.
    pub border: f32,
    /// Opacity of the whole box and title (skipped and locked topics fade).
    pub opacity: f32,
}

impl NodeLook {
    /// The look of a topic in phase `rank` with this status and standing (none before any
    /// progress exists).
    #[must_use]
    pub fn new(colours: &MapColours, rank: usize, progress: Option<(Status, Standing)>) -> Self {
        let plain = Self {
            fill: colours.node_fill(rank),
            border: 1.5,
            opacity: 1.0,
        };
        match progress {
            Some((Status::Done, _)) => Self {
                fill: colours.node_fill_done(rank),
                ..plain
            },
            Some((Status::Skipped, _)) => Self {
                opacity: 0.55,
                ..plain
            },
            Some((_, Standing::InProgress)) => Self {
                border: 3.5,
                ..plain
            },
            Some((_, Standing::Ready)) => Self {
                border: 2.5,
                ..plain
            },
            Some((_, Standing::Locked)) => Self {
                opacity: 0.6,
                border: 1.0,
                ..plain
            },
            None | Some((_, Standing::Cleared)) => plain,
        }
    }
}

/// The entries of the map's legend: a badge for each standing, and its word.
pub const LEGEND: [(Status, Standing, &str); 5] = [
    (Status::Done, Standing::Cleared, "done"),
    (Status::Doing, Standing::InProgress, "doing"),
    (Status::Todo, Standing::Ready, "ready"),
    (Status::Todo, Standing::Locked, "locked"),
    (Status::Skipped, Standing::Cleared, "skipped"),
];

/// What a badge is drawn with: the window's painter or an SVG writer.
pub trait Pen {
    /// A circle, filled and outlined.
    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke);
    /// An open line through the points.
    fn polyline(&mut self, points: &[Pos2], stroke: Stroke);
    /// A filled convex polygon.
    fn polygon(&mut self, points: &[Pos2], fill: Color32);
    /// A filled rectangle with rounded corners.
    fn rect_filled(&mut self, rect: Rect, rounding: f32, fill: Color32);
}

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

/// A small round badge that tells a topic's standing by shape, not by colour alone: a tick
/// (done), a half-filled disc (doing), a ring (ready), a padlock (locked), a bar (skipped).
pub fn badge(
    pen: &mut impl Pen,
    c: Pos2,
    r: f32,
    (status, standing): (Status, Standing),
    colour: Color32,
    ink: Color32,
) {
    let line = Stroke::new((r * 0.22).max(1.2), ink);
    match (status, standing) {
        (Status::Done, _) => {
            pen.circle(c, r, colour, Stroke::NONE);
            pen.polyline(
                &[
                    c + vec2(-0.45, 0.0) * r,
                    c + vec2(-0.1, 0.38) * r,
                    c + vec2(0.5, -0.35) * r,
                ],
                line,
            );
        }
        (Status::Skipped, _) => {
            pen.circle(c, r, colour, Stroke::NONE);
            pen.polyline(&[c + vec2(-0.5, 0.0) * r, c + vec2(0.5, 0.0) * r], line);
        }
        (_, Standing::InProgress) => {
            pen.circle(c, r, ink, Stroke::new(r * 0.2, colour));
            // The left half filled: half way there.
            let half: Vec<Pos2> = (0..=16)
                .map(|k| {
                    let a = std::f32::consts::FRAC_PI_2 + std::f32::consts::PI * k as f32 / 16.0;
                    c + vec2(a.cos(), a.sin()) * r * 0.8
                })
                .collect();
            pen.polygon(&half, colour);
        }
        (_, Standing::Ready) => {
            pen.circle(c, r, ink, Stroke::new(r * 0.3, colour));
        }
        (_, Standing::Locked | Standing::Cleared) => {
            pen.circle(c, r, ink, Stroke::NONE);
            let body = Rect::from_center_size(c + vec2(0.0, 0.22) * r, vec2(1.0, 0.75) * r);
            pen.rect_filled(body, r * 0.12, colour);
            let shackle: Vec<Pos2> = (0..=12)
                .map(|k| {
                    let a = std::f32::consts::PI + std::f32::consts::PI * k as f32 / 12.0;
                    c + vec2(0.0, -0.15) * r + vec2(a.cos(), a.sin()) * r * 0.32
                })
                .collect();
            pen.polyline(&shackle, Stroke::new((r * 0.16).max(1.0), colour));
        }
    }
}

/// An arrow along a route: one cubic curve per stretch between bend points, crossing each gap
/// between layers as an S that leaves and enters along the flow, and the arrowhead's triangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// Control points of each cubic Bézier, in order.
    pub curves: Vec<[Pos2; 4]>,
    /// Tip and the two base corners of the head.
    pub head: [Pos2; 3],
}

/// The arrow through `points` (already in the coordinates it is drawn in), with a head of
/// `head_size`; `None` for a route of fewer than two points.
#[must_use]
pub fn arrow(points: &[Pos2], direction: Direction, head_size: f32) -> Option<Arrow> {
    let (&end, rest) = points.split_last()?;
    let &before_end = rest.last()?;
    let curves = points
        .windows(2)
        .map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let (c1, c2) = match direction {
                Direction::LeftToRight => {
                    let mid = f32::midpoint(a.x, b.x);
                    (pos2(mid, a.y), pos2(mid, b.y))
                }
                Direction::TopToBottom => {
                    let mid = f32::midpoint(a.y, b.y);
                    (pos2(a.x, mid), pos2(b.x, mid))
                }
            };
            [a, c1, c2, b]
        })
        .collect();
    // The head points along the direction the last curve arrives in.
    let along = match direction {
        Direction::LeftToRight => vec2((end.x - before_end.x).signum(), 0.0),
        Direction::TopToBottom => vec2(0.0, (end.y - before_end.y).signum()),
    };
    let along = if along == Vec2::ZERO {
        (end - before_end).normalized()
    } else {
        along
    };
    let back = end - along * head_size;
    let half_base = along.rot90() * head_size * 0.5;
    Some(Arrow {
        curves,
        head: [end, back + half_base, back - half_base],
    })
}

/// The colour of a box's fill, outline and title, faded for dimming and its look.
#[must_use]
pub fn node_colours(
    colours: &MapColours,
    look: &NodeLook,
    outline: Color32,
    alpha: f32,
) -> (Color32, Color32, Color32) {
    (
        theme::faded(look.fill, alpha.max(0.75) * look.opacity),
        theme::faded(outline, alpha * look.opacity),
        theme::faded(colours.text, alpha * look.opacity),
    )
}
