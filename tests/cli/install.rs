//! What a package installs besides the binary, made from the same clap definitions as
//! `--help`: shell completions and the manual page.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use crate::common;

fn stdout(args: &[&str]) -> String {
    let output = common::roadmap_command().args(args).assert().success();
    String::from_utf8(output.get_output().stdout.clone()).unwrap()
}

/// Bash sources the completion script, and `roadmap ex` completes to `roadmap export`.
#[test]
fn bash_completes_a_subcommand_from_the_script() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("roadmap.bash");
    std::fs::write(&script, stdout(&["completions", "bash"])).unwrap();
    let complete = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let program = format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; \
             COMP_POINT=${{#COMP_LINE}}; _roadmap roadmap {} {}; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            line,
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let output = std::process::Command::new("bash")
            .args(["--noprofile", "--norc", "-c", &program])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(complete("roadmap ex").trim(), "export");
    let fm = complete("roadmap f");
    assert!(fm.lines().any(|l| l == "fmt"), "{fm}");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        assert!(
            stdout(&["completions", shell]).contains("export"),
            "{shell}"
        );
    }
}

/// The manual page is roff with a section for each subcommand and every option `--help` has.
#[test]
fn the_manual_page_names_every_subcommand_and_option() {
    let page = stdout(&["manual"]);
    assert!(
        page.contains(".TH roadmap 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for sub in [
        "check",
        "fmt",
        "schema",
        "mark",
        "status",
        "plan",
        "export",
        "bench",
        "completions",
        "manual",
    ] {
        assert!(
            page.contains(&format!(".SH \"ROADMAP {}\"", sub.to_uppercase())),
            "no section for {sub}"
        );
    }
    for option in [
        "\\-\\-progress",
        "\\-\\-strict",
        "\\-\\-hours\\-per\\-week",
        "\\-\\-theme",
    ] {
        assert!(page.contains(option), "{option}");
    }
}
