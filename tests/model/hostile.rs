//! Hostile input is refused cleanly: never a panic, a hang or a stack overflow. Every file in
//! `tests/corpus/hostile` gives the outcome in its `.expected` file (the `ok:` line of
//! `roadmap check` when it loads, its problems as `LINE:COL: message` otherwise), both through
//! the library and through `roadmap check`; the cases too big to commit are generated here; and
//! random mutations of valid roadmaps and progress files give positioned errors, never a panic,
//! and never lose a progress file's bytes.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use crate::common;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::Index;
use roadmap::model::{self, LoadError, Progress};
use roadmap::store::{self, Notice};
use serde_json::Value;

/// How long one load or one run of the binary may take before it counts as a hang. Generous,
/// so that a slow debug build on a busy machine never fails it (the 100,000-topic chain takes
/// about 40 s of CPU in a debug build, and a busy machine gives it a share of a core); a hang
/// never ends at all.
const BOUND: Duration = Duration::from_mins(5);

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Runs `work` on its own thread (with the default thread stack, so a deep recursion overflows
/// as it would in the app) and returns its result; fails when it panics or outlasts [`BOUND`].
fn within_bound<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(what.to_owned())
        .spawn(move || {
            let _ = tx.send(work());
        })
        .unwrap();
    match rx.recv_timeout(BOUND) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} took longer than {BOUND:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

fn load(path: &Path) -> Result<model::LoadedRoadmap, LoadError> {
    let owned = path.to_owned();
    within_bound(&format!("loading {}", path.display()), move || {
        model::load_file(&owned)
    })
}

/// `roadmap check FILE`, under [`BOUND`].
fn check(path: &Path) -> Output {
    let owned = path.to_owned();
    within_bound(&format!("roadmap check {}", path.display()), move || {
        common::roadmap_command()
            .arg("check")
            .arg(&owned)
            .output()
            .unwrap()
    })
}

fn problems(err: &LoadError) -> Vec<String> {
    err.diagnostics
        .iter()
        .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
        .collect()
}

/// Whether `line` is `FILE:LINE:COL: message` with LINE and COL at least 1.
fn is_positioned(line: &str, file: &str) -> bool {
    let Some(rest) = line.strip_prefix(&format!("{file}:")) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let number = |p: Option<&str>| {
        p.and_then(|p| p.parse::<usize>().ok())
            .is_some_and(|n| n >= 1)
    };
    number(parts.next())
        && number(parts.next())
        && parts
            .next()
            .is_some_and(|m| m.len() > 1 && m.starts_with(' '))
}

/// Checks that `roadmap check FILE` refuses the file as the library did: exit code 1, nothing
/// on stdout, the library's problem lines on stderr followed by their count, and no panic.
fn binary_refuses(path: &Path, err: &LoadError) -> String {
    let out = check(path);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let shown = path.display().to_string();
    assert!(
        !stderr.contains("panicked"),
        "roadmap check {shown} panicked:\n{stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "roadmap check {shown}:\n{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "roadmap check {shown} printed on stdout"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    let (last, printed) = lines.split_last().unwrap();
    let n = err.diagnostics.len();
    assert_eq!(
        *last,
        format!(
            "error: {n} problem{} in {shown}",
            if n == 1 { "" } else { "s" }
        )
    );
    let expected: Vec<String> = err.lines().collect();
    assert_eq!(
        printed,
        &expected[..printed.len()],
        "stderr of roadmap check {shown}"
    );
    stderr
}

/// Loads a file that must be refused, through the library and the binary; returns its problems
/// as `LINE:COL: message`, having checked that every one has a place in the file.
fn refused(path: &Path) -> Vec<String> {
    let Err(err) = load(path) else {
        panic!("{} loaded, but it is hostile", path.display())
    };
    let shown = path.display().to_string();
    for line in err.lines() {
        assert!(is_positioned(&line, &shown), "no FILE:LINE:COL in {line}");
    }
    binary_refuses(path, &err);
    problems(&err)
}

/// Loads a file that must load, through the library and the binary; returns the `ok:` line.
fn accepted(path: &Path) -> String {
    let loaded = load(path).unwrap_or_else(|e| panic!("{} should load:\n{e}", path.display()));
    let summary = loaded.summary_line();
    let out = check(path);
    assert!(
        out.status.success(),
        "roadmap check {}:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{summary}\n")
    );
    summary
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/hostile")
}

fn minimal() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/minimal.json"),
    )
    .unwrap()
}

#[test]
fn every_hostile_file_gives_its_expected_outcome_in_the_library_and_the_binary() {
    let mut cases: Vec<PathBuf> = fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 25,
        "the hostile corpus lost files: {cases:?}"
    );
    let mut failures = String::new();
    for case in cases {
        let expected_path = case.with_extension("expected");
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .expected file", case.display()));
        let expected: Vec<&str> = expected.lines().collect();
        let got = if expected.first().is_some_and(|l| l.starts_with("ok: ")) {
            vec![accepted(&case)]
        } else {
            refused(&case)
        };
        if got != expected {
            let _ = writeln!(
                failures,
                "{}:\n  expected {expected:#?}\n  got {got:#?}",
                case.display()
            );
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn nesting_deeper_than_serde_json_allows_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let deep =
        |open: &str, close: &str, n: usize| format!("{}1{}", open.repeat(n), close.repeat(n));
    let in_a_topic = |n: usize| {
        minimal().replace(
            "\"estimate_hours\": 2",
            &format!("\"estimate_hours\": {}", deep("[", "]", n)),
        )
    };
    let cases = [
        ("arrays.json", deep("[", "]", 100_000), "1:513: "),
        ("objects.json", deep("{\"a\":", "}", 100_000), "1:1282: "),
        ("in-a-topic.json", in_a_topic(100_000), "34:532: "),
    ];
    for (name, text, place) in cases {
        let path = dir.path().join(name);
        fs::write(&path, &text).unwrap();
        let found = refused(&path);
        assert_eq!(
            found,
            [format!("{place}lists and objects are nested too deeply")]
        );
    }
    // Past serde_json's limit of 128 but within the span-keeping parser's: a plain type error.
    let path = dir.path().join("just-past.json");
    fs::write(&path, in_a_topic(200)).unwrap();
    assert_eq!(
        refused(&path),
        ["34:25: topic `end` field `estimate_hours`: invalid type: sequence, expected f64"]
    );
}

#[test]
fn a_hundred_megabyte_file_is_refused_by_its_size_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // A sparse file: 100 MB long, no disk used. Reading it all would take time and memory.
    fs::File::create(&path)
        .unwrap()
        .set_len(100_000_000)
        .unwrap();
    let Err(err) = load(&path) else {
        panic!("a 100 MB file loaded")
    };
    // The one problem without a line and column: the file was not read, so it has no place.
    let shown = path.display().to_string();
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [format!(
            "{shown}: the file is larger than 16 MiB, the limit for a roadmap file"
        )]
    );
    binary_refuses(&path, &err);
}

#[test]
fn a_one_megabyte_title_is_refused_with_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-title.json");
    let title = "a".repeat(1 << 20);
    fs::write(
        &path,
        minimal().replace("\"Middle\"", &format!("\"{title}\"")),
    )
    .unwrap();
    assert_eq!(
        refused(&path),
        ["21:16: topic `middle` has a title of 1048576 characters; the limit is 200"]
    );
}

/// A roadmap of `n` topics in one phase, topic `i` needing `prereqs(i)`, written compactly.
fn generated(n: usize, prereqs: impl Fn(usize) -> Vec<usize>) -> String {
    let mut text = String::from(
        r#"{"format_version":1,"id":"big","title":"Big","description":"","phases":[{"id":"p","title":"P","goal":"","order":1}],"topics":["#,
    );
    for i in 0..n {
        if i > 0 {
            text.push(',');
        }
        let needs: Vec<String> = prereqs(i).iter().map(|p| format!("\"t-{p}\"")).collect();
        let _ = write!(
            text,
            r#"{{"id":"t-{i}","title":"T","phase":"p","summary":"S","rationale":"R","prerequisites":[{}]}}"#,
            needs.join(",")
        );
    }
    text.push_str("]}\n");
    text
}

#[test]
fn ten_thousand_topics_in_one_cycle_are_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ring.json");
    let n = 10_000;
    fs::write(&path, generated(n, |i| vec![(i + n - 1) % n])).unwrap();
    let found = refused(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("prerequisites form a cycle: t-0 → t-9999 → t-9998 → "),
        "{}",
        &found[0][..200.min(found[0].len())]
    );
    assert!(found[0].contains("t-1 → t-0 (each topic"));
}

#[test]
fn a_hundred_thousand_topic_chain_loads_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chain.json");
    let text = generated(100_000, |i| if i == 0 { vec![] } else { vec![i - 1] });
    assert!(text.len() < 16 << 20, "the chain must fit the size limit");
    fs::write(&path, text).unwrap();
    assert_eq!(
        accepted(&path),
        "ok: 100000 topics, 99999 prerequisite links, 1 phase"
    );
}

// ---------------------------------------------------------------------------------------------
// Random mutations of valid files.

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    /// XOR one byte with a non-zero mask.
    Flip(Index, u8),
    /// Cut the file at a point.
    Truncate(Index),
    /// Delete a span: its start, and its length as a share of the rest (in thousandths).
    Delete(Index, u16),
    /// Swap the values at two places of the JSON tree (when the bytes are still JSON).
    Swap(Index, Index),
    /// Insert a copy of a topic next to a random place in the list (when there is one).
    DuplicateTopic(Index, Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), 1..=u8::MAX).prop_map(|(i, m)| Mutation::Flip(i, m)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        2 => (any::<Index>(), 0..1000u16).prop_map(|(i, l)| Mutation::Delete(i, l)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::DuplicateTopic(a, b)),
    ]
}

/// JSON pointers of every value under the root, in document order.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                (
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    v,
                )
            })
            .collect(),
        Value::Array(list) => list
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{at}/{i}"), v))
            .collect(),
        _ => Vec::new(),
    };
    for (pointer, child) in children {
        out.push(pointer.clone());
        pointers(child, &pointer, out);
    }
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    match mutation {
        Mutation::Flip(at, mask) => {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] ^= mask;
            }
        }
        Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len() + 1)),
        Mutation::Delete(at, share) => {
            let start = at.index(bytes.len() + 1);
            let len = (bytes.len() - start) * usize::from(*share) / 1000;
            bytes.drain(start..start + len);
        }
        Mutation::Swap(a, b) => {
            let Ok(mut value) = serde_json::from_slice::<Value>(bytes) else {
                return;
            };
            let mut all = Vec::new();
            pointers(&value, "", &mut all);
            if all.is_empty() {
                return;
            }
            let (pa, pb) = (&all[a.index(all.len())], &all[b.index(all.len())]);
            let (va, vb) = (
                value.pointer(pa).unwrap().clone(),
                value.pointer(pb).unwrap().clone(),
            );
            *value.pointer_mut(pa).unwrap() = vb;
            // The first write may have replaced an ancestor of the second place.
            if let Some(slot) = value.pointer_mut(pb) {
                *slot = va;
            }
            *bytes = serde_json::to_vec_pretty(&value).unwrap();
        }
        Mutation::DuplicateTopic(which, to) => {
            let Ok(mut value) = serde_json::from_slice::<Value>(bytes) else {
                return;
            };
            let Some(Value::Array(topics)) = value.get_mut("topics") else {
                return;
            };
            if topics.is_empty() {
                return;
            }
            let copy = topics[which.index(topics.len())].clone();
            let at = to.index(topics.len() + 1);
            topics.insert(at, copy);
            *bytes = serde_json::to_vec_pretty(&value).unwrap();
        }
    }
}

/// Checks that every diagnostic has a place inside `bytes`: line and column from 1, the line
/// one of the file's, the column at most one past that line's last character.
fn placed_inside(bytes: &[u8], err: &LoadError) -> Result<(), TestCaseError> {
    prop_assert!(!err.diagnostics.is_empty(), "an error without a problem");
    let text = String::from_utf8_lossy(bytes.strip_prefix(BOM).unwrap_or(bytes));
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &err.diagnostics {
        prop_assert!(
            d.line >= 1 && d.line <= lines.len(),
            "line {} of {}: {}",
            d.line,
            lines.len(),
            d.message
        );
        let width = lines[d.line - 1].chars().count();
        prop_assert!(
            d.column >= 1 && d.column <= width + 1,
            "column {} on line {} of {} characters: {}",
            d.column,
            d.line,
            width,
            d.message
        );
    }
    Ok(())
}

/// The valid roadmaps mutated: the small corpus file and the bundled roadmap.
fn valid_roadmap(big: bool) -> Vec<u8> {
    if big {
        model::load::BUNDLED_JSON.as_bytes().to_vec()
    } else {
        minimal().into_bytes()
    }
}

const PROGRESS_ID: &str = "tiny";

fn valid_progress() -> Vec<u8> {
    br#"{
  "format_version": 1,
  "roadmap_id": "tiny",
  "topics": {
    "basics": {
      "status": "done"
    },
    "middle": {
      "status": "doing",
      "note": "halfway through the workshop, caf\u00e9 \u2013 ok"
    },
    "end": {
      "status": "skipped"
    }
  },
  "goal": "end"
}
"#
    .to_vec()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_mutated_roadmap_loads_or_gives_placed_problems(
        big in proptest::bool::weighted(0.1),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = valid_roadmap(big);
        for m in &mutations {
            apply(&mut bytes, m);
        }
        if let Err(err) = model::load_bytes(&bytes, "mutated.json") {
            placed_inside(&bytes, &err)?;
        }
    }

    #[test]
    fn a_duplicated_topic_is_refused_at_the_copy(which in any::<Index>(), to in any::<Index>()) {
        let mut bytes = valid_roadmap(false);
        apply(&mut bytes, &Mutation::DuplicateTopic(which, to));
        let err = model::load_bytes(&bytes, "twice.json").expect_err("a repeated topic id must not load");
        placed_inside(&bytes, &err)?;
        prop_assert!(err.diagnostics.iter().any(|d| d.message.contains("is used twice")), "{}", err);
    }

    #[test]
    fn a_mutated_progress_file_loads_or_is_kept_aside_byte_for_byte(
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = valid_progress();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("{PROGRESS_ID}.json"));
        fs::write(&path, &bytes).unwrap();
        let opened = store::open(&path, PROGRESS_ID);
        let shown = path.display().to_string();
        match &opened.notice {
            None => {
                prop_assert_eq!(&fs::read(&path).unwrap(), &bytes);
                prop_assert_eq!(&opened.progress.roadmap_id, PROGRESS_ID);
            }
            Some(Notice::Recovered { moved_to, problem }) => {
                prop_assert!(problem.starts_with(&format!("{shown}:")), "{}", problem);
                prop_assert!(!path.exists(), "the damaged file is still in place");
                let name = moved_to.file_name().unwrap().to_string_lossy().into_owned();
                prop_assert!(name.starts_with(&format!("{PROGRESS_ID}.json.corrupt-")), "{}", name);
                prop_assert_eq!(&fs::read(moved_to).unwrap(), &bytes);
                prop_assert_eq!(&opened.progress, &Progress::new(PROGRESS_ID));
            }
            Some(notice @ (Notice::ReadOnly { .. } | Notice::CannotRead { .. })) => {
                prop_assert!(!notice.allows_saving());
                prop_assert_eq!(&fs::read(&path).unwrap(), &bytes);
            }
        }
    }
}
