//! The note cache: a second run parses only what changed, and gives the same report as a
//! run that reads every note. Whatever happens to the cache, the report is right and the
//! vault untouched.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;

/// A copy of the sample vault old enough to be cached (files changed in the last seconds are
/// read but never cached), with its own cache folder.
struct Setup {
    _dir: tempfile::TempDir,
    vault: PathBuf,
    cache_home: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    copy_tree(&sample_vault(), &vault);
    std::thread::sleep(Duration::from_millis(3200));
    let cache_home = dir.path().join("cache");
    Setup { _dir: dir, vault, cache_home }
}

impl Setup {
    /// `dossier brief Microsoft --format md -v`, then `extra`.
    fn brief(&self, extra: &[&str]) -> Run {
        let vault = self.vault.display().to_string();
        let mut args = vec!["brief", "Microsoft", "--vault", &vault, "--as-of", AS_OF, "-o", "-", "-v"];
        args.extend_from_slice(extra);
        let run = run_command(
            dossier().env("XDG_CACHE_HOME", &self.cache_home).current_dir(self.vault.parent().unwrap()).args(&args),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.cache_home.join("dossier")) {
            Ok(dir) => dir.map(|e| e.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        }
    }
}

/// The `--verbose` line about the cache: "note: N of M notes taken from the note cache…".
fn reused(run: &Run) -> (usize, usize) {
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("taken from the note cache"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let words: Vec<&str> = line.split_whitespace().collect();
    (words[1].parse().unwrap(), words[3].parse().unwrap())
}

fn edit(path: &Path, f: impl Fn(&str) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(&text)).unwrap();
}

#[test]
fn a_second_run_reads_unchanged_notes_from_the_cache_and_says_the_same() {
    let s = setup();
    let before = snapshot_tree(&s.vault);
    let uncached = s.brief(&["--no-cache"]);
    assert!(s.cache_files().is_empty(), "--no-cache writes no cache");
    let first = s.brief(&[]);
    let (hits, notes) = reused(&first);
    assert_eq!(hits, 0);
    assert!(notes > 30, "{notes}");
    let second = s.brief(&[]);
    assert_eq!(reused(&second), (notes, notes), "every note comes from the cache");
    assert_eq!(first.stdout, uncached.stdout);
    assert_eq!(second.stdout, uncached.stdout);
    // The cache lives in the cache folder, one file for the vault, readable by the user only.
    let files = s.cache_files();
    assert_eq!(files.len(), 1, "{files:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o077, 0);
    }
    assert_eq!(snapshot_tree(&s.vault), before, "the vault is never written");
    // Every format and report says the same from the cache as without it.
    for args in [&["--format", "json"][..], &["--share"]] {
        assert_eq!(s.brief(args).stdout, s.brief(&[args, &["--no-cache"]].concat()).stdout, "{args:?}");
    }
}

#[test]
fn an_edited_added_or_deleted_note_is_read_again() {
    let s = setup();
    s.brief(&[]);
    let microsoft = s.vault.join("Customers/Microsoft.md");
    edit(&microsoft, |t| t.replace("## Key Facts\n\n", "## Key Facts\n\n- Signed a cache pilot for 2027.\n"));
    let run = s.brief(&[]);
    assert!(run.stdout.contains("Signed a cache pilot for 2027."), "{}", run.stdout);
    let (hits, notes) = reused(&run);
    assert_eq!(hits, notes - 1, "only the edited note is read");

    // Once the edit is a few seconds old it is cached too…
    std::thread::sleep(Duration::from_millis(3200));
    let run = s.brief(&[]);
    assert!(run.stdout.contains("Signed a cache pilot for 2027."));
    // …and an edit of the same size with the modification time set back is still seen: the
    // change time tells.
    let before = std::fs::metadata(&microsoft).unwrap().modified().unwrap();
    edit(&microsoft, |t| t.replace("Signed a cache pilot for 2027.", "Signed a cache pilot for 2028."));
    filetime::set_file_mtime(&microsoft, filetime::FileTime::from_system_time(before)).unwrap();
    let run = s.brief(&[]);
    assert!(run.stdout.contains("for 2028."), "{}", run.stdout);
    assert!(!run.stdout.contains("for 2027."));

    std::fs::write(
        s.vault.join("People/Zoe Quint.md"),
        "---\ntype: people\ncompany: \"[[Microsoft]]\"\n---\n# Zoe Quint\n",
    )
    .unwrap();
    assert!(s.brief(&[]).stdout.contains("Zoe Quint"));
    std::fs::remove_file(s.vault.join("People/Zoe Quint.md")).unwrap();
    let run = s.brief(&[]);
    assert!(!run.stdout.contains("Zoe Quint"));
    assert_eq!(run.stdout, s.brief(&["--no-cache"]).stdout);
}

#[test]
fn a_damaged_or_foreign_cache_is_rebuilt_and_the_report_is_right() {
    let s = setup();
    let expected = s.brief(&["--no-cache"]).stdout;
    s.brief(&[]);
    let file = s.cache_files().pop().unwrap();
    let bytes = std::fs::read(&file).unwrap();
    // Cut short, then overwritten with noise in the middle, then emptied.
    let mut noisy = bytes.clone();
    let middle = noisy.len() / 2;
    noisy[middle..middle + 64].fill(0xAB);
    // One letter of a fact changed on disk: still a well-formed record, so only the
    // checksum can tell.
    let fact = b"MAI teams report friction";
    let at = bytes.windows(fact.len()).position(|w| w == fact).expect("the fact is in the cache");
    let mut altered = bytes.clone();
    altered[at] = b'N';
    for damaged in [altered, bytes[..bytes.len() / 2].to_vec(), noisy, Vec::new()] {
        std::fs::write(&file, &damaged).unwrap();
        let run = s.brief(&[]);
        assert_eq!(run.stdout, expected);
        let again = s.brief(&[]);
        assert_eq!(again.stdout, expected);
        let (hits, notes) = reused(&again);
        assert_eq!(hits, notes, "rebuilt after damage: {}", run.stderr);
    }
}

#[test]
fn settings_that_change_what_is_read_set_the_cache_aside() {
    let s = setup();
    s.brief(&[]);
    // Key Facts are now read from a heading the notes do not use: no facts at all.
    std::fs::write(s.vault.join("dossier.toml"), "[sections]\nfacts = [\"Facts We Keep\"]\n").unwrap();
    let run = s.brief(&[]);
    assert_eq!(reused(&run).0, 0, "a cache made with other settings is not used");
    assert_eq!(run.stdout, s.brief(&["--no-cache"]).stdout);
    std::fs::write(s.vault.join("dossier.toml"), "cache = false\n").unwrap();
    let files = s.cache_files();
    let stamp = std::fs::metadata(&files[0]).unwrap().modified().unwrap();
    let run = s.brief(&[]);
    assert!(run.stderr.contains("no note cache"), "{}", run.stderr);
    assert_eq!(std::fs::metadata(&files[0]).unwrap().modified().unwrap(), stamp, "cache = false leaves it alone");
}

#[test]
fn a_cache_folder_that_cannot_be_written_costs_only_the_cache() {
    let s = setup();
    // A file where the cache folder should be.
    std::fs::write(&s.cache_home, "not a folder").unwrap();
    let run = s.brief(&[]);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    assert_eq!(run.stdout, s.brief(&["--no-cache"]).stdout);
}

#[test]
fn the_cache_command_shows_and_clears_it() {
    let s = setup();
    s.brief(&[]);
    let cache = |args: &[&str]| run_command(dossier().env("XDG_CACHE_HOME", &s.cache_home).arg("cache").args(args));
    let shown = cache(&[]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stdout.contains("vault-") && shown.stdout.contains("-full.bin"), "{}", shown.stdout);
    assert!(shown.stdout.contains("1 file,"), "{}", shown.stdout);
    let cleared = cache(&["--clear"]);
    assert!(cleared.stdout.starts_with("removed 1 cache file"), "{}", cleared.stdout);
    assert!(s.cache_files().is_empty());
    // The next run reads every note again, and says the same.
    let again = s.brief(&[]);
    assert_eq!(reused(&again).0, 0);
}

#[test]
fn the_cache_folder_keeps_to_its_size_by_dropping_the_least_recently_used() {
    let s = setup();
    let vaults: Vec<std::path::PathBuf> = ["a", "b", "c"]
        .iter()
        .map(|name| {
            let v = s.vault.parent().unwrap().join(name);
            copy_tree(&s.vault, &v);
            v
        })
        .collect();
    let brief = |vault: &Path, limit: &str| {
        let run = run_command(
            dossier()
                .env("XDG_CACHE_HOME", &s.cache_home)
                .env("DOSSIER_CACHE_MAX_MB", limit)
                .args(["brief", "Microsoft", "--as-of", AS_OF, "-o", "-", "--vault"])
                .arg(vault),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    let names = || -> Vec<String> {
        let mut n: Vec<String> = s
            .cache_files()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().split('-').next().unwrap().to_string())
            .collect();
        n.sort();
        n
    };
    brief(&vaults[0], "1024");
    brief(&vaults[1], "1024");
    let one = s.cache_files()[0].metadata().unwrap().len() as f64;
    // Room for two files and a half: a, then b, then a again (so b is the least recently
    // used), then c — b goes.
    let limit = format!("{}", one * 2.5 / 1e6);
    brief(&vaults[0], &limit);
    std::thread::sleep(Duration::from_millis(20));
    brief(&vaults[2], &limit);
    assert_eq!(names(), ["a", "c"]);
    // A limit below one file keeps only the one in use.
    brief(&vaults[1], "0");
    assert_eq!(names(), ["b"]);
}
