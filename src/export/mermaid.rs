//! Mermaid export: a `flowchart LR` that GitHub renders in a ```` ```mermaid ```` block, one
//! subgraph per phase and one class per standing.

use std::fmt::Write as _;

use super::{Options, Personal};
use crate::model::{Standing, Status};

/// The classes, in the order they are defined, with their styles. Besides the fill, locked
/// topics are dashed, skipped ones dotted and the goal has a thick border, so the map reads in
/// greyscale too.
const CLASSES: [(&str, &str); 6] = [
    ("done", "fill:#8fd694,stroke:#2e7d32,color:#000"),
    (
        "doing",
        "fill:#8ec5ff,stroke:#1565c0,stroke-width:2px,color:#000",
    ),
    ("ready", "fill:#ffe680,stroke:#b28704,color:#000"),
    (
        "locked",
        "fill:#d9d9d9,stroke:#616161,stroke-dasharray:5 3,color:#000",
    ),
    (
        "skipped",
        "fill:#ffffff,stroke:#9e9e9e,stroke-dasharray:2 2,color:#555",
    ),
    ("goal", "stroke-width:4px"),
];

/// The personal roadmap as a Mermaid flowchart. Topic ids may hold `-`, which some renderers
/// misread, so nodes are named `t0`, `t1`, … by their position in the topological order of the
/// exported topics and phases `p0`, `p1`, … in phase order; titles are the labels.
#[must_use]
pub fn export(personal: &Personal<'_>, options: &Options) -> String {
    let loaded = personal.loaded;
    let roadmap = &loaded.roadmap;
    let overview = personal.overview();
    let chosen = personal.topics(options);

    let mut name = vec![None; roadmap.topics.len()];
    for (position, &i) in chosen.iter().enumerate() {
        name[i] = Some(format!("t{position}"));
    }

    let mut out = String::from("flowchart LR\n");
    for (n, phase) in roadmap.phases_in_order().into_iter().enumerate() {
        if options.phase.as_deref().is_some_and(|p| p != phase.id) {
            continue;
        }
        let _ = writeln!(out, "  subgraph p{n}[\"{}\"]", label(&phase.title));
        for &i in chosen
            .iter()
            .filter(|&&i| roadmap.topics[i].phase == phase.id)
        {
            if let Some(id) = &name[i] {
                let _ = writeln!(out, "    {id}[\"{}\"]", label(&roadmap.topics[i].title));
            }
        }
        out.push_str("  end\n");
    }

    // Edges come after every subgraph: an edge written inside one would pull its nodes in.
    for &i in &chosen {
        for p in loaded.graph.prerequisites(i) {
            // With one phase chosen, links from topics outside it are left out with them.
            if let (Some(from), Some(to)) = (&name[p], &name[i]) {
                let _ = writeln!(out, "  {from} --> {to}");
            }
        }
    }

    for (class, style) in CLASSES {
        let _ = writeln!(out, "  classDef {class} {style}");
    }
    let mut members: Vec<Vec<&str>> = vec![Vec::new(); CLASSES.len()];
    for &i in &chosen {
        let Some(id) = name[i].as_deref() else {
            continue;
        };
        let class = match (overview.status[i], overview.standing[i]) {
            (Status::Done, _) => 0,
            (Status::Skipped, _) => 4,
            (_, Standing::InProgress) => 1,
            // A todo topic is always ready or locked; `Cleared` only keeps the match total.
            (_, Standing::Ready | Standing::Cleared) => 2,
            (_, Standing::Locked) => 3,
        };
        members[class].push(id);
        if personal.progress.goal.as_deref() == Some(roadmap.topics[i].id.as_str()) {
            members[5].push(id);
        }
    }
    for ((class, _), ids) in CLASSES.iter().zip(&members) {
        if !ids.is_empty() {
            let _ = writeln!(out, "  class {} {class}", ids.join(","));
        }
    }
    out
}

/// `text` for a double-quoted Mermaid label. Mermaid reads `#name;` and `#123;` as entity codes,
/// so `"` and the characters that would be taken for markup (`#`, `<`, `>`, `&`, backtick for a
/// Markdown string) are written as entity codes.
fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
