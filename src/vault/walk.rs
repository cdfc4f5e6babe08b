//! Finds the vault's Markdown files: sorted, dot-folders skipped, symlinks followed but
//! never into a loop (walkdir detects the loop and we report it).

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
    pub diagnostics: Vec<Diagnostic>,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

pub fn markdown_files(root: &Path) -> Walked {
    let mut walked = Walked::default();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
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
        let is_md = entry.path().extension().and_then(|x| x.to_str()).is_some_and(|x| x.eq_ignore_ascii_case("md"));
        if !is_md {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else { continue };
        walked.files.push(MarkdownFile { relative: relative_string(rel), relative_os: rel.to_path_buf() });
    }
    walked
}

/// A relative path as a `/`-separated string.
fn relative_string(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
