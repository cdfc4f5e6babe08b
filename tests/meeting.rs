//! End-to-end: `dossier meeting`, the pre-meeting briefing.

mod common;

use common::*;

const NEXT_CALL: &str = "2026-11-26 - MAI multi-region pooling review";

fn meeting(inputs: &[&str], format: &str) -> Run {
    let vault = sample_vault().display().to_string();
    let mut args = vec!["meeting"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--vault", &vault, "--format", format, "--as-of", AS_OF, "-o", "-"]);
    run(&args)
}

#[test]
fn markdown_briefing_of_the_next_call() {
    let r = meeting(&[NEXT_CALL], "md");
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("meeting_next_call_md", r.stdout);
}

#[test]
fn json_briefing_for_a_list_of_names() {
    let r = meeting(&["Hannah Okafor", "felix moreau", "Tom Becker", "Noah Greenberg"], "json");
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("meeting_names_json", r.stdout);
}

#[test]
fn attendees_come_from_the_note_and_mentions_are_kept_apart() {
    let j = json(&meeting(&[NEXT_CALL], "json").stdout);
    let names: Vec<&str> = j["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    // Their side first, then ours; each by name.
    assert_eq!(names, ["Dana Whitfield", "Owen Brandt", "Peter Sato", "Elena Sorensen", "Priya Raman"]);
    assert_eq!(j["mentioned"][0]["name"], "Grace Liu");
    assert_eq!(j["subject"]["kind"], "meeting");
    assert_eq!(j["meeting"]["date"], "2026-11-26");
    assert_eq!(j["meeting"]["days_until"], 2);
    assert_eq!(j["customers"][0]["name"], "Microsoft");
    assert_eq!(j["projects"][0]["name"], "AI caching strategy for MAI");
}

#[test]
fn attendee_cards_hold_history_facts_and_tasks_with_sources() {
    let j = json(&meeting(&[NEXT_CALL], "json").stdout);
    let dana = j["attendees"].as_array().unwrap().iter().find(|a| a["name"] == "Dana Whitfield").unwrap();
    assert_eq!(dana["buying_roles"][0]["role"], "champion");
    assert_eq!(dana["owner"]["name"], "Priya Raman");
    assert_eq!(dana["reports_to"][0]["name"], "Owen Brandt");
    // Newest first, and the meeting being prepared is not an "earlier" one.
    assert_eq!(dana["recent_context"][0]["date"], "2026-11-05");
    assert_eq!(dana["previous_meetings"][0]["date"], "2026-11-05");
    assert!(dana["previous_meetings"].as_array().unwrap().iter().all(|m| m["title"] != NEXT_CALL));
    assert!(dana["facts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["text"].as_str().unwrap().starts_with("Dana sponsors the cache evaluation")));
    // The 14-day cadence of her note: 19 days since the last contact.
    assert_eq!(dana["contact_overdue_days"], 5);
    assert!(dana["cautions"].as_array().unwrap().iter().any(|c| c.as_str().unwrap().contains("14-day")));
    for task in dana["open_tasks"].as_array().unwrap() {
        assert!(task["source"]["line"].as_u64().unwrap() > 0);
    }
}

#[test]
fn talking_points_each_cite_a_line_that_holds_their_text() {
    let j = json(&meeting(&[NEXT_CALL], "json").stdout);
    let points = j["talking_points"].as_array().unwrap();
    assert!(points.iter().any(|p| p["kind"] == "decide"), "open questions become decisions to ask for");
    assert!(points.iter().any(|p| p["kind"] == "follow-up"), "earlier meetings' open tasks are followed up");
    for p in points {
        let path = sample_vault().join(p["source"]["path"].as_str().unwrap());
        let line = p["source"]["line"].as_u64().unwrap() as usize;
        let text = std::fs::read_to_string(&path).unwrap();
        let written = text.lines().nth(line - 1).unwrap();
        // The point quotes (some of) the line's words; the line is the evidence.
        let words: Vec<&str> = written.split_whitespace().filter(|w| w.len() > 4 && !w.contains("[[")).collect();
        assert!(
            words.iter().any(|w| p["text"].as_str().unwrap().contains(w)),
            "talking point {} does not come from {}:{line}: {written}",
            p["text"],
            path.display()
        );
    }
}

#[test]
fn preparation_gaps_name_what_the_vault_does_not_say() {
    let j = json(&meeting(&["Hannah Okafor", "Noah Greenberg", "Sam Patel"], "json").stdout);
    let gaps: Vec<(String, String)> = j["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["kind"].as_str().unwrap().to_string(), g["message"].as_str().unwrap().to_string()))
        .collect();
    let has = |kind: &str, about: &str| gaps.iter().any(|(k, m)| k == kind && m.contains(about));
    // Contoso Bank has an economic buyer (Hannah); Fabrikam's project has none.
    assert!(has("no-economic-buyer", "Fabrikam imaging archive"), "{gaps:?}");
    assert!(!has("no-economic-buyer", "Contoso"), "{gaps:?}");
    assert!(has("no-recent-contact", "Hannah Okafor"), "{gaps:?}");
    assert!(has("no-buying-role", "Noah Greenberg"), "{gaps:?}");
    assert!(has("no-role", "Sam Patel") && has("no-company", "Sam Patel"), "{gaps:?}");
    assert!(!has("no-buying-role", "Hannah Okafor"), "{gaps:?}");
}

#[test]
fn unknown_ambiguous_or_wrong_kinds_fail_with_exit_2() {
    let r = meeting(&["Hannah"], "md");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean \"Hannah Okafor\""), "{}", r.stderr);
    let r = meeting(&["Microsoft"], "md");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("names a customer note; expected a meeting note or a person"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn a_planned_meeting_is_not_a_contact_yet() {
    // Before the call, Peter's last contact is the October review; once it is past, the call.
    let before = json(&meeting(&["Peter Sato"], "json").stdout);
    assert_eq!(before["people"][0]["last_contact"], "2026-10-15");
    let vault = sample_vault().display().to_string();
    let after = json(
        &run(&["meeting", "Peter Sato", "--vault", &vault, "--format", "json", "--as-of", "2026-11-27", "-o", "-"])
            .stdout,
    );
    assert_eq!(after["people"][0]["last_contact"], "2026-11-26");
}

#[test]
fn the_pdf_reads_as_the_briefing() {
    let vault = sample_vault().display().to_string();
    let output = dossier()
        .args(["meeting", NEXT_CALL, "--vault", &vault, "--format", "pdf", "--as-of", AS_OF, "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = pdf_extract::extract_text_from_mem(&output.stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in ["Who is in the room", "Preparation gaps", "Talking points", "Dana Whitfield", "Owen Brandt"] {
        assert!(text.contains(needle), "{needle} missing from the PDF");
    }
    assert!(text.contains("Ask for a decision: Does MAI want one cache"), "talking point missing");
}

#[test]
fn a_meeting_in_a_fixture_vault() {
    // The Globex pilot review, prepared the day before it: the July workshop's open task is
    // a follow-up, Carol (last met in April) is a preparation gap.
    let vault = fixture("review").display().to_string();
    let args = ["meeting", "2026-08-20 - Pilot review", "Carol Quiet", "--vault", &vault, "--as-of", "2026-08-19"];
    let md = run(&[&args[..], &["-o", "-"]].concat());
    assert_eq!(md.code, 0, "{}", md.stderr);
    insta::assert_snapshot!("meeting_globex_md", md.stdout);
    let j = json(&run(&[&args[..], &["--format", "json", "-o", "-"]].concat()).stdout);
    insta::assert_snapshot!("meeting_globex_json", serde_json::to_string_pretty(&j).unwrap());
    let follow_ups: Vec<&str> =
        j["follow_ups"].as_array().unwrap().iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert_eq!(follow_ups, ["Ship the pilot hardware"]);
    assert!(j["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["kind"] == "no-recent-contact" && g["person"] == "Carol Quiet"));
}
