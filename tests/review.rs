//! End-to-end: `dossier review`, a period of an account against the one before.
//!
//! `tests/fixtures/review` is built for the counts: Globex has two meetings in 2026-Q2, two in
//! Q3 and one in Q4, with decisions, facts and tasks dated so that each count is known.

mod common;

use common::*;

fn review(vault: &std::path::Path, subject: &str, period: &[&str], format: &str) -> Run {
    let vault = vault.display().to_string();
    let mut args = vec!["review", subject, "--vault", &vault, "--format", format, "--as-of", AS_OF, "-o", "-"];
    args.extend_from_slice(period);
    run(&args)
}

fn counts(j: &serde_json::Value) -> Vec<(String, u64, u64)> {
    j["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (c["key"].as_str().unwrap().to_string(), c["current"].as_u64().unwrap(), c["previous"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn counts_of_the_quarter_and_the_one_before_are_right() {
    let r = review(&fixture("review"), "Globex", &["--quarter", "2026-Q3"], "json");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = json(&r.stdout);
    assert_eq!(j["period"]["since"], "2026-07-01");
    assert_eq!(j["previous"]["label"], "2026-Q2");
    let expected: Vec<(String, u64, u64)> = [
        ("meetings", 2, 2),
        ("decisions", 2, 2),
        ("facts", 1, 0),
        // Q3: hardware, notes, rollout; Q2: pilot plan, workshop booking.
        ("tasks_opened", 3, 2),
        // Q3: the workshop booking (done 07-02) and the notes; Q2: the pilot plan.
        ("tasks_completed", 2, 1),
        // Q3: the hardware (due 09-15, open); Q2: the booking, due 06-30 and done only in July.
        ("tasks_overdue", 1, 1),
        ("people_contacted", 2, 2),
        ("new_people", 1, 2),
        // Q3: Carol (last met in April); Dan is not counted before he was first met in October.
        ("not_contacted", 1, 0),
    ]
    .iter()
    .map(|(k, a, b)| (k.to_string(), *a, *b))
    .collect();
    assert_eq!(counts(&j), expected);
    let names = |key: &str| -> Vec<String> {
        j[key].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names("new_people"), ["Bob New"]);
    assert_eq!(names("not_contacted"), ["Carol Quiet"]);
}

#[test]
fn a_review_leaves_out_what_happened_outside_the_period() {
    for format in ["md", "json"] {
        let r = review(&fixture("review"), "Globex", &["--quarter", "2026-Q3"], format);
        assert_eq!(r.code, 0, "{}", r.stderr);
        for inside in ["Pilot in Frankfurt", "Add a second site", "Ship the pilot hardware", "The pilot has 40 users"] {
            assert!(r.stdout.contains(inside), "{format}: `{inside}` missing");
        }
        // Q2 and Q4 events: not in a Q3 review. (The Q2 kickoff note is a source all the
        // same: a task written there was completed in July.)
        for outside in
            ["Start with a pilot", "Price per TB", "Go to production", "Sign the order", "Order call", "Pricing call"]
        {
            assert!(!r.stdout.contains(outside), "{format}: `{outside}` is outside 2026-Q3");
        }
    }
}

#[test]
fn since_and_until_give_the_same_review_as_the_quarter() {
    let q = json(&review(&fixture("review"), "Globex", &["--quarter", "2026-Q3"], "json").stdout);
    let r =
        json(&review(&fixture("review"), "Globex", &["--since", "2026-07-01", "--until", "2026-09-30"], "json").stdout);
    assert_eq!(q, r);
    // Any other range compares with the days just before it.
    let r =
        json(&review(&fixture("review"), "Globex", &["--since", "2026-07-15", "--until", "2026-08-31"], "json").stdout);
    assert_eq!(r["previous"]["since"], "2026-05-28");
    assert_eq!(r["previous"]["until"], "2026-07-14");
    assert_eq!(counts(&r)[0], ("meetings".to_string(), 2, 0));
}

#[test]
fn a_period_not_over_is_counted_up_to_the_as_of_date() {
    // As of 2026-11-24 the order (due 11-30) is not overdue yet; the rollout plan (10-30) is.
    let j = json(&review(&fixture("review"), "Globex", &["--quarter", "2026-Q4"], "json").stdout);
    assert_eq!(j["period"]["counted_until"], AS_OF);
    let overdue: Vec<&str> =
        j["tasks_overdue"].as_array().unwrap().iter().map(|t| t["text"].as_str().unwrap()).collect();
    assert_eq!(overdue, ["Ship the pilot hardware", "Plan the Q4 rollout"]);
}

#[test]
fn bad_periods_are_usage_errors() {
    for period in [&["--quarter", "2026-Q5"][..], &["--since", "2026-09-30", "--until", "2026-07-01"], &[]] {
        let r = review(&fixture("review"), "Globex", period, "md");
        assert_eq!(r.code, 2, "{period:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn snapshots_of_the_fixture_review() {
    let md = review(&fixture("review"), "Globex", &["--quarter", "2026-Q3"], "md");
    insta::assert_snapshot!("review_globex_q3_md", md.stdout);
    let j = review(&fixture("review"), "Globex", &["--quarter", "2026-Q3"], "json");
    insta::assert_snapshot!("review_globex_q3_json", j.stdout);
}

#[test]
fn the_sample_account_reviews_in_every_format() {
    let md = review(&sample_vault(), "Microsoft", &["--quarter", "2026-Q3"], "md");
    assert_eq!(md.code, 0, "{}", md.stderr);
    insta::assert_snapshot!("review_microsoft_q3_md", md.stdout);
    let vault = sample_vault().display().to_string();
    let output = dossier()
        .args(["review", "Microsoft", "--quarter", "2026-Q3", "--vault", &vault, "--format", "pdf"])
        .args(["--as-of", AS_OF, "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = pdf_extract::extract_text_from_mem(&output.stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in ["Account review: Microsoft, 2026-Q3", "The period in numbers", "Buying roles", "Owen Brandt"] {
        assert!(text.contains(needle), "{needle} missing from the PDF");
    }
}

#[test]
fn people_met_with_no_note_are_counted_as_met() {
    let vault = sample_vault().display().to_string();
    let args = ["review", "Contoso Bank", "--since", "2026-11-01", "--until", "2026-12-31", "--as-of", "2026-12-05"];
    let r = run(&[&args[..], &["--vault", &vault, "--format", "json", "-o", "-"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = json(&r.stdout);
    let names = |key: &str| -> Vec<String> {
        j[key].as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap().to_string()).collect()
    };
    // The security review of 2026-12-02: three attendees with no note, none of them ours.
    assert_eq!(names("guests_met"), ["Kofi Mensah", "mira.chandra@contosobank.example", "Rune Olsen"]);
    assert_eq!(names("new_guests"), names("guests_met"));
    assert_eq!(j["guests_met"][2]["company"], "Contoso Bank", "by the customer's web site");
    // Before the meeting took place, nobody was met.
    let r = run(&[&args[..6], &["--as-of", "2026-11-24", "--vault", &vault, "--format", "json", "-o", "-"]].concat());
    assert!(json(&r.stdout)["guests_met"].as_array().unwrap().is_empty());
}

/// "No meetings in the period" speaks only of dated meetings: what could not be placed in
/// time is counted and said.
#[test]
fn what_has_no_date_is_said_and_not_counted_as_absent() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("review"), dir.path());
    std::fs::write(
        dir.path().join("Meetings/Globex sync.md"),
        "---\ntype: meeting\n---\n# Globex sync\n\nCustomer: [[Globex]]\n\n## Decisions\n\n- Keep the pilot small\n",
    )
    .unwrap();
    let r = review(dir.path(), "Globex", &["--quarter", "2026-Q1"], "md");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("_No meetings in the period._"), "{}", r.stdout);
    assert!(r.stdout.contains("1 of the account's meetings have no date"), "{}", r.stdout);
    assert!(r.stdout.contains("1 of the account's decisions carry no date"), "{}", r.stdout);
    let j = json(&review(dir.path(), "Globex", &["--quarter", "2026-Q1"], "json").stdout);
    assert_eq!((j["undated"]["meetings"].as_u64(), j["undated"]["decisions"].as_u64()), (Some(1), Some(1)));
    // The fixture as it is dates everything.
    let j = json(&review(&fixture("review"), "Globex", &["--quarter", "2026-Q3"], "json").stdout);
    assert_eq!(j["undated"], serde_json::json!({"meetings": 0, "decisions": 0, "facts": 0, "tasks": 0}));
}

/// The weekly activity adds up to the period's counts, week by week against the same week
/// of the period before.
#[test]
fn weeks_of_the_period_add_up_to_its_meetings() {
    let j = json(&review(&fixture("review"), "Globex", &["--quarter", "2026-Q3"], "json").stdout);
    let weeks = j["activity"].as_array().unwrap();
    assert_eq!(weeks.len(), 14, "92 days: 13 weeks and a day");
    assert_eq!(weeks[0]["since"], "2026-07-01");
    assert_eq!(weeks[13]["since"], "2026-09-30");
    let sum = |key: &str| weeks.iter().map(|w| w[key].as_u64().unwrap()).sum::<u64>();
    let held = counts(&j).into_iter().find(|(k, ..)| k == "meetings").expect("a meetings count");
    assert_eq!((sum("meetings"), sum("previous_meetings")), (held.1, held.2));
    assert!(sum("contacts") >= counts(&j).into_iter().find(|(k, ..)| k == "people_contacted").unwrap().1);
}

/// Each buying-role holder's strength week by week ends where the review's people table
/// stands: the same contacts, measured on the same last day.
#[test]
fn a_key_persons_strength_trend_ends_at_their_strength_in_the_review() {
    let j = json(&review(&fixture("review"), "Globex", &["--quarter", "2026-Q3"], "json").stdout);
    let trends = j["strength_trends"].as_array().unwrap();
    assert!(!trends.is_empty(), "the fixture has buying-role holders");
    for t in trends {
        let points = t["points"].as_array().unwrap();
        assert_eq!(points.len(), 14, "a point per week of the quarter");
        assert_eq!(points.last().unwrap()["date"], "2026-09-30");
        let person = j["people"].as_array().unwrap().iter().find(|p| p["path"] == t["path"]).expect("in the review");
        assert_eq!(points.last().unwrap()["score"], person["strength"]["score"], "{}", t["name"]);
        assert!(!person["buying_roles"].as_array().unwrap().is_empty());
    }
}
