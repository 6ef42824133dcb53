//! The selected topic's panel while editing: every field of the topic, its prerequisites and
//! its sources. What is typed is kept in a draft; each change is sent as an edit the app checks
//! before accepting, so a field holding something invalid (an empty title, an address that is
//! not http(s)) shows why beside it and the roadmap keeps its last valid state.

use egui::RichText;

use crate::model::edit::{RoadmapEdit, id_from_title};
use crate::model::{LoadedRoadmap, Source, SourceKind, Topic, TopicIndex};

/// A field of the panel, to say where a refused edit came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftField {
    /// The title.
    Title,
    /// The id.
    Id,
    /// The phase.
    Phase,
    /// The estimate in hours.
    Hours,
    /// The tags.
    Tags,
    /// The summary.
    Summary,
    /// The rationale.
    Rationale,
    /// The prerequisites.
    Prerequisites,
    /// Source `k`.
    Source(usize),
    /// The source being added.
    NewSource,
}

impl DraftField {
    /// The key that makes the keys typed into this field of topic `i` one undo step.
    fn merge_key(self, i: usize) -> Option<String> {
        match self {
            Self::Title
            | Self::Id
            | Self::Hours
            | Self::Tags
            | Self::Summary
            | Self::Rationale
            | Self::Source(_) => Some(format!("{self:?}@{i}")),
            Self::Phase | Self::Prerequisites | Self::NewSource => None,
        }
    }
}

/// What is being typed into the panel of one topic.
#[derive(Debug, Clone, Default)]
pub struct TopicDraft {
    /// The topic, by index, and as it was when the draft was taken from it.
    topic: Option<(usize, Topic)>,
    title: String,
    id: String,
    hours: String,
    tags: String,
    summary: String,
    rationale: String,
    sources: Vec<(String, String)>,
    new_source: (String, String, Option<SourceKind>),
    prerequisite_query: String,
    /// The last edit refused, with why.
    error: Option<(DraftField, String)>,
    /// The id follows the title (a topic just added, until its title is confirmed).
    pub auto_id: bool,
    /// The title field takes the keyboard, its text selected (a topic just added).
    pub focus_title: bool,
    /// A topic just added, whose draft starts with the title field ready.
    fresh: Option<usize>,
    /// The field the last edit sent came from, until the app says how it went.
    pending: Option<DraftField>,
}

impl TopicDraft {
    /// Takes the fields from topic `i` when it is another topic, or when it changed other than
    /// through this draft (undo, a reload); what is being typed is kept otherwise.
    pub fn sync(&mut self, i: usize, topic: &Topic) {
        if self
            .topic
            .as_ref()
            .is_some_and(|(k, t)| *k == i && t == topic)
        {
            return;
        }
        let other = self.topic.as_ref().is_none_or(|(k, _)| *k != i);
        self.title.clone_from(&topic.title);
        self.id.clone_from(&topic.id);
        self.hours = topic
            .estimate_hours
            .map(|h| h.to_string())
            .unwrap_or_default();
        self.tags = topic.tags.join(", ");
        self.summary.clone_from(&topic.summary);
        self.rationale.clone_from(&topic.rationale);
        self.sources = topic
            .sources
            .iter()
            .map(|s| (s.title.clone(), s.url.clone()))
            .collect();
        self.error = None;
        if other {
            self.new_source = (String::new(), String::new(), None);
            self.prerequisite_query.clear();
            let fresh = self.fresh.take() == Some(i);
            self.auto_id = fresh;
            self.focus_title = fresh;
        }
        self.topic = Some((i, topic.clone()));
    }

    /// Topic `i` was just added: its panel opens with the title selected, the id following it.
    pub fn fresh_topic(&mut self, i: usize) {
        self.fresh = Some(i);
        self.topic = None;
    }

    /// The field the last edit came from, once: the app reports back with [`Self::accepted`]
    /// or [`Self::refused`].
    pub fn take_pending(&mut self) -> Option<DraftField> {
        self.pending.take()
    }

    /// The app refused the edit made from `field`: say why there, and keep what was typed.
    pub fn refused(&mut self, field: DraftField, why: String, now: &Topic) {
        if let Some((_, base)) = &mut self.topic {
            base.clone_from(now);
        }
        self.error = Some((field, why));
    }

    /// The app accepted the edit made from `field`.
    pub fn accepted(&mut self, field: DraftField, now: &Topic) {
        if let Some((_, base)) = &mut self.topic {
            base.clone_from(now);
        }
        if self.error.as_ref().is_some_and(|(f, _)| *f == field) {
            self.error = None;
        }
        if field == DraftField::NewSource {
            self.new_source = (String::new(), String::new(), None);
        }
        self.sources = now
            .sources
            .iter()
            .map(|s| (s.title.clone(), s.url.clone()))
            .collect();
    }
}

/// What the editing panel asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum EditorAction {
    /// Change the roadmap; `field` says which field it came from.
    Edit {
        /// The change.
        edit: Box<RoadmapEdit>,
        /// Where it was typed.
        field: DraftField,
        /// Keys typed into one field make one undo step.
        merge: Option<String>,
    },
    /// Select another topic.
    Select(TopicIndex),
    /// Delete the topic.
    Delete,
    /// Close the panel.
    Close,
}

/// The editing panel of topic `i`; `warnings` are the roadmap's warnings about it.
pub fn topic_editor_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    i: usize,
    draft: &mut TopicDraft,
    warnings: &[String],
) -> Vec<EditorAction> {
    let topic = &loaded.roadmap.topics[i];
    draft.sync(i, topic);
    let mut out = Vec::new();
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Editing topic").heading().strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("×").on_hover_text("Close (Esc)").clicked() {
                out.push(EditorAction::Close);
            }
        });
    });
    for w in warnings {
        ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {w}"));
    }
    ui.add_space(4.0);
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            fields_ui(ui, loaded, i, draft, &mut out);
            ui.add_space(10.0);
            prerequisites_ui(ui, loaded, i, draft, &mut out);
            ui.add_space(10.0);
            sources_ui(ui, topic, draft, &mut out);
            ui.add_space(14.0);
            if ui
                .button("Delete topic…")
                .on_hover_text("Delete the topic and its links (Delete)")
                .clicked()
            {
                out.push(EditorAction::Delete);
            }
            ui.add_space(8.0);
        });
    out.into_iter()
        .map(|a| match a {
            EditorAction::Edit { edit, field, .. } => {
                draft.pending = Some(field);
                EditorAction::Edit {
                    edit,
                    field,
                    merge: field.merge_key(i),
                }
            }
            other => other,
        })
        .collect()
}

/// The refusal under `field`, if the last edit from it was refused.
fn error_ui(ui: &mut egui::Ui, draft: &TopicDraft, field: DraftField) {
    if let Some((f, why)) = &draft.error
        && *f == field
    {
        ui.add(egui::Label::new(RichText::new(why).color(ui.visuals().error_fg_color)).wrap());
    }
}

fn change(topic: &Topic, field: DraftField, f: impl FnOnce(&mut Topic)) -> EditorAction {
    let mut new = topic.clone();
    f(&mut new);
    EditorAction::Edit {
        edit: Box::new(RoadmapEdit::ChangeTopic(topic.id.clone(), new)),
        field,
        merge: None,
    }
}

/// Title, id, phase, hours, tags, summary and rationale.
fn fields_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    i: usize,
    draft: &mut TopicDraft,
    out: &mut Vec<EditorAction>,
) {
    let topic = &loaded.roadmap.topics[i];
    let taken = || {
        loaded
            .roadmap
            .topics
            .iter()
            .filter(|t| t.id != topic.id)
            .map(|t| t.id.as_str())
    };
    ui.label("Title");
    let title = ui.add(
        egui::TextEdit::singleline(&mut draft.title)
            .id_salt(("edit-title", i))
            .desired_width(f32::INFINITY),
    );
    if draft.focus_title {
        draft.focus_title = false;
        title.request_focus();
        select_all(ui, title.id, &draft.title);
    }
    if title.changed() {
        let text = draft.title.clone();
        let id = draft
            .auto_id
            .then(|| id_from_title(&text, "topic", taken()));
        if let Some(id) = &id {
            draft.id.clone_from(id);
        }
        out.push(change(topic, DraftField::Title, |t| {
            t.title = text;
            if let Some(id) = id {
                t.id = id;
            }
        }));
    }
    if title.lost_focus() {
        // Enter (or leaving the field) confirms the title: the id stays as it is from now on.
        draft.auto_id = false;
    }
    error_ui(ui, draft, DraftField::Title);

    ui.horizontal(|ui| {
        ui.label("Id");
        let id = ui
            .add(egui::TextEdit::singleline(&mut draft.id).id_salt(("edit-id", i)))
            .on_hover_text(
                "Kebab-case; progress is kept under it. Changing it renames it in every link \
                 and reference, and the topic keeps its status and note.",
            );
        if id.changed() {
            draft.auto_id = false;
            let text = draft.id.trim().to_owned();
            out.push(change(topic, DraftField::Id, |t| t.id = text));
        }
    });
    error_ui(ui, draft, DraftField::Id);

    ui.horizontal(|ui| {
        ui.label("Phase");
        let phases = loaded.roadmap.phases_in_order();
        let current = phases
            .iter()
            .find(|p| p.id == topic.phase)
            .map_or(topic.phase.as_str(), |p| p.title.as_str());
        egui::ComboBox::from_id_salt(("edit-phase", i))
            .selected_text(current)
            .show_ui(ui, |ui| {
                for p in phases {
                    if ui.selectable_label(p.id == topic.phase, &p.title).clicked()
                        && p.id != topic.phase
                    {
                        let phase = p.id.clone();
                        out.push(change(topic, DraftField::Phase, |t| t.phase = phase));
                    }
                }
            });
        ui.label("Hours");
        let hours = ui.add(
            egui::TextEdit::singleline(&mut draft.hours)
                .id_salt(("edit-hours", i))
                .desired_width(48.0),
        );
        if hours.changed() {
            match parse_hours(&draft.hours) {
                Ok(h) => out.push(change(topic, DraftField::Hours, |t| t.estimate_hours = h)),
                Err(why) => draft.error = Some((DraftField::Hours, why)),
            }
        }
    });
    error_ui(ui, draft, DraftField::Phase);
    error_ui(ui, draft, DraftField::Hours);

    texts_ui(ui, topic, i, draft, out);
}

/// Tags, summary and rationale.
fn texts_ui(
    ui: &mut egui::Ui,
    topic: &Topic,
    i: usize,
    draft: &mut TopicDraft,
    out: &mut Vec<EditorAction>,
) {
    ui.label("Tags (separated by commas)");
    let tags = ui.add(
        egui::TextEdit::singleline(&mut draft.tags)
            .id_salt(("edit-tags", i))
            .desired_width(f32::INFINITY),
    );
    if tags.changed() {
        let list = parse_tags(&draft.tags);
        out.push(change(topic, DraftField::Tags, |t| t.tags = list));
    }
    error_ui(ui, draft, DraftField::Tags);

    for (field, label, text) in [
        (
            DraftField::Summary,
            "Summary: one line on what the learner gets",
            &mut draft.summary,
        ),
        (
            DraftField::Rationale,
            "Why here: what it builds on and what it opens ([[topic-id]] links a topic)",
            &mut draft.rationale,
        ),
    ] {
        ui.add_space(4.0);
        ui.label(label);
        let edit = ui.add(
            egui::TextEdit::multiline(text)
                .id_salt((label, i))
                .desired_rows(if field == DraftField::Summary { 2 } else { 6 })
                .desired_width(f32::INFINITY),
        );
        if edit.changed() {
            let value = text.clone();
            out.push(change(topic, field, |t| {
                if field == DraftField::Summary {
                    t.summary = value;
                } else {
                    t.rationale = value;
                }
            }));
        }
    }
    error_ui(ui, draft, DraftField::Summary);
    error_ui(ui, draft, DraftField::Rationale);
}

/// Selects the whole text of the field `id`, so typing replaces it.
fn select_all(ui: &egui::Ui, id: egui::Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    let all = egui::text::CCursorRange::two(
        egui::text::CCursor::new(0),
        egui::text::CCursor::new(text.chars().count()),
    );
    state.cursor.set_char_range(Some(all));
    state.store(ui.ctx(), id);
}

/// An estimate typed by the user: empty is none; otherwise a number of zero or more.
fn parse_hours(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(h) if h.is_finite() && h >= 0.0 => Ok(Some(h)),
        _ => Err(format!(
            "hours must be a number of zero or more, found `{text}`"
        )),
    }
}

/// Tags typed as a list: separated by commas, each trimmed, empty ones left out.
fn parse_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The prerequisites, each with a button to remove its link, and a search to add one.
fn prerequisites_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    i: usize,
    draft: &mut TopicDraft,
    out: &mut Vec<EditorAction>,
) {
    let topics = &loaded.roadmap.topics;
    let topic = &topics[i];
    ui.label(RichText::new("Comes after").strong());
    if topic.prerequisites.is_empty() {
        ui.weak("Nothing: a starting point.");
    }
    for p in &topic.prerequisites {
        ui.horizontal(|ui| {
            if ui
                .small_button("×")
                .on_hover_text("Remove this link")
                .clicked()
            {
                out.push(EditorAction::Edit {
                    edit: Box::new(RoadmapEdit::RemoveLink {
                        prerequisite: p.clone(),
                        topic: topic.id.clone(),
                    }),
                    field: DraftField::Prerequisites,
                    merge: None,
                });
            }
            let title = loaded
                .graph
                .index_of(p)
                .map_or(p.as_str(), |k| topics[k].title.as_str());
            if ui.link(title).clicked()
                && let Some(k) = loaded.graph.index_of(p)
            {
                out.push(EditorAction::Select(TopicIndex::new(k)));
            }
        });
    }
    ui.horizontal(|ui| {
        ui.label("Add:");
        ui.add(
            egui::TextEdit::singleline(&mut draft.prerequisite_query)
                .id_salt(("edit-prerequisite", i))
                .hint_text("type to find a topic")
                .desired_width(f32::INFINITY),
        );
    });
    let query = draft.prerequisite_query.trim().to_lowercase();
    if !query.is_empty() {
        let candidates = topics
            .iter()
            .filter(|t| t.id != topic.id && !topic.prerequisites.contains(&t.id))
            .filter(|t| t.title.to_lowercase().contains(&query) || t.id.contains(query.as_str()))
            .take(8);
        for t in candidates {
            if ui
                .button(format!("+ {}", t.title))
                .on_hover_text(format!("Make `{}` a prerequisite of this topic", t.id))
                .clicked()
            {
                out.push(EditorAction::Edit {
                    edit: Box::new(RoadmapEdit::AddLink {
                        prerequisite: t.id.clone(),
                        topic: topic.id.clone(),
                    }),
                    field: DraftField::Prerequisites,
                    merge: None,
                });
                draft.prerequisite_query.clear();
            }
        }
    }
    error_ui(ui, draft, DraftField::Prerequisites);
}

/// The sources: title and address of each, moved up or down or removed, and one to add.
fn sources_ui(
    ui: &mut egui::Ui,
    topic: &Topic,
    draft: &mut TopicDraft,
    out: &mut Vec<EditorAction>,
) {
    ui.label(RichText::new("Sources").strong());
    let n = topic.sources.len();
    for k in 0..n.min(draft.sources.len()) {
        let source = &topic.sources[k];
        ui.horizontal(|ui| {
            let (title, url) = &mut draft.sources[k];
            let t = ui.add(
                egui::TextEdit::singleline(title)
                    .id_salt(("source-title", k))
                    .hint_text("title")
                    .desired_width(140.0),
            );
            let u = ui.add(
                egui::TextEdit::singleline(url)
                    .id_salt(("source-url", k))
                    .hint_text("https://…")
                    .desired_width(170.0),
            );
            if t.changed() || u.changed() {
                let (title, url) = (title.clone(), url.trim().to_owned());
                out.push(change(topic, DraftField::Source(k), |t| {
                    t.sources[k].title = title;
                    t.sources[k].url = url;
                }));
            }
            kind_ui(ui, egui::Id::new(("source-kind", k)), source.kind, |kind| {
                out.push(change(topic, DraftField::Source(k), |t| {
                    t.sources[k].kind = kind;
                }));
            });
            if ui
                .add_enabled(k > 0, egui::Button::new("Up").small())
                .clicked()
            {
                out.push(change(topic, DraftField::Source(k), |t| {
                    t.sources.swap(k - 1, k);
                }));
            }
            if ui
                .add_enabled(k + 1 < n, egui::Button::new("Down").small())
                .clicked()
            {
                out.push(change(topic, DraftField::Source(k), |t| {
                    t.sources.swap(k, k + 1);
                }));
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove this source")
                .clicked()
            {
                out.push(change(topic, DraftField::Source(k), |t| {
                    t.sources.remove(k);
                }));
            }
        });
        error_ui(ui, draft, DraftField::Source(k));
    }
    ui.add_space(4.0);
    ui.weak("Add a source");
    ui.horizontal(|ui| {
        let (title, url, kind) = &mut draft.new_source;
        ui.add(
            egui::TextEdit::singleline(title)
                .id_salt("new-source-title")
                .hint_text("title")
                .desired_width(140.0),
        );
        ui.add(
            egui::TextEdit::singleline(url)
                .id_salt("new-source-url")
                .hint_text("https://…")
                .desired_width(170.0),
        );
        let chosen = kind.unwrap_or(SourceKind::Docs);
        kind_ui(ui, egui::Id::new("new-source-kind"), chosen, |k| {
            *kind = Some(k);
        });
        if ui.button("Add").clicked() {
            let source = Source {
                title: title.trim().to_owned(),
                url: url.trim().to_owned(),
                kind: chosen,
                published: None,
            };
            out.push(change(topic, DraftField::NewSource, |t| {
                t.sources.push(source);
            }));
        }
    });
    error_ui(ui, draft, DraftField::NewSource);
}

/// The kind of a source, as a drop-down.
fn kind_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    current: SourceKind,
    mut chosen: impl FnMut(SourceKind),
) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(current.label())
        .width(100.0)
        .show_ui(ui, |ui| {
            for kind in [
                SourceKind::Docs,
                SourceKind::Announcement,
                SourceKind::Article,
                SourceKind::Video,
                SourceKind::Course,
            ] {
                if ui.selectable_label(kind == current, kind.label()).clicked() && kind != current {
                    chosen(kind);
                }
            }
        });
}
