//! Roadmaps from other tools' files: an Obsidian canvas (JSON Canvas 1.0) and a roadmap.sh
//! roadmap (React Flow JSON). Each reader turns the file into [`Draft`]s (titles, words,
//! links, places), and [`finish`] makes the roadmap: ids from titles, phases in order, links
//! that never point back to a later phase, every problem at `FILE:LINE:COL` of the file read.
//!
//! The import never writes text the file did not have: imported topics have no rationale and
//! no sources but what the file links to, so they load with warnings until someone writes them.

mod canvas;
mod roadmapsh;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::edit::id_from_title;
use super::load::{self, LoadError, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use super::loaded::LoadedRoadmap;
use super::progress::Progress;
use super::refs;
use super::types::{FORMAT_VERSION, Phase, Roadmap, Source, Topic};
use super::validate::{self, Place};

/// The formats a roadmap file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// This app's own roadmap file, or a personal roadmap.
    Roadmap,
    /// JSON Canvas 1.0, as Obsidian Canvas writes it.
    Canvas,
    /// React Flow JSON, as roadmap.sh keeps its roadmaps.
    RoadmapSh,
}

impl Format {
    /// The format's name, as messages say it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Roadmap => "roadmap",
            Self::Canvas => "JSON Canvas",
            Self::RoadmapSh => "roadmap.sh",
        }
    }

    /// The format `text` is in, told by its content: a JSON object with `nodes` is a canvas
    /// when its nodes have `x` and `y`, a roadmap.sh roadmap when they have `position` or
    /// `data`; everything else is read as a roadmap file (whose loader says what is wrong).
    #[must_use]
    pub fn of(text: &str) -> Self {
        #[derive(Deserialize)]
        struct Probe<'a> {
            #[serde(borrow)]
            nodes: Option<Vec<&'a RawValue>>,
            format_version: Option<serde::de::IgnoredAny>,
        }
        #[derive(Deserialize)]
        struct NodeProbe {
            position: Option<serde::de::IgnoredAny>,
            data: Option<serde::de::IgnoredAny>,
        }
        let Ok(probe) = serde_json::from_str::<Probe<'_>>(text) else {
            return Self::Roadmap;
        };
        let Some(nodes) = probe.nodes.filter(|_| probe.format_version.is_none()) else {
            return Self::Roadmap;
        };
        let flow = nodes.iter().any(|n| {
            serde_json::from_str::<NodeProbe>(n.get())
                .is_ok_and(|p| p.position.is_some() || p.data.is_some())
        });
        if flow { Self::RoadmapSh } else { Self::Canvas }
    }
}

/// What an import did with the file: what it made, and what it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The format read.
    pub format: Format,
    /// Topics made.
    pub topics: usize,
    /// Prerequisite links made.
    pub links: usize,
    /// Phases made.
    pub phases: usize,
    /// Topics with neither a prerequisite nor a topic after them.
    pub unlinked: usize,
    /// What was left out or changed, one sentence each.
    pub notes: Vec<String>,
}

impl Report {
    /// The report in sentences: what was made, then each note.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        let mut first = format!(
            "Imported from {}: {}, {}, {}.",
            self.format.name(),
            count(self.topics, "topic", "topics"),
            count(self.links, "link", "links"),
            count(self.phases, "phase", "phases"),
        );
        match self.unlinked {
            0 => first.push_str(" Every topic is linked."),
            1 => first.push_str(" 1 topic has no link."),
            n => {
                let _ = write!(first, " {n} topics have no link.");
            }
        }
        let mut out = vec![first];
        out.extend(self.notes.iter().cloned());
        out.push(
            "Imported topics have no rationale and no sources yet: the warnings list what to \
             write."
                .to_owned(),
        );
        out
    }
}

/// A roadmap read from a file, in any format the app knows.
#[derive(Debug)]
pub struct Opened {
    /// The roadmap, valid, with any progress the file carried.
    pub loaded: LoadedRoadmap,
    /// For another tool's file, what the import did; `None` for a roadmap file.
    pub report: Option<Report>,
}

/// Reads a file in any format the app knows (told by its content), as [`load::load_file`]
/// reads a roadmap file.
pub fn open_file(path: &Path) -> Result<Opened, LoadError> {
    let shown = path.display().to_string();
    let bytes = load::read_limited(path)?;
    open_bytes(&bytes, &shown, &stem_of(path))
}

/// Reads `bytes` in any format the app knows; `path` names the file in messages, and `name`
/// titles a roadmap whose file has no title of its own.
pub fn open_bytes(bytes: &[u8], path: &str, name: &str) -> Result<Opened, LoadError> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let format = text.map_or(Format::Roadmap, Format::of);
    match (format, text) {
        (Format::Canvas | Format::RoadmapSh, Ok(text)) => {
            let (loaded, report) = import_str(text, path, name, format)?;
            Ok(Opened {
                loaded,
                report: Some(report),
            })
        }
        _ => Ok(Opened {
            loaded: load::load_bytes(bytes, path)?,
            report: None,
        }),
    }
}

/// A file's name without its extension, to title a roadmap by.
fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Builds a roadmap from another tool's `text`, in `format`.
pub fn import_str(
    text: &str,
    path: &str,
    name: &str,
    format: Format,
) -> Result<(LoadedRoadmap, Report), LoadError> {
    if let Some(problem) = load::syntax_problem(text) {
        return Err(load::error_at(text, path, vec![problem]));
    }
    let draft = match format {
        Format::Canvas => canvas::read(text),
        Format::RoadmapSh => roadmapsh::read(text),
        Format::Roadmap => Err(vec![(0, "not another tool's file".to_owned())]),
    }
    .map_err(|problems| load::error_at(text, path, problems))?;
    finish(draft, name, format).map_err(|problems| load::error_at(text, path, problems))
}

/// One element of a list in the file, with the byte offset where it starts.
pub(crate) struct Spanned<T> {
    pub(crate) at: usize,
    pub(crate) value: T,
}

/// The elements of the list `key` of the file's top object, each typed on its own so that a
/// bad one is reported at its place and the others are still read.
pub(crate) fn elements<T: serde::de::DeserializeOwned>(
    text: &str,
    key: &str,
    what: &str,
    problems: &mut Vec<(usize, String)>,
) -> Vec<Spanned<T>> {
    let Ok(top) = serde_json::from_str::<BTreeMap<String, &RawValue>>(text) else {
        problems.push((0, "the file's top is not a JSON object".to_owned()));
        return Vec::new();
    };
    let Some(list) = top.get(key) else {
        return Vec::new();
    };
    let list_at = offset_in(text, list.get());
    let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(list.get()) else {
        problems.push((list_at, format!("`{key}` must be a list")));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (k, raw) in items.iter().enumerate() {
        let slice = raw.get();
        let at = offset_in(text, slice);
        match serde_json::from_str::<T>(slice) {
            Ok(value) => out.push(Spanned { at, value }),
            Err(e) => problems.push((
                load::serde_offset(text, at, slice, &e),
                format!("{what} {}: {}", k + 1, load::serde_words(&e)),
            )),
        }
    }
    out
}

/// Where `part`, a slice borrowed from `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len())
}

/// A box of another tool's drawing, in its own units.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Area {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) w: f64,
    pub(crate) h: f64,
}

impl Area {
    pub(crate) fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    pub(crate) fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h
    }

    /// How far a point is from the box (0 inside it).
    pub(crate) fn distance(&self, (x, y): (f64, f64)) -> f64 {
        let dx = (self.x - x).max(x - (self.x + self.w)).max(0.0);
        let dy = (self.y - y).max(y - (self.y + self.h)).max(0.0);
        dx.hypot(dy)
    }

    /// Reading order: top to bottom, then left to right.
    pub(crate) fn reading(&self, other: &Area) -> std::cmp::Ordering {
        self.y.total_cmp(&other.y).then(self.x.total_cmp(&other.x))
    }
}

/// The phase for a box among the phases' areas: the smallest that holds its centre, else the
/// nearest; 0 when there are none.
pub(crate) fn phase_for(area: &Area, phases: &[Area]) -> usize {
    let c = area.center();
    let holding = phases
        .iter()
        .enumerate()
        .filter(|(_, p)| p.contains(c))
        .min_by(|a, b| (a.1.w * a.1.h).total_cmp(&(b.1.w * b.1.h)));
    holding
        .or_else(|| {
            phases
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.distance(c).total_cmp(&b.1.distance(c)))
        })
        .map_or(0, |(k, _)| k)
}

/// A topic as read, before it has an id.
#[derive(Debug, Clone, Default)]
pub(crate) struct DraftTopic {
    /// Byte offset of the element it came from.
    pub(crate) at: usize,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) phase: usize,
    /// Prerequisites as indices of the draft's topics, each with the byte offset of the edge.
    pub(crate) after: Vec<(usize, usize)>,
    pub(crate) sources: Vec<Source>,
    /// The status the file gave the topic (our own canvas export writes it), and its note.
    pub(crate) progress: Option<(super::progress::Status, String)>,
}

/// A roadmap as read from another tool's file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// The roadmap's title, when the file has one.
    pub(crate) title: Option<String>,
    /// Phase titles in order, each with the byte offset of the element it came from.
    pub(crate) phases: Vec<(String, usize)>,
    pub(crate) topics: Vec<DraftTopic>,
    /// What was left out or changed, one sentence each.
    pub(crate) notes: Vec<String>,
}

/// Counts of things left out, said as one sentence ("Left out: 3 `paragraph` nodes, 1 `button`
/// node."); in each key, `{s}` stands where the plural's "s" goes.
pub(crate) fn left_out(counts: &BTreeMap<String, usize>) -> Option<String> {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(what, n)| {
            format!(
                "{n} {}",
                what.replace("{s}", if *n == 1 { "" } else { "s" })
            )
        })
        .collect();
    (!parts.is_empty()).then(|| format!("Left out: {}.", parts.join(", ")))
}

/// `n` and the noun, in the singular for 1.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The roadmap a draft describes, checked as a roadmap file is; problems at the offsets of the
/// elements they come from.
fn finish(
    mut draft: Draft,
    name: &str,
    format: Format,
) -> Result<(LoadedRoadmap, Report), Vec<(usize, String)>> {
    if draft.topics.is_empty() {
        return Err(vec![(
            0,
            format!(
                "the {} file has no topic to import{}",
                format.name(),
                match format {
                    Format::Canvas => " (no text node)",
                    _ => " (no node of type `topic` or `subtopic`)",
                }
            ),
        )]);
    }
    let title = draft
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| name.to_owned());
    let title = clip_title(&title);
    let title = if title.is_empty() {
        "Imported roadmap".to_owned()
    } else {
        title
    };
    if draft.phases.is_empty() {
        // One phase, the whole roadmap: it goes by the roadmap's title.
        draft.phases.push((title.clone(), 0));
    }
    let moved = keep_phase_order(&mut draft);
    if moved > 0 {
        draft.notes.push(format!(
            "{} to a later phase, after a prerequisite drawn in that phase.",
            count(moved, "topic moved", "topics moved")
        ));
    }
    let phase_ids = unique_ids(draft.phases.iter().map(|(t, _)| t.as_str()), "phase");
    let phases: Vec<Phase> = draft
        .phases
        .iter()
        .zip(&phase_ids)
        .enumerate()
        .map(|(k, ((t, _), id))| Phase {
            id: id.clone(),
            title: t.clone(),
            goal: String::new(),
            order: u32::try_from(k + 1).unwrap_or(u32::MAX),
        })
        .collect();
    let ids = unique_ids(draft.topics.iter().map(|t| t.title.as_str()), "topic");
    let by_title: HashMap<String, usize> = draft
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.title.to_lowercase(), i))
        .collect();
    let topics: Vec<Topic> = draft
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| Topic {
            id: ids[i].clone(),
            title: t.title.clone(),
            phase: phase_ids[t.phase.min(phase_ids.len() - 1)].clone(),
            summary: wiki_links(&t.summary, |target| {
                by_title
                    .get(&target.to_lowercase())
                    .map(|&j| ids[j].clone())
            }),
            rationale: String::new(),
            prerequisites: t.after.iter().map(|(j, _)| ids[*j].clone()).collect(),
            sources: t.sources.clone(),
            estimate_hours: None,
            tags: Vec::new(),
        })
        .collect();
    let roadmap = Roadmap {
        schema: None,
        format_version: FORMAT_VERSION,
        id: id_from_title(&title, "imported-roadmap", []),
        title,
        description: String::new(),
        references: Vec::new(),
        phases,
        topics,
    };
    let problems = validate::validate(&roadmap);
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|p| placed(&draft, &roadmap, p))
            .collect());
    }
    let links = roadmap.link_count();
    let unlinked = unlinked(&roadmap);
    let mut loaded =
        LoadedRoadmap::checked(roadmap).map_err(|_| vec![(0, "the import is not valid".into())])?;
    loaded.carried_progress = carried(&draft, &loaded.roadmap);
    let report = Report {
        format,
        topics: loaded.roadmap.topics.len(),
        links,
        phases: loaded.roadmap.phases.len(),
        unlinked,
        notes: draft.notes,
    };
    Ok((loaded, report))
}

/// An id for each title, unique among them (`-2`, `-3`, … after a repeated one). Not
/// `id_from_title` with every id so far: that would take time growing with the square of the
/// titles.
fn unique_ids<'a>(titles: impl Iterator<Item = &'a str>, fallback: &str) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut ids = Vec::new();
    for title in titles {
        let base = id_from_title(title, fallback, []);
        // One of the first `taken.len() + 1` is free.
        let id = (1..=taken.len() + 1)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|id| !taken.contains(id))
            .unwrap_or(base);
        taken.insert(id.clone());
        ids.push(id);
    }
    ids
}

/// A problem of the built roadmap at the element it came from, with topics named by title.
fn placed(draft: &Draft, roadmap: &Roadmap, p: validate::Problem) -> (usize, String) {
    let at = match p.place {
        Place::Topic(i, _) | Place::Source(i, _, _) | Place::Text(i, _, _) => {
            draft.topics.get(i).map_or(0, |t| t.at)
        }
        Place::Prerequisite(i, k) => draft
            .topics
            .get(i)
            .and_then(|t| t.after.get(k))
            .map_or(0, |(_, at)| *at),
        Place::Phase(k, _) => draft.phases.get(k).map_or(0, |(_, at)| *at),
        Place::Roadmap(_) | Place::Reference(..) => 0,
    };
    // The file has no ids: say the topics' titles.
    let mut message = p.message;
    if let Some(rest) = message.strip_prefix("prerequisites form a cycle: ") {
        let (chain, _) = rest.split_once(" (").unwrap_or((rest, ""));
        let titles: Vec<&str> = chain
            .split(" → ")
            .map(|id| {
                roadmap
                    .topics
                    .iter()
                    .find(|t| t.id == id)
                    .map_or(id, |t| t.title.as_str())
            })
            .collect();
        message = format!(
            "the links form a cycle: {} (each needs the next, so none can come first)",
            titles.join(" → ")
        );
    }
    (at, message)
}

/// Moves each topic to the latest phase among its own and its prerequisites', so that no link
/// points back to a later phase; returns how many moved. Topics are taken in an order where
/// prerequisites come first; a cycle is left for validation to report.
fn keep_phase_order(draft: &mut Draft) -> usize {
    let n = draft.topics.len();
    let mut indegree = vec![0usize; n];
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, t) in draft.topics.iter().enumerate() {
        for &(j, _) in &t.after {
            if j < n {
                indegree[i] += 1;
                next[j].push(i);
            }
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut moved = vec![false; n];
    while let Some(j) = ready.pop() {
        let phase = draft.topics[j].phase;
        for &i in &next[j] {
            if draft.topics[i].phase < phase {
                draft.topics[i].phase = phase;
                moved[i] = true;
            }
            indegree[i] -= 1;
            if indegree[i] == 0 {
                ready.push(i);
            }
        }
    }
    moved.iter().filter(|m| **m).count()
}

/// Topics with neither a prerequisite nor a topic that needs them.
fn unlinked(roadmap: &Roadmap) -> usize {
    let needed: std::collections::HashSet<&str> = roadmap
        .topics
        .iter()
        .flat_map(|t| t.prerequisites.iter().map(String::as_str))
        .collect();
    roadmap
        .topics
        .iter()
        .filter(|t| t.prerequisites.is_empty() && !needed.contains(t.id.as_str()))
        .count()
}

/// The progress the file recorded (statuses and notes our own canvas export writes), if any.
fn carried(draft: &Draft, roadmap: &Roadmap) -> Option<Progress> {
    let mut progress = Progress::new(&roadmap.id);
    let mut any = false;
    for (t, topic) in draft.topics.iter().zip(&roadmap.topics) {
        if let Some((status, note)) = &t.progress {
            progress.set_status(&topic.id, *status);
            progress.set_note(&topic.id, note);
            any = true;
        }
    }
    any.then_some(progress)
}

/// A text from another tool made safe to keep: control characters out (but for line breaks and
/// tabs), and cut at the length a roadmap allows.
pub(crate) fn clean(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect();
    cut(kept.trim(), MAX_TEXT_CHARS)
}

/// A title: one line, spaces squeezed, control characters out, cut at a word before the
/// length a title allows.
pub(crate) fn clip_title(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let kept: String = one_line.chars().filter(|c| !c.is_control()).collect();
    if kept.chars().count() <= MAX_TITLE_CHARS {
        return kept;
    }
    let cut_at = cut(&kept, MAX_TITLE_CHARS);
    match cut_at.rfind(' ') {
        Some(space) if space > 0 => cut_at[..space].to_owned(),
        _ => cut_at,
    }
}

/// The first `max` characters of `text`.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => text[..at].to_owned(),
        None => text.to_owned(),
    }
}

/// Obsidian's `[[note]]` and `[[note|words]]` links in a text: a link to a topic's title
/// becomes a reference to the topic, any other becomes its words; a `[[` never closed loses a
/// bracket, so the text holds no broken reference.
fn wiki_links(text: &str, topic: impl Fn(&str) -> Option<String>) -> String {
    let rewritten = refs::rewrite(text, |target, words| {
        let name = target.split(['#', '^']).next().unwrap_or(target).trim();
        let name = name.strip_suffix(".md").unwrap_or(name);
        Some(match (topic(name), words) {
            (Some(id), words) => refs::reference(&id, words),
            (None, Some(words)) => words.to_owned(),
            (None, None) => name.to_owned(),
        })
    });
    if refs::malformed(&rewritten).is_empty() {
        rewritten
    } else {
        rewritten.replace(refs::OPEN, "[")
    }
}
