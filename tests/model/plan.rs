//! The study plan: the topics still to do, in order, on weekdays, at the hours a week chosen;
//! the dates of each phase, of the goal and of the whole roadmap.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use jiff::civil::date;
use roadmap::model::plan::{self, Plan};
use roadmap::model::{self, LoadedRoadmap, Progress, Status};

/// The small roadmap: `basics` (no estimate) → `middle` (no estimate) → `end` (2 h, the second
/// phase).
fn minimal() -> LoadedRoadmap {
    model::load_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json"),
    )
    .unwrap()
}

fn made(loaded: &LoadedRoadmap, progress: &Progress, start: jiff::civil::Date, hours: f64) -> Plan {
    let order = loaded.graph.topological_order().to_vec();
    plan::plan(loaded, progress, &order, start, (hours, 3.0)).unwrap()
}

fn days(plan: &Plan, loaded: &LoadedRoadmap) -> Vec<(String, String, String)> {
    plan.topics
        .iter()
        .map(|p| {
            (
                loaded.roadmap.topics[p.topic].id.clone(),
                p.first.to_string(),
                p.last.to_string(),
            )
        })
        .collect()
}

#[test]
fn topics_follow_each_other_on_weekdays_with_the_default_for_no_estimate() {
    let loaded = minimal();
    let estimates: Vec<Option<f64>> = loaded
        .roadmap
        .topics
        .iter()
        .map(|t| t.estimate_hours)
        .collect();
    assert_eq!(estimates, [None, None, Some(2.0)]);
    let progress = Progress::new(&loaded.roadmap.id);
    // 5 h a week is 1 h a day: 3 h, 3 h, then 2 h. Monday 2026-12-07 on.
    let p = made(&loaded, &progress, date(2026, 12, 7), 5.0);
    assert_eq!(
        days(&p, &loaded),
        [
            ("basics".into(), "2026-12-07".into(), "2026-12-09".into()),
            ("middle".into(), "2026-12-10".into(), "2026-12-14".into()),
            ("end".into(), "2026-12-15".into(), "2026-12-16".into()),
        ],
        "Thursday, Friday, then Monday: the weekend is skipped"
    );
    assert_eq!(p.defaulted(), 2);
    assert!((p.hours() - 8.0).abs() < 1e-9);
    assert_eq!(p.end(), Some(date(2026, 12, 16)));
    assert_eq!(p.phase_end(&loaded, "first"), Some(date(2026, 12, 14)));
    assert_eq!(p.phase_end(&loaded, "second"), Some(date(2026, 12, 16)));
    // Two topics share a day when it has time left: 10 h a week is 2 h a day.
    let fast = made(&loaded, &progress, date(2026, 12, 7), 10.0);
    assert_eq!(
        fast.topics[1].first,
        date(2026, 12, 8),
        "middle starts in basics' last day"
    );
    // A start on a Saturday moves to the Monday after.
    let weekend = made(&loaded, &progress, date(2026, 12, 5), 5.0);
    assert_eq!(weekend.start, date(2026, 12, 7));
    assert_eq!(days(&weekend, &loaded), days(&p, &loaded));
}

#[test]
fn done_and_skipped_topics_are_left_out_and_the_goal_has_its_day() {
    let loaded = minimal();
    let mut progress = Progress::new(&loaded.roadmap.id);
    progress.set_status("basics", Status::Done);
    progress.set_status("middle", Status::Skipped);
    let p = made(&loaded, &progress, date(2026, 12, 7), 5.0);
    assert_eq!(
        days(&p, &loaded),
        [("end".into(), "2026-12-07".into(), "2026-12-08".into())]
    );
    assert_eq!(
        p.phase_end(&loaded, "first"),
        None,
        "nothing left in the first phase"
    );

    // The goal is `middle`: reached when it and what it needs are done.
    let progress = Progress::new(&loaded.roadmap.id);
    let p = made(&loaded, &progress, date(2026, 12, 7), 5.0);
    let middle = loaded.graph.index_of("middle").unwrap();
    assert_eq!(p.goal_end(&loaded, middle), Some(date(2026, 12, 14)));
    let mut done = Progress::new(&loaded.roadmap.id);
    done.set_status("basics", Status::Done);
    done.set_status("middle", Status::Done);
    let p = made(&loaded, &done, date(2026, 12, 7), 5.0);
    assert_eq!(p.goal_end(&loaded, middle), None, "reached already");
}

#[test]
fn weeks_list_each_topic_in_every_week_it_runs() {
    let loaded = minimal();
    let progress = Progress::new(&loaded.roadmap.id);
    let p = made(&loaded, &progress, date(2026, 12, 7), 5.0);
    let weeks: Vec<(String, Vec<String>)> = p
        .weeks()
        .into_iter()
        .map(|(monday, topics)| {
            (
                monday.to_string(),
                topics
                    .iter()
                    .map(|t| loaded.roadmap.topics[t.topic].id.clone())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        weeks,
        [
            (
                "2026-12-07".to_owned(),
                vec!["basics".to_owned(), "middle".to_owned()]
            ),
            (
                "2026-12-14".to_owned(),
                vec!["middle".to_owned(), "end".to_owned()]
            ),
        ]
    );
}

#[test]
fn hours_that_make_no_plan_are_refused_in_words() {
    let loaded = minimal();
    let progress = Progress::new(&loaded.roadmap.id);
    let order = loaded.graph.topological_order().to_vec();
    let start = date(2026, 12, 7);
    for (hours, default, words) in [
        (0.0, 3.0, "hours per week must be a number above 0"),
        (121.0, 3.0, "at most 120"),
        (f64::NAN, 3.0, "hours per week must be a number above 0"),
        (
            5.0,
            -1.0,
            "default hours per topic must be a number of 0 or more",
        ),
    ] {
        let e = plan::plan(&loaded, &progress, &order, start, (hours, default)).unwrap_err();
        assert!(e.contains(words), "{e}");
    }
    assert!(
        plan::parse_date("2026-02-30")
            .unwrap_err()
            .contains("not a day of the calendar")
    );
    assert!(
        plan::parse_date("7 Dec")
            .unwrap_err()
            .contains("YYYY-MM-DD")
    );
}
