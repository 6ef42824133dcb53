//! The search bar (Ctrl+F or /): matches update while typing, the map lights them up and dims
//! the rest, Up and Down walk the list, Enter selects, Esc closes.

use crate::model::LoadedRoadmap;
use crate::model::TopicIndex;
use crate::model::search::{Hit, search};

/// Most results listed under the field; the map shows them all.
const LISTED: usize = 6;

/// What the user asked for in the search bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchAction {
    /// Select this topic and bring it into view.
    Select(TopicIndex),
    /// Close the bar and forget the query.
    Close,
}

/// The search bar's state.
#[derive(Debug, Default)]
pub struct SearchBar {
    query: String,
    /// The query the hits were found for.
    searched: String,
    hits: Vec<Hit>,
    /// Which topics match, for the map.
    matches: Vec<bool>,
    /// The result Enter selects.
    cursor: usize,
    wants_focus: bool,
    /// The roadmap changed since the last search.
    stale: bool,
}

impl SearchBar {
    /// An empty bar that takes the keyboard on its next frame.
    #[must_use]
    pub fn new() -> Self {
        Self {
            wants_focus: true,
            ..Self::default()
        }
    }

    /// Gives the field the keyboard on the next frame.
    pub fn focus(&mut self) {
        self.wants_focus = true;
    }

    /// Searches again on the next frame: the roadmap changed (reloaded from disk).
    pub fn roadmap_changed(&mut self) {
        self.stale = true;
    }

    /// Which topics match, once something is typed.
    #[must_use]
    pub fn matches(&self) -> Option<&[bool]> {
        (!self.searched.trim().is_empty()).then_some(&self.matches[..])
    }

    /// The matches, best first.
    #[must_use]
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    fn refresh(&mut self, loaded: &LoadedRoadmap) {
        if !self.stale
            && self.searched == self.query
            && self.matches.len() == loaded.roadmap.topics.len()
        {
            return;
        }
        self.stale = false;
        self.searched.clone_from(&self.query);
        self.hits = search(loaded, &self.query);
        self.matches = vec![false; loaded.roadmap.topics.len()];
        for hit in &self.hits {
            self.matches[hit.topic] = true;
        }
        self.cursor = 0;
    }

    /// Draws the bar; returns what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, loaded: &LoadedRoadmap) -> Option<SearchAction> {
        use egui::{Key, Modifiers};
        self.refresh(loaded);
        let mut action = None;
        let id = egui::Id::new("search_field");
        let focused = ui.memory(|m| m.has_focus(id));
        if focused {
            let (down, up, escape) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowDown),
                    i.consume_key(Modifiers::NONE, Key::ArrowUp),
                    i.consume_key(Modifiers::NONE, Key::Escape),
                )
            });
            let last = self.hits.len().min(LISTED).saturating_sub(1);
            if down {
                self.cursor = (self.cursor + 1).min(last);
            }
            if up {
                self.cursor = self.cursor.saturating_sub(1);
            }
            if escape {
                return Some(SearchAction::Close);
            }
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label("Search");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .id(id)
                    .hint_text("title, tag or summary; typos are forgiven")
                    .desired_width(340.0),
            );
            if self.wants_focus {
                field.request_focus();
                self.wants_focus = false;
            }
            if field.changed() {
                self.refresh(loaded);
            }
            if field.lost_focus()
                && ui.input(|i| i.key_pressed(Key::Enter))
                && let Some(hit) = self.hits.get(self.cursor)
            {
                action = Some(SearchAction::Select(TopicIndex::new(hit.topic)));
            }
            if !self.query.trim().is_empty() {
                ui.weak(match self.hits.len() {
                    0 => "no match".to_owned(),
                    1 => "1 match".to_owned(),
                    n => format!("{n} matches"),
                });
            }
            if ui.button("Close search").on_hover_text("Esc").clicked() {
                action = Some(SearchAction::Close);
            }
        });
        for (k, hit) in self.hits.iter().take(LISTED).enumerate() {
            let topic = &loaded.roadmap.topics[hit.topic];
            let row = ui
                .selectable_label(k == self.cursor, &topic.title)
                .on_hover_text(loaded.plain(&topic.summary));
            if row.clicked() {
                self.cursor = k;
                action = Some(SearchAction::Select(TopicIndex::new(hit.topic)));
            }
        }
        if self.hits.len() > LISTED {
            ui.weak(format!(
                "and {} more, lit on the map",
                self.hits.len() - LISTED
            ));
        }
        ui.add_space(4.0);
        action
    }
}
