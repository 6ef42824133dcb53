//! JSON Canvas 1.0 (the open format of Obsidian Canvas, jsoncanvas.org/spec/1.0): a group node
//! per phase, a text node per topic at its place in our layout with its title, summary and
//! status (and the note, with notes), one edge per prerequisite, colours by status.

use std::fmt::Write as _;

use serde::Serialize;

use super::svg;
use super::{ExportError, Options, Personal};
use crate::model::Status;

/// A node of the canvas.
#[derive(Serialize)]
struct Node {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    x: i64,
    y: i64,
    width: i64,
    height: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
}

/// An edge of the canvas.
#[derive(Serialize)]
struct Edge {
    id: String,
    #[serde(rename = "fromNode")]
    from_node: String,
    #[serde(rename = "fromSide")]
    from_side: &'static str,
    #[serde(rename = "toNode")]
    to_node: String,
    #[serde(rename = "toSide")]
    to_side: &'static str,
}

#[derive(Serialize)]
struct Canvas {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

/// A canvas colour for a status: JSON Canvas's presets, "4" green and "3" yellow, and grey for
/// what was skipped; none for what is still to do.
fn colour(status: Status) -> Option<&'static str> {
    match status {
        Status::Done => Some("4"),
        Status::Doing => Some("3"),
        Status::Skipped => Some("#8a8a8a"),
        Status::Todo => None,
    }
}

/// How much larger than our picture the canvas is: a topic's box then holds its summary in
/// Obsidian's type, and the map keeps its shape.
pub const SCALE: f32 = 2.0;

/// A coordinate of the picture on the canvas, in whole units.
fn at(v: f32) -> i64 {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a picture's coordinates are far inside i64"
    )]
    let v = (v * SCALE).round() as i64;
    v
}

/// The personal roadmap as a JSON Canvas.
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<String, ExportError> {
    let (drawn, picture) = svg::drawn_picture(personal, options)?;
    let loaded = drawn.as_ref();
    let roadmap = &loaded.roadmap;
    let mut nodes = Vec::new();
    // Groups first: Obsidian draws the nodes listed later on top.
    for (k, phase) in roadmap.phases_in_order().iter().enumerate() {
        let Some(band) = picture.bands.get(k) else {
            continue;
        };
        nodes.push(Node {
            id: format!("phase-{}", phase.id),
            kind: "group",
            x: at(band.min.x),
            y: at(band.min.y),
            width: at(band.width()),
            height: at(band.height()),
            text: None,
            label: Some(format!("Phase {}: {}", k + 1, phase.title)),
            color: None,
        });
    }
    for (i, t) in roadmap.topics.iter().enumerate() {
        let r = picture.topics[i];
        let status = personal.progress.status(&t.id);
        let mut text = format!("## {}\n\n{}", t.title, loaded.plain(&t.summary));
        if status != Status::Todo {
            let _ = write!(text, "\n\nStatus: {}", status.name());
        }
        let note = personal.progress.note(&t.id);
        if options.notes && !note.trim().is_empty() {
            let _ = write!(text, "\n\nMy note: {note}");
        }
        nodes.push(Node {
            id: format!("topic-{}", t.id),
            kind: "text",
            x: at(r.min.x),
            y: at(r.min.y),
            width: at(r.width()),
            height: at(r.height()),
            text: Some(text),
            label: None,
            color: colour(status),
        });
    }
    let edges = picture
        .arrows
        .iter()
        .enumerate()
        .map(|(k, ((a, b), _))| Edge {
            id: format!("link-{k}"),
            from_node: format!("topic-{}", roadmap.topics[*a].id),
            from_side: "right",
            to_node: format!("topic-{}", roadmap.topics[*b].id),
            to_side: "left",
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&Canvas { nodes, edges })
        .map_err(|e| ExportError::Failed(format!("cannot write the canvas: {e}")))?;
    text.push('\n');
    Ok(text)
}
