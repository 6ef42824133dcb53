//! The Plan section of the progress panel: hours a week and a start date, saved with the
//! progress, and what follows from them (`model::plan`, the plan `roadmap plan` prints and the
//! iCalendar export writes): when each phase, the goal and the whole roadmap are done, and the
//! topics week by week.

use egui::RichText;
use jiff::civil::Date;

use crate::model::plan::{self, DEFAULT_TOPIC_HOURS, Plan, PlanSettings};
use crate::model::{LoadedRoadmap, Progress};

/// What is typed into the section, and the plan last worked out.
#[derive(Debug, Clone, Default)]
pub struct PlanDraft {
    /// The start as typed.
    start: String,
    /// The saved start the field was last taken from, once it has been.
    synced: Option<String>,
    synced_once: bool,
    /// The plan, with what it was made from: the roadmap and progress (see `Made`), the
    /// settings and today.
    cached: Option<(Made, PlanSettings, Date, Result<Plan, String>)>,
}

/// What a plan was made from: the progress revision, and which roadmap (another one opened
/// starts its own count of revisions).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Made {
    revision: u64,
    roadmap: String,
    topics: usize,
}

/// A date as the panel writes it.
fn day(date: Date) -> String {
    date.strftime("%a %-d %b %Y").to_string()
}

/// The section; returns new settings to save when the user changed them. `revision` changes
/// with every change of progress or roadmap, so the plan is worked out again only then.
pub fn plan_section_ui(
    ui: &mut egui::Ui,
    loaded: &LoadedRoadmap,
    progress: &Progress,
    revision: u64,
    draft: &mut PlanDraft,
) -> Option<PlanSettings> {
    let saved = progress.plan.clone().unwrap_or_default();
    if !draft.synced_once || draft.synced != saved.start {
        draft.start = saved.start.clone().unwrap_or_default();
        draft.synced.clone_from(&saved.start);
        draft.synced_once = true;
    }
    let mut changed = None;
    ui.add_space(12.0);
    ui.label(RichText::new("Plan").strong());
    ui.horizontal(|ui| {
        let mut hours = saved.hours_per_week;
        let drag = egui::DragValue::new(&mut hours)
            .range(0.5..=120.0)
            .speed(0.5)
            .custom_formatter(|v, _| {
                let text = format!("{v:.1}");
                text.strip_suffix(".0").unwrap_or(&text).to_owned()
            })
            .suffix(" h a week");
        if ui.add(drag).changed() {
            changed = Some(PlanSettings {
                hours_per_week: hours,
                ..saved.clone()
            });
        }
    });
    let today = plan::today();
    let mut bad_start = None;
    ui.horizontal(|ui| {
        ui.label("from");
        let field = ui.add(
            egui::TextEdit::singleline(&mut draft.start)
                .hint_text("today")
                .desired_width(96.0),
        );
        if field.changed() {
            let text = draft.start.trim();
            if text.is_empty() {
                changed = Some(PlanSettings {
                    start: None,
                    ..saved.clone()
                });
            } else {
                match plan::parse_date(text) {
                    Ok(_) => {
                        changed = Some(PlanSettings {
                            start: Some(text.to_owned()),
                            ..saved.clone()
                        });
                    }
                    Err(e) => bad_start = Some(e),
                }
            }
        }
        if saved.start.is_some() && ui.small_button("Today").clicked() {
            draft.start.clear();
            changed = Some(PlanSettings {
                start: None,
                ..saved.clone()
            });
        }
    });
    if let Some(e) = bad_start {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    let start = saved
        .start
        .as_deref()
        .and_then(|s| plan::parse_date(s).ok())
        .unwrap_or(today);
    let made_from = Made {
        revision,
        roadmap: loaded.roadmap.id.clone(),
        topics: loaded.roadmap.topics.len(),
    };
    let fresh = draft
        .cached
        .as_ref()
        .is_some_and(|(m, s, t, _)| *m == made_from && *s == saved && *t == today);
    if !fresh {
        let order = loaded.graph.topological_order().to_vec();
        let made = plan::plan(
            loaded,
            progress,
            &order,
            start,
            (saved.hours_per_week, DEFAULT_TOPIC_HOURS),
        );
        draft.cached = Some((made_from, saved.clone(), today, made));
    }
    if let Some((_, _, _, made)) = &draft.cached {
        match made {
            Ok(made) => dates_ui(ui, loaded, progress, made),
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        }
    }
    changed
}

/// When each phase, the goal and the whole roadmap are done, and the weeks.
fn dates_ui(ui: &mut egui::Ui, loaded: &LoadedRoadmap, progress: &Progress, made: &Plan) {
    let Some(end) = made.end() else {
        ui.weak("Nothing left to plan: every topic is done or skipped.");
        return;
    };
    let roadmap = &loaded.roadmap;
    for (k, phase) in roadmap.phases_in_order().iter().enumerate() {
        let when = made
            .phase_end(loaded, &phase.id)
            .map_or_else(|| "done".to_owned(), |d| format!("by {}", day(d)));
        ui.label(format!("Phase {}: {when}", k + 1))
            .on_hover_text(&phase.title);
    }
    if let Some(goal) = progress
        .goal
        .as_deref()
        .and_then(|g| loaded.graph.index_of(g))
    {
        let when = made
            .goal_end(loaded, goal)
            .map_or_else(|| "reached".to_owned(), |d| format!("by {}", day(d)));
        ui.label(format!("Goal: {when}"))
            .on_hover_text(&roadmap.topics[goal].title);
    }
    ui.label(RichText::new(format!("All: by {}", day(end))).strong());
    let defaulted = made.defaulted();
    if defaulted > 0 {
        ui.weak(if defaulted == 1 {
            format!("1 topic without an estimate counts {DEFAULT_TOPIC_HOURS} h.")
        } else {
            format!("{defaulted} topics without an estimate count {DEFAULT_TOPIC_HOURS} h each.")
        });
    }
    egui::CollapsingHeader::new("Week by week")
        .id_salt("plan-weeks")
        .show(ui, |ui| {
            for (monday, topics) in made.weeks() {
                ui.label(RichText::new(format!("Week of {}", day(monday))).strong());
                for p in topics {
                    ui.add(egui::Label::new(format!("• {}", roadmap.topics[p.topic].title)).wrap());
                }
            }
        });
}
