//! `dossier cache`: where the note cache is, what it holds, and `--clear` to empty it.

use std::io::Write;

use super::EXIT_OK;
use crate::vault::cache;

pub(super) fn cache(clear: bool, out: &mut dyn Write) -> anyhow::Result<i32> {
    let Some(folder) = cache::folder() else {
        writeln!(out, "this system has no cache folder: nothing is cached")?;
        return Ok(EXIT_OK);
    };
    let files = cache::files_in(&folder);
    let total: u64 = files.iter().map(|f| f.bytes).sum();
    if clear {
        let mut removed = 0;
        for f in &files {
            if std::fs::remove_file(&f.path).is_ok() {
                removed += 1;
            }
        }
        crate::scratch::remove_stale(&folder);
        writeln!(out, "removed {removed} cache file{} ({}) from {}", plural(removed), size(total), folder.display())?;
        return Ok(EXIT_OK);
    }
    writeln!(out, "note cache: {}", folder.display())?;
    // Most recently used first, as a user looks for the vault just worked on.
    for f in files.iter().rev() {
        let name = f.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let used: chrono::DateTime<chrono::Local> = f.last_used.into();
        writeln!(out, "  {name}  {}  last used {}", size(f.bytes), used.format("%Y-%m-%d %H:%M"))?;
    }
    writeln!(
        out,
        "{} file{}, {} of at most {} (DOSSIER_CACHE_MAX_MB); `dossier cache --clear` empties it",
        files.len(),
        plural(files.len()),
        size(total),
        size(cache::size_limit())
    )?;
    Ok(EXIT_OK)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `1.8 kB`, `38.2 MB`: decimal units, one decimal.
fn size(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} kB", b / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", b / 1e6),
        _ => format!("{:.1} GB", b / 1e9),
    }
}
