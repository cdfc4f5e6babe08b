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

fn guests_meeting(note: &str, format: &str) -> Run {
    let vault = fixture("meeting-guests").display().to_string();
    run(&["meeting", note, "--vault", &vault, "--format", format, "--as-of", AS_OF, "-o", "-"])
}

#[test]
fn attendees_known_only_by_name_or_address_are_in_the_room_and_are_gaps() {
    let r = guests_meeting("2026-11-27 Storage roadmap", "json");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = json(&r.stdout);
    // Pat Lee by her address (and as organizer), Dana Simonson by hers in another case.
    let people: Vec<&str> = j["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(people, ["Dana Simonson", "Pat Lee"]);
    let guests: Vec<(&str, &str, &str)> = j["guests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["name"].as_str().unwrap(), g["company"].as_str().unwrap_or("—"), g["side"].as_str().unwrap()))
        .collect();
    assert_eq!(
        guests,
        [
            // By the customer note's web site.
            ("twright@customer.example", "Customer Co", "theirs"),
            // By our people's mail domain.
            ("Nate Sawyer", "Example Corp", "ours"),
            ("Drew Kim", "—", "unknown"),
        ]
    );
    assert_eq!(people.len() + guests.len(), 5, "five people in the room");
    let gaps: Vec<&str> = j["gaps"].as_array().unwrap().iter().map(|g| g["kind"].as_str().unwrap()).collect();
    assert!(gaps.len() >= 4, "{gaps:?}");
    assert_eq!(gaps.iter().filter(|k| **k == "no-note").count(), 3, "{gaps:?}");
    let md = guests_meeting("2026-11-27 Storage roadmap", "md").stdout;
    assert!(md.contains("| twright@customer.example | _no note_ |"), "{md}");
    assert!(md.contains("No note for Drew Kim: who is this"), "{md}");
    assert!(!md.contains("None found"), "{md}");
}

#[test]
fn a_meeting_without_attendees_is_never_an_all_clear() {
    let r = guests_meeting("2026-11-28 Hallway chat", "json");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = json(&r.stdout);
    let kinds: Vec<&str> = j["gaps"].as_array().unwrap().iter().map(|g| g["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"no-attendees") && kinds.contains(&"no-customer"), "{kinds:?}");
    let r = guests_meeting("2026-11-28 Hallway chat", "md");
    assert!(r.stdout.contains("who will be in the room is not known"), "{}", r.stdout);
    assert!(!r.stdout.contains("None found"), "{}", r.stdout);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("chat.pdf");
    let vault = fixture("meeting-guests").display().to_string();
    let args = ["meeting", "2026-11-28 Hallway chat", "--vault", &vault, "--format", "pdf", "--as-of", AS_OF, "-o"];
    let r = run(&[&args[..], &[pdf.to_str().unwrap()]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = pdf_extract::extract_text(&pdf).unwrap();
    assert!(text.contains("not known") && !text.contains("None found"), "{text}");
}

/// Every meeting note of the sample and of every fixture vault: where the briefing says
/// "None found" about gaps, its own JSON must bear it out — every attendee has a note, a
/// role, a buying role (theirs) and a contact within the gap threshold, and a customer is known.
#[test]
fn the_all_clear_is_only_printed_about_what_was_checked() {
    let vaults = sample_and_fixture_vaults();
    let mut checked = 0;
    for vault in vaults {
        let v = vault.display().to_string();
        let listed = run(&["list", "meetings", "--vault", &v, "-q"]);
        for line in listed.stdout.lines().skip(1) {
            let Some(path) = line.rsplit("  ").next().filter(|p| p.ends_with(".md")) else { continue };
            let args = |format: &'static str| {
                [
                    "meeting",
                    path.trim_end_matches(".md"),
                    "--vault",
                    &v,
                    "--format",
                    format,
                    "--as-of",
                    AS_OF,
                    "-o",
                    "-",
                    "-q",
                ]
                .map(String::from)
            };
            let md = run(&args("md").iter().map(String::as_str).collect::<Vec<_>>());
            if md.code != 0 {
                continue;
            }
            checked += 1;
            if !md.stdout.contains("None found") {
                continue;
            }
            let j = json(&run(&args("json").iter().map(String::as_str).collect::<Vec<_>>()).stdout);
            let context = format!("{v} {path}");
            assert!(j["guests"].as_array().unwrap().is_empty(), "{context}");
            assert!(!j["customers"].as_array().unwrap().is_empty(), "{context}");
            let people = j["attendees"].as_array().unwrap();
            assert!(!people.is_empty(), "{context}");
            for p in people {
                assert!(!p["role"].is_null(), "{context}: {}", p["name"]);
                if p["side"] != "ours" {
                    assert!(!p["buying_roles"].as_array().unwrap().is_empty(), "{context}: {}", p["name"]);
                    assert!(p["days_since_contact"].as_i64().is_some_and(|d| d <= 90), "{context}: {}", p["name"]);
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} meetings briefed");
}

/// flywheel-startup's kickoff note: `Attendees: [[Alex Chen]], [[Sarah Johnson]] (Head of
/// Analytics), [[Tom Wilson]] ([[IT Lead]])` where only Alex Chen has a note. The others are
/// guests by their links' names; the role in parentheses is no attendee. A person `--share`
/// withholds is neither an attendee nor a guest.
#[test]
fn people_linked_without_a_note_are_guests_unless_withheld() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path();
    std::fs::write(v.join("Alex Chen.md"), "---\ntype: person\ncompany: Flywheel\n---\n# Alex Chen\n").unwrap();
    std::fs::write(v.join("Zed Quiet.md"), "---\ntype: person\nprivate: true\naliases: [Zed]\n---\n# Zed Quiet\n")
        .unwrap();
    std::fs::write(
        v.join("2026-01-06 Kickoff.md"),
        "---\ntype: meeting\n---\n# Kickoff\n\nDate: 2026-01-06\nAttendees: [[Alex Chen]], [[Sarah Johnson]] (Head of Analytics), [[Tom Wilson]] ([[IT Lead]]), [[Zed Quiet]], [[Zed]]\n",
    )
    .unwrap();
    let vault = v.display().to_string();
    let people = |share: bool| {
        let mut args = vec!["meeting", "2026-01-06 Kickoff", "--vault", &vault, "--format", "json", "--as-of", AS_OF];
        args.extend(["-o", "-", "-q"]);
        if share {
            args.push("--share");
        }
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let j = json(&r.stdout);
        let names = |key: &str| -> Vec<String> {
            j[key].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
        };
        (names("people"), names("guests"), r.stdout)
    };
    let (attendees, guests, _) = people(false);
    assert_eq!(attendees, ["Alex Chen", "Zed Quiet"]);
    assert_eq!(guests, ["Sarah Johnson", "Tom Wilson"]);
    let (attendees, guests, shared) = people(true);
    assert_eq!(attendees, ["Alex Chen"]);
    assert_eq!(guests, ["Sarah Johnson", "Tom Wilson"]);
    assert!(!shared.contains("Zed"), "{shared}");
}
