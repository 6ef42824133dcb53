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
            // One grid, so the columns line up across the headings.
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .spacing([24.0, 4.0])
                .show(ui, |ui| {
                    for (k, (heading, rows)) in crate::command::help_rows().iter().enumerate() {
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
            ui.add_space(8.0);
            if ui.button("Close").clicked() {
                close = true;
            }
        });
    !open || close
}
