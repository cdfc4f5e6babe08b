//! `--watch`: write the report, then again after every change to a note or to the settings.

use std::io::Write;

use super::{run_once, EXIT_FAILURE, EXIT_USAGE};
use crate::cli::Cli;
use crate::config;

/// `--watch`: write the report, then again after every change to a note or to the
/// settings, once a burst of changes has settled. Runs until interrupted.
pub(super) fn watch(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = notify::recommended_watcher(tx).and_then(|mut w| {
        w.watch(&cli.vault, RecursiveMode::Recursive)?;
        Ok(w)
    });
    let _watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            let _ = writeln!(err, "error: cannot watch {}: {e}", cli.vault.display());
            return EXIT_FAILURE;
        }
    };
    // The report itself may be written inside the vault (with -o): its own writes are not news.
    let own = cli.output().and_then(|o| o.output.as_deref()).and_then(|p| p.canonicalize().ok());
    let roots: Vec<std::path::PathBuf> =
        [Some(cli.vault.clone()), cli.vault.canonicalize().ok()].into_iter().flatten().collect();
    let relevant = |event: &notify::Result<notify::Event>| {
        let Ok(event) = event else { return false };
        if event.kind.is_access() {
            return false;
        }
        event.paths.iter().any(|p| {
            // Notes, and the bases notes embed.
            let is_note = p.extension().is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("base"));
            let is_settings = p.file_name().is_some_and(|n| n == config::CONFIG_FILE_NAME);
            // Dot-folders inside the vault (.obsidian, .trash) are not notes; the vault's own
            // path may well contain one (a temporary folder), so only the part below it counts.
            let inside = roots.iter().find_map(|r| p.strip_prefix(r).ok()).unwrap_or(p);
            let hidden = inside.components().any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')));
            let ours = own.as_ref().is_some_and(|o| p.canonicalize().ok().as_ref() == Some(o) || p == o);
            (is_note || is_settings) && !hidden && !ours
        })
    };
    // The watch starts before the first report, so no change made after it is missed.
    let code = run_once(cli, out, err);
    if code == EXIT_USAGE {
        return code;
    }
    let _ = writeln!(err, "watching {} for changes (Ctrl-C to stop)", cli.vault.display());
    loop {
        let Ok(first) = rx.recv() else { return EXIT_FAILURE };
        let mut changed = relevant(&first);
        while let Ok(next) = rx.recv_timeout(std::time::Duration::from_millis(300)) {
            changed |= relevant(&next);
        }
        if changed {
            let code = run_once(cli, out, err);
            let _ = writeln!(err, "[{}] written again (exit {code})", chrono::Local::now().format("%H:%M:%S"));
        }
    }
}
