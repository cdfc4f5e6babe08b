//! Faults as tests (#22): runs killed while they write, a full disk, folders that cannot be
//! written, and many runs at once on one vault, one cache and one output file. What each
//! checks: a report on disk is the old one or the whole new one, never part of one; nothing a
//! killed run left behind outlives the next run; the cache is never wrong afterwards (the
//! next report is the same bytes as `--no-cache`).

#[path = "common/big_account.rs"]
mod big_account;
mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Instant;

use big_account::big_account;
use common::*;

/// A vault large enough that a run lasts a while, with its own cache folder.
struct Bench {
    _vault: tempfile::TempDir,
    vault: PathBuf,
    work: tempfile::TempDir,
}

impl Bench {
    fn new(people: usize) -> Bench {
        let vault = big_account(people);
        let path = vault.path().to_path_buf();
        Bench { _vault: vault, vault: path, work: tempfile::tempdir().unwrap() }
    }

    fn cache_home(&self) -> PathBuf {
        self.work.path().join("cache")
    }

    fn out(&self) -> PathBuf {
        self.work.path().join("out")
    }

    /// `dossier brief Megacorp` into `file`, as of `as_of`, with this bench's cache.
    fn brief(&self, file: &Path, as_of: &str, extra: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.env("XDG_CACHE_HOME", self.cache_home())
            .current_dir(self.work.path())
            .args(["brief", "Megacorp", "--vault"])
            .arg(&self.vault)
            .args(["--as-of", as_of, "-o"])
            .arg(file)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        cmd
    }

    fn brief_bytes(&self, file: &Path, as_of: &str, extra: &[&str]) -> Vec<u8> {
        let out = self.brief(file, as_of, extra).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        std::fs::read(file).unwrap()
    }
}

/// Files in `dir` that are not `keep`: what a run left behind.
fn left_behind(dir: &Path, keep: &[&str]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()) && !n.ends_with(".bin"))
        .collect();
    names.sort();
    names
}

/// The name a run of process `pid` on this machine gives its temporary files (as
/// `src/scratch.rs` names them).
fn scratch_name(pid: u32) -> String {
    let host =
        std::fs::read_to_string("/proc/sys/kernel/hostname").or_else(|_| std::env::var("HOSTNAME")).unwrap_or_default();
    let host: String = host.trim().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
    format!(".dossier-{}-{pid}-x1y2z3.tmp", if host.is_empty() { "host" } else { &host })
}

/// A process id that has ended: a child that ran and was waited for.
fn ended_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn killed_runs_leave_the_old_report_or_the_new_one_and_nothing_behind() {
    let b = Bench::new(400);
    let out = b.out();
    std::fs::create_dir_all(&out).unwrap();
    let report = out.join("brief.pdf");
    // The new report, and the old one it replaces (another day's).
    let new = b.brief_bytes(&out.join("expected.pdf"), AS_OF, &["--no-cache"]);
    let old = b.brief_bytes(&report, "2026-01-15", &["--no-cache"]);
    assert_ne!(old, new);
    let started = Instant::now();
    b.brief_bytes(&out.join("timed.pdf"), AS_OF, &[]);
    let run = started.elapsed();
    let cache_folder = b.cache_home().join("dossier");
    const KILLS: u32 = 60;
    let mut outcomes = [0usize; 2];
    for k in 0..KILLS {
        // Every other run finds no cache and writes a whole one, so that kills land in
        // writing the cache too.
        if k % 2 == 0 {
            let _ = std::fs::remove_dir_all(&cache_folder);
        }
        std::fs::write(&report, &old).unwrap();
        let mut child = b.brief(&report, AS_OF, &[]).stderr(Stdio::null()).spawn().unwrap();
        // Spread over the run and past it: a run started beside the test's others takes
        // longer than the timed one, and its writes come at its end.
        std::thread::sleep(run.mul_f64(f64::from(k) / f64::from(KILLS) * 1.6));
        let _ = child.kill();
        child.wait().unwrap();
        let on_disk = std::fs::read(&report).unwrap();
        assert!(on_disk == old || on_disk == new, "kill {k}: the report is neither the old one nor the new one");
        outcomes[usize::from(on_disk == new)] += 1;
    }
    eprintln!("of {KILLS} kills: {} left the old report, {} the new one", outcomes[0], outcomes[1]);
    // A file a killed run left in the output and cache folders (planted too, in case no kill
    // landed while one was open).
    // (Only on Linux can a run tell that another has ended; elsewhere such a file waits a day.)
    if cfg!(target_os = "linux") {
        let planted = scratch_name(ended_pid());
        std::fs::write(out.join(&planted), "half a report").unwrap();
        std::fs::create_dir_all(&cache_folder).unwrap();
        std::fs::write(cache_folder.join(&planted), "half a cache").unwrap();
    }
    // The next run finishes; it leaves the report, the cache and nothing else.
    assert_eq!(b.brief_bytes(&report, AS_OF, &[]), new);
    assert_eq!(left_behind(&out, &["brief.pdf", "expected.pdf", "timed.pdf"]), Vec::<String>::new());
    assert_eq!(left_behind(&cache_folder, &[]), Vec::<String>::new());
    // And the cache it kept gives the same report as reading every note.
    assert_eq!(b.brief_bytes(&out.join("again.pdf"), AS_OF, &[]), new);
}

#[test]
fn sixteen_runs_at_once_on_one_vault_one_cache_and_one_output_file() {
    let b = Bench::new(150);
    let out = b.out();
    std::fs::create_dir_all(&out).unwrap();
    let expected = b.brief_bytes(&out.join("expected.md"), AS_OF, &["--no-cache", "--format", "md"]);
    let shared = out.join("shared.md");
    let mut children = Vec::new();
    for k in 0..16 {
        // Half write the same file; the others their own, in other formats.
        let (file, format) = match k % 4 {
            0 | 1 => (shared.clone(), "md"),
            2 => (out.join(format!("own-{k}.json")), "json"),
            _ => (out.join(format!("own-{k}.pdf")), "pdf"),
        };
        if k == 0 {
            let _ = std::fs::remove_dir_all(b.cache_home());
        }
        children.push((file.clone(), b.brief(&file, AS_OF, &["--format", format]).spawn().unwrap()));
    }
    for (file, child) in children {
        let result = child.wait_with_output().unwrap();
        assert_eq!(result.status.code(), Some(0), "{}: {}", file.display(), String::from_utf8_lossy(&result.stderr));
        let bytes = std::fs::read(&file).unwrap();
        match file.extension().and_then(|e| e.to_str()) {
            Some("md") => assert_eq!(bytes, expected, "the shared file is one whole report"),
            Some("json") => {
                serde_json::from_slice::<serde_json::Value>(&bytes).expect("a whole JSON report");
            }
            _ => assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"), "a whole PDF"),
        }
    }
    assert_eq!(left_behind(&out, &[]).iter().filter(|n| n.starts_with('.')).count(), 0, "no temporary file is left");
    // The cache the sixteen runs shared is valid: the next run takes notes from it and says
    // the same as reading every note.
    let verbose = b.brief(&out.join("after.md"), AS_OF, &["--format", "md", "-v"]).output().unwrap();
    assert!(String::from_utf8_lossy(&verbose.stderr).contains("taken from the note cache"));
    assert_eq!(std::fs::read(out.join("after.md")).unwrap(), expected);
}

/// A shell that runs dossier with its file size limited to `blocks` of 512 bytes (the
/// signal that limit raises ignored, so a write fails as on a full disk).
fn with_file_size_limit(blocks: u32, b: &Bench, file: &Path) -> std::process::Output {
    let binary = env!("CARGO_BIN_EXE_dossier");
    let script = format!(
        "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" brief Megacorp --vault \"$1\" --as-of {AS_OF} -o \"$2\""
    );
    std::process::Command::new("sh")
        .args(["-c", &script])
        .arg(binary)
        .arg(&b.vault)
        .arg(file)
        .env("XDG_CACHE_HOME", b.cache_home())
        .current_dir(b.work.path())
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_keeps_the_old_report_and_names_the_new_one() {
    let b = Bench::new(60);
    let out = b.out();
    std::fs::create_dir_all(&out).unwrap();
    let report = out.join("brief.pdf");
    let old = b.brief_bytes(&report, "2026-01-15", &["--no-cache"]);
    let _ = std::fs::remove_dir_all(b.cache_home());
    // 40 KB: less than the PDF, more than what is read.
    let result = with_file_size_limit(80, &b, &report);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("cannot write {}", report.display())), "names the report: {stderr}");
    assert!(!stderr.contains(".dossier-"), "not a temporary file: {stderr}");
    assert_eq!(std::fs::read(&report).unwrap(), old, "the old report is kept");
    assert_eq!(left_behind(&out, &["brief.pdf"]), Vec::<String>::new());
}

#[test]
fn folders_that_cannot_be_written_are_named_and_cost_nothing_else() {
    let b = Bench::new(20);
    std::fs::create_dir_all(b.out()).unwrap();
    // An output folder that is a file: the report cannot be written, and says where.
    let blocker = b.out().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let target = blocker.join("brief.md");
    let result = b.brief(&target, AS_OF, &[]).output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&blocker.display().to_string()), "{stderr}");
    assert_eq!(std::fs::read(&blocker).unwrap(), b"x", "nothing is lost");
    // A cache folder that is a file: the report is written, the cache is not, and it is said.
    let _ = std::fs::remove_dir_all(b.cache_home());
    std::fs::create_dir_all(b.cache_home()).unwrap();
    std::fs::write(b.cache_home().join("dossier"), "not a folder").unwrap();
    let file = b.out().join("brief.md");
    let result = b.brief(&file, AS_OF, &["-v"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("is a file, not a folder"), "{stderr}");
    let no_cache = b.brief_bytes(&b.out().join("no-cache.md"), AS_OF, &["--no-cache"]);
    assert_eq!(std::fs::read(&file).unwrap(), no_cache);
}

/// A note that goes between the walk that found it and its reading, and one rewritten in
/// between: the one is a message with its path, the other is read as it now is, and every
/// other note is read.
#[test]
fn a_note_that_vanishes_or_changes_after_the_walk_is_named_and_the_rest_is_read() {
    let b = Bench::new(30);
    let settings = dossier::config::Settings::default();
    let walked = dossier::vault::walk::markdown_files(&b.vault, false);
    let found = walked.files.len();
    std::fs::remove_file(b.vault.join("People/Person 003.md")).unwrap();
    std::fs::write(b.vault.join("People/Person 004.md"), "---\ntype: people\nrole: Chan").unwrap();
    let options = dossier::vault::LoadOptions { sharing: false, progress: None, cache: None };
    let vault = dossier::vault::load_files(&b.vault, walked, &settings, &options);
    assert_eq!(vault.notes.len(), found - 1, "every other note is read");
    let gone: Vec<String> = vault
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("cannot read"))
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert!(gone[0].starts_with("People/Person 003.md: cannot read file"), "{gone:?}");
    // The half-written note is read as it is now: its frontmatter never closes, said so.
    let changed = vault.notes.iter().find(|n| n.path == "People/Person 004.md").unwrap();
    assert!(changed.frontmatter.kind.is_none());
    assert!(vault.diagnostics.iter().any(|d| d.path == "People/Person 004.md"), "{:?}", vault.diagnostics);
}

#[test]
fn notes_that_vanish_or_change_while_a_run_reads_them_are_never_fatal() {
    let b = Bench::new(600);
    let people = b.vault.join("People");
    let mut notes: Vec<PathBuf> = std::fs::read_dir(&people).unwrap().map(|e| e.unwrap().path()).collect();
    notes.sort();
    for round in 0..6 {
        let file = b.out().join(format!("brief-{round}.md"));
        std::fs::create_dir_all(b.out()).unwrap();
        let child = b.brief(&file, AS_OF, &["--no-cache", "--format", "md"]).spawn().unwrap();
        // While it runs: some notes go, others are rewritten half-way through a line.
        for (k, note) in notes.iter().skip(round * 40).take(40).enumerate() {
            if k % 2 == 0 {
                let _ = std::fs::remove_file(note);
            } else {
                let _ = std::fs::write(note, "---\ntype: people\nrole: Chan");
            }
        }
        let result = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(0), "round {round}: {stderr}");
        assert!(std::fs::read_to_string(&file).unwrap().starts_with("# Briefing"), "round {round}: a whole report");
    }
}
