//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub const AS_OF: &str = "2026-11-24";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_vault() -> PathBuf {
    root().join("data/vault")
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// `../shared` beside the checkout (CI provides it).
/// The sample vault and every fixture vault, sorted.
pub fn sample_and_fixture_vaults() -> Vec<PathBuf> {
    let mut vaults = vec![sample_vault()];
    for entry in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            vaults.push(path);
        }
    }
    vaults.sort();
    vaults
}

pub fn shared() -> PathBuf {
    root().join("../shared")
}

/// Where the tests' runs keep their note caches: never the user's own cache folder.
pub fn cache_home() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cache")
}

pub fn dossier() -> Command {
    let mut command = Command::cargo_bin("dossier").expect("binary built");
    command.env("XDG_CACHE_HOME", cache_home());
    command
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs dossier with `args`, from `cwd` (default: a fresh temporary folder).
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run_command(dossier().current_dir(cwd).args(args))
}

/// Runs a prepared `dossier()` command.
pub fn run_command(command: &mut Command) -> Run {
    let output = command.output().expect("dossier runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// `dossier brief SUBJECT --vault VAULT --format FORMAT --as-of AS_OF -o -`, then `extra`.
pub fn brief(vault: impl AsRef<Path>, subject: &str, format: &str, extra: &[&str]) -> Run {
    let vault = vault.as_ref().display().to_string();
    let mut args = vec!["brief", subject, "--vault", &vault, "--format", format, "--as-of", AS_OF, "-o", "-"];
    args.extend_from_slice(extra);
    run(&args)
}

pub fn run(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    run_in(dir.path(), args)
}

/// Copies the folder `from` (a vault) to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, to prove a run changed nothing.
pub fn snapshot_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            out.insert(entry.path().to_path_buf(), std::fs::read(entry.path()).expect("read"));
        }
    }
    out
}

pub fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}):\n{s}"))
}
