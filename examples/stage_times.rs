//! Wall time of each stage of `brief` on one vault, for finding where the time goes
//! (issue 6). `cargo run --release --example stage_times -- VAULT SUBJECT`
use std::time::Instant;

// As in the binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use dossier::report::{self, BriefOptions};
use dossier::{config, model, render, select, vault};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (root, subject) = (std::path::Path::new(&args[1]), &args[2]);
    let t = Instant::now();
    let walked = dossier::vault::walk::markdown_files(root);
    eprint!("walk {:?} ({} files) | ", t.elapsed(), walked.files.len());
    let t = Instant::now();
    let settings = config::load(root, None, &mut Default::default()).expect("settings");
    let v = vault::load(root, &settings).expect("vault");
    let t_read = t.elapsed();
    let graph = model::build(&v, &settings);
    let t_model = t.elapsed();
    let target = select::find_subject(&graph, subject).expect("subject");
    let selection = select::select(&graph, &target);
    let t_select = t.elapsed();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let view = report::brief(&graph, &selection, &BriefOptions { as_of });
    let t_view = t.elapsed();
    let json = render::json(&view).expect("json");
    let t_json = t.elapsed();
    eprintln!(
        "read+parse {:?} | model {:?} | select {:?} | view {:?} | json {:?} | total {:?} ({} bytes)",
        t_read,
        t_model - t_read,
        t_select - t_model,
        t_view - t_select,
        t_json - t_view,
        t_json,
        json.len()
    );
    std::mem::forget(graph);
    std::mem::forget(v);
}
