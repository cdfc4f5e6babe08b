//! End-to-end: vaults written in other people's conventions (one fixture per way of writing
//! "works at", "attended", "when"), read as a reader of those notes would read them — and the
//! public vaults in ../shared/corpora, whose counts were checked by reading their notes.

mod common;

use std::collections::BTreeMap;

use common::*;

/// The rows of a `dossier list` table, each a map from column to cell.
fn table(vault: &str, what: &str) -> Vec<BTreeMap<String, String>> {
    let r = run(&["list", what, "--vault", vault, "--as-of", AS_OF, "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.lines();
    let head = lines.next().unwrap_or_default();
    // Columns start where a header word starts after two spaces (or at 0).
    let starts: Vec<usize> = head
        .char_indices()
        .filter(|(i, c)| *c != ' ' && (*i == 0 || head[..*i].ends_with("  ")))
        .map(|(i, _)| i)
        .collect();
    let cell = |line: &str, k: usize| -> String {
        let chars: Vec<char> = line.chars().collect();
        let head_chars: Vec<char> = head.chars().collect();
        // Cells are padded by characters, not bytes: map the header's byte starts to chars.
        let to_char = |byte: usize| head[..byte].chars().count();
        let from = to_char(starts[k]);
        let to = starts.get(k + 1).map_or(chars.len().max(head_chars.len()), |&s| to_char(s));
        chars
            .get(from..to.min(chars.len()))
            .map(|c| c.iter().collect::<String>())
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let names: Vec<String> = (0..starts.len()).map(|k| cell(head, k)).collect();
    lines.map(|l| names.iter().enumerate().map(|(k, n)| (n.clone(), cell(l, k))).collect()).collect()
}

/// (role, company) of every person listed.
fn people(vault: &str) -> BTreeMap<String, (String, String)> {
    table(vault, "people")
        .into_iter()
        .map(|r| (r["PERSON"].clone(), (r["ROLE"].clone(), r["COMPANY"].clone())))
        .collect()
}

/// (date, attendee count) of every meeting listed.
fn meetings(vault: &str) -> BTreeMap<String, (String, String)> {
    table(vault, "meetings")
        .into_iter()
        .map(|r| (r["MEETING"].clone(), (r["DATE"].clone(), r["ATTENDEES"].clone())))
        .collect()
}

fn vault(name: &str) -> String {
    fixture(name).display().to_string()
}

fn pairs(list: &[(&str, &str, &str)]) -> BTreeMap<String, (String, String)> {
    list.iter().map(|(n, a, b)| (n.to_string(), (a.to_string(), b.to_string()))).collect()
}

#[test]
fn dataview_inline_fields_in_all_three_forms() {
    let v = vault("conventions-inline-fields");
    assert_eq!(
        people(&v),
        pairs(&[
            ("Ann Lee", "CEO", "Acme"),
            ("Bo Park", "Head of Platform", "Acme"),
            ("Cy Moss", "Account Executive", "Northwind"),
        ])
    );
    assert_eq!(meetings(&v), pairs(&[("Acme follow-up", "2023-03-15", "3"), ("Acme kickoff", "2023-03-01", "3")]));
    // The customer's brief lists its people, and names ours as ours.
    let r = brief(&v, "Acme", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = json["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for name in ["Ann Lee", "Bo Park", "Cy Moss"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
}

#[test]
fn a_link_inside_a_bracketed_inline_field_is_a_link_of_the_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Only fields.md"), "- [participants:: [[A]], [[B]] ]\n").unwrap();
    std::fs::write(dir.path().join("Round.md"), "Met (attendee:: [[B]]) today.\n").unwrap();
    let v = dir.path().display().to_string();
    let r = run(&["query", "TABLE file.outlinks SORT file.name ASC", "--vault", &v, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    // Each row: the note, then its outlinks.
    let outlinks = |note: &str| -> Vec<String> {
        let row = json["rows"].as_array().unwrap().iter().find(|row| row[0]["display"] == note).expect("listed");
        row[1].as_array().unwrap().iter().map(|l| l["display"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(outlinks("Only fields"), ["A", "B"]);
    assert_eq!(outlinks("Round"), ["B"]);
}

#[test]
fn keys_in_other_cases_spellings_and_languages() {
    let v = vault("conventions-key-spellings");
    assert_eq!(
        people(&v),
        pairs(&[
            ("Claire Martin", "Directrice financière", "Globex"),
            ("Greta Vogel", "Einkaufsleiterin", "Globex"),
            ("Hank Scorpio", "Chief Executive", "Globex"),
            ("Lucía Gómez", "Directora de TI", "Initech"),
            ("Lumbergh", "Division VP", "Initech"),
            ("Marge Dole", "VP Engineering", "Globex"),
            ("Milton Waddams", "Collator", "Initech"),
        ])
    );
    assert_eq!(meetings(&v), pairs(&[("Globex pricing call", "2023-05-02", "2")]));
    let r = brief(&v, "Globex", "json", &[]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let hank = json["people"].as_array().unwrap().iter().find(|p| p["name"] == "Hank Scorpio").unwrap();
    assert_eq!(hank["email"], "hank@globex.example", "{hank:#}");
}

#[test]
fn kepano_categories_org_and_people() {
    let v = vault("conventions-kepano");
    assert_eq!(
        people(&v),
        pairs(&[("Steph Ango", "Designer", "Acme Corp"), ("Tom Field", "Engineering Manager", "Acme Corp")])
    );
    assert_eq!(meetings(&v), pairs(&[("2023-09-12 Meeting with Steph", "2023-09-12", "2")]));
    // The company's brief lists its people (with no home organisation set, the most common
    // company is taken as ours: here the only one).
    let r = brief(&v, "Acme Corp", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = json["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Steph Ango", "Tom Field"]);
    // The templates folder (found by its name) holds no person and no meeting.
    let counts = run(&["list", "--vault", &v]);
    assert!(counts.stdout.contains("people     2") && counts.stdout.contains("meetings   1"), "{}", counts.stdout);
}

#[test]
fn kinds_from_tags_and_folders_written_otherwise() {
    let v = vault("conventions-tags-folders");
    assert_eq!(
        people(&v),
        pairs(&[
            ("Ivy Chen", "Head of Research", "Umbrella"),
            ("Jonas Berg", "Laborleiter", "Umbrella"),
            ("Kim Lo", "Procurement lead", "Umbrella"),
            ("Raj Iyer", "CTO", "Soylent"),
        ])
    );
    assert_eq!(
        meetings(&v),
        pairs(&[
            ("2024-02-08 Umbrella lab tour", "2024-02-08", "2"),
            ("2024-02-15 Soylent intro", "2024-02-15", "1"),
            ("2024-02-22 Umbrella pricing", "2024-02-22", "2"),
            ("Weekly sync with Ivy", "2024-02-01", "2"),
        ])
    );
    let customers: Vec<String> = table(&v, "customers").into_iter().map(|r| r["CUSTOMER"].clone()).collect();
    assert_eq!(customers, ["Soylent", "Umbrella"]);
}

#[test]
fn meeting_dates_in_file_names() {
    let v = vault("conventions-file-dates");
    assert_eq!(
        meetings(&v),
        pairs(&[
            ("2022-10-10_0937", "2022-10-10", "2"),
            ("2024.06.14 Sync", "2024-06-14", "1"),
            ("Badge rollout", "2024-07-01", "1"),
            ("Budget 9999", "undated", "1"),
            ("Meeting - 2024-06-14 2247", "2024-06-14", "1"),
            ("MoM 20230301", "2023-03-01", "1"),
        ])
    );
    let r = run(&["check", "--vault", &v]);
    assert!(
        r.stdout.contains(
            "Meetings/MoM 20230301.md:1: note: meeting date 2023-03-01 read from the file name (no date field)"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Meetings/Badge rollout.md:2: note: meeting date 2024-07-01 read from `created`"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Meetings/Budget 9999.md:1: note: meeting has no date"), "{}", r.stdout);
}

#[test]
fn templates_are_no_people_meetings_or_customers() {
    let v = vault("conventions-templates");
    assert_eq!(people(&v), pairs(&[("Pia Holt", "CIO", "Cyberdyne")]));
    assert_eq!(meetings(&v), pairs(&[("2025-01-10 Cyberdyne intro", "2025-01-10", "1")]));
    let customers: Vec<String> = table(&v, "customers").into_iter().map(|r| r["CUSTOMER"].clone()).collect();
    assert_eq!(customers, ["Cyberdyne"]);
    let r = run(&["check", "--vault", &v]);
    assert!(
        r.stdout.contains("templates: Blueprints, Templater (named in .obsidian/templates.json and .obsidian/plugins/templater-obsidian/data.json): its 3 notes are of no kind"),
        "{}",
        r.stdout
    );
    // A template is still a note: a link to it resolves.
    assert!(!r.stdout.contains("Meeting Template"), "{}", r.stdout);
}

#[test]
fn titles_label_lines_and_organizers() {
    let v = vault("conventions-labels");
    assert_eq!(
        people(&v),
        pairs(&[
            ("Jane Roe", "Paramedic", "Metro Health"),
            ("Pat Lee", "Solutions Engineer", "Northwind"),
            ("Rob Stark", "Chief Medical Officer", "Metro Health"),
        ])
    );
    assert_eq!(meetings(&v), pairs(&[("Quarterly sync", "2024-09-05", "3")]));
    // Named by the file name, not by `title: Paramedic`.
    let r = brief(&v, "Jane Roe", "md", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Jane Roe"), "{}", r.stdout);
    assert!(!r.stdout.contains("Briefing: Paramedic"), "{}", r.stdout);
    // A title that spells the name otherwise is an alias.
    assert_eq!(brief(&v, "Dr. Rob Stark", "json", &[]).code, 0);
    // `Customer: ORDA` names the customer; its brief holds the meeting.
    let r = brief(&v, "ORDA", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Quarterly sync"), "{}", r.stdout);
    // The meeting's prep knows who is in the room.
    let r = run(&["meeting", "Quarterly sync", "--vault", &v, "--as-of", AS_OF, "--format", "json", "-o", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in ["Jane Roe", "Rob Stark", "Pat Lee"] {
        assert!(r.stdout.contains(name), "{name} not in the room: {}", r.stdout);
    }
}

#[test]
fn schema_shows_the_fields_and_proposes_a_mapping() {
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in ["Ann", "Bo", "Cy"].iter().enumerate() {
        let text = format!("---\ntype: person\nArbeitgeber: \"[[Acme]]\"\nrole: R{i}\n---\n");
        std::fs::write(dir.path().join(format!("{name}.md")), text).unwrap();
    }
    std::fs::write(dir.path().join("Acme.md"), "---\ntype: customer\n---\n").unwrap();
    std::fs::write(dir.path().join("Dee.md"), "---\ntype: person\ncompany: Acme\norg: Globex\n---\n").unwrap();
    let v = dir.path().display().to_string();
    let r = run(&["schema", "--kind", "person", "--vault", &v]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("schema_person", r.stdout);
    let r = run(&["schema", "--toml", "--vault", &v]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("schema_toml", r.stdout);
    // What it proposes, put in dossier.toml, reads the vault as proposed.
    std::fs::write(dir.path().join("dossier.toml"), &r.stdout).unwrap();
    assert_eq!(people(&v)["Ann"], ("R0".to_string(), "Acme".to_string()));
    let r = run(&["check", "--vault", &v]);
    assert!(!r.stdout.contains("unknown configuration key"), "{}", r.stdout);
}

/// People with a company and meetings with a date in each public vault: the counts a reader
/// finds in its notes (read one by one; see the comments). Templates count for nothing.
#[test]
fn public_vaults_read_as_their_owners_write_them() {
    let corpora = shared().join("corpora");
    if !corpora.is_dir() {
        eprintln!("skipped: {} not found", corpora.display());
        return;
    }
    // (vault, people with a company, people with a role, meetings with a date, meetings with attendees)
    let expected = [
        // Templates and guides only: nobody, no meeting.
        ("awarded-obsidian", 0, 0, 0, 0),
        // Nine team/ notes with `role:`; four name a client as `company:`; the consultancy's own
        // five do not name it. Meetings are timed bullets in daily notes, not notes.
        ("flywheel-carter", 4, 9, 0, 0),
        // Alex Chen and Jamie Patel: `role:`, their company only in prose ("CEO of
        // [[MetricFlow]]"). Two meeting notes, dated, with `Attendees:` lines and lists.
        ("flywheel-startup", 0, 2, 2, 2),
        // Two people with `role:` and no company; one 1:1 dated, its people as slugs
        // (`manager: sarah-chen`), not attendees.
        ("hivemind-people", 0, 2, 1, 0),
        // Steph Ango (`org: [[Obsidian]]`), Kevin Kelly and Paul Chambers (no org, no role:
        // their `type` is Authors, Musicians); the one meeting with `people: [[Steph Ango]]`.
        ("kepano-obsidian", 1, 0, 1, 1),
        // No person notes outside Templates; the example meeting's four attendees have no
        // notes: they are in the room as people not in the vault.
        ("luke-work-vault", 0, 0, 1, 1),
        ("obsidian-tasks-docs", 0, 0, 0, 0),
        // @Jane Doe (a Team, no company or role) and @Me; the example meeting with both.
        ("obsidianos-work", 0, 0, 1, 1),
        ("tasks-demo", 0, 0, 0, 0),
    ];
    for (name, company, role, dated, attended) in expected {
        let v = corpora.join(name).display().to_string();
        let people = table(&v, "people");
        let meetings = table(&v, "meetings");
        let filled = |rows: &[BTreeMap<String, String>], col: &str| {
            rows.iter().filter(|r| !matches!(r[col].as_str(), "" | "—" | "0" | "undated")).count()
        };
        assert_eq!(
            (
                filled(&people, "COMPANY"),
                filled(&people, "ROLE"),
                filled(&meetings, "DATE"),
                filled(&meetings, "ATTENDEES")
            ),
            (company, role, dated, attended),
            "{name}: people {people:#?} meetings {meetings:#?}"
        );
    }
}

/// A meeting is named by its `title` property when it has one (a person is not: there it may
/// be the job title), and can be asked for by it.
#[test]
fn a_meeting_title_property_names_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("Meetings")).unwrap();
    std::fs::write(
        dir.path().join("Meetings/meeting-note.md"),
        "---\ntitle: \"API Migration Planning\"\ndate: 2026-03-18\ntype: meeting\nattendees: [Sarah Chen]\n---\n# API Migration Planning\n",
    )
    .unwrap();
    let vault = dir.path().display().to_string();
    let listed = run(&["list", "meetings", "--vault", &vault, "-q"]);
    assert!(listed.stdout.contains("2026-03-18  API Migration Planning  1"), "{}", listed.stdout);
    let r = run(&["meeting", "API Migration Planning", "--vault", &vault, "--as-of", "2026-03-17", "-o", "-", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# Meeting briefing: API Migration Planning"), "{}", r.stdout);
}
