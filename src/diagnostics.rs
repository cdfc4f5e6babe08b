//! Problems found in the vault: each names a vault-relative path and a 1-based line.
//!
//! A problem in a note never stops a run; it is collected here, printed to standard error,
//! and listed by `check` and in the report's data-quality section.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something in a note was lost (unparseable frontmatter, unreadable file).
    Error,
    /// Something is doubtful or incomplete, but nothing was lost.
    Warning,
    /// Worth knowing, for example a note marked `needs-review`.
    Note,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    pub path: String,
    pub line: u32,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn new(severity: Severity, path: impl Into<String>, line: u32, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), line: line.max(1), severity, message: message.into() }
    }
    pub fn error(path: impl Into<String>, line: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, line, message)
    }
    pub fn warning(path: impl Into<String>, line: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, line, message)
    }
    pub fn note(path: impl Into<String>, line: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, path, line, message)
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}: {}", self.path, self.line, self.severity.label(), self.message)
    }
}

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

/// A collector; `into_sorted` gives a deterministic order (path, line, severity, message).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}
