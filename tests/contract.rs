//! The JSON contract (../shared/docs/contract.md): every key filled from the vault, and every
//! fact, decision and task traced to a line of a note that holds its text.

mod common;

use common::*;
use serde_json::Value;

fn brief_json(subject: &str) -> Value {
    let vault = sample_vault().display().to_string();
    let r = brief(&vault, subject, "json", &[]);
    assert_eq!(r.code, 0, "{subject}: {}", r.stderr);
    json(&r.stdout)
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().expect("object").keys().map(String::as_str).collect()
}

fn has_all(v: &Value, wanted: &[&str], what: &str) {
    let have = keys(v);
    for k in wanted {
        assert!(have.contains(k), "{what} lacks `{k}`: {v}");
    }
}

/// A line with link brackets and emphasis markers removed, for comparing with plain text.
fn plain_line(path: &str, line: u64) -> String {
    let text = std::fs::read_to_string(sample_vault().join(path)).expect("source note exists");
    let l = text.lines().nth(line as usize - 1).unwrap_or_else(|| panic!("{path} has no line {line}"));
    l.replace("[[", "").replace("]]", "").replace("**", "")
}

#[test]
fn every_item_cites_a_line_that_holds_it() {
    for subject in
        ["Microsoft", "AI caching strategy for MAI", "Contoso Bank", "Fabrikam Health", "Priya Raman", "Bifrost"]
    {
        let j = brief_json(subject);
        has_all(
            &j,
            &["subject", "as_of", "people", "decisions", "facts", "tasks", "meetings", "projects", "warnings"],
            "briefing",
        );
        has_all(&j["subject"], &["name", "kind", "path"], "subject");
        assert_eq!(j["as_of"], AS_OF);
        for p in j["people"].as_array().unwrap() {
            has_all(p, &["name", "role", "company", "location", "last_contact", "stale", "path", "side"], "person");
            assert!(["ours", "theirs", "unknown"].contains(&p["side"].as_str().unwrap()));
            assert!(sample_vault().join(p["path"].as_str().unwrap()).is_file());
        }
        for (list, fields) in [
            ("decisions", &["text", "date", "source"][..]),
            ("facts", &["text", "source"][..]),
            ("tasks", &["text", "done", "due", "owner", "source"][..]),
        ] {
            for item in j[list].as_array().unwrap() {
                has_all(item, fields, list);
                let text = item["text"].as_str().unwrap();
                assert!(!text.contains("[["), "{list} text keeps link syntax: {text}");
                let sources = item["sources"].as_array().cloned().unwrap_or_else(|| vec![item["source"].clone()]);
                assert_eq!(sources[0], item["source"], "source is the first of sources");
                for s in &sources {
                    let line = plain_line(s["path"].as_str().unwrap(), s["line"].as_u64().unwrap());
                    let head: String = text.chars().take(24).collect();
                    assert!(line.contains(head.trim()), "{subject}: {list} `{text}` not on {s}: {line}");
                }
            }
        }
        for m in j["meetings"].as_array().unwrap() {
            has_all(m, &["title", "date", "path"], "meeting");
        }
        for p in j["projects"].as_array().unwrap() {
            has_all(p, &["name", "path"], "project");
        }
        for w in j["warnings"].as_array().unwrap() {
            has_all(w, &["path", "line", "message"], "warning");
        }
    }
}

#[test]
fn the_same_fact_in_several_notes_appears_once_with_every_source() {
    let j = brief_json("Microsoft");
    let facts: Vec<&Value> = j["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["text"].as_str().unwrap().starts_with("MAI plans for roughly 400k GPUs"))
        .collect();
    assert_eq!(facts.len(), 1);
    let sources: Vec<String> = facts[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{}:{}", s["path"].as_str().unwrap(), s["line"]))
        .collect();
    assert_eq!(sources, ["Customers/Microsoft.md:21", "People/Priya Raman.md:58"]);
    // A decision written with a date and a ✅ in one note and bare in another is one decision.
    let decisions: Vec<&Value> = j["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["text"].as_str().unwrap().starts_with("Evaluate the OpenAI cache first"))
        .collect();
    assert_eq!(decisions.len(), 1, "{decisions:?}");
    assert_eq!(decisions[0]["date"], "2026-09-03");
    assert_eq!(decisions[0]["sources"].as_array().unwrap().len(), 2);
}

#[test]
fn sides_and_how_they_were_decided() {
    let j = brief_json("Microsoft");
    let side = |name: &str| {
        j["people"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{name} missing"))
            ["side"]
            .clone()
    };
    assert_eq!(side("Dana Whitfield"), "theirs");
    assert_eq!(side("Priya Raman"), "ours");
    assert!(j["home"]["basis"].as_str().unwrap().starts_with("inferred: VAST Data is the most common Company"));

    // A configured home organisation wins, and the report says so.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("dossier.toml");
    std::fs::write(&config, "home-organization = \"Microsoft\"\n").unwrap();
    let vault = sample_vault().display().to_string();
    let r = brief(&vault, "Contoso Bank", "json", &["--config", &config.display().to_string()]);
    let j = json(&r.stdout);
    assert!(j["home"]["basis"].as_str().unwrap().starts_with("configured"), "{}", j["home"]);
    let people = j["people"].as_array().unwrap();
    let by_company = |c: &str| people.iter().filter(|p| p["company"] == c).collect::<Vec<_>>();
    assert!(by_company("VAST Data").iter().all(|p| p["side"] == "theirs"), "{people:?}");
    // Microsoft's people have nothing to do with Contoso, whichever side is ours.
    assert!(by_company("Microsoft").is_empty(), "{people:?}");
}

#[test]
fn tasks_are_found_by_link_name_and_handle_and_placed_in_time() {
    let j = brief_json("Microsoft");
    let task = |start: &str| {
        j["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["text"].as_str().unwrap().starts_with(start))
            .unwrap_or_else(|| panic!("no task starting {start}: {}", j["tasks"]))
            .clone()
    };
    // By @Handle of a customer-side person, in a daily note that is not otherwise about Microsoft.
    let t = task("Ask @DanaWhitfield");
    assert_eq!(t["owner"], "Dana Whitfield");
    assert_eq!(t["source"]["path"], "Daily/2026-11-18.md");
    // By plain name.
    assert_eq!(task("Read the Bifrost design doc")["source"]["path"], "Daily/2026-11-20.md");
    // Dataview inline due date; overdue against --as-of.
    assert_eq!(task("Ask Peter Sato for the written scope")["due"], "2026-12-05");
    assert_eq!(task("Marcus Hale to confirm")["overdue"], true);
    assert_eq!(task("Marcus Hale to confirm")["owner"], "Marcus Hale");
    // The same daily note's task about another customer stays out.
    assert!(!j["tasks"].as_array().unwrap().iter().any(|t| t["text"].as_str().unwrap().contains("Contoso")));
}
