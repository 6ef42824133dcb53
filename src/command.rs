//! What the user can ask of the window, below the widgets that ask it: the `Command`s widgets
//! push and the app applies after drawing, and the table of key bindings (`BINDINGS`), each
//! with its keys, its words and its group. The menus, the context menu, the key handling and
//! the shortcuts window (F1) all read the table, so a key and its label cannot disagree.
//! Commands carry only types from below the UI.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::layout::Direction;
use crate::model::edit::RoadmapEdit;
use crate::model::progress::Edit;
use crate::model::{Status, TopicIndex};
use crate::settings::ThemeChoice;

/// Which view fills the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The node map.
    Map,
    /// The outline: phases and topics as a list.
    Outline,
}

/// What the user asked for during a frame; applied after drawing.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub enum Command {
    /// Select a topic (and bring it into view), or clear the selection.
    Select(Option<TopicIndex>),
    /// Fit the whole map into the window.
    Fit,
    /// Zoom the map by this factor around the middle of the window.
    Zoom(f32),
    /// Show another view.
    ShowView(View),
    /// Lay the map out in another direction.
    SetDirection(Direction),
    /// Ask for a roadmap file with the system's file dialog.
    OpenDialog,
    /// Show the field to type a roadmap's path.
    OpenPathPrompt,
    /// Load the roadmap at this path.
    OpenPath(PathBuf),
    /// Close the window.
    Quit,
    /// Change the user's progress.
    Edit(Edit),
    /// Undo the last change to progress.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Ask before resetting progress.
    AskReset,
    /// Show or hide the progress panel.
    ToggleProgressPanel,
    /// Show or hide the outline beside the map.
    ToggleOutlinePanel,
    /// Show or hide the overview map.
    ToggleMinimap,
    /// Hide a notice.
    DismissNotice(usize),
    /// Open the export dialog.
    OpenExport,
    /// Open the search bar, or give it the keyboard again.
    OpenSearch,
    /// Close the search bar and forget the query.
    CloseSearch,
    /// Select a topic from the keyboard and bring it into view; the detail panel stays as it
    /// was.
    MoveTo(TopicIndex),
    /// Open the detail panel of the selected topic.
    OpenDetails,
    /// Show or hide the keyboard shortcuts.
    ToggleHelp,
    /// Tick or untick a filter value.
    ToggleFilter(FilterKey),
    /// Clear every filter.
    ClearFilters,
    /// Start presenting: full screen, topic by topic.
    Present,
    /// Move while presenting.
    PresentStep(Step),
    /// Stop presenting and go back to the view there was before.
    StopPresenting,
    /// Use another colour theme (and remember it).
    SetTheme(ThemeChoice),
    /// Show every problem of the last reload that failed.
    ShowReloadProblems,
    /// Turn editing the roadmap on or off.
    ToggleEditing,
    /// Change the roadmap. Edits with the same `merge` key in a row (the keys typed into one
    /// field) make one undo step.
    EditRoadmap {
        /// The change.
        edit: Box<RoadmapEdit>,
        /// Which field of which topic is being typed into, if any.
        merge: Option<String>,
    },
    /// Add a topic (in the selected topic's phase, else the first) and type its title.
    AddTopic,
    /// Delete what is selected: a link, else a topic (asking first when others need it).
    DeleteSelected,
    /// Delete this topic (by id) and its links, without asking.
    DeleteTopic(String),
    /// Select a link (prerequisite, topic), or none.
    SelectLink(Option<(TopicIndex, TopicIndex)>),
    /// Show or hide the phases window.
    TogglePhases,
    /// Ask where to write an editable copy of the roadmap.
    AskMakeCopy,
    /// Start a new, empty roadmap (asking first about unsaved edits).
    NewRoadmap,
    /// Save the roadmap to its file (asking where, for one without a file).
    Save,
    /// Save the roadmap to a file of the user's choice.
    SaveAs,
    /// Write the roadmap (or, for `copy`, an editable copy of it) to this path, and make it the
    /// open file.
    SaveTo {
        /// Where.
        path: PathBuf,
        /// A copy with an id of its own and the progress carried over.
        copy: bool,
    },
}

/// A move asked for while presenting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The next topic.
    Next,
    /// The previous topic.
    Previous,
    /// The first topic of the next phase.
    NextPhase,
    /// The first topic of this phase, or of the previous phase when already there.
    PreviousPhase,
    /// The first topic.
    First,
    /// The last topic.
    Last,
    /// This topic.
    To(TopicIndex),
}

/// One value a filter can let through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterKey {
    /// A phase, by id (so a reload that adds or reorders phases keeps the same one ticked).
    Phase(String),
    /// A status.
    Status(Status),
    /// A tag.
    Tag(String),
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere, even while a text field has the keyboard (Ctrl shortcuts of the menus).
    Always,
    /// On the map or the outline, when no text field and no dialog has the keyboard.
    Browsing,
    /// While presenting.
    Presenting,
    /// Handled by a widget of its own (the search bar, egui's text size): listed for the user.
    Widget,
}

/// What a binding does: a family of commands, the key pressed picking the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open a roadmap with the file dialog.
    Open,
    /// Open the export dialog.
    Export,
    /// Quit.
    Quit,
    /// Undo the last change to progress.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Open the search bar.
    Find,
    /// Show or hide the shortcuts window.
    Help,
    /// Start presenting.
    Present,
    /// Fit the map to the window.
    Fit,
    /// Zoom the map in (+) or out (-).
    Zoom,
    /// Show or hide the overview map.
    Minimap,
    /// Close what is open: the shortcuts window, the search bar, or the selection.
    Escape,
    /// Open the selected topic's panel.
    OpenDetails,
    /// Walk the graph with the arrow keys.
    Walk,
    /// Mark the selected topic with a status.
    Mark,
    /// Move while presenting.
    Step,
    /// Stop presenting.
    StopPresenting,
    /// Turn editing on or off.
    ToggleEditing,
    /// Add a topic, while editing.
    AddTopic,
    /// Delete the selected link or topic, while editing.
    Delete,
    /// Save.
    Save,
    /// Save as.
    SaveAs,
    /// Something a widget does itself (search results, text size).
    Shown,
}

/// One row of the key table: what it does, its keys, and its words in the shortcuts window.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// What it does.
    pub action: Action,
    /// Where it applies.
    pub scope: Scope,
    /// The group it is listed under in the shortcuts window.
    pub group: &'static str,
    /// The keys, as egui matches them; each may pick a member of the action's family.
    pub keys: &'static [KeyboardShortcut],
    /// Typed characters that trigger it too, whatever key makes them (`/`, `?`).
    pub text: &'static [&'static str],
    /// The keys as the shortcuts window writes them.
    pub keys_text: &'static str,
    /// What it does, in the shortcuts window.
    pub help: &'static str,
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

/// The keys a status is marked with on a selected topic (and shown in its context menu).
pub const MARK_KEYS: [(Status, Key); 4] = [
    (Status::Todo, Key::T),
    (Status::Doing, Key::I),
    (Status::Done, Key::D),
    (Status::Skipped, Key::S),
];

/// The keys that move while presenting, and where each goes.
pub const STEP_KEYS: [(Key, Step); 10] = [
    (Key::ArrowRight, Step::Next),
    (Key::ArrowDown, Step::Next),
    (Key::Space, Step::Next),
    (Key::ArrowLeft, Step::Previous),
    (Key::ArrowUp, Step::Previous),
    (Key::Backspace, Step::Previous),
    (Key::PageDown, Step::NextPhase),
    (Key::PageUp, Step::PreviousPhase),
    (Key::Home, Step::First),
    (Key::End, Step::Last),
];

/// Every key binding of the window, in the order the shortcuts window lists them. The README's
/// table says the same.
pub const BINDINGS: &[Binding] = &[
    Binding {
        action: Action::Walk,
        scope: Scope::Browsing,
        group: "Map",
        keys: &[plain(Key::ArrowLeft), plain(Key::ArrowRight)],
        text: &[],
        keys_text: "Left  Right",
        help: "to a prerequisite, to a topic it unlocks (Up, Down top to bottom)",
    },
    Binding {
        action: Action::Walk,
        scope: Scope::Browsing,
        group: "Map",
        keys: &[plain(Key::ArrowUp), plain(Key::ArrowDown)],
        text: &[],
        keys_text: "Up  Down",
        help: "to the neighbour in the same layer (Left, Right top to bottom)",
    },
    Binding {
        action: Action::OpenDetails,
        scope: Scope::Browsing,
        group: "Map",
        keys: &[plain(Key::Enter)],
        text: &[],
        keys_text: "Enter",
        help: "open the selected topic's panel",
    },
    Binding {
        action: Action::Escape,
        scope: Scope::Browsing,
        group: "Map",
        keys: &[plain(Key::Escape)],
        text: &[],
        keys_text: "Esc",
        help: "close search, or clear the selection",
    },
    Binding {
        action: Action::Fit,
        scope: Scope::Browsing,
        group: "Map",
        keys: &[plain(Key::F)],
        text: &[],
        keys_text: "F",
        help: "fit the whole map to the window",
    },
    Binding {
        action: Action::Zoom,
        scope: Scope::Browsing,
        group: "Map",
        keys: &[plain(Key::Plus), plain(Key::Equals), plain(Key::Minus)],
        text: &[],
        keys_text: "+  -",
        help: "zoom the map in, out",
    },
    Binding {
        action: Action::Minimap,
        scope: Scope::Browsing,
        group: "Map",
        keys: &[plain(Key::M)],
        text: &[],
        keys_text: "M",
        help: "show or hide the overview map",
    },
    Binding {
        action: Action::Mark,
        scope: Scope::Browsing,
        group: "Map",
        keys: &[plain(Key::D), plain(Key::I), plain(Key::S), plain(Key::T)],
        text: &[],
        keys_text: "D  I  S  T",
        help: "mark the selected topic done, doing, skipped, to do",
    },
    Binding {
        action: Action::ToggleEditing,
        scope: Scope::Browsing,
        group: "Editing",
        keys: &[plain(Key::E)],
        text: &[],
        keys_text: "E",
        help: "edit the roadmap, or stop editing",
    },
    Binding {
        action: Action::AddTopic,
        scope: Scope::Browsing,
        group: "Editing",
        keys: &[plain(Key::N)],
        text: &[],
        keys_text: "N",
        help: "add a topic and type its title (Enter confirms)",
    },
    Binding {
        action: Action::Delete,
        scope: Scope::Browsing,
        group: "Editing",
        keys: &[plain(Key::Delete)],
        text: &[],
        keys_text: "Delete",
        help: "delete the selected link or topic",
    },
    Binding {
        action: Action::Shown,
        scope: Scope::Widget,
        group: "Editing",
        keys: &[],
        text: &[],
        keys_text: "drag",
        help: "from a topic to another: the first becomes a prerequisite of the second",
    },
    Binding {
        action: Action::Save,
        scope: Scope::Always,
        group: "Editing",
        keys: &[command(Key::S)],
        text: &[],
        keys_text: "Ctrl+S",
        help: "save",
    },
    Binding {
        action: Action::SaveAs,
        scope: Scope::Always,
        group: "Editing",
        keys: &[KeyboardShortcut::new(
            Modifiers::COMMAND.plus(Modifiers::SHIFT),
            Key::S,
        )],
        text: &[],
        keys_text: "Ctrl+Shift+S",
        help: "save as",
    },
    Binding {
        action: Action::Find,
        scope: Scope::Always,
        group: "Search",
        keys: &[command(Key::F)],
        text: &[],
        keys_text: "Ctrl+F  or  /",
        help: "search titles, tags and summaries",
    },
    Binding {
        action: Action::Find,
        scope: Scope::Browsing,
        group: "Search",
        keys: &[plain(Key::Slash)],
        text: &["/"],
        keys_text: "",
        help: "",
    },
    Binding {
        action: Action::Shown,
        scope: Scope::Widget,
        group: "Search",
        keys: &[plain(Key::ArrowUp), plain(Key::ArrowDown)],
        text: &[],
        keys_text: "Up  Down",
        help: "move through the results",
    },
    Binding {
        action: Action::Shown,
        scope: Scope::Widget,
        group: "Search",
        keys: &[plain(Key::Enter)],
        text: &[],
        keys_text: "Enter",
        help: "select the result and bring it into view",
    },
    Binding {
        action: Action::Shown,
        scope: Scope::Widget,
        group: "Search",
        keys: &[plain(Key::Escape)],
        text: &[],
        keys_text: "Esc",
        help: "clear the search",
    },
    Binding {
        action: Action::Present,
        scope: Scope::Browsing,
        group: "Presentation",
        keys: &[plain(Key::F5)],
        text: &[],
        keys_text: "F5",
        help: "present: full screen, topic by topic",
    },
    Binding {
        action: Action::Step,
        scope: Scope::Presenting,
        group: "Presentation",
        keys: &[
            plain(Key::ArrowRight),
            plain(Key::ArrowDown),
            plain(Key::Space),
            plain(Key::ArrowLeft),
            plain(Key::ArrowUp),
            plain(Key::Backspace),
        ],
        text: &[],
        keys_text: "Right  Space  Left",
        help: "next topic, previous topic",
    },
    Binding {
        action: Action::Step,
        scope: Scope::Presenting,
        group: "Presentation",
        keys: &[plain(Key::PageDown), plain(Key::PageUp)],
        text: &[],
        keys_text: "Page Down  Page Up",
        help: "next phase, previous phase",
    },
    Binding {
        action: Action::Step,
        scope: Scope::Presenting,
        group: "Presentation",
        keys: &[plain(Key::Home), plain(Key::End)],
        text: &[],
        keys_text: "Home  End",
        help: "first topic, last topic",
    },
    Binding {
        action: Action::StopPresenting,
        scope: Scope::Presenting,
        group: "Presentation",
        keys: &[plain(Key::Escape), plain(Key::F5)],
        text: &[],
        keys_text: "Esc",
        help: "stop presenting, back to the view you had",
    },
    Binding {
        action: Action::Undo,
        scope: Scope::Always,
        group: "Window",
        keys: &[command(Key::Z)],
        text: &[],
        keys_text: "Ctrl+Z",
        help: "undo",
    },
    Binding {
        action: Action::Redo,
        scope: Scope::Always,
        group: "Window",
        keys: &[
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z),
            command(Key::Y),
        ],
        text: &[],
        keys_text: "Ctrl+Shift+Z  or  Ctrl+Y",
        help: "redo",
    },
    Binding {
        action: Action::Open,
        scope: Scope::Always,
        group: "Window",
        keys: &[command(Key::O)],
        text: &[],
        keys_text: "Ctrl+O",
        help: "open a roadmap",
    },
    Binding {
        action: Action::Export,
        scope: Scope::Always,
        group: "Window",
        keys: &[command(Key::E)],
        text: &[],
        keys_text: "Ctrl+E",
        help: "export",
    },
    Binding {
        action: Action::Shown,
        scope: Scope::Widget,
        group: "Window",
        keys: &[command(Key::Plus), command(Key::Minus), command(Key::Num0)],
        text: &[],
        keys_text: "Ctrl+plus  Ctrl+minus  Ctrl+0",
        help: "larger, smaller, normal text",
    },
    Binding {
        action: Action::Quit,
        scope: Scope::Always,
        group: "Window",
        keys: &[command(Key::Q)],
        text: &[],
        keys_text: "Ctrl+Q",
        help: "quit",
    },
    Binding {
        action: Action::Help,
        scope: Scope::Browsing,
        group: "Window",
        keys: &[plain(Key::F1), plain(Key::Questionmark)],
        text: &["?"],
        keys_text: "F1  or  ?",
        help: "this list",
    },
];

impl Action {
    /// The first binding of this action, whose first key the menus show beside its entry.
    #[must_use]
    pub fn binding(self) -> Option<&'static Binding> {
        BINDINGS.iter().find(|b| b.action == self)
    }

    /// The action's first key as the menus write it on this platform (`Ctrl+O`, `⌘O`, `F5`).
    #[must_use]
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.binding()
            .and_then(|b| b.keys.first())
            .map(|k| ctx.format_shortcut(k))
            .unwrap_or_default()
    }
}

/// The shortcuts window's groups, in order, each with its rows (keys, what they do).
#[must_use]
pub fn help_rows() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let mut groups: Vec<(&'static str, Vec<(&'static str, &'static str)>)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| !b.help.is_empty()) {
        match groups.iter_mut().find(|(g, _)| *g == b.group) {
            Some((_, rows)) => rows.push((b.keys_text, b.help)),
            None => groups.push((b.group, vec![(b.keys_text, b.help)])),
        }
    }
    groups
}

/// The bindings of `scope` triggered by this frame's input, each with the key that did it
/// (`None` for typed text). Matched keys and text are consumed, so no widget acts on them too.
/// A key held with more modifiers is matched first (Ctrl+Shift+Z is redo, never undo); Shift
/// may come with a key (it makes `+` and `?` on many layouts), other modifiers may not.
pub fn triggered(input: &mut egui::InputState, scope: Scope) -> Vec<(Action, Option<Key>)> {
    let mut keys: Vec<(Action, KeyboardShortcut)> = BINDINGS
        .iter()
        .filter(|b| b.scope == scope)
        .flat_map(|b| b.keys.iter().map(|k| (b.action, *k)))
        .collect();
    let weight = |m: Modifiers| u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl);
    keys.sort_by_key(|(_, k)| std::cmp::Reverse(weight(k.modifiers)));
    let mut out = Vec::new();
    for (action, shortcut) in keys {
        let mut hit = false;
        input.events.retain(|e| {
            let matches = matches!(
                e,
                egui::Event::Key { key, modifiers, pressed: true, .. }
                    if *key == shortcut.logical_key
                        && modifiers.matches_logically(shortcut.modifiers)
                        && (shortcut.modifiers.alt || !modifiers.alt)
            );
            hit |= matches;
            !matches
        });
        if hit {
            out.push((action, Some(shortcut.logical_key)));
        }
    }
    for b in BINDINGS.iter().filter(|b| b.scope == scope) {
        for text in b.text {
            let typed = input
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::Text(t) if t == text));
            if typed {
                input
                    .events
                    .retain(|e| !matches!(e, egui::Event::Text(t) if t == text));
                // The key that typed it may have triggered the same action already.
                if !out.iter().any(|(a, _)| *a == b.action) {
                    out.push((b.action, None));
                }
            }
        }
    }
    out
}
