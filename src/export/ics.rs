//! iCalendar export (RFC 5545): a study plan that lays the remaining topics out on weekdays,
//! one all-day or multi-day event per topic.

use std::fmt::Write as _;

use jiff::Span;
use jiff::civil::{Date, Weekday};

use super::{Options, Personal};
use crate::model::Topic;

/// Study days per week: Monday to Friday.
const STUDY_DAYS: f64 = 5.0;
/// The longest line RFC 5545 allows, in octets, without its CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// The study plan as an iCalendar file: the topics that are neither done nor skipped, in
/// topological order (of the chosen phase when there is one), from `options.start` on, at
/// `options.hours_per_week` spread over Monday to Friday. A topic starts where the one before it
/// ended (on the same day when that day has time left) and takes as many study days as its hours
/// need; its event runs from its first to its last study day, so one that spans a weekend covers
/// it. Topics without an estimate count `options.default_hours`.
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<String, String> {
    let start = parse_start(&options.start)?;
    if !(options.hours_per_week.is_finite() && options.hours_per_week > 0.0) {
        return Err(format!(
            "hours per week must be a number above 0, not {}",
            options.hours_per_week
        ));
    }
    if options.hours_per_week > 24.0 * STUDY_DAYS {
        return Err(format!(
            "hours per week must be at most {} (24 hours on each of 5 weekdays), not {}",
            24.0 * STUDY_DAYS,
            options.hours_per_week
        ));
    }
    if !(options.default_hours.is_finite() && options.default_hours >= 0.0) {
        return Err(format!(
            "the default hours per topic must be a number of 0 or more, not {}",
            options.default_hours
        ));
    }
    let roadmap = &personal.loaded.roadmap;
    let remaining: Vec<&Topic> = personal
        .topics(options)
        .into_iter()
        .map(|i| &roadmap.topics[i])
        .filter(|t| !personal.progress.status(&t.id).is_cleared())
        .collect();
    if remaining.is_empty() {
        // RFC 5545 wants at least one event in a calendar, and an empty plan helps nobody.
        return Err("nothing to plan: every topic is done or skipped".to_owned());
    }

    // Whole minutes keep the arithmetic exact: hours such as 0.1 do not add up in floats.
    let daily = minutes(options.hours_per_week / STUDY_DAYS).max(1);
    let mut plan = Planner::new(start, daily)?;

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
    for topic in remaining {
        let hours = topic.estimate_hours.unwrap_or(options.default_hours);
        if !(hours.is_finite() && hours >= 0.0) {
            return Err(format!(
                "topic `{}` has an estimate of {hours} hours",
                topic.id
            ));
        }
        let (first, last) = plan.place(minutes(hours))?;
        let end = last.tomorrow().map_err(too_late)?;
        push(&mut out, "BEGIN:VEVENT");
        push(
            &mut out,
            &format!("UID:{}@{}.roadmap", topic.id, roadmap.id),
        );
        push(&mut out, &format!("DTSTAMP:{stamp}"));
        push(&mut out, &format!("DTSTART;VALUE=DATE:{}", ics_date(first)));
        // DTEND of an all-day event is exclusive: the day after the last study day.
        push(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(end)));
        push(&mut out, &format!("SUMMARY:{}", text(&topic.title)));
        push(
            &mut out,
            &format!(
                "DESCRIPTION:{}",
                text(&description(personal, options, topic, hours))
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

/// Reads a `YYYY-MM-DD` start date.
fn parse_start(start: &str) -> Result<Date, String> {
    let bad = || {
        format!(
            "the start date must be a date written YYYY-MM-DD, such as 2026-01-05, not `{start}`"
        )
    };
    let bytes = start.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(n, b)| match n {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| start[range].parse::<i8>();
    let year = start[..4].parse::<i16>().map_err(|_| bad())?;
    let month = number(5..7).map_err(|_| bad())?;
    let day = number(8..10).map_err(|_| bad())?;
    Date::new(year, month, day)
        .map_err(|_| format!("the start date `{start}` is not a day of the calendar"))
}

/// Hours as whole minutes, saturating at what a plan could ever hold.
fn minutes(hours: f64) -> u64 {
    // At most a million years of minutes: anything larger runs past the calendar's end anyway,
    // which `Planner::place` reports.
    const MAX: f64 = 1e12;
    let m = (hours * 60.0).round().clamp(0.0, MAX);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0..=1e12 just above, well inside u64"
    )]
    let m = m as u64;
    m
}

/// Lays topics out one after the other on weekdays.
struct Planner {
    /// The study day the next topic starts on (when it still has time left).
    day: Date,
    /// Minutes of `day` already taken.
    used: u64,
    /// Minutes of study per weekday.
    daily: u64,
}

impl Planner {
    fn new(start: Date, daily: u64) -> Result<Self, String> {
        Ok(Self {
            day: weekday_from(start)?,
            used: 0,
            daily,
        })
    }

    /// Places a topic of `minutes`; returns its first and last study day.
    fn place(&mut self, minutes: u64) -> Result<(Date, Date), String> {
        if self.used >= self.daily {
            self.day = next_weekday(self.day)?;
            self.used = 0;
        }
        let first = self.day;
        let free = self.daily - self.used;
        if minutes <= free {
            self.used += minutes;
            return Ok((first, first));
        }
        // The rest fills whole days after the first, the last one maybe in part.
        let rest = minutes - free;
        let more_days = rest.div_ceil(self.daily);
        self.day = add_weekdays(self.day, more_days)?;
        self.used = rest - (more_days - 1) * self.daily;
        Ok((first, self.day))
    }
}

/// `date`, or the Monday after it when it falls on a weekend.
fn weekday_from(date: Date) -> Result<Date, String> {
    let mut day = date;
    while is_weekend(day) {
        day = day.tomorrow().map_err(too_late)?;
    }
    Ok(day)
}

/// The weekday after `date`.
fn next_weekday(date: Date) -> Result<Date, String> {
    weekday_from(date.tomorrow().map_err(too_late)?)
}

/// The weekday `count` weekdays after the weekday `date`.
fn add_weekdays(date: Date, count: u64) -> Result<Date, String> {
    // Whole weeks in one step, so a topic of years of study does not loop day by day.
    let weeks = i64::try_from(count / 5).map_err(|_| too_late(()))?;
    let mut day = Span::new()
        .try_weeks(weeks)
        .ok()
        .and_then(|span| date.checked_add(span).ok())
        .ok_or_else(|| too_late(()))?;
    for _ in 0..count % 5 {
        day = next_weekday(day)?;
    }
    Ok(day)
}

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The error for a plan that runs past the last day the calendar library knows (year 9999).
fn too_late<E>(_: E) -> String {
    "the study plan runs past the year 9999: raise the hours per week or lower the estimates"
        .to_owned()
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
