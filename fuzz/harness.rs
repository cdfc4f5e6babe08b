//! What each fuzz target does with its input. Shared by the targets under `fuzz_targets/`
//! and by `tests/fuzz_regressions.rs`, which replays every input a fuzzer ever crashed on.
#![allow(dead_code)] // each target uses one of the functions

use std::sync::OnceLock;

use dossier::{config::Settings, model, model::Graph, query, render, report, select, vault};

const PATHS: [&str; 4] =
    ["Customers/Globex.md", "People/Ada Stone.md", "Meetings/2026-11-20 Sync.md", "Projects/Rollout.md"];

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date")
}

/// The note reader's parsing alone, many times faster per input than [`note_reader`], so it
/// reaches deeper into comrak and the YAML reader. The input is split as for `note_reader`, and
/// each chunk parsed the same way, so an input that crashes this crashes `note_reader` too
/// (its regressions live in `tests/fuzz-regressions/note_reader`).
pub fn note_parser(data: &[u8]) {
    let settings = Settings::default();
    let kept = settings.sections.all();
    let mut diagnostics = Vec::new();
    for (chunk, path) in data.split(|&b| b == 0xFF).zip(PATHS) {
        let text = vault::decode(chunk, path, &mut diagnostics);
        let (stripped, _) = vault::share::strip_comments(&text);
        let full = vault::parse_note(path.to_string(), &stripped, &mut diagnostics);
        let _ = vault::share::private_sections(&full.body, &settings.sections.private, stripped.lines().count() as u32);
        let _ = vault::parse_note_keeping(path.to_string(), &text, &mut diagnostics, Some(&kept));
    }
}

/// The note reader end to end: bytes → decoded text → frontmatter, Markdown, links and tasks
/// (also as `--share` reads them) → the model → a briefing in Markdown and JSON, and the
/// notes' Dataview blocks. The input is up to four notes, split at 0xFF (never in UTF-8).
pub fn note_reader(data: &[u8]) {
    let settings = Settings::default();
    let kept = settings.sections.all();
    let mut notes = Vec::new();
    let mut diagnostics = Vec::new();
    for (chunk, path) in data.split(|&b| b == 0xFF).zip(PATHS) {
        let text = vault::decode(chunk, path, &mut diagnostics);
        // What --share does to a note must hold up on anything too.
        let _ = vault::share::withheld(path, &text);
        let (stripped, _) = vault::share::strip_comments(&text);
        let full = vault::parse_note(path.to_string(), &stripped, &mut diagnostics);
        let last_line = stripped.lines().count() as u32;
        let private = vault::share::private_sections(&full.body, &settings.sections.private, last_line);
        let _ = vault::share::blank_lines(&stripped, &private);
        notes.push(vault::parse_note_keeping(path.to_string(), &text, &mut diagnostics, Some(&kept)));
    }
    notes.sort_by(|a, b| a.path.cmp(&b.path));
    let index = vault::index::LinkIndex::build(&notes);
    let vault = vault::Vault {
        root: "fuzz".into(),
        name: "fuzz".into(),
        notes,
        index,
        diagnostics,
        removed: Vec::new(),
        withheld_names: Default::default(),
        cache: None,
        templates: Default::default(),
        bases: Vec::new(),
    };
    let graph = model::build(&vault, &settings);
    for subject in ["Globex", "Rollout", "Ada Stone"] {
        if let Ok(target) = select::find_subject(&graph, subject) {
            let selection = select::select(&graph, &target);
            let view = report::brief(&graph, &selection, &report::BriefOptions { as_of: as_of() });
            let _ = render::markdown::render(&render::Templates::default(), "brief.md.j2", &view);
            let _ = render::json(&view);
        }
    }
    for id in vault.ids() {
        for block in query::blocks(&graph, id) {
            let _ = query::answer(&graph, &block, as_of());
        }
    }
}

/// The Dataview parser; every query it accepts is run against the Dataview fixture vault and
/// rendered as Markdown and JSON.
pub fn dataview(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(parsed) = query::parse(text) else { return };
    let graph = fixture_graph();
    let this = graph.vault.ids().next();
    if let Ok(output) = query::Context::new(graph, this, as_of()).run(&parsed) {
        let _ = render::query::to_markdown(graph, &output);
        let _ = render::query::to_json(graph, &output);
    }
}

/// A base (its YAML; or, when that is no base, one expression): every view run against the
/// Bases fixture vault, with `this` = a person note and with none, and rendered.
pub fn bases(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let graph = bases_graph();
    let Ok(base) = dossier::bases::read(text) else {
        let _ = dossier::bases::expr::parse(text);
        return;
    };
    let this = graph.vault.ids().find(|&id| graph.vault.note(id).stem == "Ann Lee");
    let mut views: Vec<Option<&str>> = base.views.iter().map(|v| v.name.as_deref()).collect();
    views.push(None);
    for view in views {
        for this in [this, None] {
            if let Ok(output) = dossier::bases::eval::run(graph, &base, view, this, as_of()) {
                let _ = render::query::to_markdown(graph, &output);
                let _ = render::query::to_json(graph, &output);
            }
        }
    }
}

fn fixture_graph() -> &'static Graph<'static> {
    static GRAPH: OnceLock<Graph<'static>> = OnceLock::new();
    GRAPH.get_or_init(|| load_fixture("dataview"))
}

fn bases_graph() -> &'static Graph<'static> {
    static GRAPH: OnceLock<Graph<'static>> = OnceLock::new();
    GRAPH.get_or_init(|| load_fixture("bases"))
}

fn load_fixture(name: &str) -> Graph<'static> {
    // The fuzz crate sits in the project's `fuzz/` folder; the tests at its root.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("tests/fixtures").join(name))
        .find(|dir| dir.is_dir())
        .expect("the fixture vault above the crate");
    let settings: &'static Settings = Box::leak(Box::new(Settings::default()));
    let vault = vault::load(&root, settings).expect("the fixture vault");
    model::build(Box::leak(Box::new(vault)), settings)
}
