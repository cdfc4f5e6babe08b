//! Wall time of each stage of `brief` on one vault, for finding where the time goes
//! (issue 6). `cargo run --release --example stage_times -- VAULT SUBJECT`
use std::time::Instant;

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

/// mimalloc, as in the binary, counting the bytes live at any moment.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

use dossier::report::{self, BriefOptions};
use dossier::{config, model, render, select, vault};

/// Resident memory now, in MiB (Linux).
fn rss() -> String {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let resident = statm.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()).unwrap_or(0) * 4096;
    format!("resident {} MiB, live {} MiB", resident >> 20, LIVE.load(Ordering::Relaxed) >> 20)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (root, subject) = (std::path::Path::new(&args[1]), &args[2]);
    let settings = config::load(root, None, &mut Default::default()).expect("settings");
    let t = Instant::now();
    let walked = dossier::vault::walk::markdown_files(root, settings.follow_links_out_of_vault);
    eprint!("walk {:?} ({} files) | ", t.elapsed(), walked.files.len());
    let t = Instant::now();
    let v = vault::load(root, &settings).expect("vault");
    let t_read = t.elapsed();
    eprint!("[rss after read {}] ", rss());
    let graph = model::build(&v, &settings);
    let t_model = t.elapsed();
    eprint!("[after model {}] ", rss());
    let target = select::find_subject(&graph, subject).expect("subject");
    let selection = select::select(&graph, &target);
    let t_select = t.elapsed();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let view = report::brief(&graph, &selection, &BriefOptions { as_of });
    let t_view = t.elapsed();
    let json = render::json(&view).expect("json");
    let t_json = t.elapsed();
    eprint!("[after json {}] ", rss());
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
