//! End-to-end: `--format pdf`. PDFs are checked by reading their text back, never as byte
//! snapshots (only against themselves, for determinism).

#[path = "common/big_account.rs"]
mod big_account;
mod common;

use big_account::big_account;
use common::*;

fn pdf(vault: &std::path::Path, subject: &str) -> Vec<u8> {
    let output = dossier()
        .args([
            "brief",
            subject,
            "--vault",
            &vault.display().to_string(),
            "--format",
            "pdf",
            "--as-of",
            AS_OF,
            "-o",
            "-",
        ])
        .output()
        .expect("dossier runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stdout.starts_with(b"%PDF-"), "not a PDF");
    output.stdout
}

/// The PDF's text with whitespace collapsed, so that words broken across lines still match.
fn text_of(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).expect("PDF text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_pdf_holds_the_people_decisions_and_facts_of_the_briefing() {
    let bytes = pdf(&sample_vault(), "Microsoft");
    let text = text_of(&bytes);
    let r = brief(sample_vault(), "Microsoft", "json", &[]);
    let j = json(&r.stdout);
    for p in j["people"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        assert!(text.contains(name), "{name} missing from the PDF");
    }
    for list in ["decisions", "facts"] {
        for item in j[list].as_array().unwrap() {
            let words: String = item["text"].as_str().unwrap().split_whitespace().take(5).collect::<Vec<_>>().join(" ");
            assert!(text.contains(&words), "{list}: `{words}` missing from the PDF");
        }
    }
    assert!(text.contains("CONFIDENTIAL — INTERNAL"), "marking missing");
    assert!(text.contains("Briefing: Microsoft"));
}

#[test]
fn same_input_same_pdf_bytes() {
    assert_eq!(pdf(&sample_vault(), "Microsoft"), pdf(&sample_vault(), "Microsoft"));
}

#[test]
fn note_text_is_never_typst_code() {
    let text = text_of(&pdf(&fixture("hostile-text"), "Initech"));
    for literal in [
        "#read(\"/etc/passwd\")",
        "#import \"@preview/cetz:0.3.0\": *",
        "$x^2$",
        "<b>tag</b>",
        "@ref",
        "back\\slash",
        "#set page(width: 1cm) ] ) } // unbalanced",
    ] {
        assert!(text.contains(literal), "`{literal}` was not printed literally:\n{text}");
    }
    assert!(!text.contains("root:x:0"), "a file was read");
}

#[test]
fn a_broken_typst_template_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("brief.typ"), "#let data = json(\"data.json\")\n= #data.subject.name\n#data.nope\n")
        .unwrap();
    let r = run(&[
        "brief",
        "Microsoft",
        "--vault",
        &sample_vault().display().to_string(),
        "--templates",
        &dir.path().display().to_string(),
        "--format",
        "pdf",
        "-o",
        "-",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("brief.typ:3:"), "{}", r.stderr);
    assert!(r.stderr.contains("nope"), "{}", r.stderr);
}

#[test]
fn a_200_person_account_with_long_names_lays_out() {
    let vault = big_account(200);
    let text = text_of(&pdf(vault.path(), "Megacorp"));
    // Every person is in the stakeholder tables, even those the map leaves out.
    for name in ["Person 001", "Person 199", "Colleague 020"] {
        assert!(text.contains(name), "{name} missing");
    }
    assert!(text.contains("more people are not drawn"), "the map says what it leaves out");
    assert!(text.contains("Maximiliana Theodora"), "the long name is printed");
}

#[test]
fn an_empty_briefing_still_makes_a_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Lonely.md"), "# Lonely\n").unwrap();
    let text = text_of(&pdf(dir.path(), "Lonely"));
    for line in ["No people are linked", "No decisions recorded", "No open tasks", "No meetings recorded"] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
}

/// The page size the PDF declares, in points (every page of a report has one paper).
fn media_box(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let at = text.find("/MediaBox").expect("a MediaBox");
    let rest = &text[at..];
    rest[..rest.find(']').expect("a closed MediaBox") + 1].to_string()
}

#[test]
fn every_report_is_on_a4_unless_us_letter_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    copy_tree(&sample_vault(), &vault);
    let v = vault.display().to_string();
    let reports: [&[&str]; 4] = [
        &["brief", "Microsoft"],
        &["meeting", "2026-11-26 - MAI multi-region pooling review"],
        &["review", "Microsoft", "--quarter", "2026-Q3"],
        &["map", "Microsoft"],
    ];
    let paper = |report: &[&str], extra: &[&str]| {
        let output = dossier()
            .args(report)
            .args(["--vault", &v, "--format", "pdf", "--as-of", AS_OF, "-o", "-"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        media_box(&output.stdout)
    };
    for report in reports {
        // The map is drawn across the page.
        let (a4, letter) = if report[0] == "map" {
            ("/MediaBox[0 0 841.8898 595.2756]", "/MediaBox[0 0 792 612]")
        } else {
            ("/MediaBox[0 0 595.2756 841.8898]", "/MediaBox[0 0 612 792]")
        };
        assert_eq!(paper(report, &[]), a4, "{report:?}: A4 by default");
        assert_eq!(paper(report, &["--paper", "us-letter"]), letter, "{report:?}");
    }
    // The same from dossier.toml; --paper still wins for one run.
    std::fs::write(vault.join("dossier.toml"), "paper = \"us-letter\"\n").unwrap();
    assert_eq!(paper(reports[0], &[]), "/MediaBox[0 0 612 792]");
    assert_eq!(paper(reports[0], &["--paper", "a4"]), "/MediaBox[0 0 595.2756 841.8898]");
}
