//! The layers of ARCHITECTURE.md, kept: each part of `src` imports only the parts below it.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The files of a part of `src`: a folder's, or one file.
fn files(part: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let dir = src.join(part);
    if !dir.is_dir() {
        return vec![src.join(format!("{part}.rs"))];
    }
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

/// The parts of the crate a part names through `crate::`.
fn imports(part: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for file in files(part) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() && name != part {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn each_layer_imports_only_what_lies_below_it() {
    let allowed: &[(&str, &[&str])] = &[
        ("model", &[]),
        ("layout", &[]),
        ("task", &[]),
        ("fonts", &["model"]),
        ("picture", &["model", "layout"]),
        ("store", &["model"]),
        ("settings", &["store"]),
        ("export", &["model", "layout", "picture", "fonts"]),
        ("command", &["model", "layout", "settings"]),
        (
            "ui",
            &[
                "model", "layout", "picture", "fonts", "export", "command", "settings", "task",
            ],
        ),
    ];
    for (part, below) in allowed {
        let extra: Vec<String> = imports(part)
            .into_iter()
            .filter(|name| !below.contains(&name.as_str()))
            .collect();
        assert!(extra.is_empty(), "src/{part} imports {extra:?}");
    }
}

#[test]
fn no_source_file_is_over_800_lines() {
    let mut long = Vec::new();
    for file in files("") {
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        if lines > 800 {
            long.push(format!("{} ({lines} lines)", file.display()));
        }
    }
    assert!(long.is_empty(), "{long:?}");
}
