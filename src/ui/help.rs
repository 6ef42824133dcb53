//! The keyboard shortcuts window (F1 or ?): every key the window answers to, listed from the
//! table of bindings the key handling reads (`command::BINDINGS`).

/// Draws the shortcuts window; returns `true` when the user closed it.
#[must_use]
pub fn help_window(ctx: &egui::Context) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            let groups = crate::command::help_rows();
            // On a short screen the groups stand side by side, so the whole list, the title and
            // Close fit; otherwise one grid, so the columns line up across the headings.
            if ctx.content_rect().height() < TWO_COLUMNS_BELOW {
                let (left, right) = groups.split_at(groups.len().div_ceil(2));
                ui.horizontal_top(|ui| {
                    for half in [left, right] {
                        ui.vertical(|ui| {
                            ui.set_width(NARROW_COLUMN);
                            list_ui(ui, half);
                        });
                        ui.add_space(16.0);
                    }
                });
            } else {
                grid_ui(ui, &groups);
            }
            ui.add_space(8.0);
            if ui.button("Close").clicked() {
                close = true;
            }
        });
    !open || close
}

/// Below this window height, the shortcuts stand in two columns of groups.
const TWO_COLUMNS_BELOW: f32 = 720.0;

/// Width of one of the two columns on a short screen.
const NARROW_COLUMN: f32 = 380.0;

/// The groups as a list, for a narrow column: each binding's keys, then what they do, wrapping.
fn list_ui(ui: &mut egui::Ui, groups: &[(&str, Vec<(&str, &str)>)]) {
    for (k, (heading, rows)) in groups.iter().enumerate() {
        if k > 0 {
            ui.add_space(8.0);
        }
        ui.label(egui::RichText::new(*heading).strong());
        for (keys, what) in rows {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(*keys).monospace());
                ui.label(*what);
            });
        }
    }
}

/// The groups of shortcuts as one grid: a heading, then a row per binding.
fn grid_ui(ui: &mut egui::Ui, groups: &[(&str, Vec<(&str, &str)>)]) {
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for (k, (heading, rows)) in groups.iter().enumerate() {
                if k > 0 {
                    // A blank row between groups.
                    ui.label("");
                    ui.end_row();
                }
                ui.label(egui::RichText::new(*heading).strong());
                ui.end_row();
                for (keys, what) in rows {
                    ui.label(egui::RichText::new(*keys).monospace());
                    ui.label(*what);
                    ui.end_row();
                }
            }
        });
}
