//! The `accordlint` command as a user runs it: exit statuses, standard input, formats,
//! and clear errors for bad input and bad packs.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn accordlint(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accordlint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    child.stdin.take().expect("stdin").write_all(stdin).expect("write stdin");
    child.wait_with_output().expect("the CLI finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_empty_draft_fails_with_everything_missing() {
    let output = accordlint(&["check", "-", "--format", "json"], b"");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON report");
    assert_eq!(report["verdict"], "fail");
    let statuses: Vec<&str> = report["requirements"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert!(statuses.iter().all(|s| *s == "missing" || *s == "not_applicable"), "{statuses:?}");
}

#[test]
fn every_requirement_id_is_reported_spelled_as_the_standard() {
    let output = accordlint(&["check", "-", "--format", "json"], b"The Parties shall cooperate.");
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON report");
    let reported: Vec<&str> = report["requirements"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(reported, common::requirement_ids());
}

#[test]
fn a_reader_that_closes_the_pipe_ends_the_output_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accordlint"))
        .args(["check", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    // Like `accordlint check ... | head -c 0`: the reader is gone before the report is written.
    drop(child.stdout.take());
    child.stdin.take().expect("stdin").write_all(b"The Parties shall cooperate.").expect("write stdin");
    let output = child.wait_with_output().expect("the CLI finishes");
    assert_eq!(output.status.code(), Some(1), "the check's own status: {}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_binary_file_is_a_clear_input_error() {
    let dir = std::env::temp_dir().join(format!("accordlint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("draft.bin");
    std::fs::write(&path, [0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe]).unwrap();
    let output = accordlint(&["check", path.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(stderr(&output).contains("draft.bin"), "the error names the file: {}", stderr(&output));
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let output = accordlint(&["check", "-"], b"Article 1\n\nThe Parties shall \xff cooperate.");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("byte 29"), "names the offset of the bad byte: {}", stderr(&output));
}

#[test]
fn usage_errors_exit_with_two() {
    assert_eq!(accordlint(&["check"], b"").status.code(), Some(2));
    assert_eq!(accordlint(&["check", "-", "--format", "yaml"], b"").status.code(), Some(2));
    let unknown = accordlint(&["check", "-", "--category", "espionage"], b"");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("threat-intel"), "lists the known categories: {}", stderr(&unknown));
}

#[test]
fn markdown_and_text_views_carry_the_verdict() {
    let markdown = stdout(&accordlint(&["check", "-", "--format", "markdown"], b"Data may be kept indefinitely."));
    assert!(markdown.contains("**Verdict: FAIL**"), "{markdown}");
    let text = stdout(&accordlint(&["check", "-"], b"Data may be kept indefinitely."));
    assert!(text.contains("Verdict: FAIL"), "{text}");
}

#[test]
fn rules_lists_every_requirement() {
    let output = accordlint(&["rules", "--format", "json"], b"");
    assert_eq!(output.status.code(), Some(0));
    let rules: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(rules.as_array().unwrap().len(), common::requirement_ids().len());
}
