//! Same vault, same `--as-of`, same bytes: whatever order the file system lists the notes in.
//! The walk's list is shuffled with several seeds and every report is rendered in every
//! format from each; all must equal the report made from the sorted list.

mod common;

use chrono::NaiveDate;
use dossier::config::Settings;
use dossier::format::Format;
use dossier::report::Report;
use dossier::{model, render, report, select, vault};

use common::*;

fn as_of() -> NaiveDate {
    NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap()
}

/// Every report of `vault_dir` in every format it is written in (through the library call
/// the commands make), as named byte strings, the files read in the order `shuffle` leaves them.
fn all_reports(vault_dir: &std::path::Path, shuffle: Option<u64>) -> Vec<(String, Vec<u8>)> {
    let settings = Settings::default();
    let mut walked = vault::walk::markdown_files(vault_dir, false);
    if let Some(seed) = shuffle {
        fastrand::Rng::with_seed(seed).shuffle(&mut walked.files);
    }
    let vault = vault::load_files(vault_dir, walked, &settings, &vault::LoadOptions::default());
    let graph = model::build(&vault, &settings);
    let options = render::RenderOptions { marking: settings.marking.clone(), ..Default::default() };
    let mut out = Vec::new();
    let mut all_formats = |name: &str, report: Report| {
        for &format in report.kind().formats() {
            let bytes = render::report(report, format, &options).expect("rendered");
            out.push((format!("{} {name} {}", report.kind().name(), format.extension()), bytes));
        }
    };
    for subject in ["Microsoft", "AI caching strategy for MAI"] {
        let target = select::find_subject(&graph, subject).expect("subject");
        let selection = select::select(&graph, &target);
        let brief = report::brief(&graph, &selection, &report::BriefOptions { as_of: as_of() });
        all_formats(subject, Report::Brief(&brief));
        let period = dossier::period::Period::new(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), as_of()).unwrap();
        all_formats(subject, Report::Review(&report::review::review(&graph, &selection, period, as_of())));
        all_formats(subject, Report::Map(&report::map::map(&graph, &selection, as_of())));
    }
    let inputs = ["2026-11-26 - MAI multi-region pooling review".to_string()];
    let meeting = dossier::select::meeting::select(&graph, &inputs, as_of()).expect("a meeting");
    all_formats("MAI pooling review", Report::Meeting(&report::meeting::meeting(&graph, &meeting, as_of())));
    assert!(out.iter().any(|(name, _)| name.ends_with(Format::Svg.extension())));
    out
}

#[test]
fn the_order_files_are_listed_in_changes_no_byte_of_any_report() {
    let vault_dir = sample_vault();
    let sorted = all_reports(&vault_dir, None);
    assert_eq!(sorted.len(), 36, "{} reports", sorted.len());
    for seed in [1, 2, 3] {
        let shuffled = all_reports(&vault_dir, Some(seed));
        assert_eq!(shuffled.len(), sorted.len());
        for ((name, expected), (_, got)) in sorted.iter().zip(&shuffled) {
            assert!(expected == got, "{name} differs when the files are read in shuffle {seed}");
        }
    }
}
