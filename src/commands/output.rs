//! Where a report is written: atomically, and never inside the vault unasked.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes a report. A regular file (or a new one) is written through a temporary file in the
/// same folder and a rename, so a reader never sees half a report. Anything else that exists
/// at `path` — `/dev/null`, a pipe, a terminal — is written to as it is: renaming over it
/// would replace a device with a file. A symbolic link is followed, not replaced.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    };
    if let Ok(meta) = std::fs::metadata(&path) {
        if !meta.is_file() {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            file.write_all(bytes)?;
            return Ok(());
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    crate::scratch::remove_stale(&dir);
    let mut tmp =
        crate::scratch::create_in(&dir).map_err(|e| anyhow::anyhow!("cannot write in {}: {e}", dir.display()))?;
    // Through the file itself: its errors name no temporary path, only what went wrong.
    tmp.as_file_mut().write_all(bytes).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    // A report is an ordinary file (the temporary one is private to us until renamed).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(&path).map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

/// Whether `path` (which may not exist yet) lies inside folder `root`.
pub(super) fn is_inside(path: &Path, root: &Path) -> bool {
    let Ok(root) = root.canonicalize() else { return false };
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    // Canonicalise the longest existing ancestor, then add the rest.
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return false,
        }
    }
    let Ok(mut full) = existing.canonicalize() else { return false };
    for part in rest.into_iter().rev() {
        full.push(part);
    }
    full.starts_with(&root)
}
