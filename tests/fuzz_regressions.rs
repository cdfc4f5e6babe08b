//! Every input a fuzzer crashed on (`tests/fuzz-regressions/<target>/`), replayed through the
//! same code the fuzz target runs (`fuzz/harness.rs`): none may panic again.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions").join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).expect("regression folder").map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{} panics again", input.display());
    }
}

#[test]
fn note_reader_inputs_that_crashed_it() {
    replay("note_reader", harness::note_reader);
    replay("note_reader", harness::note_parser);
}

#[test]
fn dataview_inputs_that_crashed_it() {
    replay("dataview", harness::dataview);
}

#[test]
fn bases_inputs_that_crashed_it() {
    replay("bases", harness::bases);
}
