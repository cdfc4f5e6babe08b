//! What a briefing costs stage by stage on a generated vault of 2,000 notes (issue 6): find
//! the files, read and parse them (every note, or from a warm note cache), model, select,
//! build the view, write JSON.
//!
//! `cargo bench --bench stages`; figures and how to read them are in benches/README.md.

use std::path::Path;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use dossier::report::{self, BriefOptions};
use dossier::{config::Settings, model, render, select, vault};

#[path = "../examples/synth_vault.rs"]
#[allow(dead_code)]
mod synth_vault;

const NOTES: usize = 2_000;
const SUBJECT: &str = "Customer 0003";

fn stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("vault");
    synth_vault::generate(&root, NOTES, 1);
    let settings = Settings::default();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date");
    // A cache file made now, before the timings: the files are older than its few seconds
    // of doubt by the time the cached reads are measured.
    let cache_file = dir.path().join("cache/vault.bin");
    let cached = vault::LoadOptions { cache: Some(cache_file), ..Default::default() };
    std::thread::sleep(std::time::Duration::from_millis(3200));
    vault::load_with(&root, &settings, &cached).expect("vault");

    let mut group = c.benchmark_group(format!("{NOTES} notes"));
    group.sample_size(20);
    group.bench_function("walk", |b| b.iter(|| vault::walk::markdown_files(&root, false)));
    group.bench_function("read and parse every note", |b| b.iter(|| load(&root, &settings, &Default::default())));
    group.bench_function("read from the note cache", |b| b.iter(|| load(&root, &settings, &cached)));
    let v = vault::load(&root, &settings).expect("vault");
    group.bench_function("model", |b| b.iter(|| model::build(&v, &settings)));
    let graph = model::build(&v, &settings);
    let target = select::find_subject(&graph, SUBJECT).expect("subject");
    group.bench_function("select", |b| b.iter(|| select::select(&graph, &target)));
    let selection = select::select(&graph, &target);
    group.bench_function("view", |b| b.iter(|| report::brief(&graph, &selection, &BriefOptions { as_of })));
    let view = report::brief(&graph, &selection, &BriefOptions { as_of });
    group.bench_function("json", |b| b.iter(|| render::json(&view).expect("json")));
    group.finish();
}

fn load(root: &Path, settings: &Settings, options: &vault::LoadOptions) -> vault::Vault {
    let v = vault::load_with(root, settings, options).expect("vault");
    assert!(v.cache.as_ref().is_none_or(|c| c.read == 0), "every note from the cache");
    v
}

criterion_group!(stage_benches, stages);
criterion_main!(stage_benches);
