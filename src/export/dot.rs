//! Graphviz DOT export: the prerequisite graph left to right, one cluster per phase, each topic
//! filled by where it stands.

use std::fmt::Write as _;

use super::{Options, Personal};
use crate::model::{Standing, Status};

/// Titles longer than this many characters are wrapped onto several lines.
const WRAP_CHARS: usize = 24;

/// The personal roadmap as a Graphviz `digraph`: one `subgraph cluster_<n>` per phase (numbered
/// in phase order), one node per topic with its quoted id, and an edge from each prerequisite to
/// the topic that needs it.
#[must_use]
pub fn export(personal: &Personal<'_>, options: &Options) -> String {
    let loaded = personal.loaded;
    let roadmap = &loaded.roadmap;
    let overview = personal.overview();
    let chosen = personal.topics(options);
    let goal = personal.progress.goal.as_deref();

    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quoted(&roadmap.id));
    // Colour is not the only cue: locked topics are dashed, skipped ones dotted and the goal
    // has a double border, so the map reads in greyscale too.
    out.push_str(
        "  // fill: done green, doing blue, ready yellow, locked grey (dashed), skipped white \
         (dotted), to do white; the goal has a double border\n",
    );
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, label={}, labelloc=t, fontname=\"Helvetica\"];",
        quoted(&roadmap.title)
    );
    out.push_str("  node [shape=box, fontname=\"Helvetica\"];\n");

    for (n, phase) in roadmap.phases_in_order().into_iter().enumerate() {
        if options.phase.as_deref().is_some_and(|p| p != phase.id) {
            continue;
        }
        let _ = writeln!(out, "  subgraph cluster_{n} {{");
        let _ = writeln!(out, "    label={};", quoted(&phase.title));
        out.push_str("    style=rounded;\n");
        for &i in chosen
            .iter()
            .filter(|&&i| roadmap.topics[i].phase == phase.id)
        {
            let topic = &roadmap.topics[i];
            let (fill, style) = look(overview.status[i], overview.standing[i]);
            let _ = write!(
                out,
                "    {} [label={}, tooltip={}, style=\"{style}\", fillcolor=\"{fill}\"",
                quoted(&topic.id),
                quoted(&wrap(&topic.title)),
                quoted(&personal.loaded.plain(&topic.summary))
            );
            if goal == Some(topic.id.as_str()) {
                out.push_str(", peripheries=2");
            }
            out.push_str("];\n");
        }
        out.push_str("  }\n");
    }

    let mut exported = vec![false; roadmap.topics.len()];
    for &i in &chosen {
        exported[i] = true;
    }
    for &i in &chosen {
        for p in loaded.graph.prerequisites(i) {
            // With one phase chosen, links from topics outside it are left out with them.
            if exported[p] {
                let _ = writeln!(
                    out,
                    "  {} -> {};",
                    quoted(&roadmap.topics[p].id),
                    quoted(&roadmap.topics[i].id)
                );
            }
        }
    }
    out.push_str("}\n");
    out
}

/// Fill colour and style of a topic's node.
fn look(status: Status, standing: Standing) -> (&'static str, &'static str) {
    match (status, standing) {
        (Status::Done, _) => ("#8fd694", "rounded,filled"),
        (Status::Skipped, _) => ("#ffffff", "rounded,filled,dotted"),
        (_, Standing::InProgress) => ("#8ec5ff", "rounded,filled,bold"),
        (_, Standing::Ready) => ("#ffe680", "rounded,filled"),
        (_, Standing::Locked) => ("#d9d9d9", "rounded,filled,dashed"),
        // A todo topic is always ready or locked; this arm only keeps the match total.
        (_, Standing::Cleared) => ("#ffffff", "rounded,filled"),
    }
}

/// `text` as a DOT double-quoted string. Only `"` and `\` need escaping: a lone `\` would start
/// one of Graphviz's own label escapes (`\n`, `\l`, `\N`…). Line breaks become `\n`.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Breaks a long title at spaces into lines of about [`WRAP_CHARS`] characters, joined by a
/// newline that [`quoted`] turns into Graphviz's `\n`.
fn wrap(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut line_chars = 0;
    for word in title.split(' ').filter(|w| !w.is_empty()) {
        let chars = word.chars().count();
        if line_chars > 0 && line_chars + 1 + chars > WRAP_CHARS {
            out.push('\n');
            line_chars = 0;
        } else if line_chars > 0 {
            out.push(' ');
            line_chars += 1;
        }
        out.push_str(word);
        line_chars += chars;
    }
    out
}
