//! Widgets of the window. Functions that draw take `&mut Ui` and end in `_ui`.

pub mod details;
pub mod edit_panel;
pub mod export_dialog;
pub mod file_dialog;
pub mod filter;
pub mod help;
pub mod linked_text;
pub mod map;
pub mod minimap;
pub mod outline;
pub mod phases;
pub mod plan;
pub mod present;
pub mod progress;
pub mod search;
pub mod theme;

use crate::command::{Action, Command, View};
use crate::layout::Direction;
use crate::model::LoadedRoadmap;

/// What the top bar shows besides the roadmap.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches, one per menu entry that shows a state"
)]
#[derive(Debug, Clone, Copy)]
pub struct TopBarState<'a> {
    /// The view filling the window.
    pub view: View,
    /// Which way the map's layers run.
    pub direction: Direction,
    /// Whether the progress panel is shown.
    pub progress_panel: bool,
    /// Whether the outline is shown beside the map.
    pub outline_panel: bool,
    /// Whether the overview map is shown.
    pub minimap: bool,
    /// What Undo would take back, in words, if anything.
    pub undo_what: Option<&'a str>,
    /// What Redo would do again, in words, if anything.
    pub redo_what: Option<&'a str>,
    /// Topics done or skipped, and all topics.
    pub cleared: (usize, usize),
    /// The filters in force.
    pub filters: &'a filter::Filters,
    /// The colour theme.
    pub theme: crate::settings::ThemeChoice,
    /// The roadmap is being edited.
    pub editing: bool,
}

/// The bar across the top: menus, the roadmap's title and size, progress, the view switch and Fit.
pub fn top_bar_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    state: TopBarState<'_>,
) -> Vec<Command> {
    let TopBarState { view, .. } = state;
    let mut commands = Vec::new();
    let roadmap = &loaded.roadmap;
    menus_ui(ui, loaded, &state, &mut commands);
    ui.add_space(2.0);
    // The view switch keeps its place on the right; the title, totals and progress wrap into
    // what is left, so a narrow window loses nothing.
    egui::containers::Sides::new().shrink_left().wrap().show(
        ui,
        |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading(&roadmap.title);
                ui.add_space(12.0);
                ui.weak(totals_text(loaded));
                let (done, all) = state.cleared;
                if done > 0 {
                    ui.add_space(12.0);
                    progress::meter_ui(ui, progress::fraction(done, all), 120.0);
                    ui.label(format!("{done} of {all} done or skipped"));
                }
            });
        },
        |ui| {
            if state.editing {
                // A clear mark: nobody presenting changes the map without knowing it.
                let mark = egui::Button::new(
                    egui::RichText::new("✏ Editing")
                        .strong()
                        .color(ui.visuals().strong_text_color()),
                )
                .fill(ui.visuals().selection.bg_fill);
                if ui
                    .add(mark)
                    .on_hover_text("You are editing the roadmap. Click or press E to stop.")
                    .clicked()
                {
                    commands.push(Command::ToggleEditing);
                }
            }
            if view == View::Map
                && ui
                    .button("Fit")
                    .on_hover_text("Fit the whole map to the window (F)")
                    .clicked()
            {
                commands.push(Command::Fit);
            }
            if ui
                .selectable_label(view == View::Outline, "Outline")
                .clicked()
            {
                commands.push(Command::ShowView(View::Outline));
            }
            if ui.selectable_label(view == View::Map, "Map").clicked() {
                commands.push(Command::ShowView(View::Map));
            }
        },
    );
    ui.add_space(4.0);
    commands
}

/// "64 topics · 2 phases · about 297 hours of study".
#[must_use]
pub fn totals_text(loaded: &LoadedRoadmap) -> String {
    let roadmap = &loaded.roadmap;
    let hours: f64 = roadmap.topics.iter().filter_map(|t| t.estimate_hours).sum();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let counts = format!(
        "{} · {}",
        count(roadmap.topics.len(), "topic", "topics"),
        count(roadmap.phases.len(), "phase", "phases")
    );
    if hours > 0.0 {
        format!("{counts} · about {} hours of study", hours.round())
    } else {
        counts
    }
}

/// The menu bar: File, Edit and View.
fn menus_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    state: &TopBarState<'_>,
    commands: &mut Vec<Command>,
) {
    let TopBarState {
        view, direction, ..
    } = *state;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, commands));
        ui.menu_button("Edit", |ui| {
            // The entries say what they would do: "Undo mark done: Fine-tuning".
            let named = |verb: &str, what: Option<&str>| match what {
                Some(what) => format!("{verb} {what}"),
                None => verb.to_owned(),
            };
            let undo = egui::Button::new(named("Undo", state.undo_what))
                .shortcut_text(Action::Undo.shortcut_text(ui.ctx()));
            if ui.add_enabled(state.undo_what.is_some(), undo).clicked() {
                commands.push(Command::Undo);
            }
            let redo = egui::Button::new(named("Redo", state.redo_what))
                .shortcut_text(Action::Redo.shortcut_text(ui.ctx()));
            if ui.add_enabled(state.redo_what.is_some(), redo).clicked() {
                commands.push(Command::Redo);
            }
            ui.separator();
            let edit = egui::Button::selectable(state.editing, "Edit roadmap")
                .shortcut_text(Action::ToggleEditing.shortcut_text(ui.ctx()));
            if ui.add(edit).clicked() {
                commands.push(Command::ToggleEditing);
            }
            if ui.button("Make my copy…").clicked() {
                commands.push(Command::AskMakeCopy);
            }
            if ui
                .add_enabled(state.editing, egui::Button::new("Phases…"))
                .clicked()
            {
                commands.push(Command::TogglePhases);
            }
            ui.separator();
            let find =
                egui::Button::new("Find…").shortcut_text(Action::Find.shortcut_text(ui.ctx()));
            if ui.add(find).clicked() {
                commands.push(Command::OpenSearch);
            }
            ui.separator();
            if ui.button("Reset progress…").clicked() {
                commands.push(Command::AskReset);
            }
        });
        ui.menu_button("View", |ui| {
            if ui.radio(view == View::Map, "Map").clicked() {
                commands.push(Command::ShowView(View::Map));
            }
            if ui.radio(view == View::Outline, "Outline").clicked() {
                commands.push(Command::ShowView(View::Outline));
            }
            let mut shown = state.progress_panel;
            if ui.checkbox(&mut shown, "Progress panel").changed() {
                commands.push(Command::ToggleProgressPanel);
            }
            let mut beside = state.outline_panel;
            if ui.checkbox(&mut beside, "Outline beside the map").changed() {
                commands.push(Command::ToggleOutlinePanel);
            }
            let mut minimap = state.minimap;
            let label = format!("Overview map ({})", Action::Minimap.shortcut_text(ui.ctx()));
            let toggle = ui.checkbox(&mut minimap, label);
            if toggle.changed() {
                commands.push(Command::ToggleMinimap);
            }
            ui.menu_button("Theme", |ui| {
                for choice in crate::settings::ThemeChoice::ALL {
                    if ui.radio(state.theme == choice, choice.label()).clicked() {
                        commands.push(Command::SetTheme(choice));
                    }
                }
                ui.separator();
                ui.weak("Text size: Ctrl+plus, Ctrl+minus, Ctrl+0");
            });
            ui.menu_button("Filter", |ui| {
                filter::filter_menu_ui(ui, loaded, state.filters, commands);
            });
            ui.separator();
            let fit = egui::Button::new("Fit map to window")
                .shortcut_text(Action::Fit.shortcut_text(ui.ctx()));
            if ui.add_enabled(view == View::Map, fit).clicked() {
                commands.push(Command::Fit);
            }
            ui.separator();
            let present =
                egui::Button::new("Present").shortcut_text(Action::Present.shortcut_text(ui.ctx()));
            if ui.add(present).clicked() {
                commands.push(Command::Present);
            }
            let help = egui::Button::new("Keyboard shortcuts")
                .shortcut_text(Action::Help.shortcut_text(ui.ctx()));
            if ui.add(help).clicked() {
                commands.push(Command::ToggleHelp);
            }
            ui.separator();
            for (d, label) in [
                (Direction::LeftToRight, "Layers left to right"),
                (Direction::TopToBottom, "Layers top to bottom"),
            ] {
                if ui.radio(direction == d, label).clicked() {
                    commands.push(Command::SetDirection(d));
                }
            }
        });
    });
}

/// The File menu.
fn file_menu_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    if ui.button("New roadmap…").clicked() {
        commands.push(Command::NewRoadmap);
    }
    let open =
        egui::Button::new("Open roadmap…").shortcut_text(Action::Open.shortcut_text(ui.ctx()));
    if ui.add(open).clicked() {
        commands.push(Command::OpenDialog);
    }
    if ui.button("Open from a path…").clicked() {
        commands.push(Command::OpenPathPrompt);
    }
    ui.separator();
    let save = egui::Button::new("Save").shortcut_text(Action::Save.shortcut_text(ui.ctx()));
    if ui.add(save).clicked() {
        commands.push(Command::Save);
    }
    let save_as =
        egui::Button::new("Save as…").shortcut_text(Action::SaveAs.shortcut_text(ui.ctx()));
    if ui.add(save_as).clicked() {
        commands.push(Command::SaveAs);
    }
    ui.separator();
    let export = egui::Button::new("Export…").shortcut_text(Action::Export.shortcut_text(ui.ctx()));
    if ui.add(export).clicked() {
        commands.push(Command::OpenExport);
    }
    ui.separator();
    let quit = egui::Button::new("Quit").shortcut_text(Action::Quit.shortcut_text(ui.ctx()));
    if ui.add(quit).clicked() {
        commands.push(Command::Quit);
    }
}
