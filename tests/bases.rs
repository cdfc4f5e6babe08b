//! Obsidian Bases (#15): `.base` files, ```` ```base ```` blocks and `![[X.base#View]]` embeds
//! answered as Obsidian shows them, against `tests/fixtures/bases` (a small account vault in
//! the shape of kepano's template: `categories`, `org`, `people` as links) and kepano's own
//! vault in `../shared/corpora`.

mod common;

use common::*;

fn vault() -> String {
    fixture("bases").display().to_string()
}

/// `dossier query --base BASE [--this NOTE]`, rows as cells joined with " | ".
fn rows(base: &str, this: Option<&str>) -> Vec<String> {
    let v = vault();
    let mut args = vec!["query", "--base", base, "--vault", &v, "--as-of", AS_OF, "--format", "json"];
    if let Some(t) = this {
        args.extend(["--this", t]);
    }
    let r = run(&args);
    assert_eq!(r.code, 0, "{base}: {}", r.stderr);
    let j = json(&r.stdout);
    j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|c| match c {
                    serde_json::Value::Object(o) => o["display"].as_str().unwrap_or("?").to_string(),
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|i| i["display"].as_str().map_or(i.to_string(), str::to_string))
                        .collect::<Vec<_>>()
                        .join(", "),
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => "-".into(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

#[test]
fn views_filter_sort_group_and_limit_as_obsidian_shows_them() {
    let cases: &[(&str, &str, Option<&str>, &[&str])] = &[
        (
            "the base's filters; a template is left out by its name; sort DESC; a formula",
            "Meetings.base#All",
            None,
            &[
                "2026-11-20 Globex intro | 2026-11-20 | intro | 1",
                "2026-11-05 Pricing | 2026-11-05 | negotiation | 1",
                "2026-10-02 Kickoff | 2026-10-02 | kickoff | 2",
            ],
        ),
        (
            "list(people).contains(this): the meetings of the note that embeds it",
            "Meetings.base#Person",
            Some("Ann Lee"),
            &["2026-10-02 Kickoff | 2026-10-02 | kickoff", "2026-11-05 Pricing | 2026-11-05 | negotiation"],
        ),
        (
            "a single link (not a list) is a list of one",
            "Meetings.base#Person",
            Some("Cy Diaz"),
            &["2026-11-20 Globex intro | 2026-11-20 | intro"],
        ),
        (
            "a view for a company, from a company",
            "Meetings.base#Company",
            Some("Globex"),
            &["2026-11-20 Globex intro | 2026-11-20 | Cy Diaz"],
        ),
        (
            "groupBy: the group's key first, groups in its direction",
            "Meetings.base#By month",
            None,
            &["11 | 2026-11-05 Pricing", "11 | 2026-11-20 Globex intro", "10 | 2026-10-02 Kickoff"],
        ),
        (
            "limit after sort; a cards view shows its properties as a table",
            "Meetings.base#Latest",
            None,
            &["2026-11-20 Globex intro | 2026-11-20"],
        ),
        ("or: a tag or an earlier date", "Meetings.base#Tagged", None, &["2026-10-02 Kickoff", "2026-11-05 Pricing"]),
        ("not: none of them holds", "Meetings.base#Not Acme", None, &["2026-11-20 Globex intro"]),
        (
            "summaries in a last row, under their columns",
            "Meetings.base#Totals",
            None,
            &[
                "2026-10-02 Kickoff | 2026-10-02 | kickoff | 2",
                "2026-11-05 Pricing | 2026-11-05 | negotiation | 1",
                "2026-11-20 Globex intro | 2026-11-20 | intro | 1",
                "Summary | Earliest: 2026-10-02 | Unique: 3 | Average: 1.33",
            ],
        ),
        (
            "a formula the base lost is empty, as Obsidian shows it",
            "Meetings.base#Gone formula",
            None,
            &["2026-10-02 Kickoff | -"],
        ),
        (
            "no view named: the first; dates, text and links in formulas; if()",
            "People.base",
            None,
            &[
                "Ann Lee | 46 | CTO at Acme | yes",
                "Bo Park | 34 | Head of Data at Acme | no",
                "Cy Diaz | - | Buyer at Globex | yes",
            ],
        ),
        (
            "a list's map, filter and reduce (value, index, acc); not() and empty(); isType; \
             a date minus a duration written as text; an old base's sort `column`",
            "People.base#Lists",
            None,
            &[
                "Cy Diaz | GLOBEX | true | 1 | 11 | 2026-11-24",
                "Bo Park | ACME | false | 0 | 0 | 2026-11-24",
                "Ann Lee | ACME | true | 0 | 8 | 2026-11-24",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (checks, base, this, expected) in cases {
        let got = rows(base, *this);
        if got != *expected {
            failures.push(format!("{checks}: {base}\n    expected {expected:?}\n    got      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn what_a_base_cannot_show_is_said_with_the_reason() {
    let v = vault();
    for (base, why) in [
        ("Meetings.base#Where", "map views are not drawn"),
        ("Meetings.base#Broken", "the function `frobnicate(string)` is not evaluated"),
        ("Meetings.base#Nowhere", "no view named \"Nowhere\""),
        ("Meetings.base#Own summary", "the base's own summary `Weighted` is not evaluated"),
        ("Broken.base", "not valid YAML"),
        ("Missing.base", "no base file Missing.base"),
    ] {
        let r = run(&["query", "--base", base, "--vault", &v]);
        assert_eq!(r.code, 2, "{base}: {}", r.stdout);
        assert!(r.stderr.contains(why), "{base}: {}", r.stderr);
    }
}

#[test]
fn a_briefing_answers_the_bases_its_note_embeds_and_holds() {
    let r = brief(vault(), "Acme", "json", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = json(&r.stdout);
    let queries = j["queries"].as_array().unwrap();
    assert_eq!(queries.len(), 2, "{queries:#?}");
    // The ```base block under "People", then the embed under "Meetings", in note order.
    assert_eq!(queries[0]["language"], "base");
    assert_eq!(queries[0]["heading"], "People");
    assert_eq!(queries[0]["headers"], serde_json::json!(["file name", "Role"]));
    let names: Vec<&str> =
        queries[0]["rows"].as_array().unwrap().iter().map(|r| r[0]["text"].as_str().unwrap()).collect();
    assert_eq!(names, ["Bo Park", "Ann Lee"]);
    assert_eq!(queries[1]["query"], "![[Meetings.base#Company]]");
    assert_eq!(queries[1]["source"]["line"], 31);
    assert_eq!(queries[1]["rows"].as_array().unwrap().len(), 2);
    // The Markdown shows the tables, and says where each base is.
    let md = brief(vault(), "Ann Lee", "md", &[]);
    // The embed is quoted as text (escaped), so that the report embeds nothing itself.
    assert!(md.stdout.contains(r"!\[\[Meetings.base\#Person\]\]"), "{}", md.stdout);
    assert!(md.stdout.contains("| Meeting | Date | type |"), "{}", md.stdout);
    // `check` names the bases the vault cannot answer, with the reason.
    let check = run(&["check", "--vault", &vault()]);
    assert!(!check.stdout.contains("Base ![[Meetings.base#Person]] not evaluated"), "{}", check.stdout);
}

/// kepano's vault: every base its notes embed is answered, except its map views (which a
/// report does not draw) — and those are said so.
#[test]
fn kepanos_vault_bases_are_answered() {
    let root = shared().join("corpora/kepano-obsidian");
    let r = run(&["check", "--vault", &root.display().to_string()]);
    let refused: Vec<&str> = r.stdout.lines().filter(|l| l.contains("Base ") && l.contains("not evaluated")).collect();
    assert!(!refused.is_empty());
    for line in &refused {
        assert!(line.contains("Map.base") && line.contains("map views are not drawn"), "{line}");
    }
    let steph = brief(&root, "Steph Ango", "json", &[]);
    assert_eq!(steph.code, 0, "{}", steph.stderr);
    let j = json(&steph.stdout);
    let meetings = j["queries"].as_array().unwrap().iter().find(|q| q["query"] == "![[Meetings.base#Person]]").unwrap();
    assert_eq!(meetings["rows"][0][0]["text"], "2023-09-12 Meeting with Steph");
}

/// Every view of every `.base` file in the public vaults is answered (or, for a map view,
/// refused as one): the corpora's bases use nothing dossier does not evaluate.
#[test]
fn every_view_of_the_corpora_bases_is_answered() {
    let corpora = shared().join("corpora");
    let mut answered = 0;
    for vault in std::fs::read_dir(&corpora).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        let walked = dossier::vault::walk::markdown_files(&vault, false);
        for base in &walked.bases {
            let text = std::fs::read_to_string(vault.join(&base.relative_os)).unwrap();
            let parsed = dossier::bases::read(&text).unwrap_or_else(|e| panic!("{}: {e}", base.relative));
            for view in &parsed.views {
                let name = view.name.clone().unwrap_or_default();
                let arg = format!("{}#{name}", base.relative);
                let r = run(&["query", "--base", &arg, "--vault", &vault.display().to_string(), "--as-of", AS_OF]);
                if view.kind == "map" {
                    assert!(r.stderr.contains("map views are not drawn"), "{arg}: {}", r.stderr);
                } else {
                    assert_eq!(r.code, 0, "{}: {arg}: {}", vault.display(), r.stderr);
                    answered += 1;
                }
            }
        }
    }
    assert!(answered >= 60, "{answered} views answered");
}
