//! The map as PNG: the SVG export rendered by resvg at a chosen scale, with the app's fonts, so
//! it looks the same on machines that lack them.

use resvg::{tiny_skia, usvg};

use super::{ExportError, Options, Personal, svg};
use crate::fonts;

/// Longest side of a PNG the export writes, in pixels: most viewers and browsers refuse more.
pub const MAX_SIDE: u32 = 16_384;
/// Most pixels a PNG the export writes may hold (about 400 MB while it is drawn).
pub const MAX_PIXELS: u64 = 100_000_000;

/// The scale a picture of `size` points is drawn at: the one asked for, unless the image would
/// be larger than [`MAX_SIDE`] or [`MAX_PIXELS`]; then the largest scale that fits.
#[must_use]
pub fn fitting_scale(size: egui::Vec2, asked: f32) -> f32 {
    let asked = if asked.is_finite() && asked > 0.0 {
        asked
    } else {
        1.0
    };
    let by_side = MAX_SIDE as f32 / size.x.max(size.y).max(1.0);
    let area = (MAX_PIXELS as f32 / (size.x * size.y).max(1.0)).sqrt();
    asked.min(by_side).min(area)
}

/// The map as PNG bytes, drawn at `options.scale` (or less, see [`fitting_scale`]).
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<Vec<u8>, ExportError> {
    let picture = svg::picture(personal, options)?;
    render(&picture.svg, options.scale)
}

/// Renders SVG text to PNG bytes at `scale`, within the size limits.
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    let tree = usvg::Tree::from_str(svg, &fonts::usvg_options())
        .map_err(|e| ExportError::Failed(format!("cannot read the map's SVG: {e}")))?;
    let size = tree.size();
    let scale = fitting_scale(egui::vec2(size.width(), size.height()), scale);
    let pixels = |x: f32| {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "bounded by MAX_SIDE"
        )]
        let p = (x * scale).ceil().clamp(1.0, MAX_SIDE as f32) as u32;
        p
    };
    let (w, h) = (pixels(size.width()), pixels(size.height()));
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| ExportError::Failed(format!("cannot make a {w}x{h} image")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Failed(format!("cannot encode the PNG: {e}")))
}
