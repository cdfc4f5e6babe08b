//! The temporary files dossier writes beside a report or the note cache before renaming them
//! into place. Each is named for the machine and process writing it
//! (`.dossier-HOST-PID-XXXXXX.tmp`), so that a later run can remove the ones a killed run
//! left behind without touching those a running one is still writing — on this machine or
//! on another that shares the folder.

use std::path::Path;
use std::time::{Duration, SystemTime};

const PREFIX: &str = ".dossier-";
const SUFFIX: &str = ".tmp";
/// Where the writer cannot be asked after (another machine, no process list), a temporary
/// file this old is taken to be left over.
const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// A new temporary file in `dir`, named for this run.
pub fn create_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!("{PREFIX}{}-{}-", host(), std::process::id()))
        .suffix(SUFFIX)
        .tempfile_in(dir)
}

/// Removes from `dir` the temporary files of dossier runs that are no longer running. Best
/// effort: what cannot be removed stays.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let here = host();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)).filter(|n| n.ends_with(SUFFIX)) else {
            continue;
        };
        let mut parts = rest.splitn(3, '-');
        let (Some(writer_host), Some(pid)) = (parts.next(), parts.next().and_then(|p| p.parse::<u32>().ok())) else {
            continue;
        };
        let left_over = if writer_host == here && pid != std::process::id() {
            process_ended(pid).unwrap_or_else(|| older_than(&entry, ABANDONED_AFTER))
        } else {
            writer_host != here && older_than(&entry, ABANDONED_AFTER)
        };
        if left_over {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` of this machine has ended; `None` where that cannot be told.
fn process_ended(pid: u32) -> Option<bool> {
    if cfg!(target_os = "linux") {
        Some(!Path::new(&format!("/proc/{pid}")).exists())
    } else {
        None
    }
}

fn older_than(entry: &std::fs::DirEntry, age: Duration) -> bool {
    let modified = entry.metadata().and_then(|m| m.modified()).unwrap_or_else(|_| SystemTime::now());
    SystemTime::now().duration_since(modified).is_ok_and(|d| d > age)
}

/// This machine's name, in letters, digits and dots (`-` separates the name's parts).
fn host() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::env::var("HOSTNAME"))
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .unwrap_or_default();
    let name: String = name.trim().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
    if name.is_empty() {
        "host".into()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_of_ended_runs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mine = create_in(dir.path()).unwrap();
        // A process id no process has (beyond the kernel's pid_max).
        let ended = dir.path().join(format!("{PREFIX}{}-4194305-abc123{SUFFIX}", host()));
        let elsewhere = dir.path().join(format!("{PREFIX}othermachine-1-abc123{SUFFIX}"));
        let theirs = dir.path().join(".tmpabc123");
        for p in [&ended, &elsewhere, &theirs] {
            std::fs::write(p, "x").unwrap();
        }
        remove_stale(dir.path());
        assert!(mine.path().exists(), "a running run's file stays");
        assert!(elsewhere.exists(), "another machine's recent file stays");
        assert!(theirs.exists(), "files dossier did not name stay");
        assert_eq!(ended.exists(), !cfg!(target_os = "linux"), "an ended run's file goes");
    }
}
