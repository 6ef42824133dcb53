//! The study plan: the topics still to do (neither done nor skipped), in topological order,
//! laid out on weekdays from a start date at so many hours a week. A topic starts where the one
//! before it ended (on the same day when that day has time left) and takes as many study days as
//! its hours need; a topic without an estimate counts a default, which the plan says it used.
//! The progress panel, `roadmap plan` and the iCalendar export all read this one computation.

use jiff::Span;
use jiff::civil::{Date, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::loaded::LoadedRoadmap;
use super::progress::Progress;

/// Study days per week: Monday to Friday.
pub const STUDY_DAYS: f64 = 5.0;
/// Hours a week when the user has not said.
pub const DEFAULT_HOURS_PER_WEEK: f64 = 5.0;
/// Hours for a topic without an estimate, when the user has not said.
pub const DEFAULT_TOPIC_HOURS: f64 = 3.0;

/// What the user chose for their plan, kept with their progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    /// Hours of study a week, spread over Monday to Friday.
    pub hours_per_week: f64,
    /// The first day, `YYYY-MM-DD`; none means today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
}

impl Default for PlanSettings {
    fn default() -> Self {
        Self {
            hours_per_week: DEFAULT_HOURS_PER_WEEK,
            start: None,
        }
    }
}

/// One topic of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// The topic's index in the roadmap.
    pub topic: usize,
    /// The hours counted for it.
    pub hours: f64,
    /// Whether those hours are the default, the topic having no estimate.
    pub defaulted: bool,
    /// Its first study day.
    pub first: Date,
    /// Its last study day.
    pub last: Date,
}

/// The plan: each topic still to do with its days.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The first study day (the start, or the Monday after it when it falls on a weekend).
    pub start: Date,
    /// Hours of study a week.
    pub hours_per_week: f64,
    /// Hours counted for a topic without an estimate.
    pub default_hours: f64,
    /// The topics still to do, in the order they are studied.
    pub topics: Vec<Planned>,
}

impl Plan {
    /// The last study day of the whole plan; `None` when nothing is left to do.
    #[must_use]
    pub fn end(&self) -> Option<Date> {
        self.topics.last().map(|p| p.last)
    }

    /// Hours left in all.
    #[must_use]
    pub fn hours(&self) -> f64 {
        self.topics.iter().map(|p| p.hours).sum()
    }

    /// How many topics count the default hours.
    #[must_use]
    pub fn defaulted(&self) -> usize {
        self.topics.iter().filter(|p| p.defaulted).count()
    }

    /// The day the last topic of a phase still to do is done; `None` when none is left.
    #[must_use]
    pub fn phase_end(&self, loaded: &LoadedRoadmap, phase: &str) -> Option<Date> {
        self.topics
            .iter()
            .filter(|p| {
                loaded
                    .roadmap
                    .topics
                    .get(p.topic)
                    .is_some_and(|t| t.phase == phase)
            })
            .map(|p| p.last)
            .max()
    }

    /// The day the goal is reached: the last day of the goal and of everything before it still
    /// to do; `None` when all of that is done.
    #[must_use]
    pub fn goal_end(&self, loaded: &LoadedRoadmap, goal: usize) -> Option<Date> {
        let mut needed = vec![false; loaded.roadmap.topics.len()];
        if goal >= needed.len() {
            return None;
        }
        needed[goal] = true;
        for i in loaded.graph.ancestors(goal) {
            needed[i] = true;
        }
        self.topics
            .iter()
            .filter(|p| needed.get(p.topic).copied().unwrap_or(false))
            .map(|p| p.last)
            .max()
    }

    /// Week by week: the Monday of each week, with the topics studied that week (a topic that
    /// runs over several weeks is listed in each).
    #[must_use]
    pub fn weeks(&self) -> Vec<(Date, Vec<&Planned>)> {
        let mut out: Vec<(Date, Vec<&Planned>)> = Vec::new();
        for p in &self.topics {
            let mut monday = monday_of(p.first);
            while monday <= p.last {
                match out.iter_mut().find(|(m, _)| *m == monday) {
                    Some((_, list)) => list.push(p),
                    None => out.push((monday, vec![p])),
                }
                let Ok(next) = monday.checked_add(Span::new().weeks(1)) else {
                    break;
                };
                monday = next;
            }
        }
        out.sort_by_key(|(m, _)| *m);
        out
    }
}

/// The plan of the topics in `order` (indices, in the order they are studied) that `progress`
/// has neither done nor skipped, from `start` at `hours_per_week`; a topic without an estimate
/// counts `default_hours`. Fails, saying why, on hours that make no plan or a plan past the year
/// 9999.
pub fn plan(
    loaded: &LoadedRoadmap,
    progress: &Progress,
    order: &[usize],
    start: Date,
    (hours_per_week, default_hours): (f64, f64),
) -> Result<Plan, String> {
    if !(hours_per_week.is_finite() && hours_per_week > 0.0) {
        return Err(format!(
            "hours per week must be a number above 0, not {hours_per_week}"
        ));
    }
    if hours_per_week > 24.0 * STUDY_DAYS {
        return Err(format!(
            "hours per week must be at most {} (24 hours on each of 5 weekdays), not {hours_per_week}",
            24.0 * STUDY_DAYS
        ));
    }
    if !(default_hours.is_finite() && default_hours >= 0.0) {
        return Err(format!(
            "the default hours per topic must be a number of 0 or more, not {default_hours}"
        ));
    }
    // Whole minutes keep the arithmetic exact: hours such as 0.1 do not add up in floats.
    let daily = minutes(hours_per_week / STUDY_DAYS).max(1);
    let mut planner = Planner::new(start, daily)?;
    let first_day = planner.day;
    let mut topics = Vec::new();
    for &i in order {
        let topic = &loaded.roadmap.topics[i];
        if progress.status(&topic.id).is_cleared() {
            continue;
        }
        let hours = topic.estimate_hours.unwrap_or(default_hours);
        if !(hours.is_finite() && hours >= 0.0) {
            return Err(format!(
                "topic `{}` has an estimate of {hours} hours",
                topic.id
            ));
        }
        let (first, last) = planner.place(minutes(hours))?;
        topics.push(Planned {
            topic: i,
            hours,
            defaulted: topic.estimate_hours.is_none(),
            first,
            last,
        });
    }
    Ok(Plan {
        start: first_day,
        hours_per_week,
        default_hours,
        topics,
    })
}

/// Today, where the user is. Test builds (feature `fixtures`) take Monday 2026-12-07, so a
/// plan from today is the same on every day the tests run.
#[must_use]
pub fn today() -> Date {
    #[cfg(feature = "fixtures")]
    {
        jiff::civil::date(2026, 12, 7)
    }
    #[cfg(not(feature = "fixtures"))]
    {
        jiff::ZonedDateTime::now().date()
    }
}

/// Reads a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let bad = || {
        format!(
            "the start date must be a date written YYYY-MM-DD, such as 2026-01-05, not `{text}`"
        )
    };
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(n, b)| match n {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<i8>();
    let year = text[..4].parse::<i16>().map_err(|_| bad())?;
    let month = number(5..7).map_err(|_| bad())?;
    let day = number(8..10).map_err(|_| bad())?;
    Date::new(year, month, day)
        .map_err(|_| format!("the start date `{text}` is not a day of the calendar"))
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

/// The Monday of the week `date` is in.
fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(Span::new().days(back)).unwrap_or(date)
}

/// The error for a plan that runs past the last day the calendar library knows (year 9999).
fn too_late<E>(_: E) -> String {
    "the study plan runs past the year 9999: raise the hours per week or lower the estimates"
        .to_owned()
}
