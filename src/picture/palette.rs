//! Every colour and size the map uses, in one place, for the light, dark and high-contrast looks:
//! the window and every picture export read them here, so a change of look is made once.

use egui::epaint::{Color32, Vec2, vec2};

/// The Okabe–Ito palette: told apart by people with the common colour-vision deficiencies.
const PHASE_COLOURS: [Color32; 6] = [
    Color32::from_rgb(0x00, 0x72, 0xB2), // blue
    Color32::from_rgb(0xD5, 0x5E, 0x00), // vermillion
    Color32::from_rgb(0x00, 0x9E, 0x73), // bluish green
    Color32::from_rgb(0xCC, 0x79, 0xA7), // reddish purple
    Color32::from_rgb(0xE6, 0x9F, 0x00), // orange
    Color32::from_rgb(0x56, 0xB4, 0xE9), // sky blue
];

/// Base font size of a topic title on the map at zoom 1.
pub const TITLE_SIZE: f32 = 14.0;
/// Font size of a phase band's label at zoom 1.
pub const BAND_LABEL_SIZE: f32 = 20.0;
/// Smallest on-screen size of a phase band's label, however far the map is zoomed out.
pub const BAND_LABEL_MIN_SIZE: f32 = 15.0;
/// Widest a title's text runs inside its box before wrapping, at zoom 1.
pub const TITLE_WRAP_WIDTH: f32 = 168.0;
/// Space between a box's edge and its title, at zoom 1.
pub const NODE_PADDING: Vec2 = vec2(12.0, 9.0);
/// Narrowest topic box, at zoom 1.
pub const NODE_MIN_WIDTH: f32 = 120.0;
/// Corner radius of a topic box, at zoom 1.
pub const NODE_ROUNDING: f32 = 8.0;
/// Below this on-screen title size, titles are left out and only boxes are drawn.
pub const MIN_READABLE_TEXT: f32 = 5.0;
/// Corner radius of a phase band, at zoom 1.
pub const BAND_ROUNDING: f32 = 12.0;
/// Where a band's label starts, from the band's top-left corner, at zoom 1.
pub const BAND_LABEL_INSET: Vec2 = vec2(14.0, 10.0);
/// Width of a prerequisite arrow at rest, at zoom 1.
pub const EDGE_WIDTH: f32 = 1.4;
/// Width of an arrow on the highlighted chain, at zoom 1.
pub const EDGE_HIGHLIGHT_WIDTH: f32 = 2.6;
/// Length of an arrowhead, at zoom 1.
pub const EDGE_HEAD: f32 = 8.0;
/// How far the goal's second outline stands out from its box, at zoom 1.
pub const GOAL_RING_GAP: f32 = 4.0;
/// Width of the goal's second outline, at zoom 1.
pub const GOAL_RING_WIDTH: f32 = 2.0;
/// Radius of a topic's status badge, at zoom 1.
pub const BADGE_RADIUS: f32 = 8.0;
/// Radius of a badge in the legend.
pub const LEGEND_BADGE_RADIUS: f32 = 7.0;
/// Size of the legend's words.
pub const LEGEND_TEXT_SIZE: f32 = 13.0;
/// Space between a legend badge and its word.
pub const LEGEND_WORD_GAP: f32 = 5.0;
/// Space between one legend entry and the next.
pub const LEGEND_ENTRY_GAP: f32 = 16.0;
/// Space inside the legend's backing, around its entries.
pub const LEGEND_PADDING: Vec2 = vec2(8.0, 6.0);
/// Corner radius of the legend's backing.
pub const LEGEND_ROUNDING: f32 = 6.0;

/// Which of the map's looks to draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Look {
    /// Dark text on light backgrounds.
    #[default]
    Light,
    /// Light text on dark backgrounds.
    Dark,
    /// White on black with strong outlines, for projectors and low vision.
    HighContrast,
}

/// Colours of the map in one look.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Whether the visuals are dark.
    pub dark: bool,
    /// Whether the visuals are the high-contrast ones.
    pub high_contrast: bool,
    /// Topic title text.
    pub text: Color32,
    /// Prerequisite arrows at rest.
    pub edge: Color32,
    /// Arrows on the hovered or selected topic's chain.
    pub edge_highlight: Color32,
    /// Outline of the selected topic.
    pub selection: Color32,
    /// The goal's second outline: a colour of its own, so the goal never looks selected.
    pub goal: Color32,
    /// Marks drawn on a badge (a tick, a bar) and the inside of hollow badges.
    pub badge_ink: Color32,
    /// Behind the map's legend.
    pub legend_fill: Color32,
    /// The ring around a search match.
    pub search: Color32,
    /// Opacity of what is dimmed (off the highlighted chain, filtered out, not a match).
    pub dimmed: f32,
    /// Behind the whole picture (the window's panels wear the same).
    pub background: Color32,
}

impl Palette {
    /// The colours of a look.
    #[must_use]
    pub fn new(look: Look) -> Self {
        let dark = look != Look::Light;
        if look == Look::HighContrast {
            Self {
                dark,
                high_contrast: true,
                text: Color32::WHITE,
                edge: Color32::from_gray(190),
                edge_highlight: Color32::from_rgb(0xFF, 0xEB, 0x3B),
                selection: Color32::WHITE,
                goal: Color32::from_rgb(0xFF, 0xB3, 0x00),
                badge_ink: Color32::BLACK,
                legend_fill: Color32::BLACK,
                search: Color32::from_rgb(0x00, 0xE5, 0xFF),
                // Strong even when dimmed: white on black is the point of this look.
                dimmed: 0.75,
                background: Color32::BLACK,
            }
        } else if dark {
            Self {
                dark,
                high_contrast: false,
                text: Color32::from_gray(235),
                edge: Color32::from_gray(120),
                edge_highlight: Color32::from_rgb(0xF0, 0xE4, 0x42),
                selection: Color32::WHITE,
                goal: Color32::from_rgb(0xF0, 0xB0, 0x30),
                badge_ink: Color32::from_gray(20),
                legend_fill: Color32::from_black_alpha(170),
                search: Color32::from_rgb(0xF0, 0xE4, 0x42),
                dimmed: 0.4,
                background: Color32::from_gray(27),
            }
        } else {
            Self {
                dark,
                high_contrast: false,
                text: Color32::from_gray(20),
                edge: Color32::from_gray(130),
                edge_highlight: Color32::from_rgb(0x1A, 0x1A, 0x1A),
                selection: Color32::BLACK,
                goal: Color32::from_rgb(0xA0, 0x6A, 0x00),
                badge_ink: Color32::WHITE,
                legend_fill: Color32::from_white_alpha(210),
                search: Color32::from_rgb(0xA0, 0x10, 0x60),
                dimmed: 0.4,
                background: Color32::from_gray(248),
            }
        }
    }

    /// The strong colour of a phase, used for box outlines and band labels.
    #[must_use]
    pub fn phase(&self, rank: usize) -> Color32 {
        let c = PHASE_COLOURS[rank % PHASE_COLOURS.len()];
        if self.high_contrast {
            mix(c, Color32::WHITE, 0.3)
        } else {
            c
        }
    }

    /// The fill of a topic box in a phase: a tint that keeps the title readable.
    #[must_use]
    pub fn node_fill(&self, rank: usize) -> Color32 {
        let c = self.phase(rank);
        if self.high_contrast {
            mix(c, Color32::BLACK, 0.86)
        } else if self.dark {
            mix(c, Color32::from_gray(24), 0.72)
        } else {
            mix(c, Color32::WHITE, 0.84)
        }
    }

    /// The fill of a done topic's box: a stronger tint of its phase colour.
    #[must_use]
    pub fn node_fill_done(&self, rank: usize) -> Color32 {
        let c = self.phase(rank);
        if self.high_contrast {
            mix(c, Color32::BLACK, 0.6)
        } else if self.dark {
            mix(c, Color32::from_gray(24), 0.35)
        } else {
            mix(c, Color32::WHITE, 0.55)
        }
    }

    /// The background of a phase band.
    #[must_use]
    pub fn band_fill(&self, rank: usize) -> Color32 {
        let c = self.phase(rank);
        if self.high_contrast {
            mix(c, Color32::BLACK, 0.9)
        } else if self.dark {
            mix(c, Color32::from_gray(27), 0.88)
        } else {
            mix(c, Color32::from_gray(248), 0.93)
        }
    }

    /// The label of a phase band: the phase colour, lightened or darkened for contrast.
    #[must_use]
    pub fn band_label(&self, rank: usize) -> Color32 {
        let c = self.phase(rank);
        if self.high_contrast {
            mix(c, Color32::WHITE, 0.5)
        } else if self.dark {
            mix(c, Color32::WHITE, 0.35)
        } else {
            mix(c, Color32::BLACK, 0.25)
        }
    }
}

/// `a` moved towards `b` by `t` (0 keeps `a`, 1 gives `b`).
#[must_use]
pub fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let lerp = |x: u8, y: u8| {
        let v = f32::from(x) + (f32::from(y) - f32::from(x)) * t;
        // The value stays within 0..=255 because t is within 0..=1.
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "in 0..=255"
        )]
        let byte = v.round().clamp(0.0, 255.0) as u8;
        byte
    };
    Color32::from_rgb(lerp(a.r(), b.r()), lerp(a.g(), b.g()), lerp(a.b(), b.b()))
}

/// A colour faded to `alpha` (0 to 1) of its opacity, for dimmed parts of the map.
#[must_use]
pub fn faded(c: Color32, alpha: f32) -> Color32 {
    c.gamma_multiply(alpha)
}
