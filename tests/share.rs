//! End-to-end: `--share` leaves out what is private, in every report and every format.
//! (An SVG draws its text as glyph outlines: the word is checked in the other formats, which
//! are rendered from the same view.)
//!
//! In `tests/fixtures/share` every private line carries the word SECRET: in a note marked
//! `private: true`, a note whose frontmatter cannot be read, the Relationship section (with a
//! task and a sub-section), a configured private section, and `%%comments%%`.

mod common;

use common::*;

/// Every report of the fixture, as command-line arguments before the common options.
fn reports() -> Vec<Vec<&'static str>> {
    vec![
        vec!["brief", "Acme"],
        vec!["brief", "Alice Ally"],
        vec!["brief", "2026-10-01 - Acme sync"],
        vec!["meeting", "2026-10-01 - Acme sync"],
        vec!["meeting", "Alice Ally", "Olga Ours"],
        vec!["review", "Acme", "--quarter", "2026-Q4"],
        vec!["map", "Acme"],
    ]
}

/// The report's text: the output itself, or for a PDF the text read back from it.
fn report_text(report: &[&str], format: &str, share: bool) -> String {
    let vault = fixture("share").display().to_string();
    let mut cmd = dossier();
    cmd.args(report).args(["--vault", &vault, "--format", format, "--as-of", AS_OF, "-o", "-"]);
    if share {
        cmd.arg("--share");
    }
    let output = cmd.output().expect("dossier runs");
    assert_eq!(output.status.code(), Some(0), "{report:?} {format}: {}", String::from_utf8_lossy(&output.stderr));
    if format == "pdf" {
        let text = pdf_extract::extract_text_from_mem(&output.stdout).expect("PDF text");
        // The page text, and the file's own bytes (its title and metadata are not pages).
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        format!("{words}\n{}", String::from_utf8_lossy(&output.stdout))
    } else {
        String::from_utf8(output.stdout).expect("UTF-8")
    }
}

#[test]
fn no_private_text_reaches_any_shared_output() {
    for report in reports() {
        let diagrams: &[&str] = if report[0] == "map" { &["svg", "dot", "mermaid", "canvas"] } else { &[] };
        for &format in ["md", "json", "pdf", "html"].iter().chain(diagrams) {
            let text = report_text(&report, format, true);
            assert!(!text.contains("SECRET"), "{report:?} --format {format} --share leaks:\n{text}");
            // Links to the private note are plain text: its name, never its path.
            assert!(!text.contains("Zed Private.md") && !text.contains("People/Zed Private"), "{report:?} {format}");
        }
    }
}

#[test]
fn without_share_the_same_reports_do_hold_private_text() {
    // The test above would pass on an empty report; these prove the fixture's secrets are
    // reachable when not sharing.
    let text = report_text(&["brief", "Acme"], "md", false);
    for secret in ["SECRET-COMMENT-FACT", "SECRET-PRIVATE-NOTE", "SECRET-UNREADABLE"] {
        assert!(text.contains(secret), "{secret} not in the unshared briefing");
    }
    let text = report_text(&["brief", "Alice Ally"], "json", false);
    assert!(text.contains("SECRET-TASK"), "the Relationship section's task is read when not sharing");
    // And the scan reads the other formats' text: unshared, they hold the secrets too.
    for format in ["html", "pdf"] {
        assert!(report_text(&["brief", "Acme"], format, false).contains("SECRET"), "{format}");
    }
}

#[test]
fn shared_reports_keep_what_is_not_private() {
    let text = report_text(&["brief", "Acme"], "md", true);
    for kept in
        ["Acme runs three data centres.", "Alice runs the platform team.", "Run the pilot in Q1.", "Shared copy"]
    {
        assert!(text.contains(kept), "`{kept}` missing from the shared briefing");
    }
    // The private person's name stays, as text: "links to left-out notes shown as plain text".
    assert!(text.contains("Send the pilot plan to Zed Private"));
    let j = json(&report_text(&["brief", "Acme"], "json", true));
    assert_eq!(j["shared"], true);
    let people: Vec<&str> = j["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(!people.contains(&"Zed Private") && people.contains(&"Alice Ally"), "{people:?}");
}

#[test]
fn explain_lists_every_removal_with_its_place() {
    let vault = fixture("share").display().to_string();
    let r = run(&["brief", "Acme", "--vault", &vault, "--as-of", AS_OF, "-o", "-", "--share", "--explain"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for line in [
        "Customers/Acme.md:10: left out: a %%comment%%",
        "Customers/Acme.md:13: left out: the section \"Internal Notes\" (lines 13–16)",
        "People/Alice Ally.md:15: left out: the section \"Relationship\" (lines 15–24)",
        "People/Bad Yaml.md:1: left out: the whole note: its frontmatter cannot be read",
        "People/Zed Private.md:1: left out: the whole note: it is marked private",
    ] {
        assert!(r.stderr.contains(line), "missing `{line}` in:\n{}", r.stderr);
    }
    assert!(!r.stdout.contains(": left out:"), "the explanation goes to standard error only");
    // --explain means nothing without --share.
    let r = run(&["brief", "Acme", "--vault", &vault, "--explain", "-o", "-"]);
    assert_eq!(r.code, 2);
}

#[test]
fn sharing_never_writes_to_the_vault() {
    let before = snapshot_tree(&fixture("share"));
    report_text(&["brief", "Acme"], "md", true);
    assert_eq!(before, snapshot_tree(&fixture("share")));
}
