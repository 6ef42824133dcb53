//! The personal roadmap as JSON: it round-trips into the app's types, carries progress that the
//! app restores, and comes out the same from the command line, byte for byte.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use crate::common;
use roadmap::export::{self, Format, Options, Personal};
use roadmap::model::{self, PersonalRoadmap, Progress, Status};

fn progress() -> Progress {
    let mut p = Progress::new("bedrock-then-sagemaker");
    p.set_status("foundation-models", Status::Done);
    p.set_status("bedrock-overview", Status::Doing);
    p.set_note("bedrock-overview", "Console tour done");
    p.set_status("data-preparation", Status::Skipped);
    p.goal = Some("knowledge-bases".to_owned());
    p
}

fn json(options: &Options) -> String {
    let loaded = model::bundled().unwrap();
    let p = progress();
    let bytes = export::export(
        Format::Json,
        &Personal {
            loaded: &loaded,
            progress: &p,
        },
        options,
    )
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn the_export_round_trips_into_the_apps_types() {
    let text = json(&Options {
        notes: true,
        ..Options::default()
    });
    let doc: PersonalRoadmap = serde_json::from_str(&text).unwrap();
    let loaded = model::bundled().unwrap();
    assert_eq!(doc.kind, "personal-roadmap");
    assert_eq!(doc.roadmap.topics, loaded.roadmap.topics);
    assert_eq!(doc.progress, progress());

    // Loading it as a roadmap file validates the roadmap and keeps the progress it carries.
    let reopened = model::load_str(&text, "mine.json").unwrap();
    assert_eq!(reopened.roadmap.id, "bedrock-then-sagemaker");
    assert_eq!(reopened.carried_progress, Some(progress()));
}

#[test]
fn notes_stay_out_when_asked() {
    let text = json(&Options {
        notes: false,
        ..Options::default()
    });
    let doc: PersonalRoadmap = serde_json::from_str(&text).unwrap();
    assert_eq!(doc.progress.note("bedrock-overview"), "");
    assert_eq!(doc.progress.status("bedrock-overview"), Status::Doing);
}

#[test]
fn one_phase_stands_alone() {
    let text = json(&Options {
        phase: Some("sagemaker".into()),
        notes: true,
        ..Options::default()
    });
    let reopened = model::load_str(&text, "phase2.json").unwrap();
    assert!(
        reopened
            .roadmap
            .topics
            .iter()
            .all(|t| t.phase == "sagemaker")
    );
    assert_eq!(reopened.roadmap.phases.len(), 1);
    let carried = reopened.carried_progress.unwrap();
    assert_eq!(carried.status("data-preparation"), Status::Skipped);
    assert_eq!(
        carried.status("foundation-models"),
        Status::Todo,
        "other phases left out"
    );
    assert_eq!(carried.goal, None, "the goal is in phase 1");
}

#[test]
fn a_personal_file_whose_progress_belongs_elsewhere_is_refused_at_its_place() {
    let text = json(&Options::default()).replace(
        "\"roadmap_id\": \"bedrock-then-sagemaker\"",
        "\"roadmap_id\": \"another-roadmap\"",
    );
    let err = model::load_str(&text, "mixed.json").unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    let line = text
        .lines()
        .position(|l| l.contains("another-roadmap"))
        .unwrap()
        + 1;
    assert_eq!(err.diagnostics[0].line, line);
    assert!(
        err.diagnostics[0]
            .message
            .contains("belongs to roadmap `another-roadmap`")
    );
}

#[test]
fn the_command_line_writes_the_same_bytes_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let progress_file = dir.path().join("p.json");
    roadmap::store::save(&progress_file, &progress()).unwrap();
    let run = || {
        let out = common::roadmap_command()
            .args(["export", "--format", "json", "--progress"])
            .arg(&progress_file)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let first = run();
    assert_eq!(first, run());
    assert_eq!(
        first,
        json(&Options {
            notes: true,
            ..Options::default()
        })
    );

    let to_file = dir.path().join("out.json");
    common::roadmap_command()
        .args(["export", "--format", "json", "--no-notes", "--output"])
        .arg(&to_file)
        .arg("--progress")
        .arg(&progress_file)
        .assert()
        .success()
        .stdout("");
    let written: PersonalRoadmap =
        serde_json::from_str(&std::fs::read_to_string(&to_file).unwrap()).unwrap();
    assert_eq!(written.progress.note("bedrock-overview"), "");

    // Exporting a personal file again takes the progress it carries, not the user's file.
    let again = common::roadmap_command()
        .args(["export", "--format", "json"])
        .arg(&to_file)
        .arg("--progress")
        .arg(dir.path().join("empty.json"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let again: PersonalRoadmap = serde_json::from_slice(&again).unwrap();
    assert_eq!(again.progress.status("foundation-models"), Status::Done);
}

#[test]
fn an_unknown_format_or_phase_is_refused() {
    common::roadmap_command()
        .args(["export", "--format", "jsn"])
        .assert()
        .code(1)
        .stderr("error: unknown format `jsn` (did you mean `json`?); formats: md, json, svg, png, pdf, slides, html, canvas, drawio, dot, mermaid, ics\n");
    let dir = tempfile::tempdir().unwrap();
    common::roadmap_command()
        .args([
            "export",
            "--format",
            "json",
            "--phase",
            "nope",
            "--progress",
        ])
        .arg(dir.path().join("p.json"))
        .assert()
        .code(1)
        .stderr("error: there is no phase `nope`; phases: bedrock, sagemaker\n");
}
