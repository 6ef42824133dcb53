//! `roadmap --screenshot PATH`: once the map is laid out, the window saves what it shows as a PNG
//! and closes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::RoadmapApp;
use crate::command::View;

/// Where the screenshot switch stands.
pub(super) struct Screenshot {
    pub(super) path: PathBuf,
    pub(super) frames_ready: u32,
    pub(super) requested: bool,
    pub(super) result: Arc<Mutex<Option<Result<(), String>>>>,
}

pub(super) fn save_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_srgba_unmultiplied)
        .collect();
    let (Ok(w), Ok(h)) = (u32::try_from(w), u32::try_from(h)) else {
        return Err("the window is too large to save".to_owned());
    };
    image::save_buffer(path, &bytes, w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

impl RoadmapApp {
    /// Saves a PNG of the window to `path` once the map is drawn, then closes; `result` tells how
    /// it went.
    pub fn screenshot_to(&mut self, path: PathBuf, result: Arc<Mutex<Option<Result<(), String>>>>) {
        self.screenshot = Some(Screenshot {
            path,
            frames_ready: 0,
            requested: false,
            result,
        });
    }

    /// Once the map has been laid out and drawn for a few frames, asks for a screenshot; saves it
    /// when it arrives and closes the window.
    pub(super) fn screenshot_step(&mut self, ctx: &egui::Context) {
        let Some(shot) = &mut self.screenshot else {
            return;
        };
        let image = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Screenshot { image, .. } => Some(image.clone()),
                _ => None,
            })
        });
        if let Some(image) = image {
            let saved = save_png(&shot.path, &image);
            if let Ok(mut slot) = shot.result.lock() {
                *slot = Some(saved);
            }
            self.screenshot = None;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let settled = self.map.is_ready()
            && !self.map.is_moving()
            && !self.present_on_start
            && self.presenting.as_ref().is_none_or(|p| !p.glide);
        if self.view != View::Map || settled {
            shot.frames_ready += 1;
        }
        if shot.frames_ready >= 3 && !shot.requested {
            shot.requested = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::UserData::default()));
        }
        ctx.request_repaint();
    }
}
