//! End-to-end: `dossier map`, the stakeholder map, in all six formats.

mod common;

use common::*;
use graphviz_rust::dot_structures::{Graph, Stmt};

/// Node statements of a parsed DOT graph, in clusters too.
fn count_nodes(stmts: &[Stmt]) -> usize {
    stmts
        .iter()
        .map(|s| match s {
            Stmt::Node(_) => 1,
            Stmt::Subgraph(g) => count_nodes(&g.stmts),
            _ => 0,
        })
        .sum()
}

fn map(vault: &std::path::Path, subject: &str, format: &str) -> Run {
    let vault = vault.display().to_string();
    run(&["map", subject, "--vault", &vault, "--format", format, "--as-of", AS_OF, "-o", "-"])
}

#[test]
fn markdown_map_of_the_sample_customer() {
    let r = map(&sample_vault(), "Microsoft", "md");
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("map_microsoft_md", r.stdout);
}

#[test]
fn json_mermaid_and_dot_of_the_fixture_account() {
    for format in ["json", "mermaid", "dot"] {
        let r = map(&fixture("review"), "Globex", format);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        insta::assert_snapshot!(format!("map_globex_{format}"), r.stdout);
    }
}

#[test]
fn groups_are_org_charts_and_the_status_line_names_the_roles() {
    let j = json(&map(&sample_vault(), "Microsoft", "json").stdout);
    let microsoft = &j["groups"][0];
    assert_eq!(microsoft["company"], "Microsoft");
    assert_eq!(microsoft["side"], "theirs");
    let members = microsoft["members"].as_array().unwrap();
    let at = |name: &str| members.iter().position(|m| m["name"] == name).unwrap();
    // Dana and Grace report to Owen: they follow him, one level down.
    assert!(at("Owen Brandt") < at("Dana Whitfield") && at("Owen Brandt") < at("Grace Liu"));
    assert_eq!(members[at("Dana Whitfield")]["depth"], 1);
    assert_eq!(members[at("Owen Brandt")]["depth"], 0);
    let status = j["status_line"].as_str().unwrap();
    assert!(status.contains("Economic buyer: Owen Brandt (known by Elena Sorensen"), "{status}");
    assert!(status.contains("not covered: coach, blocker"), "{status}");
    let kinds: Vec<&str> = j["edges"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for kind in ["reports-to", "dotted-line", "met", "owner"] {
        assert!(kinds.contains(&kind), "no {kind} edge in {kinds:?}");
    }
}

#[test]
fn a_planned_meeting_is_not_a_shared_meeting_yet() {
    // Elena meets Peter for the first time on 2026-11-26.
    let j = json(&map(&sample_vault(), "Microsoft", "json").stdout);
    let met = j["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "met" && e["from_name"] == "Elena Sorensen" && e["to_name"] == "Peter Sato");
    assert!(!met, "a meeting after --as-of counted as met");
}

#[test]
fn dot_output_parses_and_holds_one_node_per_person_whatever_the_names() {
    for (vault, subject) in [(sample_vault(), "Microsoft"), (fixture("hostile-text"), "Initech")] {
        let r = map(&vault, subject, "dot");
        assert_eq!(r.code, 0, "{}", r.stderr);
        let graph = graphviz_rust::parse(&r.stdout).unwrap_or_else(|e| panic!("{subject}: not DOT: {e}\n{}", r.stdout));
        let j = json(&map(&vault, subject, "json").stdout);
        let people = j["people"].as_array().unwrap().len();
        let stmts = match &graph {
            Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. } => stmts,
        };
        assert_eq!(count_nodes(stmts), people, "{subject}:\n{}", r.stdout);
    }
}

#[test]
fn mermaid_labels_cannot_add_syntax() {
    let r = map(&fixture("hostile-text"), "Initech", "mermaid");
    assert_eq!(r.code, 0, "{}", r.stderr);
    for line in r.stdout.lines().skip(1) {
        let line = line.trim();
        let ok = line == "end"
            || (line.starts_with("subgraph g") && line.ends_with("\"]"))
            || (line.starts_with('p') && line.contains("[\"") && line.ends_with("\"]"))
            || line.starts_with("style p")
            || (line.starts_with('p') && line.contains("-->|reports to|"));
        assert!(ok, "unexpected Mermaid line: {line}");
        // Inside a label, only the template's own `<br/>` and `<small>` tags.
        let inner = line.replace("<br/>", "").replace("<small>", "").replace("</small>", "");
        assert!(!inner.contains('<') && inner.matches('"').count() <= 2, "label escaped its quotes: {line}");
    }
    let md = map(&fixture("hostile-text"), "Initech", "md");
    // One fence opens the diagram and one closes it: a note's ``` cannot end it early.
    assert_eq!(md.stdout.matches("```").count(), 2, "{}", md.stdout);
}

#[test]
fn pdf_and_svg_come_from_the_map_template() {
    let vault = sample_vault().display().to_string();
    let pdf = dossier()
        .args(["map", "Microsoft", "--vault", &vault, "--format", "pdf", "--as-of", AS_OF, "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(pdf.status.code(), Some(0), "{}", String::from_utf8_lossy(&pdf.stderr));
    let text = pdf_extract::extract_text_from_mem(&pdf.stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in ["Stakeholder map: Microsoft", "Owen Brandt", "Who knows whom", "GREEN"] {
        assert!(text.contains(needle), "{needle} missing from the PDF");
    }
    let svg = map(&sample_vault(), "Microsoft", "svg");
    assert_eq!(svg.code, 0, "{}", svg.stderr);
    assert!(svg.stdout.starts_with("<svg") && svg.stdout.trim_end().ends_with("</svg>"));
    assert_eq!(svg.stdout, map(&sample_vault(), "Microsoft", "svg").stdout, "same input, same SVG");
}

#[test]
fn diagram_formats_are_for_the_map_only() {
    for format in ["svg", "dot", "mermaid"] {
        let r = brief(sample_vault(), "Microsoft", format, &[]);
        assert_eq!(r.code, 2, "{format}");
        assert!(r.stderr.contains("are for `dossier map`"), "{}", r.stderr);
    }
}

/// People met with no note are on the map's page (not on the chart), once each, and only
/// from meetings already held.
#[test]
fn guests_met_without_a_note_are_listed_beside_the_chart() {
    let vault = fixture("meeting-guests").display().to_string();
    let args = |as_of| ["map", "Customer Co", "--vault", &vault, "--format", "json", "--as-of", as_of, "-o", "-"];
    let j = json(&run(&args("2026-12-01")).stdout);
    let guests: Vec<(&str, u64)> = j["guests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["name"].as_str().unwrap(), g["meetings"].as_u64().unwrap()))
        .collect();
    // Nate Sawyer's address is ours: he is not listed.
    assert_eq!(guests, [("Drew Kim", 1), ("twright@customer.example", 1)]);
    assert_eq!(j["guests"][1]["company"], "Customer Co");
    assert_eq!(j["guests"][1]["last_met"], "2026-11-27");
    // Before the meeting, no one was met in it.
    let j = json(&run(&args("2026-11-26")).stdout);
    assert!(j["guests"].as_array().unwrap().is_empty(), "{}", j["guests"]);
}

/// The power/interest grid places each person by the influence and disposition their note
/// gives, and names those it cannot place instead of guessing (our own people need neither).
#[test]
fn the_power_interest_grid_places_people_as_their_notes_say() {
    let j = json(&map(&sample_vault(), "Microsoft", "json").stdout);
    let grid = &j["grid"];
    assert_eq!(grid["influence"], serde_json::json!(["high", "medium", "low"]));
    assert_eq!(grid["disposition"], serde_json::json!(["mentor", "supporter", "neutral", "sceptic", "blocker"]));
    let at = |name: &str| {
        grid["cells"].as_array().unwrap().iter().find_map(|c| {
            c["people"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == name)
                .then(|| (c["row"].clone(), c["column"].clone()))
        })
    };
    assert_eq!(at("Owen Brandt"), Some((0.into(), 2.into())), "high influence, neutral");
    assert_eq!(at("Peter Sato"), Some((1.into(), 3.into())), "medium influence, sceptic");
    assert_eq!(at("Lukas Nowak"), None);
    let unplaced: Vec<&str> =
        grid["unplaced"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(unplaced, ["Lukas Nowak", "Ravi Subramanian"], "theirs without both; none of ours");
    let brief = json(&brief(sample_vault(), "Microsoft", "json", &[]).stdout);
    assert_eq!(brief["grid"], j["grid"].clone(), "the brief draws the same grid of the same people");
}
