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
