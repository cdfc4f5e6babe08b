//! Same vault, same `--as-of`, same bytes: whatever order the file system lists the notes in.
//! The walk's list is shuffled with several seeds and every report is rendered in every
//! format from each; all must equal the report made from the sorted list.

mod common;

use chrono::NaiveDate;
use dossier::config::Settings;
use dossier::render::{self, pdf::PdfOptions, Templates};
use dossier::{model, report, select, vault};
use serde::Serialize;

use common::*;

/// A report as the commands hand it to the templates (`--share` off).
#[derive(Serialize)]
struct Shared<'a, V> {
    #[serde(flatten)]
    view: &'a V,
    shared: bool,
}

fn as_of() -> NaiveDate {
    NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap()
}

/// Every report of `vault_dir` in every format, as named byte strings, the files read in the
/// order `shuffle` leaves them.
fn all_reports(vault_dir: &std::path::Path, shuffle: Option<u64>) -> Vec<(String, Vec<u8>)> {
    let settings = Settings::default();
    let mut walked = vault::walk::markdown_files(vault_dir, false);
    if let Some(seed) = shuffle {
        fastrand::Rng::with_seed(seed).shuffle(&mut walked.files);
    }
    let vault = vault::load_files(vault_dir, walked, &settings, &vault::LoadOptions::default());
    let graph = model::build(&vault, &settings);
    let templates = Templates::default();
    let mut out = Vec::new();
    let formats = |kind: &str, name: &str, view: &dyn erased::View| {
        let pdf = PdfOptions { as_of: as_of(), marking: &settings.marking, ident: format!("dossier/{kind}/{name}") };
        [
            (format!("{kind} {name} json"), view.json().into_bytes()),
            (format!("{kind} {name} md"), view.markdown(&templates, kind).into_bytes()),
            (format!("{kind} {name} pdf"), view.pdf(&templates, kind, &pdf)),
        ]
    };
    for subject in ["Microsoft", "AI caching strategy for MAI"] {
        let target = select::find_subject(&graph, subject).expect("subject");
        let selection = select::select(&graph, &target);
        let brief = report::brief(&graph, &selection, &report::BriefOptions { as_of: as_of() });
        out.extend(formats("brief", subject, &brief));
        let period = report::review::Period::new(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), as_of()).unwrap();
        out.extend(formats("review", subject, &report::review::review(&graph, &selection, period, as_of())));
        let map = report::map::map(&graph, &selection, as_of());
        let mermaid = render::diagram::mermaid(&map);
        out.extend(formats("map", subject, &MapWithDiagram { view: &map, mermaid: mermaid.clone() }));
        let pdf = PdfOptions { as_of: as_of(), marking: &settings.marking, ident: format!("dossier/map/{subject}") };
        let svg = render::pdf::render_svg(&templates, "map.typ", &Shared { view: &map, shared: false }, &pdf);
        out.push((format!("map {subject} svg"), svg.expect("svg")));
        out.push((format!("map {subject} mermaid"), mermaid.into_bytes()));
        out.push((format!("map {subject} dot"), render::diagram::dot(&map).into_bytes()));
    }
    let inputs = ["2026-11-26 - MAI multi-region pooling review".to_string()];
    let meeting = dossier::select::meeting::select(&graph, &inputs).expect("a meeting");
    out.extend(formats("meeting", "MAI pooling review", &report::meeting::meeting(&graph, &meeting, as_of())));
    out
}

/// The Markdown map carries its Mermaid diagram (as `dossier map` gives it).
#[derive(Serialize)]
struct MapWithDiagram<'a, V> {
    #[serde(flatten)]
    view: &'a V,
    mermaid: String,
}

/// Renders any view the way the commands do.
mod erased {
    use super::*;

    pub trait View {
        fn json(&self) -> String;
        fn markdown(&self, templates: &Templates, kind: &str) -> String;
        fn pdf(&self, templates: &Templates, kind: &str, options: &PdfOptions) -> Vec<u8>;
    }

    impl<V: Serialize> View for V {
        fn json(&self) -> String {
            render::json(&Shared { view: self, shared: false }).expect("json")
        }
        fn markdown(&self, templates: &Templates, kind: &str) -> String {
            let view = Shared { view: self, shared: false };
            render::markdown::render(templates, &format!("{kind}.md.j2"), &view).expect("markdown")
        }
        fn pdf(&self, templates: &Templates, kind: &str, options: &PdfOptions) -> Vec<u8> {
            let view = Shared { view: self, shared: false };
            render::pdf::render(templates, &format!("{kind}.typ"), &view, options).expect("pdf")
        }
    }
}

#[test]
fn the_order_files_are_listed_in_changes_no_byte_of_any_report() {
    let vault_dir = sample_vault();
    let sorted = all_reports(&vault_dir, None);
    assert_eq!(sorted.len(), 27, "{} reports", sorted.len());
    for seed in [1, 2, 3] {
        let shuffled = all_reports(&vault_dir, Some(seed));
        assert_eq!(shuffled.len(), sorted.len());
        for ((name, expected), (_, got)) in sorted.iter().zip(&shuffled) {
            assert!(expected == got, "{name} differs when the files are read in shuffle {seed}");
        }
    }
}
