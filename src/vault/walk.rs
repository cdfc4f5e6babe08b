//! Finds the vault's Markdown files: sorted by path, dot-folders skipped, symlinks followed but
//! never into a loop (walkdir detects the loop and we report it), and never out of the vault
//! unless the settings allow it: a report holds only what the vault holds.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone)]
pub struct MarkdownFile {
    /// Vault-relative path with `/` separators (lossy if the name is not UTF-8).
    pub relative: String,
    /// The same path as the OS knows it, to open the file.
    pub relative_os: PathBuf,
}

#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<MarkdownFile>,
    /// The `.base` files (Obsidian's Bases): not notes, but views that notes embed.
    pub bases: Vec<MarkdownFile>,
    pub diagnostics: Vec<Diagnostic>,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

pub fn markdown_files(root: &Path, follow_links_out: bool) -> Walked {
    let mut walked = Walked::default();
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let skipped_links = std::cell::RefCell::new(Vec::new());
    let stays_inside = |e: &walkdir::DirEntry| {
        if follow_links_out || !e.path_is_symlink() {
            return true;
        }
        match e.path().canonicalize() {
            Ok(target) if target.starts_with(&real_root) => true,
            // A dangling link: walkdir reports it as it would any unreadable entry.
            Err(_) => true,
            Ok(target) => {
                let path = e.path().strip_prefix(root).map(relative_string).unwrap_or_default();
                let message = format!(
                    "symbolic link leads out of the vault (to {}): not followed (follow-links-out-of-vault)",
                    target.display()
                );
                skipped_links.borrow_mut().push(Diagnostic::warning(path, 1, message));
                false
            }
        }
    };
    // Not sorted while walking (walkdir's sort compares paths it parses again for every
    // comparison): the list is sorted once at the end, by its `/`-separated strings.
    let walker = WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || (!is_hidden(e.file_name()) && stays_inside(e)));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map(relative_string)
                    .unwrap_or_else(|| ".".to_string());
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loops back to a folder above it: not followed".to_string()
                } else {
                    format!("cannot read: {}", e.io_error().map_or_else(|| e.to_string(), |io| io.to_string()))
                };
                walked.diagnostics.push(Diagnostic::warning(path, 1, message));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let extension = entry.path().extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase);
        let list = match extension.as_deref() {
            Some("md") => &mut walked.files,
            Some("base") => &mut walked.bases,
            _ => continue,
        };
        let Ok(rel) = entry.path().strip_prefix(root) else { continue };
        list.push(MarkdownFile { relative: relative_string(rel), relative_os: rel.to_path_buf() });
    }
    walked.files.sort_by(|a, b| a.relative.cmp(&b.relative));
    walked.bases.sort_by(|a, b| a.relative.cmp(&b.relative));
    walked.diagnostics.extend(skipped_links.into_inner());
    walked
}

/// A relative path as a `/`-separated string.
fn relative_string(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
