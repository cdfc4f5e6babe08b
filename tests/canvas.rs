//! End-to-end: `dossier map --format canvas`, a JSON Canvas 1.0 file (jsoncanvas.org) that
//! Obsidian opens as a canvas. Checked against the spec's rules and the map's own JSON.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use serde_json::Value;

fn map(vault: &std::path::Path, subject: &str, format: &str, extra: &[&str]) -> Run {
    let vault = vault.display().to_string();
    let mut args = vec!["map", subject, "--vault", &vault, "--format", format, "--as-of", AS_OF, "-o", "-"];
    args.extend_from_slice(extra);
    run(&args)
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

impl Rect {
    fn of(node: &Value) -> Rect {
        let int = |k: &str| node[k].as_i64().unwrap_or_else(|| panic!("{k} is not an integer: {node}"));
        Rect { x: int("x"), y: int("y"), w: int("width"), h: int("height") }
    }
    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
    fn contains(&self, o: &Rect) -> bool {
        self.x <= o.x && self.y <= o.y && o.x + o.w <= self.x + self.w && o.y + o.h <= self.y + self.h
    }
}

/// Every rule of the spec a reader of the file relies on; returns the file nodes by path.
fn check_canvas(canvas: &Value, vault: &std::path::Path) -> BTreeMap<String, String> {
    let nodes = canvas["nodes"].as_array().expect("nodes");
    let edges = canvas["edges"].as_array().expect("edges");
    let mut ids = BTreeSet::new();
    for item in nodes.iter().chain(edges) {
        let id = item["id"].as_str().expect("an id");
        assert!(id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()), "id {id}");
        assert!(ids.insert(id), "id {id} used twice");
    }
    let kinds: Vec<&str> = nodes.iter().map(|n| n["type"].as_str().unwrap()).collect();
    assert!(kinds.iter().all(|k| ["group", "file", "text"].contains(k)), "{kinds:?}");
    let last_group = kinds.iter().rposition(|k| *k == "group");
    let first_other = kinds.iter().position(|k| *k != "group");
    if let (Some(g), Some(o)) = (last_group, first_other) {
        assert!(g < o, "every group comes before the nodes it holds (z-order)");
    }
    let groups: Vec<Rect> = nodes.iter().filter(|n| n["type"] == "group").map(Rect::of).collect();
    for (i, a) in groups.iter().enumerate() {
        assert!(a.w > 0 && a.h > 0);
        for b in &groups[i + 1..] {
            assert!(!a.overlaps(b), "groups overlap: {a:?} {b:?}");
        }
    }
    let cards: Vec<(&Value, Rect)> = nodes.iter().filter(|n| n["type"] != "group").map(|n| (n, Rect::of(n))).collect();
    for (i, (a, ra)) in cards.iter().enumerate() {
        assert!(ra.w > 0 && ra.h > 0);
        for (b, rb) in &cards[i + 1..] {
            assert!(!ra.overlaps(rb), "cards overlap:\n{a}\n{b}");
        }
        if a["type"] != "text" || !a["text"].as_str().unwrap().starts_with("# ") {
            let inside = groups.iter().filter(|g| g.contains(ra)).count();
            assert_eq!(inside, 1, "a card lies in exactly one group: {a}");
        }
    }
    let mut files = BTreeMap::new();
    for n in nodes.iter().filter(|n| n["type"] == "file") {
        let path = n["file"].as_str().unwrap();
        assert!(vault.join(path).is_file(), "{path} is not a note of the vault");
        files.insert(path.to_string(), n["id"].as_str().unwrap().to_string());
    }
    let file_ids: BTreeSet<&str> = files.values().map(String::as_str).collect();
    for e in edges {
        for end in ["fromNode", "toNode"] {
            let id = e[end].as_str().unwrap();
            assert!(file_ids.contains(id), "edge end {id} is no person's card: {e}");
        }
        assert!(e["label"].as_str().is_some_and(|l| !l.is_empty()), "an edge says what it is: {e}");
        assert!(["none", "arrow"].contains(&e["toEnd"].as_str().unwrap()));
    }
    files
}

#[test]
fn the_sample_map_as_a_canvas_follows_the_spec_and_holds_every_person() {
    let vault = sample_vault();
    let r = map(&vault, "Microsoft", "canvas", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let canvas = json(&r.stdout);
    let files = check_canvas(&canvas, &vault);
    let view = json(&map(&vault, "Microsoft", "json", &[]).stdout);
    let people: BTreeSet<String> =
        view["people"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(files.keys().cloned().collect::<BTreeSet<_>>(), people, "one card per person on the map");
    // Every line of the map whose ends are on the chart is an edge.
    assert_eq!(canvas["edges"].as_array().unwrap().len(), view["edges"].as_array().unwrap().len());
    let labels: Vec<&str> = canvas["edges"].as_array().unwrap().iter().map(|e| e["label"].as_str().unwrap()).collect();
    for label in ["reports to", "dotted line", "owns relationship"] {
        assert!(labels.contains(&label), "no {label:?} edge in {labels:?}");
    }
    // A group per side and company, named for both.
    let groups: Vec<&str> = canvas["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "group")
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert!(groups.contains(&"Microsoft (theirs)"), "{groups:?}");
    // A manager stands above their reports.
    let node =
        |path: &str| canvas["nodes"].as_array().unwrap().iter().find(|n| n["file"] == path).map(Rect::of).unwrap();
    let owen = node("People/Owen Brandt.md");
    for report in ["People/Dana Whitfield.md", "People/Grace Liu.md"] {
        assert!(node(report).y > owen.y, "{report} stands below Owen");
    }
    insta::assert_snapshot!("map_microsoft_canvas", r.stdout);
    assert_eq!(r.stdout, map(&vault, "Microsoft", "canvas", &[]).stdout, "same input, same bytes");
}

#[test]
fn guests_without_a_note_are_text_cards_in_a_group_of_their_own() {
    let vault = fixture("meeting-guests");
    let v = vault.display().to_string();
    // Its meetings are held by December.
    let args = |format| ["map", "Customer Co", "--vault", &v, "--format", format, "--as-of", "2026-12-01", "-o", "-"];
    let view = json(&run(&args("json")).stdout);
    let guests = view["guests"].as_array().unwrap();
    assert!(!guests.is_empty(), "the fixture's map has guests: {view}");
    let r = run(&args("canvas"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let canvas = json(&r.stdout);
    check_canvas(&canvas, &vault);
    let nodes = canvas["nodes"].as_array().unwrap();
    assert!(nodes.iter().any(|n| n["label"] == "Met in meetings, no person note"));
    for g in guests {
        let name = g["name"].as_str().unwrap();
        assert!(
            nodes.iter().any(|n| n["type"] == "text" && n["text"].as_str().unwrap().contains(name)),
            "no card for the guest {name}"
        );
    }
}

#[test]
fn text_from_notes_cannot_add_markdown_to_a_card() {
    let vault = fixture("hostile-text");
    let r = map(&vault, "Initech", "canvas", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let canvas = json(&r.stdout);
    check_canvas(&canvas, &vault);
    for n in canvas["nodes"].as_array().unwrap().iter().filter(|n| n["type"] == "text") {
        let text = n["text"].as_str().unwrap();
        // Only our own markup: a heading on the title card, bold names. Anything a note
        // wrote that Markdown reads is escaped.
        for line in text.lines() {
            let unescaped =
                |c: char| line.char_indices().any(|(i, ch)| ch == c && (i == 0 || line.as_bytes()[i - 1] != b'\\'));
            for c in ['<', '[', '|', '`', '$', '%'] {
                assert!(!unescaped(c), "an unescaped {c:?} in a card: {line:?}");
            }
        }
    }
}

#[test]
fn a_shared_canvas_holds_nothing_private() {
    let vault = fixture("share");
    let shared = map(&vault, "Acme", "canvas", &["--share"]);
    assert_eq!(shared.code, 0, "{}", shared.stderr);
    check_canvas(&json(&shared.stdout), &vault);
    assert!(!shared.stdout.contains("SECRET") && !shared.stdout.contains("Zed Private"), "{}", shared.stdout);
}

#[test]
fn a_canvas_may_be_written_into_the_vault_when_asked_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    copy_tree(&sample_vault(), &vault);
    let target = vault.join("Maps/Microsoft map.canvas");
    let v = vault.display().to_string();
    let t = target.display().to_string();
    let r = run(&["map", "Microsoft", "--vault", &v, "--format", "canvas", "--as-of", AS_OF, "-o", &t]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let canvas = json(&std::fs::read_to_string(&target).unwrap());
    check_canvas(&canvas, &vault);
    // Without -o the default output folder is used, and it is refused inside the vault.
    let inside = run_in(&vault, &["map", "Microsoft", "--vault", ".", "--format", "canvas", "--as-of", AS_OF]);
    assert_eq!(inside.code, 2, "{}", inside.stderr);
    assert!(inside.stderr.contains("never writes there unasked"), "{}", inside.stderr);
}
