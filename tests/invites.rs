//! End-to-end: `dossier meeting --ics`, the briefing of a calendar invite. The invites under
//! `tests/fixtures/invites/` are written the way each program writes them: Outlook (Exchange:
//! `MAILTO:` in capitals, `CN="Last, First"`, Windows `TZID`s, folded lines), Google Calendar
//! (UTC times, `CN` repeating the address, the Meet block in the description) and Apple
//! Calendar (LF line ends, `EMAIL` parameters, `urn:uuid:` attendees, RFC 6868 quotes).

mod common;

use common::*;

fn invite(name: &str) -> String {
    root().join("tests/fixtures/invites").join(name).display().to_string()
}

/// `dossier meeting --ics` on the meeting-guests fixture vault.
fn brief(ics: &str, extra: &[&str], format: &str) -> Run {
    let vault = fixture("meeting-guests").display().to_string();
    let ics = invite(ics);
    let mut args = vec!["meeting", "--ics", &ics, "--vault", &vault, "--format", format, "-o", "-"];
    args.extend_from_slice(extra);
    if !extra.contains(&"--as-of") {
        args.extend_from_slice(&["--as-of", "2026-11-26"]);
    }
    run(&args)
}

fn names(list: &serde_json::Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
}

/// (name, reply) of the people and the guests of a briefing.
fn replies(j: &serde_json::Value) -> Vec<(String, String)> {
    let of = |key: &str| -> Vec<(String, String)> {
        j[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (p["name"].as_str().unwrap().to_string(), p["reply"].as_str().unwrap_or("not invited").to_string())
            })
            .collect()
    };
    [of("attendees"), of("guests")].concat()
}

#[test]
fn the_sample_invite_briefs_the_meeting_note_of_its_day_with_every_reply() {
    let vault = sample_vault().display().to_string();
    let ics = root().join("data/invites/contoso-security-review.ics").display().to_string();
    let args =
        |format| ["meeting", "--ics", &ics, "--vault", &vault, "--format", format, "--as-of", "2026-12-01", "-o", "-"];
    let md = run(&args("md"));
    assert_eq!(md.code, 0, "{}", md.stderr);
    // The README's example runs from the repository root: cite the invite as given there.
    let md = md.stdout.replace(&ics, "data/invites/contoso-security-review.ics");
    insta::assert_snapshot!("invite_sample_md", md);
    let j = json(&run(&args("json")).stdout.replace(&ics, "data/invites/contoso-security-review.ics"));
    insta::assert_json_snapshot!("invite_sample_json", j);
    assert_eq!(j["meeting"]["path"], "Meetings/2026-12-02 - Contoso security review.md");
    // Jordan Avery by the address of his note (in other capitals), Felix Moreau and Tom
    // Becker by name (Outlook's "Moreau, Felix"); Kofi Mensah declined and is not in the room.
    assert_eq!(names(&j["people"]), ["Felix Moreau", "Jordan Avery", "Tom Becker"]);
    assert_eq!(names(&j["guests"]), ["Rune Olsen", "Mira Chandra"]);
    assert_eq!(names(&j["declined"]), ["Kofi Mensah"]);
    assert_eq!(j["declined"][0]["company"], "Contoso Bank");
    assert_eq!(j["meeting"]["time_zone"], "W. Europe Standard Time");
    // The room is the location, not an attendee; the Teams block is not the agenda.
    assert!(!j.to_string().contains("room-4.12"));
    assert!(!j["meeting"]["description"].as_str().unwrap().contains("Teams"));
}

#[test]
fn a_google_invite_matches_its_note_merges_the_note_s_names_and_keeps_declines_apart() {
    let r = brief("google-storage-roadmap.ics", &[], "json");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "matched to its note: {}", r.stderr);
    let j = json(&r.stdout);
    assert_eq!(j["meeting"]["path"], "Meetings/2026-11-27 Storage roadmap.md");
    assert_eq!((&j["meeting"]["start_time"], &j["meeting"]["time_zone"]), (&"13:30".into(), &"UTC".into()));
    assert_eq!(j["meeting"]["organizer"], "Pat Lee");
    assert_eq!(
        replies(&j),
        [
            ("Dana Simonson", "accepted"),
            ("Pat Lee", "accepted"),
            ("twright@customer.example", "needs-action"),
            // The note names "Drew Kim"; the invite adds the address, and so the side.
            ("Drew Kim", "tentative"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let drew = &j["guests"][1];
    assert_eq!(
        (&drew["email"], &drew["side"], &drew["participation"]),
        (&"dkim@example-corp.com".into(), &"ours".into(), &"optional".into())
    );
    // Written in the note's Attendees section, declined in the invite.
    assert_eq!(names(&j["declined"]), ["Nate Sawyer"]);
    assert_eq!(
        j["meeting"]["description"],
        "Roadmap for the archive tier: what ships in Q1, and what the migration needs."
    );
}

#[test]
fn an_outlook_invite_reads_directory_names_capital_mailto_and_windows_time_zones() {
    let j = json(&brief("outlook-storage-roadmap.ics", &[], "json").stdout);
    assert_eq!(j["meeting"]["time_zone"], "W. Europe Standard Time");
    assert_eq!(j["meeting"]["start_time"], "14:30");
    // `CN="Lee, Pat":MAILTO:PLee@Example-Corp.com` is Pat Lee's note.
    assert_eq!(j["meeting"]["organizer"], "Pat Lee");
    assert_eq!(
        replies(&j),
        [
            ("Dana Simonson", "accepted"),
            ("Pat Lee", "needs-action"),
            // In the note, not in the invite: still in the room, said so.
            ("Drew Kim", "not invited"),
            // The note's address, the invite's name.
            ("Taylor Wright", "needs-action"),
            ("Nate Sawyer", "accepted"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(j["attendees"][0]["participation"], "optional");
    let pat = &j["attendees"][1];
    assert!(pat["cautions"].as_array().unwrap().iter().any(|c| c == "has not answered the invite"), "{pat}");
    let md = brief("outlook-storage-roadmap.ics", &[], "md").stdout;
    assert!(md.contains("| Time | 14:30–15:30 (W. Europe Standard Time) |"), "{md}");
    assert!(md.contains("| accepted (optional) |"), "{md}");
}

#[test]
fn an_apple_invite_without_a_note_is_briefed_from_the_invite_alone() {
    let r = brief("apple-archive-workshop.ics", &[], "json");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("no meeting note of 2026-12-03 is titled like “Archive tier workshop”"), "{}", r.stderr);
    let j = json(&r.stdout);
    assert!(j["meeting"]["path"].is_null());
    assert_eq!(j["subject"]["name"], "Archive tier workshop");
    assert_eq!(j["meeting"]["date"], "2026-12-03");
    assert_eq!(j["meeting"]["time_zone"], "Europe/Berlin");
    // The room booked is the location.
    assert_eq!(j["meeting"]["location"], "Customer Co Board Room");
    // `urn:uuid:` with an EMAIL parameter, and RFC 6868's ^' for quotes in the name.
    let guest = &j["guests"][0];
    assert_eq!((&guest["name"], &guest["email"]), (&"Taylor \"TJ\" Wright".into(), &"twright@customer.example".into()));
    assert_eq!(guest["source"]["path"], invite("apple-archive-workshop.ics"));
    assert_eq!(guest["source"]["line"], 19);
    assert_eq!(names(&j["customers"]), ["Customer Co"]);
}

#[test]
fn an_export_of_many_events_needs_a_uid_or_next() {
    let r = brief("export.ics", &[], "json");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("holds 6 events: give --event UID or --next"), "{}", r.stderr);
    assert!(
        r.stderr.contains("2026-12-03 09:00 UTC Archive tier workshop (UID workshop-1@google.com)"),
        "{}",
        r.stderr
    );

    // The first event on or after the as-of day that is not cancelled (09:00 is).
    let j = json(&brief("export.ics", &["--next", "--as-of", "2026-11-27"], "json").stdout);
    assert_eq!(j["subject"]["name"], "Storage roadmap");
    assert_eq!(j["meeting"]["path"], "Meetings/2026-11-27 Storage roadmap.md");
    let j = json(&brief("export.ics", &["--next", "--as-of", "2026-11-28"], "json").stdout);
    assert_eq!(j["subject"]["name"], "Archive tier workshop");

    let j = json(&brief("export.ics", &["--event", "past-1@google.com"], "json").stdout);
    assert_eq!(j["subject"]["name"], "Kick-off");
    let r = brief("export.ics", &["--event", "no-such-uid"], "json");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("holds no event with UID no-such-uid"), "{}", r.stderr);
    let r = brief("export.ics", &["--next", "--as-of", "2027-01-01"], "json");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("holds no event on or after 2027-01-01"), "{}", r.stderr);

    let r = brief("export.ics", &["--event", "weekly-1@google.com"], "json");
    assert!(r.stderr.contains("repeats; its first occurrence (2026-10-01) is briefed"), "{}", r.stderr);
    assert_eq!(json(&r.stdout)["meeting"]["invite"]["recurs"], true);
}

#[test]
fn a_broken_calendar_file_is_an_error_with_its_line_and_nothing_is_guessed() {
    for (file, message) in [
        ("broken-unclosed.ics", "broken-unclosed.ics:7: END:VCALENDAR closes BEGIN:VEVENT of line 3"),
        ("broken-line.ics", "broken-line.ics:6: not an iCalendar content line"),
        ("broken-date.ics", "broken-date.ics:6: DTSTART is no date: \"20261345T133000Z\""),
        ("missing.ics", "cannot read"),
    ] {
        let r = brief(file, &[], "md");
        assert_eq!(r.code, 1, "{file}");
        assert!(r.stderr.contains(message), "{file}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{file}");
    }
}

#[test]
fn event_and_next_need_an_invite() {
    let vault = fixture("meeting-guests").display().to_string();
    for flag in [&["--next"][..], &["--event", "x"]] {
        let r = run(&[&["meeting", "Pat Lee", "--vault", &vault][..], flag].concat());
        assert_eq!(r.code, 2, "{flag:?}");
        assert!(r.stderr.contains("--ics"), "{}", r.stderr);
    }
}

#[test]
fn more_people_can_be_named_beside_the_invite() {
    let j = json(&brief("apple-archive-workshop.ics", &["Dana Simonson"], "json").stdout);
    assert_eq!(names(&j["people"]), ["Dana Simonson", "Pat Lee"]);
}

/// Every invite, on the vault it is for: no "None found" about gaps while someone in the
/// room has no note, and the declined are never counted in the room.
#[test]
fn no_invite_briefing_gives_a_false_all_clear() {
    for file in ["google-storage-roadmap.ics", "outlook-storage-roadmap.ics", "apple-archive-workshop.ics"] {
        let md = brief(file, &[], "md");
        assert_eq!(md.code, 0, "{file}: {}", md.stderr);
        let j = json(&brief(file, &[], "json").stdout);
        let guests = j["guests"].as_array().unwrap();
        assert!(!guests.is_empty(), "{file}");
        assert!(!md.stdout.contains("None found"), "{file}: {}", md.stdout);
        let no_note = j["gaps"].as_array().unwrap().iter().filter(|g| g["kind"] == "no-note").count();
        assert_eq!(no_note, guests.len(), "{file}: every guest is a gap");
        for d in names(&j["declined"]) {
            assert!(!names(&j["people"]).contains(&d) && !names(&j["guests"]).contains(&d), "{file}: {d}");
        }
    }
}

#[test]
fn the_pdf_of_the_sample_invite_shows_replies_and_declines() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("invite.pdf");
    let vault = sample_vault().display().to_string();
    let ics = root().join("data/invites/contoso-security-review.ics").display().to_string();
    let out = pdf.display().to_string();
    let r = run(&["meeting", "--ics", &ics, "--vault", &vault, "--format", "pdf", "--as-of", "2026-12-01", "-o", &out]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = pdf_extract::extract_text(&pdf).unwrap();
    for expected in [
        "Agenda from the invite",
        "W. Europe Standard Time",
        "no answer (optional)",
        "tentative",
        "Declined the invite: Kofi Mensah",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
}
