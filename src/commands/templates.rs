//! `dossier templates`: export the built-in templates, or say where each comes from.

use std::io::Write;
use std::path::Path;

use super::output::write_atomically;
use super::{UsageError, EXIT_OK};
use crate::render::{self, Templates};

/// The template context reference, written beside exported templates.
const CONTEXT_FILE_NAME: &str = "CONTEXT.md";

/// `dossier templates export DIR`: the built-in templates, to restyle.
pub(super) fn export_templates(dir: &Path, force: bool, out: &mut dyn Write) -> anyhow::Result<i32> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let existing: Vec<&str> =
        render::BUILT_IN.iter().map(|(name, _)| *name).filter(|name| dir.join(name).exists()).collect();
    if !force && !existing.is_empty() {
        return Err(UsageError(format!(
            "{} already holds {}; pass --force to replace them",
            dir.display(),
            existing.join(", ")
        ))
        .into());
    }
    let context = render::context::reference();
    for (name, text) in render::BUILT_IN.iter().copied().chain([(CONTEXT_FILE_NAME, context.as_str())]) {
        write_atomically(&dir.join(name), text.as_bytes())?;
        writeln!(out, "wrote {}", dir.join(name).display())?;
    }
    writeln!(
        out,
        "use them with --templates {}; a template missing there falls back to the built-in one",
        dir.display()
    )?;
    Ok(EXIT_OK)
}

pub(super) fn list_templates(dir: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<i32> {
    let templates = Templates { dir: dir.map(Path::to_path_buf) };
    for (name, _) in render::BUILT_IN {
        let (_, origin) = templates.load(name)?;
        writeln!(out, "{name:<16} {origin}")?;
    }
    Ok(EXIT_OK)
}
