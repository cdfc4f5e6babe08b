//! Diagnostics on a terminal: `path:line: severity: message` and the note's line, in colour
//! when the stream is a terminal.

use crate::diagnostics::{Diagnostic, Severity};

/// Writes diagnostics in the compiler style: `path:line: severity: message`, then the line
/// of the note it is about, in colour when `colour` is set (a terminal, and `NO_COLOR`
/// unset). Lines are read from the vault only when a diagnostic is printed.
pub struct Printer {
    root: std::path::PathBuf,
    pub colour: bool,
    files: std::collections::HashMap<String, Option<Vec<String>>>,
}

impl Printer {
    pub fn new(root: &std::path::Path, colour: bool) -> Printer {
        Printer { root: root.to_path_buf(), colour, files: Default::default() }
    }

    /// The 1-based `line` of vault note `path`, if it can be read.
    fn source_line(&mut self, path: &str, line: u32) -> Option<String> {
        let root = &self.root;
        let lines = self.files.entry(path.to_string()).or_insert_with(|| {
            let bytes = std::fs::read(root.join(path)).ok()?;
            let mut ignored = Vec::new();
            Some(crate::vault::decode(&bytes, path, &mut ignored).lines().map(str::to_string).collect())
        });
        let text = lines.as_ref()?.get(line.checked_sub(1)? as usize)?;
        // Control characters from a note must not reach a terminal as escape sequences.
        let clean: String = text.chars().map(|c| if c.is_control() && c != '\t' { '\u{FFFD}' } else { c }).collect();
        Some(clean.chars().take(160).collect())
    }

    pub fn write(&mut self, out: &mut dyn std::io::Write, d: &Diagnostic) -> std::io::Result<()> {
        let (on, off) = match (self.colour, d.severity) {
            (false, _) => ("", ""),
            (true, Severity::Error) => ("\x1b[1;31m", "\x1b[0m"),
            (true, Severity::Warning) => ("\x1b[1;33m", "\x1b[0m"),
            (true, Severity::Note) => ("\x1b[1;36m", "\x1b[0m"),
        };
        writeln!(out, "{}:{}: {on}{}{off}: {}", d.path, d.line, d.severity.label(), d.message)?;
        if let Some(text) = self.source_line(&d.path, d.line).filter(|t| !t.trim().is_empty()) {
            let gutter = d.line.to_string();
            let (dim, undim) = if self.colour { ("\x1b[2m", "\x1b[0m") } else { ("", "") };
            writeln!(out, "{dim}{gutter} |{undim} {text}")?;
        }
        Ok(())
    }
}

/// Whether to colour output going to `stream`: only a terminal, and never with `NO_COLOR`.
pub fn colour_for(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
