//! The `roadmap` command line, run as a user would.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use crate::common;
use assert_cmd::Command;

fn roadmap() -> Command {
    common::roadmap_command()
}

/// Splits `FILE:LINE:COL: message` into its parts.
fn parse_problem(line: &str) -> (String, usize, usize, String) {
    let mut parts = line.splitn(4, ':');
    let file = parts.next().unwrap().to_owned();
    let line_no = parts
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no line in {line}"));
    let col = parts
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no column in {line}"));
    let message = parts.next().unwrap().trim_start().to_owned();
    (file, line_no, col, message)
}

#[test]
fn check_prints_a_one_line_summary_of_the_bundled_roadmap() {
    let out = roadmap()
        .arg("check")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let loaded = roadmap::model::bundled().unwrap();
    assert_eq!(
        text,
        format!(
            "ok: {} topics, {} prerequisite links, 2 phases\n",
            loaded.roadmap.topics.len(),
            loaded.roadmap.link_count()
        )
    );
}

#[test]
fn check_warns_of_a_reference_to_a_topic_off_its_chain_and_still_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("beside.json");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json"),
    )
    .unwrap()
    .replace(r#""prerequisites": ["basics"]"#, r#""prerequisites": []"#)
    .replace(
        "Builds on the basics. Leads to the end.",
        "Comes beside [[basics]]. Leads to [[end]].",
    );
    std::fs::write(&file, &text).unwrap();
    let output = roadmap()
        .arg("check")
        .arg(&file)
        .assert()
        .success()
        .stdout("ok: 3 topics, 2 prerequisite links, 2 phases\n")
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    // The others say the small file's topics have no sources yet.
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("refers to")).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    let (shown, line, column, message) = parse_problem(lines[0]);
    assert_eq!(shown, file.display().to_string());
    // The warning points at the reference itself.
    let at = text.lines().nth(line - 1).unwrap();
    assert!(
        at.chars()
            .skip(column - 1)
            .collect::<String>()
            .starts_with("[[basics]]")
    );
    assert_eq!(
        message,
        "warning: topic `middle`'s rationale refers to `basics`, which is neither before nor \
         after it in the graph; is a prerequisite link missing?"
    );
    // The bundled roadmap has no such warning.
    roadmap().arg("check").assert().success().stderr("");
}

#[test]
fn check_accepts_a_file() {
    roadmap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "tests/corpus/valid/minimal.json"])
        .assert()
        .success()
        .stdout("ok: 3 topics, 3 prerequisite links, 2 phases\n");
}

#[test]
fn check_reports_every_problem_to_stderr_and_exits_1() {
    let file = "tests/corpus/invalid/many-problems.json";
    let assert = roadmap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", file])
        .assert()
        .code(1)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.last(),
        Some(&"error: 4 problems in tests/corpus/invalid/many-problems.json")
    );
    let problems: Vec<_> = lines[..lines.len() - 1]
        .iter()
        .map(|l| parse_problem(l))
        .collect();
    assert_eq!(problems.len(), 4);
    assert!(problems.iter().all(|p| p.0 == file));
    assert_eq!((problems[1].1, problems[1].2), (21, 16));
    assert_eq!(problems[1].3, "topic `middle` has an empty title");
    assert_eq!(
        problems[3].3,
        "topic `end` has unknown prerequisite `ghost`"
    );
}

#[test]
fn check_names_a_missing_file() {
    roadmap()
        .args(["check", "does-not-exist.json"])
        .assert()
        .code(1)
        .stderr(
            "does-not-exist.json: cannot open the file: no such file\n\
             error: 1 problem in does-not-exist.json\n",
        );
}

#[test]
fn a_mistyped_subcommand_is_named_not_opened_as_a_file() {
    let output = roadmap().arg("chek").assert().code(2).get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "error: `chek` is neither a file nor a subcommand; did you mean `roadmap check`?"
        ),
        "{stderr}"
    );
    // A file of that name opens as a file (here: fails to, without a display, as any file).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chek"), "{}").unwrap();
    let output = roadmap()
        .current_dir(dir.path())
        .arg("chek")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("did you mean"), "{stderr}");
}

#[test]
fn a_reader_that_stops_early_ends_the_export_quietly() {
    use std::io::Read as _;
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("roadmap"))
        .args(["export", "--format", "md"])
        .env("XDG_DATA_HOME", tempfile::tempdir().unwrap().path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line's worth, then close the pipe, as `| head -1` does.
    let mut first = [0_u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
}

#[test]
fn help_texts_say_what_the_window_opens_and_who_uses_the_progress_file() {
    let help = roadmap().arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("default: the roadmap open last, else the bundled roadmap"));
    let check = roadmap().args(["check", "--help"]).output().unwrap();
    let check = String::from_utf8(check.stdout).unwrap();
    assert!(
        check.contains("`check`, `schema` and `bench` do not use it"),
        "{check}"
    );
}

#[test]
fn opening_a_broken_file_prints_its_problems_and_exits_1_before_any_window() {
    let assert = roadmap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .arg("tests/corpus/invalid/cycle.json")
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let (_, line, col, message) = parse_problem(stderr.lines().next().unwrap());
    assert_eq!((line, col), (16, 25));
    assert!(message.starts_with("prerequisites form a cycle: basics → end → basics"));
}

#[test]
fn schema_prints_the_published_schema() {
    let published = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/roadmap.schema.json"
    ))
    .unwrap();
    roadmap().arg("schema").assert().success().stdout(published);
}

#[test]
fn without_a_display_the_window_refuses_with_a_message_and_the_command_line_works() {
    let assert = roadmap()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("no display"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    roadmap()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .arg("check")
        .assert()
        .success();
}

#[test]
fn an_unknown_renderer_is_refused_by_name() {
    roadmap()
        .env("DISPLAY", ":0")
        .env("ROADMAP_RENDERER", "vulkan2")
        .assert()
        .code(1)
        .stderr("error: unknown ROADMAP_RENDERER `vulkan2`; use `wgpu` or `glow`\n");
}

#[test]
fn export_layers_top_to_bottom_turns_the_map_upright() {
    let size_of = |layers: &str| {
        let dir = tempfile::tempdir().unwrap();
        let out = roadmap()
            .args(["--progress"])
            .arg(dir.path().join("progress.json"))
            .args(["export", "--format", "svg", "--layers", layers])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = String::from_utf8(out.stdout).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let number =
            |name: &str| -> f64 { doc.root_element().attribute(name).unwrap().parse().unwrap() };
        (number("width"), number("height"))
    };
    let (w, h) = size_of("left-to-right");
    assert!(w > 3.0 * h, "{w} x {h}");
    let (w, h) = size_of("top-to-bottom");
    assert!(h > w, "{w} x {h}");

    roadmap()
        .args(["export", "--format", "svg", "--layers", "diagonal"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("top-to-bottom"));
}

#[test]
fn export_paper_sets_the_pdf_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.pdf");
    roadmap()
        .args(["export", "--format", "pdf", "--paper", "letter", "--output"])
        .arg(&path)
        .assert()
        .success();
    let doc = lopdf::Document::load(&path).unwrap();
    let first = doc.get_pages()[&1];
    let media = common::media_box(&doc, first);
    // The map's first page: Letter, in landscape.
    assert_eq!(media, [0.0, 0.0, 792.0, 612.0]);
    let refused = roadmap()
        .args(["export", "--format", "pdf", "--paper", "a5"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8(refused.stderr)
            .unwrap()
            .contains("a4, letter")
    );
}

/// A roadmap still being written (a topic without a rationale, summary or source yet) passes
/// `check` with its warnings; `--strict` fails on them, and the bundled roadmap passes it.
#[test]
fn work_in_progress_passes_check_and_fails_check_strict() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/warnings/unfinished.json");
    let output = roadmap()
        .arg("check")
        .arg(&file)
        .assert()
        .success()
        .stdout("ok: 3 topics, 3 prerequisite links, 2 phases\n")
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let warnings: Vec<String> = stderr
        .lines()
        .map(|l| {
            let (_, line, column, message) = parse_problem(l);
            format!("{line}:{column}: {message}")
        })
        .collect();
    assert_eq!(
        warnings,
        [
            "19:5: warning: topic `middle` has no source yet: add the page its facts come from",
            "24:20: warning: topic `middle` has no rationale yet",
            "31:18: warning: topic `end` has no summary yet",
        ]
    );

    let strict = roadmap()
        .args(["check", "--strict"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout("")
        .get_output()
        .clone();
    let stderr = String::from_utf8(strict.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 4, "{stderr}");
    assert_eq!(
        stderr.lines().last().unwrap(),
        format!(
            "error: 3 warnings in {}, and --strict fails on warnings",
            file.display()
        )
    );
    roadmap()
        .args(["check", "--strict"])
        .assert()
        .success()
        .stderr("");
}
