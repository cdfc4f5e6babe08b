//! What a briefing costs, stage by stage: the Markdown path against the PDF path, and the
//! Typst stage (compile and export) alone, for the sample briefing and a 200-person account.
//!
//! `cargo bench --bench render`; figures and how to read them are in benches/README.md.

use std::path::Path;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use dossier::config::Settings;
use dossier::render::{self, pdf::PdfOptions, Templates};
use dossier::report::{self, BriefOptions, BriefView};
use dossier::{model, select, vault};

#[path = "../tests/common/big_account.rs"]
mod big_account;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date")
}

/// Read, model, select and build the view: everything before rendering.
fn view(root: &Path, subject: &str, settings: &Settings) -> BriefView {
    let vault = vault::load(root, settings).expect("vault");
    let graph = model::build(&vault, settings);
    let target = select::find_subject(&graph, subject).expect("subject");
    let selection = select::select(&graph, &target);
    report::brief(&graph, &selection, &BriefOptions { as_of: as_of() })
}

/// One cold compile, as in a CLI run: Typst's memoisation caches are emptied first (the
/// embedded fonts stay loaded, as they do for the whole of a process).
fn pdf(view: &BriefView) -> Vec<u8> {
    typst::comemo::evict(0);
    let options = PdfOptions {
        as_of: as_of(),
        marking: "Confidential — internal",
        paper: dossier::format::Paper::A4,
        ident: "bench".into(),
    };
    render::pdf::render(&Templates::default(), "brief.typ", view, &options).expect("pdf")
}

fn briefing(c: &mut Criterion, name: &str, root: &Path, subject: &str) {
    let settings = dossier::config::load(root, None, &mut Default::default()).expect("settings");
    let templates = Templates::default();
    let mut group = c.benchmark_group(name);
    group.sample_size(30);
    group.bench_function("markdown path", |b| {
        b.iter(|| render::markdown::render(&templates, "brief.md.j2", &view(root, subject, &settings)).expect("md"))
    });
    group.bench_function("pdf path", |b| b.iter(|| pdf(&view(root, subject, &settings))));
    let fixed = view(root, subject, &settings);
    group.bench_function("typst stage", |b| b.iter(|| pdf(&fixed)));
    group.finish();
}

fn benches(c: &mut Criterion) {
    // Fonts load once per process: the first compile pays for them, outside the timings.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/vault");
    let settings = Settings::default();
    pdf(&view(&sample, "Microsoft", &settings));

    briefing(c, "sample Microsoft briefing", &sample, "Microsoft");
    let big = big_account::big_account(200);
    briefing(c, "200-person account", big.path(), "Megacorp");
}

criterion_group!(render_benches, benches);
criterion_main!(render_benches);
