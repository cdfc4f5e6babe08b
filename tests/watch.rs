//! End-to-end: `--watch` writes the report again when a note changes.

mod common;

use std::time::{Duration, Instant};

use common::*;

/// Copies the sample vault to a fresh folder: this test edits a note.
fn copy_of_sample(to: &std::path::Path) {
    copy_tree(&sample_vault(), to);
}

/// Waits (up to a minute: CI machines are slow) until `done` holds.
fn wait_for(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(60), "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `dossier brief SUBJECT --watch` writing to `report`, quietly.
fn watch_brief(subject: &str, vault: &std::path::Path, report: &std::path::Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("XDG_CACHE_HOME", common::cache_home())
        .args(["brief", subject, "--vault"])
        .arg(vault)
        .args(["--as-of", AS_OF, "--watch", "-q", "-o"])
        .arg(report)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn watch_writes_the_report_again_after_a_note_changes() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    copy_of_sample(&vault);
    let report = dir.path().join("microsoft.md");
    let mut child = watch_brief("Microsoft", &vault, &report);
    let read = || std::fs::read_to_string(&report).unwrap_or_default();
    wait_for("the first report", || read().contains("## Key facts"));
    let note = vault.join("Customers/Microsoft.md");
    let text = std::fs::read_to_string(&note).unwrap();
    let edited = text.replacen("## Key Facts\n\n", "## Key Facts\n\n- A fact written while watching.\n", 1);
    assert_ne!(text, edited, "the sample's Key Facts heading moved");
    std::fs::write(&note, edited).unwrap();
    wait_for("the report written again", || read().contains("A fact written while watching."));
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn watch_writes_the_report_again_after_a_base_it_embeds_changes() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    copy_tree(&fixture("bases"), &vault);
    let report = dir.path().join("ann.md");
    let mut child = watch_brief("Ann Lee", &vault, &report);
    let read = || std::fs::read_to_string(&report).unwrap_or_default();
    wait_for("the first report", || read().contains("| Meeting | Date | type |"));
    let base = vault.join("Bases/Meetings.base");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, text.replacen("displayName: Meeting", "displayName: Meeting held", 1)).unwrap();
    wait_for("the report written again", || read().contains("| Meeting held | Date | type |"));
    child.kill().unwrap();
    let _ = child.wait();
}
