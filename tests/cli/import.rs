//! `roadmap import`: another tool's file as a roadmap file in the canonical form, what was left
//! out said on standard error, the original never written over.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::path::{Path, PathBuf};

use crate::common;
use roadmap::model;

fn platform() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/import/platform.roadmapsh.json")
}

#[test]
fn import_writes_a_canonical_roadmap_and_says_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("platform.json");
    let run = common::roadmap_command()
        .arg("import")
        .arg(platform())
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    let said = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(
        lines[0],
        "Imported from roadmap.sh: 116 topics, 115 links, 1 phase. Every topic is linked."
    );
    assert!(
        said.contains("Left out: 4 `button` nodes, 1 `checklist` node"),
        "{said}"
    );
    assert_eq!(*lines.last().unwrap(), format!("wrote {}", out.display()));
    let loaded = model::load_file(&out).unwrap();
    assert_eq!(loaded.roadmap.topics.len(), 116);
    // The file is in the canonical form, and only warnings stand between it and `--strict`.
    common::roadmap_command()
        .args(["fmt", "--check"])
        .arg(&out)
        .assert()
        .success();
    common::roadmap_command()
        .arg("check")
        .arg(&out)
        .assert()
        .success()
        .stdout("ok: 116 topics, 115 prerequisite links, 1 phase\n");
    common::roadmap_command()
        .args(["check", "--strict"])
        .arg(&out)
        .assert()
        .code(1);
}

#[test]
fn import_to_standard_output_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.json");
    common::roadmap_command()
        .arg("import")
        .arg(platform())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let run = common::roadmap_command()
        .arg("import")
        .arg(platform())
        .assert()
        .success();
    assert_eq!(run.get_output().stdout, std::fs::read(&out).unwrap());
}

#[test]
fn import_never_writes_over_the_file_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.canvas");
    let text = r#"{"nodes": [{"id": "a", "type": "text", "x": 0, "y": 0, "width": 9, "height": 9, "text": "Alpha"}]}"#;
    std::fs::write(&file, text).unwrap();
    common::roadmap_command()
        .arg("import")
        .arg(&file)
        .arg("--output")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(format!(
            "error: --output {} is the file being imported; name another file, so the original \
             stays as it is\n",
            file.display()
        ));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_broken_file_is_reported_at_its_place_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.canvas");
    std::fs::write(
        &file,
        "{\"nodes\": [\n  {\"id\": \"a\", \"type\": \"text\", \"text\": \"Alpha\"},\n]}\n",
    )
    .unwrap();
    let out = dir.path().join("out.json");
    let run = common::roadmap_command()
        .arg("import")
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let said = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert!(
        said.starts_with(&format!("{}:2:47: a trailing comma", file.display())),
        "{said}"
    );
    assert!(!out.exists());
}

#[test]
fn other_commands_point_at_import_for_another_tools_file() {
    common::roadmap_command()
        .arg("check")
        .arg(platform())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(format!(
            "this is a roadmap.sh file, not a roadmap file: `roadmap import {}`",
            platform().display()
        )));
}
