//! Every broken file in `tests/corpus/invalid` gives exactly the problems in its `.expected`
//! file, each at its line and column; every file in `tests/corpus/valid` loads.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::fs;
use std::path::{Path, PathBuf};

use roadmap::model::{self, LoadError};

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir);
    let mut out: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

fn problems(err: &LoadError) -> Vec<String> {
    err.diagnostics
        .iter()
        .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
        .collect()
}

#[test]
fn every_broken_file_reports_its_expected_problems() {
    let cases = files("invalid", "json");
    assert!(cases.len() >= 20, "the corpus lost files: {cases:?}");
    for case in cases {
        let expected_path = case.with_extension("expected");
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .expected file", case.display()));
        let expected: Vec<&str> = expected.lines().collect();
        assert!(
            !expected.is_empty(),
            "{} expects nothing",
            expected_path.display()
        );
        let Err(err) = model::load_file(&case) else {
            panic!("{} loaded, but it is broken", case.display())
        };
        assert_eq!(
            problems(&err),
            expected,
            "problems reported for {}",
            case.display()
        );
        for line in err.lines() {
            let shown = case.display().to_string();
            assert!(
                line.starts_with(&format!("{shown}:")),
                "no FILE:LINE:COL in {line}"
            );
        }
    }
}

#[test]
fn every_valid_file_loads() {
    for case in files("valid", "json") {
        if let Err(e) = model::load_file(&case) {
            panic!("{} should load:\n{e}", case.display());
        }
    }
}

#[test]
fn all_problems_of_a_file_come_at_once_in_file_order() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/invalid/many-problems.json");
    let err = model::load_file(&path).unwrap_err();
    assert_eq!(err.diagnostics.len(), 4, "{err}");
    let places: Vec<(usize, usize)> = err.diagnostics.iter().map(|d| (d.line, d.column)).collect();
    let mut sorted = places.clone();
    sorted.sort_unstable();
    assert_eq!(places, sorted);
}

#[test]
fn a_missing_file_is_reported_by_name() {
    let err = model::load_file(Path::new("no/such/roadmap.json")).unwrap_err();
    let lines: Vec<String> = err.lines().collect();
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("no/such/roadmap.json: cannot open the file"),
        "{}",
        lines[0]
    );
}

#[test]
fn invalid_utf8_is_reported_at_the_bad_byte() {
    let mut bytes = b"{\n  \"id\": \"caf".to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28]);
    let err = model::load_bytes(&bytes, "bad.json").unwrap_err();
    assert_eq!(problems(&err), ["2:13: the file is not valid UTF-8 text"]);
}

#[test]
fn a_file_over_the_limit_is_refused_with_the_limit_named() {
    let big = vec![b' '; usize::try_from(model::load::MAX_FILE_BYTES).unwrap() + 1];
    let err = model::load_bytes(&big, "big.json").unwrap_err();
    assert_eq!(err.diagnostics.len(), 1);
    assert!(err.diagnostics[0].message.contains("16 MiB"), "{err}");
}

#[test]
fn nesting_deeper_than_the_parser_limit_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = model::load_str(&deep, "deep.json").unwrap_err();
    assert_eq!(err.diagnostics.len(), 1);
    assert!(
        err.diagnostics[0].message.contains("nested too deeply"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(path).unwrap());
    assert!(model::load_bytes(&bytes, "bom.json").is_ok());
}

/// A roadmap still being written loads: every file in `tests/corpus/warnings` loads, and gives
/// exactly the warnings in its `.expected` file, each at its line and column.
#[test]
fn work_in_progress_loads_with_its_expected_warnings() {
    let cases = files("warnings", "json");
    assert!(!cases.is_empty());
    for case in cases {
        let expected = fs::read_to_string(case.with_extension("expected")).unwrap();
        if let Err(e) = model::load_file(&case) {
            panic!("{} should load:\n{e}", case.display());
        }
        let text = fs::read_to_string(&case).unwrap();
        let shown = case.display().to_string();
        let found: Vec<String> = model::load::warnings(&text, &shown)
            .into_iter()
            .map(|w| w.strip_prefix(&format!("{shown}:")).unwrap().to_owned())
            .collect();
        assert_eq!(found, expected.lines().collect::<Vec<_>>(), "{shown}");
    }
}
