//! The detail panel of the selected topic: why it sits where it does, what it needs and unlocks
//! (as links that select those topics), and its sources (as links that open in the browser).

use egui::RichText;

use super::linked_text::linked_text_ui;
use crate::model::TopicIndex;
use crate::model::{LoadedRoadmap, Overview, Source, Standing, Status};

/// What the user asked for in the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailAction {
    /// Select this topic and bring it into view.
    Select(TopicIndex),
    /// Close the panel (clear the selection).
    Close,
    /// Set the topic's status.
    SetStatus(Status),
    /// Make the topic the goal, or clear the goal.
    SetGoal(Option<TopicIndex>),
    /// The note was edited; this is its new text.
    SetNote(String),
}

/// The user's progress as the panel needs it.
pub struct ProgressView<'a> {
    /// Standing of every topic.
    pub overview: &'a Overview,
    /// The goal topic.
    pub goal: Option<usize>,
    /// The note being edited for this topic.
    pub note: &'a mut String,
}

/// Whether an address may be opened in the browser: only http and https are.
#[must_use]
pub fn is_web_address(address: &str) -> bool {
    url::Url::parse(address)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

/// Draws the panel for `topic`.
pub fn details_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    topic: usize,
    progress: &mut ProgressView<'_>,
) -> Option<DetailAction> {
    let mut action = None;
    let roadmap = &loaded.roadmap;
    let t = &roadmap.topics[topic];
    let phases = roadmap.phases_in_order();
    let rank = phases.iter().position(|p| p.id == t.phase).unwrap_or(0);
    let colours = super::theme::palette(ui.visuals());

    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            if ui.button("×").on_hover_text("Close (Esc)").clicked() {
                action = Some(DetailAction::Close);
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Min), |ui| {
                ui.add(egui::Label::new(RichText::new(&t.title).heading().strong()).wrap());
            });
        });
    });
    let phase = match phases.get(rank) {
        Some(p) => format!("Phase {}: {}", rank + 1, p.title),
        None => t.phase.clone(),
    };
    let phase_line = match t.estimate_hours {
        Some(h) => format!("{phase} · about {h} h"),
        None => phase,
    };
    ui.label(
        RichText::new(phase_line)
            .color(colours.band_label(rank))
            .strong(),
    );
    ui.add_space(6.0);
    if let Some(a) = status_ui(ui, loaded, topic, progress) {
        action = Some(a);
    }
    ui.add_space(6.0);

    // A solid bar always in view says there is more below the fold; egui's default floating bar
    // is a hairline until the pointer comes near.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            let summary = linked_text_ui(ui, loaded, &t.summary, RichText::italics);
            ui.add_space(10.0);
            ui.label(RichText::new("Why here").strong());
            let rationale = linked_text_ui(ui, loaded, &t.rationale, |r| r);
            if let Some(i) = summary.or(rationale) {
                action = Some(DetailAction::Select(TopicIndex::new(i)));
            }

            let prerequisites = loaded.graph.prerequisites(topic);
            let unlocks = loaded.graph.unlocks(topic);
            for (heading, list, empty) in [
                ("Comes after", prerequisites, "Nothing: a starting point."),
                ("Unlocks", unlocks, "Nothing: an end point."),
            ] {
                ui.add_space(10.0);
                ui.label(RichText::new(heading).strong());
                if list.is_empty() {
                    ui.weak(empty);
                }
                for i in list {
                    if ui
                        .link(&roadmap.topics[i].title)
                        .on_hover_text("Select this topic")
                        .clicked()
                    {
                        action = Some(DetailAction::Select(TopicIndex::new(i)));
                    }
                }
            }

            ui.add_space(10.0);
            ui.label(RichText::new("My note").strong());
            let note = ui.add(
                egui::TextEdit::multiline(&mut *progress.note)
                    .hint_text("Private: what you learnt, what to revisit…")
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            );
            if note.changed() {
                action = Some(DetailAction::SetNote(progress.note.clone()));
            }

            ui.add_space(10.0);
            ui.label(RichText::new("Sources").strong());
            if t.sources.is_empty() {
                ui.weak("None given.");
            }
            for source in &t.sources {
                source_ui(ui, source);
            }
            ui.add_space(8.0);
        });
    action
}

/// The status buttons, what the topic is waiting for, and the goal button.
fn status_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    topic: usize,
    progress: &ProgressView<'_>,
) -> Option<DetailAction> {
    let mut action = None;
    let overview = progress.overview;
    let current = overview.status[topic];
    ui.horizontal_wrapped(|ui| {
        for (status, label, key) in [
            (Status::Todo, "To do", "T"),
            (Status::Doing, "Doing", "I"),
            (Status::Done, "Done", "D"),
            (Status::Skipped, "Skipped", "S"),
        ] {
            let button = ui
                .selectable_label(current == status, label)
                .on_hover_text(format!("Mark {} ({key})", status.name()));
            if button.clicked() && current != status {
                action = Some(DetailAction::SetStatus(status));
            }
        }
    });
    let waiting: Vec<usize> = loaded
        .graph
        .prerequisites(topic)
        .into_iter()
        .filter(|&p| !overview.status[p].is_cleared())
        .collect();
    let standing = match overview.standing[topic] {
        Standing::Cleared => "Cleared: what depends on it can go ahead.".to_owned(),
        Standing::InProgress => "In progress.".to_owned(),
        Standing::Ready => "Ready: every prerequisite is done or skipped.".to_owned(),
        Standing::Locked => format!(
            "Locked: {} prerequisite{} still open.",
            waiting.len(),
            if waiting.len() == 1 { " is" } else { "s are" }
        ),
    };
    ui.weak(standing);
    ui.horizontal_wrapped(|ui| {
        if progress.goal == Some(topic) {
            let (open, hours) = overview.toward(loaded, topic);
            ui.label(RichText::new("This is your goal.").strong());
            ui.weak(goal_text(open.len(), hours));
            if ui.small_button("Clear goal").clicked() {
                action = Some(DetailAction::SetGoal(None));
            }
        } else if ui
            .small_button("Set as goal")
            .on_hover_text("Highlight everything still to do before this topic")
            .clicked()
        {
            action = Some(DetailAction::SetGoal(Some(TopicIndex::new(topic))));
        }
    });
    action
}

/// "7 topics (about 26 hours) to go", or "Reached." when nothing is left.
#[must_use]
pub fn goal_text(open: usize, hours: f64) -> String {
    match (open, hours > 0.0) {
        (0, _) => "Reached.".to_owned(),
        (n, true) => format!(
            "{n} topic{} (about {} hours) to go.",
            if n == 1 { "" } else { "s" },
            hours.round()
        ),
        (n, false) => format!("{n} topic{} to go.", if n == 1 { "" } else { "s" }),
    }
}

/// A source as a link with its kind; anything but an http(s) address is shown as plain text.
pub fn source_ui(ui: &mut egui::Ui, source: &Source) {
    ui.horizontal_wrapped(|ui| {
        if is_web_address(&source.url) {
            ui.hyperlink_to(&source.title, &source.url)
                .on_hover_text(&source.url);
        } else {
            ui.label(&source.title);
            ui.colored_label(ui.visuals().warn_fg_color, "⚠")
                .on_hover_text(format!("Not a web address, so not opened: {}", source.url));
        }
        ui.weak(format!("({})", source.kind.label()));
    });
}
