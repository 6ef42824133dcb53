//! The map as items to draw, the same for the window and every picture export: a phase band
//! with its label, an arrow with its curves and head, a topic's box with its look and status
//! badge, the legend. Each item says where (layout coordinates) and how (colours and sizes from
//! the palette); the window paints items with egui, adding what only a screen has (zoom, hover,
//! dimming, culling), and the SVG writer writes the same items as elements.

use egui::epaint::{Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::palette::{self as theme, Palette};
use super::place::{Placed, band_rect, to_rect};
use crate::model::{Standing, Status};

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
    pub fn new(colours: &Palette, rank: usize, progress: Option<(Status, Standing)>) -> Self {
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
            // High contrast keeps every box at full strength; the badge and the outline's
            // width tell the standing there.
            Some((Status::Skipped, _)) => Self {
                opacity: if colours.high_contrast { 1.0 } else { 0.55 },
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
                opacity: if colours.high_contrast { 1.0 } else { 0.6 },
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

/// Radius of the rounding where an arrow bends, in layout units.
const BEND_RADIUS: f32 = 18.0;

/// An arrow along a route: straight between its bend points, rounded where it bends, and the
/// arrowhead's triangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// Control points of each cubic Bézier, in order: straight stretches and rounded bends.
    pub curves: Vec<[Pos2; 4]>,
    /// Tip and the two base corners of the head.
    pub head: [Pos2; 3],
}

/// The arrow through `points` (already in the coordinates it is drawn in), with a head of
/// `head_size`; `None` for a route of fewer than two points.
#[must_use]
pub fn arrow(points: &[Pos2], head_size: f32) -> Option<Arrow> {
    let (&end, rest) = points.split_last()?;
    let &before_end = rest.last()?;
    let straight = |a: Pos2, b: Pos2| [a, a + (b - a) / 3.0, a + (b - a) * (2.0 / 3.0), b];
    let mut curves = Vec::with_capacity(2 * points.len());
    let mut from = points[0];
    for w in points.windows(3) {
        let (a, corner, b) = (w[0], w[1], w[2]);
        // Round the bend over at most half of each stretch beside it.
        let r = BEND_RADIUS
            .min((corner - a).length() / 2.0)
            .min((b - corner).length() / 2.0);
        let enter = corner - (corner - a).normalized() * r;
        let leave = corner + (b - corner).normalized() * r;
        curves.push(straight(from, enter));
        // A cubic with both controls two thirds of the way to the corner: the quadratic
        // curve that the corner itself controls.
        curves.push([
            enter,
            enter + (corner - enter) * (2.0 / 3.0),
            leave + (corner - leave) * (2.0 / 3.0),
            leave,
        ]);
        from = leave;
    }
    curves.push(straight(from, end));
    // The head points along the last stretch.
    let along = (end - before_end).normalized();
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
    colours: &Palette,
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

/// The word for a topic's standing, as the legend says it.
#[must_use]
pub fn word((status, standing): (Status, Standing)) -> &'static str {
    match (status, standing) {
        (Status::Done, _) => "done",
        (Status::Skipped, _) => "skipped",
        (_, Standing::InProgress) => "doing",
        (_, Standing::Ready) => "ready",
        (_, Standing::Locked | Standing::Cleared) => "locked",
    }
}

/// A phase band: its area, fill and label.
#[derive(Debug, Clone, PartialEq)]
pub struct Band<'a> {
    /// The band grown to hold its label, in layout coordinates.
    pub rect: Rect,
    /// Corner radius.
    pub rounding: f32,
    /// Its background.
    pub fill: Color32,
    /// "Phase N: title".
    pub label: &'a str,
    /// Where the label starts, from the band's top-left corner.
    pub label_inset: Vec2,
    /// Size of the label's letters.
    pub label_size: f32,
    /// Colour of the label.
    pub label_colour: Color32,
}

/// Phase band `p` of the placed map.
#[must_use]
pub fn band<'a>(placed: &'a Placed, p: usize, palette: &Palette) -> Band<'a> {
    Band {
        rect: band_rect(placed.layout.bands[p]),
        rounding: theme::BAND_ROUNDING,
        fill: palette.band_fill(p),
        label: &placed.band_labels[p],
        label_inset: theme::BAND_LABEL_INSET,
        label_size: theme::BAND_LABEL_SIZE,
        label_colour: palette.band_label(p),
    }
}

/// A prerequisite arrow at rest: its route and how it is stroked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge<'a> {
    /// The bend points from the prerequisite's box to the dependent's, in layout coordinates.
    pub route: &'a [crate::layout::Point],
    /// Stroke width.
    pub width: f32,
    /// Length of the head.
    pub head: f32,
    /// Colour of the line and the head.
    pub colour: Color32,
}

/// Arrow `k` of the placed map.
#[must_use]
pub fn edge<'a>(placed: &'a Placed, k: usize, palette: &Palette) -> Edge<'a> {
    Edge {
        route: &placed.layout.edges[k],
        width: theme::EDGE_WIDTH,
        head: theme::EDGE_HEAD,
        colour: palette.edge,
    }
}

/// A topic's box with its title, outline, badge and, for the goal, a second outline.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicBox<'a> {
    /// The box, in layout coordinates.
    pub rect: Rect,
    /// Corner radius.
    pub rounding: f32,
    /// How its status makes it look.
    pub look: NodeLook,
    /// Colour of the outline (its phase's).
    pub outline: Color32,
    /// The title's lines and the height of one.
    pub lines: &'a [String],
    /// Height of a title line.
    pub line_height: f32,
    /// Size of the title's letters.
    pub title_size: f32,
    /// The status badge in the box's corner, once progress exists: its centre, radius,
    /// what it shows, its colour and its ink.
    pub badge: Option<Badge>,
    /// The goal's second outline: its rectangle, corner radius and stroke.
    pub goal_ring: Option<(Rect, f32, Stroke)>,
}

/// A status badge to draw with [`badge`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Badge {
    /// Its centre.
    pub centre: Pos2,
    /// Its radius.
    pub radius: f32,
    /// The status and standing it shows.
    pub progress: (Status, Standing),
    /// Its colour.
    pub colour: Color32,
    /// The colour of its marks.
    pub ink: Color32,
}

impl Badge {
    /// Draws the badge with `pen`.
    pub fn draw(&self, pen: &mut impl Pen) {
        badge(
            pen,
            self.centre,
            self.radius,
            self.progress,
            self.colour,
            self.ink,
        );
    }
}

/// Topic `i` of the placed map, with its progress (none before any is recorded) and whether it
/// is the goal.
#[must_use]
pub fn topic<'a>(
    placed: &'a Placed,
    i: usize,
    palette: &Palette,
    progress: Option<(Status, Standing)>,
    goal: bool,
) -> TopicBox<'a> {
    let rect = to_rect(placed.layout.nodes[i]);
    let rank = placed.phase_rank[i];
    let rounding = theme::NODE_ROUNDING;
    TopicBox {
        rect,
        rounding,
        look: NodeLook::new(palette, rank, progress),
        outline: palette.phase(rank),
        lines: &placed.lines[i],
        line_height: placed.line_height,
        title_size: theme::TITLE_SIZE,
        badge: progress.map(|progress| Badge {
            centre: badge_centre(rect, theme::BADGE_RADIUS),
            radius: theme::BADGE_RADIUS,
            progress,
            colour: palette.phase(rank),
            ink: palette.badge_ink,
        }),
        goal_ring: goal.then(|| {
            (
                rect.expand(theme::GOAL_RING_GAP),
                rounding + theme::GOAL_RING_GAP,
                Stroke::new(theme::GOAL_RING_WIDTH, palette.goal),
            )
        }),
    }
}

/// Where a badge of `radius` sits on a box: over its top-left corner.
#[must_use]
pub fn badge_centre(rect: Rect, radius: f32) -> Pos2 {
    rect.left_top() + vec2(radius * 0.6, radius * 0.6)
}

/// The key to the badges: a row of entries on a backing.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    /// The backing behind the entries.
    pub rect: Rect,
    /// Its corner radius.
    pub rounding: f32,
    /// Its colour.
    pub fill: Color32,
    /// Each entry: its badge, its word and where the word starts (its middle height).
    pub entries: Vec<(Badge, &'static str, Pos2)>,
    /// Size of the words.
    pub text_size: f32,
    /// Colour of the words.
    pub text_colour: Color32,
}

/// The legend with its backing's top-left corner at `at`, its words measured by `width`; its
/// entries run on in rows no wider than `max_width` (one row when there is room).
#[must_use]
pub fn legend(
    at: Pos2,
    palette: &Palette,
    max_width: f32,
    mut width: impl FnMut(&str, f32) -> f32,
) -> Legend {
    let r = theme::LEGEND_BADGE_RADIUS;
    let pad = theme::LEGEND_PADDING;
    let row = 2.0 * (r + pad.y);
    let (mut x, mut y) = (at.x + pad.x, at.y + row / 2.0);
    let mut right = x;
    let mut entries = Vec::with_capacity(LEGEND.len());
    for (k, (status, standing, word)) in LEGEND.into_iter().enumerate() {
        let w = 2.0 * r + theme::LEGEND_WORD_GAP + width(word, theme::LEGEND_TEXT_SIZE);
        if k > 0 {
            x += theme::LEGEND_ENTRY_GAP;
            // The next entry goes on a row of its own when this one is full.
            if x + w + pad.x - at.x > max_width {
                x = at.x + pad.x;
                y += row - pad.y;
            }
        }
        let badge = Badge {
            centre: pos2(x + r, y),
            radius: r,
            progress: (status, standing),
            colour: palette.phase(0),
            ink: palette.badge_ink,
        };
        let text_at = pos2(x + 2.0 * r + theme::LEGEND_WORD_GAP, y);
        x += w;
        right = right.max(x);
        entries.push((badge, word, text_at));
    }
    Legend {
        rect: Rect::from_min_max(at, pos2(right + pad.x, y + row / 2.0)),
        rounding: theme::LEGEND_ROUNDING,
        fill: palette.legend_fill,
        entries,
        text_size: theme::LEGEND_TEXT_SIZE,
        text_colour: palette.text,
    }
}

impl Legend {
    /// The same legend moved by `by`.
    #[must_use]
    pub fn translate(mut self, by: Vec2) -> Self {
        self.rect = self.rect.translate(by);
        for (badge, _, text_at) in &mut self.entries {
            badge.centre += by;
            *text_at += by;
        }
        self
    }
}
