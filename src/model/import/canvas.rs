//! JSON Canvas 1.0 (jsoncanvas.org/spec/1.0), the format of Obsidian Canvas: text nodes become
//! topics (the first line the title, the rest the summary), link nodes become sources of the
//! topics they are joined to, edges become prerequisites, groups become phases in reading order.
//! File nodes name notes of the user's vault, which are not web pages: they are named in the
//! summary of the topic they are joined to, and in the report.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::{Area, Draft, DraftTopic, clean, clip_title, count, elements, left_out, phase_for};
use crate::model::progress::Status;
use crate::model::types::{Source, SourceKind};
use crate::model::validate;

#[derive(Deserialize)]
struct Node {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    x: f64,
    #[serde(default)]
    y: f64,
    #[serde(default)]
    width: f64,
    #[serde(default)]
    height: f64,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    label: Option<String>,
}

impl Node {
    fn area(&self) -> Area {
        Area {
            x: self.x,
            y: self.y,
            w: self.width,
            h: self.height,
        }
    }
}

#[derive(Deserialize)]
struct Edge {
    #[serde(default)]
    id: String,
    #[serde(rename = "fromNode")]
    from: String,
    #[serde(rename = "toNode")]
    to: String,
    #[serde(rename = "fromEnd", default)]
    from_end: Option<String>,
    #[serde(rename = "toEnd", default)]
    to_end: Option<String>,
    #[serde(default)]
    label: Option<String>,
}

/// A status and a note, as our own canvas export writes them into a topic's text.
type Progress = (Status, String);

/// What a node of the canvas became.
#[derive(Clone, Copy)]
enum Became {
    Topic(usize),
    Phase,
    Link(usize),
    File(usize),
    Nothing,
}

/// What a canvas is being read into.
#[derive(Default)]
struct Reader {
    draft: Draft,
    dropped: BTreeMap<String, usize>,
    /// Link nodes' addresses, and whether a topic took them as a source.
    links: Vec<(String, bool)>,
    /// File nodes' paths, and whether a topic names them.
    files: Vec<(String, bool)>,
}

/// Reads a canvas into a draft.
pub(super) fn read(text: &str) -> Result<Draft, Vec<(usize, String)>> {
    let mut problems = Vec::new();
    let nodes: Vec<super::Spanned<Node>> = elements(text, "nodes", "node", &mut problems);
    let edges: Vec<super::Spanned<Edge>> = elements(text, "edges", "edge", &mut problems);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for node in &nodes {
        if seen.insert(node.value.id.as_str(), node.at).is_some() {
            problems.push((
                node.at,
                format!(
                    "a second node with the id `{}`; each node needs an id of its own",
                    node.value.id
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut reader = Reader::default();
    let areas = reader.phases(&nodes);
    let became = reader.nodes(&nodes, &areas);
    for edge in &edges {
        reader.edge(edge, &became, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(reader.finish())
}

impl Reader {
    /// Groups as phases in reading order; returns their areas.
    fn phases(&mut self, nodes: &[super::Spanned<Node>]) -> Vec<Area> {
        let mut groups: Vec<(Area, String, usize)> = nodes
            .iter()
            .filter(|n| n.value.kind == "group")
            .map(|n| {
                let label = n.value.label.as_deref().map(clip_title).unwrap_or_default();
                (n.value.area(), our_phase_label(&label).to_owned(), n.at)
            })
            .collect();
        groups.sort_by(|a, b| a.0.reading(&b.0));
        self.draft.phases = groups
            .iter()
            .enumerate()
            .map(|(k, (_, label, at))| {
                let title = if label.is_empty() {
                    format!("Phase {}", k + 1)
                } else {
                    label.clone()
                };
                (title, *at)
            })
            .collect();
        groups.iter().map(|g| g.0).collect()
    }

    /// Every node: text nodes as topics in the phase they are drawn in, link and file nodes
    /// kept for the edges; returns what each node id became.
    fn nodes<'n>(
        &mut self,
        nodes: &'n [super::Spanned<Node>],
        areas: &[Area],
    ) -> HashMap<&'n str, Became> {
        let mut became = HashMap::new();
        for node in nodes {
            let n = &node.value;
            let what = match n.kind.as_str() {
                "text" => {
                    if let Some((title, summary, progress)) =
                        topic_of(n.text.as_deref().unwrap_or_default())
                    {
                        self.draft.topics.push(DraftTopic {
                            at: node.at,
                            title,
                            summary,
                            phase: phase_for(&n.area(), areas),
                            progress,
                            ..DraftTopic::default()
                        });
                        Became::Topic(self.draft.topics.len() - 1)
                    } else {
                        self.drop("empty text node{s}");
                        Became::Nothing
                    }
                }
                "group" => Became::Phase,
                "link" => {
                    self.links.push((n.url.clone().unwrap_or_default(), false));
                    Became::Link(self.links.len() - 1)
                }
                "file" => {
                    self.files.push((n.file.clone().unwrap_or_default(), false));
                    Became::File(self.files.len() - 1)
                }
                other => {
                    self.drop(&format!("node{{s}} of type `{other}`"));
                    Became::Nothing
                }
            };
            became.insert(n.id.as_str(), what);
        }
        became
    }

    /// One edge: a prerequisite between topics, a source or a vault note for a topic.
    fn edge(
        &mut self,
        edge: &super::Spanned<Edge>,
        became: &HashMap<&str, Became>,
        problems: &mut Vec<(usize, String)>,
    ) {
        let e = &edge.value;
        let (Some(&from), Some(&to)) = (became.get(e.from.as_str()), became.get(e.to.as_str()))
        else {
            let missing = if became.contains_key(e.from.as_str()) {
                &e.to
            } else {
                &e.from
            };
            problems.push((
                edge.at,
                format!(
                    "edge `{}` joins node `{missing}`, which the canvas does not have",
                    e.id
                ),
            ));
            return;
        };
        // An arrow drawn only at the start points the other way.
        let backwards = e.from_end.as_deref() == Some("arrow")
            && e.to_end.as_deref().unwrap_or("arrow") == "none";
        let (first, then) = if backwards { (to, from) } else { (from, to) };
        match (first, then) {
            (Became::Topic(a), Became::Topic(b)) => {
                let after = &mut self.draft.topics[b].after;
                if a != b && !after.iter().any(|(p, _)| *p == a) {
                    after.push((a, edge.at));
                }
            }
            (Became::Topic(t), Became::Link(k)) | (Became::Link(k), Became::Topic(t)) => {
                join_link(
                    &mut self.draft.topics[t],
                    &mut self.links[k],
                    e.label.as_deref(),
                );
            }
            (Became::Topic(t), Became::File(k)) | (Became::File(k), Became::Topic(t)) => {
                let topic = &mut self.draft.topics[t];
                let path = &self.files[k].0;
                topic.summary = clean(&format!("{}\n\nVault note: {path}", topic.summary));
                self.files[k].1 = true;
            }
            _ => self.drop("edge{s} not between two topics"),
        }
    }

    fn drop(&mut self, what: &str) {
        *self.dropped.entry(what.to_owned()).or_default() += 1;
    }

    /// The draft, with what was left out said.
    fn finish(mut self) -> Draft {
        let lone_links = self.links.iter().filter(|(_, joined)| !joined).count();
        let lone_files = self.files.iter().filter(|(_, joined)| !joined).count();
        *self
            .dropped
            .entry("link node{s} joined to no topic".into())
            .or_default() += lone_links;
        *self
            .dropped
            .entry("file node{s} joined to no topic".into())
            .or_default() += lone_files;
        self.draft.notes.extend(left_out(&self.dropped));
        let joined_files = self.files.iter().filter(|(_, joined)| *joined).count();
        if joined_files > 0 {
            self.draft.notes.push(format!(
                "{} (file nodes) named in the summary of the topic joined to, since a source \
                 must be a web page.",
                count(joined_files, "vault note", "vault notes")
            ));
        }
        self.draft
    }
}

/// A link node joined to a topic: a source of it, titled by the edge's label or its address.
fn join_link(topic: &mut DraftTopic, link: &mut (String, bool), label: Option<&str>) {
    let url = link.0.trim();
    if validate::url(url, "link", validate::Place::Roadmap(validate::Field::Url)).is_some() {
        return;
    }
    link.1 = true;
    let title = label.map(clip_title).filter(|t| !t.is_empty());
    if topic.sources.iter().any(|s| s.url == url) {
        return;
    }
    topic.sources.push(Source {
        title: title.unwrap_or_else(|| clip_title(url)),
        url: url.to_owned(),
        kind: SourceKind::Article,
        published: None,
    });
}

/// A phase label as our own canvas export writes it ("Phase 2: Go deeper") without its number:
/// the number is the phase's place, which the import gives it again.
fn our_phase_label(label: &str) -> &str {
    label
        .strip_prefix("Phase ")
        .and_then(|rest| rest.split_once(": "))
        .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(label, |(_, title)| title)
}

/// A text node's title, summary and the progress our own export writes into it: the first
/// non-empty line is the title (without Markdown's heading marks), the rest the summary; a
/// last paragraph `Status: done` (or `doing`, `skipped`) and one `My note: …` are progress.
/// `None` for a node with no words.
fn topic_of(text: &str) -> Option<(String, String, Option<Progress>)> {
    let text = clean(text);
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next()?;
    let title = clip_title(first.trim().trim_start_matches('#'));
    if title.is_empty() {
        return None;
    }
    let mut body = lines.collect::<Vec<_>>().join("\n");
    let mut note = String::new();
    let note_at = if body.starts_with("My note: ") {
        Some(0)
    } else {
        body.find("\n\nMy note: ").map(|k| k + 2)
    };
    if let Some(k) = note_at {
        body[k + "My note: ".len()..].trim().clone_into(&mut note);
        body.truncate(k);
    }
    let mut paragraphs: Vec<&str> = body.trim_end().split("\n\n").collect();
    let mut status = None;
    if let Some(s) = paragraphs
        .last()
        .and_then(|p| p.trim().strip_prefix("Status: "))
        .and_then(Status::from_name)
    {
        status = Some(s);
        paragraphs.pop();
    }
    let progress = match (status, note.is_empty()) {
        (None, true) => None,
        (s, _) => Some((s.unwrap_or_default(), note)),
    };
    // When the first line was too long for a title, the summary keeps it whole.
    let summary = if clip_title(first) == first.trim() {
        paragraphs.join("\n\n")
    } else {
        format!("{first}\n{}", paragraphs.join("\n\n"))
    };
    Some((title, summary.trim().to_owned(), progress))
}
