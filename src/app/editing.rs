//! Editing the roadmap in the window: edit mode, edits checked before they are accepted and
//! recorded with progress in one undo history, adding and deleting topics and links, and the
//! phases window. Saving, copies and recovery are in `files.rs`.

use super::RoadmapApp;
use crate::command::Command;
use crate::model::edit::{self, Refused, RoadmapEdit};
use crate::model::{LoadedRoadmap, TopicIndex};
use crate::tracker::Undone;

/// What an edit does, in the words of the Edit menu and the undo notice.
fn describe(loaded: &LoadedRoadmap, edit: &RoadmapEdit) -> String {
    let title = |id: &str| {
        loaded
            .graph
            .index_of(id)
            .map_or_else(|| id.to_owned(), |i| loaded.roadmap.topics[i].title.clone())
    };
    let phase = |id: &str| {
        loaded
            .roadmap
            .phase(id)
            .map_or_else(|| id.to_owned(), |p| p.title.clone())
    };
    match edit {
        RoadmapEdit::AddTopic(t) => format!("add topic: {}", t.title),
        RoadmapEdit::ChangeTopic(id, t) => {
            let before = loaded.graph.index_of(id).map(|i| &loaded.roadmap.topics[i]);
            match before {
                Some(b) if b.id != t.id => format!("rename id: {} to {}", b.id, t.id),
                Some(b) if b.phase != t.phase => {
                    format!("move {} to {}", t.title, phase(&t.phase))
                }
                _ => format!("edit topic: {}", t.title),
            }
        }
        RoadmapEdit::RemoveTopic(id) => format!("delete topic: {}", title(id)),
        RoadmapEdit::AddLink {
            prerequisite,
            topic,
        } => format!("link {} → {}", title(prerequisite), title(topic)),
        RoadmapEdit::RemoveLink {
            prerequisite,
            topic,
        } => format!("remove link {} → {}", title(prerequisite), title(topic)),
        RoadmapEdit::AddPhase(p) => format!("add phase: {}", p.title),
        RoadmapEdit::ChangePhase(_, p) => format!("edit phase: {}", p.title),
        RoadmapEdit::RemovePhase(id) => format!("remove phase: {}", phase(id)),
        RoadmapEdit::ReorderPhases(_) => "reorder phases".to_owned(),
        RoadmapEdit::MergePhase { from, into } => {
            format!("move the topics of {} to {}", phase(from), phase(into))
        }
    }
}

/// Why an edit was refused, in the words `roadmap check` uses, one problem after another.
pub(super) fn refused_words(refused: &Refused) -> String {
    match refused {
        Refused::Missing(what) => what.clone(),
        Refused::Invalid(problems) => problems
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

impl RoadmapApp {
    /// Whether the roadmap is being edited.
    #[must_use]
    pub fn editing(&self) -> bool {
        self.editing
    }

    /// Whether the roadmap has edits not saved to its file.
    #[must_use]
    pub fn unsaved(&self) -> bool {
        self.doc.unsaved
    }

    /// The roadmap's warnings (a topic without a summary, rationale or source yet, …), each
    /// with the topic it is about.
    pub fn warnings(&mut self) -> &[(Option<usize>, String)] {
        self.warnings
            .get_or_insert_with(|| warnings_of(&self.doc.loaded))
    }

    /// The link selected on the map (prerequisite, topic), while editing.
    #[must_use]
    pub fn selected_link(&self) -> Option<(usize, usize)> {
        self.link_selected
    }

    /// Turns editing on or off. The bundled roadmap is not edited in place: the user is asked
    /// to make a copy of it first.
    pub(super) fn toggle_editing(&mut self) {
        if !self.editing && self.doc.read_only() {
            self.ask_copy_first = true;
            return;
        }
        self.editing = !self.editing;
        self.link_selected = None;
    }

    /// Checks `edit`, and makes it when the roadmap stays valid: one undo step (or part of the
    /// step being typed, for the same `merge` key), the map laid out again with the camera kept,
    /// the selection following its topic. Returns why it was refused otherwise.
    pub(super) fn edit_roadmap(
        &mut self,
        edit: RoadmapEdit,
        merge: Option<&str>,
    ) -> Result<(), String> {
        let what = describe(&self.doc.loaded, &edit);
        let renamed = match &edit {
            RoadmapEdit::ChangeTopic(old, t) if *old != t.id => Some((old.clone(), t.id.clone())),
            _ => None,
        };
        let mut selected = self.selected_id();
        let after = edit::apply(&self.doc.loaded, edit).map_err(|r| refused_words(&r))?;
        let before = std::mem::replace(&mut self.doc.loaded, after);
        let names = renamed.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
        self.doc
            .tracker
            .edited(&before.roadmap, &self.doc.loaded, what, names, merge);
        if let Some((old, new)) = renamed
            && selected.as_deref() == Some(old.as_str())
        {
            selected = Some(new);
        }
        self.roadmap_changed(selected, before.roadmap.topics.len());
        Ok(())
    }

    /// The selected topic's id.
    fn selected_id(&self) -> Option<String> {
        self.selected
            .and_then(|i| self.doc.loaded.roadmap.topics.get(i))
            .map(|t| t.id.clone())
    }

    /// After the roadmap changed in memory: the selection by id (else at the same place), the
    /// map laid out again without moving, filters and search kept, unsaved edits marked and
    /// kept for recovery.
    pub(super) fn roadmap_changed(&mut self, selected: Option<String>, topics_before: usize) {
        let index = selected.and_then(|id| self.doc.loaded.graph.index_of(&id));
        self.selected = index.or_else(|| {
            self.selected
                .filter(|&i| i < self.doc.loaded.roadmap.topics.len())
                .filter(|_| self.doc.loaded.roadmap.topics.len() == topics_before)
        });
        if self.selected.is_none() {
            self.panels.details = false;
        }
        self.link_selected = None;
        self.warnings = None;
        self.note_draft = (usize::MAX, String::new());
        self.map.relayout();
        self.filters.keep_existing(&self.doc.loaded);
        if let Some(bar) = &mut self.search {
            bar.roadmap_changed();
        }
        self.doc.fonts = super::document::FontCheck::Pending;
        self.doc.mark_unsaved();
        self.schedule_recovery();
    }

    /// Undo or redo handed back a roadmap: put it in place.
    pub(super) fn take_undone(&mut self, undone: Undone) {
        let Undone::Roadmap(roadmap) = undone else {
            return;
        };
        let selected = self.selected_id();
        let before = self.doc.loaded.roadmap.topics.len();
        match LoadedRoadmap::checked(*roadmap) {
            Ok(loaded) => {
                self.doc.loaded = loaded;
                self.doc.tracker.roadmap_replaced(&self.doc.loaded);
                self.roadmap_changed(selected, before);
            }
            // The history only holds roadmaps that were valid; say so if one is not.
            Err(problems) => self.flash(
                format!(
                    "That step cannot be undone: {}",
                    problems.first().map_or("", |p| p.message.as_str())
                ),
                true,
            ),
        }
    }

    /// N: a new topic in the selected topic's phase (else the first phase), selected, its
    /// title field ready for typing.
    pub(super) fn add_topic(&mut self, ctx: &egui::Context) {
        let roadmap = &self.doc.loaded.roadmap;
        let phase = self
            .selected
            .and_then(|i| roadmap.topics.get(i))
            .map(|t| t.phase.clone())
            .or_else(|| roadmap.phases_in_order().first().map(|p| p.id.clone()));
        let Some(phase) = phase else {
            self.flash("Add a phase first: Edit > Phases…".to_owned(), true);
            return;
        };
        let topic = edit::new_topic(roadmap, "New topic", &phase);
        let id = topic.id.clone();
        match self.edit_roadmap(RoadmapEdit::AddTopic(topic), None) {
            Ok(()) => {
                let i = self.doc.loaded.graph.index_of(&id);
                self.selected = i;
                self.panels.details = i.is_some();
                if let Some(i) = i {
                    self.topic_draft.fresh_topic(i);
                    self.reveal = Some(i);
                }
                ctx.request_repaint();
            }
            Err(why) => self.flash(why, true),
        }
    }

    /// Delete: the selected link, else the selected topic; a topic others need is deleted only
    /// after asking.
    pub(super) fn delete_selected(&mut self) {
        if let Some((p, t)) = self.link_selected {
            let topics = &self.doc.loaded.roadmap.topics;
            let edit = RoadmapEdit::RemoveLink {
                prerequisite: topics[p].id.clone(),
                topic: topics[t].id.clone(),
            };
            if let Err(why) = self.edit_roadmap(edit, None) {
                self.flash(why, true);
            }
            return;
        }
        let Some(i) = self.selected else {
            return;
        };
        let id = self.doc.loaded.roadmap.topics[i].id.clone();
        if self.doc.loaded.graph.unlocks(i).is_empty() {
            self.delete_topic(id);
        } else {
            self.confirm_delete = Some(id);
        }
    }

    /// Deletes the topic with this id and its links.
    pub(super) fn delete_topic(&mut self, id: String) {
        if let Err(why) = self.edit_roadmap(RoadmapEdit::RemoveTopic(id), None) {
            self.flash(why, true);
        }
    }

    /// Applies an edit asked for by a widget; the panel's draft hears whether it was accepted,
    /// the user whether it was refused.
    pub(super) fn apply_edit(&mut self, edit: RoadmapEdit, merge: Option<&str>) {
        let result = self.edit_roadmap(edit, merge);
        let field = self.topic_draft.take_pending();
        let now = self
            .selected
            .and_then(|i| self.doc.loaded.roadmap.topics.get(i))
            .cloned();
        match (result, field, now) {
            (Ok(()), Some(field), Some(now)) => self.topic_draft.accepted(field, &now),
            (Err(why), Some(field), Some(now)) => {
                // Typing shows why beside the field; a link refused is worth a notice too.
                if field == crate::ui::edit_panel::DraftField::Prerequisites {
                    self.flash(why.clone(), true);
                }
                self.topic_draft.refused(field, why, &now);
            }
            (Err(why), _, _) => self.flash(why, true),
            (Ok(()), _, _) => {}
        }
    }

    /// The question before deleting a topic others need.
    pub(super) fn confirm_delete_dialog(&mut self, ctx: &egui::Context) {
        let Some(id) = self.confirm_delete.clone() else {
            return;
        };
        let Some(i) = self.doc.loaded.graph.index_of(&id) else {
            self.confirm_delete = None;
            return;
        };
        let topics = &self.doc.loaded.roadmap.topics;
        let needing: Vec<&str> = self
            .doc
            .loaded
            .graph
            .unlocks(i)
            .into_iter()
            .map(|k| topics[k].title.as_str())
            .collect();
        let mut answer = None;
        egui::Modal::new(egui::Id::new("confirm_delete")).show(ctx, |ui| {
            ui.heading(format!("Delete “{}”?", topics[i].title));
            ui.label(format!(
                "{} {} it as a prerequisite: {}. {} link to it goes too. Edit > Undo brings \
                 everything back.",
                needing.len(),
                if needing.len() == 1 {
                    "topic lists"
                } else {
                    "topics list"
                },
                needing.join(", "),
                if needing.len() == 1 { "That" } else { "Each" },
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Delete").clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                self.confirm_delete = None;
                self.delete_topic(id);
            }
            Some(false) => self.confirm_delete = None,
            None => {}
        }
    }

    /// The question when editing the bundled roadmap: it is read-only, a copy is edited.
    pub(super) fn copy_first_dialog(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if !self.ask_copy_first {
            return;
        }
        let mut close = false;
        egui::Modal::new(egui::Id::new("copy_first")).show(ctx, |ui| {
            ui.heading("Make a copy to edit");
            ui.label(
                "The bundled roadmap stays as it is. Edit your own copy: it is saved as a file \
                 of yours, and your progress comes along.",
            );
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Make my copy…").clicked() {
                    commands.push(Command::AskMakeCopy);
                    close = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if close {
            self.ask_copy_first = false;
        }
    }

    /// Applies a command that edits: everything `Command` has for editing and files.
    pub(super) fn apply_editing(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::ToggleEditing => self.toggle_editing(),
            Command::EditRoadmap { edit, merge } => self.apply_edit(*edit, merge.as_deref()),
            Command::AddTopic if self.editing => self.add_topic(ctx),
            Command::DeleteSelected if self.editing => self.delete_selected(),
            Command::DeleteTopic(id) => self.delete_topic(id),
            Command::SelectLink(link) => {
                self.link_selected = link.map(|(p, t)| (p.get(), t.get()));
                if link.is_some() {
                    self.selected = None;
                    self.panels.details = false;
                }
            }
            Command::TogglePhases => self.panels.phases = !self.panels.phases,
            Command::AskMakeCopy => self.ask_make_copy(),
            Command::NewRoadmap => self.ask_then(super::files::Then::New),
            Command::Save => self.save(),
            Command::SaveAs => self.ask_save_as(false),
            Command::SaveTo { path, copy } => self.save_to(path, copy),
            _ => {}
        }
    }
}

/// While editing: the warnings at the bottom, and the selected topic's editing panel.
pub(super) fn editing_panels_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    (warnings, draft): (&Warnings, &mut crate::ui::edit_panel::TopicDraft),
    topic: Option<usize>,
    commands: &mut Vec<Command>,
) {
    warnings_bar_ui(ui, warnings, commands);
    if let Some(topic) = topic {
        let about: Vec<String> = warnings
            .iter()
            .filter(|(t, _)| *t == Some(topic))
            .map(|(_, w)| w.clone())
            .collect();
        editor_panel_ui(ui, loaded, draft, topic, &about, commands);
    }
}

/// The editing panel of the selected topic, on the right; `warnings` are the roadmap's
/// warnings about it.
fn editor_panel_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    draft: &mut crate::ui::edit_panel::TopicDraft,
    topic: usize,
    warnings: &[String],
    commands: &mut Vec<Command>,
) {
    use crate::ui::edit_panel::{EditorAction, topic_editor_ui};
    egui::Panel::right("details")
        .default_size(420.0)
        .size_range(320.0..=680.0)
        .show(ui, |ui| {
            for action in topic_editor_ui(ui, loaded, topic, draft, warnings) {
                commands.push(match action {
                    EditorAction::Edit { edit, merge, .. } => Command::EditRoadmap { edit, merge },
                    EditorAction::Select(i) => Command::Select(Some(i)),
                    EditorAction::Delete => Command::DeleteSelected,
                    EditorAction::Close => Command::Select(None),
                });
            }
        });
}

/// The roadmap's warnings, each with the topic it is about, if any.
pub(super) type Warnings = Vec<(Option<usize>, String)>;

/// Every warning of the roadmap (see `validate::warnings`), with its topic.
pub(super) fn warnings_of(loaded: &LoadedRoadmap) -> Warnings {
    use crate::model::validate::{self, Place};
    validate::warnings(&loaded.roadmap, &loaded.graph)
        .into_iter()
        .map(|p| {
            let topic = match p.place {
                Place::Topic(i, _)
                | Place::Text(i, _, _)
                | Place::Source(i, _, _)
                | Place::Prerequisite(i, _) => Some(i),
                _ => None,
            };
            (topic, p.message)
        })
        .collect()
}

/// While editing, the list of what is left to write, at the bottom of the window; a click on a
/// line selects its topic.
fn warnings_bar_ui(ui: &mut egui::Ui, warnings: &Warnings, commands: &mut Vec<Command>) {
    egui::Panel::bottom("warnings").show(ui, |ui| {
        let n = warnings.len();
        let title = match n {
            0 => "No warnings: the roadmap is ready to share (roadmap check --strict passes)"
                .to_owned(),
            1 => "1 warning".to_owned(),
            _ => format!("{n} warnings"),
        };
        egui::CollapsingHeader::new(title)
            .id_salt("warnings")
            .enabled(n > 0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(140.0)
                    .show(ui, |ui| {
                        for (topic, message) in warnings {
                            let line = ui.add(
                                egui::Label::new(
                                    egui::RichText::new(format!("⚠ {message}"))
                                        .color(ui.visuals().warn_fg_color),
                                )
                                .sense(egui::Sense::click()),
                            );
                            if let Some(i) = topic
                                && line
                                    .on_hover_cursor(egui::CursorIcon::PointingHand)
                                    .clicked()
                            {
                                commands.push(Command::Select(Some(TopicIndex::new(*i))));
                            }
                        }
                    });
            });
    });
}
