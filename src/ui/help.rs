//! The keyboard shortcuts window (F1 or ?): every key the window answers to.

/// Every shortcut, as (keys, what they do), grouped under headings. The README's table says the
/// same.
pub const SHORTCUTS: &[(&str, &[(&str, &str)])] = &[
    (
        "Map",
        &[
            (
                "Left  Right",
                "to a prerequisite, to a topic it unlocks (Up, Down top to bottom)",
            ),
            (
                "Up  Down",
                "to the neighbour in the same layer (Left, Right top to bottom)",
            ),
            ("Enter", "open the selected topic's panel"),
            ("Esc", "close search, or clear the selection"),
            ("F", "fit the whole map to the window"),
            ("+  -", "zoom the map in, out"),
            ("M", "show or hide the overview map"),
            (
                "D  I  S  T",
                "mark the selected topic done, doing, skipped, to do",
            ),
        ],
    ),
    (
        "Search",
        &[
            ("Ctrl+F  or  /", "search titles, tags and summaries"),
            ("Up  Down", "move through the results"),
            ("Enter", "select the result and bring it into view"),
            ("Esc", "clear the search"),
        ],
    ),
    (
        "Presentation",
        &[
            ("F5", "present: full screen, topic by topic"),
            ("Right  Space  Left", "next topic, previous topic"),
            ("Page Down  Page Up", "next phase, previous phase"),
            ("Home  End", "first topic, last topic"),
            ("Esc", "stop presenting, back to the view you had"),
        ],
    ),
    (
        "Window",
        &[
            ("Ctrl+Z", "undo"),
            ("Ctrl+Shift+Z  or  Ctrl+Y", "redo"),
            ("Ctrl+O", "open a roadmap"),
            ("Ctrl+E", "export"),
            (
                "Ctrl+plus  Ctrl+minus  Ctrl+0",
                "larger, smaller, normal text",
            ),
            ("Ctrl+Q", "quit"),
            ("F1  or  ?", "this list"),
        ],
    ),
];

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
                    for (k, (heading, rows)) in SHORTCUTS.iter().enumerate() {
                        if k > 0 {
                            // A blank row between groups.
                            ui.label("");
                            ui.end_row();
                        }
                        ui.label(egui::RichText::new(*heading).strong());
                        ui.end_row();
                        for (keys, what) in *rows {
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
