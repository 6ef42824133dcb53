//! Markdown export: the roadmap as a GitHub task list, one section per phase, each topic with
//! its summary, why it sits there and its sources.

use std::fmt::Write as _;

use super::{Options, Personal};
use crate::model::refs::{self, Piece};
use crate::model::{LoadedRoadmap, Source, Status};

/// The personal roadmap as Markdown: a `#` title, the description, the totals and the goal, then
/// one `##` section per phase with its topics in topological order as task-list items.
#[must_use]
pub fn export(personal: &Personal<'_>, options: &Options) -> String {
    let loaded = personal.loaded;
    let roadmap = &loaded.roadmap;
    let progress = personal.progress;
    let overview = personal.overview();
    let chosen = personal.topics(options);
    let mut exported = vec![false; roadmap.topics.len()];
    for &i in &chosen {
        exported[i] = true;
    }

    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&roadmap.title));
    push_block(&mut out, "", &inline(&roadmap.description));
    out.push('\n');

    let (cleared, total) = overview.cleared_of(chosen.iter().copied());
    let _ = writeln!(
        out,
        "**Progress:** {cleared} of {total} {} done or skipped.\n",
        if total == 1 { "topic" } else { "topics" }
    );
    if let Some(goal) = progress
        .goal
        .as_deref()
        .and_then(|id| loaded.graph.index_of(id))
    {
        let (open, _) = overview.toward(loaded, goal);
        let _ = write!(out, "**Goal:** {}", inline(&roadmap.topics[goal].title));
        match open.len() {
            0 => out.push_str(" (reached).\n\n"),
            1 => out.push_str(" (1 topic to go).\n\n"),
            n => {
                let _ = write!(out, " ({n} topics to go).\n\n");
            }
        }
    }

    for phase in roadmap.phases_in_order() {
        if options.phase.as_deref().is_some_and(|p| p != phase.id) {
            continue;
        }
        let _ = writeln!(out, "## {}\n", inline(&phase.title));
        push_block(&mut out, "", &inline(&phase.goal));
        out.push('\n');
        let in_phase: Vec<usize> = chosen
            .iter()
            .copied()
            .filter(|&i| roadmap.topics[i].phase == phase.id)
            .collect();
        if in_phase.is_empty() {
            out.push_str("No topics.\n\n");
        }
        for i in in_phase {
            let topic = &roadmap.topics[i];
            let status = progress.status(&topic.id);
            let mut words = Vec::new();
            match status {
                Status::Doing => words.push("doing"),
                Status::Skipped => words.push("skipped"),
                Status::Todo | Status::Done => {}
            }
            if progress.goal.as_deref() == Some(topic.id.as_str()) {
                words.push("goal");
            }
            let check = if status == Status::Done { 'x' } else { ' ' };
            // The anchor that references to this topic lead to.
            let _ = write!(
                out,
                "- [{check}] <a id=\"{}\"></a>**{}**",
                topic.id,
                inline(&topic.title)
            );
            if !words.is_empty() {
                let _ = write!(out, " ({})", words.join(", "));
            }
            out.push_str("\n\n");

            // Every line below is indented by two spaces, the width of "- ", so that it stays
            // inside the list item as a paragraph of its own.
            push_block(&mut out, "  ", &linked(loaded, &topic.summary, &exported));
            out.push('\n');
            push_block(
                &mut out,
                "  ",
                &format!(
                    "*Why here:* {}",
                    linked(loaded, &topic.rationale, &exported)
                ),
            );
            out.push('\n');
            let prerequisites = loaded.graph.prerequisites(i);
            if !prerequisites.is_empty() {
                let names: Vec<String> = prerequisites
                    .iter()
                    .map(|&p| inline(&roadmap.topics[p].title))
                    .collect();
                let _ = writeln!(out, "  *After:* {}\n", names.join(", "));
            }
            if let Some(hours) = topic.estimate_hours {
                let _ = writeln!(out, "  *Estimate:* {} h\n", hours_text(hours));
            }
            if !topic.sources.is_empty() {
                out.push_str("  Sources:\n\n");
                for source in &topic.sources {
                    let _ = writeln!(out, "  - {}", source_item(source));
                }
                out.push('\n');
            }
            let note = progress.note(&topic.id);
            if options.notes && !note.trim().is_empty() {
                push_block(&mut out, "  ", &format!("*My note:* {}", inline(note)));
                out.push('\n');
            }
        }
    }
    // One newline at the end of the file, not the blank line the last block left.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A summary or rationale as Markdown: each `[[topic-id]]` becomes a link, with the topic's title,
/// to the topic's place in this file when it is exported, else the title alone.
fn linked(loaded: &LoadedRoadmap, text: &str, exported: &[bool]) -> String {
    // The references are set aside behind private-use marks while the text around them is
    // escaped as a whole, so that line starts are judged on the whole line.
    const MARK: char = '\u{E000}';
    let mut plain = String::with_capacity(text.len());
    let mut links = Vec::new();
    for (_, piece) in refs::pieces(text) {
        match piece {
            Piece::Text(words) => plain.extend(words.chars().filter(|&c| c != MARK)),
            Piece::Ref { id, words } => {
                let link = match loaded.graph.index_of(id) {
                    Some(i) => {
                        let shown = inline(words.unwrap_or(&loaded.roadmap.topics[i].title));
                        if exported[i] {
                            format!("[{shown}](#{id})")
                        } else {
                            shown
                        }
                    }
                    None => inline(words.unwrap_or(id)),
                };
                links.push(link);
                plain.push(MARK);
            }
        }
    }
    let mut links = links.into_iter();
    inline(&plain)
        .split(MARK)
        .enumerate()
        .fold(String::new(), |mut out, (k, part)| {
            if k > 0 {
                out.push_str(&links.next().unwrap_or_default());
            }
            out.push_str(part);
            out
        })
}

/// A source as a link followed by its kind and date: `[title](url) (official docs, 2024-05-01)`.
fn source_item(source: &Source) -> String {
    let mut about = source.kind.label().to_owned();
    if let Some(date) = &source.published {
        let _ = write!(about, ", {}", inline(date));
    }
    format!(
        "[{}]({}) ({about})",
        inline(&source.title),
        destination(&source.url)
    )
}

/// Writes Markdown `text` line by line with `indent` before each line, so that a multi-line text
/// stays inside its list item; blank lines stay blank.
fn push_block(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
}

/// Escapes plain text so that Markdown shows it as written: emphasis, links, code, HTML, entity
/// references and strikethrough are neutralised anywhere, and the characters that open a block
/// (heading, quote, list, thematic break) at the start of each line.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        // Leading spaces are dropped: four of them would turn the line into a code block.
        out.push_str(&escape_line_start(line.trim_start()));
    }
    out
}

/// Escapes one line whose leading spaces have been removed.
fn escape_line_start(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    // A digit run followed by `.` or `)` at the start of a line opens an ordered list.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        out.push_str(&line[..digits]);
        out.push('\\');
        &line[digits..]
    } else {
        // Heading, bullet, thematic break or setext underline; `>` and `*` are escaped
        // wherever they stand, just below.
        if matches!(line.chars().next(), Some('#' | '-' | '+' | '=')) {
            out.push('\\');
        }
        line
    };
    for c in rest.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '&' | '~' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link destination that Markdown reads back as `url`: spaces percent-encoded, and the
/// characters that would end or reshape the destination backslash-escaped.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' | ')' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Hours without a needless `.0`: `2`, `1.5`.
pub(crate) fn hours_text(hours: f64) -> String {
    let text = format!("{hours:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_owned()
}
