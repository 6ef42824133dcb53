//! iCalendar export (RFC 5545): a study plan that lays the remaining topics out on weekdays,
//! one all-day or multi-day event per topic.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{Options, Personal};
use crate::model::{Topic, plan};

/// The longest line RFC 5545 allows, in octets, without its CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// The study plan (`model::plan`, the one the window and `roadmap plan` show) as an iCalendar
/// file: the topics that are neither done nor skipped, in topological order (of the chosen phase
/// when there is one), from `options.start` on, at `options.hours_per_week`; each event runs from
/// a topic's first to its last study day, so one that spans a weekend covers it. Topics without
/// an estimate count `options.default_hours`.
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<String, String> {
    let start = plan::parse_date(&options.start)?;
    let roadmap = &personal.loaded.roadmap;
    let plan = plan::plan(
        personal.loaded,
        personal.progress,
        &personal.topics(options),
        start,
        (options.hours_per_week, options.default_hours),
    )?;
    if plan.topics.is_empty() {
        // RFC 5545 wants at least one event in a calendar, and an empty plan helps nobody.
        return Err("nothing to plan: every topic is done or skipped".to_owned());
    }

    let mut out = String::new();
    push(&mut out, "BEGIN:VCALENDAR");
    push(&mut out, "VERSION:2.0");
    push(&mut out, "PRODID:-//roadmap//Roadmap study plan//EN");
    push(&mut out, "CALSCALE:GREGORIAN");
    push(&mut out, "METHOD:PUBLISH");
    push(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            text(&format!("{} study plan", roadmap.title))
        ),
    );
    // DTSTAMP must be a UTC date-time; the start date at midnight keeps the file the same on
    // every run, where the clock would not.
    let stamp = format!("{}T000000Z", ics_date(start));
    for planned in &plan.topics {
        let topic = &roadmap.topics[planned.topic];
        let end = planned
            .last
            .tomorrow()
            .map_err(|_| "the study plan runs past the year 9999".to_owned())?;
        push(&mut out, "BEGIN:VEVENT");
        push(
            &mut out,
            &format!("UID:{}@{}.roadmap", topic.id, roadmap.id),
        );
        push(&mut out, &format!("DTSTAMP:{stamp}"));
        push(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", ics_date(planned.first)),
        );
        // DTEND of an all-day event is exclusive: the day after the last study day.
        push(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(end)));
        push(&mut out, &format!("SUMMARY:{}", text(&topic.title)));
        push(
            &mut out,
            &format!(
                "DESCRIPTION:{}",
                text(&description(personal, options, topic, planned.hours))
            ),
        );
        if let Some(phase) = roadmap.phase(&topic.phase) {
            push(&mut out, &format!("CATEGORIES:{}", text(&phase.title)));
        }
        // Study time should not show the user as busy to others.
        push(&mut out, "TRANSP:TRANSPARENT");
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    Ok(out)
}

/// A date as iCalendar's `YYYYMMDD`.
fn ics_date(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// An event's description: the summary, the estimate, the sources (title, then address) and,
/// when asked for, the user's note.
fn description(personal: &Personal<'_>, options: &Options, topic: &Topic, hours: f64) -> String {
    let mut out = personal.loaded.plain(&topic.summary).into_owned();
    let estimate = format!("{hours:.1}");
    let estimate = estimate.strip_suffix(".0").unwrap_or(&estimate);
    let _ = write!(
        out,
        "\n\nAbout {estimate} h of study{}.",
        if topic.estimate_hours.is_none() {
            " (no estimate in the roadmap)"
        } else {
            ""
        }
    );
    if !topic.sources.is_empty() {
        out.push_str("\n\nSources:");
        for source in &topic.sources {
            let _ = write!(out, "\n{}\n{}", source.title, source.url);
        }
    }
    let note = personal.progress.note(&topic.id);
    if options.notes && !note.trim().is_empty() {
        let _ = write!(out, "\n\nMy note: {note}");
    }
    out
}

/// Escapes a TEXT value: `\`, `;`, `,` and line breaks (RFC 5545, 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            // A CR is part of a CRLF line break already written as `\n`; other control
            // characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no line exceeds 75 octets (RFC 5545, 3.1): each
/// continuation starts with a space, which counts. A character is never split, and neither is a
/// backslash escape such as `\n`: the standard allows it, but some readers do not unfold first.
fn push(out: &mut String, line: &str) {
    let mut width = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        let escaped = if c == '\\' { chars.next() } else { None };
        let octets = c.len_utf8() + escaped.map_or(0, char::len_utf8);
        if width + octets > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        out.extend(escaped);
        width += octets;
    }
    out.push_str("\r\n");
}
