//! `dossier config`: the effective settings, each with where it comes from.

use std::io::Write;

use super::EXIT_OK;
use crate::cli::Cli;
use crate::config::{self, Settings};
use crate::vault;

/// `dossier config`: every setting as TOML, each with where its value comes from.
pub(super) fn show_config(cli: &Cli, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<i32> {
    let file = config::locate(&cli.vault, cli.config.as_deref());
    let written = file.as_ref().and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    let table: toml::Table = written.parse().unwrap_or_default();
    let origin = file.as_ref().map_or_else(|| "dossier.toml".to_string(), |p| p.display().to_string());
    match &file {
        Some(p) => writeln!(out, "# configuration file: {}", p.display())?,
        None => writeln!(
            out,
            "# no configuration file ({} not found): every value is the default",
            cli.vault.join(config::CONFIG_FILE_NAME).display()
        )?,
    }
    if settings.home_organization.is_none() {
        writeln!(out, "# home-organization is not set: inferred from the people notes on every run")?;
    }
    if settings.templates.is_none() {
        writeln!(out, "# templates is not set: the built-in templates are used (see `dossier templates export`)")?;
    }
    match vault::cache::location(&cli.vault, false).filter(|_| settings.cache && !cli.no_cache) {
        Some(file) => writeln!(out, "# note cache: {} (safe to delete at any time)", file.display())?,
        None => writeln!(out, "# note cache: off")?,
    }
    let text = toml::to_string(settings)?;
    let mut section: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            section = header.split('.').map(str::to_string).collect();
            writeln!(out, "{line}")?;
            continue;
        }
        let Some((key, _)) = trimmed.split_once(" = ") else {
            writeln!(out, "{line}")?;
            continue;
        };
        let mut path = section.clone();
        path.push(key.trim().to_string());
        let from_file = path
            .iter()
            .try_fold(&table, |t, k| match t.get(k) {
                Some(toml::Value::Table(inner)) => Some(inner),
                Some(_) if k == path.last().expect("a key") => Some(t),
                _ => None,
            })
            .is_some_and(|t| t.contains_key(path.last().expect("a key")));
        let source = if from_file {
            format!("{origin}:{}", config::line_of_key(&written, &path.join(".")))
        } else {
            "default".to_string()
        };
        writeln!(out, "{line}  # {source}")?;
    }
    Ok(EXIT_OK)
}
