//! `roadmap fmt`: one canonical form for roadmap files, written atomically, never over a file
//! that does not load.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::path::Path;

use crate::common;
use roadmap::model;

fn corpus(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(name),
    )
    .unwrap()
}

#[test]
fn fmt_rewrites_a_file_in_the_canonical_form_that_loads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("minimal.json");
    // Hand-written: phases on one line each, a half hour, fields out of the schema's order.
    let text = corpus("valid/minimal.json").replacen(
        r#""estimate_hours": 2"#,
        r#""estimate_hours": 2.5"#,
        1,
    );
    std::fs::write(&file, &text).unwrap();
    let before = model::load_file(&file).unwrap().roadmap;

    common::roadmap_command()
        .args(["fmt", "--check"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(format!(
            "{0}: not in the canonical form; `roadmap fmt {0}` rewrites it\n",
            file.display()
        ));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "--check changes nothing"
    );

    common::roadmap_command()
        .arg("fmt")
        .arg(&file)
        .assert()
        .success()
        .stdout(format!("formatted {}\n", file.display()));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(model::load_file(&file).unwrap().roadmap, before);
    assert_ne!(written, text);
    // The roadmap's fields at two spaces, in the schema's order.
    let keys: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert_eq!(
        keys,
        [
            "format_version",
            "id",
            "title",
            "description",
            "phases",
            "topics"
        ]
    );
    assert!(written.starts_with("{\n  \"format_version\": 1,\n  \"id\": "));
    assert!(written.contains("\"estimate_hours\": 2.5"));
    assert!(written.ends_with("}\n"));

    // Once canonical, the same bytes: --check passes and fmt leaves the file alone.
    common::roadmap_command()
        .args(["fmt", "--check"])
        .arg(&file)
        .assert()
        .success()
        .stderr("");
    common::roadmap_command()
        .arg("fmt")
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
}

#[test]
fn fmt_leaves_a_file_that_does_not_load_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cycle.json");
    let text = corpus("invalid/cycle.json");
    std::fs::write(&file, &text).unwrap();
    let output = common::roadmap_command()
        .arg("fmt")
        .arg(&file)
        .assert()
        .code(1)
        .stdout("")
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = corpus("invalid/cycle.expected");
    assert!(
        stderr.starts_with(&format!(
            "{}:{}",
            file.display(),
            expected.lines().next().unwrap()
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no file left behind"
    );
}

/// The bundled roadmap is kept canonical, and whole hours stay whole numbers.
#[test]
fn the_bundled_roadmap_is_canonical() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmap.json");
    common::roadmap_command()
        .args(["fmt", "--check"])
        .arg(&file)
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        model::write::canonical(&model::bundled().unwrap().roadmap),
        text
    );
    assert!(text.contains("\"estimate_hours\": 4,"));
}
